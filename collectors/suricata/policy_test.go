package suricata_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/collectors"
	"github.com/slate-ot/slate/engine"
)

// site writes an assessment of one zone, the Tenzir example's office
// network, with one traffic source of kind reading file, and returns its
// directory.
func site(t *testing.T, kind, file string) string {
	t.Helper()
	dir := t.TempDir()
	src, err := os.Open(filepath.Join("testdata", filepath.FromSlash(file)))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.Create(filepath.Join(dir, filepath.Base(file)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	dst.Close()
	hcl := `assessment "eve-vs-pcap" {
  site  = "policy agreement"
  as_of = "2018-11-01"
}

framework "iec62443-3-3" {}

zone "office" {
  kind      = "ot"
  networks  = ["192.168.168.0/24"]
  sl_target = 2
  owner     = "OT"
}

source "` + kind + `" "span" {
  files = ["` + filepath.Base(file) + `"]
}
`
	if err := os.WriteFile(filepath.Join(dir, "assessment.hcl"), []byte(hcl), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

type gapKey struct{ Rule, Zone, Subject, Message, Status string }

func gaps(t *testing.T, dir string) []gapKey {
	t.Helper()
	res, err := engine.Assess(context.Background(), dir, collectors.Default, engine.Options{Getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	var out []gapKey
	for _, g := range res.Scorecard.Gaps {
		out = append(out, gapKey{g.Rule, g.Zone, g.Subject, g.Message, g.Status})
	}
	slices.SortFunc(out, func(a, b gapKey) int {
		return cmpKeys(a, b)
	})
	return out
}

func cmpKeys(a, b gapKey) int {
	for _, p := range [][2]string{{a.Rule, b.Rule}, {a.Zone, b.Zone}, {a.Subject, b.Subject}, {a.Message, b.Message}} {
		if p[0] != p[1] {
			if p[0] < p[1] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// protocolNote is the protocol a finding's message names in parentheses
// ("over tcp/80 (http)"), and the wording that follows from it.
var protocolNote = regexp.MustCompile(` \((http|ssh)\)`)

// TestPolicyAgreement: the checks find the same gaps on the EVE log as on
// the capture it was made from (the Tenzir pair of TestAgreementWithPcap):
// every gap, by rule, zone and subject, and for the zone-crossing check
// (SLATE-NET-005) the same message, but for the documented exceptions:
// the application protocol the capture names and the EVE log (no
// app-layer work on this capture) does not, with the checks that judge
// what a protocol carried, and the MACs the log does not record.
func TestPolicyAgreement(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every check twice")
	}
	norm := func(gs []gapKey) []gapKey {
		var out []gapKey
		for _, g := range gs {
			g.Message = protocolNote.ReplaceAllString(g.Message, "")
			g.Message = strings.Replace(g.Message, "reaches the web at", "talks to", 1)
			if g.Rule != "SLATE-NET-005" {
				// Other messages describe the device with what the
				// capture adds (its MAC and vendor: this EVE log has
				// no ether section; the protocols it uses).
				g.Message = ""
			}
			out = append(out, g)
		}
		slices.SortFunc(out, cmpKeys)
		return slices.Compact(out)
	}
	// Checks that judge what the application protocol carried: on this
	// capture only the capture collector sees it.
	byProtocol := map[string]bool{"SLATE-NET-003": true, "SLATE-NET-010": true}
	p := norm(slices.DeleteFunc(gaps(t, site(t, "pcap", "tenzir/example.pcap.gz")), func(g gapKey) bool { return byProtocol[g.Rule] }))
	s := norm(gaps(t, site(t, "suricata", "corpus/tenzir/example_pcap_eve.json.gz")))
	for _, g := range s {
		if byProtocol[g.Rule] {
			t.Errorf("%s on the EVE log, which names no protocol: %v", g.Rule, g)
		}
	}
	if !slices.ContainsFunc(p, func(g gapKey) bool { return g.Rule == "SLATE-NET-005" }) {
		t.Fatalf("the capture gives no SLATE-NET-005 gap (OT zone talking outside every zone): %v", p)
	}
	if diff := cmp.Diff(p, s); diff != "" {
		t.Errorf("gaps (-pcap +suricata):\n%s", diff)
	}
}
