package suricata_test

import (
	"bytes"
	stdcmp "cmp"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/collectors/pcap"
	"github.com/slate-ot/slate/collectors/suricata"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/traffic"
)

func collect(t *testing.T, kind string, files ...string) traffic.Data {
	t.Helper()
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	var abs []string
	for _, f := range files {
		abs = append(abs, filepath.Join(dir, f))
	}
	src := evidence.Source{Kind: kind, Name: "agree", Dir: dir, Files: abs}
	var doc evidence.Document
	switch kind {
	case pcap.Kind:
		doc, err = pcap.New().Collect(context.Background(), src)
	default:
		doc, err = suricata.New().Collect(context.Background(), src)
	}
	if err != nil {
		t.Fatal(err)
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
	return d
}

// conversation is what both sources must agree on for one flow.
type conversation struct {
	ID               string
	Transport        string
	Client, Server   string
	PktsToSrv, ToCli int64
}

func conversations(d traffic.Data) []conversation {
	var out []conversation
	for _, f := range d.Flows {
		out = append(out, conversation{f.ID, f.Transport, fmt.Sprintf("%s:%d", f.Client.IP, f.Client.Port),
			fmt.Sprintf("%s:%d", f.Server.IP, f.Server.Port), f.PacketsToSrv, f.PacketsToCli})
	}
	slices.SortFunc(out, func(a, b conversation) int { return stdcmp.Compare(a.ID, b.ID) })
	return out
}

// TestAgreementWithPcap holds the collector to the capture collector on a
// public capture and the EVE log Suricata made from it
// (testdata/NOTICE.md): the same conversations, with the same ids, ends
// and packet counts each way. Documented exceptions: Suricata ran with
// checksum validation on and every packet of the capture has a bad
// checksum, so it did no stream or app-layer work: its flows name no
// application protocol (the capture collector finds http and ssh) and
// stay in state "new" with no TCP flags (no handshake).
func TestAgreementWithPcap(t *testing.T) {
	p := collect(t, pcap.Kind, "tenzir/example.pcap.gz")
	s := collect(t, suricata.Kind, "corpus/tenzir/example_pcap_eve.json.gz")
	if len(p.Flows) != 21 {
		t.Fatalf("the capture collector found %d flows, want 21", len(p.Flows))
	}
	if diff := cmp.Diff(conversations(p), conversations(s)); diff != "" {
		t.Errorf("conversations (-pcap +suricata):\n%s", diff)
	}
	// The exceptions, held so that a change to them is seen.
	var protos []string
	for _, f := range p.Flows {
		protos = append(protos, f.Protocol)
	}
	slices.Sort(protos)
	if got := slices.Compact(protos); !slices.Equal(got, []string{"", "http", "ssh"}) {
		t.Errorf("capture protocols %v", got)
	}
	for _, f := range s.Flows {
		if f.Protocol != "" || f.Handshake {
			t.Errorf("%s: protocol %q handshake %v; Suricata did no app-layer work on this capture", f.ID, f.Protocol, f.Handshake)
		}
	}
	// Devices: the same addresses.
	ips := func(d traffic.Data) []string {
		var out []string
		for _, a := range d.Assets {
			out = append(out, a.IPs...)
		}
		slices.Sort(out)
		return out
	}
	if diff := cmp.Diff(ips(p), ips(s)); diff != "" {
		t.Errorf("device addresses (-pcap +suricata):\n%s", diff)
	}
}
