package zeek

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// tuple is a Zeek connection id: originator and responder address and
// port. It is what every protocol log carries, and what joins it to the
// conn record (the uid stands for it within one Zeek run).
type tuple struct {
	orig, resp netip.Addr
	op, rp     uint16
}

// convKey is one conversation, as the capture collector keys flows:
// transport, both ends and the VLAN tags.
type convKey struct {
	tuple
	proto       string // "tcp" or "udp"
	vlan, inner int
}

// convID is a convKey packed into plain bytes, the key of the
// conversation maps: it hashes and compares as one block of memory, where
// convKey's addresses and strings are hashed field by field.
type convID [64]byte

// id packs k: both addresses as 16 bytes and whether each is IPv4, the
// ports, the transport, the VLAN tags and each address's zone by number.
func (k convKey) id() convID {
	var id convID
	o, r := k.orig.As16(), k.resp.As16()
	copy(id[0:16], o[:])
	copy(id[16:32], r[:])
	binary.LittleEndian.PutUint16(id[32:], k.op)
	binary.LittleEndian.PutUint16(id[34:], k.rp)
	var flags byte
	if k.orig.Is4() {
		flags |= 1
	}
	if k.resp.Is4() {
		flags |= 2
	}
	switch k.proto {
	case "tcp":
		flags |= 4
	case "udp":
		flags |= 8
	}
	id[36] = flags
	binary.LittleEndian.PutUint64(id[37:], uint64(k.vlan))
	binary.LittleEndian.PutUint64(id[45:], uint64(k.inner))
	binary.LittleEndian.PutUint32(id[53:], zoneNumber(k.orig.Zone()))
	binary.LittleEndian.PutUint32(id[57:], zoneNumber(k.resp.Zone()))
	return id
}

// zones numbers the IPv6 zones of addresses ("fe80::1%eth0"), which Zeek
// hardly ever writes, for convID: 0 is none.
var zones struct {
	sync.Mutex
	n map[string]uint32
}

func zoneNumber(z string) uint32 {
	if z == "" {
		return 0
	}
	zones.Lock()
	defer zones.Unlock()
	if zones.n == nil {
		zones.n = map[string]uint32{}
	}
	n, ok := zones.n[z]
	if !ok {
		n = uint32(len(zones.n) + 1)
		zones.n[strings.Clone(z)] = n
	}
	return n
}

// conv is one conversation accumulated from conn records.
type conv struct {
	key          convKey
	protocol     string
	service      string // Zeek's own service names, as written
	identifiedBy string
	pkts, bytes  [2]int64
	first, last  int64
	handshake    bool
	macs         [2]string
	conns        int
	cite         Citation
	// file is the index, in the source's sorted files, of the file of
	// the first record: conversations past max_flows are dropped in
	// that order.
	file    int
	macFile [2]int // the file index of each MAC
}

// appKey is the facts of one protocol log family on one connection id.
type appKey struct {
	tuple
	protocol string
	// tier orders the logs of one protocol that say the same thing: the
	// facts of the lowest tier on a conversation are kept (ICSNPP's
	// modbus_detailed over modbus.log), so one operation is counted once.
	tier int
}

// app is the facts one file gave one connection id.
type app struct {
	key         appKey
	rec         *factRec
	first, last int64
	records     int
	cite        Citation
	// merged is the worker's facts of the key from earlier files, nil
	// when this file is the first to name it.
	merged *mergedApp
}

// Citation points at the log line a record came from.
type Citation struct {
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
	Line   int    `json:"line"`
	UID    string `json:"uid,omitempty"`
}

// aggregate is everything one worker read from a run of consecutive
// files (in the source's sorted order), bounded by the conversations and
// devices they name, not by their lines or their number. Conversations
// are folded record by record across the files; protocol facts are
// gathered per file (apps) and folded into merged at the end of each.
// Every merge rule (sums, minima and maxima, the first citation, MAC,
// service and protocol in file and line order, MergeFacts) is
// associative, so the result of merging the workers' aggregates in file
// order does not depend on how the files were split between workers.
type aggregate struct {
	key    []byte
	convs  map[convID]*conv
	strs   map[string]string // interned service lists
	merged map[appKey]*mergedApp
	seq    []*mergedApp // merged in first-seen order: file, then key

	// The file being read.
	file    string
	fileIdx int
	apps    map[appKey]*app
	// free are recorders and apps of earlier files, reset for reuse.
	free    []*app
	first   int64
	last    int64
	timed   bool
	packets int64 // of the file's conn records
	bytes   int64

	// The columns of the fields every record and conn records are read
	// by, resolved once per schema.
	common, connFields *fieldSet
}

