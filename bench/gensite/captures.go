package main

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/slate-ot/slate/internal/benchsite"
)

// endpoint is one side of a flow: host n of zone zi, or an address outside
// every zone (zi -1, n its last octet).
type endpoint struct {
	zi, n int
	port  int
}

func (e endpoint) ip() [4]byte {
	if e.zi < 0 {
		return [4]byte{198, 51, 100, byte(e.n)}
	}
	return [4]byte{10, byte(10 + e.zi), byte(e.n / 250), byte(e.n%250 + 1)}
}

func (e endpoint) mac() [6]byte {
	if e.zi < 0 {
		return [6]byte{0x02, 0, 0, 0, 0, 0x01}
	}
	return hostMAC(e.zi, e.n)
}

// service is what a server speaks, and how this flow departs from it.
type service struct {
	protocol, transport string
	port                int
}

var (
	otServices = []service{{"s7comm", "tcp", 102}, {"modbus", "tcp", 502}, {"enip", "tcp", 44818}, {"opcua", "tcp", 4840}, {"ntp", "udp", 123}}
	itServices = []service{{"tls", "tcp", 443}, {"dns", "udp", 53}, {"smb", "tcp", 445}, {"rdp", "tcp", 3389}, {"ssh", "tcp", 22}, {"ldap", "tcp", 389}}
	insecure   = []service{{"telnet", "tcp", 23}, {"ftp", "tcp", 21}, {"http", "tcp", 80}, {"snmp", "udp", 161}, {"smb1", "tcp", 445}}
)

// flow is one generated conversation.
type flow struct {
	svc                      service
	client, server           endpoint
	write, oldTLS, drift, l2 bool
}

// planner draws the flows as engine's BenchmarkScale does: most inside a
// zone, one in ten through a declared conduit, GOOSE in the cells, and a
// few hundred of each kind breaking a network check. A conversation
// repeats about ten times, each time from another client port.
type planner struct {
	*site
	total      int
	inside     []uint8 // uses of each conversation inside a zone
	throughput []uint8 // uses of each conversation through a conduit
}

func (s *site) planner() *planner {
	return &planner{site: s, total: benchsite.TotalWeight(),
		inside: make([]uint8, max(1, s.size.Flows/10)), throughput: make([]uint8, max(1, s.size.Flows/200))}
}

func (p *planner) pick(zi int) endpoint {
	return endpoint{zi: zi, n: p.rng.IntN(len(p.hosts[zi]))}
}

// port is the client port of the next use of a conversation: a base of
// its own and a count of its uses, so that the flows of a conversation
// stay apart.
func port(conv int, uses []uint8) int {
	i := conv % len(uses)
	u := int(uses[i])
	uses[i]++
	return 10000 + benchsite.Mix(conv, 9)%1000*50 + u%50
}

func cell(k int) int { return benchsite.ZoneIndex(fmt.Sprintf("cell-%02d", k%6+1)) }

// plan is flow k.
func (p *planner) plan(k int) flow {
	zone := benchsite.ZoneIndex
	conv := p.rng.IntN(max(1, p.size.Flows/10))
	odd := func(czi, szi int, svc service) flow {
		c, s := p.pick(czi), p.pick(szi)
		c.port, s.port = 49152+k%16384, svc.port
		return flow{svc: svc, client: c, server: s}
	}
	switch {
	case k%3001 == 5: // conduits: the enterprise straight into a cell
		return odd(zone("enterprise"), cell(k), otServices[1])
	case k%3011 == 7: // insecure management inside an OT zone
		return odd(cell(k), cell(k), insecure[k%len(insecure)])
	case k%3019 == 9: // ot_write_crossing: a write from engineering through its conduit
		f := odd(zone("engineering"), cell(k), otServices[1])
		f.write = true
		return f
	case k%3023 == 11: // external_reach: a cell host reaches an address no zone declares
		f := odd(cell(k), cell(k), itServices[k%2])
		f.server = endpoint{zi: -1, n: k%250 + 1, port: f.svc.port}
		return f
	case k%3037 == 13: // remote_session_mfa: RDP from the enterprise into SCADA
		return odd(zone("enterprise"), zone("scada"), itServices[3])
	case k%3041 == 15: // deprecated_crypto: TLS 1.0 inside the IT services
		f := odd(zone("it-services"), zone("it-services"), itServices[0])
		f.oldTLS = true
		return f
	case k%3049 == 17: // inventory_drift: a Modbus device names an unlisted vendor
		f := odd(cell(k), cell(k), otServices[1])
		f.drift = true
		return f
	case k%50 == 3: // layer 2: GOOSE inside a cell, a publisher of its own
		zi := cell(k)
		return flow{svc: service{"goose", "l2", 0}, client: endpoint{zi: zi, n: k / 50 % len(p.hosts[zi])}, server: endpoint{zi: zi, n: k / 50 / len(p.hosts[zi])}, l2: true}
	case k%10 == 9: // through a declared conduit
		conv %= max(1, p.size.Flows/200)
		c := benchsite.Conduits[conv%len(benchsite.Conduits)]
		czi, szi := zone(c.From), zone(c.To)
		svc := service{c.Protocol, c.Transport, c.Port}
		cl := endpoint{zi: czi, n: benchsite.Converse(len(p.hosts[czi]), conv, 0), port: port(conv, p.throughput)}
		sv := endpoint{zi: szi, n: benchsite.Converse(len(p.hosts[szi]), conv, 1), port: svc.port}
		return flow{svc: svc, client: cl, server: sv}
	}
	zi := benchsite.AssetZone(benchsite.Mix(conv, 3) % p.total)
	svc := itServices[conv%len(itServices)]
	if benchsite.Zones[zi].Kind == "ot" {
		svc = otServices[conv%len(otServices)]
	}
	cl := endpoint{zi: zi, n: benchsite.Converse(len(p.hosts[zi]), conv, 0), port: port(conv, p.inside)}
	sv := endpoint{zi: zi, n: benchsite.Converse(len(p.hosts[zi]), conv, 1), port: svc.port}
	return flow{svc: svc, client: cl, server: sv}
}

