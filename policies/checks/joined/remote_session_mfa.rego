# METADATA
# title: Remote sessions seen into OT zones come through a path with enforced MFA
# description: >-
#   Joins the remote-access sessions seen in captures (RDP, SSH, telnet,
#   VNC, TeamViewer, AnyDesk) into OT zones from outside them with the
#   identity evidence of who may reach those zones. A session must come
#   through a declared conduit from a zone that is not an IT zone (the
#   jump host in a DMZ), into a zone whose remote-access path the identity
#   evidence covers, and neither the account the session names nor any
#   account that reaches the zone remotely may lack enforced MFA.
# scope: package
# custom:
#   id: SLATE-JOIN-002
#   requirements:
#     - iec62443-3-3:SR 1.13
#     - iec62443-3-3:SR 1.1 RE 2
#     - nist-800-53r5:AC-17
#     - nist-800-53r5:AC-17(3)
#     - nist-800-53r5:IA-2(1)
#     - nist-800-53r5:IA-2(2)
#   findings:
#     - kind: bypass
#       requirements:
#         - iec62443-3-3:SR 1.13
#         - nist-800-53r5:AC-17
#         - nist-800-53r5:AC-17(3)
#       why: >-
#         The session reaches the OT zone around the declared remote-access
#         path (no conduit admits it, or it comes straight from an IT zone):
#         IEC 62443-3-3 SR 1.13 (access via untrusted networks is monitored
#         and controlled); SP 800-53r5 AC-17 (remote access is authorized
#         before it is allowed) and AC-17(3) (remote access is routed
#         through managed access control points).
#     - kind: no-mfa-evidence
#       requirements:
#         - iec62443-3-3:SR 1.1 RE 2
#         - nist-800-53r5:IA-2(1)
#         - nist-800-53r5:IA-2(2)
#       why: >-
#         The session comes through the declared path, but no identity
#         evidence shows multifactor authentication on any path into the
#         zone: IEC 62443-3-3 SR 1.1 RE 2 (multifactor authentication for
#         untrusted networks, SL 3) and SP 800-53r5 IA-2(1) / IA-2(2) cannot
#         be shown. Not SR 1.13: the path is the declared one.
#     - kind: no-mfa
#       requirements:
#         - iec62443-3-3:SR 1.1 RE 2
#         - nist-800-53r5:IA-2(1)
#         - nist-800-53r5:IA-2(2)
#       why: >-
#         The session signs in as an account without enforced MFA, or
#         accounts that reach the zone remotely lack it: IEC 62443-3-3 SR
#         1.1 RE 2 (multifactor authentication for untrusted networks, SL 3);
#         SP 800-53r5 IA-2(1) for privileged and IA-2(2) for non-privileged
#         accounts (each finding names those of its accounts). Not SR 1.13
#         base: the session comes through the declared path.
#   severity: high
#   owner: IT
#   remediation: >-
#     Let remote sessions into OT start only at a jump host in the DMZ that
#     users reach through the MFA-protected remote-access path (VPN or
#     remote-access gateway); block remote-desktop and remote-support ports
#     from every other zone at the boundary; bring the path's identity
#     source into the assessment; and enforce MFA for every account that
#     can reach OT remotely.
package slate.checks.joined.remote_session_mfa

import data.slate.lib.identity
import data.slate.lib.joined
import data.slate.lib.network

# --- identity ------------------------------------------------------------

# covers is true when the identity evidence speaks for remote access into
# the zone.
covers(z) if {
	identity.ot_resolved
	z in identity.ot_scope
}

# remote_ot: an OT user with a remote-access path, or any OT user of a
# cloud identity provider (as SLATE-IDM-001 reads them).
remote_ot(user) if {
	identity.ot_user(user)
	count(object.get(user, "remote_access", [])) > 0
}

remote_ot(user) if {
	identity.ot_user(user)
	user.provider in {"entra", "okta"}
}

# reach are the zones a user reaches: the zones tied to the user's access,
# else every zone.
reach(user) := identity.user_zones(user) if count(identity.user_zones(user)) > 0

reach(user) := identity.zone_names if count(identity.user_zones(user)) == 0

without_mfa(user) if {
	not user.mfa_enforced
	not identity.undecided(user)
}

# exposed are, per zone, the remote OT users without enforced MFA.
exposed := {z: users |
	some z in identity.zone_names
	users := [u | some u in exposed_users; z in reach(u)]
}

# exposed_users are the remote OT users without enforced MFA, found once
# rather than once per zone.
exposed_users := [u | some u in identity.users; remote_ot(u); without_mfa(u)]

# blocked are the zones a user the evidence cannot settle may reach.
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

# logins index users by the names a session may present: id, UPN and its
# local part, display name; lower case.
logins := [{"login": lower(name), "user": u} |
	some u in identity.users
	some name in login_names(u)
]

