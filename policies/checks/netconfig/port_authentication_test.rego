package slate.checks.netconfig.port_authentication_test

import data.slate.checks.netconfig.breadth_fixtures_test as bx
import data.slate.checks.netconfig.fixtures_test as fx
import data.slate.checks.netconfig.port_authentication as check

with_ports(ports) := bx.device({"interfaces": array.concat(fx.good.interfaces, ports)})

test_identified_or_unused_ports_pass if {
	dev := with_ports([
		bx.port({"name": "Gi0/1", "dot1x": true, "line": 60}),
		bx.port({"name": "Gi0/2", "port_security": true, "line": 62}),
		bx.port({"name": "Gi0/3", "shutdown": true, "line": 64}),
		bx.port({"name": "Gi0/4", "spare": true, "line": 66}),
		bx.port({"name": "Gi0/5", "zone": "dmz", "line": 68}),
		bx.port({"name": "Gi0/6", "mode": "trunk", "line": 70}),
	])
	inp := fx.input_with([dev])
	count(check.deny) == 0 with input as inp
	check.assessed == {"control"} with input as inp
}

test_open_access_ports_fail if {
	dev := with_ports([
		bx.port({"name": "Gi0/1", "line": 60}),
		bx.port({"name": "Gi0/2", "dot1x": true, "line": 62}),
		bx.port({"name": "Gi0/3", "line": 64}),
	])
	findings := check.deny with input as fx.input_with([dev])
	{[f.subject, f.zone, f.message, f.evidence] | some f in findings} == {[
		"device:sw1", "control",
		"sw1 has access ports in OT zone control that neither authenticate (802.1X) nor pin (port security) the attached device: Gi0/1, Gi0/3",
		[fx.ref("sw1.cfg", 60), fx.ref("sw1.cfg", 64)],
	]}
}

test_one_finding_per_ot_zone if {
	zones := array.concat(fx.zones, [{"name": "cell", "kind": "ot", "networks": ["10.40.0.0/24"], "vlans": [41]}])
	dev := with_ports([
		bx.port({"name": "Gi0/1", "line": 60}),
		bx.port({"name": "Gi0/9", "zone": "cell", "access_vlan": 41, "line": 62}),
	])
	inp := object.union(fx.input_with([dev]), {"assessment": {"zones": zones}})
	findings := check.deny with input as inp
	{[f.zone, f.evidence] | some f in findings} == {
		["control", [fx.ref("sw1.cfg", 60)]],
		["cell", [fx.ref("sw1.cfg", 62)]],
	}
	check.assessed == {"control", "cell"} with input as inp
}

test_no_access_ports_or_configurations_assess_nothing if {
	count(check.assessed) == 0 with input as fx.input_with([bx.device({})])
	count(check.deny) == 0 with input as fx.no_configs
	count(check.assessed) == 0 with input as fx.no_configs
}
