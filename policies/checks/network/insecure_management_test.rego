package slate.checks.network.insecure_management_test

import data.slate.checks.network.fixtures_test as fx
import data.slate.checks.network.insecure_management

test_insecure_protocols_in_ot_fail if {
	telnet := fx.flow("flow:1", "telnet", "10.30.0.4", "control", "10.30.0.10", 23, "control", {})
	snmp := fx.flow("flow:2", "snmp", "10.20.0.4", "dmz", "10.30.0.10", 161, "control", {"attrs": {"version": "2c"}})
	smb1 := fx.flow("flow:3", "smb", "10.30.0.10", "control", "10.10.0.9", 445, "enterprise", {"attrs": {"smb1": "true", "version": "1"}})
	findings := insecure_management.deny with input as fx.input_with([telnet, snmp, smb1], [])
	count(findings) == 3
	some x in findings
	x.subject == "flow:10.20.0.4->10.30.0.10/tcp/161"
	x.message == "10.20.0.4 uses SNMP v2c to 10.30.0.10:161 in OT zone control"
	x.zone == "control"
	x.exposure == {"crosses_boundary": true, "from": "it", "conduit": "undeclared"}
	some y in findings
	y.subject == "flow:10.30.0.4->10.30.0.10/tcp/23"
	y.exposure == {"crosses_boundary": false, "from": "ot"}
}

test_secure_or_it_zone_passes if {
	snmp3 := fx.flow("flow:1", "snmp", "10.30.0.4", "control", "10.30.0.10", 161, "control", {"attrs": {"version": "3"}})
	ssh := fx.flow("flow:2", "ssh", "10.30.0.4", "control", "10.30.0.10", 22, "control", {})
	it_http := fx.flow("flow:3", "http", "10.10.0.4", "enterprise", "10.10.0.10", 80, "enterprise", {})
	inp := fx.input_with([snmp3, ssh, it_http], [])
	count(insecure_management.deny) == 0 with input as inp
	insecure_management.assessed == {"control"} with input as inp
	insecure_management.not_applicable == {"dmz", "enterprise"} with input as inp
}
