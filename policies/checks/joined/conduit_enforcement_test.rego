package slate.checks.joined.conduit_enforcement_test

import data.slate.checks.joined.conduit_enforcement as check
import data.slate.checks.joined.fixtures_test as fx

# ACLs that end in a deny everywhere: sw gets one on its control side.
sw_filtered := fx.device(fx.sw, {
	"interfaces": [fx.iface("Vlan30", "control", "ctl_in", "", 30), fx.iface("Vlan41", "cell", "", "", 33)],
	"acls": [fx.acl("ctl_in", [fx.rule("permit", "tcp", "10.30.0.0 0.0.0.255", "10.40.1.0 0.0.0.255", "eq 102", 60)], 60)],
})

findings(flows, devs) := fs if {
	fs := check.deny with input as fx.input_with({
		"pcap": [fx.pcap_doc(flows, [])],
		"netconfig": [fx.netconfig_doc(devs)],
	})
}

messages(flows, devs) := {f.message | some f in findings(flows, devs)}

subjects(flows, devs) := {f.subject | some f in findings(flows, devs)}

test_enforced_conduits_and_agreeing_flows_pass if {
	flows := [
		fx.flow("flow:1", "tls", "10.10.4.2", "enterprise", "10.20.0.15", 443, "dmz", {}),
		fx.flow("flow:2", "opcua", "10.20.0.15", "dmz", "10.30.0.10", 4840, "control", fx.ua_encrypted),
		fx.flow("flow:3", "rdp", "10.20.0.30", "dmz", "10.30.0.21", 3389, "control", {}),
		fx.flow("flow:4", "s7comm", "10.30.0.50", "control", "10.40.1.10", 102, "cell", {"ops": [{"class": "write", "name": "write_var", "code": 5, "count": 1}]}),
		fx.flow("flow:5", "snmp", "10.30.0.10", "control", "10.30.0.2", 161, "control", {}),
	]
	count(findings(flows, [fx.fw, sw_filtered])) == 0
	inp := fx.input_with({
		"pcap": [fx.pcap_doc(flows, [])],
		"netconfig": [fx.netconfig_doc([fx.fw, sw_filtered])],
	})

	# Only control has a flow inside it; the source may declare the others.
	check.assessed == {"control"} with input as inp
	sources := {"assessment": {"sources": [{"kind": "pcap", "name": "span", "zones": ["enterprise", "dmz", "cell"]}]}}
	check.assessed == {"enterprise", "dmz", "control", "cell"} with input as object.union(inp, sources)
}

test_not_assessed_without_configs_or_flows if {
	flow := fx.flow("flow:1", "tls", "10.10.4.2", "enterprise", "10.20.0.15", 443, "dmz", {})
	count(check.assessed) == 0 with input as fx.input_with({"pcap": [fx.pcap_doc([flow], [])], "netconfig": []})
	count(check.deny) == 0 with input as fx.input_with({"pcap": [fx.pcap_doc([flow], [])], "netconfig": []})
	count(check.assessed) == 0 with input as fx.input_with({"pcap": [], "netconfig": [fx.netconfig_doc([fx.fw])]})
}

test_conduit_without_acl if {
	fs := findings([fx.flow("flow:4", "s7comm", "10.30.0.50", "control", "10.40.1.10", 102, "cell", {})], [fx.fw, fx.sw])
	some f in fs
	f.subject == "conduit:control-cell"
	f.zone == "cell"
	f.message == "conduit control-cell (control → cell) is declared but no ACL on a boundary device between the zones enforces it: sw applies no ACL to traffic from control to cell (1 flow(s) seen between the zones)"
	f.kind == "unenforced-conduit"
	f.evidence == [fx.cfg_ref("sw.cfg", 30)]
	f.exposure == {"crosses_boundary": true, "from": "ot", "conduit": "declared"}
	count(fs) == 1
}

test_conduit_opened_by_any_any if {
	open_dmz := fx.device(fx.fw, {"acls": [fx.fw_acls[0], fx.acl(
		"dmz_in", [
			fx.rule("permit", "tcp", "10.20.0.15/32", "10.30.0.10/32", "eq 4840", 49),
			fx.rule("permit", "ip", "any", "any", "", 50),
		],
		48,
	)]})
	fs := findings([], [open_dmz, sw_filtered])
	some f in fs
	f.subject == "conduit:dmz-control"
	f.message == "conduit dmz-control (dmz → control) is declared but no ACL on a boundary device between the zones enforces it: dmz_in on fw (inbound on Gi1/2) permits any to any at line 50"
	f.evidence == [fx.cfg_ref("fw.asa", 50)]
	count(fs) == 1
}

