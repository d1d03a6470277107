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
