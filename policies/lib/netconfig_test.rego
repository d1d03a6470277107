package slate.lib.netconfig_test

import data.slate.checks.netconfig.fixtures_test as fx
import data.slate.lib.netconfig

test_zone_by_majority_of_interfaces if {
	dev := fx.device({"interfaces": [
		fx.iface({"name": "a", "zone": "dmz", "line": 1}),
		fx.iface({"name": "b", "zone": "control", "line": 3}),
		fx.iface({"name": "c", "zone": "control", "line": 5}),
	]})
	netconfig.device_zone == {"netconfig/net|sw1.cfg": "control"} with input as fx.input_with([dev])
	netconfig.assessed_zones == {"control"} with input as fx.input_with([dev])
}

test_zone_tie_goes_to_first_name if {
	netconfig.device_zone == {"netconfig/net|sw1.cfg": "control"} with input as fx.input_with([fx.good])
}

test_management_zone_wins if {
	dev := fx.device({"management_zone": "dmz"})
	netconfig.device_zone == {"netconfig/net|sw1.cfg": "dmz"} with input as fx.input_with([dev])
}

test_no_zone if {
	dev := fx.device({"interfaces": [fx.iface({"name": "a", "line": 1})]})
	netconfig.device_zone == {"netconfig/net|sw1.cfg": ""} with input as fx.input_with([dev])
	count(netconfig.assessed_zones) == 0 with input as fx.input_with([dev])
}

test_boundary_interfaces if {
	names := {i.name | some i in netconfig.boundary_interfaces} with input as fx.input_with([fx.good])
	names == {"Vlan10", "Vlan20"}
	one := fx.device({"interfaces": [fx.iface({"name": "a", "zone": "control", "line": 1})]})
	count(netconfig.boundary_interfaces) == 0 with input as fx.input_with([one])
}
