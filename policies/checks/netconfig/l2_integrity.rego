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
#     - nist-800-53r5:SC-8
#   why: >-
#     Without DHCP snooping and dynamic ARP inspection any device on an
#     access port can answer ARP or DHCP for another and put itself in the
#     path between an HMI and its controllers, reading and changing what
#     they send. SP 800-53r5 SC-8 (transmission confidentiality and
#     integrity) accepts logical as well as cryptographic means of
#     protecting transmitted information, and these features are such a
#     means inside a VLAN. No IEC 62443-3-3 requirement is failed: SR 3.1
#     (communication integrity) asks for the capability to protect the
#     integrity of transmitted information, which these switch features
#     neither show nor replace, and SR 3.1 RE 1 asks for cryptographic
#     integrity protection.
#   severity: low
#   owner: OT
#   remediation: >-
#     First give dynamic ARP inspection a binding for every statically
#     addressed device (PLCs, drives, HMIs and remote I/O rarely use DHCP):
#     an ARP access list with "permit ip host <address> mac host <mac>"
#     applied with "ip arp inspection filter <acl> vlan 30", or static
#     DHCP snooping bindings, otherwise DAI drops their ARP and the cell
#     loses contact. Then enable DHCP snooping for the OT VLANs ("ip dhcp
#     snooping", "ip dhcp snooping vlan 30"), trust only the uplinks and the
#     DHCP server's port, check the bindings, and enable dynamic ARP
#     inspection ("ip arp inspection vlan 30") in a maintenance window.
package slate.checks.netconfig.l2_integrity

import data.slate.lib.breadth
import data.slate.lib.netconfig

assessed := breadth.access_zones

# notes name the zone's network devices whose configurations are missing.
notes := netconfig.config_notes

features := {"dhcp_snooping": "DHCP snooping", "arp_inspection": "dynamic ARP inspection"}

# missing(dev) are the features the device leaves off, by key.
missing(dev) := {key | some key, _ in features; not object.get(dev, [key, "enabled"], false)}

# advice(keys) warns of what enabling DAI without bindings does.
advice(keys) := " (add ARP ACLs for statically addressed devices before enabling dynamic ARP inspection, or they lose ARP)" if "arp_inspection" in keys

advice(keys) := "" if not "arp_inspection" in keys

deny contains finding if {
	some dev in netconfig.devices
	keys := missing(dev)
	count(keys) > 0
	some zone in {i.zone | some i in breadth.access_ports(dev); not i.shutdown}
	finding := {
		"subject": netconfig.subject(dev),
		"zone": zone,
		"message": sprintf("%s has access ports in use in OT zone %s but does not enable %s%s", [
			netconfig.label(dev), zone, concat(" or ", [features[k] | some k in sort(keys)]), advice(keys),
		]),
		"evidence": [r | some r in {netconfig.ref(dev, object.get(dev, [k, "line"], 0)) | some k in keys}],
	}
}
