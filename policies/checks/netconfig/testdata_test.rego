# Shared fixtures for the netconfig check tests.
package slate.checks.netconfig.fixtures_test

zones := [
	{"name": "control", "kind": "ot", "networks": ["10.10.0.0/24"], "vlans": [10]},
	{"name": "dmz", "kind": "it", "networks": ["10.20.0.0/24"], "vlans": [20]},
]

# good is a device that passes every check.
good := {
	"file": "sw1.cfg", "vendor": "cisco_ios", "hostname": "sw1", "hostname_line": 3,
	"management_address": "", "management_zone": "",
	"management": {
		"ssh": {"enabled": true, "version": "2", "line": 5},
		"telnet": {"enabled": false, "line": 0},
		"http": {"enabled": false, "line": 6},
		"https": {"enabled": false, "line": 0},
		"lines": [{
			"kind": "vty", "name": "vty 0 4", "transport_input": ["ssh"], "access_class": "MGMT",
			"exec_timeout_seconds": 600, "exec_timeout_default": true, "login": "aaa", "line": 40,
		}],
	},
	"users": [{"name": "admin", "privilege": "15", "password": {"class": "scrypt_type9", "strength": "strong", "line": 8}, "line": 8}],
	"enable_secret": {"class": "scrypt_type9", "strength": "strong", "line": 7},
	"password_policy": {"enforced": true, "min_length": 12, "character_classes": 3, "setting": "aaa common-criteria policy PW", "line": 4},
	"snmp": {"communities": [], "v3_users": [{"name": "mon", "level": "priv", "line": 30}], "trap_hosts": []},
	"logging": {"hosts": [{"address": "10.10.0.20", "line": 31}], "buffered": {"enabled": true, "line": 32}, "trap_level": "", "trap_severity": 6, "trap_severity_known": true, "trap_severity_line": 0, "timestamps": {"enabled": true, "line": 2}},
	"ntp": {"servers": [{"address": "10.10.0.30", "key": true, "line": 33}], "authentication": {"enabled": true, "line": 34}},
	"banner": {"present": true, "kind": "login", "line": 35},
	"interfaces": [
		iface({"name": "Vlan10", "zone": "control", "acl_in": "CONTROL-IN", "line": 20}),
		iface({"name": "Vlan20", "zone": "dmz", "acl_in": "DMZ-IN", "line": 23}),
	],
	"acls": [
		{"name": "CONTROL-IN", "type": "extended", "entries": [], "ends_in_deny": true, "line": 50},
		{"name": "DMZ-IN", "type": "extended", "entries": [], "ends_in_deny": true, "line": 55},
	],
}

iface(fields) := object.union(
	{
		"description": "", "shutdown": false, "mode": "routed", "access_vlan": 0, "acl_out": "",
		"addresses": [{"prefix": "10.0.0.1/24", "zone": object.get(fields, "zone", ""), "line": fields.line + 1}],
		"physical": false, "spare": false, "zone_source": "address",
	},
	fields,
)

device(fields) := object.union(good, fields)

input_with(devs) := {
	"assessment": {"name": "t", "as_of": "2026-11-01", "zones": zones, "conduits": []},
	"evidence": {"netconfig": [{"id": "netconfig/net", "data": {"devices": devs}}]},
}

no_configs := {
	"assessment": {"name": "t", "as_of": "2026-11-01", "zones": zones, "conduits": []},
	"evidence": {"netconfig": []},
}

ref(file, line) := {"document": "netconfig/net", "record": file, "file": file, "line": line}
