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
	{[f.kind, f.subject, f.zone, f.message, f.evidence] | some f in findings} == {[
		"unidentified-device", "device:sw1", "control",
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

# An uplink, a link to another switch or a port listing several devices
# never gets the one-MAC advice: it gets its own, low finding whose advice
# keeps the devices behind it reachable.
test_shared_ports_get_safe_advice if {
	dev := with_ports([
		bx.port({"name": "Gi1/9", "description": "uplink cell 1 (plc-01, plc-02)", "line": 60}),
		bx.port({"name": "Gi1/11", "description": "to-sw-cell-02", "line": 62}),
		bx.port({"name": "Gi1/12", "description": "core", "line": 64}),
		bx.port({"name": "Gi1/13", "description": "hmi-01", "line": 66}),
	])
	findings := check.deny with input as fx.input_with([dev])
	{[f.kind, f.evidence[0].line, object.get(f, "severity", "")] | some f in findings} == {
		["shared-port", 60, "low"],
		["shared-port", 62, "low"],
		["shared-port", 64, "low"],
		["unidentified-device", 66, ""],
	}
	some f in findings
	f.evidence[0].line == 60
	f.message == `sw1 port Gi1/9 in OT zone control carries several devices ("uplink cell 1 (plc-01, plc-02)") and identifies none of them; do not pin it to one MAC address, which would cut them off: use 802.1X multi-auth with MAB and a fallback VLAN, or port security with a maximum above the number of devices behind it`
	every g in [g | some g in findings; g.kind == "shared-port"] {
		not contains(g.message, "Gi1/13")
	}
}

test_shared_port_that_identifies_passes if {
	dev := with_ports([
		bx.port({"name": "Gi1/9", "description": "uplink cell 1", "dot1x": true, "line": 60}),
		bx.port({"name": "Gi1/10", "description": "uplink cell 2", "port_security": true, "line": 62}),
	])
	count(check.deny) == 0 with input as fx.input_with([dev])
}
