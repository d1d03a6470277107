# METADATA
# title: Switches protect DHCP and ARP on OT access ports
# description: >-
#   A switch with access ports in use in an OT zone enables DHCP snooping
#   and dynamic ARP inspection, so that a device on one of those ports
#   cannot hand out addresses or answer ARP for another device and so put
#   itself between an HMI and its controllers, reading and changing the
#   messages. The configuration shows that both features are on, not
#   which VLANs they cover or which ports are trusted.
# scope: package
# custom:
#   id: SLATE-CFG-012
#   requirements:
#     - iec62443-3-3:SR 3.1
#     - nist-800-53r5:SC-8
#   severity: low
#   owner: OT
#   remediation: >-
#     Enable DHCP snooping and dynamic ARP inspection for the VLANs of OT
#     zones ("ip dhcp snooping", "ip dhcp snooping vlan 30", "ip arp
#     inspection vlan 30"), trust only the uplinks, and add static ARP
#     inspection entries for devices with fixed addresses.
package slate.checks.netconfig.l2_integrity

import data.slate.lib.breadth
import data.slate.lib.netconfig

assessed := breadth.access_zones

# notes name the zone's network devices whose configurations are missing.
notes := netconfig.config_notes

features := {"dhcp_snooping": "DHCP snooping", "arp_inspection": "dynamic ARP inspection"}

# missing(dev) are the features the device leaves off, by key.
missing(dev) := {key | some key, _ in features; not object.get(dev, [key, "enabled"], false)}

deny contains finding if {
	some dev in netconfig.devices
	keys := missing(dev)
	count(keys) > 0
	some zone in {i.zone | some i in breadth.access_ports(dev); not i.shutdown}
	finding := {
		"subject": netconfig.subject(dev),
		"zone": zone,
		"message": sprintf("%s has access ports in use in OT zone %s but does not enable %s", [
			netconfig.label(dev), zone, concat(" or ", [features[k] | some k in sort(keys)]),
		]),
		"evidence": [r | some r in {netconfig.ref(dev, object.get(dev, [k, "line"], 0)) | some k in keys}],
	}
}
