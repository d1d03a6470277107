package it

import (
	"testing"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// fuzzDissector feeds a dissector with the fuzzer's bytes cut into
// payloads, in both directions, over TCP (with leftovers kept as the
// reader does) and UDP: no panic, no endless loop, consumed within
// [0, len(buf)].
func fuzzDissector(f *testing.F, name string, seeds ...string) {
	for _, s := range seeds {
		f.Add(step{data: s}.bytes(f))
	}
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		d := byName(t, name)
		for _, tr := range []dissect.Transport{dissect.TCP, dissect.UDP} {
			rec := dissect.NewRecorder(salt)
			var ps [][]byte
			var dirs []dissect.Direction
			rest := data
			// The first payload is the whole input (the common case);
			// then the input again cut in pieces whose sizes and
			// directions come from the input itself.
			ps = append(ps, data)
			dirs = append(dirs, dissect.ToServer)
			for len(rest) > 0 {
				k := int(rest[0])%97 + 1
				dir := dissect.Direction(rest[0] >> 7)
				k = min(k, len(rest))
				ps = append(ps, rest[:k])
				dirs = append(dirs, dir)
				rest = rest[k:]
			}
			for i, p := range ps {
				d.Match(tr, dirs[i], p)
			}
			feed(t, d, tr, ps, dirs, rec)
			rec.Facts()
		}
	})
}

func FuzzDNS(f *testing.F) {
	fuzzDissector(f, "dns", "hex:"+dnsQuery, "hex:"+dnsNXDomain, "hex:"+dnsTCPAXFR, "hex:"+llmnr, "hex:"+nbns)
}
func FuzzFTP(f *testing.F) {
	fuzzDissector(f, "ftp", "hex:"+ftpGreeting, "hex:"+ftpUserAnon, "USER a\r\nPASS b\r\nSTOR x\r\n", "220-x\r\n220 y\r\n")
}
func FuzzHTTP(f *testing.F) {
	fuzzDissector(f, "http", "hex:"+httpGet, "GET / HTTP/1.1\r\nAuthorization: Basic YWRtaW46YWRtaW4=\r\nContent-Length: 3\r\n\r\nabc",
		"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
}
func FuzzNTP(f *testing.F) {
	fuzzDissector(f, "ntp", "hex:"+ntpClient, "hex:"+ntpServer, "hex:"+ntpMonlist, "hex:"+ntpReadvar)
}
func FuzzRDP(f *testing.F) {
	fuzzDissector(f, "rdp", "hex:"+rdpCR, "hex:"+rdpCC, "hex:"+s7CR, "hex:030000130ed000001234000300080005000000")
}
func FuzzSMB(f *testing.F) {
	fuzzDissector(f, "smb", "hex:"+smb2Create, "hex:"+smb2NegotiateResp, "hex:"+smb1NegotiateReq, "hex:"+nbdgmBrowser)
}
func FuzzSNMP(f *testing.F) {
	fuzzDissector(f, "snmp", "hex:"+snmpV1GetPublic, "hex:"+snmpV2cSetSecret, "hex:"+snmpV3AuthPriv)
}
func FuzzSSH(f *testing.F) {
	fuzzDissector(f, "ssh", "hex:"+sshServer, "hex:"+sshClient, "junk\r\nSSH-2.0-x\r\n")
}
func FuzzTLS(f *testing.F) {
	fuzzDissector(f, "tls", "hex:"+tls10ClientHello, "hex:"+tls10ServerHello, "hex:"+tls13ClientHello, "hex:"+tls13ServerHello)
}
func FuzzTelnet(f *testing.F) {
	fuzzDissector(f, "telnet", "hex:"+telnetNeg, "login: ", "hex:fffa1f005000180ffff0", "Password:\r\n")
}
func FuzzVNC(f *testing.F) {
	fuzzDissector(f, "vnc", "hex:"+vncVersion38+vncVersion38+"010202", "hex:"+vncVersion33+"00000002",
		"hex:"+vncVersion38+"00000000"+"0000ffff")
}
