# METADATA
# title: OT control operations are made inside attested maintenance windows
# description: >-
#   Captured traffic shows who changes the controllers: program and firmware
#   transfers, run-state commands (PLC start and stop, device restart and
#   reset), control commands (operate, select/operate, method calls) and
#   writes, by client, zone, target device and count. An operation made
#   inside a maintenance window the assessment declares (approved work on
#   the target's zone, from that zone or through a declared conduit into
#   it) is noted on the zone's cells; one made outside every window is a
#   finding.
# scope: package
# custom:
#   id: SLATE-NET-010
#   requirements:
#     - iec62443-3-3:SR 2.1
#     - iec62443-3-3:SR 2.12
#     - nist-800-53r5:AC-3
#     - nist-800-53r5:AU-10
#     - nist-800-53r5:CM-3
#   findings:
#     - kind: change
#       requirements:
#         - iec62443-3-3:SR 2.1
#         - iec62443-3-3:SR 2.12
#         - nist-800-53r5:AC-3
#         - nist-800-53r5:AU-10
#         - nist-800-53r5:CM-3
#       why: >-
#         A program or firmware transfer, or a command that starts, stops,
#         restarts or resets a controller, seen outside every approved
#         maintenance window: nothing shows the change was authorised
#         (IEC 62443-3-3 SR 2.1 authorization enforcement; SP 800-53r5
#         AC-3 access enforcement) or went through change control
#         (SP 800-53r5 CM-3 configuration change control); and the
#         industrial protocols judged here carry no user identity, so the
#         change is attributable to a host, not to a person (SR 2.12
#         non-repudiation, SL 3; AU-10 non-repudiation).
#     - kind: command
#       requirements:
#         - iec62443-3-3:SR 2.1
#         - nist-800-53r5:AC-3
#       why: >-
#         A control command (operate, select/operate, freeze, method call)
#         or a write of process data or configuration, seen outside every
#         approved maintenance window: nothing shows the host was authorised
#         to command or change the device (IEC 62443-3-3 SR 2.1
#         authorization enforcement; SP 800-53r5 AC-3 access enforcement).
#         Such operations are often part of normal operation (an HMI
#         writing set points): a write within a zone is low, one from
#         another zone medium.
#   severity: high
#   owner: OT
#   remediation: >-
#     Make program downloads, firmware updates and run-state changes only
#     in approved maintenance windows (declare them with maintenance_window
#     blocks) from an engineering station in the zone or behind a declared
#     conduit; protect the controllers against changes outside them
#     (S7-1200/1500 access protection levels, the run/stop key switch,
#     ControlLogix key switch in RUN, DNP3 Secure Authentication); and
#     restrict which hosts may write to the devices (function-code filtering
#     on the conduit's firewall or an industrial protocol-aware gateway).
package slate.checks.network.control_operations

import data.slate.lib.inventory
import data.slate.lib.network

assessed contains zone if some zone in network.evidence_zones

# --- what an operation is -----------------------------------------------

# state_ops are, by protocol, the control operations that change a
# device's run state: start, stop, restart, reset, reinitialise.
state_ops := {
	"ads": {"write_control"},
	"bacnet": {"reinitializeDevice", "deviceCommunicationControl"},
	"dnp3": {"cold_restart", "warm_restart", "initialize_data", "initialize_application", "start_application", "stop_application"},
	"enip": {"reset", "start", "stop"},
	"iec104": {"C_RP_NA_1"},
	"s7comm": {"plc_control", "plc_stop", "invoke"},
}

# change_events are the dissectors' events that say what a change was
# (a PLC start, a cold restart): findings and notes of category change
# quote them.
change_events := {
	"ads_write_control", "bacnet_device_communication_control", "bacnet_reinitialize_device",
	"cip_reset", "cip_start", "cip_stop", "dnp3_restart", "dnp3_stop_application",
	"iec104_reset_process", "s7_delete_block", "s7_insert_block", "s7_plc_start", "s7_plc_stop",
}

