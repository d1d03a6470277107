# Helpers over asset-inventory evidence (input.evidence.assets), shared by
# the inventory checks. No findings here.
package slate.lib.inventory

# documents are the inventory documents of the assessment, [] when none.
# They hold every record: a check that reads a whole document, its data or
# its records makes the engine keep the records in the documents as well
# as in its index (input.index.assets), which for a large site costs
# hundreds of MB (docs/performance.md). The built-in checks read assets
# below, and document_ids.
documents := object.get(input, ["evidence", "assets"], [])

# document_ids are the ids of the inventory documents.
document_ids := [doc.id | some doc in input.evidence.assets]

# present is true when at least one inventory source was collected.
present if count(document_ids) > 0

# assets are every asset record, each with the id of its document. An
# array, not a set: records are unique by id already, and a set would hash
# every whole record. The engine makes the list once for every check
# (input.index.assets); it is made here when the input has none.
assets := input.index.assets.assets

assets := [object.union(asset, {"document": doc.id}) |
	some doc in documents
	some asset in doc.data.assets
] if not input.index.assets

# addresses are the asset's addresses (ip and ips), "" left out.
addresses(a) := {ip | some ip in array.concat([object.get(a, "ip", "")], object.get(a, "ips", [])); ip != ""}

# by_address are the asset records by address, by_mac by lower-case MAC,
# each list in record order. The engine makes them once for every check
# (input.index.assets); they are made here when the input has none.
by_address := input.index.assets.by_address

by_address := {ip: records |
	some ip in {x.ip | some x in address_entries}
	records := [y.asset | some y in address_entries; y.ip == ip]
} if not input.index.assets.by_address

address_entries := [{"ip": ip, "asset": a} | some a in assets; some ip in addresses(a)]

# by_role are the asset records by their "role" ("" for none), each list
# in record order: a check that wants the records of some roles visits
# those alone. The engine makes them once for every check
# (input.index.assets); they are made here when the input has none.
by_role := input.index.assets.by_role

by_role := {r: records |
	some r in {object.get(a, "role", "") | some a in assets}
	records := [a | some a in assets; object.get(a, "role", "") == r]
} if not input.index.assets.by_role

# by_zone, by_end_of_support and by_last_patched are the asset records by
# the value of that field ("" for none), each list in record order: a
# check that judges records by one of them visits its few distinct values
# and the records of those that matter. blank are, for each of
# blank_fields, the records without it (absent or ""), in record order. The
# engine makes them once for every check (input.index.assets); they are
# made here when the input has none.
by_zone := input.index.assets.by_zone

by_zone := by_value("zone") if not input.index.assets.by_zone

by_end_of_support := input.index.assets.by_end_of_support

by_end_of_support := by_value("end_of_support") if not input.index.assets.by_end_of_support

by_last_patched := input.index.assets.by_last_patched

by_last_patched := by_value("last_patched") if not input.index.assets.by_last_patched

by_value(field) := {v: records |
	some v in {object.get(a, field, "") | some a in assets}
	records := [a | some a in assets; object.get(a, field, "") == v]
}

blank_fields := ["firmware", "ip", "mac", "model", "name", "vendor"]

blank := input.index.assets.blank

blank := {field: [a | some a in assets; object.get(a, field, "") == ""] | some field in blank_fields} if not input.index.assets.blank

by_mac := input.index.assets.by_mac

by_mac := {mac: records |
	some mac in {x.mac | some x in mac_entries}
	records := [y.asset | some y in mac_entries; y.mac == mac]
} if not input.index.assets.by_mac

mac_entries := [{"mac": lower(a.mac), "asset": a} | some a in assets; has(a, "mac")]

zone_names := {zone.name | some zone in input.assessment.zones}

# declared_zone is the asset's zone when it names a zone of the assessment,
# else "" (the whole site).
default declared_zone(_) := ""

declared_zone(asset) := asset.zone if asset.zone in zone_names

# network_zone is the zone whose networks contain ip; undefined if none.
# The addresses of the inventory are looked up in address_zones, built in
# one pass; any other address is matched against every network. For a
# record's ip, address_zones[ip] is network_zone(ip): the checks that
# visit every record read it directly.
network_zone(ip) := address_zones[ip]

network_zone(ip) := zone.name if {
	not address_zones[ip]
	some zone in input.assessment.zones
	some cidr in zone.networks
	net.cidr_contains(cidr, ip)
}

# zone_networks are [cidr, zone name] for every network of every zone.
zone_networks := [[cidr, zone.name] | some zone in input.assessment.zones; some cidr in zone.networks]

# address_zones maps each address (ip) of the inventory to the zone whose
# networks contain it, with one net.cidr_contains_matches over them all
# rather than a test of every asset against every network. The engine
# makes it once for every check (input.index.assets.address_zones) when
# the addresses and networks read plainly; it is made here otherwise.
address_zones := input.index.assets.address_zones

address_zones := {ip: zone_networks[i][1] |
	some [i, ip] in net.cidr_contains_matches(zone_networks, {ip | some asset in assets; ip := asset.ip; ip != ""})
} if not input.index.assets.address_zones

# misplaced are the asset records whose zone is not the zone of their ip
# in address_zones (a record without either, or whose address lies in no
# zone, is one), in record order: a few in a hundred. The engine makes
# them with address_zones; they are made here when the input has none.
misplaced := input.index.assets.misplaced

misplaced := [asset |
	some asset in assets
	not address_zones[asset.ip] == asset.zone
] if not input.index.assets.misplaced

# address_zone is the zone of the asset's address, "" when none.
default address_zone(_) := ""

address_zone(asset) := network_zone(asset.ip) if has(asset, "ip")

has(asset, field) if object.get(asset, field, "") != ""

# label names an asset for people: its name, else its address, else its row.
label(asset) := asset.name if has(asset, "name")

label(asset) := asset.ip if {
	not has(asset, "name")
	has(asset, "ip")
}

label(asset) := asset.mac if {
	not has(asset, "name")
	not has(asset, "ip")
	has(asset, "mac")
}

label(asset) := sprintf("row %s", [asset.id]) if {
	not has(asset, "name")
	not has(asset, "ip")
	not has(asset, "mac")
}

# subject is the finding subject waivers match: "asset:<label>".
subject(asset) := sprintf("asset:%s", [label(asset)])

# ref points a finding at the asset's record.
ref(asset) := {"document": asset.document, "record": asset.id, "file": asset.file, "line": asset.line}

# date_before returns the YYYY-MM-DD date that lies years, months, days
# before the YYYY-MM-DD date day.
date_before(day, years, months, days) := sprintf("%04d-%02d-%02d", [d[0], d[1], d[2]]) if {
	ns := time.parse_ns("2006-01-02", day)
	d := time.date(time.add_date(ns, 0 - years, 0 - months, 0 - days))
}
