# Helpers over traffic evidence (input.evidence.<kind> for every kind of
# data.slate.traffic.kinds: captures, sensors' logs), shared by the network
# checks. No findings here.
package slate.lib.network

import data.slate.lib.flowindex
import data.slate.traffic

# documents are the traffic documents of the assessment (of every traffic
# kind, in kind order), [] when none.
# They hold every flow and every device seen: a check that reads a whole
# document, its data, its flows (or flows, below) or its devices makes the
# engine keep them all in the policy input, which for a large site costs
# gigabytes of memory (docs/performance.md). The built-in checks read the
# selections below, and the narrow lists wire_assets, captures and
# document_ids.
documents := traffic.documents

# present is true when at least one traffic source was collected.
present if traffic.document_ids[_]

# document_ids are the ids of the traffic documents.
document_ids := traffic.document_ids

# flows are every flow record, each with the id of its document.
flows := [object.union(flow, {"document": doc.id}) |
	some doc in documents
	some flow in doc.data.flows
]

# wire_assets are the devices the captures saw, each with the id of its
# document.
wire_assets := selection("wire_assets")

# wire_by_role are wire_assets by their "role" ("" for none), each list in
# their order: a check that wants the devices of some roles visits those
# alone. The engine makes them once for every check
# (input.index.joined.wire_by_role); they are made here when the input has
# none.
wire_by_role := input.index.joined.wire_by_role

wire_by_role := {r: [w | some w in wire_assets; object.get(w, "role", "") == r] |
	some r in {object.get(w, "role", "") | some w in wire_assets}
} if not input.index.joined.wire_by_role

# captures say how each capture file was read, each with the id of its
# document.
captures := traffic.captures

# selection is one of the engine's selections of the flows
# (input.index.pcap, see engine/flowindex.go), or the same computed here
# when the input has none (a test, opa eval on a saved input). A selection
# is a list of conversations: flows that differ only in what belongs to
# one connection (the client's port, counters, times, the dissectors'
# facts). Each conversation is its first flow with "flows", the list of
# its flows, and "op_classes", the classes of the operations recorded on
# them (sorted); every flow has the id of its document. Read a conversation's
# addresses, zones, server port, transport and protocol from it, and what
# belongs to one connection from its flows. A selection is a superset: the
# rules below apply their own conditions.
selection(name) := input.index.pcap[name]

selection(name) := flowindex.pcap[name] if not input.index.pcap

# crossing_conversations are the conversations whose ends lie in
# different zones (crosses); crossing_flows are their flows.
crossing_conversations := [c | some c in selection("crossing"); crosses(c)]

crossing_flows := [flow | some c in crossing_conversations; some flow in c.flows]

# management_protocols may carry device management in cleartext.
management_protocols := {p | some p in traffic.insecure_protocols}

# management_conversations are the conversations of those protocols;
# management_flows are their flows.
management_conversations := [c | some c in selection("insecure"); c.protocol in management_protocols]

management_flows := [flow | some c in management_conversations; some flow in c.flows]

# protocol_selections say which selection holds the flows of a protocol:
# protocol_flows serves these protocols only.
protocol_selections := {"ftp": "insecure", "http": "insecure", "smb": "insecure", "snmp": "insecure", "telnet": "insecure", "tls": "tls"}

# protocol_flows(p) are the flows of protocol p, one of
# protocol_selections.
protocol_flows(p) := [flow | some c in selection(protocol_selections[p]); c.protocol == p; some flow in c.flows]

# negotiated_protocols are the protocols whose two ends negotiate their
# security on the wire, where a dissector records what they settled on
# (OPC UA's security mode and policy, RDP's NLA, SSH's protocol version,
# VNC's security type).
negotiated_protocols := {p | some p in traffic.negotiated_protocols}

# negotiated_conversations are the conversations of those protocols.
negotiated_conversations := [c | some c in selection("negotiated"); c.protocol in negotiated_protocols]

