package slate.checks.network.conduits_test

import data.slate.checks.network.conduits
import data.slate.checks.network.fixtures_test as fx

test_declared_conduit_passes if {
	port := fx.flow("flow:1", "modbus", "10.20.0.4", "dmz", "10.30.0.10", 503, "control", {})
	name := fx.flow("flow:2", "opcua", "10.20.0.4", "dmz", "10.30.0.10", 4840, "control", {})
	local := fx.flow("flow:3", "http", "10.30.0.4", "control", "10.30.0.10", 80, "control", {})
	outside := fx.flow("flow:4", "dns", "10.30.0.4", "control", "8.8.8.8", 53, "", {})
	count(conduits.deny) == 0 with input as fx.input_with([port, name, local, outside], [])
	conduits.assessed == {"dmz", "control"} with input as fx.input_with([port, name, local, outside], [])
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

test_assets_make_zones_assessed if {
	conduits.assessed == {"control"} with input as fx.input_with([], [{"id": "10.30.0.9", "zone": "control"}])
}
