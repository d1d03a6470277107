package trend

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/slate-ot/slate/engine/model"
	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/reports/named"
)

// Writer is one output format of `slate history`.
type Writer struct {
	Name  string
	Write func(w io.Writer, h *History) error
}

// writers is the one table of history formats, sorted by name.
var writers = []Writer{
	{Name: "json", Write: WriteJSON},
	{Name: "md", Write: WriteMarkdown},
	{Name: "text", Write: WriteText},
}

// Names lists the format names, sorted.
func Names() []string { return named.Names(writers, Writer.name) }

// Lookup returns the format called name.
func Lookup(name string) (Writer, error) {
	return named.Lookup(writers, Writer.name, name, "history format")
}

func (f Writer) name() string { return f.Name }

// Encode returns the history's canonical JSON.
func (h *History) Encode() ([]byte, error) { return evidence.Canonical(h) }

// WriteJSON writes the history's canonical JSON.
func WriteJSON(w io.Writer, h *History) error {
	raw, err := h.Encode()
	if err != nil {
		return err
	}
	_, err = w.Write(raw)
	return err
}

// Vector renders an SL vector compactly, FR1 first: "2 1 1 0 2 1 1".
func Vector(v *model.SLVector) string {
	if v == nil {
		return "—"
	}
	return v.Compact()
}

// zonesOf renders a run's SL-achieved per zone: "cell 1 1 0 1 2 1 1, …".
func zonesOf(p *scorecard.HistoryPoint) string {
	var s []string
	for _, z := range p.Zones {
		s = append(s, z.Name+" "+Vector(&z.SLAchieved))
	}
	return strings.Join(s, "; ")
}