# session_tests are the weaknesses a negotiation on the wire can show
# (SLATE-NET-008), in order: a flow of protocol whose attribute attr
# equals value ("equals": true) or holds it among its "|"-joined values.
# The engine reads the same table in Go (engine/flowindex_sessions.go,
# TestSessionTestsMatchRego).
session_tests := [
	{"protocol": "rdp", "kind": "rdp-no-nla", "attr": "nla", "value": "false", "equals": true},
	{"protocol": "rdp", "kind": "rdp-standard-security", "attr": "selected", "value": "rdp", "equals": false},
	{"protocol": "ssh", "kind": "ssh-v1", "attr": "ssh1", "value": "true", "equals": true},
	{"protocol": "opcua", "kind": "opcua-none", "attr": "security_mode", "value": "None", "equals": false},
	{"protocol": "opcua", "kind": "opcua-deprecated-policy", "attr": "security_policy", "value": "Basic128Rsa15", "equals": false},
	{"protocol": "opcua", "kind": "opcua-deprecated-policy", "attr": "security_policy", "value": "Basic256", "equals": false},
	{"protocol": "snmp", "kind": "snmpv3-noauth", "attr": "security_level", "value": "noAuthNoPriv", "equals": false},
	{"protocol": "vnc", "kind": "vnc-no-auth", "attr": "security_type", "value": "none", "equals": false},
	{"protocol": "vnc", "kind": "vnc-no-auth", "attr": "security_types", "value": "none", "equals": false},
	{"protocol": "vnc", "kind": "vnc-des", "attr": "security_type", "value": "vnc_auth", "equals": false},
]

# session_conversations are the conversations whose negotiation
# session_tests read: the negotiated protocols', and SNMP's.
session_conversations := array.concat(
	negotiated_conversations,
	[c | some c in selection("insecure"); c.protocol == "snmp"],
)

# weak_sessions are, per flow of session_conversations, each test of
# session_tests it meets: {"conversation", "flow", "kind", "attr",
# "value"}, in the order of the conversations, their flows and the tests.
# The engine makes them in Go (input.index.pcap.weak_sessions);
# flowindex.rego when the input has none.
weak_sessions := input.index.pcap.weak_sessions

weak_sessions := flowindex.weak_sessions if not input.index.pcap.weak_sessions

# external_flows hold every flow with an end at an address outside the
# networks the assessment declares (and others: apply the condition).
external_flows := [flow | some c in selection("external"); some flow in c.flows]

# identity_protocols are the protocols whose replies can identify a device.
identity_protocols := {p | some p in traffic.identity_protocols}

# identity_flows hold every flow of those protocols on which a dissector
# recorded a device's vendor, product, model or revision (and others).
identity_flows := [flow | some c in selection("identity"); c.protocol in identity_protocols; some flow in c.flows]

# operation_conversations are the conversations on which a dissector
# recorded an operation that changes a device (class write, control or
# program), whatever their zones.
operation_conversations := selection("operations")

# flow_zones are the zones named at the two ends of some flow.
flow_zones := selection("zones")

# inner_zones are the zones in which some flow starts and ends.
inner_zones := selection("inner_zones")

# flow_vlans are the VLAN ids (other than 0) on some flow.
flow_vlans := selection("vlans")

zones_by_name := {zone.name: zone | some zone in input.assessment.zones}

# ot_zones are the zones the assessment declares as OT.
ot_zones := {name | some name, zone in zones_by_name; object.get(zone, "kind", "") == "ot"}

# --- evidence scope ----------------------------------------------------
#
# A capture speaks for the zones it saw inside: a zone in which some flow
# starts and ends, a zone whose VLAN is on its frames (a flow's VLAN, or
# a device seen on it), and the zones its source declares (zones = [...]).
# A flow that only ends in a zone says little about the zone's other
# devices: it may give findings there, but does not assess the zone.

# sources are the assessment's source blocks with the zones they declare
# and their min_observation (input.assessment.sources).
sources := object.get(input, ["assessment", "sources"], [])

# The rules below read each capture document's id, source and
# provenance, never the document whole: a rule that does makes the engine
# keep every flow in the policy input.

# doc_sources are the capture documents' source names by document id.
doc_sources := {doc.id: doc.source | some doc in input.evidence.pcap}

# source_of(id) is the source block of capture document id.
source_of(id) := s if {
	some s in sources
	s.kind == "pcap"
	s.name == doc_sources[id]
}

# vlan_zones are the declared zones by VLAN id.
vlan_zones := {v: {z.name | some z in input.assessment.zones; v in object.get(z, "vlans", [])} |
	some zone in input.assessment.zones
	some v in object.get(zone, "vlans", [])
}

# seen_inside are, by capture document id, the declared zones it saw
# inside, from the engine's scope selection: the VLANs of its flows and
# of the devices it saw (device_vlans, which spares visiting every device
# seen once per document in every check that reads the zones).
seen_inside := {s.document: zones |
	some s in selection("scope")
	zones := {z | some z in s.inner_zones; zones_by_name[z]} | {z |
		some v in array.concat(s.vlans, device_vlans(s))
		some z in object.get(vlan_zones, v, set())
	}
}

