# METADATA
# title: Privileged accounts have enforced MFA
# description: >-
#   Every privileged account (an identity-provider admin role, a role named
#   in the source's privileged_roles, or marked privileged in the export)
#   is covered by an enabled policy that enforces multifactor
#   authentication on all networks.
# scope: package
# custom:
#   id: SLATE-IDM-002
#   requirements:
#     - iec62443-3-3:SR 1.1 RE 2
#     - iec62443-3-3:SR 1.1 RE 3
#     - nist-800-53r5:IA-2(1)
#   why: >-
#     IEC 62443-3-3 SR 1.1 RE 3 (multifactor authentication for all
#     networks, SL 4) and SR 1.1 RE 2 (for untrusted networks, SL 3): an
#     administrator signs in from any network, trusted or not. SP 800-53r5
#     IA-2(1) (multi-factor authentication to privileged accounts).
#   severity: high
#   owner: IT
#   remediation: >-
#     Enforce MFA for every administrator: an enabled conditional-access or
#     sign-on policy including all admin roles with no exclusions other than
#     documented break-glass accounts, and MFA on local privileged accounts
#     of OT systems.
package slate.checks.identity.privileged_mfa

import data.slate.lib.identity

privileged := [user | some user in identity.users; user.privileged; object.get(user, "enabled", true)]

blocked contains z if {
	some user in privileged
	identity.undecided(user)
	some z in identity.blocked_zones(user)
}

assessed contains z if {
	some user in privileged
	some z in identity.doc_zones[user.document]
	not z in blocked
}

deny contains finding if {
	some user in privileged
	not user.mfa_enforced
	not identity.undecided(user)
	some zone in identity.finding_zones(user)
	finding := {
		"subject": identity.subject(user),
		"zone": zone,
		"message": sprintf("privileged account %s has no enforced MFA: %s", [identity.label(user), identity.why_not(user)]),
		"evidence": [identity.ref(user)],
	}
}
