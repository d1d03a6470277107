# Shared fixtures for the inventory check tests.
package slate.checks.inventory.fixtures_test

zones := [
	{"name": "control", "kind": "ot", "networks": ["10.30.0.0/24"], "vlans": [30]},
	{"name": "enterprise", "kind": "it", "networks": ["10.10.0.0/16"], "vlans": []},
]

asset(fields) := object.union({"id": sprintf("inv.csv:%d", [fields.line]), "file": "inv.csv"}, fields)

input_with(assets) := {
	"assessment": {"name": "t", "as_of": "2026-11-01", "zones": zones, "conduits": []},
	"evidence": {"assets": [{"id": "assets/inv", "data": {"assets": assets}}]},
}

complete_plc := asset({
	"line": 2, "name": "plc-01", "ip": "10.30.0.10", "vendor": "Siemens", "model": "S7-1500",
	"firmware": "V2.9", "zone": "control", "last_patched": "2026-06-01", "end_of_support": "2031-12-31",
})

complete_pc := asset({
	"line": 3, "name": "erp-01", "ip": "10.10.4.2", "vendor": "Dell", "model": "R650",
	"firmware": "2.1", "zone": "enterprise", "last_patched": "2026-09-01",
})

no_inventory := {
	"assessment": {"name": "t", "as_of": "2026-11-01", "zones": zones, "conduits": []},
	"evidence": {"assets": []},
}
