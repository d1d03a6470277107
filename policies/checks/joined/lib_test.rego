# Tests of the helpers in policies/lib/joined.rego that the check tests
# do not reach: the ACL forms of every vendor, service matching, and the
# comparisons of wire and inventory facts.
package slate.checks.joined.lib_test

import data.slate.checks.joined.fixtures_test as fx
import data.slate.lib.joined

k(transport, cip, sip, port, protocol) := {
	"czone": "dmz", "szone": "control", "cip": cip, "sip": sip,
	"transport": transport, "port": port, "protocol": protocol,
}

tcp := k("tcp", "10.20.0.30", "10.30.0.21", 3389, "rdp")

udp6 := k("udp", "2001:db8::5", "2001:db8:1::9", 161, "snmp")

test_conduit_services if {
	cases := [
		["*", tcp, true], ["any", tcp, true], ["RDP", tcp, true], ["tcp/3389", tcp, true],
		["tcp/3000-4000", tcp, true], ["tcp/3390-4000", tcp, false], ["udp/3000-4000", tcp, false],
		["tcp/x-4000", tcp, false], ["tcp/3389-", tcp, false], ["https", k("tcp", "a", "b", 443, "tls"), true],
		["s7", tcp, false],
	]
	every c in cases {
		admits_or_false(c[0], c[1]) == c[2]
	}
}

admits_or_false(s, x) if {
	joined.admits(s, x)
} else := false

test_protocols if {
	cases := [
		["ip", "tcp", "yes"], ["", "udp", "yes"], ["TCP", "tcp", "yes"], ["udp", "tcp", "no"],
		["tcp-udp", "udp", "yes"], ["6", "tcp", "yes"], ["17", "tcp", "no"], ["icmp", "tcp", "no"],
		["object-group SVC", "tcp", "maybe"], ["match:icmp-type", "tcp", "maybe"],
	]
	every c in cases {
		joined.protocol_status(c[0], c[1]) == c[2]
	}
}

test_addresses if {
	# [spec, ip, wildcard masks, status]
	cases := [
		["any", "10.30.0.21", true, "yes"],
		["10.30.0.21/32", "10.30.0.21", true, "yes"],
		["10.30.0.0/24", "10.30.1.21", true, "no"],
		["10.30.0.0 0.0.0.255", "10.30.0.21", true, "yes"],
		["10.30.0.0 0.0.0.255", "10.30.1.21", true, "no"],
		["10.30.0.0 0.0.255.0", "10.30.7.0", true, "yes"],
		["10.30.0.0 255.255.255.0", "10.30.0.21", false, "yes"],
		["10.30.0.0 255.255.255.0", "10.31.0.21", false, "no"],
		["10.30.0.21 0", "10.30.0.21", true, "yes"],
		["10.30.0.21 0", "10.30.0.22", true, "no"],
		["10.0.0.0/8 192.168.0.0/16", "192.168.4.4", true, "yes"],
		["10.0.0.0/8 192.168.0.0/16", "172.16.4.4", true, "no"],
		["10.30.0.21", "10.30.0.21", true, "yes"],
		["2001:db8:1::9", "2001:db8:1::9", true, "yes"],
		["2001:db8::/32", "10.30.0.21", true, "no"],
		["10.30.0.0 0.0.0.255", "2001:db8::5", true, "no"],
		["object-group OT-HOSTS", "10.30.0.21", true, "maybe"],
		["interface inside", "10.30.0.21", true, "maybe"],
		["host", "10.30.0.21", true, "maybe"],
		["10.30.0.300/32", "10.30.0.21", true, "maybe"],
	]
	every c in cases {
		joined.address_status(c[0], c[1], c[2]) == c[3]
	}
}

