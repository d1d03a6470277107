package slate.checks.identity.shared_accounts_test

import data.slate.checks.identity.fixtures_test as fx
import data.slate.checks.identity.shared_accounts

test_named_accounts_are_quiet if {
	count(shared_accounts.deny) == 0 with input as fx.compliant
	shared_accounts.assessed == {"control", "dmz"} with input as fx.compliant
}

test_generic_operator_with_ot_access if {
	op := fx.user({
		"id": "operator1", "line": 11, "ot_access": "yes", "ot_access_via": ["group:OT-VPN-Users"],
		"shared": true, "shared_reason": "generic account name \"operator1\"",
	})
	findings := shared_accounts.deny with input as fx.input_with([fx.good_engineer, op], [], "blocked")
	{f.message | some f in findings} == {"operator1 is a shared or generic account (generic account name \"operator1\") with OT access via group:OT-VPN-Users"}
}

test_shared_without_ot_access_is_quiet if {
	op := fx.user({"id": "admin", "line": 12, "shared": true, "ot_access": "no"})
	count(shared_accounts.deny) == 0 with input as fx.input_with([op], [], "blocked")
}

test_unknown_ot_access_fails_closed if {
	op := fx.user({"id": "hmi", "line": 13, "shared": true, "ot_access": "unknown"})
	count(shared_accounts.assessed) == 0 with input as fx.input_with([op], [], "blocked")
}

# An export that says "shared" in words: the display name or the
# description. Personal names and descriptions of a person's work are
# not read as shared.
test_display_name_and_description_say_shared if {
	ops := fx.user({"id": "opsadmin", "name": "Operations admin (shared)", "line": 4, "ot_access": "yes", "ot_access_via": ["remote:OT-VPN"]})
	desk := fx.user({"id": "sd01", "name": "Service Desk", "line": 5, "ot_access": "yes", "ot_access_via": ["remote:OT-VPN"]})
	night := fx.user({"id": "n.shift", "name": "Night operator", "description": "Generic account for the night shift", "line": 6, "ot_access": "yes", "ot_access_via": ["remote:OT-VPN"]})
	team := fx.user({"id": "ctl-team", "name": "Control room", "description": "Team account, password in the shift log", "line": 7, "ot_access": "yes", "ot_access_via": ["remote:OT-VPN"]})
	findings := shared_accounts.deny with input as fx.input_with([ops, desk, night, team], [], "blocked")
	{f.message | some f in findings} == {
		"Operations admin (shared) is a shared or generic account (display name \"Operations admin (shared)\" says shared) with OT access via remote:OT-VPN",
		"Service Desk is a shared or generic account (display name \"Service Desk\" says shared) with OT access via remote:OT-VPN",
		"Night operator is a shared or generic account (description \"Generic account for the night shift\" says shared) with OT access via remote:OT-VPN",
		"Control room is a shared or generic account (description \"Team account, password in the shift log\" says shared) with OT access via remote:OT-VPN",
	}
}

test_personal_names_and_work_descriptions_are_quiet if {
	people := [
		fx.user({"id": "j.meyer", "name": "Jan Meyer", "description": "Manages shared folders", "line": 4, "ot_access": "yes"}),
		fx.user({"id": "s.sharedi", "name": "Sara Sharedi", "line": 5, "ot_access": "yes"}),
		fx.user({"id": "a.okafor", "name": "Ada Okafor", "description": "Service desk analyst", "line": 6, "ot_access": "yes"}),
		fx.user({"id": "m.rossi", "name": "Marco Rossi (Team lead, shift B)", "line": 7, "ot_access": "yes"}),
	]
	count(shared_accounts.deny) == 0 with input as fx.input_with(people, [], "blocked")
}

# A description that says shared keeps the zones of a user whose OT access
# is unknown not assessed, as the shared flag does.
test_described_shared_with_unknown_access_fails_closed if {
	op := fx.user({"id": "u7", "name": "Pool login", "description": "shared by the vendors", "line": 8, "ot_access": "unknown"})
	count(shared_accounts.assessed) == 0 with input as fx.input_with([op], [], "blocked")
}
