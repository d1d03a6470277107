# METADATA
# title: MFA policies are enforced, not report-only
# description: >-
#   No conditional-access policy that requires MFA or an authentication
#   strength is left in report-only mode (enabledForReportingButNotEnforced):
#   such a policy logs what it would do and enforces nothing.
# scope: package
# custom:
#   id: SLATE-IDM-004
#   requirements:
#     - iec62443-3-3:SR 1.1 RE 2
#     - nist-800-53r5:IA-2(1)
#     - nist-800-53r5:IA-2(2)
#   why: >-
#     A report-only MFA policy enforces no second factor for the accounts
#     it names: IEC 62443-3-3 SR 1.1 RE 2 (multifactor authentication for
#     untrusted networks, SL 3), SP 800-53r5 IA-2(1) (privileged) and
#     IA-2(2) (non-privileged accounts).
#   severity: medium
#   owner: IT
#   remediation: >-
#     Review the report-only results, then switch the policy to On; if it is
#     superseded, delete it so that it does not suggest protection.
package slate.checks.identity.report_only

import data.slate.lib.identity

assessed contains z if {
	some doc in identity.documents
	doc.data.summary.policies_known
	some z in identity.doc_zones[doc.id]
}

deny contains finding if {
	some policy in identity.policies
	policy.requires_mfa
	policy.state == "report_only"
	finding := {
		"subject": sprintf("policy:%s", [policy.name]),
		"zone": "",
		"message": sprintf("MFA policy %q is report-only and enforces nothing", [policy.name]),
		"evidence": [identity.policy_ref(policy)],
	}
}
