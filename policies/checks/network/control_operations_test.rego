package slate.checks.network.control_operations_test

import data.slate.checks.network.control_operations as ops
import data.slate.checks.network.fixtures_test as fx

# A capture of one morning: an engineering station (control) and an ERP
# server (enterprise) talk to controllers in the control zone.

stamp(t) := sprintf("2026-10-28T%s.000000000Z", [t])

op(class, name, code, count, first, last) := {
	"class": class, "name": name, "code": code, "count": count,
	"first_seen": stamp(first), "last_seen": stamp(last),
}

timed(f, first, last) := object.union(f, {"first_seen": stamp(first), "last_seen": stamp(last)})

plc_start := {
	"ops": [op("control", "plc_control", 40, 1, "10:15:00", "10:15:00"), {"class": "read", "name": "read_var", "code": 4, "count": 3}],
	"events": [{"kind": "s7_plc_start", "message": "PLC control P_PROGRAM (start/run) requested", "time": stamp("10:15:00")}],
}

s7_write := {"ops": [op("write", "write_var", 5, 2, "08:00:00", "08:00:01")]}

download := {"ops": [op("program", "download_block", 27, 12, "07:10:00", "07:12:30")]}

direct_operate := {"ops": [op("control", "direct_operate", 5, 3, "09:00:00", "09:00:00")]}

inventory := [
	{"id": "1", "name": "eng-ws-01", "ip": "10.30.0.50", "zone": "control", "file": "inventory.csv", "line": 2},
	{"id": "2", "name": "plc-01", "ip": "10.30.0.10", "zone": "control", "file": "inventory.csv", "line": 3},
]

line1 := {
	"name": "line1-shutdown", "zones": ["control"],
	"from": "2026-10-28T06:00:00Z", "to": "2026-10-28T10:00:00Z",
	"description": "Planned shutdown", "approved_by": "R. Brandt",
}

# site(flows, windows) is a capture and an inventory, with windows.
site(flows, windows) := object.union(fx.input_with(flows, []), {
	"assessment": {"maintenance_windows": windows},
	"evidence": {"assets": [{"id": "assets/inv", "source": "inv", "data": {"assets": inventory}}]},
})

eng(id, facts) := timed(fx.flow(id, "s7comm", "10.30.0.50", "control", "10.30.0.10", 102, "control", facts), "07:00:00", "10:20:00")

test_plc_start_without_windows_is_high if {
	findings := ops.deny with input as site([eng("flow:1", plc_start)], [])
	findings == {{
		"kind": "change",
		"subject": "flow:10.30.0.50->10.30.0.10/tcp/102",
		"zone": "control",
		"severity": "high",
		"message": "eng-ws-01 (10.30.0.50) in control sent s7comm program or run-state operations to plc-01 (10.30.0.10) in control with no maintenance window declared for control: plc_control ×1 at 2026-10-28T10:15:00Z (PLC control P_PROGRAM (start/run) requested)",
		"evidence": [{"document": "pcap/span", "record": "flow:1"}],
		"exposure": {"crosses_boundary": false, "from": "ot"},
	}}
	count(ops.notes) == 0 with input as site([eng("flow:1", plc_start)], [])
}

test_plc_start_after_the_window_closed_is_high if {
	findings := ops.deny with input as site([eng("flow:1", plc_start)], [line1])
	some f in findings
	f.severity == "high"
	f.message == "eng-ws-01 (10.30.0.50) in control sent s7comm program or run-state operations to plc-01 (10.30.0.10) in control outside the maintenance windows for control (line1-shutdown 2026-10-28T06:00:00Z to 2026-10-28T10:00:00Z): plc_control ×1 at 2026-10-28T10:15:00Z (PLC control P_PROGRAM (start/run) requested)"
	count(findings) == 1
}

test_write_inside_a_window_is_a_note if {
	inp := site([eng("flow:2", s7_write)], [line1])
	count(ops.deny) == 0 with input as inp
	ops.notes == {{
		"zone": "control",
		"note": "eng-ws-01 (10.30.0.50) in control sent s7comm writes to plc-01 (10.30.0.10) in control inside maintenance window line1-shutdown (approved by R. Brandt): write_var ×2 from 2026-10-28T08:00:00Z to 2026-10-28T08:00:01Z",
	}} with input as inp
}

test_write_without_windows_is_low_in_zone_and_medium_across if {
	local := ops.deny with input as site([eng("flow:2", s7_write)], [])
	[f | some f in local; f.severity == "low"; f.kind == "command"] != []
	erp := fx.flow("flow:3", "modbus", "10.10.4.21", "enterprise", "10.30.0.10", 502, "control", fx.modbus_write)
	across := ops.deny with input as site([erp], [])
	some g in across
	g.severity == "medium"
	g.kind == "command"
	g.message == "10.10.4.21 in enterprise sent modbus writes to plc-01 (10.30.0.10) in control with no maintenance window declared for control: write_single_register ×2 at a time the capture did not record"
}

