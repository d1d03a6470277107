# METADATA
# title: No shared or generic accounts reach OT
# description: >-
#   No account with access to the OT zones is shared or generic (marked
#   shared in the export, named like operator1, admin, hmi, vendor, or
#   called shared by its display name or description, such as
#   "Operations admin (shared)" or "generic account for the night
#   shift"), so that every action in OT is attributable to one person.
# scope: package
# custom:
#   id: SLATE-IDM-006
#   requirements:
#     - iec62443-3-3:SR 1.1 RE 1
#     - nist-800-53r5:IA-2
#     - nist-800-53r5:AC-2
#   why: >-
#     IEC 62443-3-3 SR 1.1 RE 1 (unique identification and authentication,
#     SL 2): a shared or group login no longer identifies one person. SP
#     800-53r5 IA-2 (uniquely identify and authenticate organizational
#     users) and AC-2 (account management, which conditions group and
#     shared accounts).
#   severity: medium
#   owner: OT
#   remediation: >-
#     Replace shared and generic accounts with named personal accounts; where
#     a shared operator account is unavoidable on an HMI, keep it local,
#     restrict it to that station and log who holds the shift.
package slate.checks.identity.shared_accounts

import data.slate.lib.identity

blocked contains z if {
	some user in identity.users
	user.ot_access == "unknown"
	identity.shared(user)
	some z in identity.zone_names
}

assessed contains z if {
	identity.ot_resolved
	some z in identity.ot_scope
	not z in blocked
}

deny contains finding if {
	some user in identity.users
	identity.ot_user(user)
	identity.shared(user)
	some zone in identity.finding_zones(user)
	finding := {
		"subject": identity.subject(user),
		"zone": zone,
		"message": sprintf("%s is a shared or generic account (%s) with OT access via %s", [identity.label(user), identity.shared_reason(user), concat(", ", user.ot_access_via)]),
		"evidence": [identity.ref(user)],
	}
}
