# METADATA
# title: Legacy authentication is blocked
# description: >-
#   The identity provider blocks legacy authentication protocols (Exchange
#   ActiveSync and other clients that cannot do MFA) for all users and
#   apps, so that MFA cannot be bypassed with a password alone.
# scope: package
# custom:
#   id: SLATE-IDM-003
#   requirements:
#     - iec62443-3-3:SR 1.1 RE 2
#     - nist-800-53r5:IA-2(1)
#     - nist-800-53r5:IA-2(2)
#   why: >-
#     Legacy clients authenticate with a password alone, so every account,
#     privileged or not, can sign in around its MFA: IEC 62443-3-3 SR 1.1
#     RE 2 (multifactor authentication for untrusted networks, SL 3), SP
#     800-53r5 IA-2(1) and IA-2(2). Not SR 1.1 / IA-2 base: users are still
#     identified and authenticated.
#   severity: medium
#   owner: IT
#   remediation: >-
#     Enable a conditional-access policy for all users and all cloud apps
#     with client apps "Exchange ActiveSync" and "Other clients" and grant
#     control Block, without exclusions.
package slate.checks.identity.legacy_auth

import data.slate.lib.identity

judged := [doc | some doc in identity.documents; doc.data.summary.legacy_auth != "unknown"]

assessed contains z if {
	some doc in judged
	some z in identity.doc_zones[doc.id]
}

deny contains finding if {
	some doc in judged
	doc.data.summary.legacy_auth == "not_blocked"
	finding := {
		"subject": sprintf("idp:%s", [doc.source]),
		"zone": "",
		"message": sprintf("no enabled policy in %s blocks legacy authentication for all users and apps", [doc.id]),
		"evidence": [{"document": doc.id}],
	}
}
