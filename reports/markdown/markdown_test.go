package markdown

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/reports/reporttest"
)

var update = flag.Bool("update", false, "rewrite golden files")

func load(t *testing.T) *scorecard.Scorecard {
	t.Helper()
	return reporttest.Load(t, reporttest.Example)
}

func render(t *testing.T, sc *scorecard.Scorecard) string {
	t.Helper()
	return string(reporttest.Render(t, Write, sc))
}

func TestGolden(t *testing.T) {
	sc := load(t)
	got := render(t, sc)
	if again := render(t, load(t)); again != got {
		t.Fatal("two runs differ")
	}
	golden := filepath.Join("testdata", "summary.golden.md")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("summary.md (-want +got):\n%s", diff)
	}
}

func TestCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a|b", `a\|b`},
		{"line1\nline2", "line1<br>line2"},
		{"crlf\r\nx", "crlf<br>x"},
		{"<script>", "&lt;script&gt;"},
		{"`tick`", "\\`tick\\`"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, cell(tt.in)); diff != "" {
				t.Errorf("cell(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestSections(t *testing.T) {
	sc := &scorecard.Scorecard{
		Assessment: scorecard.Assessment{Name: "t", Site: "S", AsOf: "2026-11-01"},
		Zones: []scorecard.Zone{{Name: "cell", Kind: "zone", FRs: []scorecard.FR{
			{ID: "FR1", Target: 2, Achieved: 1, Reachable: 1, State: scorecard.FRBelow}, {ID: "FR2", Target: 1, Achieved: 1, Reachable: 1, State: scorecard.FRMet},
		}}},
		Totals: scorecard.Totals{Statuses: map[string]map[string]int{"iec62443-3-3": {"not_assessed": 3}}},
		Gaps: []scorecard.Gap{
			{ID: "G-2", Status: "open", Severity: "low", Owner: "IT", Rule: "R2", Message: "low one"},
			{ID: "G-1", Status: "open", Severity: "critical", Owner: "OT", Zone: "cell", Rule: "R1", Message: "bad | worse\nnext"},
			{ID: "G-3", Status: "waived", Severity: "critical", Owner: "OT", Rule: "R3", Message: "waived one"},
		},
		RootCauses: []scorecard.RootCause{
			{ID: "RC-1", Status: "open", Score: 20, Severity: "critical", Owners: []string{"OT"}, Zones: []string{"cell"},
				Title: "bad | worse\nnext", Subject: "device:a", Gaps: []string{"G-1"}, Remediation: "fix it"},
			{ID: "RC-2", Status: "open", Score: 2, Severity: "low", Owners: []string{"IT"}, Zones: []string{},
				Title: "low one", Subject: "user:b", Gaps: []string{"G-2"}, Remediation: "fix that"},
			{ID: "RC-3", Status: "waived", Score: 20, Severity: "critical", Owners: []string{"OT"},
				Title: "waived cause", Subject: "asset:c", Gaps: []string{"G-3"}},
		},
		Waivers: []scorecard.Waiver{
			{Name: "soon", Expires: "2026-11-20", Status: "active"},
			{Name: "later", Expires: "2027-01-20", Status: "active"},
			{Name: "gone", Expires: "2026-01-01", Status: "expired"},
		},
	}
	got := render(t, sc)
	tests := []struct {
		name string
		want string
		in   bool
	}{
		{"below target marked in words", "| cell | zone | 1/2 ⚠ below · 0 of 0 met | 1/1 · 0 of 0 met |", true},
		{"not_assessed counted, never pass", "| iec62443-3-3 | 0 | 3 | 0 | 0 | 0 | 0 |", true},
		{"highest score first, escaped", "| 1 | 20 | **bad \\| worse<br>next** — device:a (RC-1) | cell | OT | critical | 1 | fix it |", true},
		{"site-wide zone", "| 2 | 2 | **low one** — user:b (RC-2) | site-wide | IT | low | 1 | fix that |", true},
		{"waived root cause not ranked", "| waived cause", false},
		{"waived root cause listed apart", "Not ranked, every gap waived: asset:c (waived cause).", true},
		{"expiring waiver", "| soon | active | **expires in 19 day(s)** | 2026-11-20 |", true},
		{"expired waiver", "| gone | expired | **expired: waives nothing** |", true},
		{"far waiver listed without attention", "| later | active |  | 2027-01-20 |", true},
		{"owner × severity", "| OT | 1 | 0 | 1 |", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if strings.Contains(got, tt.want) != tt.in {
				t.Errorf("contains %q = %v, want %v\n%s", tt.want, !tt.in, tt.in, got)
			}
		})
	}
}

// TestOpenGapSeverities holds the owner table's columns to their order:
// the known severities worst first, then any other in the order of its
// first open gap by severity, owner, zone, rule and id (not by name, nor
// by the order of the gap list).
func TestOpenGapSeverities(t *testing.T) {
	tests := []struct {
		name string
		gaps []scorecard.Gap
		want string
	}{
		{"known only", []scorecard.Gap{
			{ID: "G-1", Status: "open", Severity: "low", Owner: "OT"},
			{ID: "G-2", Status: "open", Severity: "high", Owner: "IT"},
			{ID: "G-3", Status: "waived", Severity: "critical", Owner: "IT"},
		}, "| Owner | high | low | Total |\n| --- | ---: | ---: | ---: |\n| IT | 1 | 0 | 1 |\n| OT | 0 | 1 | 1 |\n"},
		{"unknown by owner", []scorecard.Gap{
			{ID: "G-1", Status: "open", Severity: "alpha", Owner: "OT"},
			{ID: "G-2", Status: "open", Severity: "zeta", Owner: "IT"},
			{ID: "G-3", Status: "open", Severity: "low", Owner: "OT"},
		}, "| Owner | low | zeta | alpha | Total |\n| --- | ---: | ---: | ---: | ---: |\n| IT | 0 | 1 | 0 | 1 |\n| OT | 1 | 0 | 1 | 2 |\n"},
		{"unknown by id, then list order", []scorecard.Gap{
			{ID: "G-9", Status: "open", Severity: "beta", Owner: "OT", Rule: "R"},
			{ID: "G-5", Status: "open", Severity: "gamma", Owner: "OT", Rule: "R"},
			{ID: "G-5", Status: "open", Severity: "delta", Owner: "OT", Rule: "R"},
			{ID: "G-1", Status: "waived", Severity: "epsilon", Owner: "OT", Rule: "R"},
		}, "| Owner | gamma | delta | beta | Total |\n| --- | ---: | ---: | ---: | ---: |\n| OT | 1 | 1 | 1 | 3 |\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := &scorecard.Scorecard{Assessment: scorecard.Assessment{Name: "t", Site: "S", AsOf: "2026-11-01"}, Gaps: tt.gaps}
			got := render(t, sc)
			if !strings.Contains(got, tt.want) {
				t.Errorf("owner table: want\n%s\nin\n%s", tt.want, got)
			}
		})
	}
}
