# METADATA
# title: Access ports in OT zones identify the attached device
# description: >-
#   Every access port of a switch in an OT zone that is in use (not shut
#   down and not marked spare) either authenticates the device plugged
#   into it with IEEE 802.1X or at least pins it by its MAC address with
#   port security, so that an unknown laptop or device cannot join the
#   control network by taking a cable. The configuration shows that the
#   mechanism is enabled, not that the authentication server or the
#   learned addresses are right.
# scope: package
# custom:
#   id: SLATE-CFG-011
#   requirements:
#     - iec62443-3-3:SR 1.2
#     - nist-800-53r5:IA-3
#   severity: medium
#   owner: OT
#   remediation: >-
#     Enable 802.1X port authentication (MAB for devices that cannot run a
#     supplicant) on the access ports of OT zones, or at least port security
#     with a sticky MAC address and a maximum of one address per port
#     ("switchport port-security", "switchport port-security mac-address
#     sticky"); shut down ports that are not used.
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

deny contains finding if {
	some dev in netconfig.devices
	ports := open_ports(dev)
	some zone in {i.zone | some i in ports}
	in_zone := [i | some i in ports; i.zone == zone]
	finding := {
		"subject": netconfig.subject(dev),
		"zone": zone,
		"message": sprintf("%s has access ports in OT zone %s that neither authenticate (802.1X) nor pin (port security) the attached device: %s", [
			netconfig.label(dev), zone, concat(", ", [i.name | some i in in_zone]),
		]),
		"evidence": [netconfig.ref(dev, i.line) | some i in in_zone],
	}
}
