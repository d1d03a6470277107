package scorecard

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/engine/model"
)

// rcSummary is what the grouping tests compare of a root cause.
type rcSummary struct {
	Subject string
	Gaps    int
	Zones   []string
	Rules   []string
}

func summarise(rcs []RootCause) []rcSummary {
	var out []rcSummary
	for _, rc := range rcs {
		out = append(out, rcSummary{Subject: rc.Subject, Gaps: len(rc.Gaps), Zones: rc.Zones, Rules: rc.Rules})
	}
	slices.SortFunc(out, func(a, b rcSummary) int {
		return strings.Compare(a.Subject+fmt.Sprint(a.Rules), b.Subject+fmt.Sprint(b.Rules))
	})
	return out
}

// result is a check with findings of (zone, subject[, cause]).
func result(id string, findings ...Finding) Result {
	r := rule(id, "iec62443-3-3:SR 1.1")
	for i := range findings {
		if findings[i].Message == "" {
			findings[i].Message = fmt.Sprintf("%s on %s in %s", id, findings[i].Subject, findings[i].Zone)
		}
	}
	return Result{Rule: r, Findings: findings, Assessed: []string{"*"}}
}

func TestRootCauseGrouping(t *testing.T) {
	for _, tc := range []struct {
		name    string
		results []Result
		want    []rcSummary
	}{
		{
			name: "five identity gaps of one account are one root cause",
			results: []Result{
				result("SLATE-IDM-001", Finding{Zone: "cell", Subject: "user:opsadmin"}, Finding{Zone: "office", Subject: "user:opsadmin"}),
				result("SLATE-IDM-002", Finding{Zone: "cell", Subject: "user:opsadmin"}, Finding{Zone: "office", Subject: "user:opsadmin"}),
				// A remote session that signs in as the account: its subject
				// is the flow, its cause the account.
				result("SLATE-JOIN-002", Finding{Zone: "cell", Subject: "flow:10.2.0.5->10.1.0.9/tcp/3389", Cause: "user:opsadmin"}),
			},
			want: []rcSummary{{Subject: "user:opsadmin", Gaps: 5, Zones: []string{"cell", "office"}, Rules: []string{"SLATE-IDM-001", "SLATE-IDM-002", "SLATE-JOIN-002"}}},
		},
		{
			name: "two users are two root causes",
			results: []Result{
				result("SLATE-IDM-002", Finding{Zone: "cell", Subject: "user:a"}, Finding{Zone: "cell", Subject: "user:b"}),
			},
			want: []rcSummary{
				{Subject: "user:a", Gaps: 1, Zones: []string{"cell"}, Rules: []string{"SLATE-IDM-002"}},
				{Subject: "user:b", Gaps: 1, Zones: []string{"cell"}, Rules: []string{"SLATE-IDM-002"}},
			},
		},
		{
			name: "user ids compare without case",
			results: []Result{
				result("SLATE-IDM-001", Finding{Zone: "cell", Subject: "user:OpsAdmin"}),
				result("SLATE-IDM-002", Finding{Zone: "cell", Subject: "user:opsadmin"}),
			},
			want: []rcSummary{{Subject: "user:opsadmin", Gaps: 2, Zones: []string{"cell"}, Rules: []string{"SLATE-IDM-001", "SLATE-IDM-002"}}},
		},
		{
			name: "one conversation seen by three checks is one root cause",
			results: []Result{
				result("SLATE-NET-001", Finding{Zone: "cell", Subject: "flow:10.2.0.5->10.1.0.9/tcp/502"}),
				result("SLATE-NET-002", Finding{Zone: "cell", Subject: "flow:10.2.0.5->10.1.0.9/tcp/502"}),
				result("SLATE-JOIN-001", Finding{Zone: "cell", Subject: "flow:10.2.0.5->10.1.0.9/tcp/502"}),
			},
			want: []rcSummary{{Subject: "flow:10.2.0.5->10.1.0.9/tcp/502", Gaps: 3, Zones: []string{"cell"}, Rules: []string{"SLATE-JOIN-001", "SLATE-NET-001", "SLATE-NET-002"}}},
		},
		{
			name: "two conversations of one pair of hosts over different services stay apart",
			results: []Result{
				result("SLATE-NET-002", Finding{Zone: "cell", Subject: "flow:10.2.0.5->10.1.0.9/tcp/502"}, Finding{Zone: "cell", Subject: "flow:10.2.0.5->10.1.0.9/tcp/102"}),
			},
			want: []rcSummary{
				{Subject: "flow:10.2.0.5->10.1.0.9/tcp/102", Gaps: 1, Zones: []string{"cell"}, Rules: []string{"SLATE-NET-002"}},
				{Subject: "flow:10.2.0.5->10.1.0.9/tcp/502", Gaps: 1, Zones: []string{"cell"}, Rules: []string{"SLATE-NET-002"}},
			},
		},
		{
			name: "one check on one device groups across zones and lines",
			results: []Result{
				result("SLATE-CFG-011", Finding{Zone: "cell", Subject: "device:sw1"}, Finding{Zone: "office", Subject: "device:sw1"}),
				result("SLATE-CFG-007", Finding{Zone: "cell", Subject: "device:sw1", Message: "vty 0 4 open"}, Finding{Zone: "cell", Subject: "device:sw1", Message: "vty 5 15 open"}),
			},
			want: []rcSummary{
				{Subject: "device:sw1", Gaps: 2, Zones: []string{"cell"}, Rules: []string{"SLATE-CFG-007"}},
				{Subject: "device:sw1", Gaps: 2, Zones: []string{"cell", "office"}, Rules: []string{"SLATE-CFG-011"}},
			},
		},
		{
			name: "one rule on two devices is two root causes",
			results: []Result{
				result("SLATE-CFG-002", Finding{Zone: "cell", Subject: "device:sw1"}, Finding{Zone: "cell", Subject: "device:fw1"}),
			},
			want: []rcSummary{
				{Subject: "device:fw1", Gaps: 1, Zones: []string{"cell"}, Rules: []string{"SLATE-CFG-002"}},
				{Subject: "device:sw1", Gaps: 1, Zones: []string{"cell"}, Rules: []string{"SLATE-CFG-002"}},
			},
		},
		{
			name: "a site-wide gap has no zone",
			results: []Result{
				result("SLATE-INV-002", Finding{Subject: "asset:modem"}),
			},
			want: []rcSummary{{Subject: "asset:modem", Gaps: 1, Zones: []string{}, Rules: []string{"SLATE-INV-002"}}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc := build(t, testAssessment(), tc.results...)
			if diff := cmp.Diff(tc.want, summarise(sc.RootCauses)); diff != "" {
				t.Errorf("root causes (-want +got):\n%s", diff)
			}
			// Every gap is in exactly one root cause.
			seen := map[string]int{}
			for _, rc := range sc.RootCauses {
				for _, g := range rc.Gaps {
					seen[g]++
				}
			}
			for _, g := range sc.Gaps {
				if seen[g.ID] != 1 {
					t.Errorf("gap %s is in %d root causes", g.ID, seen[g.ID])
				}
			}
		})
	}
}

