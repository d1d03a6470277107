package reports

import (
	"fmt"
	"github.com/slate-ot/slate/evidence"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/slate-ot/slate/engine/scorecard"
)

// WriteSummary writes the short human summary `slate assess` prints:
// SL-achieved against SL-target per zone and FR, the status counts, and
// the top open root causes by risk (sc.TopRootCauses(top), the list every
// report shows).
func WriteSummary(w io.Writer, sc *scorecard.Scorecard, top int) error {
	p := &errWriter{w: w}
	p.printf("%s — %s (as of %s)\n", sc.Assessment.Name, sc.Assessment.Site, sc.Assessment.AsOf)
	if fws := sc.Assessment.Frameworks; len(fws) > 0 {
		names := make([]string, len(fws))
		for i, f := range fws {
			names[i] = f.DisplayName()
		}
		p.printf("Frameworks: %s\n", strings.Join(names, ", "))
	}
	if len(sc.Zones) > 0 {
		p.printf("\nSecurity level achieved / target (IEC 62443-3-3)\n")
		tw := tabwriter.NewWriter(p, 0, 4, 2, ' ', 0)
		fmt.Fprint(tw, "zone\tkind")
		for _, fr := range sc.Zones[0].FRs {
			fmt.Fprintf(tw, "\t%s", fr.ID)
		}
		fmt.Fprintln(tw, "\trequired at target")
		for _, z := range sc.Zones {
			fmt.Fprintf(tw, "%s\t%s", z.Name, z.Kind)
			for _, fr := range z.FRs {
				p := sc.ProgressOf(z.Name, fr.ID)
				fmt.Fprintf(tw, "\t%s%s %d/%d", fr.Label(), fr.Mark(), p.Met, p.Needed)
			}
			fmt.Fprintf(tw, "\t%s\n", statusCounts(z.Required))
		}
		tw.Flush()
	}
	if len(sc.Zones) > 0 {
		p.printf("(%s n/m: n of the m requirements the target needs are met.)\n", scorecard.SLLegendWords)
	}
	for _, fw := range slices.Sorted(maps.Keys(sc.Totals.Statuses)) {
		p.printf("\n%s (requirement × zone): %s", fw, statusCounts(sc.Totals.Statuses[fw]))
	}
	p.printf("\n\nOpen gaps: %d", sc.Totals.OpenGaps)
	if sc.Totals.OpenGaps > 0 {
		var parts []string
		for _, sev := range evidence.SeveritiesWorstFirst() {
			if n := sc.Totals.OpenBySeverity[sev]; n > 0 {
				parts = append(parts, fmt.Sprintf("%s %d", sev, n))
			}
		}
		p.printf(" (%s)", strings.Join(parts, ", "))
	}
	p.printf("; waived: %d; compensated: %d\n", sc.Totals.Waived, sc.Totals.Compensated)
	writeTopRisks(p, sc, top)
	for _, wv := range sc.Waivers {
		if wv.Status != scorecard.WaiverActive {
			p.printf("  waiver %s: %s (expires %s)\n", wv.Name, wv.Status, wv.Expires)
		}
	}
	for _, c := range sc.Countermeasures {
		if c.Status == scorecard.CountermeasureActive {
			p.printf("  countermeasure %s: active until %s, compensates %d requirement × zone cell(s)\n", c.Name, c.Expires, c.Cells)
		} else {
			p.printf("  countermeasure %s: %s (%s), compensates nothing\n", c.Name, c.Status, c.Reason)
		}
	}
	for _, o := range sc.Overrides {
		p.printf("  check %s %s by this assessment: %s (approved by %s)\n", o.Rule, o.Change(), o.Reason, o.ApprovedBy)
	}
	return p.err
}

// writeTopRisks lists the top open root causes: rank, score, severity,
// owner, zones, number of gaps, what and where, and the first remediation.
func writeTopRisks(p *errWriter, sc *scorecard.Scorecard, top int) {
	rcs := sc.TopRootCauses(top)
	if len(rcs) == 0 {
		return
	}
	open := 0
	for _, rc := range sc.RootCauses {
		if rc.Status == scorecard.GapOpen {
			open++
		}
	}
	p.printf("\nTop %d of %d open root causes by risk (score = severity × exposure × SL-T)\n", len(rcs), open)
	for i, rc := range rcs {
		p.printf("  %2d. %3d  %-8s %-5s %-14s %2d gap(s)  %s — %s  [%s]\n", i+1, rc.Score, rc.Severity,
			strings.Join(rc.Owners, ","), strings.ReplaceAll(rc.Where(), " ", ""), len(rc.Gaps), rc.Message, rc.Subject, rc.ID)
		p.printf("      fix: %s\n", rc.Remediation)
	}
	if n := len(sc.WaivedRootCauses()); n > 0 {
		p.printf("  (%d root cause(s) with no open gap, every gap waived or compensated, are not ranked)\n", n)
	}
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(b []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(b)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, args ...any) { fmt.Fprintf(e, format, args...) }

// statusCounts renders counts by status in the order reports use.
func statusCounts(counts map[string]int) string {
	var parts []string
	for _, s := range scorecard.Statuses {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", scorecard.Label(s), counts[s]))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}
