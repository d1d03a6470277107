# METADATA
# title: Network devices synchronise their clocks with NTP
# description: >-
#   Every switch, router and firewall names at least one NTP server, so
#   that the timestamps of its audit records agree with the rest of the
#   plant.
# scope: package
# custom:
#   id: SLATE-CFG-005
#   requirements:
#     - iec62443-3-3:SR 2.11
#     - nist-800-53r5:AU-8
#   why: >-
#     A device without a time source stamps its audit records with a clock
#     that drifts and resets: IEC 62443-3-3 SR 2.11 (timestamps) asks for
#     timestamps usable in audit records across the system, and SP
#     800-53r5 AU-8 that they come from a synchronised clock.
#   severity: medium
#   owner: OT
#   remediation: >-
#     Configure at least one (better two) NTP servers of the plant's time
#     hierarchy ("ntp server <address>", "set system ntp server <address>"),
#     with NTP authentication where the servers support it.
package slate.checks.netconfig.time_sync

import data.slate.lib.netconfig

assessed := netconfig.assessed_zones

# notes name the zone's network devices whose configurations are missing.
notes := netconfig.config_notes

deny contains finding if {
	some dev in netconfig.devices
	count(dev.ntp.servers) == 0
	finding := {
		"subject": netconfig.subject(dev),
		"zone": netconfig.zone(dev),
		"message": sprintf("%s synchronises its clock with no NTP server", [netconfig.label(dev)]),
		"evidence": [netconfig.ref(dev, 0)],
	}
}
