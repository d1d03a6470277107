package main

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/slate-ot/slate/collectors/pcap"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/traffic"
)

// readCapture is the traffic evidence the capture collector reads from
// the capture files.
func readCapture(ctx context.Context, files []string) (traffic.Data, error) {
	abs := make([]string, len(files))
	for i, f := range files {
		a, err := filepath.Abs(f)
		if err != nil {
			return traffic.Data{}, err
		}
		abs[i] = a
	}
	doc, err := pcap.New().Collect(ctx, evidence.Source{Kind: "pcap", Name: "span", Dir: filepath.Dir(abs[0]), Files: abs})
	if err != nil {
		return traffic.Data{}, err
	}
	var d traffic.Data
	err = json.Unmarshal(doc.Data, &d)
	return d, err
}

// timed is one record and its time, before sorting.
type timed struct {
	ts  int64
	seq int
	r   *rec
}

// capturePlan turns traffic evidence into the records Zeek with the
// ICSNPP parsers writes for the same traffic: a conn record per flow and
// the protocol records its operations and attributes stand for.
type capturePlan struct {
	recs []timed
}

func (p *capturePlan) add(ts int64, r *rec) {
	p.recs = append(p.recs, timed{ts, len(p.recs), r})
}

func parseStamp(s string) int64 {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return 0
	}
	return t.UnixNano()
}

// uidOf is a Zeek-style connection uid ("C" and 17 base-62 characters),
// derived from the flow id so that it is the same on every run.
func uidOf(id string) string {
	const cs = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	h := sha256.Sum256([]byte(id))
	b := []byte{'C'}
	for i := range 17 {
		b = append(b, cs[int(h[i])%len(cs)])
	}
	return string(b)
}

// zeekServices are the conn.log service names Zeek and ICSNPP write for
// slate's protocols. Protocols Zeek has no analyser for (telnet, vnc)
// get none: conn.log leaves service unset.
var zeekServices = map[string]string{
	"modbus": "modbus", "s7comm": "cotp,s7comm", "dnp3": "dnp3_tcp", "enip": "enip,cip", "opcua": "opcua-binary",
	"snmp": "snmp", "rdp": "rdp", "tls": "ssl", "ssh": "ssh", "http": "http", "dns": "dns", "ntp": "ntp", "ftp": "ftp",
	"bacnet": "bacnet", "smb": "smb",
}

func (p *capturePlan) flow(f traffic.Flow) {
	first, last := parseStamp(f.FirstSeen), parseStamp(f.LastSeen)
	c := &connID{orig: f.Client.IP, op: f.Client.Port, resp: f.Server.IP, rp: f.Server.Port}
	uid := uidOf(f.ID)
	link := int64(14)
	if f.VLAN != 0 {
		link += 4
	}
	hdr, ipProto := int64(28), int64(17)
	if f.Transport == "tcp" {
		hdr, ipProto = 40, 6
	}
	ipBytes := func(b, pk int64) int64 { return max(b-pk*link, 0) }
	payload := func(b, pk int64) int64 { return max(ipBytes(b, pk)-pk*hdr, 0) }
	r := newRec(connLog).time(first).str(uid).id(c).str(f.Transport).opt(zeekServices[f.Protocol]).interval(last - first).
		count(payload(f.BytesToSrv, f.PacketsToSrv)).count(payload(f.BytesToCli, f.PacketsToCli))
	state, history := "SF", "Dd"
	if f.Transport == "tcp" {
		state, history = "OTH", "DdA"
		if f.Handshake {
			state, history = "SF", "ShADadFf"
		}
	}
	r.str(state).boolean(false).boolean(false).count(0).str(history).
		count(f.PacketsToSrv).count(ipBytes(f.BytesToSrv, f.PacketsToSrv)).
		count(f.PacketsToCli).count(ipBytes(f.BytesToCli, f.PacketsToCli)).unset(1).count(ipProto).
		opt(f.Client.MAC).opt(f.Server.MAC)
	if f.VLAN != 0 {
		r.count(int64(f.VLAN))
	} else {
		r.unset(1)
	}
	if f.InnerVLAN != 0 {
		r.count(int64(f.InnerVLAN))
	} else {
		r.unset(1)
	}
	p.add(first, r)
	if f.Facts == nil {
		return
	}
	e := &exchange{p: p, c: c, uid: uid, first: first, last: last, facts: f.Facts}
	switch f.Protocol {
	case "modbus":
		e.modbus()
	case "s7comm":
		e.s7comm()
	case "dnp3":
		e.dnp3()
	case "opcua":
		e.opcua()
	case "snmp":
		e.snmp()
	case "rdp":
		e.rdp()
	case "tls":
		e.tls()
	}
}

// exchange writes the protocol records of one flow.
type exchange struct {
	p           *capturePlan
	c           *connID
	uid         string
	first, last int64
	facts       *traffic.Facts
	step        int64
}