# category is what an operation does: change (program or firmware
# transfer, run state), operate (other control commands) or write. The
# cyclic I/O of EtherNet/IP (class 1 connections) is process data, not an
# operation anyone makes.
category(_, op) := "change" if op.class == "program"

category(flow, op) := "change" if {
	op.class == "control"
	op.name in object.get(state_ops, flow.protocol, set())
}

category(flow, op) := "operate" if {
	op.class == "control"
	not op.name in object.get(state_ops, flow.protocol, set())
}

category(flow, op) := "write" if {
	op.class == "write"
	not io(flow, op)
}

io(flow, op) if {
	flow.protocol == "enip"
	op.name == "io"
}

kinds := {"change": "change", "operate": "command", "write": "command"}

phrases := {
	"change": "program or run-state operations",
	"operate": "control commands",
	"write": "writes",
}

# --- when ----------------------------------------------------------------

# span(flow, x) is [first, last] in ns of an operation or event x: its own
# times, else the flow's; [-1, -1] when neither is known.
span(flow, x) := [time.parse_rfc3339_ns(x.first_seen), time.parse_rfc3339_ns(x.last_seen)] if {
	is_string(object.get(x, "first_seen", null))
	is_string(object.get(x, "last_seen", null))
} else := [t, t] if {
	is_string(object.get(x, "time", null))
	t := time.parse_rfc3339_ns(x.time)
} else := [time.parse_rfc3339_ns(flow.first_seen), time.parse_rfc3339_ns(flow.last_seen)] if {
	is_string(object.get(flow, "first_seen", null))
	is_string(object.get(flow, "last_seen", null))
} else := [-1, -1]

# --- maintenance windows ---------------------------------------------------

windows := [object.union(w, {"from_ns": time.parse_rfc3339_ns(w.from), "to_ns": time.parse_rfc3339_ns(w.to)}) |
	some w in object.get(input, ["assessment", "maintenance_windows"], [])
]

# zone_windows(zone) are the windows for work on the devices of zone.
zone_windows(zone) := [w | some w in windows; zone in w.zones]

# reaching(c) are the windows that cover the work of conversation c: for
# its server's zone, with its client in a zone of the window or in a zone
# a declared conduit connects to the server's for the protocol.
reaching(c) := [w |
	some w in zone_windows(c.server.zone)
	reaches(c, w)
]

reaches(c, w) if c.client.zone in w.zones

reaches(c, _) if network.conduit_admits(c.client.zone, c.server.zone, network.conduit_key(c))

# window_of(c, s) is the name of the first window of reaching(c) that
# holds the span s, "" when none does.
window_of(c, s) := names[0] if {
	names := sort([w.name |
		s[0] >= 0
		some w in reaching(c)
		w.from_ns <= s[0]
		s[1] <= w.to_ns
	])
	count(names) > 0
} else := ""

# --- the operations, in or out of windows --------------------------------

# groups are the operations recorded on the flows of each conversation
# (by its index in network.operation_conversations), by category and by
# the window they are inside ("" when none): each with its flow, its
# span and the operation.
groups[[i, cat, window]] contains {"flow": flow, "op": op, "category": cat, "span": s} if {
	some i, c in network.operation_conversations
	some flow in c.flows
	some op in object.get(flow, ["facts", "ops"], [])
	cat := category(flow, op)
	s := span(flow, op)
	window := window_of(c, s)
}

deny contains finding if {
	some key, xs in groups
	[i, cat, name] := key
	name == ""
	c := network.operation_conversations[i]
	finding := {
		"kind": kinds[cat],
		"subject": network.subject(c),
		"zone": network.target_zone(c),
		"severity": severity(cat, c),
		"message": sprintf("%s sent %s %s to %s %s: %s", [
			who(c.client), c.protocol, phrases[cat], who(c.server), outside(c), summary(xs),
		]),
		"evidence": sort({network.ref(x.flow) | some x in xs}),
		"exposure": network.flow_exposure(c),
	}
}

