package suricata_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/collectors/collectortest"
	"github.com/slate-ot/slate/collectors/suricata"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/traffic"
)

// testKey is a site fingerprint key for the tests (32 bytes).
var testKey = []byte("0123456789abcdef0123456789abcdef")

func collectDoc(t *testing.T, key []byte, files ...string) (evidence.Document, traffic.Data, error) {
	t.Helper()
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	var abs []string
	for _, f := range files {
		abs = append(abs, filepath.Join(dir, filepath.FromSlash(f)))
	}
	src := evidence.Source{Kind: suricata.Kind, Name: "ids", Dir: dir, Files: abs, FingerprintKey: key}
	doc, err := suricata.New().Collect(context.Background(), src)
	if err != nil {
		return doc, traffic.Data{}, err
	}
	var d traffic.Data
	if err := json.Unmarshal(doc.Data, &d); err != nil {
		t.Fatal(err)
	}
	// The data as written (traffic.Encode, member by member) is the
	// data as encoding/json and evidence.Canonical write it.
	if want, err := evidence.Canonical(d); err != nil || !bytes.Equal(doc.Data, want) {
		t.Errorf("document data is not evidence.Canonical of itself (%v):\n%s\nwant:\n%s", err, doc.Data, want)
	}
	return doc, d, nil
}

// flowFact is what a test expects of one flow, written from reading the
// EVE lines (not from the collector's output).
type flowFact struct {
	client, server string // "ip:port"
	transport      string
	protocol       string
	identifiedBy   string
	vlan           int
	pkts           [2]int64 // to server, to client; -1: not checked
	handshake      bool
	attrs          map[string]string
	ops            []string // "class/name/code"
	events         []string // kinds
	creds          []string // "kind/user/strength/default"
}

func findFlow(d traffic.Data, client, server string) *traffic.Flow {
	for i, f := range d.Flows {
		if fmt.Sprintf("%s:%d", f.Client.IP, f.Client.Port) == client && fmt.Sprintf("%s:%d", f.Server.IP, f.Server.Port) == server {
			return &d.Flows[i]
		}
	}
	return nil
}

func checkFlows(t *testing.T, d traffic.Data, want []flowFact) {
	t.Helper()
	for _, w := range want {
		f := findFlow(d, w.client, w.server)
		if f == nil {
			t.Errorf("no flow %s -> %s", w.client, w.server)
			continue
		}
		name := w.client + "->" + w.server
		if f.Transport != w.transport || f.Protocol != w.protocol || f.IdentifiedBy != w.identifiedBy || f.VLAN != w.vlan {
			t.Errorf("%s: transport %q protocol %q by %q vlan %d, want %q %q %q %d", name, f.Transport, f.Protocol, f.IdentifiedBy, f.VLAN,
				w.transport, w.protocol, w.identifiedBy, w.vlan)
		}
		if w.pkts[0] >= 0 && (f.PacketsToSrv != w.pkts[0] || f.PacketsToCli != w.pkts[1]) {
			t.Errorf("%s: packets %d/%d, want %d/%d", name, f.PacketsToSrv, f.PacketsToCli, w.pkts[0], w.pkts[1])
		}
		if f.Handshake != w.handshake {
			t.Errorf("%s: handshake %v, want %v", name, f.Handshake, w.handshake)
		}
		var facts traffic.Facts
		if f.Facts != nil {
			facts = *f.Facts
		}
		for k, v := range w.attrs {
			if got := facts.Attrs[k]; got != v {
				t.Errorf("%s: attr %s = %q, want %q", name, k, got, v)
			}
		}
		var ops, events, creds []string
		for _, o := range facts.Ops {
			ops = append(ops, fmt.Sprintf("%s/%s/%d", o.Class, o.Name, o.Code))
		}
		for _, e := range facts.Events {
			events = append(events, e.Kind)
		}
		for _, c := range facts.Credentials {
			creds = append(creds, fmt.Sprintf("%s/%s/%s/%v", c.Kind, c.User, c.Strength, c.Default))
		}
		slices.Sort(ops)
		slices.Sort(w.ops)
		if w.ops != nil {
			if diff := cmp.Diff(w.ops, ops); diff != "" {
				t.Errorf("%s: ops (-want +got):\n%s", name, diff)
			}
		}
		if w.events != nil {
			if diff := cmp.Diff(w.events, events); diff != "" {
				t.Errorf("%s: events (-want +got):\n%s", name, diff)
			}
		}
		if diff := cmp.Diff(w.creds, creds); diff != "" {
			t.Errorf("%s: credentials (-want +got):\n%s", name, diff)
		}
	}
}

