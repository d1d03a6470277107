package slate.checks.identity.privileged_mfa_test

import data.slate.checks.identity.fixtures_test as fx
import data.slate.checks.identity.privileged_mfa

test_compliant_is_quiet if {
	count(privileged_mfa.deny) == 0 with input as fx.compliant
	privileged_mfa.assessed == {"control", "dmz"} with input as fx.compliant
}

test_excluded_admin if {
	adm := fx.user({"id": "adm2", "name": "Break Glass", "line": 6, "privileged": true, "enforcement": "excluded", "excluded_by": ["Require MFA"]})
	findings := privileged_mfa.deny with input as fx.input_with([fx.good_admin, adm], [], "blocked")
	{f.message | some f in findings} == {"privileged account Break Glass has no enforced MFA: the account is excluded from Require MFA"}
	{f.zone | some f in findings} == {""}
}

test_disabled_admin_is_ignored if {
	adm := fx.user({"id": "old", "line": 7, "privileged": true, "enabled": false})
	count(privileged_mfa.deny) == 0 with input as fx.input_with([fx.good_admin, adm], [], "blocked")
}

test_unresolved_admin_fails_closed if {
	adm := fx.user({"id": "adm3", "line": 8, "privileged": true, "enforcement": "unresolved"})
	inp := fx.input_with([fx.good_admin, adm], [], "blocked")
	count(privileged_mfa.deny) == 0 with input as inp
	count(privileged_mfa.assessed) == 0 with input as inp
}
