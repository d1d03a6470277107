package slate.checks.netconfig.snmp_communities_test

import data.slate.checks.netconfig.fixtures_test as fx
import data.slate.checks.netconfig.snmp_communities as check

test_snmpv3_priv_passes if {
	count(check.deny) == 0 with input as fx.input_with([fx.good])
}

test_communities_fail if {
	dev := fx.device({"snmp": {
		"communities": [
			{"fingerprint": "fp:1", "access": "rw", "acl": "", "default": true, "line": 60},
			{"fingerprint": "fp:2", "access": "ro", "acl": "99", "default": false, "line": 61},
		],
		"v3_users": [{"name": "nobody", "level": "noauth", "line": 62}],
		"trap_hosts": [],
	}})
	findings := check.deny with input as fx.input_with([dev])
	{[f.message, f.severity, f.evidence[0].line] | some f in findings} == {
		["sw1 accepts a default SNMP community (read-write) from any address", "critical", 60],
		["sw1 accepts an SNMP v1/v2c community (read-only) limited by ACL 99", "high", 61],
	}
	{f.message | some f in findings; not f.severity} == {"sw1 has SNMPv3 user nobody without authentication"}
}
