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
	{[f.message, f.kind, f.severity] | some f in findings} == {["privileged account adm4@plant.example can satisfy MFA with SMS or voice (registered: SMS); FR1 SL-T 3 in zone control", "weak-method-above-sl2", "high"]}
	{r | some f in findings; some r in f.requirements} == {"iec62443-3-3:SR 1.1 RE 2", "iec62443-3-3:SR 1.5", "nist-800-53r5:IA-2(1)", "nist-800-53r5:IA-5"}
}

# Every account with OT access is held to it, privileged or not; the
# severity and the requirements follow the FR1 SL-T of each zone it reaches.
test_sms_ot_user_fires_in_every_zone_by_sl if {
	vendor := fx.user({
		"id": "vendor-x", "name": "Vendor X service", "line": 11, "remote_access": ["OT-VPN"], "ot_access": "yes",
		"ot_access_via": ["group:OT-VPN-Users"], "ot_zones": ["control", "dmz"], "mfa_enforced": true,
		"enforcement": "enforced", "methods": ["SMS"], "weak_methods": true, "weakest_allowed": "sms_voice",
	})
	findings := weak_methods.deny with input as fx.input_with([fx.good_engineer, vendor], [], "blocked")
	{[f.zone, f.kind, f.severity, f.message] | some f in findings} == {
		["control", "weak-method-above-sl2", "high", "account Vendor X service with OT access via group:OT-VPN-Users can satisfy MFA with SMS or voice (registered: SMS); FR1 SL-T 3 in zone control"],
		["dmz", "weak-method", "medium", "account Vendor X service with OT access via group:OT-VPN-Users can satisfy MFA with SMS or voice (registered: SMS); FR1 SL-T 2 in zone dmz"],
	}
	{[f.zone, f.requirements] | some f in findings} == {
		["control", ["iec62443-3-3:SR 1.1 RE 2", "iec62443-3-3:SR 1.5", "nist-800-53r5:IA-2(2)", "nist-800-53r5:IA-5"]],
		["dmz", ["iec62443-3-3:SR 1.5", "nist-800-53r5:IA-5"]],
	}
}

# An OT user not tied to zones is a finding for the whole site, at the
# highest SL-T; a disabled account, or one without OT access and without
# privilege, is not looked at.
test_sms_site_wide_and_out_of_scope if {
	sms := {"mfa_enforced": true, "enforcement": "enforced", "methods": ["Voice"], "weak_methods": true, "weakest_allowed": "sms_voice"}
	site := fx.user(object.union(sms, {"id": "u1", "line": 12, "ot_access": "yes", "ot_access_via": ["remote:OT-VPN"]}))
	off := fx.user(object.union(sms, {"id": "u2", "line": 13, "ot_access": "yes", "ot_access_via": ["remote:OT-VPN"], "enabled": false}))
	office := fx.user(object.union(sms, {"id": "u3", "line": 14, "ot_access": "no"}))
	findings := weak_methods.deny with input as fx.input_with([site, off, office], [], "blocked")
	{[f.subject, f.zone, f.kind] | some f in findings} == {["user:u1", "", "weak-method-above-sl2"]}
}

test_sms_user_with_unknown_access_blocks if {
	u := fx.user({"id": "u4", "line": 15, "ot_access": "unknown", "weak_methods": true, "methods": ["SMS"]})
	weak_methods.assessed == {"control", "dmz"} with input as fx.input_with([fx.good_engineer], [], "blocked")
	count(weak_methods.assessed) == 0 with input as fx.input_with([fx.good_engineer, u], [], "blocked")
}

test_registered_sms_with_strong_policy_is_quiet if {
	adm := fx.user({"id": "adm5", "line": 10, "privileged": true, "weak_methods": true, "mfa_enforced": true, "weakest_allowed": "phishing_resistant"})
	count(weak_methods.deny) == 0 with input as fx.input_with([adm], [], "blocked")
}
