package it

import (
	"bytes"
	"strings"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// RDP dissects the cleartext start of the Remote Desktop Protocol
// ([MS-RDPBCGR] 2.2.1.1, 2.2.1.2): the X.224 Connection Request with its
// routing cookie and RDP_NEG_REQ, and the Connection Confirm with
// RDP_NEG_RSP or RDP_NEG_FAILURE. What follows (TLS/CredSSP or standard
// RDP security) is not looked at.
type RDP struct{}

func (RDP) Name() string { return "rdp" }

func (RDP) Ports() []dissect.Port { return []dissect.Port{{Transport: dissect.TCP, Number: 3389}} }

const (
	cotpCR = 0xe0
	cotpCC = 0xd0
)

// rdpProtocols names the bits of requestedProtocols/selectedProtocol.
func rdpProtocols(p uint32) string {
	if p == 0 {
		return "rdp"
	}
	var names []string
	if p&1 != 0 {
		names = append(names, "tls")
	}
	if p&2 != 0 {
		names = append(names, "credssp")
	}
	if p&4 != 0 {
		names = append(names, "rdstls")
	}
	if p&8 != 0 {
		names = append(names, "credssp_early_auth")
	}
	if len(names) == 0 {
		return "other"
	}
	return strings.Join(names, ",")
}

type rdpPDU struct {
	code     byte   // cotpCR or cotpCC
	cookie   []byte // mstshash user hint, nil when absent
	token    bool   // a "Cookie: msts=" load-balancer routing token
	negType  byte   // 1 REQ, 2 RSP, 3 FAILURE, 0 none
	protocol uint32 // requested/selected protocols or failure code
}

// rdpParse parses one TPKT carrying an X.224 CR or CC in RDP's form: the
// variable part is only a cookie line and/or an RDP negotiation
// structure. S7comm and other ISO-on-TCP users put TSAP parameters
// (0xc0/0xc1/0xc2) there and so do not parse.
func rdpParse(p []byte) (rdpPDU, int, bool) {
	var r rdpPDU
	if len(p) < 11 || p[0] != 3 || p[1] != 0 {
		return r, 0, false
	}
	n := be16(p[2:])
	if n < 11 || n > len(p) {
		return r, 0, false
	}
	li := int(p[4])
	if li != n-5 {
		return r, n, false
	}
	r.code = p[5] & 0xf0
	if (r.code != cotpCR && r.code != cotpCC) || p[10]&0xf0 != 0 {
		return r, n, false
	}
	v := p[11:n]
	if r.code == cotpCR {
		switch {
		case bytes.HasPrefix(v, []byte("Cookie: mstshash=")):
			end := bytes.Index(v, []byte("\r\n"))
			if end < 0 {
				return r, n, false
			}
			r.cookie = v[len("Cookie: mstshash="):end]
			v = v[end+2:]
		case bytes.HasPrefix(v, []byte("Cookie: msts=")):
			end := bytes.Index(v, []byte("\r\n"))
			if end < 0 {
				return r, n, false
			}
			r.token = true
			v = v[end+2:]
		}
	}
	switch len(v) {
	case 0:
		if r.cookie == nil && !r.token {
			return r, n, false // nothing RDP-specific: could be any COTP user
		}
	case 8:
		if v[0] < 1 || v[0] > 3 || le16(v[2:]) != 8 {
			return r, n, false
		}
		if (r.code == cotpCR) != (v[0] == 1) {
			return r, n, false
		}
		r.negType = v[0]
		r.protocol = le32(v[4:])
	default:
		return r, n, false
	}
	return r, n, true
}

// Match: a Connection Request with an RDP cookie or RDP_NEG_REQ, or a
// Connection Confirm with RDP_NEG_RSP/FAILURE.
func (RDP) Match(t dissect.Transport, _ dissect.Direction, p []byte) bool {
	if t != dissect.TCP {
		return false
	}
	_, _, ok := rdpParse(p)
	return ok
}

var rdpFailures = []string{1: "ssl_required_by_server", 2: "ssl_not_allowed_by_server", 3: "ssl_cert_not_on_server",
	4: "inconsistent_flags", 5: "hybrid_required_by_server", 6: "ssl_with_user_auth_required_by_server"}

// Dissect records the negotiation and drops the rest of the stream.
func (RDP) Dissect(t dissect.Transport, _ dissect.Direction, buf []byte, rec *dissect.Recorder) int {
	if t != dissect.TCP {
		return len(buf)
	}
	if len(buf) >= 4 && buf[0] == 3 && buf[1] == 0 && be16(buf[2:]) > len(buf) && be16(buf[2:]) <= 512 {
		return 0 // a cut TPKT: wait for the rest
	}
	r, _, ok := rdpParse(buf)
	if !ok {
		return len(buf)
	}
	if r.code == cotpCR {
		rec.Op(dissect.ClassSession, "connection_request", cotpCR)
		if r.cookie != nil {
			rec.Attr("user_hint", printable(r.cookie, 64))
		}
		if r.negType == 1 {
			rec.Attr("requested", rdpProtocols(r.protocol))
		} else {
			rec.Attr("requested", "rdp")
		}
		return len(buf)
	}
	rec.Op(dissect.ClassSession, "connection_confirm", cotpCC)
	switch r.negType {
	case 2:
		rec.Attr("selected", rdpProtocols(r.protocol))
		if r.protocol&(2|8) != 0 {
			rec.Attr("nla", "true")
		} else {
			rec.Attr("nla", "false")
		}
	case 3:
		reason := "other"
		if int(r.protocol) < len(rdpFailures) && r.protocol > 0 {
			reason = rdpFailures[r.protocol]
		}
		rec.Op(dissect.ClassError, "negotiation_failure", int(r.protocol))
		rec.Event("rdp_negotiation_failure", "RDP security negotiation failed: "+reason)
	}
	return len(buf)
}