test_conduit_with_undefined_or_empty_acl if {
	undefined := fx.device(fx.fw, {"acls": [fx.fw_acls[0]]})
	msgs := messages([], [undefined, sw_filtered])
	msgs == {"conduit dmz-control (dmz → control) is declared but no ACL on a boundary device between the zones enforces it: dmz_in on fw (inbound on Gi1/2) is not defined in the configuration"}
	empty := fx.device(fx.fw, {"acls": [fx.fw_acls[0], fx.acl("dmz_in", [fx.rule("remark", "", "", "", "", 48)], 48)]})
	some f in findings([], [empty, sw_filtered])
	f.message == "conduit dmz-control (dmz → control) is declared but no ACL on a boundary device between the zones enforces it: dmz_in on fw (inbound on Gi1/2) has no rules"
	f.evidence == [fx.cfg_ref("fw.asa", 48)]
}

test_outbound_acl_on_the_destination_enforces if {
	out := fx.device(fx.fw, {"acls": [fx.fw_acls[0], fx.fw_acls[1], fx.acl("ctl_out", [fx.rule("deny", "ip", "any", "any", "", 70)], 70)]})
	sw_out := fx.device(fx.sw, {
		"interfaces": [fx.iface("Vlan30", "control", "", "", 30), fx.iface("Vlan41", "cell", "", "cell_out", 33)],
		"acls": [fx.acl("cell_out", [fx.rule("permit", "tcp", "any", "10.40.1.10/32", "eq 102", 80)], 80)],
	})
	count(findings([], [out, sw_out])) == 0
}

test_device_without_routed_interface_points_at_hostname if {
	l2 := fx.device(fx.sw, {"interfaces": [
		object.union(fx.iface("Gi1/1", "control", "", "", 20), {"addresses": []}),
		object.union(fx.iface("Gi1/2", "cell", "", "", 24), {"addresses": []}),
	]})
	some f in findings([], [fx.fw, l2])
	f.subject == "conduit:control-cell"
	f.evidence == [fx.cfg_ref("sw.cfg", 3)]
}

test_flow_the_acl_denies if {
	flows := [
		fx.flow("flow:9", "modbus", "10.10.4.21", "enterprise", "10.40.1.11", 502, "cell", fx.modbus_write),
		fx.flow("flow:8", "modbus", "10.10.4.21", "enterprise", "10.40.1.11", 502, "cell", fx.modbus_read),
	]
	fs := findings(flows, [fx.fw, sw_filtered])
	some f in fs
	f.subject == "flow:10.10.4.21->10.40.1.11/tcp/502"
	f.zone == "cell"
	f.message == "flow 10.10.4.21->10.40.1.11/tcp/502 (modbus) crosses enterprise→cell although the ACL ent_in on fw (inbound on Gi1/1) denies it (line 46): the traffic bypasses the device or the saved configuration is not the one running"
	f.kind == "acl-bypassed"
	f.evidence == [fx.pcap_ref("flow:8"), fx.pcap_ref("flow:9"), fx.cfg_ref("fw.asa", 46)]
	f.exposure == {"crosses_boundary": true, "from": "it", "conduit": "undeclared"}
	count(fs) == 1
}

test_flow_the_implicit_deny_stops if {
	implicit := fx.device(fx.fw, {"acls": [fx.acl("ent_in", [fx.rule("permit", "tcp", "any", "10.20.0.15/32", "eq https", 45)], 44), fx.fw_acls[1]]})
	flow := fx.flow("flow:7", "", "10.10.4.2", "enterprise", "10.20.0.16", 8080, "dmz", {})
	some f in findings([flow], [implicit, sw_filtered])
	f.message == "flow 10.10.4.2->10.20.0.16/tcp/8080 (unidentified protocol) crosses enterprise→dmz although the ACL ent_in on fw (inbound on Gi1/1) denies it (no rule matches: implicit deny): the traffic bypasses the device or the saved configuration is not the one running"
	f.evidence == [fx.pcap_ref("flow:7"), fx.cfg_ref("fw.asa", 44)]
}

test_undecidable_rule_reports_nothing if {
	# line 52 names an object group: the SSH session may be permitted.
	flow := fx.flow("flow:6", "ssh", "10.20.0.31", "dmz", "10.30.0.21", 22, "control", {})
	count(findings([flow], [fx.fw, sw_filtered])) == 0
}

