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
	x.kind == "undeclared-crossing"
	not x.severity
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

# A write on a declared conduit that allows the protocol keeps the zone
# model: it is the medium kind, naming every host that writes to the
# target through a conduit; a write to the same target from a zone with no
# such conduit stays an undeclared crossing.
test_write_on_declared_conduit_is_its_own_kind if {
	a := fx.flow("flow:1", "modbus", "10.20.0.4", "dmz", "10.30.0.10", 502, "control", fx.modbus_write)
	b := fx.flow("flow:2", "modbus", "10.20.0.5", "dmz", "10.30.0.10", 502, "control", fx.modbus_write)
	c := fx.flow("flow:3", "modbus", "10.10.4.2", "enterprise", "10.30.0.10", 502, "control", fx.modbus_write)
	findings := ot_write_crossing.deny with input as fx.input_with([a, b, c], [])
	{[x.kind, object.get(x, "severity", ""), x.subject, x.message, x.exposure.conduit] | some x in findings} == {
		["declared-conduit-writes", "medium", "flow:10.20.0.4->10.30.0.10/tcp/502", "10.20.0.4:50000 sends cleartext modbus write_single_register to 10.30.0.10:502 on conduit dmz-control, which allows modbus (dmz to control): writes from 2 host(s) (10.20.0.4, 10.20.0.5); restrict writers, use PLC access protection", "declared"],
		["declared-conduit-writes", "medium", "flow:10.20.0.5->10.30.0.10/tcp/502", "10.20.0.5:50000 sends cleartext modbus write_single_register to 10.30.0.10:502 on conduit dmz-control, which allows modbus (dmz to control): writes from 2 host(s) (10.20.0.4, 10.20.0.5); restrict writers, use PLC access protection", "declared"],
		["undeclared-crossing", "", "flow:10.10.4.2->10.30.0.10/tcp/502", "10.10.4.2:50000 sends cleartext modbus write_single_register to 10.30.0.10:502 across zones (enterprise to control)", "undeclared"],
	}
}

# A conduit that exists between the zones but does not allow the protocol
# leaves the write an undeclared crossing.
test_conduit_without_the_protocol_is_undeclared if {
	s7 := fx.flow("flow:1", "s7comm", "10.20.0.4", "dmz", "10.30.0.10", 102, "control", {"ops": [{"class": "write", "name": "write_var", "code": 5, "count": 1}]})
	findings := ot_write_crossing.deny with input as fx.input_with([s7], [])
	[x.kind | some x in findings] == ["undeclared-crossing"]
}
