package ot

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

func TestRegistry(t *testing.T) {
	var names []string
	for _, d := range Dissectors() {
		names = append(names, d.Name())
		if len(d.Ports()) == 0 {
			t.Errorf("%s: no ports", d.Name())
		}
	}
	if !slices.IsSorted(names) {
		t.Errorf("Dissectors not sorted by name: %v", names)
	}
	want := []string{"ads", "bacnet", "c37118", "dnp3", "enip", "iec104", "modbus", "opcua", "profinet", "s7comm"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("Dissectors (-want +got):\n%s", diff)
	}
	var frames []string
	for _, d := range FrameDissectors() {
		frames = append(frames, d.Name())
	}
	if diff := cmp.Diff([]string{"bacnet", "goose", "profinet"}, frames); diff != "" {
		t.Errorf("FrameDissectors (-want +got):\n%s", diff)
	}
}

func TestDissect(t *testing.T) {
	for _, f := range fixtures(t) {
		t.Run(f.name, func(t *testing.T) {
			if got := f.d.Match(f.t, f.dir, f.b); got != f.match {
				t.Errorf("Match = %v, want %v", got, f.match)
			}
			if !f.match {
				return
			}
			rec := dissect.NewRecorder([]byte("salt"))
			n := f.d.Dissect(f.t, f.dir, f.b, rec)
			if n < 0 || n > len(f.b) {
				t.Fatalf("consumed %d of %d", n, len(f.b))
			}
			got := rec.Facts()
			if got.Malformed != 0 {
				t.Errorf("malformed = %d", got.Malformed)
			}
			if diff := cmp.Diff(f.ops, got.Ops, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("ops (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(f.attrs, got.Attrs, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("attrs (-want +got):\n%s", diff)
			}
			var kinds []string
			for _, e := range got.Events {
				kinds = append(kinds, e.Kind)
			}
			if diff := cmp.Diff(f.events, kinds, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
			if len(got.Credentials) != f.creds {
				t.Errorf("credentials = %v, want %d", got.Credentials, f.creds)
			}
		})
	}
}

func TestDissectKeepsPartialPDU(t *testing.T) {
	b := h(t, "0003 0000 0005 01 2b 0e 01 00  0004 0000 0006 11 05")
	rec := dissect.NewRecorder(nil)
	if n := (Modbus{}).Dissect(tcp, srv, b, rec); n != 11 {
		t.Errorf("Modbus consumed %d, want 11 (the whole first ADU)", n)
	}
	// The rest, completed, on the next call.
	b = append(b[11:], 0x00, 0x01, 0xff, 0x00)
	if n := (Modbus{}).Dissect(tcp, srv, b, rec); n != len(b) {
		t.Errorf("Modbus consumed %d, want %d", n, len(b))
	}
	if got := rec.Facts().Ops; len(got) != 2 {
		t.Errorf("ops = %v, want two", got)
	}
	// An S7 TPKT split after its header.
	s7 := h(t, "0300 0019 02f080 32 01 0000 0200 0008 0000 f0 00 0002 0002 01e0")
	if n := (S7comm{}).Dissect(tcp, srv, s7[:10], rec); n != 0 {
		t.Errorf("S7comm consumed %d of a partial TPKT", n)
	}
}

func TestEventsNameNoSecrets(t *testing.T) {
	rec := dissect.NewRecorder([]byte("salt"))
	(ADS{}).Dissect(udp, srv, adsAddRoute("Administrator", "s3cret-pw-Lx9!"), rec)
	f := rec.Facts()
	for _, e := range f.Events {
		if contains(e.Message, "s3cret") {
			t.Errorf("event carries the password: %q", e.Message)
		}
	}
	if len(f.Credentials) != 1 || f.Credentials[0].User != "Administrator" || f.Credentials[0].Default || f.Credentials[0].Fingerprint == "" {
		t.Errorf("credentials = %+v", f.Credentials)
	}
	for _, v := range f.Attrs {
		if contains(v, "s3cret") {
			t.Errorf("attr carries the password: %q", v)
		}
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

// TestMatchRejects checks that each dissector refuses random bytes,
// HTTP, TLS, SSH and every other protocol's payloads, on TCP and UDP.
func TestMatchRejects(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	others := map[string][]byte{
		"http":     []byte("GET /index.html HTTP/1.1\r\nHost: plc.example\r\n\r\n"),
		"http-200": []byte("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
		"tls":      h(t, "16030100a5010000a10303"+"5f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"+"000004c02fc030010000740000"),
		"ssh":      []byte("SSH-2.0-OpenSSH_9.6\r\n"),
		"zeros":    make([]byte, 64),
	}
	for i := range 200 {
		b := make([]byte, 8+r.IntN(200))
		for j := range b {
			b[j] = byte(r.UintN(256))
		}
		others["random"+string(rune('a'+i%26))+string(rune('a'+i/26))] = b
	}
	fx := fixtures(t)
	for _, d := range Dissectors() {
		for name, b := range others {
			for _, tr := range []dissect.Transport{tcp, udp} {
				if d.Match(tr, srv, b) {
					t.Errorf("%s matched %s over %s", d.Name(), name, tr)
				}
			}
		}
		for _, f := range fx {
			if f.d.Name() == d.Name() || !f.match {
				continue
			}
			for _, tr := range []dissect.Transport{tcp, udp} {
				if d.Match(tr, f.dir, f.b) {
					t.Errorf("%s matched fixture %q over %s", d.Name(), f.name, tr)
				}
			}
		}
	}
}

type frameFixture struct {
	name   string
	d      dissect.FrameDissector
	b      []byte
	ops    []dissect.Op
	attrs  map[string]string
	events []string
}

// frameFixtures are real and hand-built PROFINET and GOOSE frames.
func frameFixtures(t testing.TB) []frameFixture {
	return []frameFixture{
		{name: "profinet/dcp identify request (profinet_dcp_vlan.pcap)", d: PROFINET{},
			b:   h(t, "fefe 05 00 01000001 0001 0004 ffff0000"),
			ops: []dissect.Op{op("diagnostic", "dcp_identify", 5, 1)}},
		{name: "profinet/dcp identify response (profinet_io_cm_mixed_1.pcap)", d: PROFINET{},
			b: h(t, "feff 05 01 00000001 0000 0064 0202 0010 0000 76657273616d61782d706e733131 0205 000e 0000 0102020102020203020406 01"+
				" 0201 000d 0000 4943323030504e53303031 00 0203 0006 0000 015a 0003 0204 0004 0000 0100"+
				" 0102 000e 0001 c0a80102 ffffff00 c0a80102 0601 0004 0000 0001"),
			ops: []dissect.Op{op("response", "dcp_identify", 5, 1)},
			attrs: map[string]string{"station_name": "versamax-pns11", "device_vendor": "IC200PNS001",
				"vendor_device_id": "0x015a:0x0003"}},
		{name: "profinet/dcp set name of station (profinet_dcp_vlan.pcap)", d: PROFINET{},
			b:      h(t, "fefd 04 00 01000001 0000 0014 0202 0009 0001 256e256e256e20 00 0502 0002 0000"),
			ops:    []dissect.Op{op("write", "dcp_set", 4, 1)},
			events: []string{"profinet_dcp_set_name"}},
		{name: "profinet/dcp set ip", d: PROFINET{},
			b:      h(t, "fefd 04 00 00000101 0000 0012 0102 000e 0001 c0a80001 ffffff00 c0a800fe"),
			ops:    []dissect.Op{op("write", "dcp_set", 4, 1)},
			events: []string{"profinet_dcp_set_ip"}},
		{name: "profinet/rt cyclic", d: PROFINET{},
			b:   h(t, "8001 00112233445566778899 0000 3500"),
			ops: []dissect.Op{op("read", "io", -1, 1)}},
		{name: "goose/frame (iec61850_goose.pcap)", d: GOOSE{},
			b: h(t, "0001 0091 0000 0000 618186 801a4745446576696365463635302f4c4c4e3024474f246763623031 8103009c40"+
				" 82184745446576696365463635302f4c4c4e3024474f4f534531 830b463635305f474f4f534531 8408386ebbf34217280a"+
				" 850101 86010a 870100 880101 890100 8a0108 ab20 8301008403030000830100840303000083010084030300008301008403030000"),
			ops: []dissect.Op{op("response", "retransmission", -1, 1)},
			attrs: map[string]string{"appid": "0x0001", "conf_rev": "1", "dat_set": "GEDeviceF650/LLN0$GOOSE1",
				"go_id": "F650_GOOSE1", "gocb_ref": "GEDeviceF650/LLN0$GO$gcb01"}},
		{name: "goose/state change in simulation", d: GOOSE{},
			b:     h(t, "0002 0023 8000 0000 6119 8006 4c442f4c4c4e 850102 860100 870101 880101 ab03 830100"),
			ops:   []dissect.Op{op("response", "state_change", -1, 1)},
			attrs: map[string]string{"appid": "0x0002", "conf_rev": "1", "gocb_ref": "LD/LLN", "simulation": "true"}},
	}
}

func TestFrames(t *testing.T) {
	for _, tc := range frameFixtures(t) {
		t.Run(tc.name, func(t *testing.T) {
			rec := dissect.NewRecorder(nil)
			tc.d.DissectFrame(tc.b, rec)
			got := rec.Facts()
			if got.Malformed != 0 {
				t.Errorf("malformed = %d", got.Malformed)
			}
			if diff := cmp.Diff(tc.ops, got.Ops, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("ops (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.attrs, got.Attrs, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("attrs (-want +got):\n%s", diff)
			}
			var kinds []string
			for _, e := range got.Events {
				kinds = append(kinds, e.Kind)
			}
			if diff := cmp.Diff(tc.events, kinds, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
		})
	}
}

func cmpDiff(want, got any) string { return cmp.Diff(want, got, cmpopts.EquateEmpty()) }

// TestC37118Vocabulary holds the c37118 table of Vocabulary, which the
// Zeek collector names ICSNPP's commands by, to what the dissector
// records for a command frame of each code.
func TestC37118Vocabulary(t *testing.T) {
	v := Vocabulary("c37118")
	if len(v) != 7 {
		t.Fatalf("c37118 vocabulary has %d commands, want 7: %v", len(v), v)
	}
	for _, o := range v {
		frame := c37Build([]byte{0xaa, 0x41, 0, 0x12, 0, 0xf1, 0, 0, 0, 0, 0, 0, 0, 0, byte(o.Code >> 8), byte(o.Code)})
		rec := dissect.NewRecorder(nil)
		C37118{}.Dissect(dissect.TCP, dissect.ToServer, frame, rec)
		ops := rec.Facts().Ops
		if len(ops) != 1 || ops[0].Name != o.Name || ops[0].Class != o.Class || ops[0].Code != o.Code {
			t.Errorf("code %d: vocabulary %+v, dissector %+v", o.Code, o, ops)
		}
	}
}
