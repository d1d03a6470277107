# METADATA
# title: Network devices use SNMPv3, not community strings
# description: >-
#   No switch, router or firewall accepts SNMP v1/v2c communities, whose
#   shared secret travels in clear text and grants access to anyone who
#   knows it; factory-default and widely guessed communities are the worst
#   case.
# scope: package
# custom:
#   id: SLATE-CFG-002
#   requirements:
#     - iec62443-3-3:SR 1.5
#     - iec62443-3-3:SR 4.3
#     - nist-800-53r5:IA-5
#   severity: high
#   owner: OT
#   remediation: >-
#     Remove the SNMP v1/v2c communities and use SNMPv3 users with
#     authentication and privacy (authPriv); until then replace default
#     communities with long random ones, read-only and limited by an ACL.
package slate.checks.netconfig.snmp_communities

import data.slate.lib.netconfig

assessed := netconfig.assessed_zones

# notes name the zone's network devices whose configurations are missing.
notes := netconfig.config_notes

deny contains finding if {
	some dev in netconfig.devices
	some c in dev.snmp.communities
	finding := {
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
		"subject": netconfig.subject(dev),
		"zone": netconfig.zone(dev),
		"message": sprintf("%s has SNMPv3 user %s without authentication", [netconfig.label(dev), u.name]),
		"evidence": [netconfig.ref(dev, u.line)],
	}
}

default severity(_) := "high"

severity(c) := "critical" if {
	c.default
	c.access == "rw"
}

access_text := {"ro": "read-only", "rw": "read-write"}

message(dev, c) := sprintf("%s accepts a default SNMP community (%s)%s", [netconfig.label(dev), access_text[c.access], acl_text(c)]) if c.default

message(dev, c) := sprintf("%s accepts an SNMP v1/v2c community (%s)%s", [netconfig.label(dev), access_text[c.access], acl_text(c)]) if not c.default

acl_text(c) := " from any address" if c.acl == ""

acl_text(c) := sprintf(" limited by ACL %s", [c.acl]) if c.acl != ""
