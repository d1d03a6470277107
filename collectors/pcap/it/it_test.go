package it

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
	"github.com/slate-ot/slate/evidence"
)

var salt = []byte("0123456789abcdef0123456789abcdef")

func TestDissectorsSortedUnique(t *testing.T) {
	ds := Dissectors()
	var names []string
	for _, d := range ds {
		names = append(names, d.Name())
		if len(d.Ports()) == 0 {
			t.Errorf("%s: no ports", d.Name())
		}
	}
	if !slices.IsSorted(names) {
		t.Errorf("not sorted by name: %v", names)
	}
	if len(slices.Compact(slices.Clone(names))) != len(names) {
		t.Errorf("duplicate names: %v", names)
	}
}

// TestMatch checks that each payload is matched by exactly the expected
// dissector ("" for none) and by no other.
func TestMatch(t *testing.T) {
	tcp, udp := dissect.TCP, dissect.UDP
	cs, sc := dissect.ToServer, dissect.ToClient
	tests := []struct {
		name string
		tr   dissect.Transport
		dir  dissect.Direction
		data string
		want string
	}{
		{"ftp greeting", tcp, sc, "hex:" + ftpGreeting, "ftp"},
		{"ftp user", tcp, cs, "hex:" + ftpUserAnon, "ftp"},
		{"ftp greeting over udp", udp, sc, "hex:" + ftpGreeting, ""},
		{"http get", tcp, cs, "hex:" + httpGet, "http"},
		{"http response", tcp, sc, "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"plc\"\r\n\r\n", "http"},
		{"http request wrong direction", tcp, sc, "hex:" + httpGet, ""},
		{"telnet negotiation", tcp, cs, "hex:" + telnetNeg, "telnet"},
		{"rdp cr", tcp, cs, "hex:" + rdpCR, "rdp"},
		{"rdp cc", tcp, sc, "hex:" + rdpCC, "rdp"},
		{"s7 cotp cr", tcp, cs, "hex:" + s7CR, ""},
		{"s7 cotp cc", tcp, sc, "hex:" + s7CC, ""},
		{"s7 data", tcp, cs, "hex:" + s7Data, ""},
		{"modbus", tcp, cs, "hex:" + modbus, ""},
		{"tls1.0 client hello", tcp, cs, "hex:" + tls10ClientHello, "tls"},
		{"tls1.0 server hello", tcp, sc, "hex:" + tls10ServerHello, "tls"},
		{"tls1.3 client hello", tcp, cs, "hex:" + tls13ClientHello, "tls"},
		{"tls server hello wrong direction", tcp, cs, "hex:" + tls13ServerHello, ""},
		{"smb2 create", tcp, cs, "hex:" + smb2Create, "smb"},
		{"smb2 negotiate response", tcp, sc, "hex:" + smb2NegotiateResp, "smb"},
		{"smb1 negotiate", tcp, cs, "hex:" + smb1NegotiateReq, "smb"},
		{"nbdgm browser", udp, cs, "hex:" + nbdgmBrowser, "smb"},
		{"ssh server banner", tcp, sc, "hex:" + sshServer, "ssh"},
		{"ssh client banner", tcp, cs, "hex:" + sshClient, "ssh"},
		{"ssh bad version", tcp, cs, "SSH-3.0-foo\r\n", ""},
		{"dns query", udp, cs, "hex:" + dnsQuery, "dns"},
		{"dns nxdomain", udp, sc, "hex:" + dnsNXDomain, "dns"},
		{"dns tcp axfr", tcp, cs, "hex:" + dnsTCPAXFR, "dns"},
		{"llmnr", udp, cs, "hex:" + llmnr, ""},
		{"nbns", udp, cs, "hex:" + nbns, ""},
		{"snmp v1", udp, cs, "hex:" + snmpV1GetPublic, "snmp"},
		{"snmp v2c set", udp, cs, "hex:" + snmpV2cSetSecret, "snmp"},
		{"snmp v3", udp, cs, "hex:" + snmpV3AuthPriv, "snmp"},
		{"ntp client", udp, cs, "hex:" + ntpClient, "ntp"},
		{"ntp server", udp, sc, "hex:" + ntpServer, "ntp"},
		{"ntp monlist", udp, cs, "hex:" + ntpMonlist, "ntp"},
		{"ntp readvar", udp, cs, "hex:" + ntpReadvar, "ntp"},
		{"vnc server version", tcp, sc, "hex:" + vncVersion38, "vnc"},
		{"vnc client version", tcp, cs, "RFB 003.889\n", "vnc"},
		{"vnc over udp", udp, sc, "hex:" + vncVersion38, ""},
		{"vnc short version", tcp, sc, "RFB 3.8\n", ""},
		{"vnc letters", tcp, sc, "RFB 003.00x\n", ""},
		{"random tcp", tcp, cs, "hex:" + random, ""},
		{"random udp", udp, cs, "hex:" + random, ""},
		{"empty", tcp, cs, "", ""},
		{"text", tcp, cs, "hello world\r\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := step{data: tt.data}.bytes(t)
			var got []string
			for _, d := range Dissectors() {
				if d.Match(tt.tr, tt.dir, p) {
					got = append(got, d.Name())
				}
			}
			var want []string
			if tt.want != "" {
				want = []string{tt.want}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("matched (-want +got):\n%s", diff)
			}
		})
	}
}

