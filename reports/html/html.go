package html

import (
	"bufio"
	"cmp"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"iter"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
)

// ExpiringWithin is how close to expiry (in days after as_of) a waiver
// must be to be listed as expiring.
const ExpiringWithin = scorecard.WaiverWarnDays

// severities are shown worst first.
var severities = evidence.SeveritiesWorstFirst()

//go:embed scorecard.html.tmpl
var pageText string

var page = template.Must(template.New("scorecard").Funcs(template.FuncMap{"join": strings.Join, "add": func(a, b int) int { return a + b },
	"zoneLabel": scorecard.ZoneLabel, "label": scorecard.Label}).Parse(pageText))

// Write writes the HTML scorecard for sc to w as the template runs. The
// page counts the gaps and lists the top root causes; what it lists in
// full (the advisories' gaps) is read from the scorecard a row at a time.
func Write(w io.Writer, sc *scorecard.Scorecard) error {
	v, err := newView(sc)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := page.Execute(bw, v); err != nil {
		return fmt.Errorf("render html scorecard: %w", err)
	}
	return bw.Flush()
}

// view is what the template shows, computed here so the template stays
// free of logic.
type view struct {
	SC        *scorecard.Scorecard
	Chart     chart
	Owners    []ownerRow
	Sevs      []string
	SevTotals []int
	OpenGaps  int
	// Top are the top open root causes by risk (sc.TopRootCauses), Waived
	// those whose gaps are all waived.
	Top    []scorecard.RootCause
	Waived []scorecard.RootCause
	// Vulns are the open gaps that rest on security advisories, worst and
	// KEV first (scorecard.AdvisoryGaps), each read from the scorecard as
	// the page lists it; nil when there are none. VulnZones count them by
	// zone and severity; Snapshots name the advisory snapshots read.
	Vulns     iter.Seq[*scorecard.Gap]
	VulnZones []ownerRow
	Snapshots []string
	OpenRoot  int
	Coverage  []coverageRow
	// HowAssessed counts requirements by coverage class and cells by how
	// they were decided (checks, attestation, still open).
	HowAssessed []scorecard.CoverageSummary
	Statuses    []string
	// Legend explains how SL-A is read.
	Legend string
	// Waivers are every waiver with what it needs from people.
	Waivers []scorecard.WaiverNote
	Horizon string
	// Trend is nil unless the scorecard carries history.
	Trend *trendView
	// Zones are the SL grid as a list per zone, for narrow screens.
	Zones []zoneView
	// Attention are the waivers and countermeasures expired or expiring
	// within ExpiringWithin days of as_of.
	Attention []attentionRow
	// Evidence is every evidence document with its age on as_of.
	Evidence []evidenceRow
}

// zoneView is one zone of the SL grid: each FR's levels and progress.
type zoneView struct {
	Name, Kind, Owner string
	FRs               []frView
}

type frView struct {
	scorecard.FR
	Progress scorecard.Progress
	// Percent is the share of the requirements the target needs that are
	// met, for the bar's width.
	Percent int
}

// attentionRow is a waiver or countermeasure that needs people soon.
type attentionRow struct {
	What, Name, State, Expires, Detail string
	Days                               int
}

// evidenceRow is one evidence document with its age on as_of: how fresh
// the evidence the scorecard rests on is.
type evidenceRow struct {
	scorecard.Evidence
	// Age is the number of days from the evidence's date to as_of; -1
	// when the evidence has no date.
	Age int
}

type ownerRow struct {
	Owner  string
	Counts []int
	Total  int
}

type coverageRow struct {
	Framework   string
	Counts      []int
	Assessed    int
	NotAssessed int
	Total       int
}

// chart is the SL grid: one row per zone, one column per FR.
type chart struct {
	Width, Height int
	FRs           []chartLabel
	Rows          []chartRow
	Label         string
}

type chartLabel struct {
	X    int
	Text string
}

type chartRow struct {
	Y, TextY int
	Zone     string
	Cells    []chartCell
}

