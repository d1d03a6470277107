package slate.checks.netconfig.snmp_communities_test

import data.slate.checks.netconfig.fixtures_test as fx
import data.slate.checks.netconfig.snmp_communities as check

snmp(communities, users) := {"communities": communities, "v3_users": users, "trap_hosts": []}

community(fields) := object.union(
	{"fingerprint": "fp:1", "access": "ro", "acl": "", "default": false, "restricted": false, "hosts": [], "line": 60},
	fields,
)

findings(dev) := fs if {
	fs := check.deny with input as fx.input_with([dev])
}

test_snmpv3_priv_passes if {
	count(check.deny) == 0 with input as fx.input_with([fx.good])
	dev := fx.device({"snmp": snmp([], [{"name": "mon", "level": "auth", "line": 30}])})
	count(findings(dev)) == 0
}

test_communities_fail_by_kind_and_severity if {
	dev := fx.device({"snmp": snmp(
		[
			community({"access": "rw", "default": true, "line": 60}),
			community({"fingerprint": "fp:2", "acl": "99", "restricted": true, "line": 61}),
			community({"fingerprint": "fp:3", "access": "rw", "acl": "98", "restricted": true, "line": 62}),
			community({"fingerprint": "fp:4", "acl": "97", "line": 63}),
		],
		[{"name": "nobody", "level": "noauth", "line": 64}],
	)})
	{[f.kind, f.message, object.get(f, "severity", ""), f.evidence[0].line] | some f in findings(dev)} == {
		["community-rw", "sw1 accepts a default SNMP community (read-write) from any address", "critical", 60],
		["community-ro", "sw1 accepts an SNMP v1/v2c community (read-only) limited by ACL 99", "medium", 61],
		["community-rw", "sw1 accepts an SNMP v1/v2c community (read-write) limited by ACL 98", "high", 62],
		["community-ro", "sw1 accepts an SNMP v1/v2c community (read-only) from any address (ACL 97 is not defined in the configuration)", "high", 63],
		["v3-noauth", "sw1 has SNMPv3 user nobody without authentication", "", 64],
	}
}

# An ASA answers only the hosts snmp-server host names: its community is
# not "from any address".
test_asa_community_is_limited_to_its_hosts if {
	asa := object.union(fx.device({"vendor": "cisco_asa"}), {"snmp": snmp(
		[
			community({"restricted": true, "hosts": ["10.30.0.10"], "line": 70}),
			community({"fingerprint": "fp:2", "restricted": true, "hosts": [], "line": 71}),
		],
		[],
	)})
	{[f.message, f.severity] | some f in findings(asa)} == {
		["sw1 accepts an SNMP v1/v2c community (read-only) answered only to 10.30.0.10 (snmp-server host)", "medium"],
		["sw1 accepts an SNMP v1/v2c community (read-only), which no manager may use (no snmp-server host polls)", "medium"],
	}
	every f in findings(asa) {
		not contains(f.message, "any address")
	}
}

test_junos_client_lists_limit_the_community if {
	junos := object.union(fx.device({"vendor": "juniper_junos"}), {"snmp": snmp(
		[
			community({"acl": "clients", "restricted": true, "line": 70}),
			community({"fingerprint": "fp:2", "access": "rw", "acl": "NMS", "restricted": true, "line": 71}),
			community({"fingerprint": "fp:3", "access": "rw", "line": 72}),
		],
		[],
	)})
	{[f.message, f.severity] | some f in findings(junos)} == {
		["sw1 accepts an SNMP v1/v2c community (read-only) limited to its client list", "medium"],
		["sw1 accepts an SNMP v1/v2c community (read-write) limited to client list NMS", "high"],
		["sw1 accepts an SNMP v1/v2c community (read-write) from any address", "critical"],
	}
}

# Evidence written before the collector recorded restrictions reads as
# unrestricted, never as limited.
test_missing_restriction_reads_as_open if {
	old := {"fingerprint": "fp:1", "access": "ro", "acl": "", "default": true, "line": 60}
	dev := fx.device({"snmp": snmp([old], [])})
	{[f.message, f.severity] | some f in findings(dev)} == {["sw1 accepts a default SNMP community (read-only) from any address", "high"]}
}
