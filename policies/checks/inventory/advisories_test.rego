package slate.checks.inventory.advisories_test

import data.slate.checks.inventory.advisories
import data.slate.checks.inventory.fixtures_test as fx

subject(fields) := object.union(
	{
		"ref": "asset:plc-01", "source": "inventory", "document": "assets/inv", "record": "inv.csv:2",
		"name": "plc-01", "ip": "10.30.0.10", "zone": "control", "vendor": "Siemens", "model": "S7-1516F-3 PN/DP",
		"order_number": "", "firmware": "V2.8", "cpe": "", "purl": "",
	},
	fields,
)

match(fields) := object.union(
	{
		"subject": subject({}), "advisory": "ICSA-22-286-04", "title": "t", "file": "csaf/a.json", "document": "advisories/csaf",
		"product": "SIMATIC S7-1500 CPU family", "product_id": "P5", "range": "< V2.9.2", "status": "affected",
		"confidence": "family", "why": ["family", "version \"V2.8\" is in \"< V2.9.2\""], "cves": ["CVE-2022-38465"],
		"cvss": 7.5, "kev": [], "fix_available": true, "fixed_version": "V2.9.2", "reachable_from": [],
		"remediations": [
			{"category": "vendor_fix", "details": "Update to V2.9.2 or later version", "products": ["P5"]},
			{"category": "mitigation", "details": "Use legacy PG/PC communication only in trusted networks", "products": ["P5"]},
		],
	},
	fields,
)

with_matches(ms) := object.union(fx.input_with([fx.complete_plc]), {"index": {"advisories": {"matches": ms, "ignored": [], "advisories": 1}}})

test_fix_not_applied_is_high if {
	findings := advisories.deny with input as with_matches([match({})])
	count(findings) == 1
	some f in findings
	f.kind == "fix-not-applied"
	f.severity == "high"
	f.zone == "control"
	f.subject == "asset:plc-01"
	f.message == "plc-01 (Siemens S7-1516F-3 PN/DP, firmware V2.8 seen in the inventory) is affected by ICSA-22-286-04 (CVE-2022-38465, CVSS 7.5): update to V2.9.2 or later"
	f.evidence[1] == {"document": "advisories/csaf", "record": "ICSA-22-286-04", "file": "csaf/a.json"}
}

test_kev_reachable_is_critical if {
	m := match({"kev": ["CVE-2022-38465"], "reachable_from": ["enterprise"]})
	some f in advisories.deny with input as with_matches([m])
	f.severity == "critical"
	contains(f.message, "in CISA KEV: CVE-2022-38465; reachable from enterprise")
	f.exposure == {"crosses_boundary": true, "from": "it"}
}

test_cvss_9_reachable_is_critical if {
	m := match({"cvss": 9.3, "reachable_from": ["control", "external"], "subject": subject({"zone": "cell", "source": "wire", "name": "", "ref": "ip:10.40.1.9", "model": "", "order_number": "6ES7 516-3FN02-0AB0"})})
	some f in advisories.deny with input as with_matches([m])
	f.severity == "critical"
	f.zone == ""
	startswith(f.message, "10.40.1.9 (Siemens 6ES7 516-3FN02-0AB0, firmware V2.8 seen on the wire)")
	f.exposure == {"crosses_boundary": true, "from": "external"}
}

test_kev_not_reachable_stays_high if {
	m := match({"kev": ["CVE-2022-38465"], "reachable_from": ["control"]})
	some f in advisories.deny with input as with_matches([m])
	f.severity == "high"
	f.exposure == {"crosses_boundary": false}
}

test_cvss_9_not_reachable_stays_high if {
	some f in advisories.deny with input as with_matches([match({"cvss": 9.8})])
	f.severity == "high"
	not contains(f.message, "no fix")
}

test_mitigations_only_is_medium if {
	long := concat("", ["x" | some _ in numbers.range(1, 200)])
	m := match({"fix_available": false, "fixed_version": "", "remediations": [
		{"category": "no_fix_planned", "details": "Currently no fix is planned"},
		{"category": "mitigation", "details": "Restrict access\nto port 102"},
		{"category": "workaround", "details": long},
		{"category": "mitigation", "details": "third"},
	]})
	findings := advisories.deny with input as with_matches([m])
	count(findings) == 1
	some f in findings
	f.kind == "mitigations-only"
	f.severity == "medium"
	contains(f.message, "no fix is available; mitigations: Restrict access to port 102 / xxx")
	endswith(f.message, "…")
	not contains(f.message, "third")
}

test_possible_fixed_and_not_affected_fail_nothing if {
	ms := [
		match({"status": "possible", "why": ["family", "no firmware version recorded for the asset"]}),
		match({"status": "fixed", "advisory": "B"}),
		match({"status": "not_affected", "advisory": "C"}),
	]
	count(advisories.deny) == 0 with input as with_matches(ms)
	notes := advisories.notes with input as with_matches(ms)
	notes == {{"zone": "control", "note": "to review: plc-01 may be affected by ICSA-22-286-04 (CVE-2022-38465): no firmware version recorded for the asset"}}
	advisories.assessed == {"control"} with input as with_matches(ms)
}

test_possible_outside_zones_noted_site_wide if {
	m := match({"status": "possible", "subject": subject({"zone": ""})})
	some n in advisories.notes with input as with_matches([m])
	n.zone == "*"
}

test_ignored_advisories_noted if {
	inp := object.union(with_matches([]), {"index": {"advisories": {"matches": [], "advisories": 0, "ignored": [{"advisory": "X", "file": "x.json", "date": "2027-01-01", "reason": "published after the assessment date 2026-11-01"}]}}})
	advisories.notes == {{"zone": "*", "note": "advisory X (x.json) ignored: published after the assessment date 2026-11-01"}} with input as inp
}

test_no_advisories_not_assessed if {
	count(advisories.assessed) == 0 with input as fx.input_with([fx.complete_plc])
	count(advisories.deny) == 0 with input as fx.input_with([fx.complete_plc])
}

test_no_match_passes if {
	advisories.assessed == {"control"} with input as with_matches([])
	count(advisories.deny) == 0 with input as with_matches([])
}

test_inventory_row_is_cited_with_its_file_and_line if {
	m := match({"subject": subject({"file": "inv.csv", "line": 2})})
	some f in advisories.deny with input as with_matches([m])
	f.evidence[0] == {"document": "assets/inv", "record": "inv.csv:2", "file": "inv.csv", "line": 2}
}

test_wire_identity_is_cited_by_its_flow if {
	m := match({"subject": subject({"source": "wire", "document": "pcap/span", "record": "flow:0123456789abcdef"})})
	some f in advisories.deny with input as with_matches([m])
	f.evidence[0] == {"document": "pcap/span", "record": "flow:0123456789abcdef"}
}
