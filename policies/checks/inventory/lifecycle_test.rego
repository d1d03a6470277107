package slate.checks.inventory.lifecycle_test

import data.slate.checks.inventory.fixtures_test as fx
import data.slate.checks.inventory.lifecycle

test_supported_and_patched_passes if {
	count(lifecycle.deny) == 0 with input as fx.input_with([fx.complete_plc, fx.complete_pc])
	lifecycle.assessed == {"control", "enterprise"} with input as fx.input_with([fx.complete_plc, fx.complete_pc])
}

test_past_end_of_support if {
	old := fx.asset({"line": 4, "name": "hmi-xp", "ip": "10.30.0.30", "vendor": "Wonderware", "model": "Panel", "zone": "control", "end_of_support": "2014-04-08"})
	findings := lifecycle.deny with input as fx.input_with([old])
	count(findings) == 1
	some f in findings
	f.zone == "control"
	f.message == "hmi-xp (Wonderware Panel) is past vendor support since 2014-04-08"
	f.kind == "past-support"
}

test_stale_patch if {
	stale := object.union(fx.complete_plc, {"last_patched": "2025-10-31"})
	findings := lifecycle.deny with input as fx.input_with([stale])
	count(findings) == 1
	some f in findings
	f.severity == "low"
	f.kind == "patch-overdue"
	endswith(f.message, "no security advisories were collected, so patch age stands in for known vulnerabilities")
}

test_stale_patch_gives_way_to_advisories if {
	stale := object.union(fx.complete_plc, {"last_patched": "2025-10-31"})
	other := object.union(fx.complete_pc, {"last_patched": "2024-01-01"})
	matched := {"subject": {"record": stale.id, "ref": "asset:plc-01"}}
	inp := object.union(fx.input_with([stale, other]), {"index": {"advisories": {"matches": [matched]}}})
	findings := lifecycle.deny with input as inp
	count(findings) == 1
	some f in findings
	f.subject == "asset:erp-01"
	endswith(f.message, "no security advisory matched it, so patch age stands in for known vulnerabilities")
}

test_patch_exactly_a_year_old_passes if {
	edge := object.union(fx.complete_plc, {"last_patched": "2025-11-01"})
	count(lifecycle.deny) == 0 with input as fx.input_with([edge])
}

test_no_lifecycle_data_is_not_assessed if {
	bare := fx.asset({"line": 2, "name": "plc-01", "ip": "10.30.0.10", "zone": "control"})
	count(lifecycle.assessed) == 0 with input as fx.input_with([bare])
}
