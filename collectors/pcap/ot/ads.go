package ot

import (
	"strconv"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// ADS dissects Beckhoff ADS/AMS: AMS/TCP on tcp/48898 (AMS header and
// command ids) and the UDP discovery and route service on udp/48899.
type ADS struct{}

func (ADS) Name() string { return "ads" }

func (ADS) Ports() []dissect.Port {
	return []dissect.Port{{Transport: dissect.TCP, Number: 48898}, {Transport: dissect.UDP, Number: 48899}}
}

type adsCmd struct{ name, class string }

var adsCmds = [...]adsCmd{
	0: {"invalid", dissect.ClassError},
	1: {"read_device_info", dissect.ClassDiagnostic},
	2: {"read", dissect.ClassRead},
	3: {"write", dissect.ClassWrite},
	4: {"read_state", dissect.ClassDiagnostic},
	5: {"write_control", dissect.ClassControl},
	6: {"add_device_notification", dissect.ClassRead},
	7: {"delete_device_notification", dissect.ClassRead},
	8: {"device_notification", dissect.ClassResponse},
	9: {"read_write", dissect.ClassWrite},
}

var adsStates = []string{
	0: "INVALID", 1: "IDLE", 2: "RESET", 3: "INIT", 4: "START", 5: "RUN", 6: "STOP",
	7: "SAVECFG", 8: "LOADCFG", 9: "POWERFAILURE", 10: "POWERGOOD", 11: "ERROR",
	12: "SHUTDOWN", 13: "SUSPEND", 14: "RESUME", 15: "CONFIG", 16: "RECONFIG",
}

const adsHdr = 6 + 32

// amsFrame returns the size of the AMS/TCP packet b starts with, or 0.
func amsFrame(b []byte) int {
	if len(b) < adsHdr || b[0] != 0 || b[1] != 0 {
		return 0
	}
	n := le32(b[2:])
	if n < 32 || n > 1<<24 {
		return 0
	}
	a := b[6:]
	if cmd := le16(a[16:]); cmd > 9 || le16(a[18:])&0x0004 == 0 || uint32(32)+le32(a[20:]) != n {
		return 0
	}
	return 6 + int(n)
}

const adsUDPCookie = 0x71146603

func (ADS) Match(t dissect.Transport, _ dissect.Direction, p []byte) bool {
	if t == dissect.UDP {
		return len(p) >= 12 && le32(p) == adsUDPCookie
	}
	return amsFrame(p) != 0
}

func (ADS) Dissect(t dissect.Transport, dir dissect.Direction, buf []byte, rec *dissect.Recorder) int {
	if t == dissect.UDP {
		adsUDP(buf, rec)
		return len(buf)
	}
	off := 0
	for len(buf)-off >= adsHdr {
		n := amsFrame(buf[off:])
		if n == 0 {
			rec.Malformed()
			return len(buf)
		}
		if n > dissect.MaxBuffer {
			adsAMS(buf[off:], rec)
			return len(buf)
		}
		if len(buf)-off < n {
			break
		}
		adsAMS(buf[off:off+n], rec)
		off += n
	}
	return off
}

func adsAMS(b []byte, rec *dissect.Recorder) {
	a := b[6:]
	cmd := le16(a[16:])
	flags := le16(a[18:])
	c := adsCmds[cmd]
	rec.Attr("target_port", decimal(le16(a[6:])))
	if flags&0x0001 != 0 { // response
		if le32(a[24:]) != 0 {
			rec.Op(dissect.ClassError, c.name, cmd)
			return
		}
		if len(a) >= 36 && cmd != 8 && le32(a[32:]) != 0 { // ADS result
			rec.Op(dissect.ClassError, c.name, cmd)
			return
		}
		rec.Op(dissect.ClassResponse, c.name, cmd)
		return
	}
	rec.Op(c.class, c.name, cmd)
	if cmd == 5 && len(a) >= 34 {
		st := le16(a[32:])
		rec.Event("ads_write_control", "ADS WriteControl to state "+name(adsStates, st, strconv.Itoa(st))+" requested")
	}
}

// adsUDP records the UDP service: cookie, invoke id, service id
// (bit 31 set for responses), AMS NetId and port, then tagged items. An
// "add route" request carries a user and a password in cleartext: the
// fact is recorded as a credential, never the password.
func adsUDP(b []byte, rec *dissect.Recorder) {
	if len(b) < 12 || le32(b) != adsUDPCookie {
		rec.Malformed()
		return
	}
	svc := le32(b[8:])
	base := int(svc & 0x7fffffff)
	nm := "udp_service_" + strconv.Itoa(base)
	class := dissect.ClassDiagnostic
	switch base {
	case 1:
		nm = "discover"
	case 6:
		nm, class = "add_route", dissect.ClassWrite
	case 7:
		nm, class = "delete_route", dissect.ClassWrite
	}
	if svc&0x80000000 != 0 {
		rec.Op(dissect.ClassResponse, nm, base)
		return
	}
	rec.Op(class, nm, base)
	if base != 6 || len(b) < 24 {
		return
	}
	// NetId (6), port (2), item count (4), items: tag (2), length (2),
	// value; tag 0x0d is the user, 0x02 the password.
	cnt := int(le32(b[20:]))
	p := b[24:]
	var user, pass []byte
	for i := 0; i < cnt && len(p) >= 4; i++ {
		tag, n := le16(p), le16(p[2:])
		if 4+n > len(p) {
			break
		}
		v := p[4 : 4+n]
		for len(v) > 0 && v[len(v)-1] == 0 {
			v = v[:len(v)-1]
		}
		switch tag {
		case 0x0002:
			pass = v
		case 0x000d:
			user = v
		}
		p = p[4+n:]
	}
	rec.Event("ads_add_route", "ADS add route request")
	if pass != nil {
		rec.Credential("ads_route_password", printable(user, 64), pass, string(pass) == "1" || string(pass) == "")
	}
}
