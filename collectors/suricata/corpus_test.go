package suricata_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/slate-ot/slate/evidence"
)

// TestCorpus reads every file of the public corpus under
// testdata/corpus (see testdata/NOTICE.md) and holds the collector to
// facts written from reading the files.
func TestCorpus(t *testing.T) {
	none := [2]int64{0, 0}
	tests := []struct {
		file          string
		flows, alerts int
		read, skipped int
		want          []flowFact
	}{
		{file: "corpus/tenzir/eve.json", flows: 4, alerts: 1, read: 5, skipped: 3, want: []flowFact{
			{client: "147.32.84.165:1141", server: "147.32.80.9:53", transport: "udp", protocol: "dns", identifiedBy: "payload", pkts: none,
				attrs: map[string]string{"qtypes": "A", "suricata_flow_id": "2247896271051770"}, ops: []string{"read/query/0"}},
			{client: "147.32.84.165:1027", server: "74.125.232.202:80", transport: "tcp", protocol: "http", identifiedBy: "payload", pkts: none,
				attrs: map[string]string{"host": "cr-tools.clients.google.com"}, ops: []string{"read/GET/-1"}},
			// app_proto "failed": labelled by port; the flow event's
			// counts, its netflow record not added again.
			{client: "147.32.84.165:138", server: "147.32.84.255:138", transport: "udp", protocol: "smb", identifiedBy: "port",
				pkts: [2]int64{2, 0}, attrs: map[string]string{"app_proto": "failed"}},
			// The alert's own tuple: neither port is a server's.
			{client: "147.32.84.165:1181", server: "78.40.125.4:6667", transport: "tcp", protocol: "", pkts: none},
		}},
		{file: "corpus/tenzir/dns-with-no-schema-column.json", flows: 1, read: 1, want: []flowFact{
			{client: "147.32.84.165:1141", server: "147.32.80.9:53", transport: "udp", protocol: "dns", identifiedBy: "payload", pkts: none,
				ops: []string{"read/query/0"}},
		}},
		{file: "corpus/tenzir/rrdata-eve.json", flows: 1, read: 2, want: []flowFact{
			{client: "10.16.1.11:54380", server: "8.8.8.8:53", transport: "udp", protocol: "dns", identifiedBy: "payload", pkts: none,
				attrs: map[string]string{"qtypes": "MX"}, ops: []string{"read/query/0", "response/response/0"}},
		}},
		{file: "corpus/tenzir/example_pcap_eve.json.gz", flows: 21, alerts: 42, read: 1183, want: []flowFact{
			{client: "192.168.168.100:61208", server: "72.247.178.18:80", transport: "tcp", protocol: "", pkts: [2]int64{17, 15}},
			{client: "192.168.168.100:57293", server: "83.135.95.78:22", transport: "tcp", protocol: "", pkts: [2]int64{172, 86}},
		}},
		{file: "corpus/dcso_fever/alertify_input.json", flows: 3, read: 3, want: []flowFact{
			{client: "1.1.1.1:10305", server: "8.8.8.8:80", transport: "tcp", protocol: "http", identifiedBy: "payload", pkts: none,
				attrs: map[string]string{"host": "evader.example.com"}, ops: []string{"read/GET/-1", "response/status/200"}},
			{client: "192.168.42.150:55597", server: "192.168.42.129:53", transport: "udp", protocol: "dns", identifiedBy: "payload", pkts: none,
				ops: []string{"response/response/0"}},
			{client: "2a03:b0c0:2:d0::bd3:4001:48106", server: "2606:2800:220:1:248:1893:25c8:1946:443", transport: "tcp", protocol: "tls",
				identifiedBy: "payload", pkts: none,
				attrs: map[string]string{"version": "TLS1.2", "sni": "example.com", "ja3": "1fe4c7a3544eb27afec2adfb3a3dbf60",
					"cert_issuer": "C=US, O=DigiCert Inc, CN=DigiCert SHA2 Secure Server CA"}},
		}},
		{file: "corpus/dcso_fever/jsonparse_eve.json", flows: 2, read: 2, skipped: 1, want: []flowFact{
			// An answer logged as its packet went (server first): the
			// port turns it.
			{client: "10.0.0.11:51323", server: "10.0.0.10:53", transport: "udp", protocol: "dns", identifiedBy: "payload", vlan: 61, pkts: none,
				ops: []string{"response/response/0"}},
			// vlan written as one number, as older versions did.
			{client: "10.0.0.10:24092", server: "10.0.0.11:80", transport: "tcp", protocol: "http", identifiedBy: "payload", vlan: 72, pkts: none,
				attrs: map[string]string{"host": "foobar"}, ops: []string{"write/POST/-1", "response/status/200"}},
		}},
		{file: "corpus/telegraf/test1_stats.json", skipped: 1},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc, d, err := collectDoc(t, testKey, tt.file)
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Flows) != tt.flows || len(d.Alerts) != tt.alerts {
				t.Errorf("%d flows, %d alerts; want %d, %d", len(d.Flows), len(d.Alerts), tt.flows, tt.alerts)
			}
			if doc.Provenance.RecordsRead != tt.read || doc.Provenance.RecordsSkipped != tt.skipped {
				t.Errorf("records read %d, skipped %d; want %d, %d", doc.Provenance.RecordsRead, doc.Provenance.RecordsSkipped, tt.read, tt.skipped)
			}
			checkFlows(t, d, tt.want)
		})
	}
	// The example capture's alerts: every packet raised both checksum
	// alerts (1162 in all), one record per signature and flow.
	_, d, _ := collectDoc(t, nil, "corpus/tenzir/example_pcap_eve.json.gz")
	total := 0
	sigs := map[string]bool{}
	for _, a := range d.Alerts {
		total += a.Count
		sigs[a.Signature] = true
	}
	if total != 1162 || len(sigs) != 2 || !sigs["SURICATA IPv4 invalid checksum"] || !sigs["SURICATA TCPv4 invalid checksum"] {
		t.Errorf("alerts: %d in all, signatures %v", total, sigs)
	}
}

// TestCorpusPrettyPrinted: Telegraf's v2 samples are single events
// pretty-printed over many lines, which no EVE writer produces: each is
// bad input at its first line, all reported at once.
func TestCorpusPrettyPrinted(t *testing.T) {
	files := []string{"alert", "dns", "drop", "flow", "http", "status"}
	var paths []string
	for _, f := range files {
		paths = append(paths, "corpus/telegraf/v2_"+f+".json")
	}
	_, _, err := collectDoc(t, nil, paths...)
	many, ok := errors.AsType[*evidence.InputErrors](err)
	if !ok || len(many.Errs) != len(files) {
		t.Fatalf("%v, want %d input errors", err, len(files))
	}
	for i, e := range many.Errs {
		ie, _ := errors.AsType[*evidence.InputError](e)
		if got, want := fmt.Sprintf("%s:%d", ie.Path, ie.Line), paths[i]+":1"; got != want {
			t.Errorf("error at %s, want %s", got, want)
		}
	}
}
