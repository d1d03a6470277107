# Helpers over network configuration evidence (input.evidence.netconfig),
# shared by the netconfig checks. No findings here.
package slate.lib.netconfig

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

# label names a device for people: its hostname, else its file.
label(dev) := dev.hostname if dev.hostname != ""

label(dev) := dev.file if dev.hostname == ""

# subject is the finding subject waivers match: "device:<label>".
subject(dev) := sprintf("device:%s", [label(dev)])

# ref points a finding at a line of the device's configuration; line 0
# (a vendor default) points at the file.
ref(dev, line) := {"document": dev.document, "record": dev.file, "file": dev.file, "line": line} if line > 0

ref(dev, line) := {"document": dev.document, "record": dev.file, "file": dev.file} if line <= 0

# zones_spanned are the declared zones a device has interfaces in.
zones_spanned := {dev.key: {i.zone | some i in dev.interfaces; i.zone in zone_names} | some dev in devices}

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
