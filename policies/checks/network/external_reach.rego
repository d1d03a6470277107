# METADATA
# title: OT hosts do not talk to networks outside the declared zones
# description: >-
#   Captured traffic shows no host of an OT zone talking with an address
#   outside every declared zone network (the Internet, or a network the
#   assessment does not know): no web browsing or cloud calls over HTTP or
#   TLS, no name resolution through outside DNS servers, and no other
#   conversation, in either direction. Such general-purpose communication
#   makes the control system depend on, and reachable from, networks
#   outside it. An address counts as inside when a declared network holds
#   it; multicast, broadcast, link-local and loopback addresses are not
#   remote hosts and are left out.
# scope: package
# custom:
#   id: SLATE-NET-005
#   requirements:
#     - iec62443-3-3:SR 5.1
#     - iec62443-3-3:SR 5.1 RE 2
#     - iec62443-3-3:SR 5.2
#     - nist-800-53r5:SC-7
#     - nist-800-53r5:SC-7(4)
#     - nist-800-53r5:SC-7(5)
#   findings:
#     - kind: outside-service
#       requirements:
#         - iec62443-3-3:SR 5.1
#         - iec62443-3-3:SR 5.1 RE 2
#         - iec62443-3-3:SR 5.2
#         - nist-800-53r5:SC-7
#         - nist-800-53r5:SC-7(5)
#       why: >-
#         An OT host browses, calls a cloud service or resolves names
#         outside every declared zone. IEC 62443-3-3 SR 5.1 (network
#         segmentation): the control network is not separated from networks
#         outside it; SR 5.1 RE 2 (independence from non-control system
#         networks): it relies on their services; SR 5.2 (zone boundary
#         protection) and SP 800-53r5 SC-7 / SC-7(5) (deny by default, allow
#         by exception): the boundary lets out traffic no conduit declares.
#         Not SR 5.3: that requirement is about person-to-person messaging
#         (e-mail, chat), which a flow does not show.
#     - kind: outbound
#       requirements:
#         - iec62443-3-3:SR 5.1
#         - iec62443-3-3:SR 5.2
#         - nist-800-53r5:SC-7
#         - nist-800-53r5:SC-7(5)
#       why: >-
#         An OT host talks to an address outside every declared zone over
#         another protocol: IEC 62443-3-3 SR 5.1 (network segmentation), SR
#         5.2 (zone boundary protection) and SP 800-53r5 SC-7 / SC-7(5) (deny
#         by default, allow by exception), as for outside-service; no
#         dependence on an outside service is shown, so not SR 5.1 RE 2.
#     - kind: inbound
#       requirements:
#         - iec62443-3-3:SR 5.1
#         - iec62443-3-3:SR 5.2
#         - nist-800-53r5:SC-7
#         - nist-800-53r5:SC-7(4)
#         - nist-800-53r5:SC-7(5)
#       why: >-
#         An address outside every declared zone reaches an OT host: IEC
#         62443-3-3 SR 5.1 (network segmentation) and SR 5.2 (zone boundary
#         protection); SP 800-53r5 SC-7 / SC-7(5) (deny by default) and
#         SC-7(4) (external telecommunications services: each external
#         connection through a managed interface with a traffic-flow policy),
#         since no declared conduit is that interface.
#   severity: high
#   owner: OT
#   remediation: >-
#     Block traffic between OT zones and every network outside the declared
#     zones at the OT firewall; give OT hosts internal DNS, time and update
#     services in the DMZ; if a connection outside is needed (remote
#     support, a cloud service), declare its zone and conduit and route it
#     through a DMZ proxy or jump host.
package slate.checks.network.external_reach

import data.slate.lib.breadth
import data.slate.lib.network

# assessed are the OT zones the captures cover and that declare networks:
# their hosts are recognised by address.
assessed contains zone if {
	some zone in network.evidence_zones
	zone in breadth.ot_zones
	count(object.get(network.zones_by_name[zone], "networks", [])) > 0
}

# inside is true for the OT end of a flow: in an OT zone, at an address of
# a declared network.
inside(end) if {
	end.zone in breadth.ot_zones
	end.ip in breadth.inside_ips
}

# peer is true for the other end: a single host at an outside address.
peer(end) if not object.get(end, "group", false)

web_protocols := {"http", "tls"}

web_services := {"tcp/80", "tcp/443", "tcp/8080", "tcp/8443"}

dns_services := {"udp/53", "tcp/53"}

kind(flow) := "web" if {
	flow.protocol in web_protocols
} else := "dns" if {
	flow.protocol == "dns"
} else := "web" if {
	flow.protocol == ""
	network.service(flow) in web_services
} else := "dns" if {
	flow.protocol == ""
	network.service(flow) in dns_services
} else := "other"

over(flow) := sprintf("%s (%s)", [network.service(flow), flow.protocol]) if flow.protocol != ""

over(flow) := network.service(flow) if flow.protocol == ""

message(flow, r) := sprintf("%s in OT zone %s reaches the web at %s over %s, outside every declared zone", [
	r.host.ip, r.host.zone, network.endpoint(r.peer), over(flow),
]) if {
	r.outbound
	kind(flow) == "web"
}

message(flow, r) := sprintf("%s in OT zone %s resolves names through %s, a DNS server outside every declared zone", [
	r.host.ip, r.host.zone, network.endpoint(r.peer),
]) if {
	r.outbound
	kind(flow) == "dns"
}

message(flow, r) := sprintf("%s in OT zone %s talks to %s over %s, outside every declared zone", [
	r.host.ip, r.host.zone, network.endpoint(r.peer), over(flow),
]) if {
	r.outbound
	kind(flow) == "other"
}

message(flow, r) := sprintf("%s, outside every declared zone, reaches %s in OT zone %s over %s", [
	r.peer.ip, network.endpoint(r.host), r.host.zone, over(flow),
]) if not r.outbound

# outbound_kind is the finding kind of a flow an OT host starts: web and
# DNS are services the host relies on.
outbound_kind(flow) := "outbound" if kind(flow) == "other"

outbound_kind(flow) := "outside-service" if kind(flow) != "other"

# Each rule tests first whether one end is outside, a set lookup that
# fails for most flows; inside and outside exclude each other.
# exposure: a conversation with an address outside every declared zone
# opens a path to and from the outside whichever end started it, and no
# conduit is ever declared to the outside.
exposure := {"crosses_boundary": true, "from": "external", "conduit": "undeclared"}

deny contains finding if {
	some flow in network.external_flows
	flow.server.ip in breadth.outside_ips
	peer(flow.server)
	inside(flow.client)
	finding := {
		"kind": outbound_kind(flow),
		"subject": network.subject(flow),
		"zone": flow.client.zone,
		"message": message(flow, {"host": flow.client, "peer": flow.server, "outbound": true}),
		"evidence": [network.ref(flow)],
		"exposure": exposure,
	}
}

deny contains finding if {
	some flow in network.external_flows
	flow.client.ip in breadth.outside_ips
	peer(flow.client)
	inside(flow.server)
	finding := {
		"kind": "inbound",
		"subject": network.subject(flow),
		"zone": flow.server.zone,
		"message": message(flow, {"host": flow.server, "peer": flow.client, "outbound": false}),
		"evidence": [network.ref(flow)],
		"exposure": exposure,
	}
}
