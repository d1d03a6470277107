package slate.checks.netconfig.boundary_acl_test

import data.slate.checks.netconfig.boundary_acl as check
import data.slate.checks.netconfig.fixtures_test as fx

test_guarded_boundary_passes if {
	count(check.deny) == 0 with input as fx.input_with([fx.good])
	check.assessed == {"control"} with input as fx.input_with([fx.good])
}

test_single_zone_device_is_no_boundary if {
	dev := fx.device({"interfaces": [fx.iface({"name": "Vlan10", "zone": "control", "line": 20})]})
	count(check.deny) == 0 with input as fx.input_with([dev])
}

test_unguarded_boundaries_fail if {
	dev := fx.device({
		"interfaces": [
			fx.iface({"name": "Vlan10", "zone": "control", "acl_in": "", "line": 20}),
			fx.iface({"name": "Vlan20", "zone": "dmz", "acl_in": "DMZ-IN", "line": 23}),
			fx.iface({"name": "Vlan30", "zone": "dmz", "acl_in": "NOPE", "line": 26}),
			fx.iface({"name": "Vlan40", "zone": "dmz", "acl_in": "", "shutdown": true, "line": 29}),
		],
		"acls": [{"name": "DMZ-IN", "type": "extended", "entries": [], "ends_in_deny": false, "line": 55}],
	})
	findings := check.deny with input as fx.input_with([dev])
	{[f.subject, f.zone, f.message] | some f in findings} == {
		["interface:sw1/Vlan10", "control", "sw1 interface Vlan10 (zone control) has no inbound ACL"],
		["interface:sw1/Vlan20", "dmz", "sw1 interface Vlan20 (zone dmz) applies inbound ACL DMZ-IN, which does not end in an explicit deny"],
		["interface:sw1/Vlan30", "dmz", "sw1 interface Vlan30 (zone dmz) applies inbound ACL NOPE, which the configuration does not define"],
	}
}
