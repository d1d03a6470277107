package slate.checks.network.conduits_test

import data.slate.checks.network.conduits
import data.slate.checks.network.fixtures_test as fx

test_declared_conduit_passes if {
	port := fx.flow("flow:1", "modbus", "10.20.0.4", "dmz", "10.30.0.10", 503, "control", {})
	name := fx.flow("flow:2", "opcua", "10.20.0.4", "dmz", "10.30.0.10", 4840, "control", {})
	local := fx.flow("flow:3", "http", "10.30.0.4", "control", "10.30.0.10", 80, "control", {})
	outside := fx.flow("flow:4", "dns", "10.30.0.4", "control", "8.8.8.8", 53, "", {})
	count(conduits.deny) == 0 with input as fx.input_with([port, name, local, outside], [])
	conduits.assessed == {"control"} with input as fx.input_with([port, name, local, outside], [])
}

test_undeclared_flow_fails if {
	wrong_way := fx.flow("flow:1", "modbus", "10.30.0.10", "control", "10.20.0.4", 502, "dmz", {})
	no_conduit := fx.flow("flow:2", "", "10.10.4.2", "enterprise", "10.30.0.10", 3389, "control", {})
	findings := conduits.deny with input as fx.input_with([wrong_way, no_conduit], [])
	count(findings) == 2
	some x in findings
	x.evidence == [{"document": "pcap/span", "record": "flow:2"}]
	x.zone == "control"
	x.message == "10.10.4.2 in zone enterprise reaches 10.30.0.10:3389 in zone control over tcp/3389 (an unidentified protocol) with no conduit allowing it"
	x.exposure == {"crosses_boundary": true, "from": "it", "conduit": "undeclared"}
}

test_devices_on_a_zone_vlan_make_it_assessed if {
	conduits.assessed == {"control"} with input as fx.input_with([], [{"id": "10.30.0.9", "zone": "control", "vlans": [30]}])
	count(conduits.assessed) == 0 with input as fx.input_with([], [{"id": "10.30.0.9", "zone": "control"}])
}

# A capture speaks for the zones it saw inside: two zones with flows
# inside them are assessed, the far end of a crossing flow is not.
test_capture_assesses_the_zones_it_saw_inside if {
	ctl := fx.flow("flow:1", "modbus", "10.30.0.4", "control", "10.30.0.10", 502, "control", {})
	ent := fx.flow("flow:2", "tls", "10.10.0.4", "enterprise", "10.10.0.10", 443, "enterprise", {})
	conduits.assessed == {"control", "enterprise"} with input as fx.input_with([ctl, ent], [])
	cross := fx.flow("flow:3", "modbus", "10.20.0.4", "dmz", "10.30.0.10", 502, "control", {})
	conduits.assessed == {"control", "enterprise"} with input as fx.input_with([ctl, ent, cross], [])
}

test_crossing_flow_alone_assesses_no_zone if {
	cross := fx.flow("flow:1", "", "10.10.4.2", "enterprise", "10.30.0.10", 3389, "control", {})
	inp := fx.input_with([cross], [])
	count(conduits.assessed) == 0 with input as inp

	# ... but its finding is a fact, in the zone it reaches.
	{f.zone | some f in conduits.deny} == {"control"} with input as inp
}

test_flow_on_a_zone_vlan_assesses_the_zone if {
	cross := object.union(fx.flow("flow:1", "opcua", "10.20.0.4", "dmz", "10.30.0.10", 4840, "control", {}), {"vlan": 30})
	conduits.assessed == {"control"} with input as fx.input_with([cross], [])
}

test_declared_zones_are_assessed if {
	cross := fx.flow("flow:1", "opcua", "10.20.0.4", "dmz", "10.30.0.10", 4840, "control", {})
	inp := fx.declared(fx.input_with([cross], []), ["dmz", "control", "nowhere"])
	conduits.assessed == {"dmz", "control"} with input as inp
}
