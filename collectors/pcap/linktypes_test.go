package pcap_test

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// udpIPv4 is an IPv4/UDP packet from 8.8.1.1:40000 to 8.8.2.2:161.
func udpIPv4(payload []byte) []byte {
	b := make([]byte, 28+len(payload))
	b[0] = 0x45
	binary.BigEndian.PutUint16(b[2:], uint16(len(b)))
	b[8], b[9] = 64, 17
	copy(b[12:], []byte{8, 8, 1, 1})
	copy(b[16:], []byte{8, 8, 2, 2})
	binary.BigEndian.PutUint16(b[20:], 40000)
	binary.BigEndian.PutUint16(b[22:], 161)
	binary.BigEndian.PutUint16(b[24:], uint16(8+len(payload)))
	copy(b[28:], payload)
	return b
}

var macs = []byte{0, 0x1b, 0x1b, 0, 0, 2, 0, 0x1b, 0x1b, 0, 0, 1}

func writePcap(t *testing.T, path string, lt layers.LinkType, frames ...[]byte) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := pcapgo.NewWriter(f)
	if err := w.WriteFileHeader(65535, lt); err != nil {
		t.Fatal(err)
	}
	for i, fr := range frames {
		ci := gopacket.CaptureInfo{Timestamp: time.Unix(1700000000, int64(i)*1000), CaptureLength: len(fr), Length: len(fr)}
		if err := w.WritePacket(ci, fr); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func cat(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// TestLinkTypes reads one UDP packet framed every way the reader supports
// and checks the flow and its VLAN ids come out.
func TestLinkTypes(t *testing.T) {
	pkt := udpIPv4([]byte{0x30, 0x00})
	sll2 := make([]byte, 20)
	binary.BigEndian.PutUint16(sll2[0:], 0x0800)
	binary.BigEndian.PutUint16(sll2[8:], 1)
	sll2[11] = 6
	copy(sll2[12:], macs[6:12])
	sll := make([]byte, 16)
	binary.BigEndian.PutUint16(sll[2:], 1)
	binary.BigEndian.PutUint16(sll[4:], 6)
	copy(sll[6:], macs[6:12])
	binary.BigEndian.PutUint16(sll[14:], 0x0800)
	for _, tc := range []struct {
		name        string
		lt          layers.LinkType
		frame       []byte
		link        string
		vlan, inner int
		mac         string
	}{
		{"ethernet", layers.LinkTypeEthernet, cat(macs, []byte{0x08, 0x00}, pkt), "ethernet", 0, 0, "00:1b:1b:00:00:01"},
		{"qinq", layers.LinkTypeEthernet, cat(macs, []byte{0x88, 0xa8, 0x00, 100, 0x81, 0x00, 0x00, 200, 0x08, 0x00}, pkt), "ethernet", 100, 200, "00:1b:1b:00:00:01"},
		{"mpls", layers.LinkTypeEthernet, cat(macs, []byte{0x88, 0x47, 0x00, 0x01, 0x00, 0x40, 0x00, 0x02, 0x01, 0x40}, pkt), "ethernet", 0, 0, "00:1b:1b:00:00:01"},
		{"raw", layers.LinkTypeRaw, pkt, "raw", 0, 0, ""},
		{"null", layers.LinkTypeNull, cat([]byte{2, 0, 0, 0}, pkt), "null", 0, 0, ""},
		{"sll", layers.LinkTypeLinuxSLL, cat(sll, pkt), "linux_sll", 0, 0, "00:1b:1b:00:00:01"},
		{"sll2", layers.LinkTypeLinuxSLL2, cat(sll2, pkt), "linux_sll2", 0, 0, "00:1b:1b:00:00:01"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "in.pcap")
			writePcap(t, p, tc.lt, tc.frame, tc.frame)
			_, data, err := collect(t, newSource(dir, []string{p}))
			if err != nil {
				t.Fatal(err)
			}
			c := data.Inputs[0]
			if c.Packets != 2 || c.Malformed != 0 || len(c.LinkTypes) != 1 || c.LinkTypes[0] != tc.link {
				t.Errorf("capture %+v", c)
			}
			if len(data.Flows) != 1 {
				t.Fatalf("%d flows, want 1", len(data.Flows))
			}
			f := data.Flows[0]
			if f.Transport != "udp" || f.Client.IP != "8.8.1.1" || f.Server.Port != 161 || f.PacketsToSrv != 2 ||
				f.VLAN != tc.vlan || f.InnerVLAN != tc.inner || f.Client.MAC != tc.mac {
				t.Errorf("flow %+v", f)
			}
			if tc.vlan == 100 && f.Client.Zone != "dmz" {
				t.Errorf("VLAN 100 flow in zone %q, want dmz", f.Client.Zone)
			}
		})
	}
}

// TestSameFlowTwoFiles checks that a conversation split over two files is
// one flow with the packets of both.
func TestSameFlowTwoFiles(t *testing.T) {
	dir := t.TempDir()
	fr := cat(macs, []byte{0x08, 0x00}, udpIPv4([]byte{1, 2, 3}))
	a, b := filepath.Join(dir, "a.pcap"), filepath.Join(dir, "b.pcap")
	writePcap(t, a, layers.LinkTypeEthernet, fr)
	writePcap(t, b, layers.LinkTypeEthernet, fr, fr)
	_, data, err := collect(t, newSource(dir, []string{a, b}))
	if err != nil {
		t.Fatal(err)
	}
	if len(data.Flows) != 1 || data.Flows[0].PacketsToSrv != 3 || len(data.Inputs) != 2 {
		t.Errorf("flows %+v", data.Flows)
	}
}