test_ports if {
	cases := [
		["", 22, "yes"], ["eq 22", 22, "yes"], ["eq ssh", 22, "yes"], ["eq www 443", 443, "yes"],
		["eq 23", 22, "no"], ["neq 23", 22, "yes"], ["neq telnet", 23, "no"],
		["lt 1024", 22, "yes"], ["gt 1023", 22, "no"], ["range 5900 5903", 5901, "yes"],
		["range 5900 5903", 5904, "no"], ["range 5900", 5900, "maybe"], ["eq", 22, "maybe"],
		["eq vnc", 5900, "maybe"], ["object-group RDP", 3389, "maybe"], ["portgroup p1", 1, "maybe"],
		["502", 502, "yes"], ["502-503", 503, "yes"], ["ssh telnet", 23, "yes"], ["bgp", 22, "no"],
		["vnc 22", 22, "yes"], ["vnc", 22, "maybe"], ["x-y", 22, "maybe"], ["600-700", 22, "no"],
	]
	every c in cases {
		joined.port_status(c[0], c[1]) == c[2]
	}
}

app(vendor, acl) := {
	"device": {"vendor": vendor, "hostname": "r1", "key": "k"}, "acl": acl, "name": acl.name, "dir": "out", "iface": "Vlan30",
	"compiled": joined.compile_acl(acl, vendor != "cisco_asa"),
}

test_source_ports_cannot_be_decided if {
	e := object.union(fx.rule("permit", "udp", "any", "any", "eq 161", 10), {"src_ports": "eq 1024"})
	joined.walk(app("juniper_junos", fx.acl("v6", [e], 1)), udp6) == {"verdict": "unknown", "rule": e}
}

test_walk if {
	ios := app("cisco_ios", fx.acl(
		"A", [
			fx.rule("permit", "tcp", "10.20.0.0 0.0.0.255", "10.30.0.0 0.0.0.255", "eq 3389", 1),
			fx.rule("evaluate", "", "", "", "", 2),
		],
		1,
	))
	joined.walk(ios, tcp) == {"verdict": "permit", "rule": fx.rule("permit", "tcp", "10.20.0.0 0.0.0.255", "10.30.0.0 0.0.0.255", "eq 3389", 1)}
	joined.walk(app("cisco_ios", fx.acl("B", [fx.rule("other", "", "", "", "", 2)], 1)), tcp).verdict == "unknown"
	joined.walk(app("cisco_ios", fx.acl("C", [], 1)), tcp) == {"verdict": "open"}
	asa := app("cisco_asa", fx.acl("D", [fx.rule("deny", "tcp", "10.20.0.0 255.255.255.0", "any", "", 7)], 1))
	joined.walk(asa, tcp) == {"verdict": "deny", "rule": fx.rule("deny", "tcp", "10.20.0.0 255.255.255.0", "any", "", 7)}
	joined.walk(asa, k("udp", "10.20.0.30", "10.30.0.21", 53, "dns")) == {"verdict": "deny"}
	joined.where(ios) == "A on r1 (outbound on Vlan30)"
}

test_families if {
	joined.family_applies({"type": "extended"}, "10.0.0.1")
	joined.family_applies({"type": "ipv6"}, "2001:db8::1")
	joined.family_applies({"type": "filter"}, "2001:db8::1")
	not joined.family_applies({"type": "mac"}, "10.0.0.1")
	not joined.family_applies({"type": "extended"}, "2001:db8::1")
}

test_enforces if {
	joined.enforces(fx.acl("a", [fx.rule("permit", "tcp", "any", "any", "eq 22", 1)], 1))
	joined.enforces(fx.acl("b", [fx.rule("deny", "ip", "any4", "any", "", 1), fx.rule("permit", "ip", "any", "any", "", 2)], 1))
	not joined.enforces(fx.acl("c", [fx.rule("permit", "ipv4", "0.0.0.0/0", "", "", 1)], 1))
	not joined.enforces(fx.acl("d", [fx.rule("remark", "", "", "", "", 1)], 1))
}

