# Shared fixtures for the network check tests.
package slate.checks.network.fixtures_test

zones := [
	{"name": "control", "kind": "ot", "networks": ["10.30.0.0/24"], "vlans": [30]},
	{"name": "dmz", "kind": "it", "networks": ["10.20.0.0/24"], "vlans": []},
	{"name": "enterprise", "kind": "it", "networks": ["10.10.0.0/16"], "vlans": []},
]

conduits := [{"name": "dmz-control", "from": "dmz", "to": "control", "services": ["opcua", "tcp/502-503"]}]

flow(id, proto, cip, czone, sip, sport, szone, facts) := {
	"id": id, "transport": "tcp", "protocol": proto, "identified_by": "payload",
	"client": {"ip": cip, "port": 50000, "zone": czone},
	"server": {"ip": sip, "port": sport, "zone": szone},
	"facts": facts,
}

input_with(flows, assets) := {
	"assessment": {"name": "t", "as_of": "2026-11-01", "zones": zones, "conduits": conduits},
	"evidence": {"pcap": [{"id": "pcap/span", "source": "span", "data": {"flows": flows, "assets": assets}}]},
}

# declared(inp, zones) is inp with the capture's source declaring zones.
declared(inp, zones) := object.union(inp, {"assessment": {"sources": [{"kind": "pcap", "name": "span", "zones": zones}]}})

modbus_write := {"ops": [{"class": "write", "name": "write_single_register", "code": 6, "count": 2}, {"class": "read", "name": "read_holding_registers", "code": 3, "count": 9}]}

modbus_read := {"ops": [{"class": "read", "name": "read_holding_registers", "code": 3, "count": 9}]}

no_capture := {
	"assessment": {"name": "t", "as_of": "2026-11-01", "zones": zones, "conduits": conduits},
	"evidence": {},
}