func byName(t testing.TB, name string) dissect.Dissector {
	t.Helper()
	for _, d := range Dissectors() {
		if d.Name() == name {
			return d
		}
	}
	t.Fatalf("no dissector %q", name)
	return nil
}

func fp(secret string) string { return evidence.Fingerprint(salt, []byte(secret), false) }

// TestDissect plays flows into one dissector and compares the facts.
// Secrets listed must not appear in the JSON of the facts.
func TestDissect(t *testing.T) {
	tcp, udp := dissect.TCP, dissect.UDP
	cs, sc := dissect.ToServer, dissect.ToClient
	tests := []struct {
		name    string
		proto   string
		tr      dissect.Transport
		steps   []step
		secrets []string
		want    dissect.Facts
	}{
		{
			name: "telnet login typed byte by byte", proto: "telnet", tr: tcp,
			steps: []step{
				{sc, "hex:fffb01fffb03"}, {cs, "hex:fffd01fffd03"},
				{sc, "\r\nUbuntu 8.04\r\nplc01 login: "},
				{cs, "r"}, {sc, "r"}, {cs, "o"}, {sc, "o"}, {cs, "o"}, {sc, "o"}, {cs, "t"}, {sc, "t"},
				{cs, "\r\x00"}, {sc, "\r\n"}, {sc, "Password: "},
				{cs, "r"}, {cs, "o"}, {cs, "o"}, {cs, "x"}, {cs, "\x7f"}, {cs, "t"}, {cs, "\r\x00"},
				{sc, "\r\nLast login: Mon Jan 1 on tty1\r\n$ "}, {cs, "ls\r\n"},
				{sc, "$ su\r\nPassword: "}, {cs, "\r"}, {cs, "\n"}, {sc, "login: "}, {cs, "\n"}, {cs, "\x00"},
			},
			secrets: []string{"root\x00", "roox"},
			want: dissect.Facts{
				Ops: []dissect.Op{
					{Class: "session", Name: "login", Code: -1, Count: 1},
					{Class: "session", Name: "login_prompt", Code: -1, Count: 2},
					{Class: "session", Name: "negotiate", Code: -1, Count: 4},
					{Class: "session", Name: "password_prompt", Code: -1, Count: 2},
				},
				Credentials: []dissect.Credential{
					{Kind: "telnet_login", User: "", Strength: "empty", Default: false},
					{Kind: "telnet_login", User: "root", Strength: "default", Default: true},
				},
			},
		},
		{
			name: "ftp login split across segments", proto: "ftp", tr: tcp,
			steps: []step{
				{sc, "220 (vsFTPd 3.0.3)\r\n"}, {cs, "USER operator\r\n"}, {sc, "331 Please specify the password.\r\n"},
				{cs, "PASS Gr1d!2024\r\n"}, {sc, "230 Login successful.\r\n"},
				{cs, "STOR plc.bin\r\n"}, {cs, "DELE old"}, {cs, ".bin\r\nSITE CHMOD 777 x\r\nRETR a\r\n"},
				{sc, "550 Permission denied.\r\n"},
			},
			secrets: []string{"Gr1d!2024"},
			want: dissect.Facts{
				Ops: []dissect.Op{
					{Class: "diagnostic", Name: "SITE", Code: -1, Count: 1},
					{Class: "error", Name: "reply", Code: 550, Count: 1},
					{Class: "read", Name: "RETR", Code: -1, Count: 1},
					{Class: "response", Name: "reply", Code: 220, Count: 1},
					{Class: "response", Name: "reply", Code: 230, Count: 1},
					{Class: "response", Name: "reply", Code: 331, Count: 1},
					{Class: "session", Name: "PASS", Code: -1, Count: 1},
					{Class: "session", Name: "USER", Code: -1, Count: 1},
					{Class: "write", Name: "DELE", Code: -1, Count: 1},
					{Class: "write", Name: "STOR", Code: -1, Count: 1},
				},
				Attrs:       map[string]string{"server_banner": "(vsFTPd 3.0.3)"},
				Credentials: []dissect.Credential{{Kind: "ftp_login", User: "operator", Strength: "short"}},
			},
		},
		{
			name: "ftp anonymous and auth tls", proto: "ftp", tr: tcp,
			steps: []step{
				{cs, "hex:" + ftpUserAnon}, {cs, "PASS guest@example.org\r\nAUTH TLS\r\n"}, {sc, "234 AUTH TLS OK.\r\n"},
			},
			want: dissect.Facts{
				Ops: []dissect.Op{
					{Class: "response", Name: "reply", Code: 234, Count: 1},
					{Class: "session", Name: "AUTH", Code: -1, Count: 1},
					{Class: "session", Name: "PASS", Code: -1, Count: 1},
					{Class: "session", Name: "USER", Code: -1, Count: 1},
				},
				Attrs: map[string]string{"anonymous": "true", "tls": "accepted|requested"},
			},
		},
		{
			name: "http basic split, keep-alive, body skipped", proto: "http", tr: tcp,
			steps: []step{
				{cs, "POST /api/setpoint HTTP/1.1\r\nHost: hmi01\r\nAuthori"},
				{cs, "zation: Basic ZW5nOlBsNG50IVNlY3IzdA==\r\nContent-Length: 11\r\n\r\n{\"sp\":42.0}GET / HTTP/1.1\r\nHost: hmi01\r\nAuthorization: Basic YWRtaW46YWRtaW4=\r\n\r\n"},
				{sc, "HTTP/1.1 200 OK\r\nServer: GoAhead-Webs\r\nContent-Length: 5\r\n\r\nhello"},
				{sc, "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"x\"\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n0\r\n\r\n"},
				{cs, "GET /x HTTP/1.1\r\nAuthorization: Digest username=\"a\", response=\"deadbeef\"\r\n\r\n"},
			},
			secrets: []string{"Pl4nt!Secr3t", "ZW5nOlBsNG50IVNlY3IzdA", "deadbeef"},
			want: dissect.Facts{
				Ops: []dissect.Op{
					{Class: "error", Name: "status", Code: 401, Count: 1},
					{Class: "read", Name: "GET", Code: -1, Count: 2},
					{Class: "response", Name: "status", Code: 200, Count: 1},
					{Class: "write", Name: "POST", Code: -1, Count: 1},
				},
				Attrs: map[string]string{"auth": "basic|digest", "auth_offered": "digest", "host": "hmi01", "server": "GoAhead-Webs"},
				Credentials: []dissect.Credential{
					{Kind: "http_basic", User: "admin", Strength: "default", Default: true},
					{Kind: "http_basic", User: "eng", Strength: "long", Fingerprint: fp("Pl4nt!Secr3t")},
				},
			},
		},
		{
			name: "http resync after a cut body", proto: "http", tr: tcp,
			steps: []step{
				{cs, "PUT /f HTTP/1.1\r\nContent-Length: 100000\r\n\r\nxxxx"},
				{cs, "yyyyyyyy\r\nzzz\nDELETE /f HTTP/1.1\r\n\r\n"},
			},
			want: dissect.Facts{Ops: []dissect.Op{
				{Class: "write", Name: "DELETE", Code: -1, Count: 1},
				{Class: "write", Name: "PUT", Code: -1, Count: 1},
			}},
		},
		{
			name: "snmp v1 public, v2c set and response", proto: "snmp", tr: udp,
			steps:   []step{{cs, "hex:" + snmpV1GetPublic}, {cs, "hex:" + snmpV2cSetSecret}, {sc, "hex:" + snmpV2cResponse}, {cs, "hex:" + random}},
			secrets: []string{"public", "Zx9!plantRW"},
			want: dissect.Facts{
				Ops: []dissect.Op{
					{Class: "read", Name: "get", Code: 0, Count: 1},
					{Class: "response", Name: "response", Code: 2, Count: 1},
					{Class: "write", Name: "set", Code: 3, Count: 1},
				},
				Attrs: map[string]string{"version": "1|2c"},
				Credentials: []dissect.Credential{
					{Kind: "snmp_community", Strength: "default", Default: true},
					{Kind: "snmp_community", Strength: "short"},
				},
				Malformed: 1,
			},
		},
		{
			name: "snmp v3", proto: "snmp", tr: udp,
			steps: []step{{cs, "hex:" + snmpV3AuthPriv}},
			want: dissect.Facts{
				Ops:   []dissect.Op{{Class: "session", Name: "v3_message", Code: -1, Count: 1}},
				Attrs: map[string]string{"version": "3", "security_level": "authPriv"},
			},
		},
		{
			name: "tls1.0 from rdp_to_ssl", proto: "tls", tr: tcp,
			steps: []step{{cs, "hex:" + tls10ClientHello[:100]}, {cs, "hex:" + tls10ClientHello[100:]}, {sc, "hex:" + tls10ServerHello + "140301000101"}},
			want: dissect.Facts{
				Ops: []dissect.Op{
					{Class: "session", Name: "client_hello", Code: 1, Count: 1},
					{Class: "session", Name: "server_hello", Code: 2, Count: 1},
					{Class: "session", Name: "change_cipher_spec", Code: 20, Count: 1},
				},
				Attrs: map[string]string{"cipher": "TLS_RSA_WITH_AES_128_CBC_SHA", "client_version": "TLS1.0", "deprecated_version": "TLS1.0", "sni": "192.168.1.150", "version": "TLS1.0"},
			},
		},
		{
			name: "tls1.0 server hello and certificate from rdp_to_ssl", proto: "tls", tr: tcp,
			steps: []step{{sc, "hex:" + tls10ServerHelloCert}},
			want: dissect.Facts{
				Ops: []dissect.Op{{Class: "session", Name: "server_hello", Code: 2, Count: 1}},
				Attrs: map[string]string{"cipher": "TLS_RSA_WITH_AES_128_CBC_SHA", "deprecated_version": "TLS1.0", "version": "TLS1.0",
					"cert_subject": "CN=WIN2K8R2.awakecoding.ath.cx"},
			},
		},
		{
			name: "snmp sysDescr in a get-response", proto: "snmp", tr: udp,
			steps: []step{{sc, "hex:" + snmpSysDescrResponse}},
			want: dissect.Facts{
				Ops: []dissect.Op{{Class: "response", Name: "response", Code: 2, Count: 1}},
				Attrs: map[string]string{"version": "2c",
					"sys_descr": "Linux ubuntu-512mb-sfo2-01 4.4.0-31-generic #50~14.04.1-Ubuntu SMP Wed Jul 13 01:07:32 UTC 2016 x86_64"},
				Credentials: []dissect.Credential{{Kind: "snmp_community", Strength: "default", Default: true}},
			},
		},
		{
			name: "tls1.3", proto: "tls", tr: tcp,
			steps: []step{{cs, "hex:" + tls13ClientHello}, {sc, "hex:" + tls13ServerHello + "1703030005aabbccddee"}},
			want: dissect.Facts{
				Ops: []dissect.Op{
					{Class: "session", Name: "client_hello", Code: 1, Count: 1},
					{Class: "session", Name: "server_hello", Code: 2, Count: 1},
				},
				Attrs: map[string]string{"cipher": "TLS_AES_128_GCM_SHA256", "client_version": "TLS1.3", "sni": "plc.example", "version": "TLS1.3"},
			},
		},
		{
			name: "ssh banners then binary", proto: "ssh", tr: tcp,
			steps: []step{{sc, "hex:" + sshServer}, {cs, "SSH-2.0-PuTTY_Release_0.78"}, {cs, "\r\n\x00\x00\x01\x2c\x0a\x14"}, {sc, "hex:000001fc0a14aabbccdd0a"}},
			want: dissect.Facts{
				Ops:   []dissect.Op{{Class: "session", Name: "banner", Code: -1, Count: 2}},
				Attrs: map[string]string{"client_software": "PuTTY_Release_0.78", "server_software": "OpenSSH_3.9p1", "ssh1": "true", "version": "1.99|2.0"},
			},
		},
		{
			name: "rdp negotiation then tls", proto: "rdp", tr: tcp,
			steps: []step{{cs, "hex:" + rdpCR[:20]}, {cs, "hex:" + rdpCR[20:]}, {sc, "hex:" + rdpCC}, {cs, "hex:" + tls10ClientHello}},
			want: dissect.Facts{
				Ops: []dissect.Op{
					{Class: "session", Name: "connection_confirm", Code: 0xd0, Count: 1},
					{Class: "session", Name: "connection_request", Code: 0xe0, Count: 1},
				},
				Attrs: map[string]string{"nla": "true", "requested": "tls,credssp", "selected": "credssp", "user_hint": "AWAKECODI"},
			},
		},
		{
			name: "rdp negotiation failure", proto: "rdp", tr: tcp,
			steps: []step{{sc, "hex:030000130ed000001234000300080005000000"}},
			want: dissect.Facts{
				Ops: []dissect.Op{
					{Class: "error", Name: "negotiation_failure", Code: 5, Count: 1},
					{Class: "session", Name: "connection_confirm", Code: 0xd0, Count: 1},
				},
				Events: []dissect.Event{{Kind: "rdp_negotiation_failure", Message: "RDP security negotiation failed: hybrid_required_by_server"}},
			},
		},
		{
			name: "smb2 and smb1 over tcp, split and resync", proto: "smb", tr: tcp,
			steps: []step{
				{cs, "hex:" + smb1NegotiateReq}, {sc, "hex:" + smb2NegotiateResp[:100]}, {sc, "hex:" + smb2NegotiateResp[100:]},
				{cs, "hex:" + smb2Create[:300]}, {cs, "hex:" + smb2Create[300:]},
			},
			want: dissect.Facts{
				Ops: []dissect.Op{
					{Class: "read", Name: "create", Code: 5, Count: 1},
					{Class: "session", Name: "negotiate", Code: 0x72, Count: 1},
				},
				Attrs: map[string]string{"smb1": "true", "smb2": "true", "version": "1|3.1.1"},
			},
		},
		{
			name: "smb browser datagram", proto: "smb", tr: udp,
			steps: []step{{cs, "hex:" + nbdgmBrowser}},
			want: dissect.Facts{
				Ops:   []dissect.Op{{Class: "diagnostic", Name: "trans", Code: 0x25, Count: 1}},
				Attrs: map[string]string{"smb1": "true", "transport": "netbios_datagram", "version": "1"},
			},
		},
		{
			name: "dns udp", proto: "dns", tr: udp,
			steps: []step{{cs, "hex:" + dnsQuery}, {sc, "hex:" + dnsNXDomain}},
			want: dissect.Facts{
				Ops: []dissect.Op{
					{Class: "error", Name: "nxdomain", Code: 3, Count: 1},
					{Class: "read", Name: "query", Code: 0, Count: 1},
				},
				Attrs: map[string]string{"qtypes": "A"},
			},
		},
		{
			name: "dns tcp zone transfer", proto: "dns", tr: tcp,
			steps: []step{{cs, "hex:" + dnsTCPAXFR[:10]}, {cs, "hex:" + dnsTCPAXFR[10:] + dnsTCPAXFR}},
			want: dissect.Facts{
				Ops:   []dissect.Op{{Class: "read", Name: "query", Code: 0, Count: 2}},
				Attrs: map[string]string{"qtypes": "AXFR"},
				Events: []dissect.Event{
					{Kind: "dns_zone_transfer", Message: "DNS zone transfer (AXFR) requested"},
					{Kind: "dns_zone_transfer", Message: "DNS zone transfer (AXFR) requested"},
				},
			},
		},
		{
			name: "ntp modes", proto: "ntp", tr: udp,
			steps: []step{{cs, "hex:" + ntpClient}, {sc, "hex:" + ntpServer}, {cs, "hex:" + ntpMonlist}, {cs, "hex:" + ntpReadvar}},
			want: dissect.Facts{
				Ops: []dissect.Op{
					{Class: "diagnostic", Name: "control", Code: 6, Count: 1},
					{Class: "diagnostic", Name: "private", Code: 7, Count: 1},
					{Class: "read", Name: "client", Code: 3, Count: 1},
					{Class: "response", Name: "server", Code: 4, Count: 1},
				},
				Attrs:  map[string]string{"version": "2|4"},
				Events: []dissect.Event{{Kind: "ntp_monlist", Message: "NTP mode 7 monlist request (usable for amplification)"}},
			},
		},
		{
			// The plant-a example's session: RFB 3.8, VNC Authentication.
			name: "vnc 3.8 vnc authentication", proto: "vnc", tr: tcp,
			steps: []step{
				{sc, "hex:" + vncVersion38}, {cs, "hex:" + vncVersion38}, {sc, "hex:0102"}, {cs, "hex:02"},
				{sc, "hex:9c1f5207e4308b6d11a25ec3740fd928"}, {cs, "hex:4be0198c62f3"}, {cs, "hex:07a5d13e902c5b76e814"},
				{sc, "hex:00000000"}, {cs, "hex:01"}, {sc, "hex:0400030000"}, {cs, "hex:0200000100000000"},
			},
			want: dissect.Facts{
				Ops: []dissect.Op{
					{Class: "response", Name: "security_result", Code: 0, Count: 1},
					{Class: "session", Name: "protocol_version", Code: -1, Count: 2},
					{Class: "session", Name: "security_types", Code: -1, Count: 1},
					{Class: "session", Name: "vnc_auth_challenge", Code: -1, Count: 1},
					{Class: "session", Name: "vnc_auth_response", Code: -1, Count: 1},
					{Class: "session", Name: "client_init", Code: 1, Count: 1},
					{Class: "session", Name: "security_type", Code: 2, Count: 1},
				},
				Attrs: map[string]string{"security_type": "vnc_auth", "security_types": "vnc_auth", "version": "3.8"},
			},
		},
		{
			name: "vnc 3.3 no authentication, one segment", proto: "vnc", tr: tcp,
			steps: []step{{sc, "hex:" + vncVersion33}, {cs, "hex:" + vncVersion38}, {sc, "hex:00000001"}, {cs, "hex:00"}},
			want: dissect.Facts{
				Ops: []dissect.Op{
					{Class: "session", Name: "protocol_version", Code: -1, Count: 2},
					{Class: "session", Name: "security_types", Code: -1, Count: 1},
					{Class: "session", Name: "client_init", Code: 0, Count: 1},
				},
				Attrs: map[string]string{"security_type": "none", "security_types": "none", "version": "3.3|3.8"},
			},
		},
		{
			name: "vnc 3.7 offers split, vencrypt chosen", proto: "vnc", tr: tcp,
			steps: []step{
				{sc, "hex:" + vncVersion38}, {cs, "RFB 003.007\n"}, {sc, "hex:0312"}, {sc, "hex:1302"}, {cs, "hex:13"},
				{sc, "hex:0002"}, {cs, "hex:0002"},
			},
			want: dissect.Facts{
				Ops: []dissect.Op{
					{Class: "session", Name: "protocol_version", Code: -1, Count: 2},
					{Class: "session", Name: "security_types", Code: -1, Count: 1},
					{Class: "session", Name: "security_type", Code: 19, Count: 1},
				},
				Attrs: map[string]string{"security_type": "vencrypt", "security_types": "tls|vencrypt|vnc_auth", "version": "3.7|3.8"},
			},
		},
		{
			name: "vnc 3.8 none offered with others, authentication failed elsewhere", proto: "vnc", tr: tcp,
			steps: []step{
				{sc, "hex:" + vncVersion38}, {cs, "hex:" + vncVersion38}, {sc, "hex:020201"}, {cs, "hex:02"},
				{sc, "hex:00112233445566778899aabbccddeeff"}, {cs, "hex:00112233445566778899aabbccddeeff"},
				{sc, "hex:00000001"}, {sc, "hex:0000000c"}, {sc, "Wrong passwd"},
			},
			want: dissect.Facts{
				Ops: []dissect.Op{
					{Class: "error", Name: "security_result", Code: 1, Count: 1},
					{Class: "session", Name: "protocol_version", Code: -1, Count: 2},
					{Class: "session", Name: "security_types", Code: -1, Count: 1},
					{Class: "session", Name: "vnc_auth_challenge", Code: -1, Count: 1},
					{Class: "session", Name: "vnc_auth_response", Code: -1, Count: 1},
					{Class: "session", Name: "security_type", Code: 2, Count: 1},
				},
				Attrs:  map[string]string{"security_type": "vnc_auth", "security_types": "none|vnc_auth", "version": "3.8"},
				Events: []dissect.Event{{Kind: "vnc_auth_failed", Message: "VNC security handshake failed (vnc_auth)"}},
			},
		},
		{
			name: "vnc server refuses", proto: "vnc", tr: tcp,
			steps: []step{{sc, "hex:" + vncVersion38}, {cs, "hex:" + vncVersion38}, {sc, "hex:000000000e"}, {sc, "Too many\x01users"}},
			want: dissect.Facts{
				Ops: []dissect.Op{
					{Class: "error", Name: "connection_failed", Code: 0, Count: 1},
					{Class: "session", Name: "protocol_version", Code: -1, Count: 2},
				},
				Events: []dissect.Event{{Kind: "vnc_connection_failed", Message: "VNC server refused the connection: Too many?users"}},
				Attrs:  map[string]string{"version": "3.8"},
			},
		},
		{
			name: "vnc garbage after the version", proto: "vnc", tr: tcp,
			steps: []step{{sc, "hex:" + vncVersion38}, {cs, "GET / HTTP/1.1\r\n\r\n"}, {sc, "hex:00ffffffff"}},
			want: dissect.Facts{
				Ops:       []dissect.Op{{Class: "session", Name: "protocol_version", Code: -1, Count: 1}},
				Attrs:     map[string]string{"version": "3.8"},
				Malformed: 2,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := byName(t, tt.proto)
			rec := dissect.NewRecorder(salt)
			var ps [][]byte
			var dirs []dissect.Direction
			for _, s := range tt.steps {
				ps = append(ps, s.bytes(t))
				dirs = append(dirs, s.dir)
			}
			feed(t, d, tt.tr, ps, dirs, rec)
			got := rec.Facts()
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("facts (-want +got):\n%s", diff)
			}
			js, err := json.Marshal(got)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tt.secrets {
				if bytes.Contains(js, []byte(s)) {
					t.Errorf("secret %q appears in the facts: %s", s, js)
				}
			}
		})
	}
}
