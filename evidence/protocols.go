package evidence

import (
	"maps"
	"slices"
)

// wireProtocols are the application protocol names the capture collector
// gives flows (a flow's "protocol"): one per dissector of
// collectors/pcap/ot and collectors/pcap/it, and the layer-2 protocols it
// labels by EtherType. A test of the collector holds its dissectors to
// this list, so that every name an assessment may use for a conduit's
// service is one a capture can show.
var wireProtocols = []string{
	"ads", "bacnet", "c37118", "dnp3", "dns", "enip", "ftp", "goose", "http",
	"iec104", "modbus", "ntp", "opcua", "profinet", "rdp", "s7comm", "smb",
	"snmp", "ssh", "telnet", "tls", "vnc",
}

// protocolAliases are other names people write for a wire protocol, and
// the name the collector gives it. The policies' conduit matching
// (data.slate.lib.network.aliases) holds the same table; a test of the
// policies says so.
var protocolAliases = map[string]string{
	"bacnet-ip":   "bacnet",
	"cip":         "enip",
	"ethernet-ip": "enip",
	"ethernetip":  "enip",
	"https":       "tls",
	"iec-104":     "iec104",
	"s7":          "s7comm",
}

// WireProtocols returns the protocol names the capture collector gives
// flows, sorted.
func WireProtocols() []string { return slices.Clone(wireProtocols) }

// ProtocolAliases returns the other names accepted for a wire protocol,
// each with the protocol's name.
func ProtocolAliases() map[string]string { return maps.Clone(protocolAliases) }

// ServiceNames returns every name a conduit's service may use instead of
// transport/port: the wire protocols and their aliases, sorted.
func ServiceNames() []string {
	names := append(slices.Clone(wireProtocols), slices.Collect(maps.Keys(protocolAliases))...)
	slices.Sort(names)
	return names
}
