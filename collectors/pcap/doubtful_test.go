package pcap_test

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gopacket/gopacket/layers"

	"github.com/slate-ot/slate/collectors/pcap"
	"github.com/slate-ot/slate/evidence"
)

// spbCapture is a pcapng capture of Ethernet frames in Simple Packet
// Blocks, which carry no time, after one dated Enhanced Packet Block.
func spbCapture(frames ...[]byte) []byte {
	le := binary.LittleEndian
	var b bytes.Buffer
	block := func(typ uint32, body []byte) {
		for len(body)%4 != 0 {
			body = append(body, 0)
		}
		n := uint32(12 + len(body))
		_ = binary.Write(&b, le, typ)
		_ = binary.Write(&b, le, n)
		b.Write(body)
		_ = binary.Write(&b, le, n)
	}
	shb := make([]byte, 16)
	le.PutUint32(shb[0:], 0x1A2B3C4D)
	le.PutUint16(shb[4:], 1)
	le.PutUint64(shb[8:], ^uint64(0))
	block(0x0A0D0D0A, shb)
	idb := make([]byte, 8)
	le.PutUint16(idb[0:], uint16(layers.LinkTypeEthernet))
	le.PutUint32(idb[4:], 65535)
	block(1, idb)
	// One Enhanced Packet Block, dated 2023-11-14 (microseconds).
	epb := make([]byte, 20)
	us := uint64(1700000000) * 1e6
	le.PutUint32(epb[4:], uint32(us>>32))
	le.PutUint32(epb[8:], uint32(us))
	le.PutUint32(epb[12:], uint32(len(frames[0])))
	le.PutUint32(epb[16:], uint32(len(frames[0])))
	block(6, append(epb, frames[0]...))
	for _, fr := range frames[1:] {
		spb := make([]byte, 4)
		le.PutUint32(spb, uint32(len(fr)))
		block(3, append(spb, fr...))
	}
	return b.Bytes()
}

// TestDoubtfulCaptures: a capture that says less than it seems to is read
// with a warning naming why: link types slate does not decode, packets
// with no time, a capture of nothing but malformed packets, and a gzip
// file cut short, placed in the file as it is on disk.
func TestDoubtfulCaptures(t *testing.T) {
	dir := t.TempDir()
	udp := cat(macs, []byte{8, 0}, udpIPv4([]byte("hello")))
	writePcap(t, filepath.Join(dir, "usb.pcap"), layers.LinkType(189), []byte{1, 2, 3}, []byte{4, 5, 6})
	writePcap(t, filepath.Join(dir, "malformed.pcap"), layers.LinkTypeEthernet, []byte{1, 2, 3}, []byte{4, 5})
	writePcap(t, filepath.Join(dir, "good.pcap"), layers.LinkTypeEthernet, udp, udp)
	writeFile(t, dir, "spb.pcapng", spbCapture(udp, udp, udp))
	full, err := os.ReadFile(filepath.Join("testdata", "corpus", "modbus_example.pcap"))
	if err != nil {
		t.Fatal(err)
	}
	zipped := gz(full)
	cut := len(zipped) / 2
	writeFile(t, dir, "cut.pcap.gz", zipped[:cut])

	tests := []struct {
		file string
		want string // in a warning; "" for none
		// check is run on the document when set.
		check func(t *testing.T, doc evidence.Document, data pcap.Data, w evidence.Warning)
	}{
		{file: "good.pcap"},
		{file: "usb.pcap", want: "link type 189 (", check: func(t *testing.T, _ evidence.Document, _ pcap.Data, w evidence.Warning) {
			if !strings.Contains(w.Message, "its 2 packet(s) were counted but not read") {
				t.Errorf("warning %q does not count the packets", w.Message)
			}
		}},
		{file: "usb.pcap", want: "none of its 2 packet(s) could be decoded"},
		{file: "malformed.pcap", want: "none of its 2 packet(s) could be decoded"},
		{file: "spb.pcapng", want: "2 packet(s) carry no usable time", check: func(t *testing.T, doc evidence.Document, data pcap.Data, _ evidence.Warning) {
			if d := doc.Provenance.EvidenceDate; d != "2023-11-14" {
				t.Errorf("evidence date %q, want 2023-11-14 (the one dated packet)", d)
			}
			in := data.Inputs[0]
			if !strings.HasPrefix(in.FirstSeen, "2023-11-14") || !strings.HasPrefix(in.LastSeen, "2023-11-14") {
				t.Errorf("observed %s to %s, want the dated packet's day", in.FirstSeen, in.LastSeen)
			}
			for _, f := range data.Flows {
				if !strings.HasPrefix(f.FirstSeen, "2023-11-14") || !strings.HasPrefix(f.LastSeen, "2023-11-14") {
					t.Errorf("flow %s seen %s to %s, want the dated packet's day", f.ID, f.FirstSeen, f.LastSeen)
				}
			}
		}},
		{file: "cut.pcap.gz", want: "the capture, decompressed, stops at byte", check: func(t *testing.T, _ evidence.Document, _ pcap.Data, w evidence.Warning) {
			if w.Offset <= 0 || w.Offset > int64(cut) {
				t.Errorf("offset %d is not a place in the %d-byte file", w.Offset, cut)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.want, func(t *testing.T) {
			doc, data, err := collect(t, newSource(dir, []string{filepath.Join(dir, tt.file)}))
			if err != nil {
				t.Fatal(err)
			}
			var found *evidence.Warning
			for i, w := range doc.Provenance.Warnings {
				if tt.want != "" && strings.Contains(w.Message, tt.want) {
					found = &doc.Provenance.Warnings[i]
				}
			}
			switch {
			case tt.want == "" && len(doc.Provenance.Warnings) > 0:
				t.Fatalf("warnings for a good capture: %v", doc.Provenance.Warnings)
			case tt.want != "" && found == nil:
				t.Fatalf("no warning containing %q: %v", tt.want, doc.Provenance.Warnings)
			}
			if tt.check != nil {
				var w evidence.Warning
				if found != nil {
					w = *found
				}
				tt.check(t, doc, data, w)
			}
		})
	}
}
