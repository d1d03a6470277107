# METADATA
# title: Unused switch ports are shut down
# description: >-
#   Access ports that are not in use (described as unused or spare, or
#   left in VLAN 1 or a parking VLAN without a description) are
#   administratively shut down, so that nobody can plug a device into the
#   control network unnoticed.
# scope: package
# custom:
#   id: SLATE-CFG-009
#   requirements:
#     - iec62443-3-3:SR 7.7
#     - nist-800-53r5:CM-7
#   why: >-
#     An unused port left up is a function nobody needs that lets anyone
#     plug into the network: IEC 62443-3-3 SR 7.7 (least functionality)
#     asks that unnecessary functions, ports and services be disabled, as
#     does SP 800-53r5 CM-7.
#   severity: medium
#   owner: OT
#   remediation: >-
#     Shut down every unused port ("shutdown", "set interfaces <port>
#     disable"), put it in an unrouted parking VLAN and describe it as
#     unused; enable it only through change management.
package slate.checks.netconfig.spare_ports

import data.slate.lib.netconfig

assessed := netconfig.assessed_zones

# notes name the zone's network devices whose configurations are missing.
notes := netconfig.config_notes

deny contains finding if {
	some dev in netconfig.devices
	count(dev.spare_ports.open) > 0
	open := {name | some name in dev.spare_ports.open}
	finding := {
		"subject": netconfig.subject(dev),
		"zone": netconfig.zone(dev),
		"message": sprintf("%s has %d unused access ports that are not shut down: %s", [
			netconfig.label(dev), count(open), concat(", ", sort(open)),
		]),
		"evidence": [netconfig.ref(dev, i.line) | some i in dev.interfaces; i.name in open],
	}
}
