package it

import (
	"bytes"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// DNS dissects DNS messages over UDP and TCP (RFC 1035): queries and
// responses, opcodes, response codes and the query types asked. Names are
// not recorded.
type DNS struct{}

func (DNS) Name() string { return "dns" }

func (DNS) Ports() []dissect.Port {
	return []dissect.Port{{Transport: dissect.UDP, Number: 53}, {Transport: dissect.TCP, Number: 53}}
}

var dnsTypes = map[int]string{
	1: "A", 2: "NS", 5: "CNAME", 6: "SOA", 12: "PTR", 15: "MX", 16: "TXT", 28: "AAAA",
	33: "SRV", 35: "NAPTR", 43: "DS", 48: "DNSKEY", 64: "SVCB", 65: "HTTPS",
	251: "IXFR", 252: "AXFR", 255: "ANY",
}

var dnsRcodes = []string{0: "noerror", 1: "formerr", 2: "servfail", 3: "nxdomain", 4: "notimp", 5: "refused"}

type dnsMsg struct {
	response bool
	opcode   int
	rcode    int
	qtypes   [4]int
	nq       int
}

// dnsName skips a (possibly compressed) name in msg at off and returns
// the offset after it, the number of labels before any compression
// pointer, whether it is a NetBIOS encoded name (one 32-byte label of
// 'A'..'P', as NBNS uses) and whether its last label is "local" (mDNS).
func dnsName(msg []byte, off int) (next, labels int, netbios, local, ok bool) {
	total := 0
	for range 128 {
		if off >= len(msg) {
			return 0, 0, false, false, false
		}
		l := int(msg[off])
		switch {
		case l == 0:
			return off + 1, labels, netbios, local, true
		case l&0xc0 == 0xc0:
			if off+1 >= len(msg) {
				return 0, 0, false, false, false
			}
			return off + 2, labels + 2, netbios, local, true // continues elsewhere: at least two labels
		case l&0xc0 != 0:
			return 0, 0, false, false, false
		}
		total += l + 1
		if total > 255 || off+1+l > len(msg) {
			return 0, 0, false, false, false
		}
		label := msg[off+1 : off+1+l]
		if labels == 0 && l == 32 {
			netbios = true
			for _, c := range label {
				if c < 'A' || c > 'P' {
					netbios = false
				}
			}
		}
		local = bytes.EqualFold(label, []byte("local"))
		labels++
		off += 1 + l
	}
	return 0, 0, false, false, false
}

// dnsParse parses the header and the questions of one message strictly.
func dnsParse(msg []byte) (dnsMsg, bool) {
	var m dnsMsg
	if len(msg) < 12 {
		return m, false
	}
	flags := be16(msg[2:])
	m.response = flags&0x8000 != 0
	m.opcode = flags >> 11 & 0xf
	m.rcode = flags & 0xf
	if m.opcode == 3 || m.opcode > 6 || flags&0x0040 != 0 { // Z bit must be 0
		return m, false
	}
	qd, an, ns, ar := be16(msg[4:]), be16(msg[6:]), be16(msg[8:]), be16(msg[10:])
	if qd < 1 || qd > 4 || an > 512 || ns > 512 || ar > 512 {
		return m, false
	}
	if !m.response && (an > 0 && m.opcode == 0) {
		return m, false
	}
	off := 12
	single := true
	for i := 0; i < qd; i++ {
		var ok, netbios, local bool
		var labels int
		if off, labels, netbios, local, ok = dnsName(msg, off); !ok || off+4 > len(msg) || netbios || local {
			return m, false // NBNS and mDNS share the format: not DNS
		}
		single = single && labels == 1
		qclass := be16(msg[off+2:]) &^ 0x8000 // mDNS unicast-response bit
		if qclass != 1 && qclass != 3 && qclass != 4 && qclass != 254 && qclass != 255 {
			return m, false
		}
		m.qtypes[m.nq] = be16(msg[off:])
		m.nq++
		off += 4
	}
	if an == 0 && ns == 0 && ar == 0 && off != len(msg) {
		return m, false // a bare query is exactly its questions
	}
	if single && m.opcode == 0 {
		// Single-label names are LLMNR's (and WINS-style) lookups; DNS
		// resolvers are asked fully qualified names.
		return m, false
	}
	return m, true
}

// Match parses the header and questions strictly. For TCP the message
// carries its two-byte length prefix.
func (DNS) Match(t dissect.Transport, _ dissect.Direction, p []byte) bool {
	if t == dissect.TCP {
		if len(p) < 2+12 || be16(p) < 12 || be16(p) > len(p)-2 {
			return false
		}
		p = p[2 : 2+be16(p)]
	}
	_, ok := dnsParse(p)
	return ok
}

// Dissect records each message.
func (DNS) Dissect(t dissect.Transport, _ dissect.Direction, buf []byte, rec *dissect.Recorder) int {
	if t == dissect.UDP {
		dnsRecord(buf, rec)
		return len(buf)
	}
	consumed := 0
	for len(buf)-consumed >= 2 {
		n := be16(buf[consumed:])
		if n < 12 || 2+n > dissect.MaxBuffer {
			rec.Malformed()
			return len(buf)
		}
		if len(buf)-consumed-2 < n {
			break
		}
		dnsRecord(buf[consumed+2:consumed+2+n], rec)
		consumed += 2 + n
	}
	return consumed
}

func dnsRecord(msg []byte, rec *dissect.Recorder) {
	m, ok := dnsParse(msg)
	if !ok {
		rec.Malformed()
		return
	}
	for _, q := range m.qtypes[:m.nq] {
		name, ok := dnsTypes[q]
		if !ok {
			name = "other"
		}
		rec.Attr("qtypes", name)
		if q == 252 || q == 251 {
			if !m.response {
				rec.Event("dns_zone_transfer", "DNS zone transfer ("+name+") requested")
			}
		}
	}
	switch {
	case m.response && m.rcode != 0:
		name := "rcode"
		if m.rcode < len(dnsRcodes) {
			name = dnsRcodes[m.rcode]
		}
		rec.Op(dissect.ClassError, name, m.rcode)
	case m.response:
		rec.Op(dissect.ClassResponse, "response", m.opcode)
	case m.opcode == 5:
		rec.Op(dissect.ClassWrite, "update", 5)
	case m.opcode == 4:
		rec.Op(dissect.ClassDiagnostic, "notify", 4)
	default:
		rec.Op(dissect.ClassRead, "query", m.opcode)
	}
}