func TestPlantFixture(t *testing.T) {
	doc, d, err := collectDoc(t, testKey, "fixtures/plant/eve.json")
	if err != nil {
		t.Fatal(err)
	}
	none := [2]int64{0, 0}
	unchecked := [2]int64{-1, -1}
	checkFlows(t, d, []flowFact{
		{client: "10.10.1.20:50100", server: "10.10.1.10:502", transport: "tcp", protocol: "modbus", identifiedBy: "payload", vlan: 10,
			pkts: [2]int64{6, 5}, handshake: true,
			attrs:  map[string]string{"unit_ids": "1", "suricata_flow_id": "1001", "suricata_flow_event": "fixtures/plant/eve.json:9"},
			ops:    []string{"read/read_holding_registers/3", "response/read_holding_registers/3", "write/write_single_register/6", "error/write_single_register/134"},
			events: []string{"modbus_exception", "suricata_anomaly"}},
		{client: "10.10.1.20:50200", server: "10.10.1.11:20000", transport: "tcp", protocol: "dnp3", identifiedBy: "payload", pkts: none,
			attrs:  map[string]string{"suricata_event": "fixtures/plant/eve.json:4", "suricata_flow_id": "1002"},
			ops:    []string{"control/direct_operate/5", "response/response/129", "error/function_code_not_supported/129", "control/cold_restart/13"},
			events: []string{"dnp3_restart"}},
		{client: "10.10.1.20:50300", server: "10.10.1.12:44818", transport: "tcp", protocol: "enip", identifiedBy: "payload", pkts: none,
			ops: []string{"session/send_rr_data/111", "write/set_attribute_single/16", "response/set_attribute_single/144"}},
		{client: "10.10.1.20:50301", server: "10.10.1.12:44818", transport: "udp", protocol: "enip", identifiedBy: "payload", pkts: none,
			attrs: map[string]string{"device_vendor": "Rockwell Automation/Allen-Bradley", "product_name": "1756-L61/B LOGIX5561",
				"product_code": "55", "revision": "20.11", "device_type": "Programmable Logic Controller"},
			ops: []string{"diagnostic/list_identity/99", "response/list_identity/99"}},
		{client: "10.10.2.5:51000", server: "10.10.2.1:443", transport: "tcp", protocol: "tls", identifiedBy: "payload", pkts: none,
			attrs: map[string]string{"version": "TLS1.0", "deprecated_version": "TLS1.0", "sni": "hmi.plant.example",
				"ja3": "e7d705a3286e19ea42f587b344ee6865", "cert_subject": "CN=hmi.plant.example", "cert_issuer": "CN=Plant CA",
				"cert_not_after": "2030-01-01T00:00:00"}},
		{client: "10.10.2.5:51001", server: "10.10.2.1:22", transport: "tcp", protocol: "ssh", identifiedBy: "payload", pkts: none,
			attrs: map[string]string{"version": "2.0", "client_software": "OpenSSH_8.9p1", "server_software": "dropbear_2019.78"}},
		{client: "10.10.2.5:51002", server: "10.10.2.1:80", transport: "tcp", protocol: "http", identifiedBy: "payload", pkts: none,
			attrs: map[string]string{"host": "hmi.plant.example", "user_agent": "Mozilla/5.0"},
			ops:   []string{"read/GET/-1", "response/status/200"}},
		{client: "10.10.2.5:51003", server: "10.10.2.2:3389", transport: "tcp", protocol: "rdp", identifiedBy: "payload", pkts: none,
			attrs: map[string]string{"user_hint": "operator", "selected": "tls", "nla": "false"},
			ops:   []string{"session/connection_request/224", "session/connection_confirm/208"}},
		{client: "10.10.2.5:51004", server: "10.10.2.3:161", transport: "udp", protocol: "snmp", identifiedBy: "payload", pkts: none,
			attrs: map[string]string{"version": "2c"}, ops: []string{"read/get/0"},
			creds: []string{"snmp_community//default/true"}},
		{client: "10.10.2.5:51005", server: "10.10.2.3:161", transport: "udp", protocol: "snmp", identifiedBy: "payload", pkts: none,
			ops: []string{"write/set/3"}, creds: []string{"snmp_community//long/false"}},
		{client: "10.10.2.5:51006", server: "10.10.2.4:21", transport: "tcp", protocol: "ftp", identifiedBy: "payload", pkts: none,
			ops: []string{"session/USER/-1", "session/PASS/-1", "program/STOR/-1"}, creds: []string{"ftp_login/operator/short/false"}},
		{client: "10.10.2.1:67", server: "10.10.2.50:68", transport: "udp", protocol: "", pkts: none,
			attrs: map[string]string{"app_proto": "dhcp", "dhcp_hostname": "eng-ws-1", "dhcp_client_mac": "00:1d:9c:aa:bb:cc", "dhcp_types": "ack"}},
		{client: "10.10.2.5:51007", server: "10.10.2.1:53", transport: "udp", protocol: "dns", identifiedBy: "payload", pkts: none,
			attrs: map[string]string{"qtypes": "A"}, ops: []string{"read/query/0"}},
		{client: "10.10.2.5:123", server: "10.10.2.6:123", transport: "udp", protocol: "ntp", identifiedBy: "payload", pkts: none,
			attrs: map[string]string{"version": "4"}, ops: []string{"read/client/3"}},
		{client: "10.10.2.5:51008", server: "10.10.2.7:445", transport: "tcp", protocol: "smb", identifiedBy: "payload", pkts: none,
			attrs: map[string]string{"version": "2.10", "smb2": "true", "shares": `\\10.10.2.7\C$`, "ntlm_user": "operator"},
			ops:   []string{"session/tree_connect/-1"}},
		// Alerts only, the packet going server to client (direction
		// to_client): the flow is built from the alert's tuple, turned.
		{client: "10.10.2.5:51010", server: "10.10.1.10:23", transport: "tcp", protocol: "telnet", identifiedBy: "payload", pkts: unchecked},
	})
	if n := len(d.Flows); n != 16 {
		t.Errorf("%d flows, want 16 (one per flow_id of TCP or UDP)", n)
	}
	tel := findFlow(d, "10.10.2.5:51010", "10.10.1.10:23")
	wantAlerts := []traffic.Alert{
		// Alerts of no flow (ICMP) sort first.
		{Transport: "icmp", ClientIP: "10.10.2.5", ServerIP: "10.10.1.10", Signature: "GPL ICMP_INFO PING *NIX", SignatureID: 2100366, GID: 1,
			Rev: 8, Category: "Misc activity", Severity: 3, Action: "blocked", Count: 1, FirstSeen: "2024-05-01T10:05:02.000000000Z",
			LastSeen: "2024-05-01T10:05:02.000000000Z", Sensor: "plant", Source: "fixtures/plant/eve.json:26"},
		{Flow: tel.ID, Transport: "tcp", ClientIP: "10.10.2.5", ClientPort: 51010, ServerIP: "10.10.1.10", ServerPort: 23,
			Signature: "ET POLICY Telnet login banner", SignatureID: 2000001, GID: 1, Rev: 3, Category: "Potential Corporate Privacy Violation",
			Severity: 2, Action: "allowed", Count: 2, FirstSeen: "2024-05-01T10:05:00.000000000Z", LastSeen: "2024-05-01T10:05:01.000000000Z",
			Sensor: "plant", SensorFlowID: "1100", Source: "fixtures/plant/eve.json:24"},
	}
	if diff := cmp.Diff(wantAlerts, d.Alerts); diff != "" {
		t.Errorf("alerts (-want +got):\n%s", diff)
	}
	// The DHCP lease binds the client's address to its MAC.
	var ws *traffic.Asset
	for i, a := range d.Assets {
		if a.ID == "10.10.2.50" {
			ws = &d.Assets[i]
		}
	}
	if ws == nil || ws.MAC != "00:1d:9c:aa:bb:cc" {
		t.Errorf("asset 10.10.2.50: %+v, want MAC 00:1d:9c:aa:bb:cc from the DHCP lease", ws)
	}
	p := doc.Provenance
	if p.RecordsRead != 26 || p.RecordsSkipped != 2 {
		t.Errorf("records read %d, skipped %d; want 26 and 2 (stats, fileinfo)", p.RecordsRead, p.RecordsSkipped)
	}
	// The window spans the records read (the skipped stats and fileinfo
	// records come later).
	if p.ObservedFrom != "2024-05-01T10:00:00.500000000Z" || p.ObservedTo != "2024-05-01T10:05:02.000000000Z" || p.EvidenceDate != "2024-05-01" {
		t.Errorf("window %s .. %s (%s)", p.ObservedFrom, p.ObservedTo, p.EvidenceDate)
	}
	if len(p.Files) != 1 || p.Files[0].SHA256 == "" || p.Files[0].Path != "fixtures/plant/eve.json" {
		t.Errorf("files %+v", p.Files)
	}
	// No secret of the log reaches the evidence: not the FTP password,
	// the SNMP communities, the HTTP Authorization header or the URL's
	// password.
	raw, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"hunter2", "s3cr3t", "public", "b3A6VHIwdWI0ZG9y", "Tr0ub4dor", "Authorization"} {
		if strings.Contains(string(raw), secret) {
			t.Errorf("the evidence holds %q", secret)
		}
	}
}

