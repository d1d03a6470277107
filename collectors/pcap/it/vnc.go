package it

import (
	"fmt"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// VNC dissects the opening handshake of the Remote Framebuffer protocol
// (RFB, RFC 6143 §7.1): the ProtocolVersion each side sends, the security
// types the server offers and the one the client picks, the VNC
// Authentication challenge and response, and the SecurityResult. What
// follows (ClientInit, framebuffer updates, or a security type's own
// protocol such as TLS or VeNCrypt) is not looked at.
type VNC struct{}

// RFB handshake stages, per direction.
const (
	vncVersion  = iota // the 12-byte ProtocolVersion
	vncSecurity        // server: the security types (3.7+) or type (3.3); client: its choice (3.7+)
	vncAuth            // server: the VNC Authentication challenge; client: the response
	vncResult          // server: SecurityResult; client: ClientInit
	vncDone
)

// vncState is one flow's handshake state: what each side has sent decides
// how the other side's next bytes read.
type vncState struct {
	stage    [2]int // by dissect.Direction
	minor    int    // negotiated minor version: 3, 7 or 8
	haveVer  bool
	offered  []byte // security types offered (3.7+)
	chosen   int    // security type in use, when haveType
	haveType bool
}

// vncTypes name the RFB security types of the IANA registry (RFC 6143
// §8.1.2 and later assignments) that matter for judging a session.
var vncTypes = map[int]string{
	0: "invalid", 1: "none", 2: "vnc_auth", 5: "ra2", 6: "ra2ne", 16: "tight",
	17: "ultra", 18: "tls", 19: "vencrypt", 20: "sasl", 21: "md5", 22: "xvp",
	23: "secure_tunnel", 24: "integrated_ssh", 30: "apple_dh",
}

func vncTypeName(t int) string {
	if n, ok := vncTypes[t]; ok {
		return n
	}
	return fmt.Sprintf("type_%d", t)
}

func (VNC) Name() string { return "vnc" }

func (VNC) Ports() []dissect.Port {
	return []dissect.Port{{Transport: dissect.TCP, Number: 5900}, {Transport: dissect.TCP, Number: 5901}}
}

// vncVersionOf parses "RFB xxx.yyy\n" and returns the major and minor
// version.
func vncVersionOf(p []byte) (major, minor int, ok bool) {
	if len(p) < 12 || string(p[:4]) != "RFB " || p[7] != '.' || p[11] != '\n' {
		return 0, 0, false
	}
	num := func(b []byte) (int, bool) {
		n := 0
		for _, c := range b {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	major, ok1 := num(p[4:7])
	minor, ok2 := num(p[8:11])
	return major, minor, ok1 && ok2
}

// Match: the stream starts with an RFB ProtocolVersion message, which the
// server sends first and the client echoes with its own.
func (VNC) Match(t dissect.Transport, _ dissect.Direction, p []byte) bool {
	if t != dissect.TCP || len(p) < 12 {
		return false
	}
	_, _, ok := vncVersionOf(p)
	return ok
}

// Dissect follows the handshake in each direction; once it is over, or
// the bytes stop making sense, everything is consumed unread.
func (VNC) Dissect(t dissect.Transport, dir dissect.Direction, buf []byte, rec *dissect.Recorder) int {
	if t != dissect.TCP {
		return len(buf)
	}
	st := stateOf[vncState](rec)
	off := 0
	for off < len(buf) {
		n, more := vncStep(st, dir, buf[off:], rec)
		if n == 0 && more {
			return off // wait for the rest of the message
		}
		if n == 0 {
			if st.stage[dissect.ToServer] == vncDone && st.stage[dissect.ToClient] == vncDone {
				rec.DropState()
			}
			return len(buf)
		}
		off += n
	}
	return off
}

// vncStep reads one handshake message of direction dir at the start of b.
// It returns the bytes it took; 0 with more=true when the message is not
// complete yet, 0 with more=false when there is nothing more to read in
// this direction.
func vncStep(st *vncState, dir dissect.Direction, b []byte, rec *dissect.Recorder) (n int, more bool) {
	stage := &st.stage[dir]
	switch *stage {
	case vncVersion:
		if len(b) < 12 {
			return 0, true
		}
		major, minor, ok := vncVersionOf(b)
		if !ok {
			rec.Malformed()
			*stage = vncDone
			return 0, false
		}
		rec.Op(dissect.ClassSession, "protocol_version", -1)
		rec.Attr("version", fmt.Sprintf("%d.%d", major, minor))
		// RFC 6143 §7.1.1: versions other than 3.3, 3.7 and 3.8 are
		// handled as 3.3; a version above 3.8 (Apple's 3.889) as 3.8.
		m := 3
		switch {
		case major == 3 && minor >= 8:
			m = 8
		case major == 3 && minor == 7:
			m = 7
		case major > 3:
			m = 8
		}
		if !st.haveVer || m < st.minor {
			st.minor, st.haveVer = m, true
		}
		*stage = vncSecurity
		return 12, false
	case vncSecurity:
		if dir == dissect.ToClient {
			return vncOffer(st, b, rec)
		}
		if st.minor == 3 {
			// 3.3: the server decides; the client's next message
			// follows the server's type.
			if !st.haveType {
				return 0, true
			}
			*stage = vncAuth
			return vncStep(st, dir, b, rec)
		}
		c := int(b[0])
		rec.Op(dissect.ClassSession, "security_type", c)
		rec.Attr("security_type", vncTypeName(c))
		st.chosen, st.haveType = c, true
		*stage = vncAuth
		return 1, false
	case vncAuth:
		if !st.haveType {
			if dir == dissect.ToClient && len(st.offered) == 1 {
				// The client's choice was not seen; it had one option.
				st.chosen, st.haveType = int(st.offered[0]), true
			} else {
				return 0, true
			}
		}
		if st.chosen != 2 {
			if st.chosen == 1 {
				*stage = vncResult
				if dir == dissect.ToClient && st.minor < 8 {
					*stage = vncDone // no SecurityResult for None before 3.8
				}
				return vncStep(st, dir, b, rec)
			}
			*stage = vncDone // another security type's own protocol
			return 0, false
		}
		if len(b) < 16 {
			return 0, true
		}
		if dir == dissect.ToClient {
			rec.Op(dissect.ClassSession, "vnc_auth_challenge", -1)
		} else {
			rec.Op(dissect.ClassSession, "vnc_auth_response", -1)
		}
		*stage = vncResult
		return 16, false
	case vncResult:
		if dir == dissect.ToServer {
			rec.Op(dissect.ClassSession, "client_init", int(b[0]))
			*stage = vncDone
			return 1, false
		}
		if len(b) < 4 {
			return 0, true
		}
		r := int(be32(b))
		if r == 0 {
			rec.Op(dissect.ClassResponse, "security_result", r)
		} else {
			rec.Op(dissect.ClassError, "security_result", r)
			rec.Event("vnc_auth_failed", fmt.Sprintf("VNC security handshake failed (%s)", vncTypeName(st.chosen)))
		}
		*stage = vncDone
		return 4, false
	}
	return 0, false
}

// vncOffer reads the server's security message: a count and the types
// (3.7, 3.8), or one type as a 32-bit number (3.3). No type means the
// server refuses the connection, with a reason.
func vncOffer(st *vncState, b []byte, rec *dissect.Recorder) (int, bool) {
	stage := &st.stage[dissect.ToClient]
	if st.minor == 3 {
		if len(b) < 4 {
			return 0, true
		}
		t := be32(b)
		if t == 0 {
			return vncRefused(stage, b, 4, rec)
		}
		if t > 255 {
			rec.Malformed()
			*stage = vncDone
			return 0, false
		}
		rec.Op(dissect.ClassSession, "security_types", -1)
		rec.Attr("security_types", vncTypeName(int(t)))
		rec.Attr("security_type", vncTypeName(int(t)))
		st.chosen, st.haveType = int(t), true
		*stage = vncAuth
		return 4, false
	}
	k := int(b[0])
	if k == 0 {
		return vncRefused(stage, b, 1, rec)
	}
	if len(b) < 1+k {
		return 0, true
	}
	rec.Op(dissect.ClassSession, "security_types", -1)
	st.offered = append(st.offered[:0], b[1:1+k]...)
	for _, t := range st.offered {
		rec.Attr("security_types", vncTypeName(int(t)))
	}
	*stage = vncAuth
	return 1 + k, false
}

// vncRefused records a connection the server refuses (no security type)
// and the reason it gives after the count at b[:at].
func vncRefused(stage *int, b []byte, at int, rec *dissect.Recorder) (int, bool) {
	if len(b) < at+4 {
		return 0, true
	}
	l := int(be32(b[at:]))
	if l > 1024 {
		rec.Malformed()
		*stage = vncDone
		return 0, false
	}
	if len(b) < at+4+l {
		return 0, true
	}
	rec.Op(dissect.ClassError, "connection_failed", 0)
	rec.Event("vnc_connection_failed", "VNC server refused the connection: "+printable(b[at+4:at+4+l], 128))
	*stage = vncDone
	return at + 4 + l, false
}
