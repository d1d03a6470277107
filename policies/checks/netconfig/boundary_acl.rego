# METADATA
# title: Zone-boundary interfaces filter inbound traffic with a default deny
# description: >-
#   Every addressed interface of a device that connects two or more zones
#   applies an inbound access list or firewall filter that ends in an
#   explicit deny, so that only the traffic the conduit allows crosses the
#   zone boundary.
# scope: package
# custom:
#   id: SLATE-CFG-008
#   requirements:
#     - iec62443-3-3:SR 5.2
#     - nist-800-53r5:SC-7(5)
#   severity: high
#   owner: OT
#   remediation: >-
#     Apply an inbound ACL or filter to each zone-boundary interface that
#     permits only the conduit's services and ends in "deny ip any any"
#     (a final discard term on Junos), and keep the ACL reviewed.
package slate.checks.netconfig.boundary_acl

import data.slate.lib.netconfig

assessed := netconfig.assessed_zones

# notes name the zone's network devices whose configurations are missing.
notes := netconfig.config_notes

# acls indexes every ACL by device key and name, built once.
acls := {sprintf("%s|%s", [dev.key, a.name]): a |
	some dev in netconfig.devices
	some a in dev.acls
}

deny contains finding if {
	some i in netconfig.boundary_interfaces
	problem := gap(i)
	finding := {
		"subject": sprintf("interface:%s/%s", [netconfig.label(i.device), i.name]),
		"zone": i.zone,
		"message": sprintf("%s interface %s (zone %s) %s", [netconfig.label(i.device), i.name, i.zone, problem]),
		"evidence": [netconfig.ref(i.device, i.line)],
	}
}

gap(i) := "has no inbound ACL" if i.acl_in == ""

gap(i) := sprintf("applies inbound ACL %s, which the configuration does not define", [i.acl_in]) if {
	i.acl_in != ""
	not acls[sprintf("%s|%s", [i.device.key, i.acl_in])]
}

gap(i) := sprintf("applies inbound ACL %s, which does not end in an explicit deny", [i.acl_in]) if {
	a := acls[sprintf("%s|%s", [i.device.key, i.acl_in])]
	not a.ends_in_deny
}
