package ot

import (
	"bytes"
	"cmp"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// corpusDir holds the public sample captures the collector's tests share
// (collectors/pcap/testdata/corpus, with their NOTICE.md).
const corpusDir = "../testdata/corpus"

// flowKey names a conversation by transport and its two endpoints, the
// initiator first.
type flowKey struct {
	t        dissect.Transport
	src, dst string
}

// capFlow is one conversation's payloads in capture order.
type capFlow struct {
	key  flowKey
	segs []capSeg // UDP datagrams or TCP segments, in order, retransmissions dropped
	next [2]uint32
	seen [2]bool
}

type capSeg struct {
	dir dissect.Direction
	b   []byte
}

type capture struct {
	flows  []*capFlow
	frames map[uint16][][]byte // layer-2 payloads by EtherType
}

// readCapture reads a pcap or pcapng file into conversations, with a
// deliberately simple TCP stream model (in-order, duplicate data dropped):
// enough to feed dissectors as the reader does.
func readCapture(t testing.TB, path string) *capture {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var src gopacket.PacketDataSource
	var lt layers.LinkType
	if bytes.HasPrefix(raw, []byte{0x0a, 0x0d, 0x0d, 0x0a}) {
		r, err := pcapgo.NewNgReader(bytes.NewReader(raw), pcapgo.DefaultNgReaderOptions)
		if err != nil {
			t.Fatal(err)
		}
		src, lt = r, r.LinkType()
	} else {
		r, err := pcapgo.NewReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		src, lt = r, r.LinkType()
	}
	c := &capture{frames: map[uint16][][]byte{}}
	idx := map[flowKey]*capFlow{}
	for {
		data, _, err := src.ReadPacketData()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		pkt := gopacket.NewPacket(data, lt, gopacket.DecodeOptions{Lazy: true, NoCopy: true})
		if eth, ok := pkt.Layer(layers.LayerTypeEthernet).(*layers.Ethernet); ok {
			et, pl := uint16(eth.EthernetType), eth.Payload
			for (et == 0x8100 || et == 0x88a8) && len(pl) >= 4 {
				et, pl = uint16(pl[2])<<8|uint16(pl[3]), pl[4:]
			}
			if et == 0x8892 || et == 0x88b8 {
				c.frames[et] = append(c.frames[et], pl)
				continue
			}
		}
		var srcIP, dstIP string
		if n := pkt.NetworkLayer(); n != nil {
			srcIP, dstIP = n.NetworkFlow().Src().String(), n.NetworkFlow().Dst().String()
		} else {
			continue
		}
		switch l := pkt.TransportLayer().(type) {
		case *layers.TCP:
			a, b := srcIP+":"+l.SrcPort.String(), dstIP+":"+l.DstPort.String()
			f, dir := lookup(c, idx, flowKey{dissect.TCP, a, b}, l.SYN && !l.ACK)
			d := int(dir)
			if l.SYN {
				f.next[d], f.seen[d] = l.Seq+1, true
				continue
			}
			if len(l.Payload) == 0 {
				continue
			}
			p := l.Payload
			if f.seen[d] {
				off := int32(f.next[d] - l.Seq)
				if off >= int32(len(p)) {
					continue // retransmission
				}
				if off > 0 {
					p = p[off:]
				}
			}
			f.next[d], f.seen[d] = l.Seq+uint32(len(l.Payload)), true
			f.segs = append(f.segs, capSeg{dir, p})
		case *layers.UDP:
			a, b := srcIP+":"+l.SrcPort.String(), dstIP+":"+l.DstPort.String()
			f, dir := lookup(c, idx, flowKey{dissect.UDP, a, b}, false)
			if len(l.Payload) > 0 {
				f.segs = append(f.segs, capSeg{dir, l.Payload})
			}
		}
	}
	return c
}

func lookup(c *capture, idx map[flowKey]*capFlow, k flowKey, syn bool) (*capFlow, dissect.Direction) {
	if f, ok := idx[k]; ok {
		return f, dissect.ToServer
	}
	r := flowKey{k.t, k.dst, k.src}
	if f, ok := idx[r]; ok {
		return f, dissect.ToClient
	}
	_ = syn
	f := &capFlow{key: k}
	idx[k] = f
	c.flows = append(c.flows, f)
	return f, dissect.ToServer
}

// feed runs d over a flow the way the reader does: Match on the first
// payload of each direction, then Dissect with leftovers kept per
// direction. It returns whether d matched.
func feed(d dissect.Dissector, f *capFlow, rec *dissect.Recorder) bool {
	matched := false
	var first [2]bool
	var buf [2][]byte
	for _, s := range f.segs {
		if !first[s.dir] {
			first[s.dir] = true
			if d.Match(f.key.t, s.dir, s.b) {
				matched = true
			}
		}
		if f.key.t == dissect.UDP {
			d.Dissect(f.key.t, s.dir, s.b, rec)
			continue
		}
		b := append(buf[s.dir], s.b...)
		if len(b) > dissect.MaxBuffer {
			b = b[len(b)-dissect.MaxBuffer:]
		}
		n := d.Dissect(f.key.t, s.dir, b, rec)
		buf[s.dir] = append([]byte(nil), b[n:]...)
	}
	return matched
}

// corpusFacts runs every dissector on every flow of a capture and returns,
// per dissector name, the facts merged over the flows it matched.
func corpusFacts(t testing.TB, file string) (map[string]dissect.Facts, *capture) {
	t.Helper()
	path := filepath.Join(corpusDir, file)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("sample capture missing: %v", err)
	}
	c := readCapture(t, path)
	recs := map[string]*dissect.Recorder{}
	for _, f := range c.flows {
		for _, d := range Dissectors() {
			rec := dissect.NewRecorder([]byte("salt"))
			if feed(d, f, rec) {
				if recs[d.Name()] == nil {
					recs[d.Name()] = dissect.NewRecorder([]byte("salt"))
				}
				// Re-run into the shared recorder so facts merge.
				feed(d, f, recs[d.Name()])
			}
		}
	}
	for _, fd := range FrameDissectors() {
		for _, et := range fd.EtherTypes() {
			for _, p := range c.frames[et] {
				if recs[fd.Name()] == nil {
					recs[fd.Name()] = dissect.NewRecorder([]byte("salt"))
				}
				fd.DissectFrame(p, recs[fd.Name()])
			}
		}
	}
	out := map[string]dissect.Facts{}
	for n, r := range recs {
		out[n] = r.Facts()
	}
	return out, c
}

