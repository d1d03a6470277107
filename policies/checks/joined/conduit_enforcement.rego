# METADATA
# title: Declared conduits are enforced by boundary ACLs, and the wire agrees with them
# description: >-
#   Joins the declared conduits, the ACLs applied on the devices at the
#   zone boundaries and the flows seen in captures. Every declared conduit
#   is enforced by an ACL on a boundary device (applied inbound on an
#   interface of the conduit's source zone or outbound on one of its
#   destination zone) whose catch-all is a deny; no flow crosses a
#   boundary an ACL on the way denies (the traffic then bypasses the
#   device, or the saved configuration is not the one running); no flow on
#   a conduit passes only through a permit-any-any rule; and no cleartext
#   OT protocol crosses a boundary on a conduit an ACL rule opens for it
#   (the conduit allows it, but the protocol still needs protection).
# scope: package
# custom:
#   id: SLATE-JOIN-001
#   requirements:
#     - iec62443-3-3:SR 3.1 RE 1
#     - iec62443-3-3:SR 4.1 RE 1
#     - iec62443-3-3:SR 5.1
#     - iec62443-3-3:SR 5.2
#     - iec62443-3-3:SR 5.2 RE 1
#     - nist-800-53r5:SC-7
#     - nist-800-53r5:SC-7(5)
#     - nist-800-53r5:SC-8(1)
#     - nist-800-53r5:AC-4
#   findings:
#     - kind: unenforced-conduit
#       requirements:
#         - iec62443-3-3:SR 5.2
#         - iec62443-3-3:SR 5.2 RE 1
#         - nist-800-53r5:SC-7
#         - nist-800-53r5:SC-7(5)
#         - nist-800-53r5:AC-4
#       why: >-
#         No ACL on the boundary device enforces the conduit, or its
#         catch-all permits: IEC 62443-3-3 SR 5.2 (zone boundary protection)
#         and SR 5.2 RE 1 (deny by default, allow by exception, SL 2); SP
#         800-53r5 SC-7, SC-7(5) (deny by default) and AC-4 (information flow
#         enforcement).
#     - kind: acl-bypassed
#       requirements:
#         - iec62443-3-3:SR 5.1
#         - iec62443-3-3:SR 5.2
#         - nist-800-53r5:SC-7
#         - nist-800-53r5:AC-4
#       why: >-
#         Traffic crosses a boundary an ACL on the way denies, so a path
#         goes around the boundary device (or another configuration runs):
#         IEC 62443-3-3 SR 5.1 (network segmentation) and SR 5.2 (zone
#         boundary protection); SP 800-53r5 SC-7 and AC-4.
#     - kind: any-any
#       requirements:
#         - iec62443-3-3:SR 5.2
#         - iec62443-3-3:SR 5.2 RE 1
#         - nist-800-53r5:SC-7(5)
#         - nist-800-53r5:AC-4
#       why: >-
#         The flow is let through by a permit-any-any rule only: the
#         boundary does not allow by exception. IEC 62443-3-3 SR 5.2 and SR
#         5.2 RE 1 (deny by default, allow by exception); SP 800-53r5 SC-7(5)
#         and AC-4.
#     - kind: cleartext-on-conduit
#       requirements:
#         - iec62443-3-3:SR 3.1 RE 1
#         - iec62443-3-3:SR 4.1 RE 1
#         - nist-800-53r5:SC-8(1)
#       why: >-
#         A cleartext OT protocol (or OPC UA with security mode None)
#         crosses the boundary on a conduit that allows it: the boundary is
#         kept, but the traffic has no cryptographic protection. IEC
#         62443-3-3 SR 3.1 RE 1 (cryptographic integrity protection, SL 3)
#         and SR 4.1 RE 1 (confidentiality in transit via untrusted
#         networks); SP 800-53r5 SC-8(1) (cryptographic protection). Not SR
#         3.1 base: the protocols' own checks are the integrity it asks of
#         every level.
#   severity: high
#   owner: OT
#   remediation: >-
#     Enforce each conduit on the device between its zones with an ACL that
#     permits only the conduit's services between the hosts that need them
#     and ends in "deny ip any any"; find and close the path that carries
#     traffic the ACL denies (or deploy the reviewed configuration); and
#     carry cleartext OT protocols across a boundary only inside an
#     authenticated, encrypted channel (VPN, TLS or OPC UA SignAndEncrypt).
package slate.checks.joined.conduit_enforcement

