package pcap

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
	"github.com/slate-ot/slate/evidence"
)

// vlanLayer decodes 802.1Q and 802.1ad tags, keeping every VLAN id of the
// frame (the outer two) in its worker.
type vlanLayer struct {
	w       *worker
	typ     layers.EthernetType
	payload []byte
}

func (v *vlanLayer) CanDecode() gopacket.LayerClass    { return layers.LayerTypeDot1Q }
func (v *vlanLayer) NextLayerType() gopacket.LayerType { return v.typ.LayerType() }
func (v *vlanLayer) LayerPayload() []byte              { return v.payload }
func (v *vlanLayer) DecodeFromBytes(data []byte, df gopacket.DecodeFeedback) error {
	if len(data) < 4 {
		df.SetTruncated()
		return errShortVLAN
	}
	id := binary.BigEndian.Uint16(data) & 0x0fff
	if id == 0 {
		v.w.prioTag = true // 802.1p priority tag: a priority, no VLAN
	}
	if v.w.nvlan < 2 {
		v.w.vlan[v.w.nvlan] = id
	}
	v.w.nvlan++
	v.typ = layers.EthernetType(binary.BigEndian.Uint16(data[2:]))
	v.payload = data[4:]
	v.w.etherType, v.w.l2payload = v.typ, v.payload
	return nil
}

// mplsLayer skips an MPLS label stack; what follows the bottom label is
// taken for IPv4 or IPv6 by its version nibble.
type mplsLayer struct {
	next    gopacket.LayerType
	payload []byte
}

func (m *mplsLayer) CanDecode() gopacket.LayerClass    { return layers.LayerTypeMPLS }
func (m *mplsLayer) NextLayerType() gopacket.LayerType { return m.next }
func (m *mplsLayer) LayerPayload() []byte              { return m.payload }
func (m *mplsLayer) DecodeFromBytes(data []byte, df gopacket.DecodeFeedback) error {
	for i := 0; ; i += 4 {
		if len(data) < i+4 || i >= 64 {
			df.SetTruncated()
			return errShortMPLS
		}
		if data[i+2]&1 == 1 { // bottom of stack
			m.payload = data[i+4:]
			break
		}
	}
	m.next = gopacket.LayerTypePayload
	if len(m.payload) > 0 {
		switch m.payload[0] >> 4 {
		case 4:
			m.next = layers.LayerTypeIPv4
		case 6:
			m.next = layers.LayerTypeIPv6
		}
	}
	return nil
}

// tcpLayer and udpLayer end the parse at the transport: the payload goes
// to the flow table, so the parser need not look the ports up.
type tcpLayer struct{ layers.TCP }

func (*tcpLayer) NextLayerType() gopacket.LayerType { return gopacket.LayerTypeZero }

type udpLayer struct{ layers.UDP }

func (*udpLayer) NextLayerType() gopacket.LayerType { return gopacket.LayerTypeZero }

var (
	errShortVLAN = errors.New("802.1Q tag too short")
	errShortMPLS = errors.New("MPLS label stack too short")
)

// maxCaptureSec is the first second (in 2262) whose time in nanoseconds
// since 1970 overflows an int64.
const maxCaptureSec = math.MaxInt64 / int64(time.Second)

// worker reads one file: its own parsers, layers and flow table, so that
// nothing on the per-packet path allocates or is shared.
type worker struct {
	c    *Collector
	src  evidence.Source
	opts options
	res  *fileResult
	t    *table

	eth     layers.Ethernet
	vl      vlanLayer
	mpls    mplsLayer
	sll     layers.LinuxSLL
	sll2    layers.LinuxSLL2
	loop    layers.Loopback
	ip4     layers.IPv4
	ip6     layers.IPv6
	tcp     tcpLayer
	udp     udpLayer
	arp     layers.ARP
	parsers map[layers.LinkType]*gopacket.DecodingLayerParser
	p4, p6  *gopacket.DecodingLayerParser
	decoded []gopacket.LayerType
	cur     *gopacket.DecodingLayerParser
	curLink layers.LinkType

	// malformed counts the packets that could not be decoded; seq is the
	// number in the capture of the packet being decoded, which orders the
	// flows and address bindings it starts.
	malformed int
	seq       int64

	// fastTCP holds the fields of a TCP header the fast path read; slow
	// turns the fast path off (for tests).
	fastTCP layers.TCP
	slow    bool

	// per packet
	vlan      [2]uint16
	nvlan     int
	prioTag   bool // a tag of the frame had VLAN id 0
	etherType layers.EthernetType
	l2payload []byte

	portIndex map[dissect.Port][]dissect.Dissector
	frameBy   map[uint16]dissect.FrameDissector
	llcBy     map[uint8]dissect.FrameDissector
}

