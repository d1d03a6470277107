# METADATA
# title: Network devices send their logs to a remote log server
# description: >-
#   Every switch, router and firewall names at least one remote syslog
#   server, so that its audit records survive the device and can be
#   reviewed and correlated, and sends it informational messages and more
#   severe ones: logins, configuration changes and denied connections are
#   informational or notification messages on most platforms, and a
#   server sent warnings only never sees them. The level is read for
#   Cisco IOS, IOS-XR, NX-OS, ASA, Arista EOS and Junos.
# scope: package
# custom:
#   id: SLATE-CFG-004
#   requirements:
#     - iec62443-3-3:SR 2.8
#     - iec62443-3-3:SR 2.8 RE 1
#     - iec62443-3-3:SR 3.9
#     - nist-800-53r5:AU-4
#     - nist-800-53r5:AU-9(2)
#     - nist-800-53r5:AU-12
#   findings:
#     - kind: no-remote-log
#       requirements: [SR 2.8 RE 1, SR 3.9, AU-4, AU-9(2)]
#       why: >-
#         The audit records stay in the device's small, volatile buffer.
#         IEC 62443-3-3 SR 2.8 RE 1 (centrally managed, system-wide audit
#         trail) asks that audit records be compiled centrally; SR 3.9
#         (protection of audit information) that they be protected from
#         deletion, which a device an attacker controls cannot do for its
#         own log; SP 800-53r5 AU-9(2) that audit records be stored on a
#         separate system, and AU-4 that storage capacity be allocated,
#         which the device's buffer is not (AU-4(1), off-loading, is not
#         in slate's catalog).
#     - kind: log-level
#       requirements: [SR 2.8, AU-12]
#       why: >-
#         The device sends its servers only messages more severe than
#         informational, so logins, configuration changes and denied
#         connections never leave it: IEC 62443-3-3 SR 2.8 (auditable
#         events) asks for audit records of access control, configuration
#         changes and similar events, and SP 800-53r5 AU-12 (audit record
#         generation) that the event types chosen be recorded.
#   severity: medium
#   owner: OT
#   remediation: >-
#     Configure a remote syslog server ("logging host <address>",
#     "set system syslog host <address> any info") in the plant's
#     management or security zone, with timestamps, and send it
#     informational messages ("logging trap informational"; on an ASA also
#     "logging enable"; NX-OS "logging server <address> 6").
package slate.checks.netconfig.remote_logging

import data.slate.lib.netconfig

assessed := netconfig.assessed_zones

# notes name the zone's network devices whose configurations are missing.
notes := netconfig.config_notes

# informational is the syslog severity a server should receive.
informational := 6

deny contains finding if {
	some dev in netconfig.devices
	count(dev.logging.hosts) == 0
	finding := {
		"kind": "no-remote-log",
		"subject": netconfig.subject(dev),
		"zone": netconfig.zone(dev),
		"message": sprintf("%s sends its log to no remote server", [netconfig.label(dev)]),
		"evidence": [netconfig.ref(dev, 0)],
	}
}

deny contains finding if {
	some dev in netconfig.devices
	count(dev.logging.hosts) > 0
	object.get(dev.logging, "trap_severity_known", false)
	sev := dev.logging.trap_severity
	sev < informational
	finding := {
		"kind": "log-level",
		"subject": netconfig.subject(dev),
		"zone": netconfig.zone(dev),
		"message": sprintf("%s %s", [netconfig.label(dev), level_text(dev.logging)]),
		"evidence": [netconfig.ref(dev, object.get(dev.logging, "trap_severity_line", 0))],
	}
}

severity_names := ["emergencies", "alerts", "critical", "errors", "warnings", "notifications", "informational", "debugging"]

level_text(l) := "sends nothing to its log servers (no logging level is set for them)" if l.trap_severity < 0

level_text(l) := sprintf("sends its log servers only %s and more severe messages, not informational ones (logins, configuration changes)", [severity_names[l.trap_severity]]) if {
	l.trap_severity >= 0
}
