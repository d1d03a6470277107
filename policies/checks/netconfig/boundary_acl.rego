# METADATA
# title: Zone-boundary interfaces filter inbound traffic with a default deny
# description: >-
#   Every addressed interface of a device that connects two or more zones
#   applies an inbound access list or firewall filter that the
#   configuration defines, and the filter denies by default: no rule
#   permits any traffic from anywhere to anywhere (permit ip any any, a
#   Junos term that accepts without a from), and on HP/H3C Comware, whose
#   packet filters let unmatched packets pass, the last rule denies all.
#   Cisco, Arista and Junos filters end in an implicit deny, so a filter
#   without an explicit final deny still denies by default there.
# scope: package
# custom:
#   id: SLATE-CFG-008
#   requirements:
#     - iec62443-3-3:SR 5.2
#     - iec62443-3-3:SR 5.2 RE 1
#     - nist-800-53r5:SC-7
#     - nist-800-53r5:SC-7(5)
#   findings:
#     - kind: no-filter
#       requirements: [SR 5.2, SR 5.2 RE 1, SC-7, SC-7(5)]
#       why: >-
#         Traffic crosses the zone boundary unfiltered (no inbound ACL, or
#         one the configuration does not define, which filters nothing):
#         IEC 62443-3-3 SR 5.2 (zone boundary protection) and SP 800-53r5
#         SC-7 ask that communications at zone boundaries be monitored and
#         controlled; SR 5.2 RE 1 and SC-7(5), that they be denied by
#         default and allowed by exception.
#     - kind: permit-any
#       requirements: [SR 5.2, SR 5.2 RE 1, SC-7(5)]
#       why: >-
#         A rule that permits any traffic lets everything the earlier rules
#         did not stop cross the boundary: the filter allows by default.
#         IEC 62443-3-3 SR 5.2 RE 1 (deny by default, allow by exception)
#         and SP 800-53r5 SC-7(5); SR 5.2, since the boundary then controls
#         nothing beyond its earlier rules.
#     - kind: no-default-deny
#       requirements: [SR 5.2 RE 1, SC-7(5)]
#       why: >-
#         An HP/H3C Comware packet filter lets packets no rule matches pass
#         unless a final rule denies them: IEC 62443-3-3 SR 5.2 RE 1 (deny
#         by default, allow by exception) and SP 800-53r5 SC-7(5).
#   severity: high
#   owner: OT
#   remediation: >-
#     Apply an inbound ACL or filter to each zone-boundary interface that
#     permits only the conduit's services and denies everything else:
#     remove "permit ip any any" rules (and Junos terms that accept without
#     a from), end Comware ACLs with "rule deny ip" (or set "packet-filter
#     default deny"), finish with "deny ip any any log" where dropped
#     traffic should be seen, and keep the ACL reviewed. Draft the ACL
#     from the conduits and the flows seen on the wire, and before
#     enforcing it log what the final deny would drop (during a maintenance
#     window), so that no production traffic is cut.
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
	some [kind, problem, line] in gaps(i)
	finding := {
		"kind": kind,
		"subject": sprintf("interface:%s/%s", [netconfig.label(i.device), i.name]),
		"zone": i.zone,
		"message": sprintf("%s interface %s (zone %s) %s", [netconfig.label(i.device), i.name, i.zone, problem]),
		"evidence": array.concat([netconfig.ref(i.device, i.line)], [netconfig.ref(i.device, line) | line > 0]),
	}
}

# gaps(i) are [kind, problem, line of the ACL rule or 0] for interface i.
gaps(i) := {["no-filter", "has no inbound ACL", 0]} if i.acl_in == ""

gaps(i) := {["no-filter", sprintf("applies inbound ACL %s, which the configuration does not define", [i.acl_in]), 0]} if {
	i.acl_in != ""
	not acls[sprintf("%s|%s", [i.device.key, i.acl_in])]
}

gaps(i) := acl_gaps(i.device, acls[sprintf("%s|%s", [i.device.key, i.acl_in])])

acl_gaps(dev, a) := permit_any_gaps(a) | default_deny_gaps(dev, a)

permit_any_gaps(a) := {["permit-any", sprintf("applies inbound ACL %s, which permits any traffic (line %d): nothing is denied by default", [a.name, e.line]), e.line] |
	e := first_permit_any(a)
}

default_deny_gaps(dev, a) := {["no-default-deny", sprintf("applies inbound ACL %s, which lets packets it does not match pass (Comware) and does not end in a deny", [a.name]), 0] |
	dev.vendor == "hp_comware"
	not a.ends_in_deny
	count(permits_any(a)) == 0
}

# permits_any(a) are the rules of a that permit all traffic.
permits_any(a) := [e |
	some e in a.entries
	e.action == "permit"
	any_protocol(e.protocol)
	any_address(e.src)
	any_address(e.dst)
	object.get(e, "src_ports", "") == ""
	object.get(e, "dst_ports", "") == ""
]

first_permit_any(a) := permits_any(a)[0]

any_protocol(p) if p in {"", "ip", "ipv4", "ipv6", "any"}

any_address(s) if s in {"", "any", "any4", "any6", "0.0.0.0/0", "::/0", "0.0.0.0 0.0.0.0"}
