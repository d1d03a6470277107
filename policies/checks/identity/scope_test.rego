# The identity checks assess only the zones their source's
# ot_access_groups tie groups to.
package slate.checks.identity.scope_test

import data.slate.checks.identity.fixtures_test as fx
import data.slate.checks.identity.legacy_auth
import data.slate.checks.identity.privileged_mfa
import data.slate.checks.identity.remote_access_mfa
import data.slate.checks.identity.report_only
import data.slate.checks.identity.shared_accounts
import data.slate.checks.identity.weak_methods

# with_zones(inp, group_zones) is inp with the export's OT groups tied to
# group_zones.
with_zones(inp, group_zones) := {"assessment": inp.assessment, "evidence": {"mfa": [object.union(
	object.remove(doc, ["data"]),
	{"data": object.union(object.remove(doc.data, ["ot_mapping"]), {"ot_mapping": object.union(
		object.remove(fx.mapping, ["group_zones"]),
		{"group_zones": group_zones},
	)})},
) |
	some doc in inp.evidence.mfa
]}}

assessed(inp) := x if {
	x := [
		legacy_auth.assessed, privileged_mfa.assessed, remote_access_mfa.assessed,
		report_only.assessed, shared_accounts.assessed, weak_methods.assessed,
	] with input as inp
}

test_only_the_zones_ot_access_groups_name if {
	inp := with_zones(fx.compliant, {"OT-VPN-Users": ["control", "nowhere"]})
	assessed(inp) == [{"control"}, {"control"}, {"control"}, {"control"}, {"control"}, {"control"}]
}

test_groups_without_zones_assess_no_zone if {
	inp := with_zones(fx.compliant, {})
	assessed(inp) == [set(), set(), set(), set(), set(), set()]
}

test_findings_without_zones_stay_site_wide if {
	no_mfa := fx.user({
		"id": "vendor1", "line": 9, "remote_access": ["OT-VPN"], "ot_access": "yes",
		"ot_access_via": ["remote:OT-VPN"],
	})
	inp := with_zones(fx.input_with([no_mfa], [], "not_blocked"), {})
	count(remote_access_mfa.assessed) == 0 with input as inp
	{f.zone | some f in remote_access_mfa.deny} == {""} with input as inp
	{f.zone | some f in legacy_auth.deny} == {""} with input as inp
}
