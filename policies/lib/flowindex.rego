# The engine's selections of traffic flows (input.index.pcap, built in Go:
# engine/flowindex.go), computed here for an input that has none: a policy
# test, opa eval on a saved input. data.slate.lib.network reads this only
# then; checks read the selections through data.slate.lib.network.
# engine TestFlowIndexMatchesRego holds the two to the same findings.
package slate.lib.flowindex

import data.slate.lib.inventory
import data.slate.lib.joined
import data.slate.lib.netconfig
import data.slate.lib.network
import data.slate.traffic

pcap := {
	"crossing": conversations([f | some f in network.flows; not same_zone(f)]),
	"insecure": conversations([f | some f in network.flows; f.protocol in insecure_protocols]),
	"tls": conversations([f | some f in network.flows; f.protocol == "tls"]),
	"negotiated": conversations([f | some f in network.flows; f.protocol in network.negotiated_protocols]),
	"external": conversations([f | some f in network.flows; external(f)]),
	"identity": conversations([f | some f in network.flows; f.protocol in network.identity_protocols; identity(f)]),
	"operations": conversations([f | some f in network.flows; changes(f)]),
	"zones": sort({z | some f in network.flows; some z in [f.client.zone, f.server.zone]; is_string(z)}),
	"inner_zones": sort({f.client.zone | some f in network.flows; same_zone(f)}),
	"wire_assets": [object.union(a, {"document": doc.id}) |
		some doc in traffic.documents
		some a in doc.data.assets
	],
	"vlans": sort({v |
		some f in network.flows
		some v in vlan_ids(f)
		v != 0
	}),
	"scope": [{
		"device_vlans": sort({v |
			some seen in traffic.documents
			seen.id == doc.id
			some a in seen.data.assets
			some v in object.get(a, "vlans", [])
		}),
		"document": doc.id,
		"inner_zones": sort({f.client.zone | some f in doc.data.flows; same_zone(f)}),
		"vlans": sort({v | some f in doc.data.flows; some v in vlan_ids(f); v != 0}),
	} |
		some doc in network.documents
		doc.data.flows
	],
}

vlan_ids(f) := [object.get(f, "vlan", 0), object.get(f, "inner_vlan", 0)]

# conversations groups flows by conversation (conversation_key), in the
# order each was first seen: its first flow, with "flows", its flows, and
# "op_classes", the classes of their operations.
# Quadratic in the flows given: this copy of the index is for tests and
# small inputs.
conversations(fs) := [object.union(fs[g[0]], {"flows": flows, "op_classes": op_classes(flows)}) |
	some g in sort(groups(fs))
	flows := [fs[i] | some i in g]
]

op_classes(flows) := sort({op.class | some f in flows; some op in object.get(f, ["facts", "ops"], [])})

groups(fs) := {g |
	ks := [conversation_key(f) | some f in fs]
	some k in {k | some k in ks}
	g := [i | some i, x in ks; x == k]
}

# conversation_key is what names a flow's conversation: all but what
# belongs to one connection.
conversation_key(f) := [
	[object.get(f, k, null) | some k in ["ethertype", "identified_by", "inner_vlan", "protocol", "transport", "vlan"]],
	end_key(object.get(f, "client", null), []),
	end_key(object.get(f, "server", null), ["port"]),
]

end_key(end, extra) := [object.get(end, k, null) | some k in array.concat(["group", "ip", "mac", "zone"], extra)] if is_object(end)

end_key(end, _) := end if not is_object(end)

insecure_protocols := {p | some p in traffic.insecure_protocols}

same_zone(f) if {
	is_string(f.client.zone)
	f.client.zone == f.server.zone
}

# change_classes are the classes of operations that change a device.
change_classes := {c | some c in traffic.change_classes}

changes(f) if {
	some op in object.get(f, ["facts", "ops"], [])
	op.class in change_classes
}

identity_attrs := {a | some a in traffic.identity_attrs}

identity(f) if {
	some key in identity_attrs
	object.get(f, ["facts", "attrs", key], null) != null
}

declared_networks := [n | some zone in input.assessment.zones; some n in object.get(zone, "networks", [])]

# ips are the addresses at the ends of the flows.
ips := {ip | some f in network.flows; ip := f.client.ip; is_string(ip)} | {ip | some f in network.flows; ip := f.server.ip; is_string(ip)}

inside_ips := {ip | some [_, ip] in net.cidr_contains_matches(declared_networks, ips)}

external(f) if {
	ip := f.client.ip
	not ip in inside_ips
}

external(f) if {
	ip := f.server.ip
	not ip in inside_ips
}