// The fields every record is read by, in the order of commonFields.
const (
	fTS = iota
	fOrigH
	fRespH
	fOrigP
	fRespP
	fUID
)

var commonFields = []string{"ts", "id.orig_h", "id.resp_h", "id.orig_p", "id.resp_p", "uid"}

// The fields of conn records, in the order of connFieldNames; the six
// counts first.
const (
	fOrigPkts = iota
	fRespPkts
	fOrigIPBytes
	fRespIPBytes
	fOrigBytes
	fRespBytes
	fProto
	fVLAN
	fInnerVLAN
	fDuration
	fHistory
	fOrigL2
	fRespL2
	fService
)

var connFieldNames = []string{"orig_pkts", "resp_pkts", "orig_ip_bytes", "resp_ip_bytes", "orig_bytes", "resp_bytes",
	"proto", "vlan", "inner_vlan", "duration", "history", "orig_l2_addr", "resp_l2_addr", "service"}

func newAggregate(key []byte) *aggregate {
	return &aggregate{key: key, convs: map[convID]*conv{}, strs: map[string]string{}, merged: map[appKey]*mergedApp{}, apps: map[appKey]*app{},
		common: newFieldSet(commonFields...), connFields: newFieldSet(connFieldNames...)}
}

// startFile readies the aggregate for the file of index idx.
func (a *aggregate) startFile(rel string, idx int) {
	a.file, a.fileIdx = rel, idx
	clear(a.apps)
	a.first, a.last, a.timed = 0, 0, false
	a.packets, a.bytes = 0, 0
}

// endFile folds the protocol facts of the file just read into the
// worker's: those of keys earlier files named into their facts, the new
// ones in key order, as the merge of files does.
func (a *aggregate) endFile() {
	var fresh []*app
	for _, ap := range a.apps {
		g := ap.merged
		if g == nil {
			fresh = append(fresh, ap)
			continue
		}
		g.facts = ap.rec.fold(g.facts)
		g.first, g.last = min(g.first, ap.first), max(g.last, ap.last)
		a.release(ap)
	}
	slices.SortFunc(fresh, func(x, y *app) int { return compareAppKey(x.key, y.key) })
	for _, ap := range fresh {
		g := &mergedApp{key: ap.key, facts: ap.rec.fold(nil), first: ap.first, last: ap.last, cite: ap.cite}
		a.merged[ap.key] = g
		a.seq = append(a.seq, g)
		a.release(ap)
	}
	clear(a.apps)
}

// release keeps ap and its recorder for another key or file.
func (a *aggregate) release(ap *app) {
	ap.rec.reset()
	*ap = app{rec: ap.rec}
	a.free = append(a.free, ap)
}

func (a *aggregate) fail(rec *Record, format string, args ...any) error {
	return &LineError{Line: rec.Line, Err: fmt.Errorf(format, args...)}
}

// add reads one record into the aggregate.
func (a *aggregate) add(rec *Record, lf *LogFile) error {
	h, ok := handlers[rec.Path]
	if !ok {
		lf.Skipped[rec.Path]++
		return nil
	}
	lf.Logs[rec.Path]++
	var ts int64
	if s, ok := rec.at(a.common.of(rec)[fTS]); ok {
		t, err := ParseTime(s)
		if err != nil {
			return a.fail(rec, "field ts: %v", err)
		}
		ts = t
		if !a.timed || t < a.first {
			a.first = t
		}
		if !a.timed || t > a.last {
			a.last = t
		}
		a.timed = true
	}
	return h(a, rec, ts)
}

