package slate.checks.identity.remote_access_mfa_test

import data.slate.checks.identity.fixtures_test as fx
import data.slate.checks.identity.remote_access_mfa

test_compliant_is_quiet if {
	count(remote_access_mfa.deny) == 0 with input as fx.compliant
	remote_access_mfa.assessed == {"control", "dmz"} with input as fx.compliant
}

test_remote_user_without_mfa if {
	vendor := fx.user({
		"id": "vendor", "line": 4, "remote_access": ["OT-VPN"], "ot_access": "yes",
		"ot_access_via": ["remote:OT-VPN"], "ot_zones": ["control"],
	})
	findings := remote_access_mfa.deny with input as fx.input_with([fx.good_engineer, vendor], [], "blocked")
	findings == {{
		"requirements": ["iec62443-3-3:SR 1.1 RE 2", "nist-800-53r5:IA-2(2)"],
		"subject": "user:vendor", "zone": "control",
		"message": "vendor reaches OT remotely via OT-VPN without enforced MFA: no enforcing MFA policy covers the account",
		"evidence": [{"document": "mfa/idp", "record": "vendor", "file": "users.csv", "line": 4}],
	}}
}

test_unresolved_user_is_not_assessed if {
	u := fx.user({"id": "x", "line": 5, "remote_access": ["OT-VPN"], "ot_access": "yes", "enforcement": "unresolved"})
	inp := fx.input_with([fx.good_engineer, u], [], "blocked")
	count(remote_access_mfa.deny) == 0 with input as inp
	count(remote_access_mfa.assessed) == 0 with input as inp
}

test_no_identity_assesses_nothing if {
	count(remote_access_mfa.assessed) == 0 with input as fx.no_identity
	count(remote_access_mfa.deny) == 0 with input as fx.no_identity
}

test_cloud_user_in_ot_group_without_mfa if {
	u := fx.user({"id": "c1", "provider": "entra", "upn": "c1@plant.example", "line": 0, "ot_access": "yes", "ot_access_via": ["group:OT-VPN-Users"], "enforcement": "report_only", "report_only_by": ["Require MFA"]})
	findings := remote_access_mfa.deny with input as fx.input_with([fx.good_engineer, u], [], "blocked")
	{f.message | some f in findings} == {"c1@plant.example reaches OT remotely via group:OT-VPN-Users without enforced MFA: the MFA policy Require MFA is report-only"}
}

test_unknown_ot_access_for_everyone_assesses_nothing if {
	u := fx.user({"id": "p1", "provider": "entra", "ot_access": "unknown", "mfa_enforced": true, "enforcement": "enforced"})
	count(remote_access_mfa.assessed) == 0 with input as fx.input_with([u], [], "blocked")
}

# A privileged account fails IA-2(1), not IA-2(2).
test_privileged_remote_user_fails_ia2_1 if {
	adm := fx.user({
		"id": "opsadmin", "line": 4, "privileged": true, "remote_access": ["OT-VPN"], "ot_access": "yes",
		"ot_access_via": ["remote:OT-VPN"], "ot_zones": ["control"],
	})
	findings := remote_access_mfa.deny with input as fx.input_with([fx.good_engineer, adm], [], "blocked")
	[f.requirements | some f in findings] == [["iec62443-3-3:SR 1.1 RE 2", "nist-800-53r5:IA-2(1)"]]
}
