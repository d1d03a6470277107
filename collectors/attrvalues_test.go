package collectors_test

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
	"github.com/slate-ot/slate/collectors/pcap/it"
	"github.com/slate-ot/slate/collectors/pcap/ot"
	"github.com/slate-ot/slate/collectors/suricata"
	"github.com/slate-ot/slate/collectors/zeek"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/traffic"
)

// segment is one payload a capture dissector reads.
type segment struct {
	dir     dissect.Direction
	payload []byte
}

// attrCase is one exchange as the capture dissector sees it on the wire
// and as Zeek and Suricata log it. The attributes named in keys must have
// the same values from all three (the logs that do not carry one say so
// by leaving their record out).
type attrCase struct {
	name      string
	protocol  string
	transport dissect.Transport
	dissector dissect.Dissector
	wire      []segment
	// zeek is one JSON record per log path, the id fields added.
	zeek map[string][]map[string]any
	// zeekKeys and suricataKeys are the keys each log carries (nil: all).
	zeekKeys []string
	// suricata are the EVE events (event_type, the app-layer object), the
	// common fields added; nil when Suricata logs nothing.
	suricata     []map[string]any
	suricataKeys []string
	keys         []string
	// ops compares the operations too ("class name code", requests and
	// responses alike, without counts).
	ops bool
}

