package slate.checks.joined.inventory_drift_test

import data.slate.checks.joined.fixtures_test as fx
import data.slate.checks.joined.inventory_drift as check

plc := fx.asset(2, {
	"name": "plc-01", "ip": "10.30.0.10", "mac": "00:1B:1B:4D:01:10", "vendor": "Siemens",
	"model": "S7-1516F-3 PN/DP", "firmware": "V2.9.7", "zone": "control",
})

hmi := fx.asset(3, {"name": "hmi-01", "ip": "10.30.0.21", "mac": "00:0e:8c:aa:01:21", "vendor": "HP", "zone": "control"})

erp := fx.asset(4, {"name": "erp-01", "ip": "10.10.4.21", "vendor": "Dell", "zone": "enterprise"})

wire_plc := fx.wire("10.30.0.10", "00:1b:1b:4d:01:10", "Siemens AG", "control", [30])

wire_hmi := fx.wire("10.30.0.21", "00:0e:8c:aa:01:21", "Hewlett Packard", "control", [30])

# the ERP server is seen on the control VLAN: its frames carry a router's
# MAC, whose vendor says nothing of the server.
wire_erp := fx.wire("10.10.4.21", "00:50:56:9a:10:21", "VMware, Inc.", "enterprise", [30])

ident(id, sip, attrs) := fx.flow(id, "modbus", "10.30.0.50", "control", sip, 502, "control", {"attrs": attrs})

ev(flows, wire, assets) := {"pcap": [fx.pcap_doc(flows, wire)], "assets": [fx.assets_doc(assets)]}

findings(flows, wire, assets) := fs if {
	fs := check.deny with input as fx.input_with(ev(flows, wire, assets))
}

messages(flows, wire, assets) := {f.message | some f in findings(flows, wire, assets)}

inv_ref(line) := {"document": "assets/inv", "record": sprintf("inv.csv:%d", [line]), "file": "inv.csv", "line": line}

wire_ref(id) := {"document": "pcap/span", "record": id}

test_agreeing_inventory_passes if {
	flows := [ident("flow:1", "10.30.0.10", {"device_vendor": "Siemens AG", "product_name": "CPU 1516F-3 PN/DP", "revision": "V2.9"})]
	count(findings(flows, [wire_plc, wire_hmi, wire_erp], [plc, hmi, erp])) == 0
	check.assessed == {"control"} with input as fx.input_with(ev(flows, [wire_plc, wire_hmi, wire_erp], [plc, hmi, erp]))
}

test_not_assessed_without_inventory if {
	count(check.assessed) == 0 with input as fx.input_with({"pcap": [fx.pcap_doc([], [wire_plc])], "assets": []})
}

test_unknown_device_in_ot_zone_is_high if {
	rogue := fx.wire("10.30.0.99", "f0:de:f1:33:44:99", "Wistron", "control", [30])
	fs := findings([], [wire_plc, wire_hmi, rogue], [plc, hmi])
	some f in fs
	f.subject == "asset:10.30.0.99"
	f.zone == "control"
	f.severity == "high"
	f.message == "10.30.0.99 is on the wire in zone control (MAC f0:de:f1:33:44:99, Wistron, uses modbus) but in no inventory"
	f.kind == "unknown-device"
	f.evidence == [wire_ref("10.30.0.99")]
	count(fs) == 1
}

test_unknown_device_in_it_zone_keeps_the_check_severity if {
	pc := object.union(fx.wire("10.10.7.7", "", "", "enterprise", []), {"uses": [], "serves": ["http"]})
	fs := findings([], [pc], [])
	some f in fs
	not f.severity
	f.message == "10.10.7.7 is on the wire in zone enterprise (serves http) but in no inventory"
	outside := fx.wire("8.8.8.8", "00:00:5e:00:01:01", "", "", [])
	count(findings([], [outside], [])) == 0
}

test_device_matched_by_mac_at_another_address if {
	moved := fx.wire("10.30.0.77", "00:1b:1b:4d:01:10", "Siemens AG", "control", [30])
	fs := findings([], [moved, wire_hmi], [plc, hmi])
	messages([], [moved, wire_hmi], [plc, hmi]) == {"plc-01: the inventory lists it at 10.30.0.10, but its MAC 00:1b:1b:4d:01:10 is on the wire at 10.30.0.77"}
	some f in fs
	f.evidence == [inv_ref(2), wire_ref("10.30.0.77")]
}

test_router_mac_matches_nothing if {
	a := fx.wire("10.10.4.21", "00:1b:17:00:01:01", "Palo Alto", "enterprise", [30])
	b := fx.wire("10.10.4.22", "00:1b:17:00:01:01", "Palo Alto", "enterprise", [30])
	fw := fx.asset(9, {"name": "fw", "mac": "00:1b:17:00:01:01", "vendor": "Palo Alto Networks"})
	{f.subject | some f in findings([], [a, b], [fw, erp])} == {"asset:10.10.4.22"}
}