# weak_sessions are network.weak_sessions (input.index.pcap.weak_sessions,
# engine/flowindex_sessions.go): per flow of a session whose ends
# negotiate its security, each of network.session_tests it meets.
weak_sessions := [{"conversation": c, "flow": flow, "kind": t.kind, "attr": t.attr, "value": t.value} |
	some c in network.session_conversations
	some flow in c.flows
	some t in network.session_tests
	t.protocol == c.protocol
	flow.protocol == c.protocol
	session_weak(flow, t)
]

session_weak(flow, t) if {
	t.equals
	network.attr(flow, t.attr) == t.value
}

session_weak(flow, t) if {
	not t.equals
	network.attr_has(flow, t.attr, t.value)
}

# --- the joined checks' facts (input.index.joined) ----------------------------

# acl_devices are joined.acl_devices: the positions in netconfig.devices
# of the devices that apply an ACL on an interface in a declared zone that
# is not shut down.
acl_devices := [n |
	some n, dev in netconfig.devices
	applies_acl(dev)
]

applies_acl(dev) if {
	some i in dev.interfaces
	some field in ["acl_in", "acl_out"]
	name := i[field]
	name != ""
	i.zone in netconfig.zone_names
	not i.shutdown
}

#
# engine/aclindex.go and engine/joinindex.go make these in Go.

# acl_verdicts are joined.acl_verdicts: per group of crossing flows, the
# walk of every ACL application on its way, by its number in
# joined.applied, and the judgement of the walks.
acl_verdicts := [object.union({"key": g.key, "flows": g.flows, "op_classes": g.op_classes, "results": results}, joined.judgement(results, g.flows)) |
	some g in joined.groups
	results := [{"at": a.id, "result": joined.walk(joined.walkable[a.id], g.key)} |
		some a in object.get(joined.acls_between, [[g.key.czone, g.key.szone]], [])
		a.acl
		joined.family_applies(a.acl, g.key.cip)
	]
	count(results) > 0
]

# crossing_flows are joined.crossing_flows: per pair of zones of the
# crossing conversations, the number of their flows.
crossing_flows := [{"pair": pair, "flows": sum(ns)} |
	some pair in sort({[x.key.czone, x.key.szone] | some x in joined.crossing})
	ns := [count(y.flows) | some y in joined.crossing; [y.key.czone, y.key.szone] == pair]
]

# drift are joined.drift: the devices on the wire matched with the
# inventory's records by address (by_ip), else by MAC unless the MAC is a
# router's (by_mac).
drift := {
	"unknown_devices": [x.wire | some x in wire_matches; count(x.by_ip) == 0; count(x.by_mac) == 0],
	"unseen_records": [a | some a in inventory.assets; a.ip != ""; not a.ip in wire_ips; not seen(a)],
	"mac_matches": [{"wire": x.wire, "asset": a} | some x in wire_matches; some a in x.by_mac],
	"mac_differs": [m |
		some m in matched
		m.asset.mac != ""
		lower(m.asset.mac) != lower(m.wire.mac)
	],
	"vendor_pairs": [{"vendors": vs, "pairs": [m | some m in vendor_candidates; [m.asset.vendor, m.wire.vendor] == vs]} |
		some vs in {[m.asset.vendor, m.wire.vendor] | some m in vendor_candidates}
	],
	"wire_by_address": {ip: [e.wire | some e in wire_entries; e.ip == ip] | some ip in wire_ips},
}

wire_entries := [{"ip": ip, "wire": w} | some w in joined.wire_assets; some ip in w.ips]

wire_ips := {e.ip | some e in wire_entries}

wire_macs := {lower(w.mac) | some w in joined.wire_assets; object.get(w, "mac", "") != ""}

by_ip(w) := [a | some ip in w.ips; some a in object.get(inventory.by_address, ip, [])]

by_mac(w, ips) := object.get(inventory.by_mac, lower(w.mac), []) if {
	count(ips) == 0
	w.mac != ""
	not w.mac in joined.shared_macs
} else := []

wire_matches := [{"wire": w, "by_ip": ips, "by_mac": by_mac(w, ips)} |
	some w in joined.wire_assets
	ips := by_ip(w)
]

matched := [{"wire": x.wire, "asset": a} | some x in wire_matches; some a in x.by_ip]

# seen is true when one of the record's addresses or its MAC is on the
# wire.
seen(a) if {
	a.ip != ""
	a.ip in wire_ips
}

seen(a) if {
	some ip in a.ips
	ip != ""
	ip in wire_ips
}

seen(a) if lower(a.mac) in wire_macs

vendor_candidates := [m |
	some m in matched
	m.wire.vendor != ""
	m.asset.vendor != ""
	lower(object.get(m.asset, "mac", m.wire.mac)) == lower(m.wire.mac)
]
