# METADATA
# title: OT write, control and program commands do not cross zone boundaries in cleartext
# description: >-
#   Captured traffic shows no write, control (operate, start/stop, restart)
#   or program (download, upload, file transfer) command of an industrial
#   protocol sent in cleartext from one zone to another: such commands must
#   stay within their zone or cross it through an authenticated, protected
#   channel.
# scope: package
# custom:
#   id: SLATE-NET-001
#   requirements:
#     - iec62443-3-3:SR 3.1
#     - iec62443-3-3:SR 5.2
#     - nist-800-53r5:SC-8
#     - nist-800-53r5:AC-4
#   severity: high
#   owner: OT
#   remediation: >-
#     Issue write, control and program commands from an engineering station
#     or HMI inside the target zone, or tunnel them through an authenticated
#     and encrypted conduit (for example a VPN or OPC UA SignAndEncrypt),
#     and block the protocol at the zone boundary.
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

deny contains finding if {
	some c in network.crossing_conversations
	cleartext_protocol(c)
	some class in c.op_classes
	class in risky
	some flow in c.flows
	cleartext(flow)
	ops := network.ops_in(flow, risky)
	count(ops) > 0
	finding := {
		"subject": network.subject(flow),
		"zone": network.target_zone(flow),
		"message": sprintf("%s sends cleartext %s %s to %s across zones (%s to %s)", [
			network.endpoint(flow.client), flow.protocol, concat(", ", sort(ops)), network.endpoint(flow.server),
			network.zone_label(flow.client.zone), network.zone_label(flow.server.zone),
		]),
		"evidence": [network.ref(flow)],
		"exposure": network.flow_exposure(flow),
	}
}
