# Helpers over network configuration evidence (input.evidence.netconfig),
# shared by the netconfig checks. No findings here.
#
# Scope. A configuration speaks for its device: a check assesses the zones
# of the devices whose configurations were given, and names in notes
# (config_notes) the zone's other network devices, known from the
# inventory or seen on the wire, whose configurations are missing.
package slate.lib.netconfig

import data.slate.lib.inventory
import data.slate.lib.network

# documents are the netconfig documents of the assessment, [] when none.
documents := object.get(input, ["evidence", "netconfig"], [])

# devices are every device model, each with the id of its document and a
# key unique in the bundle.
devices := [object.union(dev, {"document": doc.id, "key": sprintf("%s|%s", [doc.id, dev.file])}) |
	some doc in documents
	some dev in doc.data.devices
]

zone_names := {zone.name | some zone in input.assessment.zones}

# A device's zone is the zone of its management address when that is a
# declared zone; otherwise the declared zone most of its interfaces are in
# (ties go to the zone name first in sort order); otherwise "" (the whole
# site). Computed once per device, so checks stay linear.
device_zone := {dev.key: zone_of(dev) | some dev in devices}

default zone_of(_) := ""

zone_of(dev) := dev.management_zone if dev.management_zone in zone_names

zone_of(dev) := z if {
	not dev.management_zone in zone_names
	zs := [i.zone | some i in dev.interfaces; i.zone in zone_names]
	count(zs) > 0
	counts := {x: n | some x in {z | some z in zs}; n := count([1 | some y in zs; y == x])}
	top := max({n | some n in counts})
	z := min({x | some x, n in counts; n == top})
}

# assessed_zones are the zones with at least one device: the zones whose
# network configuration the evidence speaks for.
assessed_zones := {z | some z in device_zone; z != ""}

# zone is the zone of dev for findings.
zone(dev) := device_zone[dev.key]

# label names a device for people: its hostname, else its file. Two
# configurations with the same hostname are two devices: each is labelled
# with its hostname and its file, so their findings never merge.
label(dev) := dev.hostname if {
	dev.hostname != ""
	not lower(dev.hostname) in duplicate_hostnames
}

label(dev) := sprintf("%s (%s)", [dev.hostname, dev.file]) if {
	dev.hostname != ""
	lower(dev.hostname) in duplicate_hostnames
}

label(dev) := dev.file if dev.hostname == ""

# duplicate_hostnames are the hostnames, lower case, that more than one
# device configuration carries: found in one pass over the sorted list
# (counting each hostname's devices visits every device per device, a
# million steps for a thousand devices, in every check that names one).
hostnames := sort([lower(d.hostname) | some d in devices; d.hostname != ""])

duplicate_hostnames := {h | some i, h in hostnames; i > 0; hostnames[i - 1] == h}

# subject is the finding subject waivers match: "device:<label>".
subject(dev) := sprintf("device:%s", [label(dev)])

# ref points a finding at a line of the device's configuration; line 0
# (a vendor default) points at the file.
ref(dev, line) := {"document": dev.document, "record": dev.file, "file": dev.file, "line": line} if line > 0

ref(dev, line) := {"document": dev.document, "record": dev.file, "file": dev.file} if line <= 0

# zones_spanned are the declared zones a device has interfaces in, by its
# key. The engine makes them once for every check
# (input.index.netconfig.zones_spanned); they are made here when the input
# has none.
zones_spanned := input.index.netconfig.zones_spanned

zones_spanned := {dev.key: zs |
	some dev in devices
	zs := {i.zone | some i in dev.interfaces} & zone_names
} if not input.index.netconfig.zones_spanned

# boundary_interfaces are the interfaces, up and addressed, of devices
# that have interfaces in two or more zones: the places where traffic
# crosses from one zone into another.
boundary_interfaces := [object.union(i, {"device": dev}) |
	some dev in devices
	count(zones_spanned[dev.key]) > 1
	some i in dev.interfaces
	i.zone in zone_names
	not i.shutdown
	count(i.addresses) > 0
]

# --- configurations missing ---------------------------------------------

# network_role is true when a role (an inventory's device role or type,
# the role a capture guessed) names a network device.
network_role(role) if regex.match(`(?i)\b(switch|router|firewall|network device)\b`, role)

# config_names are the devices' host names, lower case.
config_names := {lower(dev.hostname) | some dev in devices; dev.hostname != ""}

# config_ips are the devices' addresses: management and interfaces.
config_ips := {split(a.prefix, "/")[0] |
	some dev in devices
	some i in dev.interfaces
	some a in object.get(i, "addresses", [])
} | {a | some dev in devices; a := object.get(dev, "management_address", ""); a != ""}

# configured is true when a device known by name and addresses has a
# configuration among the evidence.
configured(name, _) if lower(name) in config_names

configured(_, ips) if {
	some ip in ips
	ip in config_ips
}

# asset_zone is the inventory record's zone: the one it names, else the
# one of its address.
asset_zone(a) := inventory.declared_zone(a) if inventory.declared_zone(a) != ""

asset_zone(a) := inventory.address_zone(a) if inventory.declared_zone(a) == ""

# missing are [zone, label, where known] for every network device of a
# declared zone whose configuration is missing. The inventory's records
# and the devices seen on the wire are visited by role, each role matched
# once: every configuration check reads missing (its notes), and a large
# site's inventory and captures hold a hundred thousand records of a few
# roles.
missing contains [zone, inventory.label(a), "inventory"] if {
	some role, records in inventory.by_role
	network_role(role)
	some a in records
	zone := asset_zone(a)
	zone in zone_names
	not configured(object.get(a, "name", ""), inventory.addresses(a))
}

missing contains [w.zone, label, "wire"] if {
	some role, devices in network.wire_by_role
	network_role(role)
	some w in devices
	w.zone in zone_names
	records := [a | some ip in w.ips; some a in object.get(inventory.by_address, ip, [])]
	not configured("", w.ips)
	not some_configured(records)
	not some_network_record(records)
	label := wire_label(w, records)
}

# A device the inventory lists as a network device is named once, as the
# inventory's.
some_network_record(records) if {
	some a in records
	network_role(object.get(a, "role", ""))
}

some_configured(records) if {
	some a in records
	configured(object.get(a, "name", ""), inventory.addresses(a))
}

wire_label(_, records) := inventory.label(records[0]) if count(records) > 0

wire_label(w, records) := w.id if count(records) == 0

# config_notes name, per zone, the network devices whose configurations
# are missing: a netconfig check's notes.
config_notes contains {"zone": zone, "note": sprintf("configs missing for %s", [concat(", ", sort(names))])} if {
	some zone in {m[0] | some m in missing}
	names := {sprintf("%s (%s)", [m[1], m[2]]) | some m in missing; m[0] == zone}
}