type chartCell struct {
	X, TextX, BarW int
	Fill           string
	Text           string
	Mark           string
	Title          string
	// Progress reads "6 of 16 met"; ProgressY is its baseline.
	Progress  string
	ProgressY int
	// Zero is set when SL-A is 0: the cell carries a mark of its own, as
	// a bar of no width shows nothing.
	Zero bool
}

const (
	labelW = 130
	cellW  = 104
	rowH   = 56
	headH  = 28
)

func newView(sc *scorecard.Scorecard) (*view, error) {
	asOf, err := time.Parse(time.DateOnly, sc.Assessment.AsOf)
	if err != nil {
		return nil, fmt.Errorf("scorecard as_of: %w", err)
	}
	v := &view{SC: sc, Sevs: severities, Statuses: scorecard.Statuses, Legend: scorecard.SLLegendWords}
	v.Chart = newChart(sc)
	v.Trend = newTrend(sc)

	// Gap counts by owner and severity, from the gap list itself.
	counts := map[string][]int{}
	v.SevTotals = make([]int, len(severities))
	for _, g := range sc.Gaps {
		if g.Status != scorecard.GapOpen {
			continue
		}
		v.OpenGaps++
		if counts[g.Owner] == nil {
			counts[g.Owner] = make([]int, len(severities))
		}
		if i := slices.Index(severities, g.Severity); i >= 0 {
			counts[g.Owner][i]++
			v.SevTotals[i]++
		}
	}
	v.Top = sc.TopRootCauses(scorecard.TopRisks)
	vulns := scorecard.AdvisoryGapOrder(sc)
	if len(vulns) > 0 {
		v.Vulns = func(yield func(*scorecard.Gap) bool) {
			for _, i := range vulns {
				if !yield(&sc.Gaps[i]) {
					return
				}
			}
		}
	}
	v.Snapshots = scorecard.AdvisorySnapshots(sc)
	byZone := map[string][]int{}
	for _, i := range vulns {
		g := &sc.Gaps[i]
		z := cmp.Or(g.Zone, "site-wide")
		if byZone[z] == nil {
			byZone[z] = make([]int, len(severities))
		}
		if i := slices.Index(severities, g.Severity); i >= 0 {
			byZone[z][i]++
		}
	}
	for _, z := range slices.Sorted(maps.Keys(byZone)) {
		r := ownerRow{Owner: z, Counts: byZone[z]}
		for _, n := range r.Counts {
			r.Total += n
		}
		v.VulnZones = append(v.VulnZones, r)
	}
	v.Waived = sc.WaivedRootCauses()
	v.OpenRoot = len(sc.RootCauses) - len(v.Waived)
	for _, owner := range slices.Sorted(maps.Keys(counts)) {
		r := ownerRow{Owner: owner, Counts: counts[owner]}
		for _, n := range r.Counts {
			r.Total += n
		}
		v.Owners = append(v.Owners, r)
	}

	for _, fw := range slices.Sorted(maps.Keys(sc.Totals.Statuses)) {
		st := sc.Totals.Statuses[fw]
		r := coverageRow{Framework: fw}
		for _, s := range scorecard.Statuses {
			r.Counts = append(r.Counts, st[s])
			r.Total += st[s]
		}
		r.Assessed = st[scorecard.StatusPass] + st[scorecard.StatusFail] + st[scorecard.StatusWaived] + st[scorecard.StatusCompensated]
		r.NotAssessed = st[scorecard.StatusNotAssessed] + st[scorecard.StatusManual]
		v.Coverage = append(v.Coverage, r)
	}
	v.HowAssessed = sc.CoverageSummaries()

	v.Horizon = asOf.AddDate(0, 0, ExpiringWithin).Format(time.DateOnly)
	v.Waivers = sc.WaiverNotes(ExpiringWithin)
	for _, z := range sc.Zones {
		zv := zoneView{Name: z.Name, Kind: z.Kind, Owner: z.Owner}
		for _, fr := range z.FRs {
			p := sc.ProgressOf(z.Name, fr.ID)
			zv.FRs = append(zv.FRs, frView{FR: fr, Progress: p, Percent: p.Percent()})
		}
		v.Zones = append(v.Zones, zv)
	}
	for _, w := range v.Waivers {
		if w.State == scorecard.AttentionExpired || w.State == scorecard.AttentionExpiring {
			v.Attention = append(v.Attention, attentionRow{What: "Waiver", Name: w.Name, State: w.State, Expires: w.Expires, Days: w.Days,
				Detail: w.Requirement + " in " + scorecard.ZoneLabel(w.Zone) + ", approved by " + w.ApprovedBy})
		}
	}
	for _, c := range sc.Countermeasures {
		row := attentionRow{What: "Countermeasure", Name: c.Name, Expires: c.Expires,
			Detail: strings.Join(c.Requirements, ", ") + " in " + strings.Join(c.Zones, ", ") + ", approved by " + c.ApprovedBy}
		exp, err := time.Parse(time.DateOnly, c.Expires)
		switch {
		case c.Status == scorecard.CountermeasureExpired || (err == nil && exp.Before(asOf)):
			row.State = scorecard.AttentionExpired
		case err == nil && !exp.After(asOf.AddDate(0, 0, ExpiringWithin)):
			row.State, row.Days = scorecard.AttentionExpiring, int(exp.Sub(asOf).Hours()/24)
		default:
			continue
		}
		v.Attention = append(v.Attention, row)
	}
	for _, e := range sc.Evidence {
		r := evidenceRow{Evidence: e, Age: -1}
		if d, err := time.Parse(time.DateOnly, e.Date); err == nil {
			r.Age = int(asOf.Sub(d).Hours() / 24)
		}
		v.Evidence = append(v.Evidence, r)
	}
	return v, nil
}

