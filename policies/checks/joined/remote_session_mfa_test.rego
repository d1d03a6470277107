package slate.checks.joined.remote_session_mfa_test

import data.slate.checks.joined.fixtures_test as fx
import data.slate.checks.joined.remote_session_mfa as check

rdp(id, cip, czone, sip, szone, hint) := fx.flow(id, "rdp", cip, czone, sip, 3389, szone, {"attrs": {"user_hint": hint, "nla": "true"}})

ev(flows, users) := {"pcap": [fx.pcap_doc(flows, [])], "mfa": [fx.mfa_doc(users)]}

findings(flows, users) := fs if {
	fs := check.deny with input as fx.input_with(ev(flows, users))
}

good := fx.user("eng1", 2, {"upn": "eng1@plant.example", "name": "Eng One"})

shared := fx.user("opsadmin", 4, object.union(fx.no_mfa, {"name": "Operations admin"}))

test_session_through_the_jump_host_with_mfa_passes if {
	flows := [
		rdp("flow:1", "10.20.0.30", "dmz", "10.30.0.21", "control", "PLANT\\eng1"),
		fx.flow("flow:2", "ssh", "10.20.0.30", "dmz", "10.30.0.22", 22, "control", {}),
	]
	count(findings(flows, [good])) == 0
	check.assessed == {"control"} with input as fx.input_with(ev(flows, [good]))
}

test_local_and_it_sessions_are_not_remote_ot_access if {
	flows := [
		fx.flow("flow:1", "telnet", "10.30.0.50", "control", "10.30.0.2", 23, "control", {}),
		rdp("flow:2", "10.10.4.2", "enterprise", "10.20.0.30", "dmz", ""),
		fx.flow("flow:3", "modbus", "10.20.0.15", "dmz", "10.30.0.10", 502, "control", {}),
	]
	count(findings(flows, [shared])) == 0
}

test_session_from_it_zone_without_conduit if {
	vnc := fx.flow("flow:7", "", "10.10.9.77", "enterprise", "10.40.1.20", 5900, "cell", {})
	fs := findings([vnc], [good])
	some f in fs
	f.subject == "flow:10.10.9.77->10.40.1.20/tcp/5900"
	f.zone == "cell"
	f.message == "remote VNC session 10.10.9.77 -> 10.40.1.20:5900 from zone enterprise into zone cell bypasses the declared remote-access path: no declared conduit from enterprise to cell admits tcp/5900"
	f.evidence == [fx.pcap_ref("flow:7")]
	f.exposure == {"crosses_boundary": true, "from": "it", "conduit": "undeclared"}
	not f.cause
	count(fs) == 1
}

test_session_from_outside_the_zones if {
	tv := fx.flow("flow:8", "", "203.0.113.7", "", "10.30.0.21", 5938, "control", {})
	some f in findings([tv], [good])
	f.message == "remote TeamViewer session 203.0.113.7 -> 10.30.0.21:5938 from outside the declared zones into zone control bypasses the declared remote-access path: no declared conduit from no declared zone to control admits tcp/5938"
	f.exposure == {"crosses_boundary": true, "from": "external", "conduit": "undeclared"}
}

test_conduit_straight_from_it_is_a_bypass if {
	direct := array.concat(fx.conduits, [{"name": "it-ot", "from": "enterprise", "to": "control", "services": ["rdp"]}])
	flow := rdp("flow:1", "10.10.4.2", "enterprise", "10.30.0.21", "control", "eng1")
	fs := check.deny with input as {"assessment": object.union(fx.assessment, {"conduits": direct}), "evidence": ev([flow], [good])}
	{f.message | some f in fs} == {"remote RDP session 10.10.4.2 -> 10.30.0.21:3389 from zone enterprise into zone control bypasses the declared remote-access path: conduit it-ot lets it in directly from IT zone enterprise, not through a jump host in a DMZ"}
}