import data.slate.lib.joined
import data.slate.lib.netconfig
import data.slate.lib.network

# boundary_zones are the zones with an interface of a device that sits
# between zones (it has interfaces in two or more, or applies an ACL on
# this one).
boundary_zones contains z if {
	some dev in netconfig.devices
	count(netconfig.zones_spanned[dev.key]) > 1
	some z in netconfig.zones_spanned[dev.key]
}

boundary_zones contains z if {
	some dev in netconfig.devices
	some zs in joined.filtered_zones[dev.key]
	some z in zs
}

assessed := boundary_zones & network.evidence_zones

# --- conduits no ACL enforces ------------------------------------------

# judged are the declared conduits between declared zones that have a
# boundary device in the configurations.
judged contains c if {
	some c in joined.conduits
	joined.zones_by_name[c.from]
	joined.zones_by_name[c.to]
	count(joined.boundary_devices[[c.from, c.to]]) > 0
}

enforced(c) if {
	some a in joined.acls_between[[c.from, c.to]]
	joined.enforces(a.acl)
}

deny contains finding if {
	some c in judged
	not enforced(c)
	pair := [c.from, c.to]
	finding := {
		"kind": "unenforced-conduit",
		"subject": sprintf("conduit:%s", [c.name]),
		"zone": c.to,
		"message": sprintf("conduit %s (%s → %s) is declared but no ACL on a boundary device between the zones enforces it: %s%s", [
			c.name, c.from, c.to, concat("; ", sort({why(dev, pair) | some dev in joined.boundary_devices[pair]})),
			observed(pair),
		]),
		"evidence": sort({ref | some dev in joined.boundary_devices[pair]; some ref in config_refs(dev, pair)}),
		"exposure": {"crosses_boundary": true, "from": network.origin(c.from), "conduit": "declared"},
	}
}

# on(dev, pair) are the ACL applications of dev that traffic of pair meets.
on(dev, pair) := [a | some a in joined.acls_between[pair]; a.device.key == dev.key]

why(dev, pair) := sprintf("%s applies no ACL to traffic from %s to %s", [netconfig.label(dev), pair[0], pair[1]]) if {
	count(on(dev, pair)) == 0
}

why(dev, pair) := concat(", ", sort({weakness(a) | some a in on(dev, pair)})) if {
	count(on(dev, pair)) > 0
}

weakness(a) := sprintf("%s is not defined in the configuration", [joined.where(a)]) if not a.acl

weakness(a) := sprintf("%s has no rules", [joined.where(a)]) if {
	a.acl
	count(joined.rules(a.acl)) == 0
}

weakness(a) := sprintf("%s permits any to any at line %d", [joined.where(a), e.line]) if {
	e := joined.catch_all(joined.rules(a.acl))
	e.action == "permit"
}

# config_refs point at the lines that leave the conduit open: the
# catch-all permits, else the routed interfaces of the source zone (where
# an inbound ACL belongs), else the device's hostname.
config_refs(dev, pair) := [netconfig.ref(dev, weak_line(a)) | some a in on(dev, pair)] if count(on(dev, pair)) > 0

config_refs(dev, pair) := [netconfig.ref(dev, i.line) | some i in routed(dev, pair[0])] if {
	count(on(dev, pair)) == 0
	count(routed(dev, pair[0])) > 0
}

config_refs(dev, pair) := [netconfig.ref(dev, dev.hostname_line)] if {
	count(on(dev, pair)) == 0
	count(routed(dev, pair[0])) == 0
}

routed(dev, zone) := [i | some i in dev.interfaces; i.zone == zone; not i.shutdown; count(i.addresses) > 0]

weak_line(a) := a.iface_line if not a.acl

