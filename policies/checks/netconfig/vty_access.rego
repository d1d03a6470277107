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
#     - iec62443-3-3:SR 2.1
#     - iec62443-3-3:SR 2.5
#     - iec62443-3-3:SR 2.6
#     - nist-800-53r5:AC-3
#     - nist-800-53r5:AC-11
#     - nist-800-53r5:AC-12
#   findings:
#     - kind: no-access-class
#       requirements: [SR 2.1, AC-3]
#       why: >-
#         Without an access class the device offers its login to every
#         address that reaches it, not only to the management hosts
#         allowed to administer it: IEC 62443-3-3 SR 2.1 (authorization
#         enforcement) and SP 800-53r5 AC-3 (access enforcement) ask that
#         the device enforce who may use its management interface. (SR
#         1.13, access via untrusted networks, is about remote access
#         paths into the control system, which a line's ACL does not show.)
#     - kind: idle-remote-session
#       requirements: [SR 2.6, AC-12]
#       why: >-
#         A vty session that never ends, or stays open longer than 15
#         minutes, is left for anyone at the administrator's desk or on
#         the path: IEC 62443-3-3 SR 2.6 (remote session termination) and
#         SP 800-53r5 AC-12 (session termination) ask that remote sessions
#         end after a configurable time of inactivity.
#     - kind: idle-local-session
#       requirements: [SR 2.5, AC-11]
#       why: >-
#         A console or aux session is local, not remote: left open it
#         fails IEC 62443-3-3 SR 2.5 (session lock after a configurable
#         time of inactivity) and SP 800-53r5 AC-11 (device lock).
#   severity: medium
#   owner: OT
#   remediation: >-
#     Apply an access class naming the management hosts to every vty line
#     ("access-class MGMT in") and set an idle timeout of 15 minutes or less
#     on every line, console included ("exec-timeout 10 0"; never
#     "exec-timeout 0 0").
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
		"kind": "no-access-class",
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
		"kind": idle_kind(l),
		"subject": netconfig.subject(dev),
		"zone": netconfig.zone(dev),
		"message": sprintf("%s: line %s %s", [netconfig.label(dev), l.name, idle_text(l)]),
		"evidence": [netconfig.ref(dev, l.line)],
	}
}

idle_kind(l) := "idle-remote-session" if l.kind == "vty"

idle_kind(l) := "idle-local-session" if l.kind != "vty"

# accepts_logins is false for a line that takes no protocol, or that asks
# for a line password the configuration never sets (IOS refuses every
# session then).
accepts_logins(l) if {
	not l.transport_input == ["none"]
	not l.login == "password_missing"
}

default idle_text(_) := ""

idle_text(l) := "never ends idle sessions" if l.exec_timeout_seconds == 0

idle_text(l) := sprintf("keeps idle sessions open for %d minutes", [l.exec_timeout_seconds / 60]) if {
	l.exec_timeout_seconds > max_idle
}