test_layer2_device_matched_by_mac if {
	io := {"id": "00:1b:1b:4d:01:31", "ips": [], "mac": "00:1b:1b:4d:01:31", "vendor": "Siemens AG", "zone": "control", "vlans": [30], "serves": ["profinet"], "uses": []}
	rio := fx.asset(5, {"name": "rio-01", "mac": "00:1b:1b:4d:01:31", "vendor": "Siemens"})
	count(findings([], [io], [rio])) == 0
	{f.subject | some f in findings([], [io], [])} == {"asset:00:1b:1b:4d:01:31"}
}

test_inventoried_device_never_seen if {
	ntp := fx.asset(6, {"name": "ntp-01", "ip": "10.30.0.5", "zone": "control"})
	cell_plc := fx.asset(7, {"name": "plc-09", "ip": "10.40.1.9", "zone": "cell"})
	fs := findings([], [wire_plc, wire_hmi], [plc, hmi, ntp, cell_plc])
	some f in fs
	f.subject == "asset:ntp-01"
	f.zone == "control"
	f.severity == "low"
	f.message == "ntp-01 (10.30.0.5) is in the inventory but was not seen on the wire, although the capture covers zone control (2026-10-28T08:00:00Z to 2026-10-29T09:00:00Z)"
	f.kind == "not-seen"
	f.evidence == [inv_ref(6), {"document": "pcap/span"}]
	count(fs) == 1
}

# short(doc, from, to) is the capture document watching from from to to.
short(doc, from, to) := object.union(doc, {"provenance": {"observed_from": from, "observed_to": to}})

test_absence_needs_min_observation if {
	ntp := fx.asset(6, {"name": "ntp-01", "ip": "10.30.0.5", "zone": "control"})
	rogue := fx.wire("10.30.0.99", "f0:de:f1:33:44:99", "Wistron", "control", [30])
	doc := short(fx.pcap_doc([], [wire_plc, rogue]), "2026-10-28T08:00:00.0015Z", "2026-10-28T08:00:00.126Z")
	inp := fx.input_with({"pcap": [doc], "assets": [fx.assets_doc([plc, ntp])]})

	# Below the window: no absence finding, the zone not assessed, a note;
	# what the wire did show still counts.
	{f.subject | some f in check.deny} == {"asset:10.30.0.99"} with input as inp
	count(check.assessed) == 0 with input as inp
	check.notes == {{"zone": "control", "note": "capture span window 125ms is below min_observation 24h; absence of inventoried devices not judged"}} with input as inp

	# The source may ask for less: then the absence is judged.
	sources := {"assessment": {"sources": [{"kind": "pcap", "name": "span", "zones": [], "min_observation": "100ms", "min_observation_ns": 100000000}]}}
	{f.subject | some f in check.deny} == {"asset:10.30.0.99", "asset:ntp-01"} with input as object.union(inp, sources)
	check.assessed == {"control"} with input as object.union(inp, sources)
	count(check.notes) == 0 with input as object.union(inp, sources)
}

plc_doc(from, to) := short(fx.pcap_doc([], [wire_plc]), from, to)

note(d) := n if {
	some x in check.notes with input as fx.input_with({"pcap": [d], "assets": [fx.assets_doc([plc])]})
	n := x.note
}

test_window_is_written_in_its_unit if {
	startswith(note(plc_doc("2026-10-28T08:00:00Z", "2026-10-28T08:00:40Z")), "capture span window 40s is")
	startswith(note(plc_doc("2026-10-28T08:00:00Z", "2026-10-28T09:30:00Z")), "capture span window 1h30m is")
	startswith(note(plc_doc("2026-10-28T08:00:00Z", "2026-10-28T20:00:00Z")), "capture span window 12h is")
	startswith(note(plc_doc("2026-10-28T08:00:00Z", "2026-10-28T08:20:00Z")), "capture span window 20m is")
	startswith(note(plc_doc("2026-10-28T08:00:00Z", "2026-10-28T08:20:05Z")), "capture span window 20m5s is")
	long := {"assessment": {"sources": [{"kind": "pcap", "name": "span", "zones": [], "min_observation": "7d", "min_observation_ns": 604800000000000}]}}
	some x in check.notes with input as object.union(fx.input_with({"pcap": [plc_doc("2026-10-20T08:00:00Z", "2026-10-23T09:00:00Z")], "assets": [fx.assets_doc([plc])]}), long)
	x.note == "capture span window 3d1h is below min_observation 7d; absence of inventoried devices not judged"
	some y in check.notes with input as fx.input_with({"pcap": [object.union(fx.pcap_doc([], [wire_plc]), {"provenance": {"observed_from": null}})], "assets": [fx.assets_doc([plc])]})
	y.note == "capture span window 0ms is below min_observation 24h; absence of inventoried devices not judged"
}

test_seen_by_mac_counts if {
	renumbered := object.union(hmi, {"ip": "10.30.0.31"})
	fs := findings([], [wire_plc, wire_hmi], [plc, renumbered])
	{f.message | some f in fs} == {"hmi-01: the inventory lists it at 10.30.0.31, but its MAC 00:0e:8c:aa:01:21 is on the wire at 10.30.0.21"}
}

