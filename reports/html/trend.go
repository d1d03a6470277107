package html

import (
	"fmt"
	"strings"

	"github.com/slate-ot/slate/engine/model"
	"github.com/slate-ot/slate/engine/scorecard"
)

// trendView is the trend section: a line chart per zone of the lowest
// SL-achieved over its FRs, then tables of the full SL vectors and of the
// open gaps by owner, one row per run.
type trendView struct {
	Runs       []trendRun
	Charts     []trendChart
	Zones      []string
	Owners     []string
	Unverified bool
}

type trendRun struct {
	Label    string
	Verified string
	// SL is the SL-achieved vector per zone, in Zones order.
	SL []string
	// Owners counts open gaps per owner, in Owners order; Total all.
	Owners []int
	Total  int
}

// trendChart is one zone's SVG chart: a lane per FR, each with its
// SL-achieved run by run as a line and its SL-target as a dashed line.
type trendChart struct {
	ID            string
	Zone          string
	Label         string
	Width, Height int
	Lanes         []trendLane
	Dates         []trendDate
}

// trendLane is one FR of a zone's chart.
type trendLane struct {
	Label       string
	LabelY      int
	Top, Bottom int
	Targets     []string // dashed segments "x1,y x2,y"
	Lines       []string // polylines
	Points      []trendPoint
	X2          int
}

type trendPoint struct {
	X, Y, TextX, TextY int
	Text               string
	Title              string
	Hollow             bool
}

type trendDate struct {
	X, Y int
	Text string
}

// Trend chart geometry: a lane per FR, levelH pixels per level.
const (
	trendLeft   = 96
	trendRight  = 44
	trendTop    = 6
	trendStep   = 112
	laneH       = 44
	levelH      = 6
	maxLevel    = 4
	trendBottom = 24
)

// newTrend lays out the trend of sc; nil when sc carries no history.
func newTrend(sc *scorecard.Scorecard) *trendView {
	t := sc.Trend()
	if t == nil {
		return nil
	}
	v := &trendView{}
	for _, z := range t.Zones {
		v.Zones = append(v.Zones, z.Zone)
	}
	for _, o := range t.OpenByOwner {
		v.Owners = append(v.Owners, o.Name)
	}
	for i, r := range t.Runs {
		row := trendRun{Label: r.Label(), Verified: verifiedText(r), Total: t.OpenGaps[i]}
		if !r.Verified && !r.Current {
			v.Unverified = true
		}
		for _, z := range t.Zones {
			row.SL = append(row.SL, vector(z.SLAchieved[i]))
		}
		for _, o := range t.OpenByOwner {
			row.Owners = append(row.Owners, o.Values[i])
		}
		v.Runs = append(v.Runs, row)
	}
	for i, z := range t.Zones {
		v.Charts = append(v.Charts, zoneChart(t, z, i))
	}
	return v
}

func verifiedText(r scorecard.TrendRun) string {
	switch {
	case r.Current:
		return "this run"
	case r.Verified:
		return "✓ verified"
	}
	return "unverified"
}

func vector(v *model.SLVector) string {
	if v == nil {
		return "—"
	}
	return v.Compact()
}

// zoneChart draws zone z run by run: per FR its SL-achieved as a line
// whose every point is labelled with the level and ✓ (at or above the
// SL-target) or ✗, and the SL-target as a dashed line, so that nothing is
// told by colour alone.
func zoneChart(t *scorecard.Trend, z scorecard.ZoneTrend, n int) trendChart {
	runs := len(t.Runs)
	plotW := trendStep * max(runs-1, 1)
	c := trendChart{
		ID: fmt.Sprintf("trend-%d", n), Zone: z.Zone,
		Width:  trendLeft + plotW + trendRight,
		Height: trendTop + laneH*len(t.FRs) + trendBottom,
		Label:  fmt.Sprintf("Zone %s: SL-achieved (solid) against SL-target (dashed) per FR, run by run", z.Zone),
	}
	x := func(i int) int { return trendLeft + trendStep*i }
	for f, fr := range t.FRs {
		top := trendTop + laneH*f
		base := top + laneH - 14
		y := func(l int) int { return base - levelH*min(max(l, 0), maxLevel) }
		lane := trendLane{Label: fr, LabelY: base - 6, Top: top, Bottom: top + laneH, X2: x(0) + plotW}
		var line []string
		flush := func() {
			if len(line) > 1 {
				lane.Lines = append(lane.Lines, strings.Join(line, " "))
			}
			line = nil
		}
		for i, r := range t.Runs {
			a, tg := z.SLAchieved[i], z.SLTarget[i]
			if a == nil {
				flush()
				continue
			}
			// The label goes on the side away from the target line:
			// above when met, below when not.
			mark, textY := "✗", y(a[f])+11
			if a[f] >= tg[f] {
				mark, textY = "✓", y(a[f])-4
			}
			p := trendPoint{X: x(i), Y: y(a[f]), TextX: x(i) + 6, TextY: textY,
				Text: fmt.Sprintf("%d %s", a[f], mark), Hollow: !r.Verified && !r.Current,
				Title: fmt.Sprintf("%s %s, %s (%s): SL-achieved %d, SL-target %d", z.Zone, fr, r.Label(), verifiedText(r), a[f], tg[f])}
			lane.Points = append(lane.Points, p)
			line = append(line, fmt.Sprintf("%d,%d", p.X, p.Y))
			// The target from this run to the next (or a short tick for
			// the last run).
			end := x(i) + trendStep
			if i == runs-1 {
				end = x(i) + trendRight - 4
			}
			lane.Targets = append(lane.Targets, fmt.Sprintf("%d,%d %d,%d", x(i), y(tg[f]), end, y(tg[f])))
		}
		flush()
		c.Lanes = append(c.Lanes, lane)
	}
	for i, r := range t.Runs {
		d := trendDate{X: x(i), Y: trendTop + laneH*len(t.FRs) + 16, Text: r.AsOf}
		if !r.Verified && !r.Current {
			d.Text += "*"
		}
		c.Dates = append(c.Dates, d)
	}
	return c
}
