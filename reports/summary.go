package reports

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/slate-ot/slate/engine/scorecard"
)

// WriteSummary writes the short human summary `slate assess` prints:
// SL-achieved against SL-target per zone and FR, the status counts, and
// the most important open gaps.
func WriteSummary(w io.Writer, sc *scorecard.Scorecard, topGaps int) error {
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
				mark := ""
				if fr.Achieved < fr.Target {
					mark = "!"
				}
				fmt.Fprintf(tw, "\t%d/%d%s", fr.Achieved, fr.Target, mark)
			}
			fmt.Fprintf(tw, "\t%s\n", statusCounts(z.Required))
		}
		tw.Flush()
	}
	if len(sc.Zones) > 0 {
		p.printf("(achieved/target per FR; ! below target. SL-A counts only requirements that pass (by checks, attestation or both), are waived or do not apply.)\n")
	}
	for _, fw := range slices.Sorted(maps.Keys(sc.Totals.Statuses)) {
		p.printf("\n%s (requirement × zone): %s", fw, statusCounts(sc.Totals.Statuses[fw]))
	}
	p.printf("\n\nOpen gaps: %d", sc.Totals.OpenGaps)
	if sc.Totals.OpenGaps > 0 {
		var parts []string
		for _, sev := range []string{"critical", "high", "medium", "low", "info"} {
			if n := sc.Totals.OpenBySeverity[sev]; n > 0 {
				parts = append(parts, fmt.Sprintf("%s %d", sev, n))
			}
		}
		p.printf(" (%s)", strings.Join(parts, ", "))
	}
	p.printf("; waived: %d\n", sc.Totals.Waived)
	shown := 0
	for _, g := range sc.Gaps {
		if g.Status != scorecard.GapOpen || shown == topGaps {
			continue
		}
		shown++
		zone := scorecard.ZoneLabel(g.Zone)
		p.printf("  %-8s %-4s %-10s %s — %s\n", g.Severity, g.Owner, zone, g.Rule, g.Message)
	}
	for _, wv := range sc.Waivers {
		if wv.Status != scorecard.WaiverActive {
			p.printf("  waiver %s: %s (expires %s)\n", wv.Name, wv.Status, wv.Expires)
		}
	}
	return p.err
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
			parts = append(parts, fmt.Sprintf("%s %d", s, counts[s]))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}
