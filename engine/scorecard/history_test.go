package scorecard

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/engine/model"
)

// historyRun is a small scorecard of assessment "t" as of asOf with the
// given zones' SL-achieved and open gaps by owner and severity.
func historyRun(asOf string, zones map[string]model.SLVector, owners, sevs map[string]int) *Scorecard {
	sc := &Scorecard{Format: Format, Assessment: Assessment{Name: "t", Site: "T", AsOf: asOf},
		Totals: Totals{OpenByOwner: owners, OpenBySeverity: sevs,
			Statuses: map[string]map[string]int{"iec62443-3-3": {StatusFail: len(owners), StatusPass: 3}}}}
	for _, n := range owners {
		sc.Totals.OpenGaps += n
	}
	for _, name := range []string{"cell", "control", "dmz"} {
		if sl, ok := zones[name]; ok {
			sc.Zones = append(sc.Zones, Zone{Name: name, SLTarget: model.SLVector{2, 2, 2, 2, 2, 2, 2}, SLAchieved: sl})
		}
	}
	return sc
}

func vec(v model.SLVector) *model.SLVector { return &v }

func TestNewTrend(t *testing.T) {
	zero, one := model.SLVector{}, model.SLVector{1, 1, 0, 1, 1, 1, 1}
	target := vec(model.SLVector{2, 2, 2, 2, 2, 2, 2})
	tests := []struct {
		name   string
		points []HistoryPoint
		want   *Trend
	}{{
		name: "sorted by date then run; a zone gone and a zone new",
		points: []HistoryPoint{
			PointOf(historyRun("2026-11-01", map[string]model.SLVector{"cell": one, "dmz": one}, map[string]int{"OT": 2}, map[string]int{"low": 2}), "c", "sha256:c", true),
			PointOf(historyRun("2026-09-01", map[string]model.SLVector{"cell": zero, "control": zero}, map[string]int{"IT": 1, "OT": 4}, map[string]int{"high": 4, "medium": 1}), "a", "sha256:a", false),
			PointOf(historyRun("2026-09-01", map[string]model.SLVector{"cell": zero, "control": one}, map[string]int{"OT": 3}, map[string]int{"critical": 1, "high": 2}), "b", "sha256:b", true),
		},
		want: &Trend{
			Assessment: "t", Site: "T",
			Runs: []TrendRun{
				{AsOf: "2026-09-01", Run: "a", Scorecard: "sha256:a"},
				{AsOf: "2026-09-01", Run: "b", Scorecard: "sha256:b", Verified: true},
				{AsOf: "2026-11-01", Run: "c", Scorecard: "sha256:c", Verified: true},
			},
			FRs: []string{"FR1", "FR2", "FR3", "FR4", "FR5", "FR6", "FR7"},
			Zones: []ZoneTrend{
				{Zone: "cell", SLTarget: []*model.SLVector{target, target, target}, SLAchieved: []*model.SLVector{vec(zero), vec(zero), vec(one)}},
				{Zone: "dmz", SLTarget: []*model.SLVector{nil, nil, target}, SLAchieved: []*model.SLVector{nil, nil, vec(one)}},
				{Zone: "control", SLTarget: []*model.SLVector{target, target, nil}, SLAchieved: []*model.SLVector{vec(zero), vec(one), nil}},
			},
			OpenGaps:    []int{5, 3, 2},
			OpenByOwner: []Series{{Name: "IT", Values: []int{1, 0, 0}}, {Name: "OT", Values: []int{4, 3, 2}}},
			OpenBySeverity: []Series{
				{Name: "critical", Values: []int{0, 1, 0}}, {Name: "high", Values: []int{4, 2, 0}},
				{Name: "medium", Values: []int{1, 0, 0}}, {Name: "low", Values: []int{0, 0, 2}},
			},
			Statuses: []FrameworkTrend{{Framework: "iec62443-3-3", Statuses: []Series{
				{Name: StatusFail, Values: []int{2, 1, 1}}, {Name: StatusPass, Values: []int{3, 3, 3}},
			}}},
		},
	}, {
		name: "no points",
		want: &Trend{Assessment: "t", Site: "T", FRs: []string{"FR1", "FR2", "FR3", "FR4", "FR5", "FR6", "FR7"}, OpenGaps: []int{}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NewTrend("t", "T", tt.points)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("NewTrend (-want +got):\n%s", diff)
			}
		})
	}
}

