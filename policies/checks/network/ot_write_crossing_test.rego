package slate.checks.network.ot_write_crossing_test

import data.slate.checks.network.fixtures_test as fx
import data.slate.checks.network.ot_write_crossing

test_write_across_zones_fails if {
	f := fx.flow("flow:1", "modbus", "10.10.4.2", "enterprise", "10.30.0.10", 502, "control", fx.modbus_write)
	findings := ot_write_crossing.deny with input as fx.input_with([f], [])
	count(findings) == 1
	some x in findings
	x.subject == "flow:10.10.4.2->10.30.0.10/tcp/502"
	x.zone == "control"
	x.message == "10.10.4.2:50000 sends cleartext modbus write_single_register to 10.30.0.10:502 across zones (enterprise to control)"
	x.evidence == [{"document": "pcap/span", "record": "flow:1"}]
	x.exposure == {"crosses_boundary": true, "from": "it", "conduit": "undeclared"}
	count(ot_write_crossing.assessed) == 0 with input as fx.input_with([f], [])
	ot_write_crossing.assessed == {"control"} with input as fx.declared(fx.input_with([f], []), ["control"])
}

test_reads_and_same_zone_writes_pass if {
	read := fx.flow("flow:1", "modbus", "10.10.4.2", "enterprise", "10.30.0.10", 502, "control", fx.modbus_read)
	local := fx.flow("flow:2", "modbus", "10.30.0.5", "control", "10.30.0.10", 502, "control", fx.modbus_write)
	count(ot_write_crossing.deny) == 0 with input as fx.input_with([read, local], [])
}

test_opcua_sign_and_encrypt_passes if {
	facts := {"ops": [{"class": "write", "name": "Write", "code": -1, "count": 1}], "attrs": {"security_mode": "SignAndEncrypt"}}
	secure := fx.flow("flow:3", "opcua", "10.20.0.4", "dmz", "10.30.0.10", 4840, "control", facts)
	count(ot_write_crossing.deny) == 0 with input as fx.input_with([secure], [])
	none := fx.flow("flow:4", "opcua", "10.20.0.4", "dmz", "10.30.0.10", 4840, "control", object.union(facts, {"attrs": {"security_mode": "None|SignAndEncrypt"}}))
	count(ot_write_crossing.deny) == 1 with input as fx.input_with([none], [])
}

# A policy other than None hides the mode (the request body is encrypted):
# no finding; a None policy, or no channel set-up seen at all, is cleartext.
test_opcua_policy_decides_when_the_mode_is_hidden if {
	ops := [{"class": "write", "name": "Write", "code": -1, "count": 1}]
	signed := fx.flow("flow:5", "opcua", "10.20.0.4", "dmz", "10.30.0.10", 4840, "control", {"ops": ops, "attrs": {"security_policy": "Basic256Sha256"}})
	count(ot_write_crossing.deny) == 0 with input as fx.input_with([signed], [])
	open := fx.flow("flow:6", "opcua", "10.20.0.4", "dmz", "10.30.0.10", 4840, "control", {"ops": ops, "attrs": {"security_policy": "None"}})
	count(ot_write_crossing.deny) == 1 with input as fx.input_with([open], [])
	unseen := fx.flow("flow:7", "opcua", "10.20.0.4", "dmz", "10.30.0.10", 4840, "control", {"ops": ops, "attrs": {}})
	count(ot_write_crossing.deny) == 1 with input as fx.input_with([unseen], [])
}

test_no_capture_assesses_nothing if {
	count(ot_write_crossing.assessed) == 0 with input as fx.no_capture
	count(ot_write_crossing.deny) == 0 with input as fx.no_capture
}
