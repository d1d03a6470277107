# METADATA
# title: Every component belongs to a declared zone
# description: >-
#   Each inventoried component lies in exactly one zone of the assessment:
#   its address is inside a zone's networks, and a zone written in the
#   inventory agrees with the network it is on.
# scope: package
# custom:
#   id: SLATE-INV-002
#   requirements:
#     - iec62443-3-3:SR 5.1
#     - nist-800-53r5:CM-8
#   why: >-
#     IEC 62443-3-3 SR 5.1 (network segmentation): the zone model holds
#     only if each component sits on a network of its zone; SP 800-53r5
#     CM-8 (system component inventory) for the record that places it.
#   severity: medium
#   owner: OT
#   remediation: >-
#     Place every component in a zone: move it to a network of its zone, add
#     its network to the zone model, or correct the zone in the inventory.
package slate.checks.inventory.zone_assignment

import data.slate.lib.inventory

assessed contains zone.name if {
	inventory.present
	some zone in input.assessment.zones
}

# suspects are the records whose zone is not the zone of their address
# (inventory.misplaced): most records are placed where their address is,
# and are passed once for every rule below (a record whose address lies
# in a declared zone that it names meets none of them).
suspects := inventory.misplaced

# A component with an address that lies in no zone and no zone of its own.
deny contains finding if {
	some asset in suspects
	object.get(asset, "zone", "") == "" # inventory.has(asset, "zone") does not hold: no declared zone either
	asset.ip != ""
	not inventory.address_zones[asset.ip] # inventory.network_zone of a record's address
	finding := {
		"subject": inventory.subject(asset),
		"zone": "",
		"message": sprintf("%s (%s) is on a network of no declared zone", [inventory.label(asset), asset.ip]),
		"evidence": [inventory.ref(asset)],
	}
}

# A zone written in the inventory that the assessment does not declare.
deny contains finding if {
	some asset in suspects
	asset.zone != ""
	not asset.zone in inventory.zone_names
	finding := {
		"subject": inventory.subject(asset),
		"zone": inventory.address_zone(asset),
		"message": sprintf("the inventory places %s in zone %q, which the assessment does not declare", [inventory.label(asset), asset.zone]),
		"evidence": [inventory.ref(asset)],
	}
}

# The inventory's zone and the network's zone disagree.
deny contains finding if {
	some asset in suspects
	asset.zone in inventory.zone_names
	actual := inventory.address_zones[asset.ip] # inventory.network_zone of a record's address
	actual != asset.zone
	finding := {
		"subject": inventory.subject(asset),
		"zone": actual,
		"severity": "high",
		"message": sprintf("the inventory places %s in zone %s, but its address %s is in zone %s", [inventory.label(asset), asset.zone, asset.ip, actual]),
		"evidence": [inventory.ref(asset)],
	}
}
