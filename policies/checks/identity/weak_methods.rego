# METADATA
# title: Privileged access above SL 2 does not accept SMS or voice
# description: >-
#   In zones whose FR1 target security level is above 2, privileged
#   accounts cannot satisfy MFA with SMS, voice or e-mail codes: the
#   policies that enforce their MFA require app, OTP or phishing-resistant
#   methods, and they have no such weak method to fall back on.
# scope: package
# custom:
#   id: SLATE-IDM-005
#   requirements:
#     - iec62443-3-3:SR 1.1 RE 2
#     - iec62443-3-3:SR 1.5
#     - nist-800-53r5:IA-2(1)
#     - nist-800-53r5:IA-5
#   severity: medium
#   owner: IT
#   remediation: >-
#     Require an authentication strength without SMS and voice (for example
#     phishing-resistant MFA) for administrators, disable SMS and voice in
#     the authentication methods policy for them, and remove registered
#     phone methods.
package slate.checks.identity.weak_methods

import data.slate.lib.identity

high_zones := {zone.name | some zone in input.assessment.zones; identity.fr1_target(zone) > 2}

privileged := [user | some user in identity.users; user.privileged; object.get(user, "enabled", true)]

weak(user) if user.weakest_allowed == "sms_voice"

weak(user) if {
	user.weak_methods
	not object.get(user, "weakest_allowed", "") in {"app_or_otp", "phishing_resistant"}
}

# In zones at SL 2 or below the check has nothing to object to, so with
# privileged users in the evidence every zone their source speaks for is
# assessed.
assessed contains z if {
	some user in privileged
	some z in identity.doc_zones[user.document]
}

zones_of(user) := {z | some z in identity.user_zones(user); z in high_zones} if count(identity.user_zones(user)) > 0

zones_of(user) := high_zones if count(identity.user_zones(user)) == 0

deny contains finding if {
	some user in privileged
	weak(user)
	some zone in zones_of(user)
	finding := {
		"subject": identity.subject(user),
		"zone": zone,
		"message": sprintf("privileged account %s can satisfy MFA with SMS or voice, below what SL %d in zone %s needs", [identity.label(user), identity.fr1_target([z | some z in input.assessment.zones; z.name == zone][0]), zone]),
		"evidence": [identity.ref(user)],
	}
}