test_no_identity_evidence_for_the_zone if {
	flow := rdp("flow:1", "10.20.0.30", "dmz", "10.30.0.21", "control", "eng1")
	fs := check.deny with input as fx.input_with({"pcap": [fx.pcap_doc([flow], [])]})
	some f in fs
	f.message == "remote RDP session 10.20.0.30 -> 10.30.0.21:3389 from zone dmz into zone control, but no identity evidence shows MFA on any path into the zone"
	f.evidence == [fx.pcap_ref("flow:1")]
	check.assessed == {"control"} with input as fx.input_with({"pcap": [fx.pcap_doc([flow], [])]})
}

test_identity_scoped_to_other_zones if {
	flow := rdp("flow:1", "10.20.0.30", "dmz", "10.30.0.21", "control", "eng1")
	doc := fx.mfa_doc([good])
	scoped := {"id": doc.id, "data": {"users": doc.data.users, "policies": [], "ot_mapping": {
		"configured": true, "groups": ["OT-Cell"], "group_zones": {"OT-Cell": ["cell"]}, "remote_access_apps": [],
	}}}
	fs := check.deny with input as fx.input_with({"pcap": [fx.pcap_doc([flow], [])], "mfa": [scoped]})
	{f.message | some f in fs} == {"remote RDP session 10.20.0.30 -> 10.30.0.21:3389 from zone dmz into zone control, but no identity evidence shows MFA on any path into the zone"}
}

test_session_signs_in_as_account_without_mfa if {
	flows := [rdp("flow:1", "10.20.0.30", "dmz", "10.30.0.21", "control", "OPSADMIN")]
	fs := findings(flows, [good, shared])
	some f in fs
	f.subject == "flow:10.20.0.30->10.30.0.21/tcp/3389"
	f.zone == "control"
	f.message == "remote RDP session 10.20.0.30 -> 10.30.0.21:3389 from zone dmz into zone control signs in as opsadmin, an account without enforced MFA (Operations admin: no enforcing MFA policy covers the account)"
	f.evidence == [fx.pcap_ref("flow:1"), {"document": "mfa/vpn", "record": "opsadmin", "file": "vpn.csv", "line": 4}]
	f.exposure == {"crosses_boundary": true, "from": "dmz", "conduit": "declared"}

	# The account is the root cause, as the identity checks report it.
	f.cause == "user:opsadmin"
	count(fs) == 1
}

# A session that signs in as two accounts without MFA is about neither
# alone: it keeps its own subject as its root cause.
test_session_as_two_accounts_has_no_single_cause if {
	other := fx.user("ops2", 6, fx.no_mfa)
	flows := [
		rdp("flow:1", "10.20.0.30", "dmz", "10.30.0.21", "control", "OPSADMIN"),
		rdp("flow:2", "10.20.0.30", "dmz", "10.30.0.21", "control", "ops2"),
	]
	fs := findings(flows, [shared, other])
	some f in fs
	f.message == "remote RDP session 10.20.0.30 -> 10.30.0.21:3389 from zone dmz into zone control signs in as ops2, opsadmin, an account without enforced MFA (Operations admin: no enforcing MFA policy covers the account; ops2: no enforcing MFA policy covers the account)"
	not f.cause
	count(fs) == 1
}

test_session_of_an_account_with_mfa_passes_despite_others if {
	flows := [rdp("flow:1", "10.20.0.30", "dmz", "10.30.0.21", "control", "eng1@plant.example")]
	count(findings(flows, [good, shared])) == 0
}

test_unnamed_session_with_accounts_without_mfa if {
	vendor := fx.user("vendor", 5, object.union(fx.no_mfa, {"enforcement": "report_only", "report_only_by": ["Vendors MFA"], "ot_zones": ["cell"]}))
	flows := [fx.flow("flow:2", "ssh", "10.20.0.30", "dmz", "10.30.0.22", 22, "control", {})]
	fs := findings(flows, [good, shared, vendor])
	some f in fs
	f.message == "remote SSH session 10.20.0.30 -> 10.30.0.22:22 from zone dmz into zone control, and identity evidence shows accounts reaching the zone remotely without enforced MFA: Operations admin: no enforcing MFA policy covers the account"
	f.evidence == [fx.pcap_ref("flow:2"), {"document": "mfa/vpn", "record": "opsadmin", "file": "vpn.csv", "line": 4}]
	count(fs) == 1
}

