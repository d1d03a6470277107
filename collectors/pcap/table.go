package pcap

import (
	"bytes"

	"github.com/gopacket/gopacket/layers"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// flowKey identifies a conversation whichever way a packet travels: the
// lower endpoint is a. For layer-2 flows a and b hold MAC addresses and pa
// the EtherType.
//
// It has no padding, so that maps hash and compare it as one block of
// memory rather than field by field.
type flowKey struct {
	a, b   [16]byte
	pa, pb uint16
	vlan   [2]uint16
	proto  uint8 // 6 TCP, 17 UDP, 0 layer 2
	zero   uint8 // always 0: fills what would be padding
}

// Identification of a flow's application protocol.
const (
	byNone uint8 = iota
	byPayload
	byPort
	byEtherType
)

const maxMatchTries = 4

// flow is one conversation being read. Index 0 of the per-direction arrays
// is client to server.
type flow struct {
	key       flowKey
	clientIsA bool
	prioTag   bool  // some frame of it carried an 802.1Q tag with VLAN id 0
	hs        uint8 // 1 SYN, 2 SYN-ACK, 4 ACK of the handshake
	payloads  bool
	by        uint8
	tries     uint8
	mac       [2][6]byte // client, server (source MAC of their frames)
	haveMAC   [2]bool
	group     [2]bool // the end was addressed by a group MAC
	pkts      [2]int64
	bytes     [2]int64
	first     int64
	last      int64
	d         dissect.Dissector
	fd        dissect.FrameDissector
	name      string
	rec       *dissect.Recorder
	// Each direction of a TCP flow is reassembled in order: next is the
	// sequence number expected next, once started; held the bytes the
	// dissector has not consumed yet, nil until a flow has any (most
	// never do).
	next    [2]uint32
	started [2]bool
	held    *[2][]byte
	gaps    int
	skipped int
	seq     int64 // number in the capture of the packet that started it
}

type table struct {
	index   flowIndex // of order
	order   []*flow   // creation order
	last    *flow     // of the packet before: a reply mostly follows its request
	dropped int
	arps    map[arpKey]struct{}
	arpList []arpKey
	arpSeq  []int64 // number in the capture of each binding's first packet
}

type arpKey struct {
	ip   [16]byte
	mac  [6]byte
	vlan [2]uint16
}

// maxARP bounds the address bindings a capture's table keeps (a variable
// only so that tests can reach it with a small capture).
var maxARP = 1 << 16

func newTable() *table {
	return &table{arps: map[arpKey]struct{}{}}
}

func (t *table) arp(ip [16]byte, mac [6]byte, vlan [2]uint16, seq int64) {
	k := arpKey{ip, mac, vlan}
	if _, ok := t.arps[k]; ok || len(t.arps) >= maxARP {
		return
	}
	t.arps[k] = struct{}{}
	t.arpList = append(t.arpList, k)
	t.arpSeq = append(t.arpSeq, seq)
}

// lookup finds or starts the flow of a packet from (s, sp) to (d, dp);
// aIsSrc tells whether the source is the key's a end. It returns nil when
// the table is full.
func (t *table) lookup(w *worker, proto uint8, s, d [16]byte, sp, dp uint16) (f *flow, aIsSrc, isNew bool) {
	k := flowKey{proto: proto, vlan: w.vlan}
	c := bytes.Compare(s[:], d[:])
	aIsSrc = c < 0 || (c == 0 && sp <= dp)
	if aIsSrc {
		k.a, k.b, k.pa, k.pb = s, d, sp, dp
	} else {
		k.a, k.b, k.pa, k.pb = d, s, dp, sp
	}
	if f = t.last; f != nil && f.key.equal(&k) {
		return f, aIsSrc, false
	}
	p, h := t.index.find(&k, t.order)
	if p >= 0 {
		t.last = t.order[p]
		return t.last, aIsSrc, false
	}
	if len(t.order) >= w.opts.maxFlows {
		t.dropped++
		return nil, aIsSrc, false
	}
	f = &flow{key: k, seq: w.seq}
	t.index.add(h, len(t.order))
	t.order = append(t.order, f)
	t.last = f
	return f, aIsSrc, true
}

// transport handles a TCP (tcp != nil) or UDP packet.
func (t *table) transport(w *worker, ts int64, length int, proto uint8, s, d [16]byte, sp, dp uint16,
	smac, dmac [6]byte, haveMAC bool, tcp *layers.TCP, payload []byte) {
	f, aIsSrc, isNew := t.lookup(w, proto, s, d, sp, dp)
	if f == nil {
		return
	}
	if isNew {
		f.first = ts
		f.clientIsA = aIsSrc
		if tcp != nil && tcp.SYN && tcp.ACK {
			f.clientIsA = !aIsSrc // the SYN-ACK sender responds
		}
	}
	dir := dissect.ToServer
	if aIsSrc != f.clientIsA {
		dir = dissect.ToClient
	}
	f.prioTag = f.prioTag || w.prioTag
	f.pkts[dir]++
	f.bytes[dir] += int64(length)
	if ts < f.first {
		f.first = ts
	}
	if ts > f.last {
		f.last = ts
	}
	if haveMAC && !f.haveMAC[dir] {
		f.mac[dir], f.haveMAC[dir] = smac, true
	}
	if haveMAC && dmac[0]&1 != 0 {
		f.group[1-dir] = true // sent to a broadcast or multicast MAC
	} else if haveMAC && !f.haveMAC[1-dir] && dmac != ([6]byte{}) {
		f.mac[1-dir], f.haveMAC[1-dir] = dmac, true
	}
	tr := dissect.UDP
	if tcp != nil {
		tr = dissect.TCP
		switch {
		case tcp.SYN && !tcp.ACK && dir == dissect.ToServer:
			f.hs |= 1
		case tcp.SYN && tcp.ACK && dir == dissect.ToClient && f.hs&1 != 0:
			f.hs |= 2
		case !tcp.SYN && tcp.ACK && dir == dissect.ToServer && f.hs&3 == 3:
			f.hs |= 4
		}
	}
	if len(payload) == 0 && (tcp == nil || !tcp.SYN) {
		return
	}
	if len(payload) > 0 {
		f.payloads = true
	}
	if f.by == byNone && len(payload) > 0 {
		w.identify(f, tr, dir, payload)
	}
	if f.d == nil {
		return
	}
	f.rec.SetTime(ts)
	if tcp == nil {
		safeDissect(f.d, tr, dir, payload, f.rec)
		return
	}
	f.feed(dir, tcp, payload)
}

// identify asks the dissectors whether payload is theirs: those registered
// for the flow's ports first, then every other. After maxMatchTries
// payloads without a match the flow is labelled by port, if one is known.
func (w *worker) identify(f *flow, tr dissect.Transport, dir dissect.Direction, payload []byte) {
	sp, cp := f.serverPort(), f.clientPort()
	cands := w.portIndex[dissect.Port{Transport: tr, Number: sp}]
	for _, d := range cands {
		if safeMatch(d, tr, dir, payload) {
			w.matched(f, d)
			return
		}
	}
	for _, d := range w.c.tcp {
		if safeMatch(d, tr, dir, payload) {
			w.matched(f, d)
			return
		}
	}
	f.tries++
	if f.tries < maxMatchTries {
		return
	}
	f.by = byPort // tried enough; even with no port, stop asking
	if len(cands) == 0 {
		cands = w.portIndex[dissect.Port{Transport: tr, Number: cp}]
	}
	if len(cands) > 0 {
		f.name = cands[0].Name()
	}
}

func (w *worker) matched(f *flow, d dissect.Dissector) {
	f.by, f.d, f.name = byPayload, d, d.Name()
	f.rec = dissect.NewRecorder(w.src.FingerprintKey)
}

func (f *flow) serverPort() uint16 {
	if f.clientIsA {
		return f.key.pb
	}
	return f.key.pa
}

func (f *flow) clientPort() uint16 {
	if f.clientIsA {
		return f.key.pa
	}
	return f.key.pb
}

// feed gives one TCP segment's payload to the flow's dissector in stream
// order. Retransmitted bytes are trimmed; a hole (a lost or out-of-order
// segment) is counted as a gap and the direction restarts at the new
// segment, dropping what was buffered. Bytes the dissector has not
// consumed are kept, up to dissect.MaxBuffer; past that they are skipped.
func (f *flow) feed(dir dissect.Direction, tcp *layers.TCP, payload []byte) {
	seq := tcp.Seq
	if tcp.SYN {
		seq++
		if !f.started[dir] {
			f.next[dir], f.started[dir] = seq, true
		}
	}
	if len(payload) == 0 {
		return
	}
	if !f.started[dir] {
		f.next[dir], f.started[dir] = seq, true
	}
	var held []byte
	if f.held != nil {
		held = f.held[dir]
	}
	if diff := int32(seq - f.next[dir]); diff < 0 {
		if int(-diff) >= len(payload) {
			return // retransmission
		}
		payload = payload[-diff:]
	} else if diff > 0 {
		f.gaps++
		held = held[:0]
	}
	f.next[dir] = seq + uint32(len(payload))
	switch {
	case len(held) == 0:
		n := safeDissect(f.d, dissect.TCP, dir, payload, f.rec)
		held = f.keep(held, payload[n:])
	case len(held)+len(payload) > dissect.MaxBuffer:
		f.skipped++
		n := safeDissect(f.d, dissect.TCP, dir, payload, f.rec)
		held = f.keep(held[:0], payload[n:])
	default:
		held = append(held, payload...)
		n := safeDissect(f.d, dissect.TCP, dir, held, f.rec)
		held = held[:copy(held, held[n:])]
	}
	if f.held == nil && len(held) > 0 {
		f.held = new([2][]byte)
	}
	if f.held != nil {
		f.held[dir] = held
	}
}

// keep returns held (empty) with the bytes the dissector left, unless
// they are more than it may hold.
func (f *flow) keep(held, rest []byte) []byte {
	if len(rest) == 0 {
		return held
	}
	if len(rest) > dissect.MaxBuffer {
		f.skipped++
		return held
	}
	return append(held[:0], rest...)
}

// frame handles a layer-2 frame of a protocol dissected by EtherType.
func (t *table) frame(w *worker, ts int64, length int, smac, dmac [6]byte, et uint16, fd dissect.FrameDissector, payload []byte) {
	var s, d [16]byte
	copy(s[:], smac[:])
	copy(d[:], dmac[:])
	// Layer-2 flows are keyed with the EtherType on both ends, so the
	// source's order decides a and b as for IP flows.
	f, aIsSrc, isNew := t.lookup(w, 0, s, d, et, et)
	if f == nil {
		return
	}
	if isNew {
		f.first, f.clientIsA = ts, aIsSrc
		f.by, f.name, f.fd = byEtherType, frameNames[et], fd
		if fd != nil {
			f.name = fd.Name()
			f.rec = dissect.NewRecorder(w.src.FingerprintKey)
		}
	}
	dir := dissect.ToServer
	if aIsSrc != f.clientIsA {
		dir = dissect.ToClient
	}
	f.prioTag = f.prioTag || w.prioTag
	f.pkts[dir]++
	f.bytes[dir] += int64(length)
	f.first, f.last = min(f.first, ts), max(f.last, ts)
	if !f.haveMAC[dir] {
		f.mac[dir], f.haveMAC[dir] = smac, true
	}
	if !f.haveMAC[1-dir] {
		f.mac[1-dir], f.haveMAC[1-dir] = dmac, true
	}
	if f.fd != nil {
		f.rec.SetTime(ts)
		safeFrame(f.fd, payload, f.rec)
	}
}