// connID reads a record's id.* fields; ok is false when it has none.
func (a *aggregate) connID(rec *Record) (tuple, bool, error) {
	f := a.common.of(rec)
	oh, ok1 := rec.at(f[fOrigH])
	rh, ok2 := rec.at(f[fRespH])
	if !ok1 || !ok2 {
		return tuple{}, false, nil
	}
	var t tuple
	var err error
	if t.orig, err = netip.ParseAddr(oh); err != nil {
		return t, false, a.fail(rec, "field id.orig_h %q is not an address", excerpt(oh))
	}
	if t.resp, err = netip.ParseAddr(rh); err != nil {
		return t, false, a.fail(rec, "field id.resp_h %q is not an address", excerpt(rh))
	}
	t.orig, t.resp = t.orig.Unmap(), t.resp.Unmap()
	if t.op, err = port(rec.getAt(f[fOrigP])); err != nil {
		return t, false, a.fail(rec, "field id.orig_p: %v", err)
	}
	if t.rp, err = port(rec.getAt(f[fRespP])); err != nil {
		return t, false, a.fail(rec, "field id.resp_p: %v", err)
	}
	return t, true, nil
}

func port(s string) (uint16, error) {
	if s == "" {
		return 0, nil
	}
	if n, ok := digits(s); ok && n <= 0xffff {
		return uint16(n), nil
	}
	// JSON may write a port with its transport ("502/tcp").
	s, _, _ = strings.Cut(s, "/")
	n, err := strconv.ParseUint(s, 10, 16)
	if err != nil {
		return 0, fmt.Errorf("%q is not a port", excerpt(s))
	}
	return uint16(n), nil
}

func count(rec *Record, name string) (int64, error) {
	i, ok := rec.cols[name]
	if !ok {
		i = -1
	}
	return countAt(rec, i, name)
}

// countAt is count of the column i, named name.
func countAt(rec *Record, i int, name string) (int64, error) {
	s, ok := rec.at(i)
	if !ok {
		return 0, nil
	}
	if n, ok := digits(s); ok {
		return n, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		// Some exports write counts as floats.
		f, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil || f < 0 || f > 1<<62 {
			return 0, fmt.Errorf("field %s %q is not a count", name, excerpt(s))
		}
		n = int64(f)
	}
	return n, nil
}

// digits reads a count written as plain decimal digits, as Zeek writes
// them, without strconv's general path; false for anything else (a
// sign, a float, more than 18 digits), which ParseInt then reads.
func digits(s string) (int64, bool) {
	if len(s) == 0 || len(s) > 18 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i] - '0'
		if c > 9 {
			return 0, false
		}
		n = n*10 + int64(c)
	}
	return n, true
}

func (a *aggregate) cite(rec *Record) Citation {
	// A copy: the record's values are slices of its line, which the
	// reader reuses.
	return Citation{File: a.file, Line: rec.Line, UID: strings.Clone(rec.getAt(a.common.of(rec)[fUID]))}
}