# A window covers work from its zones or through a declared conduit: a
# write from the enterprise network during the window is still a finding.
test_window_does_not_reach_another_zone_without_a_conduit if {
	erp := timed(fx.flow("flow:3", "modbus", "10.10.4.21", "enterprise", "10.30.0.10", 502, "control", {"ops": [op("write", "write_multiple_registers", 16, 1, "08:00:00", "08:00:00")]}), "08:00:00", "08:00:00")
	findings := ops.deny with input as site([erp], [line1])
	some f in findings
	f.message == "10.10.4.21 in enterprise sent modbus writes to plc-01 (10.30.0.10) in control outside any maintenance window that covers work from enterprise (for control: line1-shutdown 2026-10-28T06:00:00Z to 2026-10-28T10:00:00Z, from the windows' zones or through a declared conduit): write_multiple_registers ×1 at 2026-10-28T08:00:00Z"

	# The same write from the DMZ comes through conduit dmz-control
	# (tcp/502-503): inside the window.
	dmz := object.union(erp, {"client": {"ip": "10.20.0.4", "zone": "dmz"}})
	count(ops.deny) == 0 with input as site([dmz], [line1])
	count(ops.notes) == 1 with input as site([dmz], [line1])

	# A window on the enterprise zone as well covers it.
	both := object.union(line1, {"zones": ["control", "enterprise"]})
	count(ops.deny) == 0 with input as site([erp], [both])
}

test_program_download_and_operate if {
	findings := ops.deny with input as site([eng("flow:4", download), fx.flow("flow:5", "dnp3", "10.30.0.50", "control", "10.30.0.11", 20000, "control", direct_operate)], [])
	{[f.kind, f.severity] | some f in findings} == {["change", "high"], ["command", "medium"]}
	some f in findings
	f.kind == "change"
	endswith(f.message, ": download_block ×12 from 2026-10-28T07:10:00Z to 2026-10-28T07:12:30Z")
}

# An operation that spills over the window's end is outside it.
test_operations_partly_outside_a_window if {
	late := {"ops": [op("program", "download_block", 27, 4, "09:59:00", "10:01:00")]}
	count(ops.deny) == 1 with input as site([eng("flow:4", late)], [line1])
	count(ops.deny) == 0 with input as site([eng("flow:4", download)], [line1])
}

# Without times of its own, an operation takes its flow's; without any
# it is never inside a window.
test_flow_times_stand_in if {
	untimed := {"ops": [{"class": "write", "name": "write_var", "code": 5, "count": 1}]}
	inside := timed(fx.flow("flow:6", "s7comm", "10.30.0.50", "control", "10.30.0.10", 102, "control", untimed), "08:00:00", "08:05:00")
	count(ops.deny) == 0 with input as site([inside], [line1])
	bare := fx.flow("flow:6", "s7comm", "10.30.0.50", "control", "10.30.0.10", 102, "control", untimed)
	count(ops.deny) == 1 with input as site([bare], [line1])
}

test_reads_and_cyclic_io_pass if {
	io := {"ops": [{"class": "write", "name": "io", "code": -1, "count": 900}]}
	flows := [
		fx.flow("flow:7", "enip", "10.30.0.50", "control", "10.30.0.10", 2222, "control", io),
		fx.flow("flow:8", "modbus", "10.30.0.50", "control", "10.30.0.10", 502, "control", fx.modbus_read),
	]
	count(ops.deny) == 0 with input as site(flows, [])
}

test_state_operations_of_each_protocol_are_changes if {
	cases := [
		["dnp3", "control", "cold_restart"],
		["enip", "control", "stop"],
		["bacnet", "control", "reinitializeDevice"],
		["ads", "control", "write_control"],
		["iec104", "control", "C_RP_NA_1"],
		["s7comm", "control", "invoke"],
		["bacnet", "program", "atomicWriteFile"],
	]
	every c in cases {
		f := fx.flow("flow:9", c[0], "10.30.0.50", "control", "10.30.0.10", 1, "control", {"ops": [{"class": c[1], "name": c[2], "code": 1, "count": 1}]})
		{x.kind | some x in ops.deny} == {"change"} with input as site([f], [])
	}
	opc := fx.flow("flow:9", "opcua", "10.30.0.50", "control", "10.30.0.10", 4840, "control", {"ops": [{"class": "control", "name": "Call", "code": 712, "count": 1}]})
	{x.severity | some x in ops.deny} == {"medium"} with input as site([opc], [])
}

test_assessed_follows_the_capture if {
	ops.assessed == {"control"} with input as fx.declared(site([], []), ["control"])
	count(ops.assessed) == 0 with input as fx.no_capture
	count(ops.deny) == 0 with input as fx.no_capture
}
