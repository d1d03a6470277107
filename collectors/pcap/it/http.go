package it

import (
	"bytes"
	"encoding/base64"
	"strconv"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// HTTP dissects HTTP/1.x: request methods, response status, Host,
// User-Agent and Server, and the Authorization scheme (Basic credentials
// are fingerprinted).
type HTTP struct{}

func (HTTP) Name() string { return "http" }

func (HTTP) Ports() []dissect.Port {
	return []dissect.Port{{Transport: dissect.TCP, Number: 80}, {Transport: dissect.TCP, Number: 8000},
		{Transport: dissect.TCP, Number: 8008}, {Transport: dissect.TCP, Number: 8080}, {Transport: dissect.TCP, Number: 8888}}
}

var httpMethods = map[string]string{
	"GET": dissect.ClassRead, "HEAD": dissect.ClassRead, "OPTIONS": dissect.ClassRead,
	"TRACE": dissect.ClassDiagnostic, "CONNECT": dissect.ClassSession,
	"POST": dissect.ClassWrite, "PUT": dissect.ClassWrite, "DELETE": dissect.ClassWrite, "PATCH": dissect.ClassWrite,
	"PROPFIND": dissect.ClassRead, "PROPPATCH": dissect.ClassWrite, "MKCOL": dissect.ClassWrite,
	"COPY": dissect.ClassWrite, "MOVE": dissect.ClassWrite, "LOCK": dissect.ClassWrite, "UNLOCK": dissect.ClassWrite,
}

// httpMethodNames maps each method to itself, so that a lookup by a byte
// slice returns a string without allocating.
var httpMethodNames = func() map[string]string {
	m := make(map[string]string, len(httpMethods))
	for k := range httpMethods {
		m[k] = k
	}
	return m
}()

const httpMaxHeader = 16 << 10

// httpRequestLine returns the method of a request line "METHOD target
// HTTP/1.x", or "".
func httpRequestLine(line []byte) string {
	sp := bytes.IndexByte(line, ' ')
	if sp < 3 || sp > 9 {
		return ""
	}
	m := httpMethodNames[string(line[:sp])] // no allocation
	if m == "" {
		return ""
	}
	rest := line[sp+1:]
	sp2 := bytes.LastIndexByte(rest, ' ')
	if sp2 < 1 || !bytes.HasPrefix(rest[sp2+1:], []byte("HTTP/1.")) || len(rest)-sp2-1 != 8 {
		return ""
	}
	return m
}

// httpStatusLine returns the status of "HTTP/1.x NNN reason", or -1.
func httpStatusLine(line []byte) int {
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.")) || line[8] != ' ' || (len(line) > 12 && line[12] != ' ') {
		return -1
	}
	code := 0
	for _, c := range line[9:12] {
		if c < '0' || c > '9' {
			return -1
		}
		code = code*10 + int(c-'0')
	}
	if code < 100 || code > 599 {
		return -1
	}
	return code
}

func httpStartLine(dir dissect.Direction, line []byte) bool {
	line = bytes.TrimRight(line, "\r")
	if dir == dissect.ToClient {
		return httpStatusLine(line) >= 0
	}
	return httpRequestLine(line) != ""
}

// Match: the first line is a complete request line (to server) or status
// line (to client).
func (HTTP) Match(t dissect.Transport, dir dissect.Direction, p []byte) bool {
	if t != dissect.TCP {
		return false
	}
	nl := bytes.IndexByte(p, '\n')
	if nl < 0 || nl > 8192 {
		return false
	}
	return httpStartLine(dir, p[:nl])
}

// Dissect consumes whole header blocks and skips bodies by Content-Length
// when they are in the buffer; otherwise (chunked, long or streamed
// bodies) it drops what it has and resynchronises on the next start line.
func (HTTP) Dissect(t dissect.Transport, dir dissect.Direction, buf []byte, rec *dissect.Recorder) int {
	if t != dissect.TCP {
		return len(buf)
	}
	consumed := 0
	for consumed < len(buf) {
		rest := buf[consumed:]
		nl := bytes.IndexByte(rest, '\n')
		if nl < 0 {
			if len(rest) > 8192 {
				return len(buf)
			}
			return consumed
		}
		if !httpStartLine(dir, rest[:nl]) {
			// Resynchronise: skip to the next line that starts a message.
			next := httpResync(dir, rest)
			if next < 0 {
				// Keep a possibly cut start line at the end of the buffer.
				if last := bytes.LastIndexByte(rest, '\n'); last >= 0 && len(rest)-last-1 < 8192 {
					return consumed + last + 1
				}
				return len(buf)
			}
			consumed += next
			continue
		}
		end := bytes.Index(rest, []byte("\r\n\r\n"))
		hdrEnd := end + 4
		if end < 0 {
			end = bytes.Index(rest, []byte("\n\n"))
			hdrEnd = end + 2
		}
		if end < 0 {
			if len(rest) > httpMaxHeader {
				rec.Malformed()
				return len(buf)
			}
			return consumed // wait for the rest of the header block
		}
		bodyLen, chunked := httpHeaders(dir, rest[:end], rec)
		consumed += hdrEnd
		switch {
		case chunked || bodyLen < 0:
			if bodyLen < 0 && dir == dissect.ToServer && !chunked {
				continue // a request without a length has no body
			}
			return len(buf)
		case bodyLen > len(buf)-consumed:
			return len(buf)
		default:
			consumed += bodyLen
		}
	}
	return consumed
}

