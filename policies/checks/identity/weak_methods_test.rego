package slate.checks.identity.weak_methods_test

import data.slate.checks.identity.fixtures_test as fx
import data.slate.checks.identity.weak_methods

test_strong_methods_are_quiet if {
	count(weak_methods.deny) == 0 with input as fx.compliant
	weak_methods.assessed == {"control", "dmz"} with input as fx.compliant
}

test_sms_admin_fires_above_sl2_only if {
	adm := fx.user({
		"id": "adm4", "upn": "adm4@plant.example", "line": 9, "privileged": true, "mfa_enforced": true,
		"enforcement": "enforced", "methods": ["SMS"], "weak_methods": true, "weakest_allowed": "sms_voice",
	})
	findings := weak_methods.deny with input as fx.input_with([fx.good_admin, adm], [], "blocked")
	{[f.subject, f.zone] | some f in findings} == {["user:adm4", "control"]}
	{f.message | some f in findings} == {"privileged account adm4@plant.example can satisfy MFA with SMS or voice, below what SL 3 in zone control needs"}
}

test_registered_sms_with_strong_policy_is_quiet if {
	adm := fx.user({"id": "adm5", "line": 10, "privileged": true, "weak_methods": true, "mfa_enforced": true, "weakest_allowed": "phishing_resistant"})
	count(weak_methods.deny) == 0 with input as fx.input_with([adm], [], "blocked")
}
