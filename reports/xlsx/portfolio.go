package xlsx

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/slate-ot/slate/engine/portfolio"
	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/reports/trend"
)

// Sheets of the portfolio workbook, in order.
const (
	SheetSites     = "Sites"
	SheetHeatMap   = "SL heat map"
	SheetPatterns  = "Patterns"
	SheetOwners    = "Open gaps"
	SheetSiteTrend = "Trend"
	SheetAttention = "Attention"
	SheetRuns      = "Runs"
)

// frStatus is the status colour of an FR state.
var frStatus = map[string]string{
	scorecard.FRMet:          scorecard.StatusPass,
	scorecard.FRBelow:        scorecard.StatusFail,
	scorecard.FRUndetermined: scorecard.FRUndetermined,
}

// WritePortfolio writes the portfolio workbook: one sheet per part of the
// view, each a filtered table.
func WritePortfolio(w io.Writer, p *portfolio.Portfolio) error {
	date := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	if p.AsOf != "" {
		d, err := time.Parse(time.DateOnly, p.AsOf)
		if err != nil {
			return fmt.Errorf("portfolio as_of: %w", err)
		}
		date = d
	}
	f := excelize.NewFile()
	defer f.Close()
	b := &book{f: f}
	if err := b.styles(); err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetSites); err != nil {
		return err
	}
	for _, step := range []func(*portfolio.Portfolio) error{b.pfSites, b.pfHeatMap, b.pfPatterns, b.pfOwners, b.pfTrend, b.pfAttention, b.pfRuns} {
		if err := step(p); err != nil {
			return fmt.Errorf("workbook: %w", err)
		}
	}
	stamp := date.Format("2006-01-02T15:04:05Z")
	if err := f.SetDocProps(&excelize.DocProperties{Created: stamp, Modified: stamp, Creator: "slate",
		Title: fmt.Sprintf("Portfolio of %d site(s) as of %s", len(p.Sites), p.AsOf)}); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	raw, err := normalize(buf.Bytes(), date)
	if err != nil {
		return err
	}
	_, err = w.Write(raw)
	return err
}

func (b *book) sheet(name string) error {
	if name == SheetSites {
		return nil
	}
	_, err := b.f.NewSheet(name)
	return err
}

func (b *book) pfSites(p *portfolio.Portfolio) error {
	var rows [][]cell
	for _, s := range p.Sites {
		rows = append(rows, []cell{{v: s.Rank}, {v: s.Assessment}, {v: s.Site}, {v: s.AsOf}, {v: s.AgeDays},
			{v: strings.Join(s.KEVAssets, ", ")}, {v: s.Risk}, {v: s.OpenRootCauses}, {v: s.OpenGaps}, {v: s.Below}, {v: s.Undetermined},
			{v: len(s.Stale)}, {v: len(s.Waivers)}})
	}
	return b.table(SheetSites, []string{"Rank", "Assessment", "Site", "Newest run", "Age (days)", "KEV assets", "Risk", "Open root causes", "Open gaps", "FR cells below target", "FR cells undetermined", "Stale evidence", "Waivers needing attention"},
		[]float64{6, 18, 28, 12, 9, 24, 8, 10, 9, 10, 10, 9, 10}, rows)
}

func (b *book) pfHeatMap(p *portfolio.Portfolio) error {
	if err := b.sheet(SheetHeatMap); err != nil {
		return err
	}
	header := append([]string{"Assessment", "Zone", "Kind"}, p.FRs...)
	widths := []float64{18, 16, 8}
	var rows [][]cell
	for _, s := range p.Sites {
		for _, z := range s.Zones {
			r := []cell{{v: s.Assessment}, {v: z.Name}, {v: z.Kind}}
			for _, fr := range z.FRs {
				r = append(r, cell{v: fr.Label() + fr.Mark(), style: b.status[frStatus[fr.State]]})
			}
			rows = append(rows, r)
		}
	}
	for range p.FRs {
		widths = append(widths, 11)
	}
	return b.table(SheetHeatMap, header, widths, rows)
}