func httpResync(dir dissect.Direction, b []byte) int {
	off := 0
	for {
		i := bytes.IndexByte(b[off:], '\n')
		if i < 0 {
			return -1
		}
		start := off + i + 1
		nl := bytes.IndexByte(b[start:], '\n')
		if nl < 0 {
			return -1
		}
		if httpStartLine(dir, b[start:start+nl]) {
			return start
		}
		off = start
	}
}

// httpHeaders records the facts of one header block and returns the body
// length (-1 when unknown) and whether the body is chunked.
func httpHeaders(dir dissect.Direction, hdr []byte, rec *dissect.Recorder) (int, bool) {
	bodyLen, chunked := -1, false
	first := true
	var buf [128]byte
	for len(hdr) > 0 {
		var line []byte
		if nl := bytes.IndexByte(hdr, '\n'); nl >= 0 {
			line, hdr = hdr[:nl], hdr[nl+1:]
		} else {
			line, hdr = hdr, nil
		}
		line = bytes.TrimRight(line, "\r")
		if first {
			first = false
			if dir == dissect.ToServer {
				m := httpRequestLine(line)
				rec.Op(httpMethods[m], m, -1)
			} else {
				code := httpStatusLine(line)
				switch {
				case code >= 400:
					rec.Op(dissect.ClassError, "status", code)
				default:
					rec.Op(dissect.ClassResponse, "status", code)
				}
				if code == 304 || code == 204 || code < 200 {
					bodyLen = 0
				}
			}
			continue
		}
		colon := bytes.IndexByte(line, ':')
		if colon <= 0 {
			continue
		}
		name := bytes.TrimSpace(line[:colon])
		val := bytes.TrimSpace(line[colon+1:])
		switch httpHeaderName(name) {
		case "host":
			if dir == dissect.ToServer {
				rec.AttrBytes("host", printableTo(buf[:], val, 64))
			}
		case "user-agent":
			rec.AttrBytes("user_agent", printableTo(buf[:], val, 128))
		case "server":
			rec.AttrBytes("server", printableTo(buf[:], val, 128))
		case "authorization", "proxy-authorization":
			httpAuth(val, rec)
		case "www-authenticate":
			if sp := bytes.IndexByte(val, ' '); sp > 0 {
				val = val[:sp]
			}
			rec.Attr("auth_offered", string(lowerASCII([]byte(printable(val, 16)))))
		case "content-length":
			if n, err := strconv.Atoi(string(val)); err == nil && n >= 0 {
				bodyLen = n
			}
		case "transfer-encoding":
			if bytes.Contains(lowerASCII(val), []byte("chunked")) {
				chunked = true
			}
		}
	}
	return bodyLen, chunked
}

// httpHeaderName returns the lower-case name of the headers this
// dissector reads, "" for the others, without allocating.
func httpHeaderName(name []byte) string {
	for _, h := range [...]string{"host", "user-agent", "server", "authorization", "proxy-authorization",
		"www-authenticate", "content-length", "transfer-encoding"} {
		if len(name) == len(h) && bytes.EqualFold(name, []byte(h)) {
			return h
		}
	}
	return ""
}

func httpAuth(val []byte, rec *dissect.Recorder) {
	scheme, cred := val, []byte(nil)
	if sp := bytes.IndexByte(val, ' '); sp > 0 {
		scheme, cred = val[:sp], bytes.TrimSpace(val[sp+1:])
	}
	s := string(lowerASCII(scheme))
	switch s {
	case "basic":
		rec.Attr("auth", "basic")
		dec := make([]byte, base64.StdEncoding.DecodedLen(len(cred)))
		n, err := base64.StdEncoding.Decode(dec, cred)
		if err != nil {
			rec.Malformed()
			return
		}
		dec = dec[:n]
		colon := bytes.IndexByte(dec, ':')
		if colon < 0 {
			rec.Malformed()
			return
		}
		user, pass := printable(dec[:colon], 64), dec[colon+1:]
		rec.Credential("http_basic", user, pass, isDefaultLogin(user, pass))
		clear(dec)
	case "digest", "ntlm", "negotiate", "bearer":
		rec.Attr("auth", s)
	default:
		rec.Attr("auth", "other")
	}
}
