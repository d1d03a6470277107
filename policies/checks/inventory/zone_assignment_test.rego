package slate.checks.inventory.zone_assignment_test

import data.slate.checks.inventory.fixtures_test as fx
import data.slate.checks.inventory.zone_assignment

test_assets_in_their_zones_pass if {
	count(zone_assignment.deny) == 0 with input as fx.input_with([fx.complete_plc, fx.complete_pc])
}

test_address_outside_every_zone if {
	stray := fx.asset({"line": 7, "name": "laptop", "ip": "192.168.1.5"})
	findings := zone_assignment.deny with input as fx.input_with([fx.complete_plc, stray])
	count(findings) == 1
	some f in findings
	f.zone == ""
	f.message == "laptop (192.168.1.5) is on a network of no declared zone"
}

test_undeclared_zone_in_inventory if {
	odd := fx.asset({"line": 8, "name": "rtu-1", "ip": "10.30.0.77", "zone": "substation"})
	findings := zone_assignment.deny with input as fx.input_with([odd])
	count(findings) == 1
	some f in findings
	f.zone == "control"
	contains(f.message, "\"substation\"")
}

test_inventory_zone_disagrees_with_network if {
	moved := fx.asset({"line": 9, "name": "eng-ws", "ip": "10.10.7.7", "zone": "control"})
	findings := zone_assignment.deny with input as fx.input_with([moved])
	count(findings) == 1
	some f in findings
	f.zone == "enterprise"
	f.severity == "high"
}