func TestZoneTrendLowest(t *testing.T) {
	z := ZoneTrend{SLAchieved: []*model.SLVector{nil, vec(model.SLVector{2, 1, 3, 2, 2, 2, 2}), vec(model.SLVector{0, 4, 4, 4, 4, 4, 4})}}
	levels, present := z.Lowest()
	if diff := cmp.Diff([]int{0, 1, 0}, levels); diff != "" {
		t.Errorf("levels (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]bool{false, true, true}, present); diff != "" {
		t.Errorf("present (-want +got):\n%s", diff)
	}
}

func TestScorecardTrend(t *testing.T) {
	sc := historyRun("2026-11-01", map[string]model.SLVector{"cell": {1, 1, 1, 1, 1, 1, 1}}, map[string]int{"OT": 1}, nil)
	if sc.Trend() != nil {
		t.Fatal("a scorecard without history has a trend")
	}
	earlier := historyRun("2026-10-01", map[string]model.SLVector{"cell": {}}, map[string]int{"OT": 5}, nil)
	// An earlier run that itself carried history: the trend stays flat.
	earlier.History = []HistoryPoint{PointOf(historyRun("2026-01-01", nil, nil, nil), "old", "sha256:0", true)}
	sc.History = []HistoryPoint{
		PointOf(earlier, "b", "sha256:b", true),
		// Same date as the scorecard: still shown before it.
		PointOf(historyRun("2026-11-01", nil, map[string]int{"OT": 9}, nil), "", "sha256:x", false),
	}
	tr := sc.Trend()
	var labels []string
	for _, r := range tr.Runs {
		labels = append(labels, r.Label())
	}
	if diff := cmp.Diff([]string{"2026-10-01 (b)", "2026-11-01", "2026-11-01 (this run)"}, labels); diff != "" {
		t.Errorf("runs (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{5, 9, 1}, tr.OpenGaps); diff != "" {
		t.Errorf("open gaps (-want +got):\n%s", diff)
	}
	if !tr.Runs[2].Current || tr.Runs[0].Current {
		t.Errorf("current run: %+v", tr.Runs)
	}
}

// TestHistoryEncoding: the history round-trips through the scorecard's
// JSON, and a scorecard without one encodes as it did before the field
// existed.
func TestHistoryEncoding(t *testing.T) {
	sc := historyRun("2026-11-01", map[string]model.SLVector{"cell": {1, 2, 1, 1, 1, 1, 1}}, map[string]int{"OT": 1}, map[string]int{"high": 1})
	raw, err := sc.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte(`"history"`)) {
		t.Errorf("a scorecard without history writes a history key: %s", raw)
	}
	sc.History = []HistoryPoint{PointOf(historyRun("2026-10-01", map[string]model.SLVector{"cell": {}}, map[string]int{"IT": 2}, nil), "a", "sha256:a", true)}
	raw, err = sc.Encode()
	if err != nil {
		t.Fatal(err)
	}
	back, err := Decode("scorecard.json", raw)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(sc.History, back.History); diff != "" {
		t.Errorf("history round trip (-want +got):\n%s", diff)
	}
	var probe struct {
		History []map[string]json.RawMessage `json:"history"`
	}
	if err := json.Unmarshal(raw, &probe); err != nil {
		t.Fatal(err)
	}
	if got := string(probe.History[0]["zones"]); got != `[{"name":"cell","sl_achieved":{"FR1":0,"FR2":0,"FR3":0,"FR4":0,"FR5":0,"FR6":0,"FR7":0},"sl_target":{"FR1":2,"FR2":2,"FR3":2,"FR4":2,"FR5":2,"FR6":2,"FR7":2}}]` {
		t.Errorf("zones encoded as %s", got)
	}
}
