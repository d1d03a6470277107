# METADATA
# title: Remote management lines are restricted and time out
# description: >-
#   Every virtual terminal line of a switch, router or firewall that
#   accepts remote logins is limited to the management network by an access
#   class, and every terminal line ends idle sessions within 15 minutes.
# scope: package
# custom:
#   id: SLATE-CFG-007
#   requirements:
#     - iec62443-3-3:SR 1.13
#     - iec62443-3-3:SR 2.6
#     - nist-800-53r5:AC-17
#     - nist-800-53r5:AC-12
#   severity: medium
#   owner: OT
#   remediation: >-
#     Apply an access class naming the management hosts to every vty line
#     ("access-class MGMT in") and set an idle timeout of 15 minutes or less
#     ("exec-timeout 10 0"; never "exec-timeout 0 0").
package slate.checks.netconfig.vty_access

import data.slate.lib.netconfig

assessed := netconfig.assessed_zones

# notes name the zone's network devices whose configurations are missing.
notes := netconfig.config_notes

# max_idle is the longest idle time, in seconds, a session may stay open.
max_idle := 900

deny contains finding if {
	some dev in netconfig.devices
	some l in dev.management.lines
	l.kind == "vty"
	accepts_logins(l)
	l.access_class == ""
	finding := {
		"subject": netconfig.subject(dev),
		"zone": netconfig.zone(dev),
		"message": sprintf("%s: line %s accepts remote logins from any address (no access class)", [netconfig.label(dev), l.name]),
		"evidence": [netconfig.ref(dev, l.line)],
	}
}

deny contains finding if {
	some dev in netconfig.devices
	some l in dev.management.lines
	idle_text(l) != ""
	finding := {
		"subject": netconfig.subject(dev),
		"zone": netconfig.zone(dev),
		"message": sprintf("%s: line %s %s", [netconfig.label(dev), l.name, idle_text(l)]),
		"evidence": [netconfig.ref(dev, l.line)],
	}
}

accepts_logins(l) if not l.transport_input == ["none"]

default idle_text(_) := ""

idle_text(l) := "never ends idle sessions" if l.exec_timeout_seconds == 0

idle_text(l) := sprintf("keeps idle sessions open for %d minutes", [l.exec_timeout_seconds / 60]) if {
	l.exec_timeout_seconds > max_idle
}
