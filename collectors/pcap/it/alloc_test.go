package it

import (
	"testing"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

var allPayloads = []string{
	ftpGreeting, ftpUserAnon, httpGet, telnetNeg, rdpCR, rdpCC, tls10ClientHello, tls10ServerHello,
	smb2Create, sshServer, sshClient, nbdgmBrowser, dnsQuery, s7CR, s7CC, s7Data, modbus, llmnr, nbns,
	random, snmpV1GetPublic, snmpV3AuthPriv, tls13ClientHello, smb2NegotiateResp, dnsTCPAXFR, ntpClient, ntpMonlist,
	vncVersion38,
}

// TestMatchNoAlloc checks that Match, called by the reader on the first
// payload of every flow, does not allocate.
func TestMatchNoAlloc(t *testing.T) {
	var ps [][]byte
	for _, h := range allPayloads {
		ps = append(ps, unhex(t, h))
	}
	for _, d := range Dissectors() {
		allocs := testing.AllocsPerRun(20, func() {
			for _, p := range ps {
				for _, tr := range []dissect.Transport{dissect.TCP, dissect.UDP} {
					d.Match(tr, dissect.ToServer, p)
					d.Match(tr, dissect.ToClient, p)
				}
			}
		})
		if allocs != 0 {
			t.Errorf("%s: Match allocates (%.1f per run)", d.Name(), allocs)
		}
	}
}

// BenchmarkMatchAll measures asking every dissector about one payload,
// as the reader does for a new flow.
func BenchmarkMatchAll(b *testing.B) {
	var ps [][]byte
	for _, h := range allPayloads {
		ps = append(ps, unhex(b, h))
	}
	ds := Dissectors()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p := ps[i%len(ps)]
		for _, d := range ds {
			d.Match(dissect.TCP, dissect.ToServer, p)
		}
	}
}
