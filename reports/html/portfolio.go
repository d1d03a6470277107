package html

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/slate-ot/slate/engine/portfolio"
	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/reports/trend"
)

//go:embed portfolio.html.tmpl
var portfolioText string

var portfolioPage = template.Must(template.New("portfolio").Funcs(template.FuncMap{"join": strings.Join}).Parse(portfolioText))

// WritePortfolio writes the portfolio of many sites' runs as one
// self-contained HTML page: no script, no external request.
func WritePortfolio(w io.Writer, p *portfolio.Portfolio) error {
	v := portfolioView{P: p, Legend: scorecard.SLLegend, Sevs: severities}
	for _, s := range p.Sites {
		ps := portfolioSite{Site: s}
		for _, z := range s.Zones {
			hz := heatZone{Name: z.Name}
			for _, fr := range z.FRs {
				hz.Cells = append(hz.Cells, heatCell{Text: fr.Label() + fr.Mark(), Class: "fr-" + fr.State,
					Title: fmt.Sprintf("%s %s %s: SL-A %s, SL-T %d (%s)", s.Assessment, z.Name, fr.ID, fr.Level(), fr.Target, fr.State)})
			}
			ps.Zones = append(ps.Zones, hz)
		}
		for _, o := range s.Owners {
			r := ownerRow{Owner: o.Owner, Total: o.Total}
			for _, sev := range severities {
				r.Counts = append(r.Counts, o.BySeverity[sev])
			}
			ps.Owners = append(ps.Owners, r)
		}
		t := s.Trend
		for i, r := range t.Runs {
			tr := trendRow{Label: r.Label(), Open: t.OpenGaps[i], Stale: s.StaleTrend[i]}
			for _, z := range t.Zones {
				tr.Zones = append(tr.Zones, z.Zone+" "+trend.Vector(z.SLAchieved[i]))
			}
			ps.Trend = append(ps.Trend, tr)
		}
		v.Sites = append(v.Sites, ps)
	}
	var buf bytes.Buffer
	if err := portfolioPage.Execute(&buf, v); err != nil {
		return fmt.Errorf("render html portfolio: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

type portfolioView struct {
	P      *portfolio.Portfolio
	Legend string
	Sevs   []string
	Sites  []portfolioSite
}

type portfolioSite struct {
	portfolio.Site
	Zones  []heatZone
	Owners []ownerRow
	Trend  []trendRow
}

type heatZone struct {
	Name  string
	Cells []heatCell
}

type heatCell struct {
	Text, Class, Title string
}

type trendRow struct {
	Label string
	Zones []string
	Open  int
	Stale int
}
