package engine_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/engine/scorecard"
)

// copyExample copies examples/plant-a into a temp dir, with edit applied
// to its assessment file.
func copyExample(t *testing.T, edit func(string) string) string {
	t.Helper()
	src := filepath.Join("..", "examples", "plant-a")
	dir := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if rel == "assessment.hcl" {
			b = []byte(edit(string(b)))
		}
		return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// notSeen are the gaps saying an inventoried device was not seen on the
// wire, as "zone subject".
func notSeen(sc *scorecard.Scorecard) []string {
	var out []string
	for _, g := range sc.Gaps {
		if g.Rule == "SLATE-JOIN-003" && strings.Contains(g.Message, "not seen on the wire") {
			out = append(out, g.Zone+" "+g.Subject)
		}
	}
	slices.Sort(out)
	return out
}

func cell(sc *scorecard.Scorecard, framework, id, zone string) scorecard.ZoneStatus {
	for _, r := range sc.Requirements {
		if r.Framework != framework || r.ID != id {
			continue
		}
		for _, z := range r.Zones {
			if z.Zone == zone {
				return z
			}
		}
	}
	return scorecard.ZoneStatus{}
}

// TestEvidenceScopeOnPlantA: the span capture of plant-a saw traffic inside
// control and cell only, for 2h15m; its identity export ties OT groups to
// the same two zones.
func TestEvidenceScopeOnPlantA(t *testing.T) {
	res, err := assess(t, filepath.Join("..", "examples", "plant-a"))
	if err != nil {
		t.Fatal(err)
	}
	sc := res.Scorecard
	ot := []string{"cell", "control"}
	for _, r := range sc.Rules {
		pcap := strings.HasPrefix(r.ID, "SLATE-NET-") || strings.HasPrefix(r.ID, "SLATE-JOIN-")
		identity := strings.HasPrefix(r.ID, "SLATE-IDM-")
		if !pcap && !identity {
			continue
		}
		for _, z := range r.Assessed {
			if !slices.Contains(ot, z) {
				t.Errorf("%s assesses zone %s, which its evidence does not speak for", r.ID, z)
			}
		}
		if r.ID == "SLATE-NET-002" {
			if diff := cmp.Diff(ot, r.Assessed); diff != "" {
				t.Errorf("SLATE-NET-002 assesses (-want +got):\n%s", diff)
			}
		}
		if r.ID == "SLATE-JOIN-003" && len(r.Assessed) > 0 {
			t.Errorf("SLATE-JOIN-003 assesses %v on a capture of 2h15m", r.Assessed)
		}
	}
	if got := notSeen(sc); len(got) > 0 {
		t.Errorf("absence findings on a capture of 2h15m: %v", got)
	}
	const note = "capture span window 2h15m is below min_observation 24h; absence of inventoried devices not judged"
	for _, z := range ot {
		if c := cell(sc, "iec62443-3-3", "SR 7.8", z); !strings.Contains(c.Reason, note) {
			t.Errorf("SR 7.8 in %s: reason %q does not say %q", z, c.Reason, note)
		}
	}
	if c := cell(sc, "iec62443-3-3", "SR 7.8", "dmz"); strings.Contains(c.Reason, "min_observation") {
		t.Errorf("SR 7.8 in dmz, which the capture does not cover: reason %q", c.Reason)
	}
	i := slices.IndexFunc(sc.Evidence, func(e scorecard.Evidence) bool { return e.Document == "pcap/span" })
	if i < 0 {
		t.Fatal("no evidence summary of pcap/span")
	}
	want := scorecard.Evidence{ObservedFrom: "2026-10-28T08:00:00.001500000Z", ObservedTo: "2026-10-28T10:15:00.018000000Z", Window: "2h15m"}
	got := scorecard.Evidence{ObservedFrom: sc.Evidence[i].ObservedFrom, ObservedTo: sc.Evidence[i].ObservedTo, Window: sc.Evidence[i].Window}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("window of pcap/span (-want +got):\n%s", diff)
	}
}

// TestEvidenceScopeDeclared: a capture source may declare the zones it
// speaks for and a shorter min_observation; then the absence findings
// are made, and the declared zones assessed.
func TestEvidenceScopeDeclared(t *testing.T) {
	dir := copyExample(t, func(s string) string {
		return strings.Replace(s, `  files = ["evidence/span-control-cell.pcap"]`,
			`  files = ["evidence/span-control-cell.pcap"]
  zones = ["dmz"]
  min_observation = "3h"`, 1)
	})
	// 2h15m is still below 3h: the declaration alone widens the zones.
	res, err := assess(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Scorecard.Rules {
		if r.ID == "SLATE-NET-002" {
			if diff := cmp.Diff([]string{"cell", "control", "dmz"}, r.Assessed); diff != "" {
				t.Errorf("SLATE-NET-002 assesses (-want +got):\n%s", diff)
			}
		}
	}
	if c := cell(res.Scorecard, "iec62443-3-3", "SR 7.8", "dmz"); !strings.Contains(c.Reason, "capture span window 2h15m is below min_observation 3h") {
		t.Errorf("SR 7.8 in dmz: reason %q does not note the window", c.Reason)
	}

	// Over 100 ms the inventoried devices the capture did not show are
	// found absent.
	dir = copyExample(t, func(s string) string {
		return strings.Replace(s, `  files = ["evidence/span-control-cell.pcap"]`,
			`  files = ["evidence/span-control-cell.pcap"]
  min_observation = "100ms"`, 1)
	})
	if res, err = assess(t, dir); err != nil {
		t.Fatal(err)
	}
	want := []string{"cell asset:drive-01", "cell asset:rio-01", "cell asset:safety-relay-01", "control asset:hmi-02", "control asset:ntp-gps-01"}
	if diff := cmp.Diff(want, notSeen(res.Scorecard)); diff != "" {
		t.Errorf("absence findings over 100ms (-want +got):\n%s", diff)
	}
	if c := cell(res.Scorecard, "iec62443-3-3", "SR 7.8", "cell"); strings.Contains(c.Reason, "min_observation") {
		t.Errorf("SR 7.8 in cell: reason %q notes a window that is long enough", c.Reason)
	}

	dir = copyExample(t, func(s string) string {
		return strings.Replace(s, `  files = ["evidence/span-control-cell.pcap"]`,
			`  files = ["evidence/span-control-cell.pcap"]
  min_observation = "0s"`, 1)
	})
	if _, err := assess(t, dir); err == nil || !strings.Contains(err.Error(), "Invalid min_observation") {
		t.Errorf("min_observation 0s: got %v, want an Invalid min_observation diagnostic", err)
	}
}
