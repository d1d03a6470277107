package slate.checks.netconfig.password_storage_test

import data.slate.checks.netconfig.fixtures_test as fx
import data.slate.checks.netconfig.password_storage as check

findings(dev) := fs if {
	fs := check.deny with input as fx.input_with([dev])
}

test_strong_hashes_pass if {
	count(check.deny) == 0 with input as fx.input_with([fx.good])
	dev := fx.device({"enable_secret": null})
	count(findings(dev)) == 0
}

test_weak_storage_fails_sr_1_5_not_sr_1_7 if {
	dev := fx.device({
		"users": [
			{"name": "op", "privilege": "1", "password": {"class": "cisco_type7", "strength": "reversible", "line": 9}, "line": 9},
			{"name": "ro", "privilege": "1", "password": {"class": "none", "strength": "none", "line": 10}, "line": 10},
			{"name": "ok", "privilege": "15", "password": {"class": "sha512_crypt", "strength": "strong", "line": 11}, "line": 11},
		],
		"enable_secret": {"class": "md5_type5", "strength": "weak", "line": 7},
	})
	{[f.kind, f.message, f.evidence[0].line] | some f in findings(dev)} == {
		["stored-weak", "sw1: local user op has a password stored reversibly (cisco_type7)", 9],
		["no-password", "sw1: local user ro has no password (none)", 10],
		["stored-weak", "sw1: the enable secret is a password stored as a weak hash (md5_type5)", 7],
	}
}

policy(fields) := object.union({"enforced": true, "min_length": 12, "character_classes": 3, "setting": "aaa common-criteria policy PW", "line": 4}, fields)

test_strength_policy_passes if {
	count(findings(fx.device({"password_policy": policy({})}))) == 0
	count(findings(fx.device({"password_policy": policy({"min_length": 8, "character_classes": 2})}))) == 0
}

test_missing_or_weak_policy_fails_sr_1_7 if {
	none := fx.device({"password_policy": {"enforced": false, "min_length": 0, "character_classes": 0, "setting": "", "line": 0}})
	{[f.kind, f.message, f.severity, f.evidence] | some f in findings(none)} == {[
		"no-policy", "sw1 enforces no strength for new passwords (no minimum length or character types)", "medium",
		[{"document": "netconfig/net", "record": "sw1.cfg", "file": "sw1.cfg"}],
	]}
	short := fx.device({"password_policy": policy({"min_length": 6, "setting": "Junos default", "line": 0})})
	{[f.kind, f.message] | some f in findings(short)} == {["weak-policy", "sw1 accepts new passwords of 6 characters mixing 3 character types (Junos default)"]}
	plain := fx.device({"password_policy": policy({"min_length": 10, "character_classes": 0, "setting": "security passwords min-length 10", "line": 3})})
	{[f.kind, f.message, f.evidence[0].line] | some f in findings(plain)} == {["weak-policy", "sw1 accepts new passwords of 10 characters of a single character type (security passwords min-length 10)", 3]}
	asa := fx.device({"vendor": "cisco_asa", "password_policy": policy({"min_length": 0, "character_classes": 2, "setting": "password-policy minimum-uppercase 1"})})
	{f.message | some f in findings(asa)} == {"sw1 accepts new passwords of any length mixing 2 character types (password-policy minimum-uppercase 1)"}
}

test_policy_judged_only_where_read_and_needed if {
	none := {"enforced": false, "min_length": 0, "character_classes": 0, "setting": "", "line": 0}

	# EOS and Comware policies are not read.
	count(findings(fx.device({"vendor": "arista_eos", "password_policy": none}))) == 0

	# Evidence without the fact says nothing.
	count(findings(object.remove(fx.good, ["password_policy"]))) == 0

	# Keys only, no enable secret: nothing for a policy to protect.
	keys := fx.device({
		"password_policy": none, "enable_secret": null,
		"users": [{"name": "a", "privilege": "15", "password": {"class": "ssh_key", "strength": "strong", "line": 8}, "line": 8}],
	})
	count(findings(keys)) == 0
}

test_readable_stored_secrets_fail_sr_1_5 if {
	dev := fx.device({"stored_secrets": [
		{"context": "line vty 0 4", "class": "cisco_type7", "strength": "reversible", "line": 40},
		{"context": "tacacs-server host 10.0.0.5", "class": "plaintext", "strength": "plaintext", "line": 22},
		{"context": "key chain OSPF key 1", "class": "aes_type6", "strength": "strong", "line": 30},
		{"context": "snmp-server user nms", "class": "snmp_localized_key", "strength": "weak", "line": 50},
	]})
	{[f.kind, f.message, [e.line | some e in f.evidence]] | some f in findings(dev)} == {[
		"readable-secret",
		"sw1: 2 stored keys or passwords can be read from the configuration: line vty 0 4 (cisco_type7, line 40); tacacs-server host 10.0.0.5 (plaintext, line 22)",
		[22, 40],
	]}
}

test_one_readable_secret if {
	dev := fx.device({"stored_secrets": [{"context": "system radius-server 10.0.0.5 secret", "class": "junos_type9", "strength": "reversible", "line": 7}]})
	{f.message | some f in findings(dev)} == {"sw1: 1 stored key or password can be read from the configuration: system radius-server 10.0.0.5 secret (junos_type9, line 7)"}
}

test_protected_or_absent_stored_secrets_pass if {
	protected := fx.device({"stored_secrets": [
		{"context": "key chain OSPF key 1", "class": "aes_type6", "strength": "strong", "line": 30},
		{"context": "line con 0", "class": "none", "strength": "none", "line": 12},
	]})
	count(findings(protected)) == 0
	count(findings(fx.device({"stored_secrets": []}))) == 0
	count(findings(object.remove(fx.good, ["stored_secrets"]))) == 0
}
