# METADATA
# title: Accounts with OT access and privileged accounts do not rely on SMS or voice
# description: >-
#   No account with access to the OT zones can satisfy MFA with SMS, voice
#   or e-mail codes, whatever the zone's security level: the codes travel
#   through the telephone network and can be redirected (SIM swap, number
#   porting) or phished. In zones whose FR1 target security level is above
#   2, privileged accounts of the identity provider are held to the same,
#   OT access or not. A finding is medium in zones at SL-T 2 or below and
#   high above.
# scope: package
# custom:
#   id: SLATE-IDM-005
#   requirements:
#     - iec62443-3-3:SR 1.1 RE 2
#     - iec62443-3-3:SR 1.5
#     - nist-800-53r5:IA-2(1)
#     - nist-800-53r5:IA-2(2)
#     - nist-800-53r5:IA-5
#   findings:
#     - kind: weak-method
#       requirements:
#         - iec62443-3-3:SR 1.5
#         - nist-800-53r5:IA-5
#       why: >-
#         IEC 62443-3-3 SR 1.5 (authenticator management) asks that
#         authenticators be protected from disclosure when transmitted; an
#         SMS or voice code crosses the telephone network unprotected. SP
#         800-53r5 IA-5 (authenticator management). At SL-T 2 or below
#         multifactor authentication is not itself required (SR 1.1 RE 2 is
#         SL 3), so SR 1.1 RE 2 is not failed.
#     - kind: weak-method-above-sl2
#       requirements:
#         - iec62443-3-3:SR 1.1 RE 2
#         - iec62443-3-3:SR 1.5
#         - nist-800-53r5:IA-2(1)
#         - nist-800-53r5:IA-2(2)
#         - nist-800-53r5:IA-5
#       why: >-
#         In a zone at SL-T 3 or more, IEC 62443-3-3 SR 1.1 RE 2
#         (multifactor authentication for untrusted networks, SL 3) is
#         required, and a factor that can be redirected does not carry it;
#         SR 1.5 and IA-5 as for weak-method; SP 800-53r5 IA-2(1) for
#         privileged and IA-2(2) for non-privileged accounts (each finding
#         names the one that fits its account).
#   severity: medium
#   owner: IT
#   remediation: >-
#     Require an authentication strength without SMS and voice (an
#     authenticator app with number matching, or phishing-resistant MFA)
#     for every account that reaches OT, vendors included, and for
#     administrators; disable SMS and voice in the authentication methods
#     policy for them, and remove registered phone methods.
package slate.checks.identity.weak_methods

import data.slate.lib.identity

high_zones := {zone.name | some zone in input.assessment.zones; identity.fr1_target(zone) > 2}

enabled(user) if object.get(user, "enabled", true)

privileged := [user | some user in identity.users; user.privileged; enabled(user)]

# blocked: a user who can use a weak method and whose OT access is unknown
# may reach any zone.
blocked contains z if {
	some user in identity.users
	user.ot_access == "unknown"
	enabled(user)
	identity.weak_method(user)
	some z in identity.zone_names
}

# Where the identity evidence says who reaches the OT zones, the zones it
# speaks for are assessed; privileged users in the evidence speak for
# the zones of their source as well.
assessed contains z if {
	identity.ot_resolved
	some z in identity.ot_scope
	not z in blocked
}

assessed contains z if {
	some user in privileged
	some z in identity.doc_zones[user.document]
	not z in blocked
}

# subjects are, per user who can use a weak method, the zones a finding
# names: an OT user's zones (or "" for the whole site); a privileged user
# without OT access, the zones above SL 2 it is tied to, else all of them.
subjects contains [user, zone] if {
	some user in identity.users
	enabled(user)
	identity.ot_user(user)
	identity.weak_method(user)
	some zone in identity.finding_zones(user)
}

subjects contains [user, zone] if {
	some user in privileged
	not identity.ot_user(user)
	identity.weak_method(user)
	some zone in privileged_zones(user)
}

privileged_zones(user) := {z | some z in identity.user_zones(user); z in high_zones} if count(identity.user_zones(user)) > 0

privileged_zones(user) := high_zones if count(identity.user_zones(user)) == 0

kind(sl) := "weak-method" if sl <= 2

kind(sl) := "weak-method-above-sl2" if sl > 2

requirements(_, sl) := ["iec62443-3-3:SR 1.5", "nist-800-53r5:IA-5"] if sl <= 2

requirements(user, sl) := ["iec62443-3-3:SR 1.1 RE 2", "iec62443-3-3:SR 1.5", identity.ia2(user), "nist-800-53r5:IA-5"] if sl > 2

severity(sl) := "medium" if sl <= 2

severity(sl) := "high" if sl > 2

account(user) := sprintf("privileged account %s", [identity.label(user)]) if user.privileged

account(user) := sprintf("account %s", [identity.label(user)]) if not user.privileged

access(user) := sprintf(" with OT access via %s", [concat(", ", user.ot_access_via)]) if identity.ot_user(user)

access(user) := "" if not identity.ot_user(user)

methods(user) := sprintf(" (registered: %s)", [concat(", ", user.methods)]) if count(user.methods) > 0

methods(user) := "" if count(user.methods) == 0

where("") := "every zone"

where(zone) := sprintf("zone %s", [zone]) if zone != ""

deny contains finding if {
	some [user, zone] in subjects
	sl := identity.fr1_of(zone)
	finding := {
		"kind": kind(sl),
		"requirements": requirements(user, sl),
		"severity": severity(sl),
		"subject": identity.subject(user),
		"zone": zone,
		"message": sprintf("%s%s can satisfy MFA with SMS or voice%s; FR1 SL-T %d in %s", [
			account(user), access(user), methods(user), sl, where(zone),
		]),
		"evidence": [identity.ref(user)],
	}
}
