package markdown

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
)

// FileName is the name the report is written under.
const FileName = "summary.md"

// severities are shown worst first.
var severities = evidence.SeveritiesWorstFirst()

func severityRank(s string) int {
	if i := slices.Index(severities, s); i >= 0 {
		return i
	}
	return len(severities)
}

// Write writes the Markdown summary of sc to w, a section at a time: what
// it lists in full (the advisories' gaps, the waived root causes) is
// written a line at a time, and the gaps themselves are only counted.
func Write(w io.Writer, sc *scorecard.Scorecard) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	b := bw
	a := sc.Assessment
	fmt.Fprintf(b, "# %s — %s (as of %s)\n", inline(a.Name), inline(a.Site), inline(a.AsOf))
	if len(a.Frameworks) > 0 {
		var names []string
		for _, f := range a.Frameworks {
			names = append(names, f.DisplayName())
		}
		fmt.Fprintf(b, "\nFrameworks: %s\n", inline(strings.Join(names, ", ")))
	}

	writeLevels(b, sc)
	writeStatuses(b, sc)
	writeOpenGaps(b, sc)
	writeTopRisks(b, sc)
	writeVulnerabilities(b, sc)
	writeWaivers(b, sc)
	writeCountermeasures(b, sc)
	writeOverrides(b, sc)
	writeEvidence(b, sc)

	d := sc.Digests
	fmt.Fprintf(b, "\n---\nDigests: bundle `%s`, policies `%s`, assessment `%s`; %s %s\n",
		code(d.Bundle), code(d.Policies), code(d.Assessment), inline(sc.Engine.Name), inline(sc.Engine.Version))
	for _, p := range d.Packs {
		signed := "unsigned"
		if p.Signed {
			signed = "signature verified"
		}
		fmt.Fprintf(b, "Policy pack %s: revision %s, sha256 `%s`, %s\n", inline(p.Path), inline(p.Revision), code(p.SHA256), signed)
	}
	return bw.Flush()
}

func writeLevels(b *bufio.Writer, sc *scorecard.Scorecard) {
	if len(sc.Zones) == 0 {
		return
	}
	b.WriteString("\n## Security levels (IEC 62443-3-3)\n\n" + inline(scorecard.SLLegendWords) +
		" Below the level, how many of the requirements the target needs are met.\n\n")
	head := []string{"Zone", "Kind"}
	for _, fr := range sc.Zones[0].FRs {
		head = append(head, fr.ID)
	}
	row(b, head...)
	sep := make([]string, len(head))
	for i := range sep {
		sep[i] = "---"
	}
	row(b, sep...)
	for _, z := range sc.Zones {
		cells := []string{cell(z.Name), cell(z.Kind)}
		for _, fr := range z.FRs {
			c := fr.Label()
			switch fr.State {
			case scorecard.FRBelow:
				c += " ⚠ below"
			case scorecard.FRUndetermined:
				c += " ? undetermined"
			}
			c += " · " + sc.ProgressOf(z.Name, fr.ID).String()
			cells = append(cells, cell(c))
		}
		row(b, cells...)
	}
}

func writeStatuses(b *bufio.Writer, sc *scorecard.Scorecard) {
	fws := slices.Sorted(maps.Keys(sc.Totals.Statuses))
	if len(fws) == 0 {
		return
	}
	b.WriteString("\n## Status per framework (requirement × zone)\n\n")
	head := []string{"Framework"}
	for _, s := range scorecard.Statuses {
		head = append(head, scorecard.Label(s))
	}
	row(b, head...)
	sep := []string{"---"}
	for range scorecard.Statuses {
		sep = append(sep, "---:")
	}
	row(b, sep...)
	for _, fw := range fws {
		cells := []string{cell(fw)}
		for _, s := range scorecard.Statuses {
			cells = append(cells, fmt.Sprint(sc.Totals.Statuses[fw][s]))
		}
		row(b, cells...)
	}
	b.WriteString("\nNot assessed means no evidence was seen: it is not a pass.\n")

	b.WriteString("\n## How the requirements are assessed\n\n")
	row(b, "Framework", "Automated", "Partial", "Manual", "Cells decided by checks", "Attested", "Open")
	row(b, "---", "---:", "---:", "---:", "---:", "---:", "---:")
	for _, c := range sc.CoverageSummaries() {
		row(b, cell(c.Framework), fmt.Sprint(c.Classes[scorecard.CoverageAutomated]), fmt.Sprint(c.Classes[scorecard.CoveragePartial]),
			fmt.Sprint(c.Classes[scorecard.CoverageManual]), fmt.Sprint(c.ByChecks), fmt.Sprint(c.Attested), fmt.Sprint(c.Open))
	}
	b.WriteString("\nAutomated requirements are decided by checks; partial ones need an attestation besides passing checks; manual ones an attestation alone. Open cells are not assessed or awaiting confirmation.\n")
}

