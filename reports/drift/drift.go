package drift

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/reports/named"
)

// File names `slate assess --baseline` writes next to the scorecard.
const (
	JSONFile     = "drift.json"
	MarkdownFile = "drift.md"
)

// Report is what the writers render: the drift and the waiver notices of
// the newer scorecard.
type Report struct {
	Drift   *scorecard.Drift
	Waivers []WaiverNotice
}

// Format is one output format of `slate diff`.
type Format struct {
	Name  string
	Write func(w io.Writer, r *Report) error
}

// formats is the one table of drift formats, sorted by name.
var formats = []Format{
	{Name: "json", Write: WriteJSON},
	{Name: "md", Write: WriteMarkdown},
	{Name: "text", Write: WriteText},
}

// Names lists the format names, sorted.
func Names() []string { return named.Names(formats, Format.name) }

// Lookup returns the format called name.
func Lookup(name string) (Format, error) {
	return named.Lookup(formats, Format.name, name, "drift format")
}

func (f Format) name() string { return f.Name }

// WriteJSON writes the drift's canonical JSON. The waiver notices are not
// part of it: the scorecard holds every waiver with its state.
func WriteJSON(w io.Writer, r *Report) error {
	raw, err := r.Drift.Encode()
	if err != nil {
		return err
	}
	_, err = w.Write(raw)
	return err
}

// labels name the change kinds for people.
var labels = map[string]string{
	scorecard.ChangeNewFailure:            "new failure",
	scorecard.ChangeFixed:                 "fixed",
	scorecard.ChangeWaiverExpired:         "waiver expired",
	scorecard.ChangeWaiverAdded:           "waiver added",
	scorecard.ChangeEvidenceMissing:       "evidence missing",
	scorecard.ChangeEvidenceStale:         "evidence stale",
	scorecard.ChangeStatusChanged:         "status changed",
	scorecard.ChangePolicyChanged:         "policy changed",
	scorecard.ChangeAssessmentChanged:     "assessment changed",
	scorecard.ChangeEvidenceChanged:       "evidence changed",
	scorecard.ChangeFrameworkAdded:        "framework added",
	scorecard.ChangeFrameworkRemoved:      "framework removed",
	scorecard.ChangeZoneAdded:             "zone added",
	scorecard.ChangeZoneRemoved:           "zone removed",
	scorecard.ChangeSLUp:                  "SL-A up",
	scorecard.ChangeSLDown:                "SL-A down",
	scorecard.ChangeSLTarget:              "SL-T changed",
	scorecard.ChangeGapNew:                "new gap",
	scorecard.ChangeGapClosed:             "closed gap",
	scorecard.ChangeGapReopened:           "gap reopened",
	scorecard.ChangeGapChanged:            "gap changed",
	scorecard.ChangeWaiverRemoved:         "waiver removed",
	scorecard.ChangeWaiverChanged:         "waiver changed",
	scorecard.ChangeCompensated:           "compensated",
	scorecard.ChangeCountermeasureLapsed:  "countermeasure lapsed",
	scorecard.ChangeCountermeasureAdded:   "countermeasure added",
	scorecard.ChangeCountermeasureRemoved: "countermeasure removed",
	scorecard.ChangeCountermeasureChanged: "countermeasure changed",
	scorecard.ChangeAttestationAdded:      "attestation added",
	scorecard.ChangeAttestationRemoved:    "attestation removed",
	scorecard.ChangeAttestationChanged:    "attestation changed",
}

// Label names a change kind for people; unknown kinds show as they are.
func Label(kind string) string {
	if l, ok := labels[kind]; ok {
		return l
	}
	return kind
}

// Subject says in a few words what a change is about: a requirement ×
// zone cell, a gap, a waiver, a zone's foundational requirement, an input.
func Subject(c scorecard.Change) string {
	switch {
	case c.Gap != "":
		s := fmt.Sprintf("%s %s %s %s %s %s", c.Gap, c.Severity, c.Owner, scorecard.ZoneLabel(c.Zone), c.Rule, c.Subject)
		if c.Waiver != "" {
			s += " (waiver " + c.Waiver + ")"
		}
		if c.Countermeasure != "" {
			s += " (countermeasure " + c.Countermeasure + ")"
		}
		return s
	case c.Countermeasure != "":
		return "countermeasure " + c.Countermeasure
	case c.Waiver != "":
		return fmt.Sprintf("waiver %s (%s, %s, %s)", c.Waiver, c.Requirement, scorecard.ZoneLabel(c.Zone), orAny(c.Subject))
	case c.Attestation != "":
		return "attestation " + c.Attestation
	case c.FR != "":
		return "zone " + c.Zone + " " + c.FR
	case c.Requirement != "":
		return c.Requirement + " × " + c.Zone
	case c.Input != "":
		return c.Input
	default:
		return "zone " + c.Zone
	}
}

