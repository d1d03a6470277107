package scorecard

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	"github.com/slate-ot/slate/engine/model"
)

// HistoryPoint is one earlier run of the same assessment, reduced to what
// a trend shows: per zone SL-target and SL-achieved, open gaps by owner
// and severity, and the status totals. `slate assess --history DIR`
// embeds one per earlier run, so every report can draw the trend from the
// scorecard alone.
type HistoryPoint struct {
	AsOf string `json:"as_of"`
	// Run names the run: the name of its directory.
	Run string `json:"run"`
	// Scorecard is the sha256 digest of the run's scorecard.json as read,
	// the subject its signature covers.
	Scorecard string `json:"scorecard"`
	// Verified is set when the run's signatures and digests were checked
	// with a public key; an unverified run is shown marked as such.
	Verified       bool                      `json:"verified"`
	Zones          []HistoryZone             `json:"zones"`
	OpenGaps       int                       `json:"open_gaps"`
	OpenByOwner    map[string]int            `json:"open_by_owner"`
	OpenBySeverity map[string]int            `json:"open_by_severity"`
	Statuses       map[string]map[string]int `json:"statuses"`
}

// HistoryZone is one zone's security levels in a HistoryPoint.
type HistoryZone struct {
	Name       string         `json:"name"`
	SLTarget   model.SLVector `json:"sl_target"`
	SLAchieved model.SLVector `json:"sl_achieved"`
}

// PointOf reduces sc to a history point. The history sc carries itself
// is left out: a trend is flat, never nested.
func PointOf(sc *Scorecard, run, digest string, verified bool) HistoryPoint {
	p := HistoryPoint{
		AsOf: sc.Assessment.AsOf, Run: run, Scorecard: digest, Verified: verified,
		OpenGaps:       sc.Totals.OpenGaps,
		OpenByOwner:    cloneCounts(sc.Totals.OpenByOwner),
		OpenBySeverity: cloneCounts(sc.Totals.OpenBySeverity),
		Statuses:       map[string]map[string]int{},
	}
	for fw, st := range sc.Totals.Statuses {
		p.Statuses[fw] = cloneCounts(st)
	}
	for _, z := range sc.Zones {
		p.Zones = append(p.Zones, HistoryZone{Name: z.Name, SLTarget: z.SLTarget, SLAchieved: z.SLAchieved})
	}
	return p
}

func cloneCounts(m map[string]int) map[string]int {
	out := make(map[string]int, len(m))
	maps.Copy(out, m)
	return out
}

// SortHistory orders points by date, then run name, then digest.
func SortHistory(points []HistoryPoint) {
	slices.SortStableFunc(points, func(a, b HistoryPoint) int {
		return cmp.Or(cmp.Compare(a.AsOf, b.AsOf), cmp.Compare(a.Run, b.Run), cmp.Compare(a.Scorecard, b.Scorecard))
	})
}

// Trend is a series of runs of one assessment laid out over time: one
// value per run, oldest first, in every series.
type Trend struct {
	Assessment string     `json:"assessment"`
	Site       string     `json:"site"`
	Runs       []TrendRun `json:"runs"`
	// FRs name the elements of every SL vector, FR1 first.
	FRs   []string    `json:"frs"`
	Zones []ZoneTrend `json:"zones"`
	// OpenGaps is the number of open gaps per run.
	OpenGaps []int `json:"open_gaps"`
	// OpenByOwner and OpenBySeverity count open gaps per run; an owner or
	// severity absent from a run counts 0 there.
	OpenByOwner    []Series `json:"open_by_owner"`
	OpenBySeverity []Series `json:"open_by_severity"`
	// Statuses count requirement × zone cells per run, by framework.
	Statuses []FrameworkTrend `json:"statuses"`
}

// TrendRun is one run of a trend.
type TrendRun struct {
	AsOf      string `json:"as_of"`
	Run       string `json:"run"`
	Scorecard string `json:"scorecard,omitempty"`
	Verified  bool   `json:"verified"`
	// Current marks the run whose scorecard carries the history.
	Current bool `json:"current,omitempty"`
}

// Label names the run for a table or an axis: its date, and its name
// when it has one.
func (r TrendRun) Label() string {
	switch {
	case r.Current:
		return r.AsOf + " (this run)"
	case r.Run != "":
		return r.AsOf + " (" + r.Run + ")"
	}
	return r.AsOf
}

// ZoneTrend is one zone's security levels per run; nil where the run has
// no such zone.
type ZoneTrend struct {
	Zone       string            `json:"zone"`
	SLTarget   []*model.SLVector `json:"sl_target"`
	SLAchieved []*model.SLVector `json:"sl_achieved"`
}

// Lowest returns, per run, the lowest SL-achieved over the zone's FRs —
// the level the whole zone reaches — and whether the run has the zone.
func (z ZoneTrend) Lowest() ([]int, []bool) {
	levels := make([]int, len(z.SLAchieved))
	present := make([]bool, len(z.SLAchieved))
	for i, v := range z.SLAchieved {
		if v != nil {
			levels[i], present[i] = slices.Min(v[:]), true
		}
	}
	return levels, present
}

// Series is one named count per run.
type Series struct {
	Name   string `json:"name"`
	Values []int  `json:"values"`
}

