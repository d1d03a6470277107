# METADATA
# title: The inventory matches the devices seen on the wire
# description: >-
#   Joins the devices seen in captures with the asset inventories. Every
#   device seen in a declared zone is inventoried (matched by IP address,
#   else by MAC); every inventoried device with an address in a zone the
#   capture saw from the inside was seen; and what the wire says of a
#   device (its MAC and the MAC's registered vendor, the vendor, model and
#   firmware revision a Modbus or EtherNet/IP identity reply reports)
#   agrees with its inventory record. A device is judged absent only where
#   a capture watched for at least its source's min_observation (24h by
#   default); elsewhere the zone is not assessed and a note says why. The
#   check decides SR 7.8 in full, but only in the zones it assesses:
#   there discovery on the wire, not the inventory's own word, shows the
#   inventory complete.
# scope: package
# custom:
#   id: SLATE-JOIN-003
#   requirements:
#     - iec62443-3-3:SR 7.8
#     - nist-800-53r5:CM-8
#     - nist-800-53r5:CM-8(3)
#   automates:
#     - iec62443-3-3:SR 7.8
#   findings:
#     - kind: unknown-device
#       requirements:
#         - iec62443-3-3:SR 7.8
#         - nist-800-53r5:CM-8
#         - nist-800-53r5:CM-8(3)
#       why: >-
#         A device on the wire is in no inventory: IEC 62443-3-3 SR 7.8
#         (control system component inventory, SL 2) asks for an inventory
#         of every installed component; SP 800-53r5 CM-8 (system component
#         inventory) and CM-8(3) (automated detection of unauthorized
#         components), which is what the comparison with the wire is.
#     - kind: not-seen
#       requirements:
#         - iec62443-3-3:SR 7.8
#         - nist-800-53r5:CM-8
#       why: >-
#         An inventoried device was not on the wire although a capture long
#         enough covered its zone: the inventory is not current. IEC
#         62443-3-3 SR 7.8 and SP 800-53r5 CM-8.
#     - kind: record-drift
#       requirements:
#         - iec62443-3-3:SR 7.8
#         - nist-800-53r5:CM-8
#       why: >-
#         The wire contradicts a record's address, MAC, vendor, model or
#         firmware: IEC 62443-3-3 SR 7.8 asks for the components'
#         properties, and SP 800-53r5 CM-8 for accurate records of them.
#   severity: medium
#   owner: OT
#   remediation: >-
#     Identify every unknown device and either inventory it or remove it
#     from the network; correct the address, MAC, vendor, model and firmware
#     of records the wire contradicts (after confirming on the device); and
#     check that inventoried devices never seen still exist. Re-run the
#     comparison after each change to the plant.
package slate.checks.joined.inventory_drift

import data.slate.lib.inventory
import data.slate.lib.joined
import data.slate.lib.network

# The check assesses the zones where it can judge absence too: a capture
# long enough speaks for them.
assessed contains z if {
	inventory.present
	some z in network.absence_zones
}

notes contains {"zone": z, "note": sprintf("%s; absence of inventoried devices not judged", [network.short_windows(z)])} if {
	inventory.present
	some z in joined.covered_zones
	not z in network.absence_zones
}

# --- matching --------------------------------------------------------------
#
# The devices on the wire are matched with the inventory's records by
# address, else by MAC unless the MAC is a router's: the engine makes the
# matches (joined.drift, from input.index.joined); the rules below judge
# them.

wire_ref(w) := {"document": w.document, "record": w.id}

# describe says what the wire shows of a device: "MAC f0:de:..., Wistron
# ..., uses modbus".
describe(w) := concat(", ", [x |
	some x in [
		mac_part(object.get(w, "mac", "")),
		object.get(w, "vendor", ""),
		list_part("serves", object.get(w, "serves", [])),
		list_part("uses", object.get(w, "uses", [])),
	]
	x != ""
])

mac_part("") := ""

mac_part(mac) := sprintf("MAC %s", [mac]) if mac != ""

list_part(_, xs) := "" if count(xs) == 0

list_part(verb, xs) := sprintf("%s %s", [verb, concat(", ", xs)]) if count(xs) > 0

# --- devices on the wire that no inventory lists ----------------------------

deny contains finding if {
	some w in joined.drift.unknown_devices
	joined.zones_by_name[w.zone]
	finding := object.union(
		{
			"kind": "unknown-device",
			"subject": sprintf("asset:%s", [w.id]),
			"zone": w.zone,
			"message": sprintf("%s is on the wire in zone %s (%s) but in no inventory", [w.id, w.zone, describe(w)]),
			"evidence": [wire_ref(w)],
		},
		unknown_severity(w.zone),
	)
}

# An unknown device in an OT zone is the more urgent.
unknown_severity(zone) := {"severity": "high"} if joined.zone_kind(zone) == "ot"

unknown_severity(zone) := {} if joined.zone_kind(zone) != "ot"

# --- inventoried devices the capture should have seen ---------------------

