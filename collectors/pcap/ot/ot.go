// Package ot dissects OT protocols seen in captures: Modbus/TCP, DNP3,
// S7comm and S7comm-plus, EtherNet/IP with CIP, BACnet/IP, IEC 60870-5-104,
// OPC UA, PROFINET, IEC 61850 GOOSE, C37.118 and Beckhoff ADS.
package ot

import "github.com/slate-ot/slate/collectors/pcap/dissect"

// Dissectors returns the TCP/UDP dissectors of this package, sorted by name.
func Dissectors() []dissect.Dissector { return nil }

// FrameDissectors returns the layer-2 dissectors, sorted by name.
func FrameDissectors() []dissect.FrameDissector { return nil }
