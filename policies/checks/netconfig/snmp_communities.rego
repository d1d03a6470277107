# METADATA
# title: Network devices use SNMPv3, not community strings
# description: >-
#   No switch, router or firewall accepts SNMP v1/v2c communities, whose
#   shared secret travels in clear text and grants access to anyone who
#   knows it; factory-default and widely guessed communities are the worst
#   case, and a read-write community lets its holder change the device.
#   A community is "from any address" only when nothing limits the
#   managers that may use it: an ACL the configuration defines (IOS,
#   NX-OS, EOS, Comware), a Junos client list, or, on a Cisco ASA, the
#   hosts that snmp-server host lets poll (the ASA answers no one else).
#   SNMPv3 users without authentication are reported as well.
# scope: package
# custom:
#   id: SLATE-CFG-002
#   requirements:
#     - iec62443-3-3:SR 1.2
#     - iec62443-3-3:SR 1.5
#     - iec62443-3-3:SR 2.1
#     - iec62443-3-3:SR 4.1
#     - iec62443-3-3:SR 7.7
#     - nist-800-53r5:AC-3
#     - nist-800-53r5:CM-6
#     - nist-800-53r5:CM-7
#     - nist-800-53r5:IA-3
#     - nist-800-53r5:IA-5
#     - nist-800-53r5:SC-8
#   findings:
#     - kind: community-ro
#       requirements: [SR 1.5, SR 4.1, SR 7.7, IA-5, SC-8, CM-6, CM-7]
#       why: >-
#         A community is a shared authenticator sent in clear with every
#         request: IEC 62443-3-3 SR 1.5 (authenticator management) and
#         SP 800-53r5 IA-5 ask that authenticators be protected and
#         changed from their defaults; SR 4.1 (information
#         confidentiality) and SC-8, that what the device reports does
#         not cross the network readable by anyone; SR 7.7 (least
#         functionality), CM-6 (configuration settings) and CM-7, that the
#         insecure protocol version be turned off where SNMPv3 exists. No
#         cryptography is used, so SR 4.3 does not apply.
#     - kind: community-rw
#       requirements: [SR 1.5, SR 2.1, SR 4.1, SR 7.7, AC-3, IA-5, SC-8, CM-6, CM-7]
#       why: >-
#         As community-ro, and a read-write community lets whoever holds
#         it change the device's configuration: IEC 62443-3-3 SR 2.1
#         (authorization enforcement) and SP 800-53r5 AC-3 (access
#         enforcement) ask that changes be allowed only to authorised,
#         identified users, which a shared string sent in clear cannot do.
#     - kind: v3-noauth
#       requirements: [SR 1.2, SR 4.1, IA-3, SC-8, CM-6]
#       why: >-
#         An SNMPv3 user at security level noAuthNoPriv is accepted
#         without authentication and answered in clear: IEC 62443-3-3
#         SR 1.2 (software process and device identification and
#         authentication) and SP 800-53r5 IA-3 ask that the managing
#         software be authenticated; SR 4.1 and SC-8, that the exchange be
#         confidential; CM-6, that the secure setting (authPriv) be used.
#   severity: high
#   owner: OT
#   remediation: >-
#     Remove the SNMP v1/v2c communities and use SNMPv3 users with
#     authentication and privacy (authPriv); until then replace default
#     communities with long random ones, make them read-only and limit
#     them to the management stations (an ACL, a Junos client list, or
#     snmp-server host ... poll on an ASA).
package slate.checks.netconfig.snmp_communities

import data.slate.lib.netconfig

assessed := netconfig.assessed_zones

# notes name the zone's network devices whose configurations are missing.
notes := netconfig.config_notes

deny contains finding if {
	some dev in netconfig.devices
	some c in dev.snmp.communities
	finding := {
		"kind": sprintf("community-%s", [c.access]),
		"subject": netconfig.subject(dev),
		"zone": netconfig.zone(dev),
		"message": message(dev, c),
		"evidence": [netconfig.ref(dev, c.line)],
		"severity": severity(c),
	}
}

deny contains finding if {
	some dev in netconfig.devices
	some u in dev.snmp.v3_users
	u.level == "noauth"
	finding := {
		"kind": "v3-noauth",
		"subject": netconfig.subject(dev),
		"zone": netconfig.zone(dev),
		"message": sprintf("%s has SNMPv3 user %s without authentication", [netconfig.label(dev), u.name]),
		"evidence": [netconfig.ref(dev, u.line)],
	}
}

# restricted is true when only some managers may use the community.
restricted(c) if object.get(c, "restricted", false)

# Read-write from any address is critical; read-write from a few
# managers, or read-only from any address, is high; read-only from a few
# managers is medium.
severity(c) := "critical" if {
	c.access == "rw"
	not restricted(c)
}

severity(c) := "high" if {
	c.access == "rw"
	restricted(c)
}

severity(c) := "high" if {
	c.access == "ro"
	not restricted(c)
}

severity(c) := "medium" if {
	c.access == "ro"
	restricted(c)
}

access_text := {"ro": "read-only", "rw": "read-write"}

message(dev, c) := sprintf("%s accepts a default SNMP community (%s)%s", [netconfig.label(dev), access_text[c.access], scope_text(dev, c)]) if c.default

message(dev, c) := sprintf("%s accepts an SNMP v1/v2c community (%s)%s", [netconfig.label(dev), access_text[c.access], scope_text(dev, c)]) if not c.default

# scope_text says who may use the community.
default scope_text(_, _) := ""

scope_text(_, c) := " from any address" if {
	not restricted(c)
	c.acl == ""
}

scope_text(_, c) := sprintf(" from any address (ACL %s is not defined in the configuration)", [c.acl]) if {
	not restricted(c)
	c.acl != ""
}

scope_text(dev, c) := sprintf(" limited by ACL %s", [c.acl]) if {
	restricted(c)
	not dev.vendor in {"cisco_asa", "juniper_junos"}
	c.acl != ""
}

scope_text(dev, c) := " limited to its client list" if {
	restricted(c)
	dev.vendor == "juniper_junos"
	c.acl == "clients"
}

scope_text(dev, c) := sprintf(" limited to client list %s", [c.acl]) if {
	restricted(c)
	dev.vendor == "juniper_junos"
	not c.acl in {"", "clients"}
}

scope_text(dev, c) := sprintf(" answered only to %s (snmp-server host)", [concat(", ", c.hosts)]) if {
	restricted(c)
	dev.vendor == "cisco_asa"
	count(c.hosts) > 0
}

scope_text(dev, c) := ", which no manager may use (no snmp-server host polls)" if {
	restricted(c)
	dev.vendor == "cisco_asa"
	count(c.hosts) == 0
}