// times spreads n records of an operation over its first and last time
// (the flow's when the capture kept none), a millisecond apart at least.
func (e *exchange) times(o traffic.Op, n int) []int64 {
	from, to := parseStamp(o.FirstSeen), parseStamp(o.LastSeen)
	if from == 0 {
		e.step++
		from, to = e.first+e.step*1000, e.first+e.step*1000
	}
	out := make([]int64, n)
	for i := range n {
		out[i] = from
		if n > 1 {
			out[i] = from + (to-from)*int64(i)/int64(n-1)
		}
	}
	return out
}

func (e *exchange) has(class, name string) bool {
	for _, o := range e.facts.Ops {
		if o.Class == class && o.Name == name {
			return true
		}
	}
	return false
}

func isRequest(class string) bool {
	return class != traffic.ClassResponse && class != "error" && class != traffic.ClassSession
}

func (e *exchange) attr(k string) string {
	v, _, _ := strings.Cut(e.facts.Attrs[k], "|")
	return v
}

func (e *exchange) modbus() {
	unit := int64(0)
	fmt.Sscan(e.attr("unit_ids"), &unit)
	tid := int64(0)
	for _, o := range e.facts.Ops {
		if !isRequest(o.Class) {
			continue
		}
		fn, mei := strings.ToUpper(o.Name), ""
		if o.Name == "read_device_identification" {
			fn, mei = "ENCAP_INTERFACE_TRANSPORT", "READ-DEVICE-IDENTIFICATION"
		}
		matched := e.has(traffic.ClassResponse, o.Name)
		for _, ts := range e.times(o, o.Count) {
			tid++
			r := newRec(modbusDetailedLog).time(ts).str(e.uid).id(e.c).count(tid).count(unit).str(fn).
				unset(5).boolean(matched).unset(5).opt(mei)
			e.p.add(ts, r)
			if mei == "" {
				continue
			}
			// The response's objects, one record each.
			for i, obj := range []struct{ id, attr string }{{"VendorName", "device_vendor"}, {"ProductCode", "product_code"},
				{"MajorMinorVersion", "revision"}, {"ProductName", "product_name"}, {"ModelName", "model_name"}} {
				v := e.attr(obj.attr)
				if v == "" {
					continue
				}
				r := newRec(modbusDeviceIDLog).time(ts + 500_000).str(e.uid).id(e.c).boolean(false).
					str(e.c.resp).count(int64(e.c.rp)).str(e.c.orig).count(int64(e.c.op)).unset(1).
					count(tid).count(unit).str(fn).str("RESPONSE").str(mei).str("0x01").
					str("Basic Identification (Stream)").count(1).str(fmt.Sprintf("0x%02x", i)).str(obj.id).str(v)
				e.p.add(ts+500_000, r)
			}
		}
	}
}

var s7Functions = map[int]string{0x04: "Read Variable", 0x05: "Write Variable", 0x1a: "Request Download",
	0x1b: "Download Block", 0x1c: "Download Ended", 0x1d: "Start Upload", 0x1e: "Upload", 0x1f: "End Upload",
	0x28: "PLC Control", 0x29: "PLC Stop", 0xf0: "Setup Communication"}

func (e *exchange) s7comm() {
	ends := func(r *rec, orig bool) *rec {
		if orig {
			return r.boolean(true).str(e.c.orig).count(int64(e.c.op)).str(e.c.resp).count(int64(e.c.rp))
		}
		return r.boolean(false).str(e.c.resp).count(int64(e.c.rp)).str(e.c.orig).count(int64(e.c.op))
	}
	for _, o := range e.facts.Ops {
		switch o.Name {
		case "cotp_connect_request", "cotp_connect_confirm":
			orig, code, name := true, "0xe0", "CR Connect Request"
			if o.Name == "cotp_connect_confirm" {
				orig, code, name = false, "0xd0", "CC Connect Confirm"
			}
			for _, ts := range e.times(o, o.Count) {
				e.p.add(ts, ends(newRec(cotpLog).time(ts).str(e.uid).id(e.c), orig).str(code).str(name))
			}
			continue
		}
		if o.Code < 0 || o.Class == "error" {
			continue
		}
		fname := s7Functions[o.Code]
		if fname == "" {
			fname = "Unknown"
		}
		orig := o.Class != traffic.ClassResponse
		for _, ts := range e.times(o, o.Count) {
			r := ends(newRec(s7commLog).time(ts).str(e.uid).id(e.c), orig)
			if orig {
				r.count(1).str("Job-Request").count(0).str(fmt.Sprintf("0x%02x", o.Code)).str(fname).unset(4)
			} else {
				ts += 500_000
				r.vals[0].n = ts
				r.count(3).str("ACK-Data").count(0).str(fmt.Sprintf("0x%02x", o.Code)).str(fname).unset(2).
					str("No error").str("0x00")
			}
			e.p.add(ts, r)
		}
	}
}

func (e *exchange) dnp3() {
	for _, o := range e.facts.Ops {
		if !isRequest(o.Class) {
			continue
		}
		for _, ts := range e.times(o, o.Count) {
			e.p.add(ts, newRec(dnp3Log).time(ts).str(e.uid).id(e.c).str(strings.ToUpper(o.Name)).str("RESPONSE").count(0))
		}
	}
}