// gapOrder is how the open gaps are ordered: by severity, owner, zone,
// rule and id.
func gapOrder(x, y *scorecard.Gap) int {
	return cmp.Or(cmp.Compare(severityRank(x.Severity), severityRank(y.Severity)),
		cmp.Compare(x.Owner, y.Owner), cmp.Compare(x.Zone, y.Zone),
		cmp.Compare(x.Rule, y.Rule), cmp.Compare(x.ID, y.ID))
}

// writeOpenGaps counts the open gaps by owner and severity, in one pass
// over the gaps: the known severities in their order, then any other in
// the order of its first gap (gapOrder).
func writeOpenGaps(b *bufio.Writer, sc *scorecard.Scorecard) {
	counts := map[string]map[string]int{}
	open := 0
	seen := make([]bool, len(severities))
	first := map[string]int{} // severity outside the known list → index of its first gap
	for i := range sc.Gaps {
		g := &sc.Gaps[i]
		if g.Status != scorecard.GapOpen {
			continue
		}
		open++
		if counts[g.Owner] == nil {
			counts[g.Owner] = map[string]int{}
		}
		counts[g.Owner][g.Severity]++
		if r := severityRank(g.Severity); r < len(severities) {
			seen[r] = true
		} else if j, ok := first[g.Severity]; !ok || gapOrder(g, &sc.Gaps[j]) < 0 {
			first[g.Severity] = i
		}
	}
	fmt.Fprintf(b, "\n## Open gaps: %d (waived: %d, compensated: %d)\n", open, sc.Totals.Waived, sc.Totals.Compensated)
	if open == 0 {
		return
	}
	var sevs []string
	for i, s := range severities {
		if seen[i] {
			sevs = append(sevs, s)
		}
	}
	other := slices.SortedFunc(maps.Keys(first), func(x, y string) int {
		i, j := first[x], first[y]
		return cmp.Or(gapOrder(&sc.Gaps[i], &sc.Gaps[j]), cmp.Compare(i, j))
	})
	sevs = append(sevs, other...)
	b.WriteString("\n")
	row(b, append(append([]string{"Owner"}, sevs...), "Total")...)
	sep := []string{"---"}
	for range len(sevs) + 1 {
		sep = append(sep, "---:")
	}
	row(b, sep...)
	for _, o := range slices.Sorted(maps.Keys(counts)) {
		cells := []string{cell(o)}
		total := 0
		for _, s := range sevs {
			cells = append(cells, fmt.Sprint(counts[o][s]))
			total += counts[o][s]
		}
		row(b, append(cells, fmt.Sprint(total))...)
	}
}

// writeTopRisks lists the top open root causes, as every report does
// (sc.TopRootCauses), and names those whose gaps are all waived.
func writeTopRisks(b *bufio.Writer, sc *scorecard.Scorecard) {
	rcs := sc.TopRootCauses(scorecard.TopRisks)
	if len(rcs) == 0 {
		return
	}
	fmt.Fprintf(b, "\n## Top %d risks\n\nOpen root causes (gaps that share one underlying fact), ranked by risk score = severity × exposure × the zone's SL-T (docs/architecture.md, \"Risk score\").\n\n", len(rcs))
	row(b, "Rank", "Score", "Root cause", "Zones", "Owner", "Severity", "Gaps", "First remediation")
	row(b, "---:", "---:", "---", "---", "---", "---", "---:", "---")
	for i, rc := range rcs {
		row(b, fmt.Sprint(i+1), fmt.Sprint(rc.Score),
			"**"+cell(rc.Title)+"** — "+cell(rc.Subject)+" ("+cell(rc.ID)+")",
			cell(rc.Where()), cell(strings.Join(rc.Owners, ", ")), cell(rc.Severity), fmt.Sprint(len(rc.Gaps)), cell(rc.Remediation))
	}
	// The root causes every gap of which is waived (sc.WaivedRootCauses),
	// named one at a time.
	n := 0
	for i := range sc.RootCauses {
		rc := &sc.RootCauses[i]
		if rc.Status == scorecard.GapOpen {
			continue
		}
		if n == 0 {
			b.WriteString("\nNot ranked, every gap waived: ")
		} else {
			b.WriteString("; ")
		}
		n++
		b.WriteString(inline(rc.Subject) + " (" + inline(rc.Title) + ")")
	}
	if n > 0 {
		b.WriteString(".\n")
	}
}

// writeVulnerabilities lists the open gaps that rest on security
// advisories (evidence of kind "advisories"): the components a known
// vulnerability affects, worst first, with the advisory, CVEs and fix
// the finding names.
func writeVulnerabilities(b *bufio.Writer, sc *scorecard.Scorecard) {
	order := scorecard.AdvisoryGapOrder(sc)
	if len(order) == 0 {
		return
	}
	fmt.Fprintf(b, "\n## Vulnerabilities from security advisories: %d\n\n", len(order))
	if snaps := scorecard.AdvisorySnapshots(sc); len(snaps) > 0 {
		fmt.Fprintf(b, "Advisory snapshot %s.\n\n", strings.Join(snaps, ", "))
	}
	b.WriteString("| Severity | Zone | Subject | Finding |\n| --- | --- | --- | --- |\n")
	for _, i := range order {
		g := &sc.Gaps[i]
		row(b, g.Severity, cmp.Or(g.Zone, "site-wide"), g.Subject, g.Message)
	}
}

