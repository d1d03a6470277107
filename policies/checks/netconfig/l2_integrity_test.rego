package slate.checks.netconfig.l2_integrity_test

import data.slate.checks.netconfig.breadth_fixtures_test as bx
import data.slate.checks.netconfig.fixtures_test as fx
import data.slate.checks.netconfig.l2_integrity as check

access_switch(fields) := bx.device(object.union(
	{"interfaces": array.concat(fx.good.interfaces, [bx.port({"name": "Gi0/1", "dot1x": true, "line": 60})])},
	fields,
))

test_protected_switch_passes if {
	inp := fx.input_with([access_switch({})])
	count(check.deny) == 0 with input as inp
	check.assessed == {"control"} with input as inp
}

test_missing_features_fail if {
	dev := access_switch({
		"dhcp_snooping": {"enabled": false, "line": 0},
		"arp_inspection": {"enabled": false, "line": 0},
	})
	findings := check.deny with input as fx.input_with([dev])
	{[f.subject, f.zone, f.message, f.evidence] | some f in findings} == {[
		"device:sw1", "control",
		"sw1 has access ports in use in OT zone control but does not enable dynamic ARP inspection or DHCP snooping (add ARP ACLs for statically addressed devices before enabling dynamic ARP inspection, or they lose ARP)",
		[{"document": "netconfig/net", "record": "sw1.cfg", "file": "sw1.cfg"}],
	]}
}

test_feature_turned_off_cites_its_line if {
	dev := access_switch({"arp_inspection": {"enabled": false, "line": 21}})
	findings := check.deny with input as fx.input_with([dev])
	{[f.message, f.evidence] | some f in findings} == {[
		"sw1 has access ports in use in OT zone control but does not enable dynamic ARP inspection (add ARP ACLs for statically addressed devices before enabling dynamic ARP inspection, or they lose ARP)",
		[fx.ref("sw1.cfg", 21)],
	]}
}

test_switch_without_ports_in_use_passes if {
	unprotected := {"dhcp_snooping": {"enabled": false, "line": 0}, "arp_inspection": {"enabled": false, "line": 0}}
	shut := bx.device(object.union(unprotected, {"interfaces": [bx.port({"name": "Gi0/1", "shutdown": true, "line": 60})]}))
	it_only := bx.device(object.union(unprotected, {"interfaces": [bx.port({"name": "Gi0/1", "zone": "dmz", "line": 60})]}))
	count(check.deny) == 0 with input as fx.input_with([shut])
	check.assessed == {"control"} with input as fx.input_with([shut])
	count(check.deny) == 0 with input as fx.input_with([it_only])
	count(check.assessed) == 0 with input as fx.input_with([it_only])
}

test_no_configurations_assess_nothing if {
	count(check.deny) == 0 with input as fx.no_configs
	count(check.assessed) == 0 with input as fx.no_configs
}

test_snooping_alone_needs_no_arp_advice if {
	dev := access_switch({"dhcp_snooping": {"enabled": false, "line": 0}})
	findings := check.deny with input as fx.input_with([dev])
	{f.message | some f in findings} == {"sw1 has access ports in use in OT zone control but does not enable DHCP snooping"}
}
