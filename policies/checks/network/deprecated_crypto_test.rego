package slate.checks.network.deprecated_crypto_test

import data.slate.checks.network.deprecated_crypto as check
import data.slate.checks.network.fixtures_test as fx

summary(findings) := {[f.subject, f.zone, f.severity, f.owner, f.message] | some f in findings}

test_deprecated_tls_fails if {
	old := fx.flow("flow:1", "tls", "10.30.0.4", "control", "10.20.0.9", 443, "dmz", {"attrs": {
		"client_version": "TLS1.2", "version": "TLS1.0", "deprecated_version": "TLS1.0",
		"cipher": "TLS_RSA_WITH_AES_128_CBC_SHA",
	}})
	hello_only := fx.flow("flow:2", "tls", "10.10.0.5", "enterprise", "10.20.0.9", 8443, "dmz", {"attrs": {"client_version": "TLS1.1"}})
	rc4 := fx.flow("flow:3", "tls", "10.10.0.6", "enterprise", "10.10.0.7", 993, "enterprise", {"attrs": {
		"client_version": "TLS1.2", "version": "TLS1.2", "cipher": "TLS_RSA_WITH_RC4_128_SHA",
	}})
	null_suite := fx.flow("flow:4", "tls", "10.10.0.6", "enterprise", "10.10.0.8", 443, "enterprise", {"attrs": {
		"version": "TLS1.2", "cipher": "0x0002",
	}})
	findings := check.deny with input as fx.input_with([old, hello_only, rc4, null_suite], [])
	summary(findings) == {
		["flow:10.30.0.4->10.20.0.9/tcp/443", "control", "medium", "OT", "10.30.0.4 negotiates TLS1.0, a deprecated protocol version, with 10.20.0.9:443 (zone control)"],
		["flow:10.10.0.5->10.20.0.9/tcp/8443", "dmz", "medium", "IT", "10.10.0.5 offers at most TLS1.1, a deprecated protocol version, to 10.20.0.9:8443 (zone dmz)"],
		["flow:10.10.0.6->10.10.0.7/tcp/993", "enterprise", "medium", "IT", "10.10.0.6 uses the broken cipher suite TLS_RSA_WITH_RC4_128_SHA with 10.10.0.7:993 (zone enterprise)"],
		["flow:10.10.0.6->10.10.0.8/tcp/443", "enterprise", "medium", "IT", "10.10.0.6 uses the broken cipher suite TLS_RSA_WITH_NULL_SHA with 10.10.0.8:443 (zone enterprise)"],
	}
	every f in findings {
		count(f.evidence) == 1
		f.evidence[0].document == "pcap/span"
	}
}

test_smb1_is_high_in_ot_zones if {
	ot := fx.flow("flow:1", "smb", "10.10.0.9", "enterprise", "10.30.0.10", 445, "control", {"attrs": {"smb1": "true", "version": "1"}})
	it := fx.flow("flow:2", "smb", "10.10.0.9", "enterprise", "10.10.0.10", 445, "enterprise", {"attrs": {"smb1": "true", "smb2": "true", "version": "1|3.1.1"}})
	findings := check.deny with input as fx.input_with([ot, it], [])
	summary(findings) == {
		["flow:10.10.0.9->10.30.0.10/tcp/445", "control", "high", "OT", "10.10.0.9 speaks SMB version 1 with 10.30.0.10:445 (zone control)"],
		["flow:10.10.0.9->10.10.0.10/tcp/445", "enterprise", "medium", "IT", "10.10.0.9 speaks SMB version 1 with 10.10.0.10:445 (zone enterprise)"],
	}
}

test_cleartext_basic_auth_fails if {
	by_attr := fx.flow("flow:1", "http", "10.20.0.5", "dmz", "10.30.0.20", 80, "control", {"attrs": {"auth": "basic"}})
	by_credential := fx.flow("flow:2", "http", "10.20.0.5", "dmz", "198.51.100.7", 8080, "", {"credentials": [{"kind": "http_basic", "user": "admin", "fingerprint": "fp:0000000000000000", "default": false}]})
	findings := check.deny with input as fx.input_with([by_attr, by_credential], [])
	summary(findings) == {
		["flow:10.20.0.5->10.30.0.20/tcp/80", "control", "medium", "OT", "10.20.0.5 sends HTTP Basic credentials in cleartext to 10.30.0.20:80 (zone control)"],
		["flow:10.20.0.5->198.51.100.7/tcp/8080", "dmz", "medium", "IT", "10.20.0.5 sends HTTP Basic credentials in cleartext to 198.51.100.7:8080 (zone dmz)"],
	}
}

test_one_flow_can_have_two_problems if {
	flow := fx.flow("flow:1", "tls", "10.30.0.4", "control", "10.30.0.9", 4843, "control", {"attrs": {
		"version": "SSL3.0", "deprecated_version": "SSL3.0", "cipher": "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
	}})
	findings := check.deny with input as fx.input_with([flow], [])
	{f.message | some f in findings} == {
		"10.30.0.4 negotiates SSL3.0, a deprecated protocol version, with 10.30.0.9:4843 (zone control)",
		"10.30.0.4 uses the broken cipher suite TLS_RSA_WITH_3DES_EDE_CBC_SHA with 10.30.0.9:4843 (zone control)",
	}
}

test_current_crypto_passes if {
	tls := fx.flow("flow:1", "tls", "10.30.0.4", "control", "10.20.0.9", 443, "dmz", {"attrs": {
		"client_version": "TLS1.3", "version": "TLS1.3", "cipher": "TLS_AES_128_GCM_SHA256",
	}})
	hello := fx.flow("flow:2", "tls", "10.30.0.4", "control", "10.20.0.9", 443, "dmz", {"attrs": {"client_version": "TLS1.2"}})
	unknown_suite := fx.flow("flow:3", "tls", "10.30.0.4", "control", "10.20.0.9", 443, "dmz", {"attrs": {"version": "TLS1.2", "cipher": "0xc0ad"}})
	smb3 := fx.flow("flow:4", "smb", "10.10.0.9", "enterprise", "10.30.0.10", 445, "control", {"attrs": {"smb2": "true", "version": "3.1.1"}})
	bearer := fx.flow("flow:5", "http", "10.20.0.5", "dmz", "10.30.0.20", 80, "control", {"attrs": {"auth": "bearer"}})
	no_zone := fx.flow("flow:6", "tls", "192.0.2.1", "", "192.0.2.2", 443, "", {"attrs": {"version": "TLS1.0", "deprecated_version": "TLS1.0"}})
	inp := fx.input_with([tls, hello, unknown_suite, smb3, bearer, no_zone], [])
	count(check.deny) == 0 with input as inp
	count(check.assessed) == 0 with input as inp
	check.assessed == {"control", "dmz", "enterprise"} with input as fx.declared(inp, ["control", "dmz", "enterprise"])
}

test_no_capture_assesses_nothing if {
	count(check.deny) == 0 with input as fx.no_capture
	count(check.assessed) == 0 with input as fx.no_capture
}