test_cleartext if {
	joined.cleartext_label({"protocol": "dnp3"}) == "dnp3"
	joined.cleartext_label({"protocol": "opcua", "facts": {"attrs": {"security_policy": "None"}}}) == "opcua (security mode None)"
	not joined.cleartext_label({"protocol": "opcua", "facts": {"attrs": {}}})
	not joined.cleartext_label({"protocol": "tls"})
}

f(proto, transport, port) := {"protocol": proto, "transport": transport, "server": {"port": port}}

test_remote_services if {
	joined.remote_service(f("ssh", "tcp", 2222)) == "SSH"
	joined.remote_service(f("", "tcp", 5901)) == "VNC"
	joined.remote_service(f("vnc", "tcp", 5999)) == "VNC"
	joined.remote_service(f("tls", "tcp", 3389)) == "RDP"
	joined.remote_service(f("", "udp", 3389)) == "RDP"
	joined.remote_service(f("", "tcp", 7070)) == "AnyDesk"
	not joined.remote_service(f("http", "tcp", 5900))
	not joined.remote_service(f("tls", "tcp", 22))
	not joined.remote_service(f("", "tcp", 8080))
}

test_local_devices if {
	joined.local(fx.wire("10.30.0.10", "00:1b:1b:4d:01:10", "Siemens", "control", [30])) with input as fx.input_with({})
	joined.local(fx.wire("10.30.0.10", "00:1b:1b:4d:01:10", "Siemens", "control", [])) with input as fx.input_with({})
	not joined.local(fx.wire("10.30.0.10", "00:1b:1b:4d:01:10", "Siemens", "control", [41])) with input as fx.input_with({})
	not joined.local(fx.wire("10.30.0.10", "00:1b:1b:4d:01:10", "Siemens", "", [])) with input as fx.input_with({})
}

test_vendors if {
	same := [
		["Siemens", "Siemens AG"], ["HP", "Hewlett Packard"], ["HPE", "Hewlett Packard Enterprise"],
		["Allen-Bradley", "Rockwell Automation, Inc."], ["Hirschmann", "Hirschmann Automation and Contro"],
		["Schneider Electric", "SCHNEIDER ELECTRIC SE"],
	]
	every c in same {
		joined.vendors_match(c[0], c[1])
		joined.vendors_match(c[1], c[0])
	}
	different := [["Cisco", "Hirschmann Automation and Contro"], ["ABB", "Rockwell Automation"], ["AG", "GmbH"]]
	every c in different {
		not joined.vendors_match(c[0], c[1])
	}
	joined.nic_vendor("Intel Corporate")
	joined.nic_vendor("VMware, Inc.")
	not joined.nic_vendor("Siemens AG")
}

test_models if {
	same := [
		["S7-1516F-3 PN/DP", "CPU 1516F-3 PN/DP"], ["ControlLogix 5583E", "1756-L83E/B LOGIX5583E"],
		["M580", "m580"], ["M580", "Modicon M580"], ["CPU1516F PN", "1516F-3 CPU"], ["BMEP584040", "Modicon M580 BMEP584040"], ["Modicon M580 BMEP584040", "BMEP584040"],
	]
	every c in same {
		joined.models_match(c[0], c[1])
	}
	different := [["S7-1516F-3 PN/DP", "S7-1214C"], ["", "S7-1214C"], ["KTP700", "TP1200"]]
	every c in different {
		not joined.models_match(c[0], c[1])
	}
}

test_versions if {
	same := [["V2.9", "2.9.7"], ["20.11", "v20.011"], ["WinCC V7.5 SP2", "7.5"], ["rev B", "REV B "]]
	every c in same {
		joined.versions_match(c[0], c[1])
	}
	different := [["V2.9.7", "V2.9.4"], ["rev B", "rev C"], ["unknown", "1.0"]]
	every c in different {
		not joined.versions_match(c[0], c[1])
	}
}