// TestAttributeValuesAgree: the attribute values the Zeek and Suricata
// collectors write for a key are the values the capture dissectors write
// for the same traffic (versions, cipher names, security protocols, NLA,
// SSH versions and software, SNMP versions, OPC UA policy, mode and user
// token), so that policies match them alike. Each case runs the real
// dissector on the packet bytes and the real collectors on log lines of
// the same exchange.
func TestAttributeValuesAgree(t *testing.T) {
	cases := []attrCase{
		tlsCase("tls 1.2", 0x0303, 0xc02f, nil, "TLSv12", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS 1.2"),
		tlsCase("tls 1.0 rc4", 0x0301, 0x0005, nil, "TLSv10", "TLS_RSA_WITH_RC4_128_SHA", "TLSv1"),
		tlsCase("tls 1.1", 0x0302, 0x002f, nil, "TLSv11", "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS 1.1"),
		tlsCase("ssl 3.0 3des", 0x0300, 0x000a, nil, "SSLv3", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "SSLv3"),
		tlsCase("tls 1.3 by extension", 0x0303, 0x1301, []byte{0x00, 0x2b, 0x00, 0x02, 0x03, 0x04}, "TLSv13", "TLS_AES_128_GCM_SHA256", "TLS 1.3"),
		// A broken suite the dissector knows only by code.
		tlsCase("des by code", 0x0303, 0x0009, nil, "TLSv12", "TLS_RSA_WITH_DES_CBC_SHA", "TLS 1.2"),
		{
			name: "ssh 2.0 client, 1.99 server with comment", protocol: "ssh", transport: dissect.TCP, dissector: it.SSH{},
			wire: []segment{
				{dissect.ToServer, []byte("SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.1\r\n")},
				{dissect.ToClient, []byte("SSH-1.99-Cisco-1.25\r\n")},
			},
			zeek: map[string][]map[string]any{"ssh": {{"version": 2, "auth_success": false,
				"client": "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.1", "server": "SSH-1.99-Cisco-1.25"}}},
			suricata: []map[string]any{{"event_type": "ssh", "ssh": map[string]any{
				"client": map[string]any{"proto_version": "2.0", "software_version": "OpenSSH_8.9p1 Ubuntu-3ubuntu0.1"},
				"server": map[string]any{"proto_version": "1.99", "software_version": "Cisco-1.25"}}}},
			keys: []string{"version", "ssh1", "client_software", "server_software"},
			ops:  true,
		},
		rdpCase("rdp hybrid", 2, "HYBRID", "hybrid"),
		rdpCase("rdp ssl", 1, "SSL", "ssl"),
		rdpCase("rdp standard security", 0, "RDP", "rdp"),
		rdpCase("rdp hybrid_ex", 8, "HYBRID_EX", "hybrid_ex"),
		{
			name: "rdp negotiation failure", protocol: "rdp", transport: dissect.TCP, dissector: it.RDP{},
			wire: []segment{{dissect.ToServer, rdpRequest()}, {dissect.ToClient, rdpConfirm(3, 5)}},
			zeek: map[string][]map[string]any{"rdp": {{"cookie": "operator", "result": "HYBRID_REQUIRED_BY_SERVER"}}},
			suricata: []map[string]any{
				{"event_type": "rdp", "rdp": map[string]any{"event_type": "initial_request", "cookie": "operator"}},
				{"event_type": "rdp", "rdp": map[string]any{"event_type": "initial_response",
					"error_code": 5, "reason": "hybrid_required_by_server"}},
			},
			keys: []string{"user_hint", "selected", "nla"},
			ops:  true,
		},
		snmpCase("snmp v2c get", 1, "2c", 2),
		snmpCase("snmp v1 get", 0, "1", 1),
		ntpCase("ntp v4 client", 4, 3),
		ntpCase("ntp v3 symmetric active", 3, 1),
		ntpCase("ntp v4 broadcast", 4, 5),
		{
			name: "opcua no security", protocol: "opcua", transport: dissect.TCP, dissector: ot.OPCUA{},
			wire: []segment{{dissect.ToServer, uaOpen("http://opcfoundation.org/UA/SecurityPolicy#None", 1)}},
			zeek: map[string][]map[string]any{
				"opcua_binary": {{"is_orig": true, "msg_type": "OPN", "is_final": "F",
					"sec_policy_uri": "http://opcfoundation.org/UA/SecurityPolicy#None", "identifier": 446}},
				"opcua_binary_opensecure_channel": {{"is_orig": true, "client_proto_ver": 0, "sec_token_request_type": 0,
					"message_security_mode": 1, "req_lifetime": 600000}},
			},
			keys: []string{"security_policy", "security_policy_uri", "security_mode"},
			ops:  true,
		},
		{
			name: "opcua signed and encrypted", protocol: "opcua", transport: dissect.TCP, dissector: ot.OPCUA{},
			wire: []segment{{dissect.ToServer, uaOpen("http://opcfoundation.org/UA/SecurityPolicy#Basic256Sha256", 3)}},
			zeek: map[string][]map[string]any{
				"opcua_binary": {{"is_orig": true, "msg_type": "OPN", "is_final": "F",
					"sec_policy_uri": "http://opcfoundation.org/UA/SecurityPolicy#Basic256Sha256"}},
			},
			keys: []string{"security_policy", "security_policy_uri", "security_mode"},
		},
		uaTokenCase("opcua user name token", 324, "UserNameIdentityToken"),
		uaTokenCase("opcua certificate token", 327, "X509IdentityToken"),
		uaTokenCase("opcua anonymous token", 321, "AnonymousIdentityToken"),
		uaTokenCase("opcua issued token", 940, "IssuedIdentityToken"),
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := fromWire(t, c)
			if len(c.keys) > 0 && len(pick(want, c.keys)) == 0 {
				t.Fatalf("the capture dissector wrote none of %v: %v (the case's packets are wrong)", c.keys, want.Attrs)
			}
			readers := []struct {
				name string
				keys []string
				got  *traffic.Facts
			}{{"zeek", c.zeekKeys, fromZeek(t, c)}}
			if c.suricata != nil {
				readers = append(readers, struct {
					name string
					keys []string
					got  *traffic.Facts
				}{"suricata", c.suricataKeys, fromSuricata(t, c)})
			}
			for _, r := range readers {
				keys := c.keys
				if r.keys != nil {
					keys = r.keys
				}
				if diff := cmp.Diff(pick(want, keys), pick(r.got, keys)); diff != "" {
					t.Errorf("%s attributes differ from the capture dissector's (-capture +%s):\n%s", r.name, r.name, diff)
				}
				if c.ops {
					if diff := cmp.Diff(opSet(want), opSet(r.got)); diff != "" {
						t.Errorf("%s operations differ from the capture dissector's (-capture +%s):\n%s", r.name, r.name, diff)
					}
				}
			}
		})
	}
}

func pick(f *traffic.Facts, keys []string) map[string]string {
	out := map[string]string{}
	if f == nil {
		return out
	}
	for _, k := range keys {
		if v, ok := f.Attrs[k]; ok {
			out[k] = v
		}
	}
	return out
}

