package slate.checks.network.cleartext_credentials_test

import data.slate.checks.network.cleartext_credentials as cc
import data.slate.checks.network.fixtures_test as fx

cred(kind, user, dflt) := {"kind": kind, "user": user, "fingerprint": "fp:00", "default": dflt}

test_cleartext_credentials_fail if {
	telnet := fx.flow("flow:1", "telnet", "10.30.0.50", "control", "10.30.0.2", 23, "control", {"credentials": [cred("telnet_login", "admin", false)]})
	telnet2 := object.union(fx.flow("flow:2", "telnet", "10.30.0.50", "control", "10.30.0.2", 23, "control", {"credentials": [cred("telnet_login", "ops", false)]}), {"client": {"port": 50001}})
	ftp := fx.flow("flow:3", "ftp", "10.20.0.4", "dmz", "10.30.0.10", 21, "control", {"credentials": [cred("ftp_login", "root", true), cred("ftp_login", "eng", false)]})
	http := fx.flow("flow:4", "http", "10.10.0.4", "enterprise", "10.10.0.10", 80, "enterprise", {"credentials": [cred("http_basic", "", false)]})
	snmp := object.union(fx.flow("flow:5", "snmp", "10.30.0.10", "control", "10.30.0.2", 161, "control", {"attrs": {"version": "1|2c"}, "credentials": [{"kind": "snmp_community", "fingerprint": "fp:01", "default": true}, {"kind": "snmp_community", "fingerprint": "fp:02", "default": false}]}), {"transport": "udp"})
	other := fx.flow("flow:6", "http", "10.10.0.5", "enterprise", "10.10.0.10", 80, "enterprise", {"credentials": [cred("http_token", "svc", false)]})
	findings := cc.deny with input as fx.input_with([telnet, telnet2, ftp, http, snmp, other], [])
	got := {[f.kind, f.severity, f.zone, f.message] | some f in findings}
	got == {
		["cleartext-password", "high", "control", "10.30.0.50 logs in to 10.30.0.2:23 over telnet as admin, ops: the password crosses the wire in clear"],
		["default-credential", "critical", "control", "10.20.0.4 logs in to 10.30.0.10:21 over FTP as root with a factory-default password, in clear"],
		["cleartext-password", "high", "control", "10.20.0.4 logs in to 10.30.0.10:21 over FTP as eng: the password crosses the wire in clear"],
		["cleartext-password", "high", "enterprise", "10.10.0.4 logs in to 10.10.0.10:80 with HTTP Basic authorization: the password crosses the wire in clear"],
		["default-credential", "high", "control", "10.30.0.10 sends a factory-default SNMP v1/v2c community to 10.30.0.2:161 in clear"],
		["cleartext-community", "high", "control", "10.30.0.10 sends an SNMP v1/v2c community to 10.30.0.2:161 in clear"],
		["cleartext-password", "high", "enterprise", "10.10.0.5 sends a http_token credential as svc to 10.10.0.10:80 in clear"],
	}
	some f in findings
	f.message == "10.30.0.50 logs in to 10.30.0.2:23 over telnet as admin, ops: the password crosses the wire in clear"
	f.subject == "flow:10.30.0.50->10.30.0.2/tcp/23"
	f.evidence == [{"document": "pcap/span", "record": "flow:1"}, {"document": "pcap/span", "record": "flow:2"}]
	f.exposure == {"crosses_boundary": false, "from": "ot"}
}

test_community_without_version if {
	snmp := object.union(fx.flow("flow:5", "snmp", "10.30.0.10", "control", "10.30.0.2", 161, "control", {"credentials": [{"kind": "snmp_community", "fingerprint": "fp:02", "default": false}]}), {"transport": "udp"})
	{f.message | some f in cc.deny} == {"10.30.0.10 sends an SNMP community to 10.30.0.2:161 in clear"} with input as fx.input_with([snmp], [])
}

test_no_credentials_pass if {
	telnet := fx.flow("flow:1", "telnet", "10.30.0.50", "control", "10.30.0.2", 23, "control", {"ops": [{"class": "session", "name": "negotiate", "code": -1, "count": 4}]})
	ftp := fx.flow("flow:2", "ftp", "10.30.0.4", "control", "10.30.0.10", 21, "control", {"attrs": {"anonymous": "true"}})
	snmp3 := fx.flow("flow:3", "snmp", "10.30.0.10", "control", "10.30.0.2", 161, "control", {"attrs": {"version": "3", "security_level": "authPriv"}})
	ssh := fx.flow("flow:4", "ssh", "10.30.0.4", "control", "10.30.0.10", 22, "control", {})
	inp := fx.input_with([telnet, ftp, snmp3, ssh], [])
	count(cc.deny) == 0 with input as inp
	cc.assessed == {"control"} with input as inp
}

test_no_capture_assesses_nothing if {
	count(cc.assessed) == 0 with input as fx.no_capture
	count(cc.deny) == 0 with input as fx.no_capture
}