func sortedKeys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.SortFunc(ks, cmp.Compare)
	return ks
}

// TestCorpus checks, for each corpus capture, which dissectors match some
// flow (by payload, whatever the port), that no flow is claimed by two
// dissectors, and a few facts tshark -V shows for the same packets.
func TestCorpus(t *testing.T) {
	tests := []struct {
		file   string
		protos []string
		ops    []string // "class/name" that must be present
		attrs  map[string]string
		creds  int // credentials of the first protocol
		noMalf bool
	}{
		// Eight short passwords: one class, and no fingerprint to tell them apart.
		{file: "bacnet_example.pcap", protos: []string{"bacnet"}, ops: []string{"read/readProperty", "diagnostic/who-Is", "diagnostic/i-Am", "control/reinitializeDevice", "error/error:reinitializeDevice"}, creds: 1, noMalf: true},
		{file: "beckhoff_ads_iplink_tc.pcapng", protos: []string{"ads"}, ops: []string{"diagnostic/read_state", "write/read_write", "read/read", "diagnostic/discover"}, noMalf: true},
		{file: "c37118_1pmu_tcp.pcap", protos: []string{"c37118"}, ops: []string{"control/command_turn_on_transmission", "response/data", "response/config_2"}, attrs: map[string]string{"idcode": "241"}, noMalf: true},
		{file: "dnp3_example.pcap", protos: []string{"dnp3"}, ops: []string{"read/read", "control/select", "control/operate", "response/unsolicited_response"}, noMalf: true},
		{file: "enip_cip_example.pcap", protos: []string{"enip"}, ops: []string{"read/get_attribute_list", "write/set_attribute_list", "write/io", "read/io", "diagnostic/list_identity"}, noMalf: true},
		{file: "enip_set_attribute_single_vlan.pcapng", protos: []string{"enip"}, ops: []string{"write/set_attribute_single"}, noMalf: true},
		{file: "iec104_090813_diverse.pcap", protos: []string{"iec104"}, ops: []string{"control/C_SC_NA_1", "read/C_IC_NA_1", "session/testfr_act"}, noMalf: true},
		{file: "iec61850_goose.pcap", protos: []string{"goose"}, attrs: map[string]string{"gocb_ref": "GEDeviceF650/LLN0$GO$gcb01"}, noMalf: true},
		{file: "modbus_4sics_geeklounge_min.pcap", protos: []string{"modbus"}, ops: []string{"error/read_write_multiple_registers"}, noMalf: true},
		{file: "modbus_example.pcap", protos: []string{"modbus"}, ops: []string{"read/read_coils", "write/write_multiple_registers", "diagnostic/read_device_identification", "error/read_holding_registers"}, noMalf: true},
		{file: "opcua_open62541_client-server_mainloop.pcap", protos: []string{"opcua"}, ops: []string{"session/Hello", "read/Read", "read/Browse", "control/Call"}, attrs: map[string]string{"security_policy": "None", "security_mode": "None", "endpoint_url": "opc.tcp://localhost:4840", "user_token": "username"}, creds: 1, noMalf: true},
		{file: "profinet_dcp_vlan.pcap", protos: []string{"profinet"}, ops: []string{"diagnostic/dcp_identify", "write/dcp_set"}},
		{file: "profinet_io_cm_mixed_1.pcap", protos: []string{"profinet"}, ops: []string{"read/io", "diagnostic/dcp_identify", "session/ptcp"}, attrs: map[string]string{"station_name": "versamax-pns11"}, noMalf: true},
		{file: "s7_wincc_s400_production.pcapng", protos: []string{"s7comm"}, ops: []string{"read/read_var", "write/write_var", "session/setup_communication"}, noMalf: true},
		{file: "s7comm_plus.pcap", protos: []string{"s7comm"}, ops: []string{"write/set_variable", "read/get_multi_variables", "session/cotp_connect_request"}, attrs: map[string]string{"variant": "s7comm-plus"}, noMalf: true},
		// IT captures: no OT dissector may claim their flows.
		{file: "ftp_ipv4.pcap"},
		{file: "http_vlan.pcap"},
		{file: "mixed_vlan_mpls.pcap"},
		{file: "rdp_to_ssl.pcap"},
		{file: "smb2_readwrite.pcap"},
		{file: "ssh_single_conn.pcap"},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			facts, c := corpusFacts(t, tc.file)
			if diff := cmpDiff(tc.protos, sortedKeys(facts)); diff != "" {
				t.Errorf("protocols (-want +got):\n%s", diff)
			}
			for _, f := range c.flows {
				var by []string
				for _, d := range Dissectors() {
					if feed(d, f, dissect.NewRecorder(nil)) {
						by = append(by, d.Name())
					}
				}
				if len(by) > 1 {
					t.Errorf("flow %v claimed by %v", f.key, by)
				}
			}
			for _, p := range tc.protos {
				f := facts[p]
				have := map[string]bool{}
				for _, o := range f.Ops {
					have[o.Class+"/"+o.Name] = true
				}
				for _, o := range tc.ops {
					if !have[o] {
						t.Errorf("%s: op %s missing from %v", p, o, f.Ops)
					}
				}
				for k, v := range tc.attrs {
					if f.Attrs[k] != v {
						t.Errorf("%s: attr %s = %q, want %q", p, k, f.Attrs[k], v)
					}
				}
				if p == tc.protos[0] && len(f.Credentials) != tc.creds {
					t.Errorf("%s: credentials %+v, want %d", p, f.Credentials, tc.creds)
				}
				if tc.noMalf && f.Malformed != 0 {
					t.Errorf("%s: %d malformed", p, f.Malformed)
				}
			}
		})
	}
}