// FrameworkTrend is the status totals of one framework per run.
type FrameworkTrend struct {
	Framework string   `json:"framework"`
	Statuses  []Series `json:"statuses"`
}

// NewTrend lays points out over time. The points are sorted with
// SortHistory; assessment and site name what they are runs of.
func NewTrend(name, site string, points []HistoryPoint) *Trend {
	points = slices.Clone(points)
	SortHistory(points)
	return layout(name, site, points)
}

// layout builds the trend of points in the order given.
func layout(name, site string, points []HistoryPoint) *Trend {
	t := &Trend{Assessment: name, Site: site, OpenGaps: make([]int, len(points))}
	for i := range (model.SLVector{}) {
		t.FRs = append(t.FRs, "FR"+string(rune('1'+i)))
	}
	owners, sevs, fws := map[string]bool{}, map[string]bool{}, map[string]map[string]bool{}
	for i, p := range points {
		t.Runs = append(t.Runs, TrendRun{AsOf: p.AsOf, Run: p.Run, Scorecard: p.Scorecard, Verified: p.Verified})
		t.OpenGaps[i] = p.OpenGaps
		for k := range p.OpenByOwner {
			owners[k] = true
		}
		for k := range p.OpenBySeverity {
			sevs[k] = true
		}
		for fw, st := range p.Statuses {
			if fws[fw] == nil {
				fws[fw] = map[string]bool{}
			}
			for s := range st {
				fws[fw][s] = true
			}
		}
	}
	t.Zones = zoneTrends(points)
	for _, o := range slices.Sorted(maps.Keys(owners)) {
		t.OpenByOwner = append(t.OpenByOwner, series(o, points, func(p HistoryPoint) int { return p.OpenByOwner[o] }))
	}
	for _, s := range severityOrder(slices.Collect(maps.Keys(sevs))) {
		t.OpenBySeverity = append(t.OpenBySeverity, series(s, points, func(p HistoryPoint) int { return p.OpenBySeverity[s] }))
	}
	for _, fw := range slices.Sorted(maps.Keys(fws)) {
		ft := FrameworkTrend{Framework: fw}
		for _, s := range statusOrder(slices.Collect(maps.Keys(fws[fw]))) {
			ft.Statuses = append(ft.Statuses, series(s, points, func(p HistoryPoint) int { return p.Statuses[fw][s] }))
		}
		t.Statuses = append(t.Statuses, ft)
	}
	return t
}

// zoneTrends lists the zones of the newest run in its order, then the
// zones only earlier runs had, by name.
func zoneTrends(points []HistoryPoint) []ZoneTrend {
	var order []string
	if len(points) > 0 {
		for _, z := range points[len(points)-1].Zones {
			order = append(order, z.Name)
		}
	}
	var gone []string
	for _, p := range points {
		for _, z := range p.Zones {
			if !slices.Contains(order, z.Name) && !slices.Contains(gone, z.Name) {
				gone = append(gone, z.Name)
			}
		}
	}
	slices.Sort(gone)
	var out []ZoneTrend
	for _, name := range append(order, gone...) {
		zt := ZoneTrend{Zone: name, SLTarget: make([]*model.SLVector, len(points)), SLAchieved: make([]*model.SLVector, len(points))}
		for i, p := range points {
			if j := slices.IndexFunc(p.Zones, func(z HistoryZone) bool { return z.Name == name }); j >= 0 {
				target, achieved := p.Zones[j].SLTarget, p.Zones[j].SLAchieved
				zt.SLTarget[i], zt.SLAchieved[i] = &target, &achieved
			}
		}
		out = append(out, zt)
	}
	return out
}

func series(name string, points []HistoryPoint, value func(HistoryPoint) int) Series {
	s := Series{Name: name, Values: make([]int, len(points))}
	for i, p := range points {
		s.Values[i] = value(p)
	}
	return s
}

// severityOrder sorts severities worst first; unknown ones follow by name.
func severityOrder(sevs []string) []string {
	slices.SortFunc(sevs, func(a, b string) int {
		ra, okA := severityRank[a]
		rb, okB := severityRank[b]
		switch {
		case okA && okB:
			return cmp.Compare(rb, ra)
		case okA != okB:
			if okA {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	return sevs
}

// statusOrder sorts statuses as Statuses lists them; unknown ones follow
// by name.
func statusOrder(sts []string) []string {
	rank := func(s string) int {
		if i := slices.Index(Statuses, s); i >= 0 {
			return i
		}
		return len(Statuses)
	}
	slices.SortFunc(sts, func(a, b string) int { return cmp.Or(cmp.Compare(rank(a), rank(b)), strings.Compare(a, b)) })
	return sts
}

// Trend lays the scorecard's history and the scorecard itself out over
// time; nil when the scorecard carries no history.
func (sc *Scorecard) Trend() *Trend {
	if len(sc.History) == 0 {
		return nil
	}
	points := slices.Clone(sc.History)
	SortHistory(points)
	// The scorecard's own run comes last whatever its history holds.
	t := layout(sc.Assessment.Name, sc.Assessment.Site, append(points, PointOf(sc, "", "", false)))
	t.Runs[len(t.Runs)-1].Current = true
	return t
}