test_zone_covered_by_a_flow_inside_it if {
	untagged := object.union(wire_plc, {"vlans": []})
	local := object.union(fx.flow("flow:1", "s7comm", "10.40.1.20", "cell", "10.40.1.10", 102, "cell", {}), {"vlan": 0})
	cell_plc := fx.asset(7, {"name": "plc-09", "ip": "10.40.1.9", "zone": "cell"})
	check.assessed == {"cell"} with input as fx.input_with(ev([local], [untagged], [cell_plc]))
}

test_mac_differs_from_inventory if {
	swapped := fx.wire("10.30.0.10", "00:1b:1b:4d:99:99", "Siemens AG", "control", [30])
	fs := findings([], [swapped, wire_hmi], [plc, hmi])
	{f.message | some f in fs} == {"plc-01: the inventory records MAC 00:1B:1B:4D:01:10 for 10.30.0.10, but the wire shows 00:1b:1b:4d:99:99"}
	some f in fs
	f.zone == "control"
	f.evidence == [inv_ref(2), wire_ref("10.30.0.10")]
}

test_oui_vendor_differs if {
	sw := fx.asset(8, {"name": "sw-01", "ip": "10.30.0.2", "mac": "00:80:63:c0:30:02", "vendor": "Cisco"})
	wire_sw := fx.wire("10.30.0.2", "00:80:63:c0:30:02", "Hirschmann Automation and Contro", "control", [30])
	{f.message | some f in findings([], [wire_sw], [sw])} == {"sw-01: the inventory names the vendor Cisco, but its MAC 00:80:63:c0:30:02 is registered to Hirschmann Automation and Contro"}
}

test_oui_of_nic_makers_and_remote_devices_is_ignored if {
	ipc := fx.asset(8, {"name": "ipc-01", "ip": "10.30.0.3", "vendor": "Beckhoff"})
	count(findings([], [fx.wire("10.30.0.3", "a4:bb:6d:00:00:03", "Intel Corporate", "control", [30])], [ipc])) == 0
	dell := object.union(erp, {"vendor": "Dell"})
	count(findings([], [object.union(wire_erp, {"vendor": "Cisco Systems, Inc"})], [dell])) == 0
}

test_reported_firmware_model_and_vendor_differ if {
	flows := [
		ident("flow:1", "10.30.0.10", {"device_vendor": "Schneider Electric", "model_name": "M580 BMEP584040", "revision": "V2.9.4|V2.9.5"}),
		ident("flow:2", "10.30.0.10", {"product_name": "BMEP584040"}),
	]
	fs := findings(flows, [wire_plc], [plc])
	{f.message | some f in fs} == {
		"plc-01: the inventory records firmware V2.9.7, but the device reports revision V2.9.4, V2.9.5 over modbus",
		"plc-01: the inventory records the model S7-1516F-3 PN/DP, but the device reports BMEP584040, M580 BMEP584040 over modbus",
		"plc-01: the inventory names the vendor Siemens, but the device reports Schneider Electric over modbus",
	}
	some f in fs
	startswith(f.message, "plc-01: the inventory records the model")
	f.evidence == [inv_ref(2), wire_ref("10.30.0.10"), fx.pcap_ref("flow:1"), fx.pcap_ref("flow:2")]
	f.zone == "control"
	f.subject == "asset:plc-01"
	f.kind == "record-drift"
}

test_listidentity_reply_names_the_device_at_the_service_port if {
	# A ListIdentity reply over UDP: the device sent first, from 44818.
	reply := object.union(fx.flow("flow:3", "enip", "10.30.0.10", "control", "10.30.0.50", 51000, "control", {"attrs": {"product_name": "1756-L83E/B LOGIX5583E", "revision": "33.11", "vendor_id": "1"}}), {
		"transport": "udp", "client": {"ip": "10.30.0.10", "port": 44818, "zone": "control", "mac": "00:1d:9c:00:00:10"},
	})
	logix := fx.asset(2, {"name": "plc-01", "ip": "10.30.0.10", "vendor": "Rockwell", "model": "ControlLogix 5583E", "firmware": "v33.011"})
	count(findings([reply], [fx.wire("10.30.0.10", "00:1d:9c:00:00:10", "Rockwell Automation", "control", [30])], [logix])) == 0
	old := object.union(logix, {"firmware": "32.12"})
	{f.message | some f in findings([reply], [fx.wire("10.30.0.10", "00:1d:9c:00:00:10", "Rockwell Automation", "control", [30])], [old])} == {"plc-01: the inventory records firmware 32.12, but the device reports revision 33.11 over enip"}
}

test_device_outside_the_zones_keeps_its_inventory_zone if {
	modem := fx.asset(13, {"name": "vendor-modem", "ip": "192.168.100.7", "vendor": "Insys"})
	seen := fx.wire("192.168.100.7", "00:09:5b:01:02:07", "Netgear", "", [])
	reply := ident("flow:4", "192.168.100.7", {"device_vendor": "Moxa"})
	fs := findings([reply], [seen], [modem])
	{[f.zone, f.message] | some f in fs} == {["", "vendor-modem: the inventory names the vendor Insys, but the device reports Moxa over modbus"]}
}