window := sprintf("%s to %s", [
	min({c.first_seen | some c in network.captures; c.packets > 0}),
	max({c.last_seen | some c in network.captures; c.packets > 0}),
])

deny contains finding if {
	some a in joined.drift.unseen_records
	zone := inventory.address_zones[a.ip] # inventory.address_zone(a), "" when none
	zone in network.absence_zones
	finding := {
		"kind": "not-seen",
		"subject": inventory.subject(a),
		"zone": zone,
		"severity": "low",
		"message": sprintf("%s (%s) is in the inventory but was not seen on the wire, although the capture covers zone %s (%s)", [
			inventory.label(a), a.ip, zone, window,
		]),
		"evidence": array.concat([inventory.ref(a)], [{"document": id} | some id in network.document_ids]),
	}
}

# --- records the wire contradicts ----------------------------------------

drift(m, message, extra) := {
	"kind": "record-drift",
	"subject": inventory.subject(m.asset),
	"zone": zone_of(m),
	"message": sprintf("%s: %s", [inventory.label(m.asset), message]),
	"evidence": array.concat([inventory.ref(m.asset), wire_ref(m.wire)], extra),
}

zone_of(m) := m.wire.zone if joined.zones_by_name[m.wire.zone]

zone_of(m) := inventory.declared_zone(m.asset) if not joined.zones_by_name[m.wire.zone]

# The MAC is the inventory's, but the address is not.
deny contains drift(m, message, []) if {
	some m in joined.drift.mac_matches
	count(m.wire.ips) > 0
	count(inventory.addresses(m.asset)) > 0
	message := sprintf("the inventory lists it at %s, but its MAC %s is on the wire at %s", [
		concat(", ", sort(inventory.addresses(m.asset))), m.wire.mac, concat(", ", m.wire.ips),
	])
}

# The address is the inventory's, but the MAC is not (only for devices
# seen on their own segment, where the frames carry their own MAC).
deny contains drift(m, message, []) if {
	some m in joined.drift.mac_differs
	joined.local(m.wire)
	message := sprintf("the inventory records MAC %s for %s, but the wire shows %s", [m.asset.mac, concat(", ", m.wire.ips), m.wire.mac])
}

# The MAC's registered vendor is not the inventory's vendor. The pairs
# come by their two vendor names: each two names are compared once.
deny contains drift(m, message, []) if {
	some g in joined.drift.vendor_pairs
	not joined.nic_vendor(g.vendors[1])
	not joined.vendors_match(g.vendors[0], g.vendors[1])
	some m in g.pairs
	joined.local(m.wire)
	message := sprintf("the inventory names the vendor %s, but its MAC %s is registered to %s", [m.asset.vendor, m.wire.mac, m.wire.vendor])
}

# identified are the matched devices that answered an identity request:
# the few the rules below compare.
identified := [{"wire": w, "asset": a} |
	some ip, _ in joined.identity_by_ip
	some w in object.get(joined.drift.wire_by_address, ip, [])
	some ip2 in w.ips
	some a in object.get(inventory.by_address, ip2, [])
]

# identity are the identity replies of a matched device, by IP.
identity(m) := [x | some ip in m.wire.ips; some x in object.get(joined.identity_by_ip, ip, [])]

reported(m, field) := {v | some x in identity(m); some v in x[field]}

identity_refs(m, field) := sort({x.ref | some x in identity(m); count(x[field]) > 0})

protocols(m, field) := concat(", ", sort({x.protocol | some x in identity(m); count(x[field]) > 0}))

deny contains drift(m, message, identity_refs(m, "vendors")) if {
	some m in identified
	inventory.has(m.asset, "vendor")
	vs := reported(m, "vendors")
	count(vs) > 0
	not some_vendor_match(m.asset.vendor, vs)
	message := sprintf("the inventory names the vendor %s, but the device reports %s over %s", [m.asset.vendor, concat(", ", sort(vs)), protocols(m, "vendors")])
}

some_vendor_match(a, vs) if {
	some v in vs
	joined.vendors_match(a, v)
}

deny contains drift(m, message, identity_refs(m, "models")) if {
	some m in identified
	inventory.has(m.asset, "model")
	vs := reported(m, "models")
	count(vs) > 0
	not some_model_match(m.asset.model, vs)
	message := sprintf("the inventory records the model %s, but the device reports %s over %s", [m.asset.model, concat(", ", sort(vs)), protocols(m, "models")])
}

some_model_match(a, vs) if {
	some v in vs
	joined.models_match(a, v)
}

deny contains drift(m, message, identity_refs(m, "revisions")) if {
	some m in identified
	inventory.has(m.asset, "firmware")
	vs := reported(m, "revisions")
	count(vs) > 0
	not some_version_match(m.asset.firmware, vs)
	message := sprintf("the inventory records firmware %s, but the device reports revision %s over %s", [m.asset.firmware, concat(", ", sort(vs)), protocols(m, "revisions")])
}

some_version_match(a, vs) if {
	some v in vs
	joined.versions_match(a, v)
}