# notes say who made which operations inside which window, on the cells
# of the target's zone: what an assessor reads to see who changed a
# device during planned work.
notes contains {"zone": c.server.zone, "note": note} if {
	some key, xs in groups
	[i, cat, name] := key
	name != ""
	c := network.operation_conversations[i]
	some w in windows
	w.name == name
	note := sprintf("%s sent %s %s to %s inside maintenance window %s (approved by %s): %s", [
		who(c.client), c.protocol, phrases[cat], who(c.server), w.name, w.approved_by, summary(xs),
	])
}

severity("change", _) := "high"

severity("operate", _) := "medium"

severity("write", c) := "low" if c.client.zone == c.server.zone

severity("write", c) := "medium" if c.client.zone != c.server.zone

# outside says why the operations of conversation c are outside every
# window.
outside(c) := sprintf("with no maintenance window declared for %s", [network.zone_label(c.server.zone)]) if {
	count(zone_windows(c.server.zone)) == 0
}

outside(c) := sprintf("outside any maintenance window that covers work from %s (for %s: %s, from the windows' zones or through a declared conduit)", [
	network.zone_label(c.client.zone), c.server.zone, window_list(zone_windows(c.server.zone)),
]) if {
	count(zone_windows(c.server.zone)) > 0
	count(reaching(c)) == 0
}

outside(c) := sprintf("outside the maintenance windows for %s (%s)", [c.server.zone, window_list(reaching(c))]) if {
	count(reaching(c)) > 0
}

window_list(ws) := concat(", ", sort({sprintf("%s %s to %s", [w.name, w.from, w.to]) | some w in ws}))

# summary says how often each operation was seen and when, and quotes
# the changes the dissectors described: "plc_control ×1 at
# 2026-10-28T10:15:00Z (PLC control P_PROGRAM (start/run) requested)".
summary(xs) := concat("", [
	concat(", ", [sprintf("%s ×%d", [name, counts[name]]) | some name in sort(object.keys(counts))]),
	" ", when(xs),
	described(xs),
]) if {
	counts := {name: sum([x.op.count | some x in xs; x.op.name == name]) | some y in xs; name := y.op.name}
}

when(xs) := sprintf("at %s", [stamp(first)]) if {
	first := min({x.span[0] | some x in xs})
	last := max({x.span[1] | some x in xs})
	first >= 0
	stamp(first) == stamp(last)
}

when(xs) := sprintf("from %s to %s", [stamp(first), stamp(last)]) if {
	first := min({x.span[0] | some x in xs})
	last := max({x.span[1] | some x in xs})
	first >= 0
	stamp(first) != stamp(last)
}

when(xs) := "at a time the capture did not record" if min({x.span[0] | some x in xs}) < 0

# stamp writes ns to the second, UTC.
stamp(ns) := sprintf("%sZ", [substring(time.format([ns, "UTC", "2006-01-02T15:04:05"]), 0, 19)])

# described quotes the change events seen on the flows of xs in the
# span of its operations.
described(xs) := sprintf(" (%s)", [concat("; ", msgs)]) if {
	xs[_].category == "change"
	msgs := sort({e.message |
		some x in xs
		some e in object.get(x.flow, ["facts", "events"], [])
		e.kind in change_events
		es := span(x.flow, e)
		es[0] >= x.span[0]
		es[1] <= x.span[1]
	})
	count(msgs) > 0
} else := ""

# who names a flow's end for people: the inventory's name for its address
# with the address, else the address, with its zone.
who(end) := sprintf("%s (%s) in %s", [concat("/", names), network.host(end), network.zone_label(end.zone)]) if {
	names := sort({inventory.label(a) | some a in object.get(inventory.by_address, object.get(end, "ip", ""), [])})
	count(names) > 0
} else := sprintf("%s in %s", [network.host(end), network.zone_label(end.zone)])