func (b *book) pfPatterns(p *portfolio.Portfolio) error {
	if err := b.sheet(SheetPatterns); err != nil {
		return err
	}
	var rows [][]cell
	for _, pt := range p.Patterns {
		rows = append(rows, []cell{{v: pt.Requirement}, {v: pt.Title}, {v: len(pt.Failing)}, {v: pt.Of}, {v: strings.Join(pt.Failing, ", ")}})
	}
	return b.table(SheetPatterns, []string{"Requirement", "Title", "Failing at", "Of sites", "Sites"}, []float64{26, 40, 9, 9, 40}, rows)
}

func (b *book) pfOwners(p *portfolio.Portfolio) error {
	if err := b.sheet(SheetOwners); err != nil {
		return err
	}
	sevs := evidence.SeveritiesWorstFirst()
	header := append(append([]string{"Assessment", "Owner"}, sevs...), "Total")
	widths := []float64{18, 14}
	var rows [][]cell
	for _, s := range p.Sites {
		for _, o := range s.Owners {
			r := []cell{{v: s.Assessment}, {v: o.Owner}}
			for _, sev := range sevs {
				r = append(r, cell{v: o.BySeverity[sev]})
			}
			rows = append(rows, append(r, cell{v: o.Total}))
		}
	}
	for range len(sevs) + 1 {
		widths = append(widths, 9)
	}
	return b.table(SheetOwners, header, widths, rows)
}

func (b *book) pfTrend(p *portfolio.Portfolio) error {
	if err := b.sheet(SheetSiteTrend); err != nil {
		return err
	}
	var rows [][]cell
	for _, s := range p.Sites {
		t := s.Trend
		for i, r := range t.Runs {
			var zones []string
			for _, z := range t.Zones {
				zones = append(zones, z.Zone+" "+trend.Vector(z.SLAchieved[i]))
			}
			rows = append(rows, []cell{{v: s.Assessment}, {v: r.AsOf}, {v: r.Run}, {v: strings.Join(zones, "; ")}, {v: t.OpenGaps[i]}, {v: s.StaleTrend[i]}})
		}
	}
	return b.table(SheetSiteTrend, []string{"Assessment", "As of", "Run", "SL-achieved per zone (FR1–FR7)", "Open gaps", "Stale evidence"}, []float64{18, 11, 36, 60, 9, 9}, rows)
}

func (b *book) pfAttention(p *portfolio.Portfolio) error {
	if err := b.sheet(SheetAttention); err != nil {
		return err
	}
	var rows [][]cell
	for _, s := range p.Sites {
		for _, e := range s.Stale {
			rows = append(rows, []cell{{v: s.Assessment}, {v: "evidence"}, {v: e.Document}, {v: "stale", style: b.status[scorecard.StatusFail]}, {v: e.Reason}})
		}
		for _, w := range s.Waivers {
			st := cell{v: w.State}
			if w.State == scorecard.AttentionExpired {
				st.style = b.status[scorecard.WaiverExpired]
			}
			rows = append(rows, []cell{{v: s.Assessment}, {v: "waiver"}, {v: w.Name}, st, {v: fmt.Sprintf("%s, expires %s", w.Requirement, w.Expires)}})
		}
	}
	return b.table(SheetAttention, []string{"Assessment", "What", "Name", "State", "Detail"}, []float64{18, 10, 30, 10, 70}, rows)
}

func (b *book) pfRuns(p *portfolio.Portfolio) error {
	if err := b.sheet(SheetRuns); err != nil {
		return err
	}
	var rows [][]cell
	for _, r := range p.Runs {
		if r.Verified {
			rows = append(rows, []cell{{v: r.Path}, {v: r.Assessment}, {v: r.AsOf}, {v: "yes", style: b.status[scorecard.StatusPass]}, {v: r.Signer.Key}, {v: r.Signer.Entry}, {v: ""}})
		} else {
			rows = append(rows, []cell{{v: r.Path}, {v: r.Assessment}, {v: r.AsOf}, {v: "no: left out", style: b.status[scorecard.StatusFail]}, {v: ""}, {v: ""}, {v: r.Reason}})
		}
	}
	return b.table(SheetRuns, []string{"Run", "Assessment (claimed when not verified)", "As of", "Verified", "Key fingerprint", "Key entry", "Reason"}, []float64{36, 18, 11, 12, 46, 30, 70}, rows)
}
