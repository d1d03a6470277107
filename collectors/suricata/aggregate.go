package suricata

import (
	"cmp"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// tuple is a flow's transport, ends and VLAN ids as an event states them:
// src first.
type tuple struct {
	proto       string // "tcp" or "udp"
	src, dst    netip.Addr
	sp, dp      uint16
	vlan, inner int
}

// flipped returns the tuple seen from the other end.
func (t tuple) flipped() tuple {
	t.src, t.dst, t.sp, t.dp = t.dst, t.src, t.dp, t.sp
	return t
}

// canon is the tuple with its ends in a fixed order, so that both
// directions of one conversation give one key.
func (t tuple) canon() tuple {
	if c := t.src.Compare(t.dst); c > 0 || c == 0 && t.sp > t.dp {
		return t.flipped()
	}
	return t
}

func compareTuple(a, b tuple) int {
	return cmp.Or(cmp.Compare(a.proto, b.proto), a.src.Compare(b.src), cmp.Compare(a.sp, b.sp),
		a.dst.Compare(b.dst), cmp.Compare(a.dp, b.dp), cmp.Compare(a.vlan, b.vlan), cmp.Compare(a.inner, b.inner))
}

// flowKey is one flow of one sensor: Suricata's flow_id (0 for events
// without one) and the canonical tuple, so that two flows a run happened
// to give one id stay apart.
type flowKey struct {
	id    uint64
	tuple tuple
}

// How sure a flow's orientation (which end is the client) is: a flow
// event states it; app-layer events are logged client first; an alert
// follows its packet, which its direction or flow section set right;
// else the ports decide.
const (
	orientGuess = iota
	orientAlert
	orientApp
	orientFlow
)

// citation is where a record came from: the file and line (the file's
// digest is in provenance).
type citation struct {
	file string
	line int
}

func (c citation) String() string { return c.file + ":" + strconv.Itoa(c.line) }

// alertKey is one signature on one flow.
type alertKey struct {
	gid, sid, rev int64
	action        string
}

// alertAcc is the alerts of one signature on one flow.
type alertAcc struct {
	key         alertKey
	signature   string
	category    string
	severity    int64
	count       int
	first, last int64
	cite        citation
}

// MaxAlerts bounds the distinct signatures kept per flow; alerts of
// others are counted (Data's alerts_dropped).
const MaxAlerts = 32

// flowAcc is one flow accumulated from the events of one file (and then
// of every file of its sensor).
type flowAcc struct {
	key    flowKey
	t      tuple // oriented client first, as well as known
	orient int
	// hasFlow is set when a flow event gave the counters.
	hasFlow bool
	// nfPkts and nfBytes are what netflow events counted, used for
	// flows without a flow event.
	nfPkts, nfBytes [2]int64
	// synAck is set when the flow event's TCP flags show the handshake.
	synAck      bool
	pkts, bytes [2]int64
	start, end  int64
	state       string
	appProto    string // Suricata's name
	macs        [2]string
	first, last int64 // times of the flow's events
	rec         *dissect.Recorder
	cite        citation // the flow event, else the first event
	flowCite    bool
	alerts      map[alertKey]*alertAcc
	alertsDrop  int
	events      int
	// ftpUser is the account of the last FTP USER command, for the PASS
	// that follows it.
	ftpUser string
}

// aggregate is what one file gave: bounded by its flows, not its lines.
type aggregate struct {
	key     []byte
	file    string
	flows   map[flowKey]*flowAcc
	byTuple map[tuple]*flowAcc // canonical tuple to the latest flow with it
	// bindings are DHCP leases: an address and the MAC it was given to.
	bindings []binding
	counts   map[string]int // records read, by event type
	skipped  map[string]int // records of event types not read
	noFlow   int            // records of a read type naming no flow
	// loose are alerts on packets of no TCP or UDP flow (ICMP, decoder
	// alerts), by their ends.
	loose map[looseKey]*alertAcc
	host  string
	line  int // the line being read
	first int64
	last  int64
	timed bool
}

type looseKey struct {
	proto, src, dst string
	alert           alertKey
}

// MaxLooseAlerts bounds the alerts of no flow kept per file.
const MaxLooseAlerts = 1 << 14

type binding struct {
	ip   netip.Addr
	mac  [6]byte
	vlan int
}

func newAggregate(key []byte, file string) *aggregate {
	return &aggregate{key: key, file: file, flows: map[flowKey]*flowAcc{}, byTuple: map[tuple]*flowAcc{},
		counts: map[string]int{}, skipped: map[string]int{}, loose: map[looseKey]*alertAcc{}}
}

// handlers read the app-layer and other sections of the event types this
// collector reads, once the event is joined to its flow.
var handlers = map[string]func(a *aggregate, f *flowAcc, e *Event) error{
	"flow":    nil,
	"netflow": nil,
	"alert":   (*aggregate).alert,
	"anomaly": anomalyEvent,
	"modbus":  modbusEvent,
	"dnp3":    dnp3Event,
	"enip":    enipEvent,
	"cip":     enipEvent,
	"tls":     tlsEvent,
	"ssh":     sshEvent,
	"http":    httpEvent,
	"smb":     smbEvent,
	"rdp":     rdpEvent,
	"snmp":    snmpEvent,
	"ftp":     ftpEvent,
	"dhcp":    dhcpEvent,
	"dns":     dnsEvent,
	"ntp":     ntpEvent,
}

// EventTypes returns the event types the collector reads, sorted.
func EventTypes() []string {
	var out []string
	for k := range handlers {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// add reads one decoded event at line.
func (a *aggregate) add(e *Event, line int) error {
	h, known := handlers[e.EventType]
	if !known {
		a.skipped[e.EventType]++
		return nil
	}
	a.counts[e.EventType]++
	a.line = line
	ts, err := parseTime(e.Timestamp)
	if err != nil {
		return fmt.Errorf("field timestamp: %w", err)
	}
	if !a.timed || ts < a.first {
		a.first = ts
	}
	if !a.timed || ts > a.last {
		a.last = ts
	}
	a.timed = true
	if e.Host != "" && a.host == "" {
		a.host = e.Host
	}
	if e.EventType == "dhcp" && e.DHCP != nil {
		a.lease(e)
	}
	f, err := a.flowOf(e, ts, line)
	if err != nil {
		return err
	}
	if f == nil {
		if e.EventType == "alert" {
			return a.looseAlert(e, ts)
		}
		return nil
	}
	if e.EventType == "flow" || e.EventType == "netflow" {
		return a.flowEvent(f, e, line)
	}
	f.rec.SetTime(ts)
	return h(a, f, e)
}

// eventTuple reads the tuple of an event; ok is false for events without
// one and for transports other than TCP and UDP, which are no flows of the
// traffic model.
func eventTuple(e *Event) (tuple, bool, error) {
	if e.SrcIP == "" || e.DestIP == "" {
		return tuple{}, false, nil
	}
	proto := strings.ToLower(string(e.Proto))
	switch proto {
	case "tcp", "6", "006":
		proto = "tcp"
	case "udp", "17", "017":
		proto = "udp"
	default:
		return tuple{}, false, nil
	}
	src, err := netip.ParseAddr(e.SrcIP)
	if err != nil {
		return tuple{}, false, fmt.Errorf("field src_ip: %q is not an address", excerpt(e.SrcIP))
	}
	dst, err := netip.ParseAddr(e.DestIP)
	if err != nil {
		return tuple{}, false, fmt.Errorf("field dest_ip: %q is not an address", excerpt(e.DestIP))
	}
	t := tuple{proto: proto, src: src.Unmap(), dst: dst.Unmap()}
	for i, p := range []flexInt{e.SrcPort, e.DestPort} {
		if p.N < 0 || p.N > 65535 {
			return t, false, fmt.Errorf("field %s: %d is not a port", [2]string{"src_port", "dest_port"}[i], p.N)
		}
	}
	t.sp, t.dp = uint16(e.SrcPort.N), uint16(e.DestPort.N)
	if len(e.VLAN) > 0 {
		t.vlan = e.VLAN[0]
	}
	if len(e.VLAN) > 1 {
		t.inner = e.VLAN[1]
	}
	return t, true, nil
}

// flowOf finds or makes the flow an event belongs to: by flow_id, else
// (an event without one) by its tuple. Events naming no TCP or UDP flow
// are counted.
func (a *aggregate) flowOf(e *Event, ts int64, line int) (*flowAcc, error) {
	t, ok, err := eventTuple(e)
	if err != nil {
		return nil, err
	}
	if !ok {
		a.noFlow++
		return nil, nil
	}
	orient := orientGuess
	switch {
	case e.EventType == "flow" || e.EventType == "netflow":
		orient = orientFlow
	case e.EventType == "alert" || e.EventType == "anomaly":
		orient, t = alertOrientation(e, t)
	case e.EventType == "dns" && e.DNS != nil && (e.DNS.Type == "answer" || e.DNS.Type == "response"):
		// Older versions logged DNS answers as their packet went,
		// server first: the ports decide.
		orient = orientGuess
	default:
		orient = orientApp
	}
	key := flowKey{tuple: t.canon()}
	var f *flowAcc
	if e.FlowID != nil {
		key.id = *e.FlowID
		f = a.flows[key]
	} else {
		f = a.byTuple[key.tuple]
	}
	if f == nil {
		f = &flowAcc{key: key, t: t, orient: orient, first: ts, last: ts, rec: dissect.NewRecorder(a.key),
			cite: citation{a.file, line}}
		a.flows[key] = f
	}
	a.byTuple[key.tuple] = f
	if orient > f.orient {
		f.t, f.orient = t, orient
	}
	f.first, f.last = min(f.first, ts), max(f.last, ts)
	f.events++
	if e.Ether != nil && orient >= orientApp {
		i, j := 0, 1
		if t.src != f.t.src || t.sp != f.t.sp {
			i, j = 1, 0
		}
		if e.Ether.SrcMAC != "" {
			f.macs[i] = e.Ether.SrcMAC
		}
		if e.Ether.DestMAC != "" {
			f.macs[j] = e.Ether.DestMAC
		}
	}
	if e.AppProto != "" && f.appProto == "" {
		f.appProto = e.AppProto
	}
	return f, nil
}

// alertOrientation orients an alert's tuple (Suricata logs alerts as
// their packet went): by the flow section's ends when it has them, else
// by the direction field.
func alertOrientation(e *Event, t tuple) (int, tuple) {
	if fl := e.Flow; fl != nil && fl.SrcIP != "" {
		if src, err := netip.ParseAddr(fl.SrcIP); err == nil && src.Unmap() != t.src {
			return orientAlert, t.flipped()
		}
		return orientAlert, t
	}
	switch e.Direction {
	case "to_client":
		return orientAlert, t.flipped()
	case "to_server":
		return orientAlert, t
	}
	return orientGuess, t
}

// flowEvent reads the counters and times of a flow event, or of a
// netflow event (one direction of the flow, as its tuple goes), which
// counts only for flows no flow event describes.
func (a *aggregate) flowEvent(f *flowAcc, e *Event, line int) error {
	var pkts, bytes [2]int64
	var startS, endS string
	switch {
	case e.EventType == "netflow" && e.Netflow != nil:
		nf := e.Netflow
		i := 0
		if e.SrcIP != f.t.src.String() || int(e.SrcPort.N) != int(f.t.sp) {
			i = 1
		}
		pkts[i], bytes[i] = nf.Pkts, nf.Bytes
		startS, endS = nf.Start, nf.End
	case e.EventType == "flow" && e.Flow != nil:
		fl := e.Flow
		pkts = [2]int64{fl.PktsToServer, fl.PktsToClient}
		bytes = [2]int64{fl.BytesToServer, fl.BytesToClient}
		startS, endS = fl.Start, fl.End
		if fl.State != "" {
			f.state = fl.State
		}
		if tf := e.TCP; tf != nil {
			ts, err1 := strconv.ParseUint(tf.ToServer, 16, 8)
			tc, err2 := strconv.ParseUint(tf.ToClient, 16, 8)
			// SYN from the client, SYN and ACK from the server.
			if err1 == nil && err2 == nil && ts&0x02 != 0 && tc&0x12 == 0x12 {
				f.synAck = true
			}
		}
	}
	for _, n := range append(pkts[:], bytes[:]...) {
		if n < 0 {
			return fmt.Errorf("field %s: a negative count (%d)", e.EventType, n)
		}
	}
	start, end := f.first, f.last
	if startS != "" {
		t, err := parseTime(startS)
		if err != nil {
			return fmt.Errorf("field %s.start: %w", e.EventType, err)
		}
		start = t
	}
	if endS != "" {
		t, err := parseTime(endS)
		if err != nil {
			return fmt.Errorf("field %s.end: %w", e.EventType, err)
		}
		end = t
	}
	if e.EventType == "netflow" {
		for i := range 2 {
			f.nfPkts[i] += pkts[i]
			f.nfBytes[i] += bytes[i]
		}
	} else {
		for i := range 2 {
			f.pkts[i] += pkts[i]
			f.bytes[i] += bytes[i]
		}
		if !f.hasFlow {
			f.start, f.end = start, end
		} else {
			f.start, f.end = min(f.start, start), max(f.end, end)
		}
		f.hasFlow = true
		if !f.flowCite {
			f.cite, f.flowCite = citation{a.file, line}, true
		}
	}
	f.first, f.last = min(f.first, start), max(f.last, end)
	a.first, a.last = min(a.first, start), max(a.last, end)
	return nil
}

// alert counts an alert against its flow, one record per signature.
func (a *aggregate) alert(f *flowAcc, e *Event) error {
	al := e.Alert
	if al == nil {
		return fmt.Errorf("an alert event without its alert section")
	}
	ts := f.last
	if t, err := parseTime(e.Timestamp); err == nil {
		ts = t
	}
	k := alertKey{gid: al.GID, sid: al.SignatureID, rev: al.Rev, action: al.Action}
	if f.alerts == nil {
		f.alerts = map[alertKey]*alertAcc{}
	}
	acc := f.alerts[k]
	if acc == nil {
		if len(f.alerts) >= MaxAlerts {
			f.alertsDrop++
			return nil
		}
		acc = &alertAcc{key: k, signature: al.Signature, category: al.Category, severity: al.Severity,
			first: ts, last: ts, cite: citation{a.file, a.line}}
		f.alerts[k] = acc
	}
	acc.count++
	acc.first, acc.last = min(acc.first, ts), max(acc.last, ts)
	return nil
}

// looseAlert keeps an alert on a packet of no flow the model holds.
func (a *aggregate) looseAlert(e *Event, ts int64) error {
	al := e.Alert
	if al == nil {
		return fmt.Errorf("an alert event without its alert section")
	}
	k := looseKey{proto: strings.ToLower(string(e.Proto)), src: e.SrcIP, dst: e.DestIP,
		alert: alertKey{gid: al.GID, sid: al.SignatureID, rev: al.Rev, action: al.Action}}
	acc := a.loose[k]
	if acc == nil {
		if len(a.loose) >= MaxLooseAlerts {
			return nil
		}
		acc = &alertAcc{key: k.alert, signature: al.Signature, category: al.Category, severity: al.Severity,
			first: ts, last: ts, cite: citation{a.file, a.line}}
		a.loose[k] = acc
	}
	acc.count++
	acc.first, acc.last = min(acc.first, ts), max(acc.last, ts)
	return nil
}

// lease records the address a DHCP server gave a client's MAC.
func (a *aggregate) lease(e *Event) {
	d := e.DHCP
	if d.ClientMAC == "" || d.AssignedIP == "" || d.AssignedIP == "0.0.0.0" {
		return
	}
	ip, err := netip.ParseAddr(d.AssignedIP)
	if err != nil {
		return
	}
	mac, ok := parseMAC(d.ClientMAC)
	if !ok {
		return
	}
	b := binding{ip: ip.Unmap(), mac: mac}
	if len(e.VLAN) > 0 {
		b.vlan = e.VLAN[0]
	}
	if !slices.Contains(a.bindings, b) && len(a.bindings) < 1<<16 {
		a.bindings = append(a.bindings, b)
	}
}

func parseMAC(s string) ([6]byte, bool) {
	var m [6]byte
	parts := strings.Split(s, ":")
	if len(parts) != 6 {
		return m, false
	}
	for i, p := range parts {
		n, err := strconv.ParseUint(p, 16, 8)
		if err != nil || len(p) != 2 {
			return m, false
		}
		m[i] = byte(n)
	}
	return m, true
}

// protocolOf maps Suricata's app_proto names to slate's protocol names
// (evidence.WireProtocols); a name not listed names no protocol of
// slate's, and the flow keeps Suricata's name in its facts (app_proto).
var protocolOf = map[string]string{
	"modbus": "modbus", "dnp3": "dnp3", "enip": "enip", "tls": "tls", "ssh": "ssh",
	"http": "http", "http1": "http", "smb": "smb", "rdp": "rdp", "snmp": "snmp",
	"ftp": "ftp", "dns": "dns", "ntp": "ntp", "telnet": "telnet", "rfb": "vnc",
}
