package ot

import (
	"strings"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// OPCUA dissects OPC UA Binary over TCP (OPC 10000-6): Hello/Acknowledge,
// OpenSecureChannel (security policy and message security mode) and, when
// the channel is not encrypted, the service type of MSG chunks.
type OPCUA struct{}

func (OPCUA) Name() string { return "opcua" }

func (OPCUA) Ports() []dissect.Port { return []dissect.Port{{Transport: dissect.TCP, Number: 4840}} }

// Binary encoding ids of the service messages.
type uaSvc struct{ name, class string }

var uaServices = map[int]uaSvc{
	422: {"FindServers", dissect.ClassDiagnostic},
	428: {"GetEndpoints", dissect.ClassDiagnostic},
	446: {"OpenSecureChannel", dissect.ClassSession},
	452: {"CloseSecureChannel", dissect.ClassSession},
	461: {"CreateSession", dissect.ClassSession},
	467: {"ActivateSession", dissect.ClassSession},
	473: {"CloseSession", dissect.ClassSession},
	479: {"Cancel", dissect.ClassSession},
	488: {"AddNodes", dissect.ClassWrite},
	494: {"AddReferences", dissect.ClassWrite},
	500: {"DeleteNodes", dissect.ClassWrite},
	506: {"DeleteReferences", dissect.ClassWrite},
	527: {"Browse", dissect.ClassRead},
	533: {"BrowseNext", dissect.ClassRead},
	554: {"TranslateBrowsePathsToNodeIds", dissect.ClassRead},
	560: {"RegisterNodes", dissect.ClassRead},
	566: {"UnregisterNodes", dissect.ClassRead},
	615: {"QueryFirst", dissect.ClassRead},
	621: {"QueryNext", dissect.ClassRead},
	631: {"Read", dissect.ClassRead},
	664: {"HistoryRead", dissect.ClassRead},
	673: {"Write", dissect.ClassWrite},
	700: {"HistoryUpdate", dissect.ClassWrite},
	712: {"Call", dissect.ClassControl},
	751: {"CreateMonitoredItems", dissect.ClassRead},
	763: {"ModifyMonitoredItems", dissect.ClassRead},
	769: {"SetMonitoringMode", dissect.ClassRead},
	775: {"SetTriggering", dissect.ClassRead},
	781: {"DeleteMonitoredItems", dissect.ClassRead},
	787: {"CreateSubscription", dissect.ClassRead},
	793: {"ModifySubscription", dissect.ClassRead},
	799: {"SetPublishingMode", dissect.ClassRead},
	826: {"Publish", dissect.ClassRead},
	832: {"Republish", dissect.ClassRead},
	841: {"TransferSubscriptions", dissect.ClassRead},
	847: {"DeleteSubscriptions", dissect.ClassRead},
}

var uaModes = []string{1: "None", 2: "Sign", 3: "SignAndEncrypt"}

const uaMaxMsg = 1 << 24

// uaHeader returns the message type and chunk size of the chunk b starts
// with, or size 0.
func uaHeader(b []byte) (typ string, size int) {
	if len(b) < 8 {
		return "", 0
	}
	switch string(b[:3]) {
	case "HEL":
		typ = "HEL"
	case "ACK":
		typ = "ACK"
	case "ERR":
		typ = "ERR"
	case "RHE":
		typ = "RHE"
	case "OPN":
		typ = "OPN"
	case "MSG":
		typ = "MSG"
	case "CLO":
		typ = "CLO"
	default:
		return "", 0
	}
	if b[3] != 'F' && b[3] != 'C' && b[3] != 'A' {
		return "", 0
	}
	n := le32(b[4:])
	if n < 8 || n > uaMaxMsg {
		return "", 0
	}
	return typ, int(n)
}

func (OPCUA) Match(t dissect.Transport, _ dissect.Direction, p []byte) bool {
	if t != dissect.TCP {
		return false
	}
	typ, n := uaHeader(p)
	switch typ {
	case "HEL", "ACK", "RHE":
		return n >= 28 && p[3] == 'F'
	case "":
		return false
	}
	return n >= 12
}

func (OPCUA) Dissect(_ dissect.Transport, dir dissect.Direction, buf []byte, rec *dissect.Recorder) int {
	off := 0
	for len(buf)-off >= 8 {
		typ, n := uaHeader(buf[off:])
		if n == 0 {
			rec.Malformed()
			return len(buf)
		}
		if n > dissect.MaxBuffer {
			// Too big to buffer: look at what is here and skip it whole
			// (the reader drops the flow direction's buffer).
			uaChunk(dir, typ, buf[off:], rec)
			return len(buf)
		}
		if len(buf)-off < n {
			break
		}
		uaChunk(dir, typ, buf[off:off+n], rec)
		off += n
	}
	return off
}

// uaReader reads OPC UA binary encodings, stopping at the first short read.
type uaReader struct {
	b  []byte
	ok bool
}

func (r *uaReader) skip(n int) {
	if !r.ok || n < 0 || n > len(r.b) {
		r.ok = false
		return
	}
	r.b = r.b[n:]
}

func (r *uaReader) u32() uint32 {
	if !r.ok || len(r.b) < 4 {
		r.ok = false
		return 0
	}
	v := le32(r.b)
	r.b = r.b[4:]
	return v
}

// bytes reads a String or ByteString (int32 length, -1 for null).
func (r *uaReader) bytes() []byte {
	n := int32(r.u32())
	if !r.ok || n < 0 {
		return nil
	}
	if int(n) > len(r.b) {
		r.ok = false
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

// nodeID reads a NodeId and returns its numeric id in namespace 0, or -1.
func (r *uaReader) nodeID() int {
	if !r.ok || len(r.b) < 1 {
		r.ok = false
		return -1
	}
	enc := r.b[0] & 0x3f
	r.b = r.b[1:]
	switch enc {
	case 0:
		if len(r.b) < 1 {
			r.ok = false
			return -1
		}
		v := int(r.b[0])
		r.b = r.b[1:]
		return v
	case 1:
		if len(r.b) < 3 {
			r.ok = false
			return -1
		}
		v := -1
		if r.b[0] == 0 {
			v = le16(r.b[1:])
		}
		r.b = r.b[3:]
		return v
	case 2:
		if len(r.b) < 6 {
			r.ok = false
			return -1
		}
		v := -1
		if le16(r.b) == 0 {
			v = int(le32(r.b[2:]))
		}
		r.b = r.b[6:]
		return v
	case 3, 5: // string, opaque
		r.skip(2)
		r.bytes()
	case 4: // guid
		r.skip(18)
	default:
		r.ok = false
	}
	return -1
}

func uaChunk(dir dissect.Direction, typ string, b []byte, rec *dissect.Recorder) {
	r := &uaReader{b: b[8:], ok: true}
	switch typ {
	case "HEL":
		rec.Op(dissect.ClassSession, "Hello", -1)
		r.skip(20)
		if u := r.bytes(); r.ok && len(u) > 0 {
			rec.Attr("endpoint_url", uaURL(u))
		}
	case "ACK":
		rec.Op(dissect.ClassSession, "Acknowledge", -1)
	case "RHE":
		rec.Op(dissect.ClassSession, "ReverseHello", -1)
	case "ERR":
		rec.Op(dissect.ClassError, "Error", -1)
	case "CLO":
		rec.Op(dissect.ClassSession, "CloseSecureChannel", 452)
	case "OPN":
		uaOpen(dir, r, rec)
	case "MSG":
		if b[3] != 'F' && b[3] != 'A' {
			// Intermediate chunks continue a message whose type the
			// first chunk carried.
			return
		}
		r.skip(4 + 4 + 8) // channel id, token id, sequence header
		id := r.nodeID()
		if !r.ok {
			return
		}
		uaService(dir, id, rec)
		if id == 467 && dir == dissect.ToServer {
			uaActivate(r, rec)
		}
	}
}

// skipRequestHeader skips a RequestHeader: authentication token,
// timestamp, handle, diagnostics, audit entry id, timeout hint, additional
// header.
func (r *uaReader) skipRequestHeader() {
	r.nodeID()
	r.skip(8 + 4 + 4)
	r.bytes()
	r.skip(4)
	r.extObject()
}

// extObject reads an ExtensionObject and returns its type id (namespace 0,
// or -1) and its binary body.
func (r *uaReader) extObject() (id int, body []byte) {
	id = r.nodeID()
	if !r.ok || len(r.b) < 1 {
		r.ok = false
		return -1, nil
	}
	enc := r.b[0]
	r.b = r.b[1:]
	if enc != 0 {
		body = r.bytes()
	}
	return id, body
}

// skipArray skips an array of n-field byte strings (int32 count, -1 null).
func (r *uaReader) skipArray(fields int) {
	n := int32(r.u32())
	for i := int32(0); r.ok && i < n; i++ {
		for range fields {
			r.bytes()
		}
	}
}

// uaTokens names the user identity token types by binary encoding id.
var uaTokens = map[int]string{321: "anonymous", 324: "username", 327: "certificate", 940: "issued"}

// uaActivate reads the user identity token of an ActivateSessionRequest
// (readable only on an unencrypted channel). A user name token whose
// password is not encrypted (no encryption algorithm) puts the password on
// the wire in clear: that is recorded as a credential, fingerprint only.
func uaActivate(r *uaReader, rec *dissect.Recorder) {
	r.skipRequestHeader()
	r.bytes()      // client signature: algorithm
	r.bytes()      // and signature
	r.skipArray(2) // client software certificates
	r.skipArray(1) // locale ids
	id, body := r.extObject()
	if !r.ok {
		return
	}
	kind, ok := uaTokens[id]
	if !ok {
		return
	}
	rec.Attr("user_token", kind)
	if kind != "username" {
		return
	}
	t := &uaReader{b: body, ok: true}
	t.bytes() // policy id
	user := t.bytes()
	pass := t.bytes()
	alg := t.bytes()
	if t.ok && len(alg) == 0 && len(pass) > 0 {
		rec.Credential("opcua_password", printable(user, 64), pass, false)
	}
}

func uaService(dir dissect.Direction, id int, rec *dissect.Recorder) {
	if id == 397 {
		rec.Op(dissect.ClassError, "ServiceFault", id)
		return
	}
	if s, ok := uaServices[id]; ok && dir == dissect.ToServer {
		rec.Op(s.class, s.name, id)
		return
	}
	if s, ok := uaServices[id-3]; ok && dir == dissect.ToClient {
		rec.Op(dissect.ClassResponse, s.name, id)
	}
	// Anything else: an encrypted body or an unknown type; nothing to say.
}

func uaOpen(dir dissect.Direction, r *uaReader, rec *dissect.Recorder) {
	r.skip(4) // secure channel id
	uri := r.bytes()
	if !r.ok {
		rec.Malformed()
		return
	}
	policy := uaPolicy(uri)
	rec.Attr("security_policy", policy)
	rec.Attr("security_policy_uri", printable(uri, 128))
	cert := r.bytes()
	r.bytes() // receiver thumbprint
	if r.ok && len(cert) > 0 {
		rec.Attr("certificate", "present")
	}
	if policy != "None" {
		// The rest is encrypted; the mode is not readable.
		if dir == dissect.ToServer {
			rec.Op(dissect.ClassSession, "OpenSecureChannel", 446)
		} else {
			rec.Op(dissect.ClassResponse, "OpenSecureChannel", 449)
		}
		return
	}
	r.skip(8) // sequence header
	id := r.nodeID()
	if !r.ok {
		rec.Malformed()
		return
	}
	uaService(dir, id, rec)
	if id != 446 {
		return
	}
	// RequestHeader: authentication token, timestamp, handle, diagnostics,
	// audit entry id, timeout hint, additional header (ExtensionObject).
	r.nodeID()
	r.skip(8 + 4 + 4)
	r.bytes()
	r.skip(4)
	r.nodeID()
	if r.ok && len(r.b) > 0 {
		enc := r.b[0]
		r.skip(1)
		if enc != 0 {
			r.bytes()
		}
	}
	r.skip(4 + 4) // client protocol version, request type
	mode := int(r.u32())
	if !r.ok {
		rec.Malformed()
		return
	}
	rec.Attr("security_mode", name(uaModes, mode, "Invalid"))
}

// uaPolicy returns a security policy URI's short name (the part after '#').
func uaPolicy(uri []byte) string {
	if len(uri) == 0 {
		return "None" // a null URI means no security
	}
	s := string(uri)
	if i := strings.LastIndexByte(s, '#'); i >= 0 {
		s = s[i+1:]
	}
	return printable([]byte(s), 64)
}

// uaURL returns an endpoint URL without any user information.
func uaURL(u []byte) string {
	s := printable(u, 256)
	if i := strings.Index(s, "://"); i >= 0 {
		rest := s[i+3:]
		host := rest
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			host = rest[:j]
		}
		if k := strings.LastIndexByte(host, '@'); k >= 0 {
			s = s[:i+3] + rest[k+1:]
		}
	}
	return s
}
