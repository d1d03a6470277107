package slate.checks.inventory.completeness_test

import data.slate.checks.inventory.completeness
import data.slate.checks.inventory.fixtures_test as fx

test_complete_inventory_passes if {
	count(completeness.deny) == 0 with input as fx.input_with([fx.complete_plc, fx.complete_pc])
	completeness.assessed == {"control", "enterprise"} with input as fx.input_with([fx.complete_plc, fx.complete_pc])
}

test_missing_properties_are_named if {
	hmi := fx.asset({"line": 4, "name": "hmi-02", "ip": "10.30.0.20", "vendor": "Siemens", "zone": "control"})
	findings := completeness.deny with input as fx.input_with([fx.complete_plc, fx.complete_pc, hmi])
	count(findings) == 1
	some f in findings
	f.subject == "asset:hmi-02"
	f.zone == "control"
	f.message == "hmi-02 has no model, firmware in the inventory"
	f.evidence == [{"document": "assets/inv", "record": "inv.csv:4", "file": "inv.csv", "line": 4}]
}

test_asset_without_address if {
	sw := fx.asset({"line": 5, "name": "sw-9", "vendor": "Hirschmann", "model": "RSP", "firmware": "9.0", "zone": "control"})
	findings := completeness.deny with input as fx.input_with([fx.complete_plc, fx.complete_pc, sw])
	{f.message | some f in findings} == {"sw-9 has no IP or MAC address in the inventory"}
}

test_empty_zone_is_a_finding if {
	findings := completeness.deny with input as fx.input_with([fx.complete_plc])
	{f.subject | some f in findings} == {"zone:enterprise"}
}

test_no_inventory_assesses_nothing if {
	count(completeness.assessed) == 0 with input as fx.no_inventory
	count(completeness.deny) == 0 with input as fx.no_inventory
}