test_flow_permitted_only_by_any_any if {
	open_dmz := fx.device(fx.fw, {"acls": [fx.fw_acls[0], fx.acl(
		"dmz_in", [
			fx.rule("permit", "tcp", "10.20.0.15/32", "10.30.0.10/32", "eq 4840", 49),
			fx.rule("permit", "ip", "any", "any", "", 50),
		],
		48,
	)]})
	on_conduit := fx.flow("flow:3", "rdp", "10.20.0.30", "dmz", "10.30.0.21", 3389, "control", {})
	off_conduit := fx.flow("flow:4", "http", "10.20.0.30", "dmz", "10.30.0.21", 80, "control", {})
	fs := findings([on_conduit, off_conduit], [open_dmz, sw_filtered])
	subjects([on_conduit, off_conduit], [open_dmz, sw_filtered]) == {"conduit:dmz-control", "flow:10.20.0.30->10.30.0.21/tcp/3389"}
	some f in fs
	f.subject == "flow:10.20.0.30->10.30.0.21/tcp/3389"
	f.message == "flow 10.20.0.30->10.30.0.21/tcp/3389 (rdp) on conduit dmz-control crosses dmz→control, but is permitted only by an any-any rule (dmz_in on fw (inbound on Gi1/2), line 50): nothing at the boundary limits the conduit to its services"
	f.kind == "any-any"
	f.evidence == [fx.pcap_ref("flow:3"), fx.cfg_ref("fw.asa", 50)]
}

test_cleartext_ot_protocol_permitted_across_the_boundary if {
	flows := [
		fx.flow("flow:1", "opcua", "10.20.0.15", "dmz", "10.30.0.10", 4840, "control", fx.ua_none),
		fx.flow("flow:2", "modbus", "10.20.0.15", "dmz", "10.30.0.10", 502, "control", fx.modbus_read),
	]
	fs := findings(flows, [fx.fw, sw_filtered])
	messages(flows, [fx.fw, sw_filtered]) == {
		"insecure OT protocol opcua (security mode None) crosses the dmz→control boundary: 10.20.0.15 -> 10.30.0.10:4840 is allowed by conduit dmz-control and permitted by dmz_in on fw (inbound on Gi1/2), line 49, but travels unprotected",
		"insecure OT protocol modbus crosses the dmz→control boundary: 10.20.0.15 -> 10.30.0.10:502 is allowed by conduit dmz-control and permitted by dmz_in on fw (inbound on Gi1/2), line 50, but travels unprotected",
	}
	some f in fs
	f.subject == "flow:10.20.0.15->10.30.0.10/tcp/502"
	f.zone == "control"
	{x.kind | some x in fs} == {"cleartext-on-conduit"}
	f.evidence == [fx.pcap_ref("flow:2"), fx.cfg_ref("fw.asa", 50)]
}

test_cleartext_commands_are_left_to_net_001 if {
	flow := fx.flow("flow:2", "modbus", "10.20.0.15", "dmz", "10.30.0.10", 502, "control", fx.modbus_write)
	count(findings([flow], [fx.fw, sw_filtered])) == 0
}

test_protected_opcua_passes if {
	flow := fx.flow("flow:1", "opcua", "10.20.0.15", "dmz", "10.30.0.10", 4840, "control", fx.ua_encrypted)
	count(findings([flow], [fx.fw, sw_filtered])) == 0
}

test_layer2_and_local_flows_are_ignored if {
	local := fx.flow("flow:1", "modbus", "10.40.1.20", "cell", "10.40.1.10", 502, "cell", fx.modbus_read)
	outside := fx.flow("flow:2", "dns", "10.30.0.10", "control", "8.8.8.8", 53, "", {})
	l2 := object.union(fx.flow("flow:3", "profinet", "", "control", "", 0, "cell", {}), {"transport": "l2", "ethertype": "0x8892"})
	count(findings([local, outside, l2], [fx.fw, sw_filtered])) == 0
}

test_sparse_device_model if {
	# No vendor, no outbound ACL field, rules without port fields: read as
	# a wildcard-mask device and rules for every port.
	sparse := {
		"file": "r.cfg", "hostname": "r", "hostname_line": 1,
		"interfaces": [
			{"name": "a", "zone": "control", "acl_in": "A", "line": 5, "addresses": [{"prefix": "10.30.0.1/24"}]},
			{"name": "b", "zone": "cell", "line": 9, "addresses": [{"prefix": "10.40.1.1/24"}]},
		],
		"acls": [{"name": "A", "type": "extended", "line": 20, "entries": [
			{"action": "deny", "protocol": "tcp", "src": "10.30.0.0 0.0.0.255", "dst": "any", "line": 21},
			{"action": "permit", "protocol": "ip", "src": "any", "dst": "any", "line": 22},
		]}],
	}
	flow := fx.flow("flow:1", "s7comm", "10.30.0.50", "control", "10.40.1.10", 102, "cell", {})
	{[f.subject, f.evidence] | some f in findings([flow], [sparse])} == {
		["conduit:control-cell", [fx.cfg_ref("r.cfg", 22)]],
		["flow:10.30.0.50->10.40.1.10/tcp/102", [fx.pcap_ref("flow:1"), fx.cfg_ref("r.cfg", 21)]],
	}
}
