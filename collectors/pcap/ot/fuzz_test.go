package ot

import (
	"testing"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// fuzzDissector feeds data to d as the reader does: Match on the first
// chunk, then Dissect chunk by chunk with the unconsumed rest kept (TCP)
// or datagram by datagram (UDP). The first byte picks the transport and
// the chunk size.
func fuzzDissector(f *testing.F, d dissect.Dissector) {
	for _, fx := range fixtures(f) {
		if fx.d.Name() == d.Name() {
			tb := byte(0)
			if fx.t == dissect.UDP {
				tb = 1
			}
			f.Add(append([]byte{tb | 0x80}, fx.b...))
			f.Add(append([]byte{tb | 0x0e}, fx.b...))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 1 {
			return
		}
		tr := dissect.TCP
		if data[0]&1 != 0 {
			tr = dissect.UDP
		}
		chunk := int(data[0]>>1) + 1
		data = data[1:]
		rec := dissect.NewRecorder([]byte("salt"))
		var buf []byte
		for i := 0; len(data) > 0; i++ {
			n := min(chunk, len(data))
			seg := data[:n]
			data = data[n:]
			dir := dissect.Direction(i & 1)
			if i < 2 {
				d.Match(tr, dir, seg)
			}
			if tr == dissect.UDP {
				if c := d.Dissect(tr, dir, seg, rec); c < 0 || c > len(seg) {
					t.Fatalf("consumed %d of %d", c, len(seg))
				}
				continue
			}
			buf = append(buf, seg...)
			if len(buf) > dissect.MaxBuffer {
				buf = buf[len(buf)-dissect.MaxBuffer:]
			}
			c := d.Dissect(tr, dissect.ToServer, buf, rec)
			if c < 0 || c > len(buf) {
				t.Fatalf("consumed %d of %d", c, len(buf))
			}
			buf = buf[c:]
		}
		f := rec.Facts()
		if len(f.Ops) > dissect.MaxOps || len(f.Events) > dissect.MaxEvents {
			t.Fatalf("bounds exceeded: %d ops, %d events", len(f.Ops), len(f.Events))
		}
	})
}

func fuzzFrame(f *testing.F, d dissect.FrameDissector, seeds ...string) {
	for _, s := range seeds {
		f.Add(h(f, s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rec := dissect.NewRecorder(nil)
		d.DissectFrame(data, rec)
		d.DissectFrame(data, rec)
		rec.Facts()
	})
}

func FuzzADS(f *testing.F)    { fuzzDissector(f, ADS{}) }
func FuzzBACnet(f *testing.F) { fuzzDissector(f, BACnet{}) }
func FuzzC37118(f *testing.F) { fuzzDissector(f, C37118{}) }
func FuzzDNP3(f *testing.F)   { fuzzDissector(f, DNP3{}) }
func FuzzENIP(f *testing.F)   { fuzzDissector(f, ENIP{}) }
func FuzzIEC104(f *testing.F) { fuzzDissector(f, IEC104{}) }
func FuzzModbus(f *testing.F) { fuzzDissector(f, Modbus{}) }
func FuzzOPCUA(f *testing.F)  { fuzzDissector(f, OPCUA{}) }
func FuzzS7comm(f *testing.F) { fuzzDissector(f, S7comm{}) }
func FuzzGOOSE(f *testing.F) {
	fuzzFrame(f, GOOSE{},
		"0002 0023 8000 0000 6119 8006 4c442f4c4c4e 850102 860100 870101 880101 ab03 830100",
		"0001 0091 0000 0000 618186 801a4745446576696365463635302f4c4c4e3024474f246763623031 8103009c40")
}
func FuzzPROFINET(f *testing.F) {
	fuzzFrame(f, PROFINET{},
		"fefe 05 00 00000100 0001 0004 ffff0000",
		"fefd 04 00 00000101 0000 0012 0102 000e 0001 c0a80001 ffffff00 c0a800fe",
		"feff 05 01 00000004 0000 0026 0202 0010 0000 76657273616d61782d706e733131 0201 000d 0000 4943323030504e53303031 00",
		"8001 00112233445566778899 0000 3500")
}
func FuzzBACnetLLC(f *testing.F) {
	fuzzFrame(f, BACnetLLC{},
		"01 00 10 08",
		"01 04 00 05 01 0c 0c 02 00 00 01 19 4d",
		"01 20 ffff 00 ff 10 00 c4 02 00 00 01 22 01 e0 91 00 21 0f")
}
