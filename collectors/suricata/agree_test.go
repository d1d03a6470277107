package suricata_test

import (
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

func TestAgreementExampleDump(t *testing.T) {
	p := collect(t, pcap.Kind, "tenzir/example.pcap.gz")
	s := collect(t, suricata.Kind, "corpus/tenzir/example_pcap_eve.json.gz")
	if diff := cmp.Diff(conversations(p), conversations(s)); diff != "" {
		t.Errorf("conversations (-pcap +suricata):\n%s", diff)
	}
	for _, f := range p.Flows {
		t.Logf("pcap %s %s %s:%d %s:%d %q hs=%v", f.ID, f.Transport, f.Client.IP, f.Client.Port, f.Server.IP, f.Server.Port, f.Protocol, f.Handshake)
	}
}