// TestScoreMonotonic: making one fact worse never lowers the score, and
// the named comparisons raise it.
func TestScoreMonotonic(t *testing.T) {
	score := func(sev string, e Exposure, slt int) int {
		s, f := Score(sev, e, slt)
		if s != f.Severity*f.Exposure*f.SLTarget {
			t.Fatalf("score %d is not the product of %+v", s, f)
		}
		return s
	}
	inner := Exposure{From: FromOT}
	for _, tc := range []struct {
		name          string
		worse, better func() int
	}{
		{"crossing beats inner",
			func() int {
				return score("high", Exposure{CrossesBoundary: true, From: FromOT, Conduit: ConduitDeclared}, 2)
			},
			func() int { return score("high", inner, 2) }},
		{"undeclared beats declared",
			func() int {
				return score("high", Exposure{CrossesBoundary: true, From: FromOT, Conduit: ConduitUndeclared}, 2)
			},
			func() int {
				return score("high", Exposure{CrossesBoundary: true, From: FromOT, Conduit: ConduitDeclared}, 2)
			}},
		{"higher SL-T beats lower", func() int { return score("high", inner, 3) }, func() int { return score("high", inner, 2) }},
		{"from IT beats from the DMZ",
			func() int { return score("high", Exposure{CrossesBoundary: true, From: FromIT}, 2) },
			func() int { return score("high", Exposure{CrossesBoundary: true, From: FromDMZ}, 2) }},
		{"from outside beats from IT",
			func() int { return score("high", Exposure{CrossesBoundary: true, From: FromExternal}, 2) },
			func() int { return score("high", Exposure{CrossesBoundary: true, From: FromIT}, 2) }},
		{"critical beats high", func() int { return score("critical", inner, 2) }, func() int { return score("high", inner, 2) }},
		{"medium beats low", func() int { return score("medium", inner, 2) }, func() int { return score("low", inner, 2) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if w, b := tc.worse(), tc.better(); w <= b {
				t.Errorf("worse scores %d, better %d", w, b)
			}
		})
	}

	// Every single step towards worse, from every starting point.
	sevs := []string{"info", "low", "medium", "high", "critical"}
	froms := []string{"", FromOT, FromDMZ, FromIT, FromExternal}
	conduits := []string{"", ConduitDeclared, ConduitUndeclared}
	for si, sev := range sevs {
		for fi, from := range froms {
			for ci, conduit := range conduits {
				for _, cross := range []bool{false, true} {
					for slt := 1; slt <= 4; slt++ {
						e := Exposure{CrossesBoundary: cross, From: from, Conduit: conduit}
						s := score(sev, e, slt)
						var steps []int
						if si+1 < len(sevs) {
							steps = append(steps, score(sevs[si+1], e, slt))
						}
						if fi+1 < len(froms) {
							w := e
							w.From = froms[fi+1]
							steps = append(steps, score(sev, w, slt))
						}
						if ci+1 < len(conduits) {
							w := e
							w.Conduit = conduits[ci+1]
							steps = append(steps, score(sev, w, slt))
						}
						if !cross {
							w := e
							w.CrossesBoundary = true
							steps = append(steps, score(sev, w, slt))
						}
						if slt < 4 {
							steps = append(steps, score(sev, e, slt+1))
						}
						for _, n := range steps {
							if n < s {
								t.Fatalf("%s %+v SL-T %d scores %d, a step worse only %d", sev, e, slt, s, n)
							}
						}
					}
				}
			}
		}
	}
}

