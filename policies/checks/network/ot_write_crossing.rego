# METADATA
# title: OT write, control and program commands do not cross zone boundaries in cleartext
# description: >-
#   Captured traffic shows no write, control (operate, start/stop, restart)
#   or program (download, upload, file transfer) command of an industrial
#   protocol sent in cleartext from one zone to another outside a declared
#   conduit: such commands must stay within their zone or cross it through
#   an authenticated, protected channel. Where a declared conduit allows
#   the protocol, the command is not a boundary violation; it is reported
#   as a finding of its own, of lower severity, naming the hosts that
#   write through the conduit.
# scope: package
# custom:
#   id: SLATE-NET-001
#   requirements:
#     - iec62443-3-3:SR 3.1 RE 1
#     - iec62443-3-3:SR 4.1 RE 1
#     - iec62443-3-3:SR 5.2
#     - nist-800-53r5:SC-8(1)
#     - nist-800-53r5:AC-4
#   findings:
#     - kind: undeclared-crossing
#       requirements:
#         - iec62443-3-3:SR 3.1 RE 1
#         - iec62443-3-3:SR 4.1 RE 1
#         - iec62443-3-3:SR 5.2
#         - nist-800-53r5:SC-8(1)
#         - nist-800-53r5:AC-4
#       why: >-
#         IEC 62443-3-3 SR 5.2 (zone boundary protection) and SP 800-53r5 AC-4
#         (information flow enforcement): no declared conduit admits the
#         command, so it crosses the boundary outside the zone and conduit
#         model. SR 3.1 RE 1 (cryptographic integrity protection, SL 3) and
#         SR 4.1 RE 1 (confidentiality in transit via untrusted networks) with
#         SP 800-53r5 SC-8(1) (cryptographic protection in transmission): the
#         command travels without cryptographic protection from another
#         zone. Not SR 3.1 base: the protocol's own checks (CRCs, sequence
#         numbers) are the integrity SR 3.1 asks of every level.
#     - kind: declared-conduit-writes
#       requirements:
#         - iec62443-3-3:SR 3.1 RE 1
#         - nist-800-53r5:SC-8(1)
#       why: >-
#         IEC 62443-3-3 SR 3.1 RE 1 (cryptographic integrity protection, SL 3)
#         and SP 800-53r5 SC-8(1): a declared conduit allows the protocol, so
#         the boundary is kept (not SR 5.2 / AC-4), but the command reaches
#         the controller without cryptographic integrity protection.
#       remediation: >-
#         Restrict who can write: on the conduit's firewall or industrial DPI,
#         allow the write, control and program function codes only from the
#         engineering stations that need them (Modbus function-code
#         filtering, S7comm function filtering) and reads from the rest; on the PLC,
#         enable access protection (S7-1500 access levels with a password
#         for write access, S7-300/400 protection level 2 or 3, Modbus
#         write protection where the device offers it) and keep the
#         CPU's mode switch in RUN outside maintenance; move engineering
#         traffic to a protocol with integrity protection where the
#         controller supports it (S7comm-plus with TLS on S7-1500 from
#         firmware 2.9 / TIA Portal V17, OPC UA with Sign or
#         SignAndEncrypt) instead of legacy S7 or Modbus.
#   severity: high
#   owner: OT
#   remediation: >-
#     Issue write, control and program commands from an engineering station
#     or HMI inside the target zone, or tunnel them through an authenticated
#     and encrypted conduit (for example a VPN or OPC UA SignAndEncrypt),
#     and block the protocol at the zone boundary; where the path is needed,
#     declare it as a conduit and restrict it to the hosts that write.
package slate.checks.network.ot_write_crossing

import data.slate.lib.network

assessed contains zone if some zone in network.evidence_zones

# cleartext_protocols carry commands without cryptographic protection.
cleartext_protocols := {
	"modbus", "dnp3", "s7comm", "enip", "bacnet", "iec104",
	"ads", "c37118", "profinet", "goose",
}

