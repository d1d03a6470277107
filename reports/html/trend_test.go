package html

import (
	"regexp"
	"strings"
	"testing"

	"github.com/slate-ot/slate/engine/assessment"
	"github.com/slate-ot/slate/engine/scorecard"
)

// withHistory returns the example scorecard carrying two earlier runs:
// one verified, one not, the second without the example's last zone.
func withHistory(t *testing.T) *scorecard.Scorecard {
	t.Helper()
	sc := load(t)
	first := scorecard.PointOf(sc, "week-1", "sha256:1", true)
	first.AsOf = "2026-10-01"
	for i := range first.Zones {
		first.Zones[i].SLAchieved = assessment.SLVector{}
	}
	first.OpenByOwner = map[string]int{"OT": 40, "IT": 12}
	second := scorecard.PointOf(sc, "week-2", "sha256:2", false)
	second.AsOf = "2026-10-08"
	second.Zones = second.Zones[:len(second.Zones)-1]
	second.Zones[0].SLAchieved = assessment.SLVector{3, 3, 3, 3, 3, 3, 3}
	sc.History = []scorecard.HistoryPoint{second, first}
	return sc
}

func TestTrendSection(t *testing.T) {
	tests := []struct {
		name    string
		sc      func(*testing.T) *scorecard.Scorecard
		want    []string
		notWant []string
		charts  int
	}{{
		name:    "no history",
		sc:      load,
		notWant: []string{`id="trend"`, `svg .grid`, `class="charts"`},
	}, {
		name: "history",
		sc:   withHistory,
		want: []string{
			`<h2 id="trend">Trend over 3 runs</h2>`,
			`svg .target{`,
			`<tr><th scope="row">2026-10-01 (week-1)</th><td>✓ verified</td><td class="n">0 0 0 0 0 0 0</td>`,
			`<tr><th scope="row">2026-10-08 (week-2)</th><td>unverified</td><td class="n">3 3 3 3 3 3 3</td>`,
			`(this run)</th><td>this run</td>`,
			`>2026-10-08*</text>`,
			`* marks a run used without verifying its signature`,
			`<th scope="col">IT</th><th scope="col">OT</th>`,
			`<tr><th scope="row">2026-10-01 (week-1)</th><td class="n">0</td><td class="n">12</td><td class="n">40</td>`,
			`class="pt pt-open"`,
			`>3 ✓</text>`,
			`>0 ✗</text>`,
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := tt.sc(t)
			page := string(render(t, sc))
			for _, s := range tt.want {
				if !strings.Contains(page, s) {
					t.Errorf("missing %q", s)
				}
			}
			for _, s := range tt.notWant {
				if strings.Contains(page, s) {
					t.Errorf("unexpected %q", s)
				}
			}
			want := 0
			if len(sc.History) > 0 {
				want = len(sc.Zones)
			}
			if got := strings.Count(page, "<figure>"); got != want {
				t.Errorf("%d charts, want %d (one per zone)", got, want)
			}
			if regexp.MustCompile(`(?i)<script|\bsrc\s*=|url\(\s*["']?[^#"'\s)]`).MatchString(page) {
				t.Error("the page loads or runs something")
			}
			if page != string(render(t, sc)) {
				t.Error("two renderings differ")
			}
		})
	}
}

// TestTrendChart checks the geometry of one zone's chart: a lane per FR,
// a point per run that has the zone, the line broken where it has none.
func TestTrendChart(t *testing.T) {
	sc := withHistory(t)
	v := newTrend(sc)
	if v == nil {
		t.Fatal("no trend")
	}
	last := v.Charts[len(v.Charts)-1]
	if len(last.Lanes) != 7 {
		t.Fatalf("%d lanes", len(last.Lanes))
	}
	lane := last.Lanes[0]
	// The zone is missing from the middle run: two points, no line
	// joining them.
	if len(lane.Points) != 2 || len(lane.Lines) != 0 {
		t.Errorf("points %d, lines %v", len(lane.Points), lane.Lines)
	}
	first := v.Charts[0].Lanes[0]
	if len(first.Points) != 3 || len(first.Lines) != 1 {
		t.Errorf("first zone: points %d, lines %v", len(first.Points), first.Lines)
	}
	for _, p := range first.Points {
		if p.Y < first.Top || p.Y > first.Bottom {
			t.Errorf("point %+v outside its lane %d–%d", p, first.Top, first.Bottom)
		}
	}
	if first.Points[1].Y >= first.Points[0].Y {
		t.Errorf("SL 3 is drawn no higher than SL 0: %d vs %d", first.Points[1].Y, first.Points[0].Y)
	}
}
