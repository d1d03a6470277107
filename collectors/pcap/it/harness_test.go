package it

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// corpusDir holds the public sample captures the collector's tests share
// (collectors/pcap/testdata/corpus, with their NOTICE.md).
const corpusDir = "../testdata/corpus"

func corpusFile(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(corpusDir, name)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("sample capture missing: %v", err)
	}
	return p
}

// testFlow is a minimal stand-in for the capture reader: it labels a flow
// with the first dissector that matches a payload and feeds it the
// flow's bytes, per direction, keeping what the dissector did not consume.
type testFlow struct {
	key     string
	t       dissect.Transport
	d       dissect.Dissector
	tried   bool
	rec     *dissect.Recorder
	buf     [2][]byte
	nextSeq [2]uint32
	seqSet  [2]bool
	client  string
}

type harness struct {
	ds    []dissect.Dissector
	flows map[string]*testFlow
	order []string
}

func newHarness(ds []dissect.Dissector) *harness {
	return &harness{ds: ds, flows: map[string]*testFlow{}}
}

func (h *harness) payload(t testing.TB, tr dissect.Transport, src, dst string, syn bool, seq uint32, p []byte) {
	a, b := src, dst
	if b < a {
		a, b = b, a
	}
	key := tr.String() + " " + a + " " + b
	f := h.flows[key]
	if f == nil {
		f = &testFlow{key: key, t: tr, rec: dissect.NewRecorder([]byte("salt")), client: src}
		h.flows[key] = f
		h.order = append(h.order, key)
	}
	if syn && len(p) == 0 {
		if f.client != src && !f.seqSet[0] && !f.seqSet[1] {
			f.client = src
		}
		return
	}
	dir := dissect.ToServer
	if src != f.client {
		dir = dissect.ToClient
	}
	if tr == dissect.TCP {
		// In-order only: drop retransmissions, accept gaps.
		if f.seqSet[dir] && seq != f.nextSeq[dir] {
			if int32(seq-f.nextSeq[dir]) < 0 {
				end := seq + uint32(len(p))
				if int32(end-f.nextSeq[dir]) <= 0 {
					return
				}
				p = p[f.nextSeq[dir]-seq:]
				seq = f.nextSeq[dir]
			}
		}
		f.nextSeq[dir], f.seqSet[dir] = seq+uint32(len(p)), true
	}
	if len(p) == 0 {
		return
	}
	if !f.tried {
		f.tried = true
		for _, d := range h.ds {
			if d.Match(tr, dir, p) {
				f.d = d
				break
			}
		}
	}
	if f.d == nil {
		return
	}
	if tr == dissect.UDP {
		n := f.d.Dissect(tr, dir, p, f.rec)
		if n < 0 || n > len(p) {
			t.Fatalf("%s: consumed %d of %d", f.d.Name(), n, len(p))
		}
		return
	}
	f.buf[dir] = append(f.buf[dir], p...)
	for len(f.buf[dir]) > 0 {
		before := len(f.buf[dir])
		n := f.d.Dissect(tr, dir, f.buf[dir], f.rec)
		if n < 0 || n > before {
			t.Fatalf("%s: consumed %d of %d", f.d.Name(), n, before)
		}
		f.buf[dir] = f.buf[dir][n:]
		if n == 0 {
			break
		}
	}
	if len(f.buf[dir]) > dissect.MaxBuffer {
		f.buf[dir] = nil
	}
	f.buf[dir] = slices.Clip(f.buf[dir])
}

// result is a flow's label and facts.
type result struct {
	Flow  string
	Proto string
	Facts dissect.Facts
}

func (h *harness) results() []result {
	out := []result{}
	for _, k := range h.order {
		f := h.flows[k]
		if f.d == nil {
			continue
		}
		out = append(out, result{Flow: f.key, Proto: f.d.Name(), Facts: f.rec.Facts()})
	}
	slices.SortFunc(out, func(a, b result) int { return bytes.Compare([]byte(a.Flow), []byte(b.Flow)) })
	return out
}

// runCapture feeds every TCP/UDP payload of a capture file to the
// dissectors.
func runCapture(t testing.TB, path string, ds []dissect.Dissector) []result {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var r io.Reader = bufio.NewReader(fh)
	br := r.(*bufio.Reader)
	magic, _ := br.Peek(4)
	if len(magic) >= 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := gzip.NewReader(br)
		if err != nil {
			t.Fatal(err)
		}
		br = bufio.NewReader(gz)
		magic, _ = br.Peek(4)
	}
	type src interface {
		ReadPacketData() ([]byte, gopacket.CaptureInfo, error)
	}
	var s src
	var lt layers.LinkType
	if bytes.Equal(magic, []byte{0x0a, 0x0d, 0x0d, 0x0a}) {
		ng, err := pcapgo.NewNgReader(br, pcapgo.DefaultNgReaderOptions)
		if err != nil {
			t.Fatal(err)
		}
		s, lt = ng, ng.LinkType()
	} else {
		pr, err := pcapgo.NewReader(br)
		if err != nil {
			t.Fatal(err)
		}
		s, lt = pr, pr.LinkType()
	}
	h := newHarness(ds)
	for {
		data, _, err := s.ReadPacketData()
		if err != nil {
			break
		}
		pkt := gopacket.NewPacket(data, lt, gopacket.DecodeOptions{Lazy: true, NoCopy: true})
		var srcIP, dstIP string
		if ip4, ok := pkt.Layer(layers.LayerTypeIPv4).(*layers.IPv4); ok {
			srcIP, dstIP = ip4.SrcIP.String(), ip4.DstIP.String()
		} else if ip6, ok := pkt.Layer(layers.LayerTypeIPv6).(*layers.IPv6); ok {
			srcIP, dstIP = ip6.SrcIP.String(), ip6.DstIP.String()
		} else {
			continue
		}
		if tcp, ok := pkt.Layer(layers.LayerTypeTCP).(*layers.TCP); ok {
			h.payload(t, dissect.TCP, fmt.Sprintf("%s:%d", srcIP, tcp.SrcPort), fmt.Sprintf("%s:%d", dstIP, tcp.DstPort),
				tcp.SYN && !tcp.ACK, tcp.Seq+btoi(tcp.SYN), tcp.Payload)
		} else if udp, ok := pkt.Layer(layers.LayerTypeUDP).(*layers.UDP); ok {
			h.payload(t, dissect.UDP, fmt.Sprintf("%s:%d", srcIP, udp.SrcPort), fmt.Sprintf("%s:%d", dstIP, udp.DstPort),
				false, 0, udp.Payload)
		}
	}
	return h.results()
}

func btoi(b bool) uint32 {
	if b {
		return 1
	}
	return 0
}
