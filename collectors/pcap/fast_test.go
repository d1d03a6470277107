package pcap

import (
	"encoding/binary"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/gopacket/gopacket/layers"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
	"github.com/slate-ot/slate/evidence"
)

// flowState is what a flow table holds of one flow, for comparison.
type flowState struct {
	F     flow
	Facts *dissect.Facts
}

func tableState(w *worker) (flows []flowState, arps []arpKey, malformed, dropped int) {
	for _, f := range w.t.order {
		s := flowState{F: *f}
		s.F.rec, s.F.d, s.F.fd = nil, nil, nil
		if f.rec != nil {
			fs := f.rec.Facts()
			s.Facts = &fs
		}
		flows = append(flows, s)
	}
	return flows, w.t.arpList, w.malformed, w.t.dropped
}

// twoWorkers decodes the same frames with and without the fast path.
type twoWorkers struct{ fast, slow *worker }

func newTwoWorkers() *twoWorkers {
	c := New()
	src := evidence.Source{FingerprintKey: []byte("0123456789abcdef0123456789abcdef")}
	tw := &twoWorkers{fast: newWorker(c, src, options{maxFlows: 1 << 20}, nil), slow: newWorker(c, src, options{maxFlows: 1 << 20}, nil)}
	tw.slow.slow = true
	return tw
}

func (tw *twoWorkers) frame(lt layers.LinkType, b []byte, seq int64) {
	ts := int64(1_700_000_000_000_000_000) + seq*1000
	tw.fast.decode(lt, b, ts, len(b)+4, seq)
	tw.slow.decode(lt, b, ts, len(b)+4, seq)
}

func (tw *twoWorkers) compare(t *testing.T) {
	t.Helper()
	ff, fa, fm, fd := tableState(tw.fast)
	sf, sa, sm, sd := tableState(tw.slow)
	if fm != sm || fd != sd || len(ff) != len(sf) || !reflect.DeepEqual(fa, sa) {
		t.Fatalf("fast path: %d flows, %d malformed, %d dropped, %d bindings; general parser: %d, %d, %d, %d", len(ff), fm, fd, len(fa), len(sf), sm, sd, len(sa))
	}
	for i := range ff {
		if !reflect.DeepEqual(ff[i], sf[i]) {
			t.Fatalf("flow %d differs:\nfast path %+v\ngeneral   %+v", i, ff[i], sf[i])
		}
	}
}

// TestFastPath reads every sample capture, and frames made to sit on the
// edges of what the fast path takes, with the fast path and with the
// general parser alone, and checks the flow tables are the same.
func TestFastPath(t *testing.T) {
	paths, _ := filepath.Glob("testdata/corpus/*.pcap*")
	tw := newTwoWorkers()
	n := int64(0)
	for _, p := range paths {
		lts, frames := captureFrames(t, p)
		for i := range frames {
			tw.frame(lts[i], frames[i], n)
			n++
		}
	}
	for _, b := range fastEdgeFrames() {
		tw.frame(layers.LinkTypeEthernet, b, n)
		n++
	}
	tw.compare(t)
	if len(tw.fast.t.order) < 100 {
		t.Errorf("only %d flows", len(tw.fast.t.order))
	}
}

// fastEdgeFrames are TCP and UDP frames with every field the fast path
// checks set to each side of its limit.
func fastEdgeFrames() [][]byte {
	a, b := [4]byte{10, 9, 0, 1}, [4]byte{10, 9, 0, 2}
	modbus := []byte{0, 1, 0, 0, 0, 6, 1, 3, 0, 0, 0, 2}
	var out [][]byte
	base := ether(0x0800, ipv4Header(6, a, b, tcpHeader(40001, 502, modbus)))
	out = append(out, base)
	mod := func(f func(b []byte) []byte) {
		c := append([]byte(nil), base...)
		out = append(out, f(c))
	}
	for _, total := range []uint16{0, 19, 20, 39, 40, 41, 52, 100} {
		mod(func(c []byte) []byte { binary.BigEndian.PutUint16(c[16:], total); return c })
	}
	for _, ihl := range []byte{0x44, 0x45, 0x46, 0x65} {
		mod(func(c []byte) []byte { c[14] = ihl; return c })
	}
	for _, ff := range []uint16{0x2000, 0x4000, 0x8000, 0x0001} {
		mod(func(c []byte) []byte { binary.BigEndian.PutUint16(c[20:], ff); return c })
	}
	for _, do := range []byte{0x40, 0x50, 0x60, 0x80, 0xf0} {
		mod(func(c []byte) []byte { c[46] = do; return c })
	}
	for _, flags := range []byte{0x02, 0x12, 0x10, 0x11, 0x04} {
		mod(func(c []byte) []byte { c[47] = flags; return c })
	}
	for cut := 0; cut <= len(base); cut += 3 {
		out = append(out, append([]byte(nil), base[:cut]...))
	}
	udp := ether(0x0800, ipv4Header(17, a, b, udpHeader(40002, 47808, []byte{0x81, 0x0a, 0, 4, 1, 2})))
	for _, n := range []uint16{0, 1, 7, 8, 9, 14, 200} {
		c := append([]byte(nil), udp...)
		binary.BigEndian.PutUint16(c[38:], n)
		out = append(out, c)
	}
	tagged := func(tags ...uint16) []byte {
		c := append([]byte(nil), base[:12]...)
		for _, tag := range tags {
			c = append(c, byte(tag>>8), byte(tag), 0, 5)
		}
		return append(c, base[12:]...)
	}
	out = append(out, tagged(0x8100), tagged(0x88a8, 0x8100), tagged(0x8100, 0x8100, 0x8100))
	prio := tagged(0x8100)
	prio[14], prio[15] = 0xa0, 0 // priority 5, VLAN 0
	out = append(out, prio)
	return out
}

// FuzzFastPath compares the fast path with the general parser on three
// frames of one flow table.
func FuzzFastPath(f *testing.F) {
	for _, b := range fastEdgeFrames() {
		f.Add(b, b)
	}
	f.Fuzz(func(t *testing.T, a, b []byte) {
		tw := newTwoWorkers()
		tw.frame(layers.LinkTypeEthernet, a, 0)
		tw.frame(layers.LinkTypeEthernet, b, 1)
		tw.frame(layers.LinkTypeEthernet, a, 2)
		tw.compare(t)
	})
}