// conn reads a conn.log record: one connection, added to its conversation.
func (a *aggregate) conn(rec *Record, ts int64) error {
	t, ok, err := a.connID(rec)
	if err != nil || !ok {
		if err == nil {
			err = a.fail(rec, "conn record without id.orig_h and id.resp_h")
		}
		return err
	}
	f := a.connFields.of(rec)
	var proto string
	switch rec.getAt(f[fProto]) {
	case "tcp":
		proto = "tcp" // the constant, not the line's bytes: it is kept
	case "udp":
		proto = "udp"
	default:
		return nil // icmp and unknown transports are no flows of the model
	}
	k := convKey{tuple: t, proto: proto}
	if v, ok := rec.at(f[fVLAN]); ok {
		n, err := strconv.Atoi(v)
		if err != nil {
			return a.fail(rec, "field vlan %q is not a number", excerpt(v))
		}
		k.vlan = n
	}
	if v, ok := rec.at(f[fInnerVLAN]); ok {
		n, err := strconv.Atoi(v)
		if err != nil {
			return a.fail(rec, "field inner_vlan %q is not a number", excerpt(v))
		}
		k.inner = n
	}
	var vals [6]int64
	for i := range vals {
		n, err := countAt(rec, f[fOrigPkts+i], connFieldNames[fOrigPkts+i])
		if err != nil {
			return a.fail(rec, "%v", err)
		}
		vals[i] = n
	}
	var dur int64
	if s, ok := rec.at(f[fDuration]); ok {
		d, err := ParseDuration(s)
		if err != nil {
			return a.fail(rec, "field duration: %v", err)
		}
		dur = d
	}
	a.packets += vals[0] + vals[1]
	a.bytes += vals[2] + vals[3]
	id := k.id()
	c := a.convs[id]
	if c == nil {
		c = &conv{key: k, first: ts, last: ts + dur, cite: a.cite(rec), file: a.fileIdx}
		a.convs[id] = c
	}
	c.conns++
	c.pkts[0] += vals[0]
	c.pkts[1] += vals[1]
	c.bytes[0] += vals[2]
	c.bytes[1] += vals[3]
	c.first, c.last = min(c.first, ts), max(c.last, ts+dur)
	if a.timed && ts+dur > a.last {
		a.last = ts + dur
	}
	h := rec.getAt(f[fHistory])
	if strings.Contains(h, "S") && strings.Contains(h, "h") && strings.Contains(h, "A") {
		c.handshake = true
	}
	// The MACs are those of the earliest file that has one, the last
	// in that file.
	for i := range 2 {
		if c.macs[i] != "" && c.macFile[i] != a.fileIdx {
			continue
		}
		if m := rec.getAt(f[fOrigL2+i]); m != "" && m != c.macs[i] {
			c.macs[i], c.macFile[i] = strings.Clone(m), a.fileIdx
		}
	}
	// service is a string of comma-separated analyser names in conn.log
	// ("cotp,s7comm", "ssl,rdp"); some exports write it as a set, which
	// reads as its elements joined by ",".
	// A record naming the services the conversation has (as it mostly
	// does: each connection of one conversation is the same protocol)
	// changes nothing: each was read into it before, by the rules below,
	// which give the same result when a service is read again.
	if l := rec.getAt(f[fService]); l != "" && l != c.service {
		// The lists are interned: comparing the next record's with one
		// of the few distinct lists a worker has reads memory in cache,
		// not a copy of its own per conversation.
		for s := range strings.SplitSeq(l, ",") {
			s = strings.ToLower(strings.TrimSpace(s))
			if s == "" {
				continue
			}
			if !hasService(c.service, s) {
				c.service = strings.TrimPrefix(c.service+","+s, ",")
			}
			if p := serviceProtocol(s); p != "" && (c.protocol == "" || c.identifiedBy == "port") {
				c.protocol, c.identifiedBy = p, "payload"
			}
		}
		c.service = a.intern(c.service)
	}
	if c.protocol == "" && vals[4]+vals[5] > 0 {
		if p := portProtocol(proto, t.rp, t.op); p != "" {
			c.protocol, c.identifiedBy = p, "port"
		}
	}
	return nil
}

// intern returns the worker's copy of s, made once.
func (a *aggregate) intern(s string) string {
	if t, ok := a.strs[s]; ok {
		return t
	}
	a.strs[s] = s
	return s
}

// op counts one operation on a connection id in the facts of protocol.
func (a *aggregate) appFor(rec *Record, ts int64, protocol string, tier int) (*app, error) {
	t, ok, err := a.connID(rec)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, nil
	}
	k := appKey{tuple: t, protocol: protocol, tier: tier}
	ap := a.apps[k]
	if ap == nil {
		if n := len(a.free); n > 0 {
			ap = a.free[n-1]
			a.free = a.free[:n-1]
		} else {
			ap = &app{rec: newFactRec(a.key)}
		}
		ap.key, ap.first, ap.last, ap.cite, ap.merged = k, ts, ts, a.cite(rec), a.merged[k]
		a.apps[k] = ap
	}
	ap.records++
	ap.first, ap.last = min(ap.first, ts), max(ap.last, ts)
	if ts != 0 {
		ap.rec.SetTime(ts)
	}
	return ap, nil
}

// hasService reports whether the comma-separated list services holds s.
func hasService(services, s string) bool {
	for x := range strings.SplitSeq(services, ",") {
		if x == s {
			return true
		}
	}
	return false
}