// TestRootCauseRanking: the score orders root causes, from the finding's
// exposure or else the zone's; waived root causes come last and stay out
// of the top; ties break by severity, then rule, subject and id.
func TestRootCauseRanking(t *testing.T) {
	a := testAssessment(model.Waiver{Name: "w", Requirement: "iec62443-3-3:SR 1.1", Subject: "asset:accepted", Expires: "2027-01-01"})
	crossing := &Exposure{CrossesBoundary: true, From: FromIT, Conduit: ConduitUndeclared}
	sc := build(t, a,
		result("R-A", Finding{Zone: "cell", Subject: "device:inner"}),
		result("R-B", Finding{Zone: "cell", Subject: "flow:10.2.0.5->10.1.0.9/tcp/502", Exposure: crossing}),
		result("R-C", Finding{Zone: "office", Subject: "device:office"}),
		result("R-D", Finding{Zone: "cell", Subject: "asset:accepted"}),
		result("R-E", Finding{Zone: "cell", Subject: "device:inner2"}),
		result("R-F", Finding{Zone: "cell", Subject: "device:loud", Severity: "critical"}),
	)
	type row struct {
		Subject, Status string
		Score           int
		Factors         ScoreFactors
	}
	var got []row
	for _, rc := range sc.RootCauses {
		got = append(got, row{rc.Subject, rc.Status, rc.Score, rc.Factors})
	}
	want := []row{
		// medium (3) × (1 + crossing + IT + undeclared = 4) × SL-T 2
		{"flow:10.2.0.5->10.1.0.9/tcp/502", GapOpen, 24, ScoreFactors{3, 4, 2}},
		{"device:loud", GapOpen, 10, ScoreFactors{5, 1, 2}},
		// Three ties at 6, same severity: by rule.
		{"device:inner", GapOpen, 6, ScoreFactors{3, 1, 2}},
		// An IT zone: from IT (2), SL-T 1.
		{"device:office", GapOpen, 6, ScoreFactors{3, 2, 1}},
		{"device:inner2", GapOpen, 6, ScoreFactors{3, 1, 2}},
		{"asset:accepted", GapWaived, 6, ScoreFactors{3, 1, 2}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ranking (-want +got):\n%s", diff)
	}
	top := sc.TopRootCauses(10)
	if len(top) != 5 || top[0].Subject != "flow:10.2.0.5->10.1.0.9/tcp/502" {
		t.Errorf("top = %d root causes, first %q", len(top), top[0].Subject)
	}
	if n := len(sc.TopRootCauses(2)); n != 2 {
		t.Errorf("TopRootCauses(2) gave %d", n)
	}
	if w := sc.WaivedRootCauses(); len(w) != 1 || w[0].Subject != "asset:accepted" {
		t.Errorf("waived root causes: %+v", w)
	}
	if got := sc.RootCauses[0].Exposure; got != *crossing {
		t.Errorf("exposure %+v, want %+v", got, *crossing)
	}

	// Building again from the results in another order gives the same list.
	again := build(t, a,
		result("R-F", Finding{Zone: "cell", Subject: "device:loud", Severity: "critical"}),
		result("R-E", Finding{Zone: "cell", Subject: "device:inner2"}),
		result("R-D", Finding{Zone: "cell", Subject: "asset:accepted"}),
		result("R-C", Finding{Zone: "office", Subject: "device:office"}),
		result("R-B", Finding{Zone: "cell", Subject: "flow:10.2.0.5->10.1.0.9/tcp/502", Exposure: crossing}),
		result("R-A", Finding{Zone: "cell", Subject: "device:inner"}),
	)
	if diff := cmp.Diff(sc.RootCauses, again.RootCauses); diff != "" {
		t.Errorf("order of results changes the root causes (-first +second):\n%s", diff)
	}
}

// TestRootCausePartlyWaived: a root cause with an open gap stays open and
// is ranked on its open gaps only.
func TestRootCausePartlyWaived(t *testing.T) {
	a := testAssessment(model.Waiver{Name: "w", Requirement: "iec62443-3-3:SR 1.1", Zone: "cell", Subject: "user:x", Expires: "2027-01-01"})
	sc := build(t, a,
		result("R-1", Finding{Zone: "cell", Subject: "user:x", Severity: "critical"}, Finding{Zone: "office", Subject: "user:x", Severity: "low"}),
	)
	if len(sc.RootCauses) != 1 {
		t.Fatalf("%d root causes", len(sc.RootCauses))
	}
	rc := sc.RootCauses[0]
	if rc.Status != GapOpen || rc.GapsOpen != 1 || len(rc.Gaps) != 2 || rc.Severity != "low" || !slices.Equal(rc.Zones, []string{"office"}) {
		t.Errorf("root cause %+v: want open, 1 of 2 gaps open, severity low, zone office", rc)
	}
}

func TestMergeExposure(t *testing.T) {
	d := &Exposure{CrossesBoundary: true, From: FromDMZ, Conduit: ConduitDeclared}
	u := &Exposure{CrossesBoundary: false, From: FromIT, Conduit: ConduitUndeclared}
	if got := MergeExposure(nil, nil); got != nil {
		t.Errorf("nil, nil = %+v", got)
	}
	if got := MergeExposure(nil, d); got != d {
		t.Errorf("nil, d = %+v", got)
	}
	want := Exposure{CrossesBoundary: true, From: FromIT, Conduit: ConduitUndeclared}
	for _, got := range []*Exposure{MergeExposure(d, u), MergeExposure(u, d)} {
		if *got != want {
			t.Errorf("merge = %+v, want %+v", *got, want)
		}
	}
}
