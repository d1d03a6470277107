package slate.checks.netconfig.boundary_acl_test

import data.slate.checks.netconfig.boundary_acl as check
import data.slate.checks.netconfig.fixtures_test as fx

findings(dev) := fs if {
	fs := check.deny with input as fx.input_with([dev])
}

entry(action, line) := {"action": action, "protocol": "ip", "src": "any", "src_ports": "", "dst": "any", "dst_ports": "", "line": line}

tcp_to_host(line) := {"action": "permit", "protocol": "tcp", "src": "any", "src_ports": "", "dst": "10.10.0.5/32", "dst_ports": "eq 502", "line": line}

test_guarded_boundary_passes if {
	count(check.deny) == 0 with input as fx.input_with([fx.good])
	check.assessed == {"control"} with input as fx.input_with([fx.good])
}

test_single_zone_device_is_no_boundary if {
	dev := fx.device({"interfaces": [fx.iface({"name": "Vlan10", "zone": "control", "line": 20})]})
	count(findings(dev)) == 0
}

# Cisco and Junos filters end in an implicit deny: no explicit final deny
# is no finding there.
test_implicit_deny_passes if {
	dev := fx.device({"acls": [
		{"name": "CONTROL-IN", "type": "extended", "entries": [tcp_to_host(51)], "ends_in_deny": false, "line": 50},
		{"name": "DMZ-IN", "type": "extended", "entries": [tcp_to_host(56)], "ends_in_deny": false, "line": 55},
	]})
	count(findings(dev)) == 0
}

test_unguarded_boundaries_fail if {
	dev := fx.device({
		"interfaces": [
			fx.iface({"name": "Vlan10", "zone": "control", "acl_in": "", "line": 20}),
			fx.iface({"name": "Vlan20", "zone": "dmz", "acl_in": "DMZ-IN", "line": 23}),
			fx.iface({"name": "Vlan30", "zone": "dmz", "acl_in": "NOPE", "line": 26}),
			fx.iface({"name": "Vlan40", "zone": "dmz", "acl_in": "", "shutdown": true, "line": 29}),
		],
		"acls": [{"name": "DMZ-IN", "type": "extended", "entries": [tcp_to_host(56), entry("permit", 57)], "ends_in_deny": false, "line": 55}],
	})
	{[f.kind, f.subject, f.zone, f.message, f.evidence] | some f in findings(dev)} == {
		["no-filter", "interface:sw1/Vlan10", "control", "sw1 interface Vlan10 (zone control) has no inbound ACL", [fx.ref("sw1.cfg", 20)]],
		[
			"permit-any", "interface:sw1/Vlan20", "dmz",
			"sw1 interface Vlan20 (zone dmz) applies inbound ACL DMZ-IN, which permits any traffic (line 57): nothing is denied by default",
			[fx.ref("sw1.cfg", 23), fx.ref("sw1.cfg", 57)],
		],
		["no-filter", "interface:sw1/Vlan30", "dmz", "sw1 interface Vlan30 (zone dmz) applies inbound ACL NOPE, which the configuration does not define", [fx.ref("sw1.cfg", 26)]],
	}
}

with_dmz(entries) := fx.device({"acls": [
	fx.good.acls[0],
	{"name": "DMZ-IN", "type": "filter", "entries": entries, "ends_in_deny": false, "line": 55},
]})

test_permit_any_shapes if {
	junos_accept_all := {"action": "permit", "protocol": "", "src": "", "src_ports": "", "dst": "", "dst_ports": "", "line": 57}
	port_only := {"action": "permit", "protocol": "", "src": "", "src_ports": "", "dst": "", "dst_ports": "22", "line": 57}
	{f.kind | some f in findings(with_dmz([junos_accept_all]))} == {"permit-any"}
	count(findings(with_dmz([port_only]))) == 0
	count(findings(with_dmz([entry("deny", 56), tcp_to_host(57)]))) == 0
}

test_comware_needs_a_final_deny if {
	acl := {"name": "DMZ-IN", "type": "extended", "entries": [tcp_to_host(56)], "ends_in_deny": false, "line": 55}
	dev := fx.device({"vendor": "hp_comware", "acls": [fx.good.acls[0], acl]})
	{[f.kind, f.message] | some f in findings(dev)} == {[
		"no-default-deny",
		"sw1 interface Vlan20 (zone dmz) applies inbound ACL DMZ-IN, which lets packets it does not match pass (Comware) and does not end in a deny",
	]}
	closed := fx.device({"vendor": "hp_comware", "acls": [fx.good.acls[0], object.union(acl, {"ends_in_deny": true})]})
	count(findings(closed)) == 0
}