weak_line(a) := a.acl.line if {
	a.acl
	not joined.catch_all(joined.rules(a.acl))
}

weak_line(a) := e.line if {
	e := joined.catch_all(joined.rules(a.acl))
	e.action == "permit"
}

# observed says how many flows were seen on the pair.
observed(pair) := sprintf(" (%d flow(s) seen between the zones)", [joined.flows_between[pair]]) if {
	joined.flows_between[pair]
} else := ""

# --- flows the configuration disagrees with ----------------------------

# verdicts are, per group of flows, the verdict of every ACL on the way
# (the engine walks them: joined.acl_verdicts), each result naming its ACL
# application by number (at), with their judgement: the results that
# deny (denied), those that permit by a rule narrower than any-any
# (narrow), whether the group is settled as permitted (settled_permit),
# and the references to its flows its findings cite (refs). at(r) is the application itself, looked up only for
# the results a finding names.
verdicts := joined.acl_verdicts

at(r) := {"at": joined.applied[r.at], "result": r.result}

deny contains finding if {
	some v in verdicts
	some r in v.denied
	x := at(r)
	k := v.key
	finding := {
		"kind": "acl-bypassed",
		"subject": joined.subject(k),
		"zone": k.szone,
		"message": sprintf("flow %s crosses %s→%s although the ACL %s denies it (%s): the traffic bypasses the device or the saved configuration is not the one running", [
			joined.conversation(k), k.czone, k.szone, joined.where(x.at), deny_rule(x.result),
		]),
		"evidence": array.concat(v.refs, [netconfig.ref(x.at.device, deny_line(x))]),
		"exposure": joined.exposure(k),
	}
}

deny_rule(result) := sprintf("line %d", [result.rule.line]) if result.rule

deny_rule(result) := "no rule matches: implicit deny" if not result.rule

deny_line(x) := x.result.rule.line if x.result.rule

deny_line(x) := x.at.acl.line if not x.result.rule

# permitted are the verdicts every ACL on the way decided, none denying
# (settled_permit), each with the results whose rule is narrower than
# any-any.
permitted := [{"v": v, "narrow": v.narrow} | some v in verdicts; v.settled_permit]

deny contains finding if {
	some p in permitted
	count(p.narrow) == 0
	v := p.v
	k := v.key
	conduit := joined.conduit_for(k)
	x := at([y | some y in v.results; y.result.verdict == "permit"][0])
	finding := {
		"kind": "any-any",
		"subject": joined.subject(k),
		"zone": k.szone,
		"message": sprintf("flow %s on conduit %s crosses %s→%s, but is permitted only by an any-any rule (%s, line %d): nothing at the boundary limits the conduit to its services", [
			joined.conversation(k), conduit, k.czone, k.szone, joined.where(x.at), x.result.rule.line,
		]),
		"evidence": array.concat(v.refs, [netconfig.ref(x.at.device, x.result.rule.line)]),
		"exposure": joined.exposure(k),
	}
}

# A cleartext OT protocol that a declared conduit and an ACL rule let
# across a boundary. Flows that carry write, control or program commands
# are left to SLATE-NET-001, flows on no conduit to SLATE-NET-002.
deny contains finding if {
	some p in permitted
	count(p.narrow) > 0
	v := p.v
	k := v.key
	conduit := joined.conduit_for(k)
	labels := joined.cleartext_labels(k.protocol, v.flows)
	count(labels) > 0
	count(v.op_classes & joined.command_classes) == 0
	x := at(p.narrow[0])
	finding := {
		"kind": "cleartext-on-conduit",
		"subject": joined.subject(k),
		"zone": k.szone,
		"message": sprintf("insecure OT protocol %s crosses the %s→%s boundary: %s -> %s:%d is allowed by conduit %s and permitted by %s, line %d, but travels unprotected", [
			concat(", ", sort(labels)), k.czone, k.szone, k.cip, k.sip, k.port, conduit, joined.where(x.at), x.result.rule.line,
		]),
		"evidence": array.concat(v.refs, [netconfig.ref(x.at.device, x.result.rule.line)]),
		"exposure": joined.exposure(k),
	}
}