// Transition renders From → To, with what is missing on either side left
// out; digests are shortened.
func Transition(c scorecard.Change) string {
	from, to := short(c.From), short(c.To)
	switch {
	case from == "" && to == "":
		return ""
	case from == "":
		return to
	case to == "":
		return "was " + from
	}
	return from + " → " + to
}

func short(s string) string {
	if d, ok := strings.CutPrefix(s, "sha256:"); ok && len(d) > 12 {
		return "sha256:" + d[:12]
	}
	return s
}

// Line renders a change on one line: subject, transition and detail.
func Line(c scorecard.Change) string {
	s := Subject(c)
	if t := Transition(c); t != "" {
		s += ": " + t
	}
	if c.Detail != "" {
		s += " — " + c.Detail
	}
	return s
}

// split returns the regressions and the other changes, each in drift order.
func split(d *scorecard.Drift) (reg, other []scorecard.Change) {
	for _, c := range d.Changes {
		if c.Regression {
			reg = append(reg, c)
		} else {
			other = append(other, c)
		}
	}
	return reg, other
}

func title(d *scorecard.Drift) string {
	name := d.New.Name
	if d.Old.Name != d.New.Name {
		name = d.Old.Name + " → " + d.New.Name
	}
	return fmt.Sprintf("%s — %s, %s → %s", name, d.New.Site, d.Old.AsOf, d.New.AsOf)
}

// inputs says which inputs changed.
func inputs(d *scorecard.Drift) string {
	state := func(a, b string) string {
		if a == b {
			return "unchanged"
		}
		return "changed"
	}
	return fmt.Sprintf("policies %s, assessment %s, evidence %s",
		state(d.Old.Digests.Policies, d.New.Digests.Policies),
		state(d.Old.Digests.Assessment, d.New.Digests.Assessment),
		state(d.Old.Digests.Bundle, d.New.Digests.Bundle))
}

func counts(d *scorecard.Drift) string {
	if len(d.Changes) == 0 {
		return "No change."
	}
	return fmt.Sprintf("%d regression(s), %d other change(s).", d.Regressions, len(d.Changes)-d.Regressions)
}

// WriteText writes every change for the terminal, regressions first.
func WriteText(w io.Writer, r *Report) error {
	return writeText(w, r, -1)
}

// WriteSummary writes the drift the way `slate assess --baseline` prints
// it after the scorecard summary: the counts and up to max regressions.
func WriteSummary(w io.Writer, r *Report, max int) error {
	return writeText(w, r, max)
}

