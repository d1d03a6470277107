package it

import (
	"bytes"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// Telnet dissects telnet (RFC 854): option negotiation and the login
// dialogue, whose user name and password cross the wire in cleartext.
type Telnet struct{}

const (
	telnetIAC      = 0xff
	telnetMaxLine  = 256 // a line longer than this is not a login answer
	telnetMaxUser  = 64
	telnetIdle     = 0
	telnetWantUser = 1
	telnetWantPass = 2
)

type telnetState struct {
	want int
	user string
}

func (Telnet) Name() string { return "telnet" }

func (Telnet) Ports() []dissect.Port { return []dissect.Port{{Transport: dissect.TCP, Number: 23}} }

// Match requires option negotiation at the start of the stream: IAC
// followed by WILL/WONT/DO/DONT and an option, or IAC SB.
func (Telnet) Match(t dissect.Transport, _ dissect.Direction, p []byte) bool {
	if t != dissect.TCP || len(p) < 3 || p[0] != telnetIAC {
		return false
	}
	switch p[1] {
	case 0xfb, 0xfc, 0xfd, 0xfe: // WILL WONT DO DONT
		return p[2] < 50 || p[2] == 0xff
	case 0xfa: // SB
		return p[2] < 50
	}
	return false
}

// telnetText strips IAC sequences from b, returning the data bytes
// appended to dst, how many bytes of b form complete units (an IAC
// sequence cut at the end of b is left for the next call), the number of
// option commands, and lineEnd: the offset in b just past the last CR, LF
// or NUL data byte (0 when none).
func telnetText(b []byte, dst []byte) ([]byte, int, int, int) {
	neg, lineEnd := 0, 0
	i := 0
	for i < len(b) {
		c := b[i]
		if c != telnetIAC {
			dst = append(dst, c)
			i++
			if c == '\r' || c == '\n' || c == 0 {
				lineEnd = i
			}
			continue
		}
		if i+1 >= len(b) {
			return dst, i, neg, lineEnd
		}
		switch cmd := b[i+1]; {
		case cmd == telnetIAC: // escaped 0xff data byte
			dst = append(dst, telnetIAC)
			i += 2
		case cmd >= 0xfb: // WILL WONT DO DONT option
			if i+2 >= len(b) {
				return dst, i, neg, lineEnd
			}
			neg++
			i += 3
		case cmd == 0xfa: // SB ... IAC SE
			end := bytes.Index(b[i+2:], []byte{telnetIAC, 0xf0})
			if end < 0 {
				if len(b)-i > 512 {
					return dst, len(b), neg, lineEnd // runaway subnegotiation: drop
				}
				return dst, i, neg, lineEnd
			}
			neg++
			i += 2 + end + 2
		default: // two-byte commands (NOP, GA, AYT, ...)
			i += 2
		}
	}
	return dst, i, neg, lineEnd
}

// Dissect records negotiation and the login dialogue. The server's
// output is scanned for a trailing "login:"/"username:"/"password:"
// prompt; the client's next line is the user name or the password. The
// unterminated tail of each direction is left unconsumed (bounded), as
// telnet clients send a line one byte per segment.
func (Telnet) Dissect(t dissect.Transport, dir dissect.Direction, buf []byte, rec *dissect.Recorder) (consumed int) {
	if t != dissect.TCP || len(buf) == 0 {
		return len(buf)
	}
	var scratch [512]byte
	text, n, neg, lineEnd := telnetText(buf, scratch[:0])
	st := stateOf[telnetState](rec)
	// The bytes consumed so far are counted in input offsets; we only
	// consume whole lines so the tail is seen again with more data.
	lastNL := bytes.LastIndexAny(text, "\r\n")
	if dir == dissect.ToClient {
		tail := text[lastNL+1:]
		p := bytes.TrimRight(lowerASCII(tail), " \t\x00")
		switch {
		case bytes.HasSuffix(p, []byte("login:")) || bytes.HasSuffix(p, []byte("username:")) || bytes.HasSuffix(p, []byte("user name:")):
			st.want = telnetWantUser
			rec.Op(dissect.ClassSession, "login_prompt", -1)
		case bytes.HasSuffix(p, []byte("password:")):
			if st.want != telnetWantPass {
				st.want = telnetWantPass
			}
			rec.Op(dissect.ClassSession, "password_prompt", -1)
		}
		for range neg {
			rec.Op(dissect.ClassSession, "negotiate", -1)
		}
		// The server's output is consumed entirely: a prompt is seen
		// once, and echoes of the client's typing must not re-arm it.
		return len(buf)
	}
	if len(text) == 0 {
		// Only negotiation: consume it (an IAC cut at the end stays).
		for range neg {
			rec.Op(dissect.ClassSession, "negotiate", -1)
		}
		return n
	}
	// Negotiation is counted once, with the bytes that are consumed.
	defer func() {
		_, _, negDone, _ := telnetText(buf[:consumed], scratch[:0])
		for range negDone {
			rec.Op(dissect.ClassSession, "negotiate", -1)
		}
	}()
	if lastNL < 0 {
		if len(buf) > telnetMaxLine {
			return len(buf)
		}
		return 0 // the line's bytes arrive one by one: read it whole later
	}
	// Split the client's complete lines.
	lines := bytes.FieldsFunc(text[:lastNL+1], func(r rune) bool { return r == '\r' || r == '\n' || r == 0 })
	if len(lines) == 0 && st.want == telnetWantPass && text[0] == '\r' {
		// An empty answer (empty password). A lone LF or NUL is the
		// rest of the previous line's CR LF / CR NUL, not an answer.
		lines = [][]byte{nil}
	}
	for _, l := range lines {
		l = telnetEdit(l)
		switch st.want {
		case telnetWantUser:
			if len(l) > 0 && len(l) <= telnetMaxUser && isText(l) {
				st.user = printable(l, telnetMaxUser)
				st.want = telnetIdle
				rec.Op(dissect.ClassSession, "login", -1)
			}
		case telnetWantPass:
			if len(l) <= telnetMaxLine {
				rec.Credential("telnet_login", st.user, l, isDefaultLogin(st.user, l))
			}
			st.want = telnetIdle
			st.user = ""
		}
	}
	if len(buf)-lineEnd > telnetMaxLine {
		return len(buf)
	}
	return lineEnd
}

// telnetEdit applies backspace and delete to a typed line.
func telnetEdit(l []byte) []byte {
	if bytes.IndexByte(l, 0x08) < 0 && bytes.IndexByte(l, 0x7f) < 0 {
		return l
	}
	out := make([]byte, 0, len(l))
	for _, c := range l {
		if c == 0x08 || c == 0x7f {
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
			continue
		}
		out = append(out, c)
	}
	return out
}
