package slate.lib.netconfig_test

import data.slate.checks.netconfig.fixtures_test as fx
import data.slate.lib.netconfig

test_zone_by_majority_of_interfaces if {
	dev := fx.device({"interfaces": [
		fx.iface({"name": "a", "zone": "dmz", "line": 1}),
		fx.iface({"name": "b", "zone": "control", "line": 3}),
		fx.iface({"name": "c", "zone": "control", "line": 5}),
	]})
	netconfig.device_zone == {"netconfig/net|sw1.cfg": "control"} with input as fx.input_with([dev])
	netconfig.assessed_zones == {"control"} with input as fx.input_with([dev])
}

test_zone_tie_goes_to_first_name if {
	netconfig.device_zone == {"netconfig/net|sw1.cfg": "control"} with input as fx.input_with([fx.good])
}

test_management_zone_wins if {
	dev := fx.device({"management_zone": "dmz"})
	netconfig.device_zone == {"netconfig/net|sw1.cfg": "dmz"} with input as fx.input_with([dev])
}

test_no_zone if {
	dev := fx.device({"interfaces": [fx.iface({"name": "a", "line": 1})]})
	netconfig.device_zone == {"netconfig/net|sw1.cfg": ""} with input as fx.input_with([dev])
	count(netconfig.assessed_zones) == 0 with input as fx.input_with([dev])
}

test_boundary_interfaces if {
	names := {i.name | some i in netconfig.boundary_interfaces} with input as fx.input_with([fx.good])
	names == {"Vlan10", "Vlan20"}
	one := fx.device({"interfaces": [fx.iface({"name": "a", "zone": "control", "line": 1})]})
	count(netconfig.boundary_interfaces) == 0 with input as fx.input_with([one])
}

# --- configurations missing ---------------------------------------------

# site is the input with the configurations of devs, an inventory of
# assets and the devices a capture saw.
site(devs, assets, wire) := object.union(fx.input_with(devs), {"evidence": {
	"assets": [{"id": "assets/inv", "data": {"assets": assets}}],
	"pcap": [{"id": "pcap/span", "source": "span", "data": {"flows": [], "assets": wire}}],
}})

inv(line, fields) := object.union({"id": sprintf("inv.csv:%d", [line]), "file": "inv.csv", "line": line}, fields)

test_notes_name_network_devices_without_configs if {
	assets := [
		inv(2, {"name": "sw1", "ip": "10.10.0.2", "zone": "control", "role": "Switch"}),
		inv(3, {"name": "sw-cell-02", "ip": "10.10.0.3", "zone": "control", "role": "Industrial Ethernet switch"}),
		inv(4, {"name": "fw-dmz", "ip": "10.20.0.1", "role": "Firewall"}),
		inv(5, {"name": "plc-01", "ip": "10.10.0.10", "zone": "control", "role": "PLC"}),
		inv(6, {"name": "rtr-02", "ip": "10.0.0.1", "zone": "control", "role": "router"}),
	]
	wire := [
		{"id": "10.10.0.9", "ips": ["10.10.0.9"], "zone": "control", "role": "managed network device"},
		{"id": "10.10.0.3", "ips": ["10.10.0.3"], "zone": "control", "role": "managed network device"},
		{"id": "10.10.0.10", "ips": ["10.10.0.10"], "zone": "control", "role": "PLC or gateway"},
		{"id": "10.20.0.7", "ips": ["10.20.0.7"], "zone": "dmz", "role": "managed network device"},
	]
	inp := site([fx.good], assets, wire)

	# sw1 has its config (by name), rtr-02 too (by the address of an
	# interface of sw1's); sw-cell-02 is named once, as the inventory's.
	netconfig.config_notes == {
		{"zone": "control", "note": "configs missing for 10.10.0.9 (wire), sw-cell-02 (inventory)"},
		{"zone": "dmz", "note": "configs missing for 10.20.0.7 (wire), fw-dmz (inventory)"},
	} with input as inp

	# The zones a configuration speaks for stay those of its device.
	netconfig.assessed_zones == {"control"} with input as inp
}

test_notes_reach_every_netconfig_check if {
	assets := [inv(3, {"name": "sw-cell-02", "ip": "10.20.0.3", "role": "switch"})]
	inp := site([fx.good], assets, [])
	want := {{"zone": "dmz", "note": "configs missing for sw-cell-02 (inventory)"}}
	data.slate.checks.netconfig.vty_access.notes == want with input as inp
	data.slate.checks.netconfig.port_authentication.notes == want with input as inp
	count(netconfig.config_notes) == 0 with input as site([fx.good], [], [])
}

test_same_hostname_two_devices if {
	a := fx.device({"hostname": "SW1", "file": "site-a/sw1.cfg"})
	b := fx.device({"hostname": "sw1", "file": "site-b/sw1.cfg"})
	labels := {netconfig.label(d) | some d in netconfig.devices} with input as fx.input_with([a, b])
	labels == {"SW1 (site-a/sw1.cfg)", "sw1 (site-b/sw1.cfg)"}
	subjects := {netconfig.subject(d) | some d in netconfig.devices} with input as fx.input_with([a, b])
	count(subjects) == 2
}

test_unique_hostname_label if {
	labels := {netconfig.label(d) | some d in netconfig.devices} with input as fx.input_with([fx.good])
	labels == {"sw1"}
}

test_no_hostname_label_is_file if {
	dev := fx.device({"hostname": ""})
	labels := {netconfig.label(d) | some d in netconfig.devices} with input as fx.input_with([dev])
	labels == {"sw1.cfg"}
}
