package slate.checks.network.weak_session_security_test

import data.slate.checks.network.fixtures_test as fx
import data.slate.checks.network.weak_session_security as wss

udp(flow) := object.union(flow, {"transport": "udp"})

weak_flows := [
	fx.flow("flow:1", "rdp", "10.20.0.30", "dmz", "10.30.0.21", 3389, "control", {"attrs": {"nla": "false", "requested": "tls", "selected": "tls"}}),
	fx.flow("flow:2", "rdp", "10.30.0.5", "control", "10.30.0.22", 3389, "control", {"attrs": {"nla": "false", "selected": "rdp"}}),
	fx.flow("flow:3", "ssh", "10.30.0.5", "control", "10.30.0.2", 22, "control", {"attrs": {"ssh1": "true", "version": "1.99|2.0"}}),
	fx.flow("flow:4", "opcua", "10.20.0.15", "dmz", "10.30.0.10", 4840, "control", {"attrs": {"security_mode": "None", "security_policy": "None"}}),
	fx.flow("flow:5", "opcua", "10.30.0.6", "control", "10.30.0.10", 4840, "control", {"attrs": {"security_mode": "SignAndEncrypt", "security_policy": "Basic128Rsa15"}}),
	udp(fx.flow("flow:6", "snmp", "10.30.0.10", "control", "10.30.0.2", 161, "control", {"attrs": {"version": "3", "security_level": "noAuthNoPriv"}})),
	fx.flow("flow:7", "vnc", "10.10.9.77", "enterprise", "10.30.0.20", 5900, "control", {"attrs": {"security_type": "vnc_auth", "security_types": "vnc_auth", "version": "3.8"}}),
	fx.flow("flow:8", "vnc", "10.30.0.5", "control", "10.30.0.23", 5900, "control", {"attrs": {"security_type": "none", "security_types": "none", "version": "3.3"}}),
	fx.flow("flow:9", "vnc", "10.30.0.5", "control", "10.30.0.24", 5900, "control", {"attrs": {"security_type": "vencrypt", "security_types": "none|vencrypt", "version": "3.8"}}),
]

test_weak_sessions_fail if {
	findings := wss.deny with input as fx.input_with(weak_flows, [])
	got := {[f.kind, f.severity, f.message] | some f in findings}
	got == {
		["rdp-no-nla", "high", "10.20.0.30 opens an RDP session on 10.30.0.21:3389 without Network Level Authentication (security selected: tls): the host starts a logon session before the user is authenticated"],
		["rdp-no-nla", "high", "10.30.0.5 opens an RDP session on 10.30.0.22:3389 without Network Level Authentication (security selected: rdp): the host starts a logon session before the user is authenticated"],
		["rdp-standard-security", "high", "10.30.0.5 opens an RDP session on 10.30.0.22:3389 with Standard RDP Security (RC4, server not authenticated)"],
		["ssh-v1", "high", "10.30.0.5 speaks SSH with 10.30.0.2:22, where SSH protocol version 1 is offered (versions 1.99, 2.0)"],
		["opcua-none", "medium", "10.20.0.15 talks OPC UA to 10.30.0.10:4840 with security mode None: neither application is authenticated"],
		["opcua-deprecated-policy", "medium", "10.30.0.6 talks OPC UA to 10.30.0.10:4840 with the deprecated security policy Basic128Rsa15"],
		["snmpv3-noauth", "medium", "10.30.0.10 sends SNMPv3 to 10.30.0.2:161 at noAuthNoPriv: the messages are neither authenticated nor encrypted"],
		["vnc-des", "high", "10.10.9.77 opens a VNC session on 10.30.0.20:5900 with VNC Authentication: a DES challenge-response that gives away the password to whoever captures it, and an unencrypted session"],
		["vnc-no-auth", "critical", "10.30.0.5 opens a VNC session on 10.30.0.23:5900 without authentication (security type None)"],
		["vnc-no-auth", "critical", "10.30.0.5 is offered VNC sessions without authentication by 10.30.0.24:5900 (security type None among none, vencrypt)"],
	}
	some f in findings
	f.kind == "vnc-des"
	f.zone == "control"
	f.subject == "flow:10.10.9.77->10.30.0.20/tcp/5900"
	f.evidence == [{"document": "pcap/span", "record": "flow:7"}]
	f.exposure == {"crosses_boundary": true, "from": "it", "conduit": "undeclared"}
}

test_strong_sessions_pass if {
	flows := [
		fx.flow("flow:1", "rdp", "10.20.0.30", "dmz", "10.30.0.21", 3389, "control", {"attrs": {"nla": "true", "requested": "tls,credssp", "selected": "credssp"}}),
		fx.flow("flow:2", "rdp", "10.20.0.31", "dmz", "10.30.0.21", 3389, "control", {}),
		fx.flow("flow:3", "ssh", "10.30.0.5", "control", "10.30.0.2", 22, "control", {"attrs": {"version": "2.0"}}),
		fx.flow("flow:4", "opcua", "10.20.0.15", "dmz", "10.30.0.10", 4840, "control", {"attrs": {"security_mode": "SignAndEncrypt", "security_policy": "Basic256Sha256"}}),
		udp(fx.flow("flow:5", "snmp", "10.30.0.10", "control", "10.30.0.2", 161, "control", {"attrs": {"version": "3", "security_level": "authPriv"}})),
		fx.flow("flow:6", "vnc", "10.30.0.5", "control", "10.30.0.24", 5900, "control", {"attrs": {"security_type": "vencrypt", "security_types": "vencrypt", "version": "3.8"}}),
		fx.flow("flow:7", "tls", "10.30.0.5", "control", "10.30.0.24", 443, "control", {"attrs": {"security_type": "none"}}),
	]
	inp := fx.input_with(flows, [])
	count(wss.deny) == 0 with input as inp
	wss.assessed == {"control"} with input as inp
}

test_no_capture_assesses_nothing if {
	count(wss.assessed) == 0 with input as fx.no_capture
	count(wss.deny) == 0 with input as fx.no_capture
}

test_rdp_without_selection_says_unknown if {
	rdp := fx.flow("flow:1", "rdp", "10.20.0.30", "dmz", "10.30.0.21", 3389, "control", {"attrs": {"nla": "false"}})
	some f in wss.deny with input as fx.input_with([rdp], [])
	contains(f.message, "(security selected: unknown)")
}