func TestSensorsAndRotation(t *testing.T) {
	doc, d, err := collectDoc(t, nil, "fixtures/sensors/sensor-a/eve.json.1", "fixtures/sensors/sensor-a/eve.json",
		"fixtures/sensors/sensor-b/2024-05-01/eve-2024-05-01.json.gz")
	if err != nil {
		t.Fatal(err)
	}
	// One conversation, seen by both sensors: sensor-a's modbus write (in
	// the rotated file) joins its flow event (in the live one) by
	// flow_id; sensor-b's flow event of it merges as two captures of one
	// conversation merge: the counts add up.
	checkFlows(t, d, []flowFact{
		{client: "10.20.0.5:40000", server: "10.20.0.10:502", transport: "tcp", protocol: "modbus", identifiedBy: "payload",
			pkts: [2]int64{20, 16}, handshake: true, attrs: map[string]string{"unit_ids": "3"},
			ops: []string{"write/write_multiple_registers/16", "response/write_multiple_registers/16"}},
		// A netflow record only (no flow event): its direction's counts.
		{client: "10.20.0.10:123", server: "10.20.0.1:123", transport: "udp", protocol: "ntp", identifiedBy: "payload", pkts: [2]int64{2, 0}},
	})
	f := findFlow(d, "10.20.0.5:40000", "10.20.0.10:502")
	if f.FirstSeen != "2024-05-01T08:59:59.000000000Z" || f.LastSeen != "2024-05-01T09:05:00.000000000Z" {
		t.Errorf("modbus flow seen %s .. %s", f.FirstSeen, f.LastSeen)
	}
	var sensors []string
	for _, in := range d.Inputs {
		sensors = append(sensors, in.Path+"="+in.Sensor)
	}
	want := []string{"fixtures/sensors/sensor-a/eve.json=sensor-a", "fixtures/sensors/sensor-a/eve.json.1=sensor-a",
		"fixtures/sensors/sensor-b/2024-05-01/eve-2024-05-01.json.gz=span-b"}
	if diff := cmp.Diff(want, sensors); diff != "" {
		t.Errorf("sensors (-want +got):\n%s", diff)
	}
	p := doc.Provenance
	// The live file's last line is cut short: a warning, the complete
	// lines only, and the evidence marked incomplete.
	if !p.Incomplete || len(p.Warnings) != 1 || p.Warnings[0].File != "fixtures/sensors/sensor-a/eve.json" || p.Warnings[0].Line != 2 {
		t.Errorf("provenance: incomplete %v, warnings %v", p.Incomplete, p.Warnings)
	}
	// The window spans both sensors; the evidence date is the day the
	// sensor that stopped first stopped.
	if p.ObservedFrom != "2024-05-01T08:59:59.000000000Z" || p.ObservedTo != "2024-05-01T09:10:00.000000000Z" {
		t.Errorf("window %s .. %s", p.ObservedFrom, p.ObservedTo)
	}
}

