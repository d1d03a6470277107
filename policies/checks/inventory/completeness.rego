# METADATA
# title: Control system components are inventoried with their identifying properties
# description: >-
#   Every component in the asset inventory names its host, an IP or MAC
#   address, vendor, model and firmware version, and every zone of the
#   assessment has inventoried components.
# scope: package
# custom:
#   id: SLATE-INV-001
#   requirements:
#     - iec62443-3-3:SR 7.8
#     - nist-800-53r5:CM-8
#   why: >-
#     IEC 62443-3-3 SR 7.8 (control system component inventory, SL 2) asks
#     for a current inventory of the components and their properties; SP
#     800-53r5 CM-8 (system component inventory) for the information needed
#     to account for each component. The check decides SR 7.8 in part: a
#     list the site declares cannot show its own completeness, which only a
#     comparison with the wire can (SLATE-JOIN-003).
#   severity: medium
#   owner: OT
#   remediation: >-
#     Complete the inventory: record hostname, IP or MAC address, vendor,
#     model and firmware version for every component, and inventory every
#     zone. Keep it current after each change to the plant.
package slate.checks.inventory.completeness

import data.slate.lib.inventory

assessed contains zone.name if {
	inventory.present
	some zone in input.assessment.zones
}

properties := ["name", "vendor", "model", "firmware"]

missing(asset) := array.concat(
	[field | some field in properties; not inventory.has(asset, field)],
	[field | field := "IP or MAC address"; not inventory.has(asset, "ip"); not inventory.has(asset, "mac")],
)

# incomplete are the records without one of the properties
# (inventory.blank), or without both an IP and a MAC address: a few in a
# hundred, found without visiting the others. A record without two of
# them is listed twice, and makes the same finding twice.
incomplete := array.concat(
	[asset | some field in properties; some asset in inventory.blank[field]],
	[asset | some asset in inventory.blank.ip; not inventory.has(asset, "mac")],
)

# complete is true for a record with every property and an address.
complete(asset) if {
	asset.name != ""
	asset.vendor != ""
	asset.model != ""
	asset.firmware != ""
	asset.ip != ""
}

complete(asset) if {
	asset.name != ""
	asset.vendor != ""
	asset.model != ""
	asset.firmware != ""
	asset.mac != ""
}

deny contains finding if {
	some asset in incomplete
	not complete(asset)
	gaps := missing(asset)
	count(gaps) > 0
	finding := {
		"subject": inventory.subject(asset),
		"zone": inventory.declared_zone(asset),
		"message": sprintf("%s has no %s in the inventory", [inventory.label(asset), concat(", ", gaps)]),
		"evidence": [inventory.ref(asset)],
	}
}

deny contains finding if {
	inventory.present
	some zone in input.assessment.zones
	not zone.name in inventoried_zones
	finding := {
		"subject": sprintf("zone:%s", [zone.name]),
		"zone": zone.name,
		"message": sprintf("the inventory lists no component in zone %s", [zone.name]),
		"evidence": [{"document": id} | some id in inventory.document_ids],
	}
}

# inventoried_zones are the declared zones some record names
# (inventory.declared_zone): the values of inventory.by_zone ("" is none).
inventoried_zones := {zone | some zone, _ in inventory.by_zone} & inventory.zone_names
