# METADATA
# title: Remote access to OT zones requires enforced MFA
# description: >-
#   Every account that reaches the OT zones through a remote-access path
#   (a VPN profile, remote-access app or OT access group named in the
#   source's ot_access_groups and remote_access_apps) is covered by an
#   enabled policy that enforces multifactor authentication, is not
#   excluded from it, and is not covered only in report-only mode.
# scope: package
# custom:
#   id: SLATE-IDM-001
#   requirements:
#     - iec62443-3-3:SR 1.1 RE 2
#     - nist-800-53r5:IA-2(1)
#     - nist-800-53r5:IA-2(2)
#   why: >-
#     IEC 62443-3-3 SR 1.1 RE 2 (multifactor authentication for untrusted
#     networks, SL 3): remote access arrives over networks the zone does not
#     trust. SP 800-53r5 IA-2(1) for privileged and IA-2(2) for
#     non-privileged accounts; each finding names the one that fits its
#     account (SR 1.1 RE 2 also reaches AC-17 through the curated
#     mapping). Not SR 1.13 base (access via untrusted networks is
#     monitored and controlled): the account's path is the declared one,
#     and SLATE-JOIN-002 reports paths that bypass it. Not SR 1.13 RE 1 (explicit access request approval): the
#     identity export does not say whether connections are approved.
#   severity: high
#   owner: IT
#   remediation: >-
#     Require MFA for every remote-access path into OT: enforce a
#     conditional-access or sign-on policy (not report-only) on the VPN and
#     remote-access apps, remove exclusions for OT users, and require MFA on
#     the VPN appliance or jump host itself for local accounts.
package slate.checks.identity.remote_access_mfa

import data.slate.lib.identity

# remote_ot: an OT user with a remote-access path, or any OT user of a
# cloud identity provider (its sign-ins come from outside the OT zones).
remote_ot(user) if {
	identity.ot_user(user)
	count(object.get(user, "remote_access", [])) > 0
}

remote_ot(user) if {
	identity.ot_user(user)
	user.provider in {"entra", "okta"}
}

path(user) := concat(", ", user.remote_access) if count(user.remote_access) > 0

path(user) := concat(", ", user.ot_access_via) if count(user.remote_access) == 0

# Users whose MFA is not settled and who are, or may be, remote OT users.
blocked contains z if {
	some user in identity.users
	remote_ot(user)
	identity.undecided(user)
	some z in identity.blocked_zones(user)
}

blocked contains z if {
	some user in identity.users
	user.ot_access == "unknown"
	not user.mfa_enforced
	some z in identity.zone_names
}

assessed contains z if {
	identity.ot_resolved
	some z in identity.ot_scope
	not z in blocked
}

deny contains finding if {
	some user in identity.users
	remote_ot(user)
	not user.mfa_enforced
	not identity.undecided(user)
	some zone in identity.finding_zones(user)
	finding := {
		"requirements": ["iec62443-3-3:SR 1.1 RE 2", identity.ia2(user)],
		"subject": identity.subject(user),
		"zone": zone,
		"message": sprintf("%s reaches OT remotely via %s without enforced MFA: %s", [identity.label(user), path(user), identity.why_not(user)]),
		"evidence": [identity.ref(user)],
	}
}