func opSet(f *traffic.Facts) []string {
	var out []string
	if f == nil {
		return out
	}
	for _, o := range f.Ops {
		out = append(out, o.Class+" "+o.Name+" "+itoa(o.Code))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func fromWire(t *testing.T, c attrCase) *traffic.Facts {
	t.Helper()
	rec := dissect.NewRecorder(nil)
	for _, s := range c.wire {
		if !c.dissector.Match(c.transport, s.dir, s.payload) && s.dir == dissect.ToServer {
			t.Fatalf("the capture dissector does not match the case's first payload")
		}
		c.dissector.Dissect(c.transport, s.dir, s.payload, rec)
	}
	f := rec.Facts()
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	var out traffic.Facts
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return &out
}

// The exchange's ends, the same for every reader.
const (
	caseClient = "10.1.1.10"
	caseServer = "10.1.2.20"
	caseCPort  = 50123
	caseTS     = 1714557600.25
)

func casePort(c attrCase) int {
	return map[string]int{"tls": 443, "ssh": 22, "rdp": 3389, "snmp": 161, "ntp": 123, "opcua": 4840}[c.protocol]
}

func fromZeek(t *testing.T, c attrCase) *traffic.Facts {
	t.Helper()
	dir := t.TempDir()
	var files []string
	for path, recs := range c.zeek {
		var b strings.Builder
		for _, r := range recs {
			full := map[string]any{"ts": caseTS, "uid": "CzAgr1Tq4Xk3iG5Wd", "id.orig_h": caseClient, "id.orig_p": caseCPort,
				"id.resp_h": caseServer, "id.resp_p": casePort(c)}
			for k, v := range r {
				full[k] = v
			}
			line, err := json.Marshal(full)
			if err != nil {
				t.Fatal(err)
			}
			b.Write(line)
			b.WriteByte('\n')
		}
		f := filepath.Join(dir, path+".log")
		if err := os.WriteFile(f, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	slices.Sort(files)
	return onlyFlow(t, zeek.New(), "zeek", dir, files, c.protocol)
}

func fromSuricata(t *testing.T, c attrCase) *traffic.Facts {
	t.Helper()
	proto := "TCP"
	if c.transport == dissect.UDP {
		proto = "UDP"
	}
	var lines []byte
	for _, e := range c.suricata {
		ev := map[string]any{"timestamp": "2024-05-01T10:00:00.250000+0000", "flow_id": 1234567, "src_ip": caseClient,
			"src_port": caseCPort, "dest_ip": caseServer, "dest_port": casePort(c), "proto": proto}
		for k, v := range e {
			ev[k] = v
		}
		line, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(append(lines, line...), '\n')
	}
	dir := t.TempDir()
	f := filepath.Join(dir, "eve.json")
	if err := os.WriteFile(f, lines, 0o644); err != nil {
		t.Fatal(err)
	}
	return onlyFlow(t, suricata.New(), "suricata", dir, []string{f}, c.protocol)
}

func onlyFlow(t *testing.T, c interface {
	Collect(context.Context, evidence.Source) (evidence.Document, error)
}, kind, dir string, files []string, protocol string) *traffic.Facts {
	t.Helper()
	doc, err := c.Collect(context.Background(), evidence.Source{Kind: kind, Name: "t", Dir: dir, Files: files})
	if err != nil {
		t.Fatalf("collect %s: %v", kind, err)
	}
	var d traffic.Data
	if err := json.Unmarshal(doc.Data, &d); err != nil {
		t.Fatal(err)
	}
	var got []traffic.Flow
	for _, f := range d.Flows {
		if f.Protocol == protocol {
			got = append(got, f)
		}
	}
	if len(got) != 1 {
		t.Fatalf("%s: %d %s flows, want 1: %+v", kind, len(got), protocol, d.Flows)
	}
	return got[0].Facts
}

// tlsCase is a ServerHello of version (and, for TLS 1.3, the
// supported_versions extension) choosing cipher.
func tlsCase(name string, version, cipher int, ext []byte, zeekVersion, zeekCipher, suricataVersion string) attrCase {
	hello := []byte{byte(version >> 8), byte(version)}
	hello = append(hello, make([]byte, 32)...) // random
	hello = append(hello, 0)                   // session id
	hello = append(hello, byte(cipher>>8), byte(cipher), 0)
	if ext != nil {
		hello = binary.BigEndian.AppendUint16(hello, uint16(len(ext)))
		hello = append(hello, ext...)
	}
	hs := append([]byte{2, 0, byte(len(hello) >> 8), byte(len(hello))}, hello...)
	record := append([]byte{22, 3, 3, byte(len(hs) >> 8), byte(len(hs))}, hs...)
	return attrCase{
		name: name, protocol: "tls", transport: dissect.TCP, dissector: it.TLS{},
		wire:     []segment{{dissect.ToClient, record}},
		zeek:     map[string][]map[string]any{"ssl": {{"version": zeekVersion, "cipher": zeekCipher, "established": true}}},
		suricata: []map[string]any{{"event_type": "tls", "tls": map[string]any{"version": suricataVersion}}},
		// Suricata's EVE does not log the cipher suite.
		suricataKeys: []string{"version", "deprecated_version"},
		keys:         []string{"version", "cipher", "deprecated_version"},
	}
}

func rdpRequest() []byte {
	cookie := "Cookie: mstshash=operator\r\n"
	neg := []byte{1, 0, 8, 0, 0x0b, 0, 0, 0}
	li := 6 + len(cookie) + len(neg)
	p := []byte{3, 0, 0, byte(li + 5), byte(li), 0xe0, 0, 0, 0, 0, 0}
	p = append(p, cookie...)
	return append(p, neg...)
}

// rdpConfirm is a Connection Confirm with RDP_NEG_RSP (typ 2) selecting
// proto, or RDP_NEG_FAILURE (typ 3) with proto as the failure code.
func rdpConfirm(typ byte, proto uint32) []byte {
	neg := binary.LittleEndian.AppendUint32([]byte{typ, 0, 8, 0}, proto)
	li := 6 + len(neg)
	p := []byte{3, 0, 0, byte(li + 5), byte(li), 0xd0, 0, 0, 0x12, 0x34, 0}
	return append(p, neg...)
}

func rdpCase(name string, proto uint32, zeekName, suricataName string) attrCase {
	return attrCase{
		name: name, protocol: "rdp", transport: dissect.TCP, dissector: it.RDP{},
		wire: []segment{{dissect.ToServer, rdpRequest()}, {dissect.ToClient, rdpConfirm(2, proto)}},
		zeek: map[string][]map[string]any{"rdp": {{"cookie": "operator", "result": "encrypted", "security_protocol": zeekName}}},
		suricata: []map[string]any{
			{"event_type": "rdp", "rdp": map[string]any{"event_type": "initial_request", "cookie": "operator"}},
			{"event_type": "rdp", "rdp": map[string]any{"event_type": "initial_response", "protocol": suricataName}},
		},
		// Neither log has the protocols the client requested.
		keys: []string{"user_hint", "selected", "nla"},
		ops:  true,
	}
}

// snmpCase is a GetRequest with community "public".
func snmpCase(name string, ver int, zeekVersion string, suricataVersion int) attrCase {
	pdu := []byte{0xa0, 0x0e, 0x02, 0x01, 0x01, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x30, 0x03, 0x30, 0x01, 0x05}
	body := append([]byte{0x02, 0x01, byte(ver), 0x04, 0x06}, "public"...)
	body = append(body, pdu...)
	msg := append([]byte{0x30, byte(len(body))}, body...)
	return attrCase{
		name: name, protocol: "snmp", transport: dissect.UDP, dissector: it.SNMP{},
		wire: []segment{{dissect.ToServer, msg}},
		zeek: map[string][]map[string]any{"snmp": {{"duration": 0.0, "version": zeekVersion, "community": "public",
			"get_requests": 1, "get_bulk_requests": 0, "get_responses": 0, "set_requests": 0}}},
		suricata: []map[string]any{{"event_type": "snmp", "snmp": map[string]any{"version": suricataVersion,
			"pdu_type": "get_request", "community": "public"}}},
		keys: []string{"version"},
		ops:  true,
	}
}

func ntpCase(name string, ver, mode int) attrCase {
	p := make([]byte, 48)
	p[0] = byte(ver<<3 | mode)
	p[1], p[2], p[3] = 2, 6, 0xec
	return attrCase{
		name: name, protocol: "ntp", transport: dissect.UDP, dissector: it.NTP{},
		wire:     []segment{{dissect.ToServer, p}},
		zeek:     map[string][]map[string]any{"ntp": {{"version": ver, "mode": mode, "stratum": 2, "poll": 64.0}}},
		suricata: []map[string]any{{"event_type": "ntp", "ntp": map[string]any{"version": ver, "mode": mode}}},
		keys:     []string{"version"},
		ops:      true,
	}
}

func uaString(s string) []byte {
	if s == "" {
		return []byte{0xff, 0xff, 0xff, 0xff}
	}
	return append(binary.LittleEndian.AppendUint32(nil, uint32(len(s))), s...)
}

// uaRequestHeader is a RequestHeader with no authentication token and no
// additional header.
func uaRequestHeader() []byte {
	h := []byte{0, 0}                  // authentication token: two-byte node id 0
	h = append(h, make([]byte, 16)...) // timestamp, handle, diagnostics
	h = append(h, uaString("")...)     // audit entry id
	h = append(h, 0, 0, 0, 0)          // timeout hint
	return append(h, 0, 0, 0)          // additional header: null extension object
}

func uaChunk(typ string, body []byte) []byte {
	p := append([]byte(typ+"F"), 0, 0, 0, 0)
	p = append(p, body...)
	binary.LittleEndian.PutUint32(p[4:], uint32(len(p)))
	return p
}

// uaOpen is an OpenSecureChannel request under policy; the body (and so
// the mode) is readable only when the policy is None.
func uaOpen(policy string, mode uint32) []byte {
	b := []byte{0, 0, 0, 0} // secure channel id
	b = append(b, uaString(policy)...)
	b = append(b, uaString("")...)        // sender certificate
	b = append(b, uaString("")...)        // receiver thumbprint
	b = append(b, 1, 0, 0, 0, 1, 0, 0, 0) // sequence header
	b = append(b, 1, 0, 0xbe, 0x01)       // OpenSecureChannelRequest (446)
	b = append(b, uaRequestHeader()...)
	b = append(b, 0, 0, 0, 0, 0, 0, 0, 0) // client protocol version, request type
	b = binary.LittleEndian.AppendUint32(b, mode)
	b = append(b, uaString("")...) // client nonce
	b = append(b, 0xc0, 0x27, 0x09, 0x00)
	return uaChunk("OPN", b)
}

// uaActivate is an ActivateSession request carrying a user identity
// token of the given type id.
func uaActivate(tokenID int) []byte {
	b := []byte{1, 0, 0, 0, 1, 0, 0, 0}   // channel id, token id
	b = append(b, 2, 0, 0, 0, 2, 0, 0, 0) // sequence header
	b = append(b, 1, 0, 0xd3, 0x01)       // ActivateSessionRequest (467)
	b = append(b, uaRequestHeader()...)
	b = append(b, uaString("")...)        // client signature algorithm
	b = append(b, uaString("")...)        // signature
	b = append(b, 0xff, 0xff, 0xff, 0xff) // client software certificates
	b = append(b, 0xff, 0xff, 0xff, 0xff) // locale ids
	token := uaString("policy-1")
	if tokenID == 324 {
		token = append(token, uaString("user1")...)
		token = append(token, uaString("x")...) // an encrypted password would be longer; any will do
		token = append(token, uaString("http://www.w3.org/2001/04/xmlenc#rsa-oaep")...)
	}
	b = append(b, 1, 0, byte(tokenID), byte(tokenID>>8), 1)
	b = append(b, uaString(string(token))...)
	return uaChunk("MSG", b)
}

func uaTokenCase(name string, tokenID int, zeekType string) attrCase {
	return attrCase{
		name: name, protocol: "opcua", transport: dissect.TCP, dissector: ot.OPCUA{},
		wire: []segment{{dissect.ToServer, uaActivate(tokenID)}},
		zeek: map[string][]map[string]any{
			"opcua_binary": {{"is_orig": true, "msg_type": "MSG", "is_final": "F", "identifier": 467}},
			"opcua_binary_activate_session": {{"is_orig": true, "user_identity_token_encoding_mask": "0x01",
				"user_identity_token_namespace_idx": 0, "user_identity_token_numeric": tokenID,
				"user_identity_token_type_id_str": zeekType, "user_identity_token_policy_id": "policy-1"}},
		},
		keys: []string{"user_token"},
		ops:  true,
	}
}