func newWorker(c *Collector, src evidence.Source, opts options, res *fileResult) *worker {
	w := &worker{c: c, src: src, opts: opts, res: res, t: newTable(), curLink: 0xffff}
	w.vl.w = w
	dl := []gopacket.DecodingLayer{&w.eth, &w.vl, &w.mpls, &w.sll, &w.sll2, &w.loop, &w.ip4, &w.ip6, &w.tcp, &w.udp, &w.arp}
	mk := func(first gopacket.LayerType) *gopacket.DecodingLayerParser {
		p := gopacket.NewDecodingLayerParser(first)
		p.SetDecodingLayerContainer(gopacket.DecodingLayerSparse(nil))
		for _, d := range dl {
			p.AddDecodingLayer(d)
		}
		p.IgnoreUnsupported = true
		return p
	}
	eth := mk(layers.LayerTypeEthernet)
	w.p4, w.p6 = mk(layers.LayerTypeIPv4), mk(layers.LayerTypeIPv6)
	w.parsers = map[layers.LinkType]*gopacket.DecodingLayerParser{
		layers.LinkTypeEthernet:  eth,
		layers.LinkTypeLinuxSLL:  mk(layers.LayerTypeLinuxSLL),
		layers.LinkTypeLinuxSLL2: mk(layers.LayerTypeLinuxSLL2),
		layers.LinkTypeNull:      mk(layers.LayerTypeLoopback),
		layers.LinkTypeLoop:      mk(layers.LayerTypeLoopback),
	}
	w.decoded = make([]gopacket.LayerType, 0, 16)
	w.portIndex = map[dissect.Port][]dissect.Dissector{}
	for _, d := range c.tcp {
		for _, p := range d.Ports() {
			w.portIndex[p] = append(w.portIndex[p], d)
		}
	}
	w.frameBy = map[uint16]dissect.FrameDissector{}
	w.llcBy = map[uint8]dissect.FrameDissector{}
	for _, d := range c.frames {
		if l, ok := d.(dissect.LLCDissector); ok {
			for _, sap := range l.SAPs() {
				if _, ok := w.llcBy[sap]; !ok {
					w.llcBy[sap] = d
				}
			}
		}
		for _, et := range d.EtherTypes() {
			if _, ok := w.frameBy[et]; !ok {
				w.frameBy[et] = d
			}
		}
	}
	return w
}

// packet handles one captured frame on its own: counted for the capture,
// then decoded. It allocates nothing unless the packet starts a flow or a
// dissector records a new fact.
func (w *worker) packet(lt layers.LinkType, data []byte, ci gopacket.CaptureInfo) {
	seq := w.res.capture.Packets
	if ts, ok := w.res.count(lt, ci.Timestamp.Unix(), ci.Timestamp.UnixNano(), ci.Length); ok {
		w.decode(lt, data, ts, ci.Length, seq)
	}
}

// count adds a packet to the totals of its capture (packets, bytes, first
// and last time, link types) in capture order, given its time in seconds
// and in nanoseconds since the epoch (as time.Time's Unix and UnixNano
// give them), and returns the time the packet is dated by and whether it
// is to be decoded: false for a link type no parser reads.
func (r *fileResult) count(lt layers.LinkType, sec, ns int64, length int) (int64, bool) {
	c := &r.capture
	c.Packets++
	c.Bytes += int64(length)
	ts := ns
	if sec < 0 || sec >= maxCaptureSec {
		// No time, or one nanoseconds since 1970 cannot hold: dated by
		// the packet before it, and left out of the window.
		r.undated++
		ts = r.last
	} else {
		if r.first == 0 || ts < r.first {
			r.first = ts
		}
		if ts > r.last {
			r.last = ts
		}
	}
	r.noteLink(lt)
	if !knownLink(lt) {
		if r.unknownLinks == nil {
			r.unknownLinks = map[layers.LinkType]int64{}
		}
		r.unknownLinks[lt]++
		return ts, false
	}
	return ts, true
}

// knownLink tells whether a link type has a parser.
func knownLink(lt layers.LinkType) bool {
	switch lt {
	case layers.LinkTypeRaw, layers.LinkTypeIPv4, layers.LinkTypeIPv6, 12,
		layers.LinkTypeEthernet, layers.LinkTypeLinuxSLL, layers.LinkTypeLinuxSLL2, layers.LinkTypeNull, layers.LinkTypeLoop:
		return true
	}
	return false
}