test_unknown_name_falls_back_to_the_zone if {
	flows := [rdp("flow:1", "10.20.0.30", "dmz", "10.30.0.21", "control", "administrator")]
	{f.subject | some f in findings(flows, [good, shared])} == {"flow:10.20.0.30->10.30.0.21/tcp/3389"}
	count(findings(flows, [good])) == 0
}

test_undecided_accounts_keep_zones_unassessed if {
	unresolved := fx.user("x", 6, {"mfa_enforced": false, "enforcement": "unresolved", "ot_zones": ["cell"]})
	unknown := fx.user("y", 7, {"mfa_enforced": false, "ot_access": "unknown", "remote_access": []})
	flow := fx.flow("flow:1", "modbus", "10.30.0.50", "control", "10.40.1.10", 502, "cell", {})
	check.assessed == {"control"} with input as fx.input_with(ev([flow], [good, unresolved]))
	count(check.assessed) == 0 with input as fx.input_with(ev([flow], [good, unknown]))
}

test_cloud_users_count_as_remote if {
	cloud := fx.user("c1", 8, object.union(fx.no_mfa, {"provider": "entra", "remote_access": [], "upn": "c1@plant.example"}))
	flows := [fx.flow("flow:2", "ssh", "10.20.0.30", "dmz", "10.30.0.22", 22, "control", {})]
	{f.message | some f in findings(flows, [cloud])} == {"remote SSH session 10.20.0.30 -> 10.30.0.22:22 from zone dmz into zone control, and identity evidence shows accounts reaching the zone remotely without enforced MFA: c1@plant.example: no enforcing MFA policy covers the account"}
}

test_unexplained_enforcement_still_reported if {
	odd := fx.user("odd", 9, {"mfa_enforced": false, "enforcement": "enforced"})
	flows := [rdp("flow:1", "10.20.0.30", "dmz", "10.30.0.21", "control", "odd")]
	{f.message | some f in findings(flows, [odd])} == {"remote RDP session 10.20.0.30 -> 10.30.0.21:3389 from zone dmz into zone control signs in as odd, an account without enforced MFA (odd: MFA is not enforced)"}
}

# Each finding names its kind: a bypass fails SR 1.13 and AC-17(3), not
# the MFA requirements; a session without MFA fails SR 1.1 RE 2 and the
# IA-2 enhancement of its account (IA-2(1) for a privileged one), not SR
# 1.13.
test_kinds_and_requirements if {
	vnc := fx.flow("flow:7", "", "10.10.9.77", "enterprise", "10.40.1.20", 5900, "cell", {})
	admin := fx.user("opsadmin", 4, object.union(fx.no_mfa, {"privileged": true}))
	as_admin := rdp("flow:1", "10.20.0.30", "dmz", "10.30.0.21", "control", "opsadmin")
	fs := findings([vnc, as_admin], [good, admin])
	{[f.subject, f.kind, object.get(f, "requirements", [])] | some f in fs} == {
		["flow:10.10.9.77->10.40.1.20/tcp/5900", "bypass", []],
		["flow:10.20.0.30->10.30.0.21/tcp/3389", "no-mfa", ["iec62443-3-3:SR 1.1 RE 2", "nist-800-53r5:IA-2(1)"]],
	}
	ssh := fx.flow("flow:2", "ssh", "10.20.0.30", "dmz", "10.30.0.22", 22, "control", {})
	{[f.kind, f.requirements] | some f in findings([ssh], [good, shared])} == {["no-mfa", ["iec62443-3-3:SR 1.1 RE 2", "nist-800-53r5:IA-2(2)"]]}
	{f.kind | some f in check.deny with input as fx.input_with({"pcap": [fx.pcap_doc([as_admin], [])]})} == {"no-mfa-evidence"}
}
