# Helpers over capture evidence (input.evidence.pcap), shared by the
# network checks. No findings here.
package slate.lib.network

# documents are the capture documents of the assessment, [] when none.
documents := object.get(input, ["evidence", "pcap"], [])

# present is true when at least one capture source was collected.
present if count(documents) > 0

# flows are every flow record, each with the id of its document. A large
# capture holds a million of them: the checks read the selections below
# where they can. The engine builds flows and the selections once in Go
# (input.index.pcap, see docs/performance.md); this package computes them
# when the input has no index (a test, opa eval on a saved input).
flows := index.flows

flows := [object.union(flow, {"document": doc.id}) |
	some doc in documents
	some flow in doc.data.flows
] if not index

index := input.index.pcap

# crossing_flows are the flows whose ends lie in different zones (crosses),
# each with the id of its document.
crossing_flows := [flow | some flow in index.crossing; crosses(flow)] if index

crossing_flows := [flow | some flow in flows; crosses(flow)] if not index

# management_protocols may carry device management in cleartext.
management_protocols := {"telnet", "ftp", "http", "snmp", "smb"}

# management_flows are the flows of those protocols, each with the id of
# its document.
management_flows := [flow | some flow in index.insecure; flow.protocol in management_protocols] if index

management_flows := [flow | some flow in flows; flow.protocol in management_protocols] if not index

# flow_zones are the zones named at the two ends of some flow.
flow_zones := index.zones

flow_zones := {zone | some flow in flows; some zone in [flow.client.zone, flow.server.zone]} if not index

zones_by_name := {zone.name: zone | some zone in input.assessment.zones}

# ot_zones are the zones the assessment declares as OT.
ot_zones := {name | some name, zone in zones_by_name; object.get(zone, "kind", "") == "ot"}

# evidence_zones are the declared zones the captures speak for: a zone
# holding an observed asset or one end of a flow.
evidence_zones contains zone if {
	some doc in documents
	some asset in doc.data.assets
	zone := asset.zone
	zones_by_name[zone]
}

evidence_zones contains zone if {
	some zone in flow_zones
	zones_by_name[zone]
}

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
