package examples_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/collectors"
	"github.com/slate-ot/slate/engine"
)

// pcapSource is plant-a's capture source; zeekSource the same traffic as
// the Zeek logs bench/zeekgen wrote from that capture
// (evidence/zeek/, go run ./bench/zeekgen -pcap
// examples/plant-a/evidence/span-control-cell.pcap -out
// examples/plant-a/evidence/zeek -format tsv -rotate 0).
const (
	pcapSource = `source "pcap" "span" {
  files = ["evidence/span-control-cell.pcap"]
}`
	zeekSource = `source "zeek" "span" {
  files = ["evidence/zeek/*.log"]
}`
)

// zeekOnlyCapture are the network and joined findings only the capture
// can give, with the reason: what Zeek does not log.
var zeekOnlyCapture = map[string]string{
	// Zeek has no telnet log: the login and its password are in the
	// capture only (the flow itself, and SLATE-NET-003 on it, are seen).
	"SLATE-NET-007 flow:10.30.0.50->10.30.0.2/tcp/23": "Zeek logs no telnet logins",
	// Zeek has no VNC (RFB) analyser: the security type is in the
	// capture only (the flow, by its port, and SLATE-NET-002 and
	// SLATE-JOIN-001/002 on it are seen).
	"SLATE-NET-008 flow:10.10.9.77->10.40.1.20/tcp/5900": "Zeek has no VNC analyser",
}

// captureText is message text only the capture gives, by finding: the
// evidence's own words that Zeek's logs do not carry.
var captureText = map[string]string{
	// ICSNPP's s7comm.log names the PLC Control function but not the PI
	// service it starts (P_PROGRAM): the capture's event says which.
	"SLATE-NET-010 flow:10.30.0.50->10.40.1.10/tcp/102": " (PLC control P_PROGRAM (start/run) requested)",
}

// TestPlantAZeekAgrees: every network and joined check (SLATE-NET-*,
// SLATE-JOIN-*) finds the same on plant-a whether its traffic evidence is
// the capture or the Zeek logs of that capture: the same rule, subject,
// zone, status, severity and requirements, and the same message except
// where the evidence's own text differs (named below). The assessment
// with the Zeek source is assessment-zeek.hcl, kept equal to
// assessment.hcl with the source swapped.
func TestPlantAZeekAgrees(t *testing.T) {
	raw, err := os.ReadFile("plant-a/assessment.hcl")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(string(raw), pcapSource) != 1 {
		t.Fatalf("plant-a/assessment.hcl no longer has the source block\n%s", pcapSource)
	}
	swapped := strings.Replace(string(raw), pcapSource, zeekSource, 1)
	swapped = strings.Replace(swapped, "# A span-port capture of the control and cell switches (see README.md).",
		"# The Zeek logs of the span-port capture of the control and cell switches\n# (written from it by bench/zeekgen; see README.md).", 1)
	swapped = "# Plant A with Zeek logs as its traffic evidence instead of the capture:\n# the same findings (examples/zeek_test.go). Run it with:\n#   slate assess examples/plant-a/assessment-zeek.hcl --out out-zeek\n\n" + swapped
	committed := "plant-a/assessment-zeek.hcl"
	if *update {
		if err := os.WriteFile(committed, []byte(swapped), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := os.ReadFile(committed); err != nil || string(got) != swapped {
		t.Errorf("%s is not assessment.hcl with the Zeek source (rerun with -update): %v", committed, err)
	}

	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("plant-a")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "assessment.hcl"), []byte(swapped), 0o644); err != nil {
		t.Fatal(err)
	}
	want := netFindings(t, "plant-a")
	got := netFindings(t, dir)
	if len(want) < 10 {
		t.Fatalf("the capture gives %d network and joined findings; the test needs plant-a's", len(want))
	}
	for k := range zeekOnlyCapture {
		if _, ok := want[k]; !ok {
			t.Errorf("exception %q: the capture no longer finds it; drop it from zeekOnlyCapture", k)
		}
		if _, ok := got[k]; ok {
			t.Errorf("exception %q: the Zeek logs find it now; drop it from zeekOnlyCapture", k)
		}
		delete(want, k)
	}
	for k, text := range captureText {
		if !strings.Contains(want[k], text) {
			t.Errorf("%s: the capture's message no longer says %q; drop it from captureText", k, text)
		}
		want[k] = strings.Replace(want[k], text, "", 1)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("network and joined findings differ (-capture +zeek):\n%s", diff)
	}
}

// netFindings are the SLATE-NET and SLATE-JOIN findings of an assessment
// by "rule subject", each as the fields that must agree.
func netFindings(t *testing.T, arg string) map[string]string {
	t.Helper()
	res, err := engine.Assess(context.Background(), arg, collectors.Default, engine.Options{Getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, g := range res.Scorecard.Gaps {
		if !strings.HasPrefix(g.Rule, "SLATE-NET-") && !strings.HasPrefix(g.Rule, "SLATE-JOIN-") {
			continue
		}
		reqs := slices.Sorted(slices.Values(g.Requirements))
		k := g.Rule + " " + g.Subject
		v := fmt.Sprintf("zone=%s status=%s severity=%s requirements=%v\n%s", g.Zone, g.Status, g.Severity, reqs, g.Message)
		if prev, dup := out[k]; dup {
			v = prev + "\n" + v
		}
		out[k] = v
	}
	return out
}
