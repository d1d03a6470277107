package pcap

import (
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/slate-ot/slate/evidence"
)

// keyRoute is what route must return for a packet of the flow with key k.
func keyRoute(k flowKey) uint64 {
	if k.proto == 0 {
		return macHash(k.a[:6]) + macHash(k.b[:6])
	}
	be := binary.BigEndian
	return endHash(be.Uint64(k.a[:8]), be.Uint64(k.a[8:]), k.pa) + endHash(be.Uint64(k.b[:8]), be.Uint64(k.b[8:]), k.pb)
}

// routeChecker decodes packets one at a time and checks that the flow each
// one lands in has the route the reader gave the packet: then every packet
// of a flow goes to the worker that holds it.
type routeChecker struct {
	w      *worker
	flows  int
	frames int
}

func newRouteChecker() *routeChecker {
	res := &fileResult{}
	return &routeChecker{w: newWorker(New(), evidence.Source{}, options{maxFlows: 1 << 20}, res)}
}

func (rc *routeChecker) check(t *testing.T, lt layers.LinkType, frame []byte) {
	t.Helper()
	rc.frames++
	rc.w.t = newTable()
	r := route(lt, frame)
	if h, ok := routeFast(frame); ok && lt == layers.LinkTypeEthernet && h != routeLayers(lt, frame) {
		t.Fatalf("frame % x: the fast route %x is not the general one's %x", frame, h, routeLayers(lt, frame))
	}
	rc.w.decode(lt, frame, 1, len(frame), 0)
	for _, f := range rc.w.t.order {
		rc.flows++
		if want := keyRoute(f.key); r != want {
			t.Fatalf("frame % x (link type %d): route %x, its flow %+v wants %x", frame, lt, r, f.key, want)
		}
	}
}

func ipv4Header(proto byte, src, dst [4]byte, payload []byte) []byte {
	b := make([]byte, 20, 20+len(payload))
	b[0] = 0x45
	binary.BigEndian.PutUint16(b[2:], uint16(20+len(payload)))
	b[8], b[9] = 64, proto
	copy(b[12:], src[:])
	copy(b[16:], dst[:])
	return append(b, payload...)
}

func ipv6Header(next byte, src, dst byte, payload []byte) []byte {
	b := make([]byte, 40, 40+len(payload))
	b[0] = 0x60
	binary.BigEndian.PutUint16(b[4:], uint16(len(payload)))
	b[6], b[7] = next, 64
	b[8], b[23] = 0x20, src
	b[24], b[39] = 0x20, dst
	return append(b, payload...)
}

func udpHeader(sp, dp uint16, payload []byte) []byte {
	b := make([]byte, 8, 8+len(payload))
	binary.BigEndian.PutUint16(b, sp)
	binary.BigEndian.PutUint16(b[2:], dp)
	binary.BigEndian.PutUint16(b[4:], uint16(8+len(payload)))
	return append(b, payload...)
}

func tcpHeader(sp, dp uint16, payload []byte) []byte {
	b := make([]byte, 20, 20+len(payload))
	binary.BigEndian.PutUint16(b, sp)
	binary.BigEndian.PutUint16(b[2:], dp)
	b[12], b[13] = 5<<4, 0x18
	return append(b, payload...)
}

func ether(et uint16, payload []byte) []byte {
	b := []byte{0, 0x1b, 0x1b, 0, 0, 2, 0, 0x1b, 0x1b, 0, 0, 1, byte(et >> 8), byte(et)}
	return append(b, payload...)
}