func newChart(sc *scorecard.Scorecard) chart {
	var c chart
	if len(sc.Zones) == 0 {
		return c
	}
	frs := sc.Zones[0].FRs
	c.Width = labelW + cellW*len(frs) + 4
	c.Height = headH + rowH*len(sc.Zones) + 4
	c.Label = "Security level achieved against target per zone and foundational requirement"
	for i, fr := range frs {
		c.FRs = append(c.FRs, chartLabel{X: labelW + cellW*i + cellW/2, Text: fr.ID})
	}
	for zi, z := range sc.Zones {
		row := chartRow{Y: headH + rowH*zi, TextY: headH + rowH*zi + rowH/2, Zone: z.Name}
		for i, fr := range z.FRs {
			cell := chartCell{X: labelW + cellW*i + 2, TextX: labelW + cellW*i + cellW/2, ProgressY: headH + rowH*zi + rowH - 10}
			p := sc.ProgressOf(z.Name, fr.ID)
			cell.BarW = (cellW - 4) * p.Percent() / 100
			cell.Progress = fmt.Sprintf("%d of %d met", p.Met, p.Needed)
			cell.Zero = fr.Achieved == 0
			// The cell holds the level and a one-character mark; the
			// table below and the cell's title say it in words.
			cell.Text = fr.Level() + "/" + fmt.Sprint(fr.Target)
			switch fr.State {
			case scorecard.FRMet:
				cell.Fill, cell.Mark = "met", "✓"
			case scorecard.FRUndetermined:
				cell.Fill, cell.Mark = "undetermined", "?"
			default:
				cell.Fill, cell.Mark = "below", "✗"
			}
			cell.Title = fmt.Sprintf("%s %s: SL-A %s, SL-T %d (%s); %d of %d requirements for the target met", z.Name, fr.ID, fr.Level(), fr.Target,
				strings.ToLower(scorecard.Label(fr.State)), p.Met, p.Needed)
			if n := len(fr.Waived); n > 0 {
				cell.Title += fmt.Sprintf("; %d requirement(s) waived, not achieved", n)
			}
			row.Cells = append(row.Cells, cell)
		}
		c.Rows = append(c.Rows, row)
	}
	return c
}