func TestBadInput(t *testing.T) {
	_, _, err := collectDoc(t, nil, "bad/not-object.json", "bad/wrong-type.json", "bad/truncated.json.gz", "bad/eve.json.2",
		"fixtures/plant/eve.json")
	if err == nil {
		t.Fatal("no error")
	}
	many, ok := errors.AsType[*evidence.InputErrors](err)
	if !ok {
		t.Fatalf("%T %v, want every bad file at once", err, err)
	}
	var got []string
	for _, e := range many.Errs {
		ie, _ := errors.AsType[*evidence.InputError](e)
		got = append(got, fmt.Sprintf("%s:%d@%d", ie.Path, ie.Line, ie.Offset))
	}
	// A gzip file cut short is named by the byte of the file as it is
	// (349 bytes, cut inside its deflate data), as for a gzip capture,
	// not by a line of the decompressed data.
	want := []string{"bad/not-object.json:2@0", "bad/wrong-type.json:3@0", "bad/truncated.json.gz:0@349", "bad/eve.json.2:2@0"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("places (-want +got):\n%s\n%v", diff, err)
	}
	for _, frag := range []string{"not a JSON object", "field flow_id", "truncated.json.gz: byte 349: gzip stream truncated or corrupt after line 41", "not valid JSON"} {
		if !strings.Contains(err.Error(), frag) {
			t.Errorf("error does not say %q:\n%v", frag, err)
		}
	}
}

func TestMissingFile(t *testing.T) {
	_, _, err := collectDoc(t, nil, "no-such/eve.json")
	if _, ok := errors.AsType[*evidence.InputError](err); !ok {
		t.Fatalf("%v, want an input error", err)
	}
}

func TestMain(m *testing.M) { os.Exit(m.Run()) }

func TestConformance(t *testing.T) {
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	src := func(files ...string) evidence.Source {
		var abs []string
		for _, f := range files {
			abs = append(abs, filepath.Join(dir, filepath.FromSlash(f)))
		}
		return evidence.Source{Kind: suricata.Kind, Name: "ids", Dir: dir, Files: abs, FingerprintKey: testKey}
	}
	collectortest.Conformance(t, suricata.New(), collectortest.Case{
		Good: src("fixtures/plant/eve.json", "corpus/tenzir/eve.json", "corpus/tenzir/example_pcap_eve.json.gz"),
		Bad:  src("bad/not-object.json"),
	})
}