// TestFixturesFromCorpus checks that every fixture named after a capture
// is, byte for byte, the start of a payload (or layer-2 frame) in it.
func TestFixturesFromCorpus(t *testing.T) {
	type named struct {
		name string
		b    []byte
	}
	var all []named
	for _, f := range fixtures(t) {
		all = append(all, named{f.name, f.b})
	}
	for _, f := range frameFixtures(t) {
		all = append(all, named{f.name, f.b})
	}
	caps := map[string]*capture{}
	for _, f := range all {
		i, j := strings.LastIndexByte(f.name, '('), strings.LastIndexByte(f.name, ')')
		if i < 0 || j < i {
			continue
		}
		file := f.name[i+1 : j]
		if !strings.HasSuffix(file, ".pcap") && !strings.HasSuffix(file, ".pcapng") {
			continue
		}
		path := filepath.Join(corpusDir, file)
		if _, err := os.Stat(path); err != nil {
			t.Fatalf("sample capture missing: %v", err)
		}
		c := caps[file]
		if c == nil {
			c = readCapture(t, path)
			caps[file] = c
		}
		found := false
		for _, fl := range c.flows {
			for _, s := range fl.segs {
				found = found || bytes.HasPrefix(s.b, f.b)
			}
		}
		for _, fr := range c.frames {
			for _, p := range fr {
				found = found || bytes.HasPrefix(p, f.b)
			}
		}
		if !found {
			t.Errorf("fixture %q is not in %s", f.name, file)
		}
	}
}