device_vlans(s) := s.device_vlans

device_vlans(s) := [v |
	some a in wire_assets
	a.document == s.document
	some v in object.get(a, "vlans", [])
] if not s.device_vlans

# declared_zones(id) are the declared zones the source of capture
# document id names.
declared_zones(id) := {z | some z in source_of(id).zones; zones_by_name[z]}

default declared_zones(_) := set()

# capture_zones are, by capture document id, the zones it speaks for.
capture_zones := {id: zones |
	some id in document_ids
	zones := object.get(seen_inside, id, set()) | declared_zones(id)
}

# evidence_zones are the declared zones the captures speak for.
evidence_zones := {z | some zones in capture_zones; some z in zones}

# --- observation window -----------------------------------------------

# min_observation(id) is the window over which capture document id must
# have watched before the absence of a device from it counts.
min_observation(id) := {"text": s.min_observation, "ns": s.min_observation_ns} if {
	s := source_of(id)
	object.get(s, "min_observation_ns", 0) > 0
}

default min_observation(_) := {"text": "24h", "ns": 86400000000000}

# windows are the capture documents' observation windows in nanoseconds,
# first packet to last (provenance observed_from and observed_to), by
# document id; a document without them has none.
windows := {doc.id: w |
	some doc in input.evidence.pcap
	from := doc.provenance.observed_from
	to := doc.provenance.observed_to
	is_string(from)
	is_string(to)
	w := time.parse_rfc3339_ns(to) - time.parse_rfc3339_ns(from)
}

window_ns(id) := object.get(windows, id, 0)

# long_enough(id) is true when the capture watched for at least its
# min_observation.
long_enough(id) if window_ns(id) >= min_observation(id).ns

# absence_zones are the zones some capture long enough speaks for: the
# zones where what the wire did not show counts as absent.
absence_zones contains z if {
	some id in document_ids
	long_enough(id)
	some z in capture_zones[id]
}

# short_windows(zone) say, for a zone the captures speak for but none
# long enough, why: "capture span window 125ms is below min_observation
# 24h".
short_windows(zone) := concat(", ", sort({sprintf("capture %s window %s is below min_observation %s", [object.get(doc_sources, id, id), duration(window_ns(id)), min_observation(id).text]) |
	some id in document_ids
	zone in capture_zones[id]
}))

# duration writes ns for people in two units at most, the smaller one
# left out when it is 0: "125ms", "40s", "1m30s", "1h30m", "30h", "3d1h"
# (milliseconds rounded, the other units cut down).
duration(ns) := sprintf("%dms", [round(ns / 1000000)]) if ns < 1000000000

duration(ns) := sprintf("%ds", [floor(ns / 1000000000)]) if {
	ns >= 1000000000
	ns < 60000000000
}

duration(ns) := two_units(floor(ns / 1000000000), 60, "m", "s") if {
	ns >= 60000000000
	ns < 3600000000000
}

duration(ns) := two_units(floor(ns / 60000000000), 60, "h", "m") if {
	ns >= 3600000000000
	ns < 172800000000000
}

duration(ns) := two_units(floor(ns / 3600000000000), 24, "d", "h") if ns >= 172800000000000

two_units(n, per, big, _) := sprintf("%d%s", [n / per, big]) if n % per == 0

two_units(n, per, big, small) := sprintf("%d%s%d%s", [floor(n / per), big, n % per, small]) if n % per != 0

# crosses is true when the flow's ends lie in two different zones, at
# least one of them declared.
crosses(flow) if {
	flow.client.zone != flow.server.zone
	[flow.client.zone, flow.server.zone] != ["", ""]
}

# ops_in(flow, classes) are the operation names of the given classes the
# dissector recorded on the flow.
ops_in(flow, classes) := {op.name |
	some op in object.get(flow, ["facts", "ops"], [])
	op.class in classes
}

attr(flow, key) := object.get(flow, ["facts", "attrs", key], "")

# attr_has is true when the attribute's "|"-joined values include value.
attr_has(flow, key, value) if value in split(attr(flow, key), "|")

# endpoint names one end of a flow: ip:port, or the MAC at layer 2.
endpoint(end) := sprintf("%s:%d", [end.ip, end.port]) if object.get(end, "ip", "") != ""

