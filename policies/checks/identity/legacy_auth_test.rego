package slate.checks.identity.legacy_auth_test

import data.slate.checks.identity.fixtures_test as fx
import data.slate.checks.identity.legacy_auth

test_blocked_is_quiet if {
	count(legacy_auth.deny) == 0 with input as fx.compliant
	legacy_auth.assessed == {"control", "dmz"} with input as fx.compliant
}

test_not_blocked if {
	findings := legacy_auth.deny with input as fx.input_with([], [fx.policy({"id": "p1", "name": "MFA"})], "not_blocked")
	{f.subject | some f in findings} == {"idp:idp"}
}

test_unknown_assesses_nothing if {
	inp := fx.input_with([fx.good_admin], [], "unknown")
	count(legacy_auth.deny) == 0 with input as inp
	count(legacy_auth.assessed) == 0 with input as inp
}
