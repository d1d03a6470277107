# METADATA
# title: Traffic between zones flows only through declared conduits
# description: >-
#   Every conversation seen between two declared zones is allowed by a
#   conduit of the assessment: from the client's zone to the server's, for
#   the service used (a port such as "tcp/502", a range such as
#   "tcp/502-503", or a protocol name such as "modbus").
# scope: package
# custom:
#   id: SLATE-NET-002
#   requirements:
#     - iec62443-3-3:SR 5.1
#     - iec62443-3-3:SR 5.2
#     - nist-800-53r5:SC-7
#   severity: high
#   owner: OT
#   why: >-
#     IEC 62443-3-3 SR 5.1 (network segmentation) asks that the control
#     system network be segmented from other networks and SR 5.2 (zone
#     boundary protection) that traffic crossing a zone boundary be
#     monitored and controlled per the conduits; a conversation between two
#     zones that no declared conduit allows shows both failing. SP 800-53r5
#     SC-7 (boundary protection) is their NIST counterpart.
#   remediation: >-
#     Find out with the process owner whether the traffic is needed before
#     changing anything. If it is not, block it at the zone boundary (first
#     logging, then denying, in a maintenance window). If it is, declare
#     the conduit (zones, direction and services) and enforce it with a
#     firewall rule that allows only those services.
package slate.checks.network.conduits

import data.slate.lib.network

assessed contains zone if some zone in network.evidence_zones

conduits := object.get(input, ["assessment", "conduits"], [])

# allows is true when the conduit's service s admits the flow.
allows(s, _) if s in {"*", "any"}

allows(s, flow) if network.service_name(s) == flow.protocol

allows(s, flow) if lower(s) == network.service(flow)

allows(s, flow) if {
	parts := split(lower(s), "/")
	count(parts) == 2
	parts[0] == flow.transport
	range := split(parts[1], "-")
	count(range) == 2
	to_number(range[0]) <= flow.server.port
	flow.server.port <= to_number(range[1])
}

# allowed is judged once per zones and service (allowed_on), however
# many conversations share them: of the flow, allows reads the protocol,
# transport and server port alone.
allowed(flow) if allowed_on(
	flow.client.zone, flow.server.zone,
	object.union(object.filter(flow, ["protocol", "transport"]), {"server": object.filter(flow.server, ["port"])}),
)

allowed_on(czone, szone, service) if {
	some conduit in conduits
	conduit.from == czone
	conduit.to == szone
	some s in object.get(conduit, "services", [])
	allows(s, service)
}

# One finding per conversation: what it says depends on nothing that
# belongs to one connection.
deny contains finding if {
	some flow in network.crossing_conversations
	flow.transport != "l2"
	network.zones_by_name[flow.client.zone]
	network.zones_by_name[flow.server.zone]
	flow.client.zone != flow.server.zone
	not allowed(flow)
	label := object.get({"": "an unidentified protocol"}, flow.protocol, flow.protocol)
	finding := {
		"subject": network.subject(flow),
		"zone": flow.server.zone,
		"message": sprintf("%s in zone %s reaches %s in zone %s over %s (%s) with no conduit allowing it", [
			flow.client.ip, flow.client.zone, network.endpoint(flow.server), flow.server.zone,
			network.service(flow), label,
		]),
		"evidence": [network.ref(f) | some f in flow.flows],
		"exposure": network.flow_exposure(flow),
	}
}
