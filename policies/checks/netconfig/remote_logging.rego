# METADATA
# title: Network devices send their logs to a remote log server
# description: >-
#   Every switch, router and firewall names at least one remote syslog
#   server, so that its audit records survive the device and can be
#   reviewed and correlated.
# scope: package
# custom:
#   id: SLATE-CFG-004
#   requirements:
#     - iec62443-3-3:SR 2.8
#     - iec62443-3-3:SR 6.1
#     - nist-800-53r5:AU-4
#     - nist-800-53r5:AU-6
#   severity: medium
#   owner: OT
#   remediation: >-
#     Configure a remote syslog server ("logging host <address>",
#     "set system syslog host <address> any notice") in the plant's
#     management or security zone, with timestamps.
package slate.checks.netconfig.remote_logging

import data.slate.lib.netconfig

assessed := netconfig.assessed_zones

# notes name the zone's network devices whose configurations are missing.
notes := netconfig.config_notes

deny contains finding if {
	some dev in netconfig.devices
	count(dev.logging.hosts) == 0
	finding := {
		"subject": netconfig.subject(dev),
		"zone": netconfig.zone(dev),
		"message": sprintf("%s sends its log to no remote server", [netconfig.label(dev)]),
		"evidence": [netconfig.ref(dev, 0)],
	}
}
