package markdown

import (
	"fmt"
	"io"
	"strings"

	"github.com/slate-ot/slate/engine/portfolio"
	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/reports/trend"
)

// WritePortfolio writes the portfolio of many sites' runs as Markdown.
func WritePortfolio(w io.Writer, p *portfolio.Portfolio) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Portfolio: %d site(s) as of %s\n\n", len(p.Sites), p.AsOf)
	checked := "signatures and digests checked"
	if p.Reevaluated {
		checked += ", and each run evaluated again and reproduced"
	}
	fmt.Fprintf(&b, "%d run(s) verified (%s); %d not verified, left out of every figure.\n\n", p.Verified, checked, p.Unverified)
	writeRanking(&b, p)
	writeHeatMap(&b, p)
	writePatterns(&b, p)
	writeOwners(&b, p)
	writeSiteRisks(&b, p)
	writeSiteTrends(&b, p)
	writeAttention(&b, p)
	writeRuns(&b, p)
	_, err := io.WriteString(w, b.String())
	return err
}

func writeRanking(b *strings.Builder, p *portfolio.Portfolio) {
	b.WriteString("## Sites ranked by risk\n\n")
	b.WriteString("Sites with assets hit by a known exploited vulnerability (CISA KEV) come first, then by risk score: the sum of the scores of the open root causes (severity × exposure × SL-T).\n\n")
	row(b, "#", "Site", "Newest run", "Age (days)", "KEV assets", "Risk", "Open root causes", "Open gaps", "FR cells below target")
	row(b, "---:", "---", "---", "---:", "---", "---:", "---:", "---:", "---:")
	for _, s := range p.Sites {
		kev := "none"
		if len(s.KEVAssets) > 0 {
			kev = "**" + cell(strings.Join(s.KEVAssets, ", ")) + "**"
		}
		row(b, fmt.Sprint(s.Rank), cell(s.Assessment)+" — "+cell(s.Site), cell(s.AsOf), fmt.Sprint(s.AgeDays), kev,
			fmt.Sprint(s.Risk), fmt.Sprint(s.OpenRootCauses), fmt.Sprint(s.OpenGaps), fmt.Sprintf("%d (+%d undetermined)", s.Below, s.Undetermined))
	}
	b.WriteString("\n")
}

func writeHeatMap(b *strings.Builder, p *portfolio.Portfolio) {
	b.WriteString("## SL-A against SL-T per site, zone and FR\n\n")
	b.WriteString(scorecard.SLLegend + "\n\n")
	header := append([]string{"Site", "Zone"}, p.FRs...)
	row(b, header...)
	align := []string{"---", "---"}
	for range p.FRs {
		align = append(align, ":---:")
	}
	row(b, align...)
	for _, s := range p.Sites {
		for _, z := range s.Zones {
			cells := []string{cell(s.Assessment), cell(z.Name)}
			for _, fr := range z.FRs {
				cells = append(cells, cell(fr.Label())+fr.Mark())
			}
			row(b, cells...)
		}
	}
	b.WriteString("\n")
}

func writePatterns(b *strings.Builder, p *portfolio.Portfolio) {
	b.WriteString("## Fleet-wide patterns\n\n")
	if len(p.Patterns) == 0 {
		b.WriteString("No requirement fails at any site.\n\n")
		return
	}
	b.WriteString("Requirements failing in some zone, the most widespread first.\n\n")
	row(b, "Requirement", "Title", "Fails at", "Sites")
	row(b, "---", "---", "---", "---")
	for _, pt := range p.Patterns {
		row(b, cell(pt.Requirement), cell(pt.Title), fmt.Sprintf("%d of %d sites", len(pt.Failing), pt.Of), cell(strings.Join(pt.Failing, ", ")))
	}
	b.WriteString("\n")
}

func writeOwners(b *strings.Builder, p *portfolio.Portfolio) {
	b.WriteString("## Open gaps by owner and severity\n\n")
	sevs := evidence.SeveritiesWorstFirst()
	row(b, append(append([]string{"Site", "Owner"}, sevs...), "Total")...)
	align := []string{"---", "---"}
	for range sevs {
		align = append(align, "---:")
	}
	row(b, append(align, "---:")...)
	for _, s := range p.Sites {
		for _, o := range s.Owners {
			cells := []string{cell(s.Assessment), cell(o.Owner)}
			for _, sev := range sevs {
				cells = append(cells, fmt.Sprint(o.BySeverity[sev]))
			}
			row(b, append(cells, fmt.Sprint(o.Total))...)
		}
	}
	b.WriteString("\n")
}

