# Tests of the exposure and conduit helpers of policies/lib/network.rego
# that the check tests do not reach.
package slate.checks.network.exposure_test

import data.slate.checks.network.fixtures_test as fx
import data.slate.lib.network

exposure_of(flow) := e if {
	e := network.flow_exposure(flow) with input as fx.input_with([flow], [])
}

test_inner_flow_has_no_conduit if {
	flow := fx.flow("flow:1", "modbus", "10.30.0.4", "control", "10.30.0.10", 502, "control", {})
	exposure_of(flow) == {"crosses_boundary": false, "from": "ot"}
}

test_conduit_by_port_range_name_or_none if {
	by_range := fx.flow("flow:1", "", "10.20.0.4", "dmz", "10.30.0.10", 503, "control", {})
	by_name := fx.flow("flow:2", "opcua", "10.20.0.4", "dmz", "10.30.0.10", 4840, "control", {})
	outside_range := fx.flow("flow:3", "", "10.20.0.4", "dmz", "10.30.0.10", 504, "control", {})
	wrong_way := fx.flow("flow:4", "opcua", "10.30.0.10", "control", "10.20.0.4", 4840, "dmz", {})
	exposure_of(by_range) == {"crosses_boundary": true, "from": "it", "conduit": "declared"}
	exposure_of(by_name) == {"crosses_boundary": true, "from": "it", "conduit": "declared"}
	exposure_of(outside_range) == {"crosses_boundary": true, "from": "it", "conduit": "undeclared"}
	exposure_of(wrong_way) == {"crosses_boundary": true, "from": "ot", "conduit": "undeclared"}
}

test_outside_every_zone_is_external if {
	flow := fx.flow("flow:1", "rdp", "203.0.113.9", "", "10.30.0.21", 3389, "control", {})
	exposure_of(flow) == {"crosses_boundary": true, "from": "external", "conduit": "undeclared"}
}

# A layer-2 flow has no port: its exposure is still defined, so no finding
# that carries it is lost.
test_layer2_flow_without_port if {
	flow := {"id": "flow:1", "transport": "l2", "ethertype": "0x8892", "client": {"mac": "a", "zone": "control"}, "server": {"mac": "b", "zone": "dmz"}}
	exposure_of(flow) == {"crosses_boundary": true, "from": "ot", "conduit": "undeclared"}
}

test_any_service_admits if {
	network.admits("*", {"protocol": "", "transport": "tcp", "port": 1})
	network.admits("any", {"protocol": "", "transport": "udp", "port": 9})
}