func writeText(w io.Writer, r *Report, max int) error {
	d := r.Drift
	var b strings.Builder
	fmt.Fprintf(&b, "Drift: %s\n", title(d))
	fmt.Fprintf(&b, "Inputs: %s\n", inputs(d))
	fmt.Fprintf(&b, "%s\n", counts(d))
	reg, other := split(d)
	list := func(head string, cs []scorecard.Change, limit int) {
		if len(cs) == 0 || limit == 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s\n", head)
		for i, c := range cs {
			if limit > 0 && i == limit {
				fmt.Fprintf(&b, "  … %d more\n", len(cs)-limit)
				break
			}
			fmt.Fprintf(&b, "  %-19s %s\n", Label(c.Kind), Line(c))
		}
	}
	if max < 0 {
		list("Regressions", reg, -1)
		list("Other changes", other, -1)
	} else {
		list("Regressions", reg, max)
	}
	if len(d.NewAdvisories) > 0 {
		fmt.Fprintf(&b, "\n%s\n", NewAdvisoriesTitle)
		for _, a := range d.NewAdvisories {
			fmt.Fprintf(&b, "  %s %s: %s\n", a.Advisory, advisoryScore(a), strings.Join(a.Assets, ", "))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteMarkdown writes the drift as GitHub-flavoured Markdown: counts,
// a table of regressions, one of other changes, and the waivers that need
// attention.
func WriteMarkdown(w io.Writer, r *Report) error {
	d := r.Drift
	var b strings.Builder
	fmt.Fprintf(&b, "# Drift: %s\n\n", inline(title(d)))
	n := counts(d)
	if d.Regressions > 0 {
		n = "**" + n + "**"
	}
	fmt.Fprintf(&b, "%s Inputs: %s.\n", n, inputs(d))
	reg, other := split(d)
	table := func(head string, cs []scorecard.Change) {
		if len(cs) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n## %s\n\n", head)
		row(&b, "Change", "What", "From → to", "Detail")
		row(&b, "---", "---", "---", "---")
		for _, c := range cs {
			row(&b, cell(Label(c.Kind)), cell(Subject(c)), cell(Transition(c)), cell(c.Detail))
		}
	}
	table("Regressions", reg)
	table("Other changes", other)
	if len(d.NewAdvisories) > 0 {
		fmt.Fprintf(&b, "\n## %s\n\n", NewAdvisoriesTitle)
		row(&b, "Advisory", "CVEs", "CVSS", "KEV", "Affected")
		row(&b, "---", "---", "---", "---", "---")
		for _, a := range d.NewAdvisories {
			what := a.Advisory
			if a.Title != "" {
				what += ": " + a.Title
			}
			kev := "no"
			if len(a.KEV) > 0 {
				kev = "**" + strings.Join(a.KEV, ", ") + "**"
			}
			row(&b, cell(what), cell(strings.Join(a.CVEs, ", ")), cvss(a.CVSS), kev, cell(strings.Join(a.Assets, ", ")))
		}
	}
	if len(r.Waivers) > 0 {
		b.WriteString("\n## Waivers needing attention\n\n")
		row(&b, "Waiver", "State", "Expires", "Requirement", "Zone", "Subject", "Approved by")
		row(&b, "---", "---", "---", "---", "---", "---", "---")
		for _, n := range r.Waivers {
			state := n.State
			switch n.State {
			case NoticeExpired:
				state = "**expired**"
			case NoticeExpiring:
				state = fmt.Sprintf("expiring in %d day(s)", n.Days)
			}
			row(&b, cell(n.Name), state, cell(n.Expires), cell(n.Requirement), cell(scorecard.ZoneLabel(n.Zone)), cell(orAny(n.Subject)), cell(n.ApprovedBy))
		}
	}
	fmt.Fprintf(&b, "\n---\nOld: as of %s, bundle `%s`, policies `%s`, assessment `%s`.  \nNew: as of %s, bundle `%s`, policies `%s`, assessment `%s`.\n",
		inline(d.Old.AsOf), code(d.Old.Digests.Bundle), code(d.Old.Digests.Policies), code(d.Old.Digests.Assessment),
		inline(d.New.AsOf), code(d.New.Digests.Bundle), code(d.New.Digests.Policies), code(d.New.Digests.Assessment))
	_, err := io.WriteString(w, b.String())
	return err
}

// NewAdvisoriesTitle heads the list of the security advisories that find
// a component affected now and found none in the baseline.
const NewAdvisoriesTitle = "New advisories affecting the site since the baseline"

// advisoryScore is "(CVE-…, CVSS 8.8, in KEV: CVE-…)".
func advisoryScore(a scorecard.NewAdvisory) string {
	parts := []string{strings.Join(a.CVEs, ", "), "CVSS " + cvss(a.CVSS)}
	if len(a.KEV) > 0 {
		parts = append(parts, "in KEV: "+strings.Join(a.KEV, ", "))
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func cvss(v float64) string {
	if v == 0 {
		return "unknown"
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

func row(b *strings.Builder, cells ...string) {
	b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
}

// cell escapes s for a table cell: pipes would end the cell, newlines the
// row, and HTML-significant characters could inject markup.
func cell(s string) string {
	r := strings.NewReplacer(
		"\r\n", "<br>", `\`, `\\`, "|", `\|`, "\n", "<br>", "\r", "<br>",
		"<", "&lt;", ">", "&gt;", "`", "\\`",
	)
	return r.Replace(s)
}

// inline escapes s for running text.
func inline(s string) string {
	return strings.NewReplacer("\r", " ", "\n", " ", "<", "&lt;", ">", "&gt;").Replace(s)
}

// code makes s safe inside a code span.
func code(s string) string { return strings.ReplaceAll(s, "`", "'") }
