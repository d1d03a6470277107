# METADATA
# title: Network devices are managed over encrypted protocols only
# description: >-
#   Switches, routers and firewalls accept no telnet and no plain-HTTP
#   management: their passwords and sessions would cross the plant network
#   in clear text.
# scope: package
# custom:
#   id: SLATE-CFG-001
#   requirements:
#     - iec62443-3-3:SR 1.5
#     - iec62443-3-3:SR 4.1
#     - iec62443-3-3:SR 7.7
#     - nist-800-53r5:IA-5(1)
#     - nist-800-53r5:AC-17(2)
#     - nist-800-53r5:CM-7
#     - nist-800-53r5:SC-8
#   why: >-
#     A telnet or plain-HTTP login sends the administrator's password and
#     session in clear over the plant network. IEC 62443-3-3 SR 1.5
#     (authenticator management) asks that authenticators be protected
#     from disclosure when transmitted, and SP 800-53r5 IA-5(1) that
#     passwords travel only over cryptographically protected channels;
#     SR 4.1 (information confidentiality) and SC-8 ask for the
#     confidentiality of the session in transit, AC-17(2) for encryption
#     of remote access sessions; SR 7.7 (least functionality) and CM-7 ask
#     that a service with a secure replacement (SSH, HTTPS) be turned off.
#   severity: high
#   owner: OT
#   remediation: >-
#     Disable the telnet and HTTP servers ("transport input ssh" on every
#     vty line, "no ip http server", "delete system services telnet") and
#     manage the device over SSH version 2 or HTTPS only.
package slate.checks.netconfig.insecure_management

import data.slate.lib.netconfig

assessed := netconfig.assessed_zones

# notes name the zone's network devices whose configurations are missing.
notes := netconfig.config_notes

services := {"telnet": "telnet", "http": "HTTP"}

deny contains finding if {
	some dev in netconfig.devices
	some svc, name in services
	s := dev.management[svc]
	s.enabled
	finding := {
		"subject": netconfig.subject(dev),
		"zone": netconfig.zone(dev),
		"message": sprintf("%s accepts %s management, which sends credentials in clear text%s", [netconfig.label(dev), name, why(dev, svc, s)]),
		"evidence": [netconfig.ref(dev, s.line)],
	}
}

# why says when telnet is let in by the platform default: a vty line that
# names no transport, with the OS version the configuration gives.
default why(_, _, _) := ""

why(dev, "telnet", s) := sprintf(" (line %s names no transport input, and the platform default%s lets telnet in)", [l.name, version(l)]) if {
	some l in object.get(dev.management, "lines", [])
	l.line == s.line
	l.transport_input == ["default"]
}

version(l) := sprintf(" of version %s", [l.default_version]) if l.default_version != ""

version(l) := "" if l.default_version == ""
