package it

import (
	"bytes"
	"strings"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// SNMP dissects SNMP v1, v2c and v3 messages (RFC 1157, 3416, 3412):
// version, community (fingerprinted, flagged when a vendor default), PDU
// types, and the v3 security level.
type SNMP struct{}

func (SNMP) Name() string { return "snmp" }

func (SNMP) Ports() []dissect.Port {
	return []dissect.Port{{Transport: dissect.UDP, Number: 161}, {Transport: dissect.UDP, Number: 162}}
}

// snmpDefaultCommunities are factory communities of common IT and OT
// devices.
var snmpDefaultCommunities = map[string]bool{
	"public": true, "private": true, "community": true, "manager": true, "admin": true,
	"secret": true, "cisco": true, "snmp": true, "snmpd": true, "read": true, "write": true,
	"monitor": true, "system": true, "default": true, "rmon": true, "rmon_admin": true,
	"ILMI": true, "all private": true, "internal": true, "security": true, "tivoli": true,
	"openview": true, "netman": true, "PUBLIC": true, "PRIVATE": true, "mngt": true,
	"0392a0": true, "SNMP_trap": true, "hp_admin": true, "proxy": true, "test": true,
}

var snmpPDUs = [...]struct{ class, name string }{
	0: {dissect.ClassRead, "get"},
	1: {dissect.ClassRead, "getnext"},
	2: {dissect.ClassResponse, "response"},
	3: {dissect.ClassWrite, "set"},
	4: {dissect.ClassResponse, "trap"},
	5: {dissect.ClassRead, "getbulk"},
	6: {dissect.ClassResponse, "inform"},
	7: {dissect.ClassResponse, "trap"},
	8: {dissect.ClassResponse, "report"},
}

// berTLV reads one BER element at b: tag, contents, and the rest.
func berTLV(b []byte) (tag byte, val, rest []byte, ok bool) {
	if len(b) < 2 {
		return 0, nil, nil, false
	}
	tag = b[0]
	l := int(b[1])
	i := 2
	if l&0x80 != 0 {
		n := l & 0x7f
		if n == 0 || n > 3 || len(b) < 2+n {
			return 0, nil, nil, false
		}
		l = 0
		for _, c := range b[2 : 2+n] {
			l = l<<8 | int(c)
		}
		i += n
	}
	if l > len(b)-i {
		return 0, nil, nil, false
	}
	return tag, b[i : i+l], b[i+l:], true
}

func berInt(v []byte) (int, bool) {
	if len(v) == 0 || len(v) > 4 {
		return 0, false
	}
	n := int(int8(v[0]))
	for _, c := range v[1:] {
		n = n<<8 | int(c)
	}
	return n, true
}

type snmpMsg struct {
	version   int // 0 v1, 1 v2c, 3 v3
	community []byte
	pdu       int // context tag & 0x1f, -1 for v3 (encrypted or not parsed)
	flags     byte
	body      []byte // the PDU's contents (v1 and v2c)
}

func snmpParse(p []byte) (snmpMsg, bool) {
	var m snmpMsg
	tag, msg, _, ok := berTLV(p)
	if !ok || tag != 0x30 {
		return m, false
	}
	tag, v, msg, ok := berTLV(msg)
	if !ok || tag != 0x02 {
		return m, false
	}
	ver, ok := berInt(v)
	if !ok || (ver != 0 && ver != 1 && ver != 3) {
		return m, false
	}
	m.version = ver
	if ver == 3 {
		tag, hdr, _, ok := berTLV(msg)
		if !ok || tag != 0x30 {
			return m, false
		}
		var id, maxSize, fl, model []byte
		var t1, t2, t3, t4 byte
		if t1, id, hdr, ok = berTLV(hdr); !ok || t1 != 0x02 || len(id) == 0 {
			return m, false
		}
		if t2, maxSize, hdr, ok = berTLV(hdr); !ok || t2 != 0x02 || len(maxSize) == 0 {
			return m, false
		}
		if t3, fl, hdr, ok = berTLV(hdr); !ok || t3 != 0x04 || len(fl) != 1 {
			return m, false
		}
		if t4, model, _, ok = berTLV(hdr); !ok || t4 != 0x02 || len(model) == 0 {
			return m, false
		}
		m.flags = fl[0]
		m.pdu = -1
		return m, true
	}
	tag, c, msg, ok := berTLV(msg)
	if !ok || tag != 0x04 {
		return m, false
	}
	m.community = c
	tag, m.body, _, ok = berTLV(msg)
	if !ok || tag < 0xa0 || tag > 0xa8 {
		return m, false
	}
	m.pdu = int(tag & 0x1f)
	return m, true
}

// Match parses the message header strictly.
func (SNMP) Match(t dissect.Transport, _ dissect.Direction, p []byte) bool {
	if t != dissect.UDP {
		return false
	}
	_, ok := snmpParse(p)
	return ok
}

// Dissect records one datagram.
func (SNMP) Dissect(t dissect.Transport, _ dissect.Direction, buf []byte, rec *dissect.Recorder) int {
	m, ok := snmpParse(buf)
	if !ok {
		rec.Malformed()
		return len(buf)
	}
	switch m.version {
	case 0:
		rec.Attr("version", "1")
	case 1:
		rec.Attr("version", "2c")
	case 3:
		rec.Attr("version", "3")
		switch m.flags & 3 {
		case 0:
			rec.Attr("security_level", "noAuthNoPriv")
		case 1:
			rec.Attr("security_level", "authNoPriv")
		case 3:
			rec.Attr("security_level", "authPriv")
		default:
			rec.Malformed() // priv without auth is invalid
		}
		rec.Op(dissect.ClassSession, "v3_message", -1)
		return len(buf)
	}
	pdu := snmpPDUs[m.pdu]
	rec.Op(pdu.class, pdu.name, m.pdu)
	if m.pdu == 2 {
		if d := snmpSysDescr(m.body); d != "" {
			rec.Attr("sys_descr", d)
		}
	}
	if pdu.name != "response" || len(m.community) > 0 {
		rec.Credential("snmp_community", "", m.community, snmpDefaultCommunities[string(m.community)])
	}
	return len(buf)
}

// sysDescrOID is 1.3.6.1.2.1.1.1.0 (SNMPv2-MIB sysDescr.0), BER-encoded.
var sysDescrOID = []byte{0x2b, 6, 1, 2, 1, 1, 1, 0}

// snmpSysDescr returns the sysDescr.0 a GetResponse PDU carries (RFC
// 3416: request-id, error-status, error-index, then the variable
// bindings, each a sequence of an OID and its value), "" when it has
// none. The text, which names the device's maker, model and software
// version on most agents, is kept to 128 printable characters with its
// line breaks as spaces.
func snmpSysDescr(pdu []byte) string {
	rest := pdu
	for range 3 {
		var tag byte
		var ok bool
		if tag, _, rest, ok = berTLV(rest); !ok || tag != 0x02 {
			return ""
		}
	}
	tag, binds, _, ok := berTLV(rest)
	if !ok || tag != 0x30 {
		return ""
	}
	for len(binds) > 0 {
		var vb []byte
		if tag, vb, binds, ok = berTLV(binds); !ok || tag != 0x30 {
			return ""
		}
		otag, oid, val, ok := berTLV(vb)
		if !ok || otag != 0x06 || !bytes.Equal(oid, sysDescrOID) {
			continue
		}
		vtag, v, _, ok := berTLV(val)
		if !ok || vtag != 0x04 {
			return ""
		}
		return printable([]byte(strings.Join(strings.Fields(string(v)), " ")), 128)
	}
	return ""
}