endpoint(end) := end.mac if object.get(end, "ip", "") == ""

# service is "tcp/502", or the EtherType at layer 2.
service(flow) := sprintf("%s/%d", [flow.transport, flow.server.port]) if flow.transport != "l2"

service(flow) := sprintf("l2/%s", [flow.ethertype]) if flow.transport == "l2"

# subject is the finding subject: "flow:<client>-><server>/<service>"
# without the client port, so that waivers survive new connections.
subject(flow) := sprintf("flow:%s->%s/%s", [host(flow.client), host(flow.server), service(flow)])

host(end) := end.ip if object.get(end, "ip", "") != ""

host(end) := end.mac if object.get(end, "ip", "") == ""

zone_label(zone) := zone if zone != ""

zone_label(zone) := "no declared zone" if zone == ""

# ref points a finding at the flow's record.
ref(flow) := {"document": flow.document, "record": flow.id}

# target_zone is the zone a finding about a flow belongs to: the server's,
# else the client's.
target_zone(flow) := flow.server.zone if flow.server.zone != ""

target_zone(flow) := flow.client.zone if flow.server.zone == ""

# --- conduits -----------------------------------------------------------
#
# A conduit's service admits a conversation when it is "*" or "any", names
# its protocol ("s7comm", "https"), its port ("tcp/502") or a range holding
# the port ("tcp/5900-5903"). k is anything with protocol, transport and
# port: conduit_key(flow), or a group key of the joined checks.

# aliases map service names people write to protocol names slate reports;
# the engine accepts the same (evidence.ProtocolAliases, TestServiceAliases).
aliases := {"https": "tls", "s7": "s7comm", "iec-104": "iec104", "ethernet-ip": "enip", "ethernetip": "enip", "cip": "enip", "bacnet-ip": "bacnet"}

service_name(s) := object.get(aliases, lower(s), lower(s))

admits(s, _) if s in {"*", "any"}

admits(s, k) if service_name(s) == k.protocol

admits(s, k) if lower(s) == sprintf("%s/%d", [k.transport, k.port])

admits(s, k) if {
	parts := split(lower(s), "/")
	count(parts) == 2
	parts[0] == k.transport
	bounds := split(parts[1], "-")
	count(bounds) == 2
	regex.match(`^[0-9]+$`, bounds[0])
	regex.match(`^[0-9]+$`, bounds[1])
	to_number(bounds[0]) <= k.port
	k.port <= to_number(bounds[1])
}

# conduit_key is what a conduit's services are matched with in a flow.
conduit_key(flow) := {
	"protocol": object.get(flow, "protocol", ""),
	"transport": object.get(flow, "transport", ""),
	"port": object.get(flow, ["server", "port"], 0),
}

# conduit_admits is true when a declared conduit from czone to szone admits k.
conduit_admits(czone, szone, k) if {
	some c in object.get(input, ["assessment", "conduits"], [])
	c.from == czone
	c.to == szone
	some s in object.get(c, "services", [])
	admits(s, k)
}

# --- exposure -----------------------------------------------------------
#
# A finding about traffic carries its exposure, which the risk score reads
# (docs/architecture.md, "Risk score"): whether the path crosses a zone
# boundary, the kind of place it starts in ("external": outside every
# declared zone), and, when it crosses, whether a declared conduit admits it.

# origin is the kind of the zone a path starts in: it, dmz, ot, or
# external for an address in no declared zone.
origin(zone) := kind if {
	kind := zones_by_name[zone].kind
	kind in {"it", "dmz", "ot"}
} else := "external"

# exposure is the exposure of a path from czone to szone for k (see
# conduit_key). It is defined for every pair of zones.
exposure(czone, szone, k) := object.union(
	{"crosses_boundary": czone != szone, "from": origin(czone)},
	conduit_state(czone, szone, k),
)

conduit_state(czone, szone, _) := {} if czone == szone

conduit_state(czone, szone, k) := {"conduit": "declared"} if {
	czone != szone
	conduit_admits(czone, szone, k)
}

conduit_state(czone, szone, k) := {"conduit": "undeclared"} if {
	czone != szone
	not conduit_admits(czone, szone, k)
}

# flow_exposure is the exposure of a flow (or conversation), from its
# client to its server.
flow_exposure(flow) := exposure(
	object.get(flow, ["client", "zone"], ""),
	object.get(flow, ["server", "zone"], ""),
	conduit_key(flow),
)
