package ot

import (
	"testing"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// BenchmarkDissect measures the per-PDU cost of the hot paths, the
// payloads a busy plant repeats all day; allocs/op should be 0.
func BenchmarkDissect(b *testing.B) {
	cases := []struct {
		name string
		d    dissect.Dissector
		t    dissect.Transport
		dir  dissect.Direction
		p    []byte
	}{
		{"modbus", Modbus{}, tcp, srv, h(b, "0001 0000 0006 ff 03 00010001")},
		{"dnp3", DNP3{}, tcp, srv, h(b, "0564 0b c4 0500 6400 6f36  d0 c3 01 3c0106 344d")},
		{"s7comm", S7comm{}, tcp, srv, h(b, "0300 0021 02f080 32 07 0000 0300 0008 0008 000112 04 11 44 01 00 ff09000401320004")},
		{"enip_io", ENIP{}, udp, srv, h(b, "0200 0280 0800 01000000 05000000 b100 0400 0100 aabb")},
		{"enip", ENIP{}, tcp, srv, h(b, "7000 1c00 f4ffcab4 00000000 5f7079636f6d6d5f 00000000  00000000 0a00 0200 a100 0400 ba629ada b100 0800 0d00 10 02 2001 2400")},
		{"bacnet", BACnet{}, udp, srv, h(b, "810a0011 0104 0005010c 0c00000001194d")},
		{"iec104", IEC104{}, tcp, srv, h(b, "681a 9a002800 0d 02 0100 0300 140500 0000f041 00 150500 00003144 00")},
		{"opcua", OPCUA{}, tcp, srv, h(b, "4d534746 1c000000 01000000 01000000 05000000 05000000 0100a102")},
		{"c37118", C37118{}, tcp, srv, h(b, "aa41 0012 00f1 00000000 00000000 0005 d7d0")},
		{"ads", ADS{}, tcp, srv, h(b, "0000 20000000 050d75600101 1027 c0a801630101 0380 0400 0400 00000000 00000000 05000000")},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			rec := dissect.NewRecorder(nil)
			c.d.Dissect(c.t, c.dir, c.p, rec) // first sight allocates the fact
			b.ReportAllocs()
			b.SetBytes(int64(len(c.p)))
			for b.Loop() {
				c.d.Dissect(c.t, c.dir, c.p, rec)
			}
		})
	}
	frames := []struct {
		name string
		d    dissect.FrameDissector
		p    []byte
	}{
		{"profinet_rt", PROFINET{}, h(b, "8001 00112233445566778899 0000 3500")},
		{"goose", GOOSE{}, h(b, "0002 0023 8000 0000 6119 8006 4c442f4c4c4e 850102 860101 870101 880101 ab03 830100")},
	}
	for _, c := range frames {
		b.Run(c.name, func(b *testing.B) {
			rec := dissect.NewRecorder(nil)
			c.d.DissectFrame(c.p, rec)
			b.ReportAllocs()
			b.SetBytes(int64(len(c.p)))
			for b.Loop() {
				c.d.DissectFrame(c.p, rec)
			}
		})
	}
}