risky := {"write", "control", "program"}

cleartext(flow) if flow.protocol in cleartext_protocols

# OPC UA is cleartext when a channel with security mode or policy None was
# seen, or when no channel set-up was seen at all (a capture that starts
# mid-session) and the commands could be read. A channel whose policy is
# not None hides its mode: it is Sign or SignAndEncrypt.
cleartext(flow) if {
	flow.protocol == "opcua"
	network.attr_has(flow, "security_mode", "None")
}

cleartext(flow) if {
	flow.protocol == "opcua"
	network.attr_has(flow, "security_policy", "None")
}

cleartext(flow) if {
	flow.protocol == "opcua"
	network.attr(flow, "security_mode") == ""
	network.attr(flow, "security_policy") == ""
}

# cleartext_protocol is true when a conversation's protocol may be
# cleartext: the flows of the others are not looked at.
cleartext_protocol(c) if c.protocol in cleartext_protocols

cleartext_protocol(c) if c.protocol == "opcua"

# writes are the cleartext write, control and program commands seen
# crossing zones, each with its flow, its operations and the declared
# conduits that admit it (none: it crosses outside the zone model).
writes contains {"flow": flow, "ops": ops, "conduits": conduits_of(flow)} if {
	some c in network.crossing_conversations
	cleartext_protocol(c)
	some class in c.op_classes
	class in risky
	some flow in c.flows
	cleartext(flow)
	ops := network.ops_in(flow, risky)
	count(ops) > 0
}

# conduits_of are the names of the declared conduits from the flow's
# client zone to its server zone whose services admit it.
conduits_of(flow) := {c.name |
	some c in object.get(input, ["assessment", "conduits"], [])
	c.from == flow.client.zone
	c.to == flow.server.zone
	some s in object.get(c, "services", [])
	network.admits(s, network.conduit_key(flow))
}

deny contains finding if {
	some w in writes
	count(w.conduits) == 0
	flow := w.flow
	finding := {
		"kind": "undeclared-crossing",
		"subject": network.subject(flow),
		"zone": network.target_zone(flow),
		"message": sprintf("%s sends cleartext %s %s to %s across zones (%s to %s)", [
			network.endpoint(flow.client), flow.protocol, concat(", ", sort(w.ops)), network.endpoint(flow.server),
			network.zone_label(flow.client.zone), network.zone_label(flow.server.zone),
		]),
		"evidence": [network.ref(flow)],
		"exposure": network.flow_exposure(flow),
	}
}

# writers are, by target (server address, service, protocol), the hosts
# that send it cleartext commands through a declared conduit.
writers := {t: hosts |
	some t in {target(w.flow) | some w in writes; count(w.conduits) > 0}
	hosts := {network.host(w.flow.client) | some w in writes; count(w.conduits) > 0; target(w.flow) == t}
}

target(flow) := [network.host(flow.server), network.service(flow), flow.protocol]

deny contains finding if {
	some w in writes
	count(w.conduits) > 0
	flow := w.flow
	hosts := writers[target(flow)]
	finding := {
		"kind": "declared-conduit-writes",
		"severity": "medium",
		"subject": network.subject(flow),
		"zone": network.target_zone(flow),
		"message": sprintf("%s sends cleartext %s %s to %s on conduit %s, which allows %s (%s to %s): writes from %d host(s) (%s); restrict writers, use PLC access protection", [
			network.endpoint(flow.client), flow.protocol, concat(", ", sort(w.ops)), network.endpoint(flow.server),
			concat(", ", sort(w.conduits)), flow.protocol,
			network.zone_label(flow.client.zone), network.zone_label(flow.server.zone),
			count(hosts), concat(", ", sort(hosts)),
		]),
		"evidence": [network.ref(flow)],
		"exposure": network.flow_exposure(flow),
	}
}