func writeSiteRisks(b *strings.Builder, p *portfolio.Portfolio) {
	fmt.Fprintf(b, "## Top risks per site\n\nThe first %d open root causes of each site's newest run, by risk score.\n\n", portfolio.TopRisks)
	row(b, "Site", "Score", "Severity", "Root cause", "Subject", "Zones", "Owners")
	row(b, "---", "---:", "---", "---", "---", "---", "---")
	for _, s := range p.Sites {
		for _, r := range s.TopRisks {
			row(b, cell(s.Assessment), fmt.Sprint(r.Score), cell(r.Severity), cell(r.Title), cell(r.Subject),
				cell(strings.Join(r.Zones, ", ")), cell(strings.Join(r.Owners, ", ")))
		}
	}
	b.WriteString("\n")
}

func writeSiteTrends(b *strings.Builder, p *portfolio.Portfolio) {
	b.WriteString("## Trend per site\n\nEach verified run of a site: SL-achieved per zone (FR1–FR7), open gaps, and the evidence documents stale on the run's own date.\n\n")
	row(b, "Site", "Run", "SL-achieved per zone", "Open gaps", "Stale evidence")
	row(b, "---", "---", "---", "---:", "---:")
	for _, s := range p.Sites {
		t := s.Trend
		for i, r := range t.Runs {
			var zones []string
			for _, z := range t.Zones {
				zones = append(zones, z.Zone+" "+trend.Vector(z.SLAchieved[i]))
			}
			row(b, cell(s.Assessment), cell(r.Label()), cell(strings.Join(zones, "; ")), fmt.Sprint(t.OpenGaps[i]), fmt.Sprint(s.StaleTrend[i]))
		}
	}
	b.WriteString("\n")
}

func writeAttention(b *strings.Builder, p *portfolio.Portfolio) {
	fmt.Fprintf(b, "## Stale evidence and waivers as of %s\n\n", p.AsOf)
	n := 0
	for _, s := range p.Sites {
		n += len(s.Stale) + len(s.Waivers)
	}
	if n == 0 {
		b.WriteString("No evidence is stale and no waiver needs attention.\n\n")
		return
	}
	row(b, "Site", "What", "Name", "State")
	row(b, "---", "---", "---", "---")
	for _, s := range p.Sites {
		for _, e := range s.Stale {
			row(b, cell(s.Assessment), "evidence", cell(e.Document), cell(e.Reason))
		}
		for _, w := range s.Waivers {
			row(b, cell(s.Assessment), "waiver", cell(w.Name)+" ("+cell(w.Requirement)+", expires "+cell(w.Expires)+")", attention(w))
		}
	}
	b.WriteString("\n")
}

func writeRuns(b *strings.Builder, p *portfolio.Portfolio) {
	b.WriteString("## Runs and who signed them\n\n")
	row(b, "Run", "Assessment", "As of", "Verified", "Signed with")
	row(b, "---", "---", "---", "---", "---")
	for _, r := range p.Runs {
		if !r.Verified {
			continue
		}
		row(b, "`"+code(r.Path)+"`", cell(r.Assessment), cell(r.AsOf), "yes", "`"+code(r.Signer.Key)+"` ("+cell(r.Signer.Entry)+")")
	}
	b.WriteString("\n")
	if p.Unverified == 0 {
		return
	}
	b.WriteString("### Not verified: left out of every figure\n\n")
	row(b, "Run", "Claims to be", "Reason")
	row(b, "---", "---", "---")
	for _, r := range p.Runs {
		if r.Verified {
			continue
		}
		claim := "—"
		if r.Assessment != "" {
			claim = cell(r.Assessment) + " " + cell(r.AsOf)
		}
		row(b, "`"+code(r.Path)+"`", claim, cell(r.Reason))
	}
	b.WriteString("\n")
}
