# Shared fixtures for the joined check tests: a site with an enterprise
# network, a DMZ, a control zone and a cell, one firewall between the
# first three and one layer-3 switch between control and cell.
package slate.checks.joined.fixtures_test

zones := [
	{"name": "enterprise", "kind": "it", "networks": ["10.10.0.0/16"], "vlans": [10]},
	{"name": "dmz", "kind": "dmz", "networks": ["10.20.0.0/24"], "vlans": [20]},
	{"name": "control", "kind": "ot", "networks": ["10.30.0.0/24"], "vlans": [30]},
	{"name": "cell", "kind": "ot", "networks": ["10.40.1.0/24"], "vlans": [41]},
]

conduits := [
	{"name": "enterprise-dmz", "from": "enterprise", "to": "dmz", "services": ["https", "rdp"]},
	{"name": "dmz-control", "from": "dmz", "to": "control", "services": ["opcua", "modbus", "tcp/5900-5903", "rdp", "ssh"]},
	{"name": "control-cell", "from": "control", "to": "cell", "services": ["s7comm", "modbus"]},
]

# --- captures --------------------------------------------------------------

flow(id, proto, cip, czone, sip, sport, szone, facts) := {
	"id": id, "transport": "tcp", "protocol": proto, "identified_by": "payload",
	"client": {"ip": cip, "port": 50000, "zone": czone, "mac": "02:00:00:00:00:01"},
	"server": {"ip": sip, "port": sport, "zone": szone, "mac": "02:00:00:00:00:02"},
	"facts": facts, "vlan": 30,
}

wire(ip, mac, vendor, zone, vlans) := {
	"id": ip, "ips": [ip], "mac": mac, "vendor": vendor, "zone": zone, "vlans": vlans,
	"serves": [], "uses": ["modbus"],
}

# capture watched for 25 hours, more than the default min_observation.
capture := {"path": "span.pcap", "packets": 100, "first_seen": "2026-10-28T08:00:00Z", "last_seen": "2026-10-29T09:00:00Z"}

pcap_doc(flows, assets) := {
	"id": "pcap/span", "source": "span",
	"provenance": {"observed_from": capture.first_seen, "observed_to": capture.last_seen},
	"data": {"flows": flows, "assets": assets, "captures": [capture]},
}

modbus_read := {"ops": [{"class": "read", "name": "read_holding_registers", "code": 3, "count": 9}]}

modbus_write := {"ops": [{"class": "write", "name": "write_single_register", "code": 6, "count": 1}]}

ua_none := {"attrs": {"security_mode": "None", "security_policy": "None"}}

ua_encrypted := {"attrs": {"security_policy": "Basic256Sha256", "certificate": "present"}}

# --- configurations --------------------------------------------------------

iface(name, zone, acl_in, acl_out, line) := {
	"name": name, "zone": zone, "acl_in": acl_in, "acl_out": acl_out, "line": line, "shutdown": false,
	"addresses": [{"prefix": "10.0.0.1/24", "zone": zone, "line": line + 1}],
}

rule(action, protocol, src, dst, dst_ports, line) := {
	"action": action, "protocol": protocol, "src": src, "src_ports": "", "dst": dst, "dst_ports": dst_ports, "line": line,
}

acl(name, entries, line) := {"name": name, "type": "extended", "entries": entries, "line": line}

# fw is an ASA between enterprise, DMZ and control: the enterprise may
# reach the DMZ's web server; the DMZ may reach the SCADA server over
# OPC UA and Modbus and every HMI over RDP; all else is denied.
fw_acls := [
	acl(
		"ent_in", [
			rule("permit", "tcp", "10.10.0.0 255.255.0.0", "10.20.0.15/32", "eq https", 45),
			rule("deny", "ip", "any", "any", "", 46),
		],
		45,
	),
	acl(
		"dmz_in", [
			rule("remark", "", "", "", "", 48),
			rule("permit", "tcp", "10.20.0.15/32", "10.30.0.10/32", "eq 4840", 49),
			rule("permit", "tcp", "10.20.0.15/32", "10.30.0.10/32", "eq 502", 50),
			rule("permit", "tcp", "10.20.0.30/32", "10.30.0.0 255.255.255.0", "eq 3389", 51),
			rule("permit", "tcp", "object-group JUMP", "10.30.0.0 255.255.255.0", "eq ssh", 52),
			rule("deny", "ip", "any", "any", "", 53),
		],
		48,
	),
]

fw := {
	"file": "fw.asa", "vendor": "cisco_asa", "hostname": "fw", "hostname_line": 2,
	"interfaces": [
		iface("Gi1/1", "enterprise", "ent_in", "", 10),
		iface("Gi1/2", "dmz", "dmz_in", "", 14),
		iface("Gi1/3", "control", "", "", 18),
		object.union(iface("Mgmt", "", "", "", 22), {"shutdown": true}),
	],
	"acls": fw_acls,
}

# sw routes between control and cell without any ACL.
sw := {
	"file": "sw.cfg", "vendor": "cisco_ios", "hostname": "sw", "hostname_line": 3,
	"interfaces": [
		object.union(iface("Gi1/1", "control", "", "", 20), {"addresses": []}),
		iface("Vlan30", "control", "", "", 30),
		iface("Vlan41", "cell", "", "", 33),
	],
	"acls": [],
}

device(base, fields) := object.union(base, fields)

netconfig_doc(devs) := {"id": "netconfig/net", "data": {"devices": devs}}

# --- identity --------------------------------------------------------------

user(id, line, fields) := object.union(
	{
		"id": id, "name": id, "provider": "csv", "file": "vpn.csv", "line": line,
		"remote_access": ["OT-VPN"], "ot_access": "yes", "ot_access_via": ["remote:OT-VPN"], "ot_zones": [],
		"mfa_enforced": true, "enforcement": "enforced", "excluded_by": [], "report_only_by": [],
	},
	fields,
)

no_mfa := {"mfa_enforced": false, "enforcement": "not_covered"}

mfa_doc(users) := {
	"id": "mfa/vpn",
	"data": {
		"users": users, "policies": [],
		"ot_mapping": {"configured": true, "groups": ["OT"], "group_zones": {"OT": ["control", "cell"]}, "remote_access_apps": ["OT-VPN"]},
	},
}

# --- inventory -------------------------------------------------------------

asset(line, fields) := object.union({"id": sprintf("inv.csv:%d", [line]), "file": "inv.csv", "line": line}, fields)

assets_doc(assets) := {"id": "assets/inv", "data": {"assets": assets}}

# --- inputs ----------------------------------------------------------------

assessment := {"name": "t", "as_of": "2026-11-01", "zones": zones, "conduits": conduits}

input_with(evidence) := {"assessment": assessment, "evidence": evidence}

pcap_ref(id) := {"document": "pcap/span", "record": id}

cfg_ref(file, line) := {"document": "netconfig/net", "record": file, "file": file, "line": line}