// ownersOf renders a run's open gaps by owner: "IT 4, OT 7".
func ownersOf(p *scorecard.HistoryPoint) string {
	var s []string
	for _, o := range sortedOwners(p.OpenByOwner) {
		s = append(s, fmt.Sprintf("%s %d", o, p.OpenByOwner[o]))
	}
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

func sortedOwners(m map[string]int) []string {
	var out []string
	for k, n := range m {
		if n > 0 {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// headline says what the history is of and how far it can be trusted.
func headline(h *History) (title, trust string) {
	name := h.Assessment
	if name == "" {
		name = "no usable run"
	} else if h.Site != "" {
		name += " — " + h.Site
	}
	title = fmt.Sprintf("History: %s; %d run(s), %d used", name, len(h.Runs), h.Used())
	if h.Verified {
		trust = "Runs used are signed and verified with the public key (signatures and digests; not re-evaluated)."
	} else {
		trust = "Runs are used unverified: no public key given (--key) to check their signatures."
	}
	return title, trust
}

// runDetail is what the runs table says about a run besides its state.
func runDetail(r Run) (zones, owners, reason string) {
	if r.Used() {
		zones, owners = zonesOf(r.Point), ownersOf(r.Point)
	}
	if r.State != StateUnverified {
		reason = r.Reason
	}
	return zones, owners, reason
}

// WriteText writes the runs and the trend for a terminal.
func WriteText(w io.Writer, h *History) error {
	title, trust := headline(h)
	fmt.Fprintf(w, "%s\n%s\n\nRuns (SL-achieved per zone, FR1–FR7):\n", title, trust)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  AS OF\tRUN\tSTATE\tSL-A PER ZONE\tOPEN GAPS BY OWNER")
	for _, r := range h.Runs {
		zones, owners, reason := runDetail(r)
		if reason != "" {
			// Trailing text, not a cell: a long reason does not widen
			// the columns.
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", orDash(r.AsOf), r.Name, r.State, reason)
			continue
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", orDash(r.AsOf), r.Name, r.State, zones, owners)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	t := h.Trend
	if t == nil || len(t.Runs) == 0 {
		_, err := fmt.Fprintln(w, "\nNo run to show a trend of.")
		return err
	}
	for _, tab := range tables(t) {
		fmt.Fprintf(w, "\n%s:\n", tab.title)
		// Names left, numbers right: the first column is padded here,
		// the others by the tab writer.
		width := len(tab.corner)
		for _, row := range tab.rows {
			width = max(width, len(row[0]))
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintf(tw, "  %-*s\t%s\t\n", width, tab.corner, strings.Join(tab.cols, "\t"))
		for _, row := range tab.rows {
			fmt.Fprintf(tw, "  %-*s\t%s\t\n", width, row[0], strings.Join(row[1:], "\t"))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// WriteMarkdown writes the runs and the trend as Markdown, for a merge
// request or a CI job summary.
func WriteMarkdown(w io.Writer, h *History) error {
	title, trust := headline(h)
	fmt.Fprintf(w, "# %s\n\n%s\n\n## Runs\n\n", md(title), md(trust))
	fmt.Fprintln(w, "| As of | Run | State | SL-A per zone (FR1–FR7) | Open gaps by owner |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- |")
	for _, r := range h.Runs {
		zones, owners, reason := runDetail(r)
		if reason != "" {
			zones = reason
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", orDash(r.AsOf), md(r.Name), r.State, md(zones), md(owners))
	}
	t := h.Trend
	if t == nil || len(t.Runs) == 0 {
		_, err := fmt.Fprintln(w, "\nNo run to show a trend of.")
		return err
	}
	for _, tab := range tables(t) {
		cols := make([]string, len(tab.cols))
		for i, c := range tab.cols {
			cols[i] = md(c)
		}
		fmt.Fprintf(w, "\n## %s\n\n| %s | %s |\n|---|%s\n", md(tab.title), md(tab.corner), strings.Join(cols, " | "), strings.Repeat("---:|", len(cols)))
		for _, row := range tab.rows {
			fmt.Fprintf(w, "| %s | %s |\n", md(row[0]), strings.Join(row[1:], " | "))
		}
	}
	return nil
}

// table is one trend table: a row per series, a column per run.
type table struct {
	title, corner string
	cols          []string
	rows          [][]string
}

// tables lays the trend out for people: SL-achieved per zone, open gaps
// by owner and by severity, status totals per framework.
func tables(t *scorecard.Trend) []table {
	var cols []string
	title := "SL-achieved per zone over time (FR1–FR7)"
	for _, r := range t.Runs {
		c := r.AsOf
		if !r.Verified && !r.Current {
			c += "*"
			title = "SL-achieved per zone over time (FR1–FR7; * unverified run)"
		}
		cols = append(cols, c)
	}
	sl := table{title: title, corner: "ZONE", cols: cols}
	for _, z := range t.Zones {
		row := []string{z.Zone}
		for _, v := range z.SLAchieved {
			row = append(row, Vector(v))
		}
		sl.rows = append(sl.rows, row)
	}
	counts := func(title, corner string, series []scorecard.Series, total []int) table {
		tab := table{title: title, corner: corner, cols: cols}
		for _, s := range series {
			tab.rows = append(tab.rows, numbers(s.Name, s.Values))
		}
		if total != nil {
			tab.rows = append(tab.rows, numbers("total", total))
		}
		return tab
	}
	out := []table{sl,
		counts("Open gaps by owner over time", "OWNER", t.OpenByOwner, t.OpenGaps),
		counts("Open gaps by severity over time", "SEVERITY", t.OpenBySeverity, nil),
	}
	for _, fw := range t.Statuses {
		out = append(out, counts("Requirement × zone statuses over time: "+fw.Framework, "STATUS", fw.Statuses, nil))
	}
	return out
}

func numbers(name string, values []int) []string {
	row := []string{name}
	for _, n := range values {
		row = append(row, strconv.Itoa(n))
	}
	return row
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// md escapes the characters that would break a Markdown table cell.
func md(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "*", `\*`, "_", `\_`).Replace(s)
}