// decode reads one packet of a known link type into the flow table; seq
// is its number in the capture (from 0) and ts its time. Only the
// malformed count of the capture's totals is kept here (in the worker),
// so that workers reading parts of one capture side by side share
// nothing.
func (w *worker) decode(lt layers.LinkType, data []byte, ts int64, length int, seq int64) {
	w.seq = seq
	var p *gopacket.DecodingLayerParser
	switch lt {
	case layers.LinkTypeRaw, layers.LinkTypeIPv4, layers.LinkTypeIPv6, 12:
		if len(data) == 0 {
			w.malformed++
			return
		}
		switch data[0] >> 4 {
		case 4:
			p = w.p4
		case 6:
			p = w.p6
		default:
			w.malformed++
			return
		}
	default:
		if lt == layers.LinkTypeEthernet && !w.slow && w.fast(data, ts, length) {
			return
		}
		if lt != w.curLink {
			w.cur, w.curLink = w.parsers[lt], lt
		}
		p = w.cur
	}
	w.nvlan, w.vlan, w.prioTag = 0, [2]uint16{}, false
	w.etherType, w.l2payload = 0, nil
	err := p.DecodeLayers(data, &w.decoded)
	if err != nil {
		w.malformed++
	}
	var (
		srcIP, dstIP [16]byte
		haveIP       bool
		srcMAC       [6]byte
		dstMAC       [6]byte
		haveMAC      bool
	)
	for _, l := range w.decoded {
		switch l {
		case layers.LayerTypeEthernet:
			copy(srcMAC[:], w.eth.SrcMAC)
			copy(dstMAC[:], w.eth.DstMAC)
			haveMAC = len(w.eth.SrcMAC) == 6 && srcMAC != [6]byte{}
			if w.etherType == 0 {
				w.etherType, w.l2payload = w.eth.EthernetType, w.eth.Payload
			}
		case layers.LayerTypeLinuxSLL:
			if w.sll.AddrLen == 6 && len(w.sll.Addr) == 6 {
				copy(srcMAC[:], w.sll.Addr)
				haveMAC = srcMAC != [6]byte{}
			}
		case layers.LayerTypeLinuxSLL2:
			if w.sll2.AddrLength == 6 && len(w.sll2.Addr) >= 6 {
				copy(srcMAC[:], w.sll2.Addr)
				haveMAC = srcMAC != [6]byte{}
			}
		case layers.LayerTypeIPv4:
			if !haveIP {
				srcIP, dstIP = v4(w.ip4.SrcIP), v4(w.ip4.DstIP)
				haveIP = true
			}
		case layers.LayerTypeIPv6:
			if !haveIP {
				copy(srcIP[:], w.ip6.SrcIP)
				copy(dstIP[:], w.ip6.DstIP)
				haveIP = true
			}
		case layers.LayerTypeARP:
			if len(w.arp.SourceProtAddress) == 4 && len(w.arp.SourceHwAddress) == 6 {
				var ip [16]byte
				var mac [6]byte
				ip = v4(w.arp.SourceProtAddress)
				copy(mac[:], w.arp.SourceHwAddress)
				w.t.arp(ip, mac, w.vlanKey(), seq)
			}
		case layers.LayerTypeTCP:
			if haveIP {
				w.t.transport(w, ts, length, 6, srcIP, dstIP, uint16(w.tcp.SrcPort), uint16(w.tcp.DstPort), srcMAC, dstMAC, haveMAC, &w.tcp.TCP, w.tcp.Payload)
			}
			return
		case layers.LayerTypeUDP:
			if haveIP {
				w.t.transport(w, ts, length, 17, srcIP, dstIP, uint16(w.udp.SrcPort), uint16(w.udp.DstPort), srcMAC, dstMAC, haveMAC, nil, w.udp.Payload)
			}
			return
		}
	}
	if !haveIP && haveMAC && w.etherType < 0x600 {
		// 802.3 length, not an EtherType: an LLC frame. Unnumbered
		// information with equal SAPs is looked up by SAP; its flow is
		// keyed by the SAP, which no EtherType can equal.
		if p := w.l2payload; len(p) >= 3 && p[0] == p[1] && p[2] == 0x03 {
			if fd, ok := w.llcBy[p[0]]; ok {
				w.t.frame(w, ts, length, srcMAC, dstMAC, uint16(p[0]), fd, p[3:])
			}
		}
		return
	}
	if !haveIP && haveMAC && w.nvlan >= 0 {
		if fd, ok := w.frameBy[uint16(w.etherType)]; ok || frameNames[uint16(w.etherType)] != "" {
			w.t.frame(w, ts, length, srcMAC, dstMAC, uint16(w.etherType), fd, w.l2payload)
		}
	}
}