// routeFrames are frames of every way a flow's key can be reached:
// tunnels, tags, labels, cooked headers.
func routeFrames() []struct {
	lt    layers.LinkType
	frame []byte
} {
	a, b, c, d := [4]byte{10, 0, 0, 1}, [4]byte{10, 0, 0, 2}, [4]byte{192, 168, 1, 1}, [4]byte{192, 168, 1, 2}
	modbus := []byte{0, 1, 0, 0, 0, 6, 1, 3, 0, 0, 0, 2}
	hbh := append([]byte{6, 0, 1, 4, 0, 0, 0, 0}, tcpHeader(40000, 502, modbus)...)
	sll2 := make([]byte, 20)
	binary.BigEndian.PutUint16(sll2[8:], uint16(layers.ARPHardwareTypeIPGRE))
	sll2[11] = 6
	copy(sll2[12:], []byte{0, 0x1b, 0x1b, 0, 0, 9})
	sll := make([]byte, 16)
	binary.BigEndian.PutUint16(sll[2:], 1)
	binary.BigEndian.PutUint16(sll[4:], 6)
	copy(sll[6:], []byte{0, 0x1b, 0x1b, 0, 0, 9})
	binary.BigEndian.PutUint16(sll[14:], 0x88b8)
	sllIP := append([]byte(nil), sll...)
	binary.BigEndian.PutUint16(sllIP[14:], 0x0800)
	type lf = struct {
		lt    layers.LinkType
		frame []byte
	}
	eth := layers.LinkTypeEthernet
	return []lf{
		{eth, ether(0x0800, ipv4Header(6, a, b, tcpHeader(40000, 502, modbus)))},
		{eth, ether(0x0800, ipv4Header(6, b, a, tcpHeader(502, 40000, modbus)))},
		{eth, ether(0x0800, ipv4Header(17, a, b, udpHeader(5000, 47808, []byte{0x81, 0x0a, 0, 4})))},
		{eth, ether(0x0800, ipv4Header(4, c, d, ipv4Header(6, a, b, tcpHeader(40000, 502, modbus))))},
		{eth, ether(0x0800, ipv4Header(41, c, d, ipv6Header(6, 1, 2, tcpHeader(40000, 502, modbus))))},
		{eth, ether(0x86dd, ipv6Header(4, 1, 2, ipv4Header(17, a, b, udpHeader(1, 2, nil))))},
		{eth, ether(0x86dd, ipv6Header(41, 1, 2, ipv6Header(17, 3, 4, udpHeader(1, 2, nil))))},
		{eth, ether(0x86dd, ipv6Header(0, 1, 2, hbh))},
		{eth, ether(0x8100, append([]byte{0, 100, 0x88, 0x47, 0, 1, 1, 64}, ipv4Header(17, a, b, udpHeader(7, 8, nil))...))},
		{eth, ether(0x88a8, append([]byte{0, 100, 0x81, 0x00, 0, 200, 0x08, 0x00}, ipv4Header(6, a, b, tcpHeader(1, 2, nil))...))},
		{eth, ether(0x88b8, []byte{0, 1, 0, 8, 0, 0, 0, 0})},
		{eth, ether(0x8892, []byte{0xfe, 0xfe, 5, 0})},
		{eth, ether(0x0006, []byte{0x82, 0x82, 0x03, 0x81, 0x0a, 0, 4})},
		{eth, ether(0x0806, []byte{0, 1, 8, 0, 6, 4, 0, 2, 0, 0x1b, 0x1b, 0, 0, 1, 10, 0, 0, 1, 0, 0x1b, 0x1b, 0, 0, 2, 10, 0, 0, 2})},
		{layers.LinkTypeRaw, ipv4Header(17, a, b, udpHeader(9, 10, nil))},
		{layers.LinkTypeRaw, ipv6Header(17, 5, 6, udpHeader(9, 10, nil))},
		{layers.LinkTypeNull, append([]byte{2, 0, 0, 0}, ipv4Header(17, a, b, udpHeader(9, 10, nil))...)},
		{layers.LinkTypeNull, append([]byte{0, 0, 0, 30}, ipv6Header(17, 5, 6, udpHeader(9, 10, nil))...)},
		{layers.LinkTypeLinuxSLL, append(sll, 0, 1, 0, 8, 0, 0, 0, 0)},
		{layers.LinkTypeLinuxSLL, append(sllIP, ipv4Header(17, a, b, udpHeader(9, 10, nil))...)},
		{layers.LinkTypeLinuxSLL2, append(sll2, ether(0x0800, ipv4Header(17, a, b, udpHeader(9, 10, nil)))...)},
		{layers.LinkTypeLinuxSLL2, append(sll2, ether(0x88b8, []byte{0, 1, 0, 8, 0, 0, 0, 0})...)},
	}
}

// captureFrames reads every frame of a capture with its link type.
func captureFrames(t testing.TB, path string) (lts []layers.LinkType, frames [][]byte) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	head := make([]byte, 4)
	if _, err := io.ReadFull(f, head); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	var next func() ([]byte, layers.LinkType, error)
	if string(head) == string(magicPcapng) {
		r, err := pcapgo.NewNgReader(f, pcapgo.NgReaderOptions{WantMixedLinkType: true})
		if err != nil {
			t.Fatal(err)
		}
		next = func() ([]byte, layers.LinkType, error) {
			b, ci, err := r.ReadPacketData()
			lt := r.LinkType()
			if len(ci.AncillaryData) > 0 {
				if l, ok := ci.AncillaryData[0].(layers.LinkType); ok {
					lt = l
				}
			}
			return b, lt, err
		}
	} else {
		r, err := pcapgo.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		next = func() ([]byte, layers.LinkType, error) {
			b, _, err := r.ReadPacketData()
			return b, r.LinkType(), err
		}
	}
	for {
		b, lt, err := next()
		if errors.Is(err, io.EOF) {
			return lts, frames
		}
		if err != nil {
			t.Fatal(err)
		}
		lts, frames = append(lts, lt), append(frames, b)
	}
}

// TestRoute checks, for the crafted frames and every packet of the sample
// captures, that route gives a packet the route of the flow it is counted
// in.
func TestRoute(t *testing.T) {
	rc := newRouteChecker()
	for _, f := range routeFrames() {
		rc.check(t, f.lt, f.frame)
	}
	if rc.flows < len(routeFrames())-3 {
		t.Errorf("only %d of %d crafted frames made a flow", rc.flows, rc.frames)
	}
	paths, _ := filepath.Glob("testdata/corpus/*.pcap*")
	for _, p := range paths {
		lts, frames := captureFrames(t, p)
		for i := range frames {
			rc.check(t, lts[i], frames[i])
		}
	}
	t.Logf("%d frames, %d in flows", rc.frames, rc.flows)
}

// FuzzRoute checks route against the flow key on arbitrary frames of each
// link type the reader decodes.
func FuzzRoute(f *testing.F) {
	for _, fr := range routeFrames() {
		f.Add(uint16(fr.lt), fr.frame)
	}
	rc := newRouteChecker()
	f.Fuzz(func(t *testing.T, lt uint16, frame []byte) {
		l := layers.LinkType(lt)
		if !knownLink(l) {
			l = layers.LinkTypeEthernet
		}
		rc.check(t, l, frame)
	})
}
