# Fixtures for the tests of the central AAA and access port checks: the
# shared good device with the facts those checks read.
package slate.checks.netconfig.breadth_fixtures_test

import data.slate.checks.netconfig.fixtures_test as fx

# aaa is central authentication as it should be: a TACACS+ server with a
# key, asked before the local accounts.
aaa := {
	"servers": [{"protocol": "tacacs+", "address": "10.10.0.40", "key_set": true, "line": 12}],
	"local_fallback": true,
	"login_methods": ["group", "tacacs+", "local"],
	"line": 10,
}

flags := {
	"dhcp_snooping": {"enabled": true, "line": 14},
	"arp_inspection": {"enabled": true, "line": 15},
}

# port is an access port of the control zone (OT) in use.
port(fields) := fx.iface(object.union(
	{"mode": "access", "access_vlan": 10, "addresses": [], "physical": true, "zone": "control", "zone_source": "vlan", "dot1x": false, "port_security": false},
	fields,
))

device(fields) := fx.device(object.union(object.union({"aaa": aaa}, flags), fields))

with_aaa(fields) := device({"aaa": object.union(aaa, fields)})
