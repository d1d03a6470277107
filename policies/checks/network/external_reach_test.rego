package slate.checks.network.external_reach_test

import data.slate.checks.network.external_reach as check
import data.slate.checks.network.fixtures_test as fx

udp(flow) := object.union(flow, {"transport": "udp"})

summary(findings) := {[f.subject, f.zone, f.message, f.evidence] | some f in findings; f.exposure == outside}

outside := {"crosses_boundary": true, "from": "external", "conduit": "undeclared"}

ref(id) := [{"document": "pcap/span", "record": id}]

test_ot_hosts_reaching_outside_fail if {
	web := fx.flow("flow:1", "tls", "10.30.0.10", "control", "93.184.216.34", 443, "", {"attrs": {"sni": "updates.example.com"}})
	dns := udp(fx.flow("flow:2", "dns", "10.30.0.10", "control", "8.8.8.8", 53, "", {}))

	# An undeclared private network seen on the control VLAN: the flow's
	# zone comes from the VLAN, the address is still outside.
	modem := fx.flow("flow:3", "", "10.30.0.21", "control", "192.168.100.5", 502, "control", {})
	inbound := fx.flow("flow:4", "rdp", "203.0.113.9", "", "10.30.0.21", 3389, "control", {})
	unknown_web := fx.flow("flow:5", "", "10.30.0.22", "control", "198.51.100.80", 80, "", {})
	unknown_dns := udp(fx.flow("flow:6", "", "10.30.0.22", "control", "198.51.100.53", 53, "", {}))
	findings := check.deny with input as fx.input_with([web, dns, modem, inbound, unknown_web, unknown_dns], [])
	summary(findings) == {
		["flow:10.30.0.10->93.184.216.34/tcp/443", "control", "10.30.0.10 in OT zone control reaches the web at 93.184.216.34:443 over tcp/443 (tls), outside every declared zone", ref("flow:1")],
		["flow:10.30.0.10->8.8.8.8/udp/53", "control", "10.30.0.10 in OT zone control resolves names through 8.8.8.8:53, a DNS server outside every declared zone", ref("flow:2")],
		["flow:10.30.0.21->192.168.100.5/tcp/502", "control", "10.30.0.21 in OT zone control talks to 192.168.100.5:502 over tcp/502, outside every declared zone", ref("flow:3")],
		["flow:203.0.113.9->10.30.0.21/tcp/3389", "control", "203.0.113.9, outside every declared zone, reaches 10.30.0.21:3389 in OT zone control over tcp/3389 (rdp)", ref("flow:4")],
		["flow:10.30.0.22->198.51.100.80/tcp/80", "control", "10.30.0.22 in OT zone control reaches the web at 198.51.100.80:80 over tcp/80, outside every declared zone", ref("flow:5")],
		["flow:10.30.0.22->198.51.100.53/udp/53", "control", "10.30.0.22 in OT zone control resolves names through 198.51.100.53:53, a DNS server outside every declared zone", ref("flow:6")],
	}
}

# Web and DNS are outside services the host relies on (SR 5.1 RE 2);
# other outbound talk and inbound reach are kinds of their own.
test_kinds_follow_direction_and_service if {
	web := fx.flow("flow:1", "tls", "10.30.0.10", "control", "93.184.216.34", 443, "", {})
	dns := udp(fx.flow("flow:2", "dns", "10.30.0.10", "control", "8.8.8.8", 53, "", {}))
	other := fx.flow("flow:3", "", "10.30.0.21", "control", "192.168.100.5", 502, "control", {})
	inbound := fx.flow("flow:4", "rdp", "203.0.113.9", "", "10.30.0.21", 3389, "control", {})
	findings := check.deny with input as fx.input_with([web, dns, other, inbound], [])
	{[f.evidence[0].record, f.kind] | some f in findings} == {
		["flow:1", "outside-service"], ["flow:2", "outside-service"],
		["flow:3", "outbound"], ["flow:4", "inbound"],
	}
}

test_traffic_inside_or_not_to_hosts_passes if {
	to_dmz := fx.flow("flow:1", "tls", "10.30.0.10", "control", "10.20.0.9", 443, "dmz", {})
	ssdp := udp(fx.flow("flow:2", "", "10.30.0.10", "control", "239.255.255.250", 1900, "", {}))
	dhcp := udp(fx.flow("flow:3", "", "0.0.0.0", "control", "255.255.255.255", 67, "control", {}))
	link_local := fx.flow("flow:4", "", "10.30.0.10", "control", "169.254.1.1", 80, "", {})
	it_to_internet := fx.flow("flow:5", "tls", "10.10.0.5", "enterprise", "93.184.216.34", 443, "", {})
	group := object.union(
		udp(fx.flow("flow:6", "", "10.30.0.10", "control", "192.168.100.255", 137, "", {})),
		{"server": {"group": true}},
	)

	# Neither end has an address of a declared network: no OT host is known.
	vlan_only := fx.flow("flow:7", "", "192.168.100.5", "control", "8.8.8.8", 53, "", {})
	inp := fx.input_with([to_dmz, ssdp, dhcp, link_local, it_to_internet, group, vlan_only], [])
	count(check.deny) == 0 with input as inp
	check.assessed == {"control"} with input as inp
}

test_ot_zone_without_networks_is_not_assessed if {
	zones := [
		{"name": "control", "kind": "ot", "networks": [], "vlans": [30]},
		{"name": "enterprise", "kind": "it", "networks": ["10.10.0.0/16"], "vlans": []},
	]
	flow := fx.flow("flow:1", "tls", "10.30.0.10", "control", "93.184.216.34", 443, "", {})
	inp := object.union(fx.input_with([flow], []), {"assessment": {"zones": zones, "conduits": []}})
	count(check.deny) == 0 with input as inp
	count(check.assessed) == 0 with input as inp
}

test_no_capture_assesses_nothing if {
	count(check.deny) == 0 with input as fx.no_capture
	count(check.assessed) == 0 with input as fx.no_capture
}