func writeWaivers(b *bufio.Writer, sc *scorecard.Scorecard) {
	notes := sc.WaiverNotes(scorecard.WaiverWarnDays)
	if len(notes) == 0 {
		b.WriteString("\n## Waivers\n\nThe assessment declares no waiver.\n")
		return
	}
	b.WriteString("\n## Waivers\n\n")
	row(b, "Waiver", "State", "Attention", "Expires", "Requirement", "Zone", "Subject", "Approved by", "Findings covered")
	row(b, "---", "---", "---", "---", "---", "---", "---", "---", "---:")
	for _, n := range notes {
		zone := scorecard.ZoneLabel(n.Zone)
		row(b, cell(n.Name), n.Status, attention(n), cell(n.Expires), cell(n.Requirement), cell(zone), cell(n.Subject), cell(n.ApprovedBy), fmt.Sprint(n.Findings))
	}
}

func writeCountermeasures(b *bufio.Writer, sc *scorecard.Scorecard) {
	if len(sc.Countermeasures) == 0 {
		return
	}
	b.WriteString("\n## Compensating countermeasures\n\nA valid countermeasure counts toward SL-A in the requirements and zones it names; an expired or unattested one compensates nothing.\n\n")
	row(b, "Countermeasure", "State", "Requirements", "Zones", "Evidence", "Approved by", "Expires", "Cells compensated")
	row(b, "---", "---", "---", "---", "---", "---", "---", "---:")
	for _, c := range sc.Countermeasures {
		state := c.Status
		if c.Reason != "" {
			state = "**" + c.Status + ": " + c.Reason + "**"
		}
		var ev []string
		for _, f := range c.Evidence {
			ev = append(ev, f.Path+" (sha256 "+f.SHA256[:min(12, len(f.SHA256))]+"…)")
		}
		if c.Attestation != "" {
			ev = append(ev, "attestation "+c.Attestation)
		}
		row(b, cell(c.Name), cell(state), cell(strings.Join(c.Requirements, ", ")), cell(strings.Join(c.Zones, ", ")),
			cell(strings.Join(ev, "; ")), cell(c.ApprovedBy), cell(c.Expires), fmt.Sprint(c.Cells))
	}
}

func writeOverrides(b *bufio.Writer, sc *scorecard.Scorecard) {
	if len(sc.Overrides) == 0 {
		return
	}
	b.WriteString("\n## Check overrides\n\nThis assessment changes built-in or custom checks:\n\n")
	row(b, "Check", "Change", "Requirements dropped", "Reason", "Approved by")
	row(b, "---", "---", "---", "---", "---")
	for _, o := range sc.Overrides {
		row(b, cell(o.Rule), cell(o.Change()), cell(strings.Join(o.Dropped, ", ")), cell(o.Reason), cell(o.ApprovedBy))
	}
}

func writeEvidence(b *bufio.Writer, sc *scorecard.Scorecard) {
	if len(sc.Evidence) == 0 {
		return
	}
	b.WriteString("\n## Evidence\n\nWhat each source gave; a capture speaks only for what it saw in its observation window.\n\n")
	row(b, "Document", "Kind", "Records read", "Skipped", "Date", "Observation window")
	row(b, "---", "---", "---:", "---:", "---", "---")
	for _, e := range sc.Evidence {
		row(b, cell(e.Document), cell(e.Kind), fmt.Sprint(e.RecordsRead), fmt.Sprint(e.RecordsSkipped), cell(e.Date), cell(e.Observed()))
	}
}

// attention says in a few words what a waiver needs from people.
func attention(n scorecard.WaiverNote) string {
	switch n.State {
	case scorecard.AttentionExpired:
		return "**expired: waives nothing**"
	case scorecard.AttentionExpiring:
		return fmt.Sprintf("**expires in %d day(s)**", n.Days)
	case scorecard.AttentionUnused:
		return "matches no finding"
	}
	return ""
}

func row(b io.StringWriter, cells ...string) {
	b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
}

// cell escapes s for a table cell: pipes would end the cell, newlines the
// row, and HTML-significant characters could inject markup.
func cell(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	r := strings.NewReplacer(
		`\`, `\\`, "|", `\|`, "\n", "<br>", "\r", "<br>",
		"<", "&lt;", ">", "&gt;", "`", "\\`",
	)
	return r.Replace(s)
}

// inline escapes s for running text (headings, paragraphs).
func inline(s string) string {
	return strings.NewReplacer("\r", " ", "\n", " ", "<", "&lt;", ">", "&gt;").Replace(s)
}

// code makes s safe inside a single-backtick span.
func code(s string) string {
	return strings.NewReplacer("`", "'", "\n", " ", "\r", " ").Replace(s)
}