// fast reads the most common frame, Ethernet with at most two VLAN tags,
// IPv4 without options and not a fragment, then TCP or UDP, without the
// general parser, and gives it to the flow table exactly as the parser's
// layers would. It reads only the fields the table uses, and returns
// false, having changed nothing, for any frame that is not of that shape
// or that the parser would find fault with, which then takes the general
// path. (What the parser accepts is mirrored here: an IPv4 total length of
// 0 means the rest of the frame, one beyond the frame is cut to it; TCP
// options are not read, and the parser never fails on them.)
func (w *worker) fast(data []byte, ts int64, length int) bool {
	if len(data) < 14 {
		return false
	}
	et := binary.BigEndian.Uint16(data[12:14])
	ip := data[14:]
	var vlan [2]uint16
	nvlan, prio := 0, false
	for et == 0x8100 || et == 0x88a8 {
		if nvlan == 2 || len(ip) < 4 {
			return false
		}
		id := binary.BigEndian.Uint16(ip) & 0x0fff
		prio = prio || id == 0
		vlan[nvlan] = id
		nvlan++
		et = binary.BigEndian.Uint16(ip[2:4])
		ip = ip[4:]
	}
	if et != 0x0800 || len(ip) < 20 || ip[0]&0x0f != 5 {
		return false
	}
	total := int(binary.BigEndian.Uint16(ip[2:4]))
	if total == 0 {
		total = len(ip)
	}
	if total < 20 || binary.BigEndian.Uint16(ip[6:8])&0x3fff != 0 { // bad length; more fragments or an offset
		return false
	}
	proto := ip[9]
	if len(ip) > total {
		ip = ip[:total]
	}
	seg := ip[20:]
	var tcp *layers.TCP
	var payload []byte
	switch proto {
	case 6:
		if len(seg) < 20 {
			return false
		}
		off := int(seg[12]>>4) * 4
		if off < 20 || off > len(seg) {
			return false
		}
		tcp = &w.fastTCP
		tcp.Seq = binary.BigEndian.Uint32(seg[4:8])
		tcp.FIN, tcp.SYN, tcp.RST, tcp.ACK = seg[13]&0x01 != 0, seg[13]&0x02 != 0, seg[13]&0x04 != 0, seg[13]&0x10 != 0
		payload = seg[off:]
	case 17:
		if len(seg) < 8 {
			return false
		}
		switch n := int(binary.BigEndian.Uint16(seg[4:6])); {
		case n >= 8:
			payload = seg[8:min(n, len(seg))]
		case n == 0:
			payload = seg[8:]
		default:
			return false
		}
	default:
		return false
	}
	w.vlan, w.nvlan, w.prioTag = vlan, nvlan, prio
	var srcMAC, dstMAC [6]byte
	copy(dstMAC[:], data[0:6])
	copy(srcMAC[:], data[6:12])
	w.t.transport(w, ts, length, proto, v4(ip[12:16]), v4(ip[16:20]),
		binary.BigEndian.Uint16(seg[0:2]), binary.BigEndian.Uint16(seg[2:4]), srcMAC, dstMAC, srcMAC != [6]byte{}, tcp, payload)
	return true
}

// frameNames label layer-2 protocols by EtherType.
var frameNames = map[uint16]string{0x8892: "profinet", 0x88b8: "goose"}

func (w *worker) vlanKey() [2]uint16 { return w.vlan }

// v4 returns a 4-byte address in 16-byte (v4-mapped) form.
func v4(b []byte) [16]byte {
	var a [16]byte
	if len(b) == 4 {
		a[10], a[11] = 0xff, 0xff
		copy(a[12:], b)
	}
	return a
}

// finish adds what the worker counted to its capture's totals.
func (w *worker) finish(res *fileResult) {
	res.capture.Malformed += w.malformed
	w.malformed = 0
}

// safeDissect runs a dissector, turning a panic into a malformed count so a
// bug in one dissector cannot stop the collector.
func safeDissect(d dissect.Dissector, t dissect.Transport, dir dissect.Direction, buf []byte, rec *dissect.Recorder) (n int) {
	defer func() {
		if r := recover(); r != nil {
			rec.Malformed()
			rec.Event("dissector_panic", fmt.Sprintf("%s dissector failed: %v", d.Name(), r))
			n = len(buf)
		}
	}()
	n = d.Dissect(t, dir, buf, rec)
	if n < 0 {
		n = 0
	}
	if n > len(buf) {
		n = len(buf)
	}
	return n
}

func safeMatch(d dissect.Dissector, t dissect.Transport, dir dissect.Direction, payload []byte) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return d.Match(t, dir, payload)
}

func safeFrame(d dissect.FrameDissector, payload []byte, rec *dissect.Recorder) {
	defer func() {
		if r := recover(); r != nil {
			rec.Malformed()
		}
	}()
	d.DissectFrame(payload, rec)
}