// span is the index of the span that captures f: where its server is
// (its client for an address outside the zones).
func (f flow) span() int {
	zi := f.server.zi
	if zi < 0 {
		zi = f.client.zi
	}
	return benchsite.SpanOf(benchsite.Zones[zi].Name)
}

// captureWriter writes the packets of one span.
type captureWriter struct {
	f       *os.File
	bw      *bufio.Writer
	pcap    *pcapgo.Writer
	ng      *pcapgo.NgWriter
	packets int
}

func newCaptureWriter(path string, ng bool) (*captureWriter, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	w := &captureWriter{f: f, bw: bufio.NewWriterSize(f, 1<<20)}
	if ng {
		w.ng, err = pcapgo.NewNgWriter(w.bw, layers.LinkTypeEthernet)
	} else {
		w.pcap = pcapgo.NewWriter(w.bw)
		err = w.pcap.WriteFileHeader(65535, layers.LinkTypeEthernet)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return w, nil
}

func (w *captureWriter) write(ts time.Time, frame []byte) error {
	w.packets++
	ci := gopacket.CaptureInfo{Timestamp: ts, CaptureLength: len(frame), Length: len(frame)}
	if w.ng != nil {
		return w.ng.WritePacket(ci, frame)
	}
	return w.pcap.WritePacket(ci, frame)
}

func (w *captureWriter) close() (int64, error) {
	if w.ng != nil {
		if err := w.ng.Flush(); err != nil {
			w.f.Close()
			return 0, err
		}
	}
	if err := w.bw.Flush(); err != nil {
		w.f.Close()
		return 0, err
	}
	st, err := w.f.Stat()
	if err != nil {
		w.f.Close()
		return 0, err
	}
	return st.Size(), w.f.Close()
}

// captures writes every span's capture over one day of traffic, the flows
// one after another, each a TCP handshake and its exchange (or UDP
// datagrams, or a GOOSE frame).
func (s *site) captures(dir string) (flows, packets int, bytes int64, err error) {
	ws := make([]*captureWriter, len(benchsite.Spans))
	for i, span := range benchsite.Spans {
		if ws[i], err = newCaptureWriter(filepath.Join(dir, "evidence", "captures", span+"."+captureExt(i)), captureExt(i) == "pcapng"); err != nil {
			return 0, 0, 0, err
		}
	}
	p := s.planner()
	start := time.Date(2026, 10, 28, 8, 0, 0, 0, time.UTC)
	step := 24 * time.Hour / time.Duration(max(1, s.size.Flows))
	var b frameBuilder
	for k := range s.size.Flows {
		f := p.plan(k)
		w := ws[f.span()]
		ts := start.Add(time.Duration(k) * step)
		for i, frame := range b.build(f, k) {
			if err := w.write(ts.Add(time.Duration(i)*time.Millisecond), frame); err != nil {
				return 0, 0, 0, err
			}
		}
	}
	for _, w := range ws {
		n, err := w.close()
		if err != nil {
			return 0, 0, 0, err
		}
		bytes += n
		packets += w.packets
	}
	return s.size.Flows, packets, bytes, nil
}

// message is one payload of an exchange.
type message struct {
	toServer bool
	payload  []byte
}

// frameBuilder builds a flow's frames into buffers it reuses.
type frameBuilder struct {
	buf    []byte
	frames [][]byte
}

// build returns the Ethernet frames of flow k.
func (b *frameBuilder) build(f flow, k int) [][]byte {
	b.buf, b.frames = b.buf[:0], b.frames[:0]
	if f.l2 {
		b.goose(f, k)
		return b.frames
	}
	msgs := exchange(f, k)
	if f.svc.transport == "udp" {
		for _, m := range msgs {
			b.ip(f, m.toServer, 17, 0, 0, 0, m.payload)
		}
		return b.frames
	}
	cseq, sseq := uint32(benchsite.Mix(k, 5)), uint32(benchsite.Mix(k, 6))
	b.ip(f, true, 6, cseq, 0, tcpSYN, nil)
	b.ip(f, false, 6, sseq, cseq+1, tcpSYN|tcpACK, nil)
	cseq, sseq = cseq+1, sseq+1
	for _, m := range msgs {
		if m.toServer {
			b.ip(f, true, 6, cseq, sseq, tcpPSH|tcpACK, m.payload)
			cseq += uint32(len(m.payload))
		} else {
			b.ip(f, false, 6, sseq, cseq, tcpPSH|tcpACK, m.payload)
			sseq += uint32(len(m.payload))
		}
	}
	return b.frames
}

const (
	tcpSYN = 0x02
	tcpPSH = 0x08
	tcpACK = 0x10
)

// ip appends an Ethernet, IPv4 and TCP or UDP frame.
func (b *frameBuilder) ip(f flow, toServer bool, proto byte, seq, ack uint32, flags byte, payload []byte) {
	src, dst := f.client, f.server
	if !toServer {
		src, dst = dst, src
	}
	l4 := 20
	if proto == 17 {
		l4 = 8
	}
	start := len(b.buf)
	smac, dmac, sip, dip := src.mac(), dst.mac(), src.ip(), dst.ip()
	b.buf = append(b.buf, dmac[:]...)
	b.buf = append(b.buf, smac[:]...)
	b.buf = append(b.buf, 0x08, 0x00)
	iph := len(b.buf)
	b.buf = append(b.buf, 0x45, 0, 0, 0, 0, 0, 0x40, 0, 64, proto, 0, 0)
	binary.BigEndian.PutUint16(b.buf[iph+2:], uint16(20+l4+len(payload)))
	b.buf = append(b.buf, sip[:]...)
	b.buf = append(b.buf, dip[:]...)
	binary.BigEndian.PutUint16(b.buf[iph+10:], checksum(b.buf[iph:iph+20]))
	b.buf = binary.BigEndian.AppendUint16(b.buf, uint16(src.port))
	b.buf = binary.BigEndian.AppendUint16(b.buf, uint16(dst.port))
	if proto == 6 {
		b.buf = binary.BigEndian.AppendUint32(b.buf, seq)
		b.buf = binary.BigEndian.AppendUint32(b.buf, ack)
		b.buf = append(b.buf, 5<<4, flags, 0x20, 0x00, 0, 0, 0, 0)
	} else {
		b.buf = binary.BigEndian.AppendUint16(b.buf, uint16(8+len(payload)))
		b.buf = append(b.buf, 0, 0)
	}
	b.buf = append(b.buf, payload...)
	b.frames = append(b.frames, b.buf[start:len(b.buf):len(b.buf)])
}

// goose appends a GOOSE frame from the client to a multicast group.
func (b *frameBuilder) goose(f flow, k int) {
	start := len(b.buf)
	smac := f.client.mac()
	b.buf = append(b.buf, 0x01, 0x0c, 0xcd, 0x01, byte(f.server.n>>8&1), byte(f.server.n))
	b.buf = append(b.buf, smac[:]...)
	b.buf = append(b.buf, 0x88, 0xb8)
	pdu := make([]byte, 60)
	binary.BigEndian.PutUint16(pdu[0:], uint16(f.client.n))
	binary.BigEndian.PutUint16(pdu[2:], uint16(len(pdu)))
	pdu[8], pdu[9] = 0x61, byte(len(pdu)-10)
	pdu[10], pdu[11] = 0x80, 0x04
	copy(pdu[12:], "GCB1")
	pdu[16], pdu[17], pdu[18] = 0x85, 0x01, byte(k)
	b.buf = append(b.buf, pdu...)
	b.frames = append(b.frames, b.buf[start:len(b.buf):len(b.buf)])
}

func checksum(b []byte) uint16 {
	var s uint32
	for i := 0; i+1 < len(b); i += 2 {
		s += uint32(b[i])<<8 | uint32(b[i+1])
	}
	for s > 0xffff {
		s = s>>16 + s&0xffff
	}
	return ^uint16(s)
}
