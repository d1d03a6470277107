package slate.checks.netconfig.password_storage_test

import data.slate.checks.netconfig.fixtures_test as fx
import data.slate.checks.netconfig.password_storage as check

test_strong_hashes_pass if {
	count(check.deny) == 0 with input as fx.input_with([fx.good])
	dev := fx.device({"enable_secret": null})
	count(check.deny) == 0 with input as fx.input_with([dev])
}

test_weak_storage_fails if {
	dev := fx.device({
		"users": [
			{"name": "op", "privilege": "1", "password": {"class": "cisco_type7", "strength": "reversible", "line": 9}, "line": 9},
			{"name": "ro", "privilege": "1", "password": {"class": "none", "strength": "none", "line": 10}, "line": 10},
			{"name": "ok", "privilege": "15", "password": {"class": "sha512_crypt", "strength": "strong", "line": 11}, "line": 11},
		],
		"enable_secret": {"class": "md5_type5", "strength": "weak", "line": 7},
	})
	findings := check.deny with input as fx.input_with([dev])
	{[f.message, f.evidence[0].line] | some f in findings} == {
		["sw1: local user op has a password stored reversibly (cisco_type7)", 9],
		["sw1: local user ro has no password (none)", 10],
		["sw1: the enable secret is a password stored as a weak hash (md5_type5)", 7],
	}
}
