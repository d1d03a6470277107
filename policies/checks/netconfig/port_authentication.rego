# METADATA
# title: Access ports in OT zones identify the attached device
# description: >-
#   Every access port of a switch in an OT zone that is in use (not shut
#   down and not marked spare) either authenticates the device plugged
#   into it with IEEE 802.1X or at least pins it by its MAC address with
#   port security, so that an unknown laptop or device cannot join the
#   control network by taking a cable. A port that carries several
#   devices (its description names an uplink, trunk, core or distribution
#   link, another switch, or lists several devices) must never be pinned
#   to one address, which would cut off everything behind it: such a port
#   gets advice that keeps the cell reachable. Trunk ports are not access
#   ports and are not judged. The configuration shows that the mechanism
#   is enabled, not that the authentication server or the learned
#   addresses are right.
# scope: package
# custom:
#   id: SLATE-CFG-011
#   requirements:
#     - iec62443-3-3:SR 1.2
#     - nist-800-53r5:IA-3
#   findings:
#     - kind: unidentified-device
#       requirements: [SR 1.2, IA-3]
#       why: >-
#         Whatever is plugged into the port joins the OT network
#         unidentified: IEC 62443-3-3 SR 1.2 (software process and device
#         identification and authentication) and SP 800-53r5 IA-3 (device
#         identification and authentication) ask that devices be
#         identified and authenticated before they connect.
#     - kind: shared-port
#       requirements: [SR 1.2, IA-3]
#       why: >-
#         The devices behind a port that carries several of them join the
#         OT network unidentified, as for unidentified-device (IEC
#         62443-3-3 SR 1.2, SP 800-53r5 IA-3); the fix must admit every
#         one of them.
#   severity: medium
#   owner: OT
#   remediation: >-
#     On ports with one end device, enable 802.1X port authentication (MAB
#     for devices that cannot run a supplicant) or port security that
#     learns its one address ("switchport port-security", "switchport
#     port-security mac-address sticky"). On uplinks and on ports that
#     carry several devices never limit the port to one address, which
#     cuts off the devices behind it: use 802.1X in multi-auth mode with
#     MAB and a critical (fallback) VLAN so the cell stays reachable when
#     the RADIUS server does not answer, or port security with a maximum
#     above the number of devices behind the port ("switchport
#     port-security maximum 8"), in restrict mode first. Shut down ports
#     that are not used.
package slate.checks.netconfig.port_authentication

import data.slate.lib.breadth
import data.slate.lib.netconfig

assessed := breadth.access_zones

# notes name the zone's network devices whose configurations are missing.
notes := netconfig.config_notes

# open_ports(dev) are the device's OT access ports in use that neither
# authenticate nor pin the attached device.
open_ports(dev) := [i |
	some i in breadth.access_ports(dev)
	not i.shutdown
	not i.spare
	not i.dot1x
	not i.port_security
]

# shared_words in a port's description say that it carries several
# devices: a link to another switch, or a list of devices.
shared_words := `(?i)(\bup-?links?\b|\bdown-?links?\b|\btrunk|\bto-|\bcore\b|\bdist\b|\bdistribution\b|\bswitch|\bsw-|\bstack\b|\bring\b|\bhub\b|,)`

# shared(i) is true when the port carries several devices.
shared(i) if regex.match(shared_words, object.get(i, "description", ""))

deny contains finding if {
	some dev in netconfig.devices
	ports := [i | some i in open_ports(dev); not shared(i)]
	some zone in {i.zone | some i in ports}
	in_zone := [i | some i in ports; i.zone == zone]
	finding := {
		"kind": "unidentified-device",
		"subject": netconfig.subject(dev),
		"zone": zone,
		"message": sprintf("%s has access ports in OT zone %s that neither authenticate (802.1X) nor pin (port security) the attached device: %s", [
			netconfig.label(dev), zone, concat(", ", [i.name | some i in in_zone]),
		]),
		"evidence": [netconfig.ref(dev, i.line) | some i in in_zone],
	}
}

deny contains finding if {
	some dev in netconfig.devices
	some i in open_ports(dev)
	shared(i)
	finding := {
		"kind": "shared-port",
		"subject": netconfig.subject(dev),
		"zone": i.zone,
		"message": sprintf("%s port %s in OT zone %s carries several devices (%q) and identifies none of them; do not pin it to one MAC address, which would cut them off: use 802.1X multi-auth with MAB and a fallback VLAN, or port security with a maximum above the number of devices behind it", [
			netconfig.label(dev), i.name, i.zone, i.description,
		]),
		"evidence": [netconfig.ref(dev, i.line)],
		"severity": "low",
	}
}