login_names(u) := {n |
	some f in ["id", "upn", "name"]
	n := object.get(u, f, "")
	n != ""
} | {split(u.upn, "@")[0] | object.get(u, "upn", "") != ""}

users_by_login := {l: users |
	some l in {x.login | some x in logins}
	users := [y.user | some y in logins; y.login == l]
}

# hinted are the identity users a group's sessions name (the RDP cookie:
# "user" or "DOMAIN\user").
hinted(flows) := {u |
	some f in flows
	hint := network.attr(f, "user_hint")
	hint != ""
	parts := split(hint, "\\")
	some u in object.get(users_by_login, lower(parts[count(parts) - 1]), [])
}

# --- sessions ------------------------------------------------------------

assessed contains z if {
	some z in network.evidence_zones
	joined.zone_kind(z) == "ot"
	not z in blocked
}

session(k) := sprintf("remote %s session %s -> %s:%d from %s into zone %s", [k.service, k.cip, k.sip, k.port, origin(k.czone), k.szone])

origin("") := "outside the declared zones"

origin(z) := sprintf("zone %s", [z]) if z != ""

# bypass names how a session avoids the declared remote-access path.
bypass(k) := sprintf("no declared conduit from %s to %s admits %s", [network.zone_label(k.czone), k.szone, joined.service(k)]) if {
	not joined.conduit_for(k)
}

bypass(k) := sprintf("conduit %s lets it in directly from IT zone %s, not through a jump host in a DMZ", [joined.conduit_for(k), k.czone]) if {
	joined.zone_kind(k.czone) == "it"
}

# (c) the session bypasses the declared path.
deny contains finding if {
	some g in joined.session_groups
	reason := bypass(g.key)
	finding := {
		"kind": "bypass",
		"subject": joined.subject(g.key),
		"zone": g.key.szone,
		"message": sprintf("%s bypasses the declared remote-access path: %s", [session(g.key), reason]),
		"evidence": joined.refs(g.flows),
		"exposure": joined.exposure(g.key),
	}
}

on_path(k) if {
	joined.conduit_for(k)
	joined.zone_kind(k.czone) != "it"
}

# (a) no identity evidence covers the zone.
deny contains finding if {
	some g in joined.session_groups
	on_path(g.key)
	not covers(g.key.szone)
	finding := {
		"kind": "no-mfa-evidence",
		"subject": joined.subject(g.key),
		"zone": g.key.szone,
		"message": sprintf("%s, but no identity evidence shows MFA on any path into the zone", [session(g.key)]),
		"evidence": joined.refs(g.flows),
		"exposure": joined.exposure(g.key),
	}
}

# (b) the session names an account without enforced MFA.
deny contains finding if {
	some g in joined.session_groups
	on_path(g.key)
	covers(g.key.szone)
	users := [u | some u in hinted(g.flows); without_mfa(u)]
	count(users) > 0
	finding := object.union(account_cause(users), {
		"kind": "no-mfa",
		"requirements": mfa_requirements(users),
		"subject": joined.subject(g.key),
		"zone": g.key.szone,
		"message": sprintf("%s signs in as %s, an account without enforced MFA (%s)", [
			session(g.key), concat(", ", sort({u.id | some u in users})), accounts(users),
		]),
		"evidence": array.concat(joined.refs(g.flows), sort([identity.ref(u) | some u in users])),
		"exposure": joined.exposure(g.key),
	})
}

# (b) the session names no known account, and accounts that reach the
# zone remotely lack enforced MFA.
deny contains finding if {
	some g in joined.session_groups
	on_path(g.key)
	covers(g.key.szone)
	count(hinted(g.flows)) == 0
	users := exposed[g.key.szone]
	count(users) > 0
	finding := {
		"kind": "no-mfa",
		"requirements": mfa_requirements(users),
		"subject": joined.subject(g.key),
		"zone": g.key.szone,
		"message": sprintf("%s, and identity evidence shows accounts reaching the zone remotely without enforced MFA: %s", [session(g.key), accounts(users)]),
		"evidence": array.concat(joined.refs(g.flows), sort([identity.ref(u) | some u in users])),
		"exposure": joined.exposure(g.key),
	}
}

# mfa_requirements are what a no-mfa finding about users fails: SR 1.1
# RE 2 and the IA-2 enhancement of each account (identity.ia2).
mfa_requirements(users) := array.concat(["iec62443-3-3:SR 1.1 RE 2"], sort({identity.ia2(u) | some u in users}))

# account_cause makes a session that signs in as one account without
# enforced MFA part of that account's root cause (the identity checks
# report the account itself): the fix is the account's MFA, not the
# session.
account_cause(users) := {"cause": identity.subject(users[0])} if count(users) == 1

account_cause(users) := {} if count(users) != 1

accounts(users) := concat("; ", sort({sprintf("%s: %s", [identity.label(u), reason(u)]) | some u in users}))

reason(u) := r if {
	r := identity.why_not(u)
} else := "MFA is not enforced"