var uaModeCodes = map[string]int64{"None": 1, "Sign": 2, "SignAndEncrypt": 3}

func (e *exchange) opcua() {
	seq := int64(0)
	msg := func(ts int64, typ string) *rec {
		seq++
		return newRec(opcuaLog).time(ts).str(e.uid).id(e.c).str(fmt.Sprintf("%s_%d", e.uid, seq)).str(typ).str("F").count(64)
	}
	for _, o := range e.facts.Ops {
		for _, ts := range e.times(o, o.Count) {
			switch o.Name {
			case "Hello":
				e.p.add(ts, msg(ts, "HEL").unset(2).count(0).count(65535).count(65535).count(0).count(0).
					opt(e.attr("endpoint_url")).unset(32))
			case "Acknowledge":
				e.p.add(ts, msg(ts, "ACK").unset(2).count(0).count(65535).count(65535).count(2097152).count(0).unset(33))
			case "OpenSecureChannel":
				uri := e.facts.Attrs["security_policy_uri"]
				r := msg(ts, "OPN").unset(8).count(0).count(int64(len(uri))).str(uri).count(-1).unset(1).count(-1).unset(1).
					count(1).count(1).count(1).count(0).count(int64(o.Code)).str(map[bool]string{true: "OpenSecureChannelRequest",
					false: "OpenSecureChannelResponse"}[o.Code == 446]).unset(19)
				e.p.add(ts, r)
				if mode, ok := uaModeCodes[e.attr("security_mode")]; ok && o.Code == 446 {
					e.p.add(ts, newRec(opcuaChannelLog).time(ts).str(e.uid).id(e.c).str(fmt.Sprintf("%s_%d", e.uid, seq)).
						count(0).count(0).count(mode).unset(1).count(600000).unset(6))
				}
			default:
				if o.Code < 0 {
					continue
				}
				e.p.add(ts, msg(ts, "MSG").unset(15).count(1).count(1).count(1).count(0).count(int64(o.Code)).str(o.Name).unset(19))
			}
		}
	}
}

func (e *exchange) snmp() {
	var get, bulk, resp, set int64
	for _, o := range e.facts.Ops {
		switch o.Name {
		case "get", "getnext":
			get += int64(o.Count)
		case "getbulk":
			bulk += int64(o.Count)
		case "response":
			resp += int64(o.Count)
		case "set":
			set += int64(o.Count)
		}
	}
	community := ""
	for _, c := range e.facts.Credentials {
		if c.Kind == "snmp_community" && c.Default {
			community = "public" // a factory default: the capture keeps its class, not the community
		}
	}
	v := e.attr("version")
	if v == "" {
		return
	}
	e.p.add(e.first, newRec(snmpLog).time(e.first).str(e.uid).id(e.c).interval(e.last-e.first).str(v).opt(community).
		count(get).count(bulk).count(resp).count(set).unset(2))
}

var rdpZeekProtocols = map[string]string{"rdp": "RDP", "tls": "SSL", "credssp": "HYBRID", "rdstls": "RDSTLS",
	"credssp_early_auth": "HYBRID_EX"}

func (e *exchange) rdp() {
	sel := rdpZeekProtocols[e.attr("selected")]
	result := "-"
	if sel != "" {
		result = "encrypted"
	}
	r := newRec(rdpLog).time(e.first).str(e.uid).id(e.c).opt(e.attr("user_hint"))
	if result == "-" {
		r.unset(2)
	} else {
		r.str(result).str(sel)
	}
	e.p.add(e.first, r.unset(11).opt(e.attr("encryption_level")).unset(1))
}

var sslVersions = map[string]string{"SSL3.0": "SSLv3", "TLS1.0": "TLSv10", "TLS1.1": "TLSv11", "TLS1.2": "TLSv12", "TLS1.3": "TLSv13"}

func (e *exchange) tls() {
	v := sslVersions[e.attr("version")]
	e.p.add(e.first, newRec(sslLog).time(e.first).str(e.uid).id(e.c).opt(v).opt(e.attr("cipher")).unset(1).
		opt(e.attr("sni")).boolean(false).unset(2).boolean(v != "").unset(6))
}

// writeCapture writes the records of every flow, in time order.
func writeCapture(d traffic.Data, a *archive) (int, error) {
	var p capturePlan
	flows := slices.Clone(d.Flows)
	slices.SortFunc(flows, func(x, y traffic.Flow) int {
		return cmp.Or(cmp.Compare(x.FirstSeen, y.FirstSeen), cmp.Compare(x.ID, y.ID))
	})
	for _, f := range flows {
		if f.Transport != "tcp" && f.Transport != "udp" {
			continue // Zeek's conn.log has no layer-2 flows
		}
		p.flow(f)
	}
	slices.SortStableFunc(p.recs, func(x, y timed) int { return cmp.Or(cmp.Compare(x.ts, y.ts), cmp.Compare(x.seq, y.seq)) })
	for _, t := range p.recs {
		if err := a.emit(t.r, t.ts); err != nil {
			return 0, err
		}
	}
	return len(p.recs), a.close()
}
