package it

import (
	"crypto/x509"
	"fmt"
	"strings"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// TLS dissects the cleartext start of TLS and SSLv3 (RFC 8446, 5246):
// ClientHello (offered version, SNI) and ServerHello (negotiated version
// and cipher suite). Nothing after the handshake is looked at.
type TLS struct{}

func (TLS) Name() string { return "tls" }

func (TLS) Ports() []dissect.Port {
	return []dissect.Port{{Transport: dissect.TCP, Number: 443}, {Transport: dissect.TCP, Number: 4843},
		{Transport: dissect.TCP, Number: 8443}, {Transport: dissect.TCP, Number: 993}, {Transport: dissect.TCP, Number: 995},
		{Transport: dissect.TCP, Number: 465}, {Transport: dissect.TCP, Number: 636}, {Transport: dissect.TCP, Number: 990}}
}

// tlsVersion names a protocol version; "" for an unknown one.
func tlsVersion(v int) string {
	switch v {
	case 0x0300:
		return "SSL3.0"
	case 0x0301:
		return "TLS1.0"
	case 0x0302:
		return "TLS1.1"
	case 0x0303:
		return "TLS1.2"
	case 0x0304:
		return "TLS1.3"
	}
	return ""
}

// tlsCiphers names common cipher suites by their IANA names.
var tlsCiphers = map[int]string{
	0x0004: "TLS_RSA_WITH_RC4_128_MD5",
	0x0005: "TLS_RSA_WITH_RC4_128_SHA",
	0x000a: "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
	0x002f: "TLS_RSA_WITH_AES_128_CBC_SHA",
	0x0033: "TLS_DHE_RSA_WITH_AES_128_CBC_SHA",
	0x0035: "TLS_RSA_WITH_AES_256_CBC_SHA",
	0x0039: "TLS_DHE_RSA_WITH_AES_256_CBC_SHA",
	0x003c: "TLS_RSA_WITH_AES_128_CBC_SHA256",
	0x003d: "TLS_RSA_WITH_AES_256_CBC_SHA256",
	0x009c: "TLS_RSA_WITH_AES_128_GCM_SHA256",
	0x009d: "TLS_RSA_WITH_AES_256_GCM_SHA384",
	0x009e: "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
	0x009f: "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
	0x1301: "TLS_AES_128_GCM_SHA256",
	0x1302: "TLS_AES_256_GCM_SHA384",
	0x1303: "TLS_CHACHA20_POLY1305_SHA256",
	0xc009: "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
	0xc00a: "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
	0xc011: "TLS_ECDHE_RSA_WITH_RC4_128_SHA",
	0xc012: "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA",
	0xc013: "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
	0xc014: "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
	0xc023: "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
	0xc024: "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
	0xc027: "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
	0xc028: "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
	0xc02b: "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
	0xc02c: "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
	0xc02f: "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
	0xc030: "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
	0xcca8: "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
	0xcca9: "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
}

func tlsCipher(c int) string {
	if n, ok := tlsCiphers[c]; ok {
		return n
	}
	return fmt.Sprintf("0x%04x", c)
}

// tlsRecordHeader reports whether b starts with a plausible record header
// and returns its content type and length.
func tlsRecordHeader(b []byte) (typ byte, n int, ok bool) {
	if len(b) < 5 || b[0] < 20 || b[0] > 24 || b[1] != 3 || b[2] > 4 {
		return 0, 0, false
	}
	n = be16(b[3:])
	return b[0], n, n <= 16384+2048
}

// Match: a handshake record carrying a ClientHello (to server) or
// ServerHello (to client) whose lengths agree.
func (TLS) Match(t dissect.Transport, dir dissect.Direction, p []byte) bool {
	if t != dissect.TCP {
		return false
	}
	typ, n, ok := tlsRecordHeader(p)
	if !ok || typ != 22 || n < 4 || len(p) < 9 {
		return false
	}
	hl := int(p[6])<<16 | be16(p[7:])
	if hl+4 > n && n < 16384 {
		return false
	}
	want := byte(1)
	if dir == dissect.ToClient {
		want = 2
	}
	return len(p) > 10 && p[5] == want && p[9] == 3 && p[10] <= 4
}

// Dissect walks records; it parses hellos and skips everything else.
func (TLS) Dissect(t dissect.Transport, _ dissect.Direction, buf []byte, rec *dissect.Recorder) int {
	if t != dissect.TCP {
		return len(buf)
	}
	consumed := 0
	for consumed < len(buf) {
		typ, n, ok := tlsRecordHeader(buf[consumed:])
		if !ok {
			if len(buf)-consumed < 5 {
				return consumed
			}
			return len(buf) // lost sync or not TLS: drop
		}
		if len(buf)-consumed < 5+n {
			return consumed
		}
		body := buf[consumed+5 : consumed+5+n]
		switch typ {
		case 22:
			tlsHandshake(body, rec)
		case 21:
			if n == 2 && body[0] == 2 {
				rec.Op(dissect.ClassError, "alert", int(body[1]))
			}
		case 20:
			rec.Op(dissect.ClassSession, "change_cipher_spec", 20)
		}
		consumed += 5 + n
	}
	return consumed
}

// tlsHandshake reads the handshake messages of one record: a server
// sends its hello, certificate and hello-done in one record as often as
// in three.
func tlsHandshake(b []byte, rec *dissect.Recorder) {
	for len(b) >= 4 {
		typ := b[0]
		hl := int(b[1])<<16 | be16(b[2:])
		if hl > len(b)-4 {
			return // encrypted (Finished) or spanning records: not looked at
		}
		switch typ {
		case 1, 2:
			tlsHello(typ, b[4:4+hl], rec)
		case 11:
			tlsCertificate(b[4:4+hl], rec)
		}
		b = b[4+hl:]
	}
}

// tlsCertificate records the subject of the server's own certificate, the
// first of the chain a TLS 1.2 or earlier Certificate message sends in
// the clear (RFC 5246 7.4.2): devices often name their maker and product
// there ("O=Siemens, CN=S7-1500"). The attributes are written in the
// certificate's order, as Suricata's tls.subject writes them.
func tlsCertificate(h []byte, rec *dissect.Recorder) {
	if len(h) < 6 {
		return
	}
	n := int(h[3])<<16 | be16(h[4:])
	if n > len(h)-6 || n == 0 {
		return
	}
	cert, err := x509.ParseCertificate(h[6 : 6+n])
	if err != nil {
		return
	}
	var parts []string
	for _, a := range cert.Subject.Names {
		key, ok := x509Keys[a.Type.String()]
		if v, isStr := a.Value.(string); ok && isStr && v != "" {
			parts = append(parts, key+"="+v)
		}
	}
	if len(parts) > 0 {
		rec.Attr("cert_subject", printable([]byte(strings.Join(parts, ", ")), 128))
	}
}

// x509Keys name the subject attributes kept, by object identifier.
var x509Keys = map[string]string{"2.5.4.6": "C", "2.5.4.8": "ST", "2.5.4.7": "L", "2.5.4.10": "O", "2.5.4.11": "OU", "2.5.4.3": "CN"}

func tlsHello(typ byte, h []byte, rec *dissect.Recorder) {
	if len(h) < 2+32+1 {
		return
	}
	ver := be16(h)
	if tlsVersion(ver) == "" {
		return
	}
	sidLen := int(h[34])
	p := h[35:]
	if sidLen > 32 || len(p) < sidLen {
		return
	}
	p = p[sidLen:]
	if typ == 1 {
		tlsClientHello(ver, p, rec)
	} else {
		tlsServerHello(ver, p, rec)
	}
}

func tlsClientHello(ver int, p []byte, rec *dissect.Recorder) {
	if len(p) < 2 {
		rec.Malformed()
		return
	}
	cl := be16(p)
	if cl > len(p)-2 || cl%2 != 0 {
		rec.Malformed()
		return
	}
	p = p[2+cl:]
	if len(p) < 1 || int(p[0]) > len(p)-1 {
		rec.Malformed()
		return
	}
	p = p[1+int(p[0]):]
	rec.Op(dissect.ClassSession, "client_hello", 1)
	maxVer := ver
	tlsExtensions(p, func(typ int, d []byte) {
		switch typ {
		case 0: // server_name
			if len(d) < 5 || be16(d) > len(d)-2 || d[2] != 0 {
				return
			}
			nl := be16(d[3:])
			if nl <= len(d)-5 {
				rec.Attr("sni", printable(d[5:5+nl], 128))
			}
		case 43: // supported_versions
			if len(d) < 1 || int(d[0]) > len(d)-1 {
				return
			}
			for i := 1; i+1 < 1+int(d[0]); i += 2 {
				if v := be16(d[i:]); tlsVersion(v) != "" && v > maxVer {
					maxVer = v
				}
			}
		}
	})
	rec.Attr("client_version", tlsVersion(maxVer))
}

func tlsServerHello(ver int, p []byte, rec *dissect.Recorder) {
	if len(p) < 3 {
		rec.Malformed()
		return
	}
	cipher := be16(p)
	p = p[3:]
	rec.Op(dissect.ClassSession, "server_hello", 2)
	tlsExtensions(p, func(typ int, d []byte) {
		if typ == 43 && len(d) == 2 && tlsVersion(be16(d)) != "" {
			ver = be16(d)
		}
	})
	v := tlsVersion(ver)
	rec.Attr("version", v)
	rec.Attr("cipher", tlsCipher(cipher))
	if ver < 0x0303 {
		rec.Attr("deprecated_version", v)
	}
}

// tlsExtensions calls fn for each extension of a hello's extension block.
func tlsExtensions(p []byte, fn func(typ int, data []byte)) {
	if len(p) < 2 {
		return
	}
	el := be16(p)
	if el > len(p)-2 {
		return
	}
	p = p[2 : 2+el]
	for len(p) >= 4 {
		typ, l := be16(p), be16(p[2:])
		if l > len(p)-4 {
			return
		}
		fn(typ, p[4:4+l])
		p = p[4+l:]
	}
}
