package oscal

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/slate-ot/slate/engine/model"
	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/internal/jsonstream"
)

// FileName is the name the report is written under.
const FileName = "oscal-assessment-results.json"

// PlanFileName is the name the assessment plan is written under, beside
// the results, whose import-ap points at it.
const PlanFileName = "oscal-assessment-plan.json"

// OSCALVersion is the OSCAL edition written.
const OSCALVersion = "1.1.3"

// NS is the namespace of slate's own props.
const NS = "https://github.com/slate-ot/slate/ns/oscal"

func prop(name, value string) []Prop {
	value = strings.Join(strings.Fields(value), " ") // StringDatatype: one line, trimmed
	if value == "" {
		return nil
	}
	return []Prop{{Name: name, NS: NS, Value: value}}
}

func props(kv ...string) []Prop {
	var ps []Prop
	for i := 0; i+1 < len(kv); i += 2 {
		ps = append(ps, prop(kv[i], kv[i+1])...)
	}
	return ps
}

// ControlID turns a requirement id into an OSCAL token, the way the NIST
// OSCAL catalogs spell control ids: "AC-2(1)" → "ac-2.1",
// "SR 1.6 RE 1" → "sr-1.6-re-1". Two frameworks can spell the same token
// (IEC "SR 2.1" and NIST "SR-2(1)" are both "sr-2.1"): documents use
// FrameworkControlID.
func ControlID(id string) string {
	r := strings.NewReplacer(" ", "-", "(", ".", ")", "")
	return strings.ToLower(r.Replace(strings.TrimSpace(id)))
}

// FrameworkControlID is the control id slate's OSCAL documents use: the
// framework and the catalog token joined by "_" ("iec62443-3-3_sr-2.1",
// "nist-800-53r5_sr-2.1"), unique across frameworks because no framework
// name holds "_".
func FrameworkControlID(framework, id string) string {
	fw := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '.' {
			return r
		}
		return '-'
	}, strings.ToLower(strings.TrimSpace(framework)))
	if fw == "" || fw[0] < 'a' || fw[0] > 'z' {
		fw = "f" + fw
	}
	return fw + "_" + ControlID(id)
}

// reviewedControls selects the controls of the given requirements, one
// control selection per framework, frameworks and controls sorted.
// ids maps a framework to its requirement ids.
func reviewedControls(sc *scorecard.Scorecard, ids map[string][]string, description string) ReviewedControls {
	display := map[string]string{}
	for _, f := range sc.Assessment.Frameworks {
		id, _ := model.CanonicalFramework(f.ID)
		display[id] = f.DisplayName()
	}
	rc := ReviewedControls{
		Description: description + " Control ids are the framework and the requirement id as an OSCAL token, joined by \"_\" (\"iec62443-3-3_sr-7.8\", \"nist-800-53r5_ac-2.1\").",
	}
	for _, fw := range slices.Sorted(maps.Keys(ids)) {
		var sel []SelectControl
		for _, id := range ids[fw] {
			sel = append(sel, SelectControl{ControlID: FrameworkControlID(fw, id)})
		}
		slices.SortFunc(sel, func(x, y SelectControl) int { return cmp.Compare(x.ControlID, y.ControlID) })
		sel = slices.Compact(sel)
		name := cmp.Or(display[fw], fw)
		rc.ControlSelections = append(rc.ControlSelections, ControlSelection{
			Description:     "Requirements of " + name + ", in every zone.",
			Props:           props("framework", fw, "framework-title", name),
			IncludeControls: sel,
		})
	}
	if len(rc.ControlSelections) == 0 {
		rc.ControlSelections = []ControlSelection{{Description: "No requirements were selected."}}
	}
	return rc
}

// requirementIDs are the scorecard's requirements by framework.
func requirementIDs(sc *scorecard.Scorecard) map[string][]string {
	ids := map[string][]string{}
	for _, r := range sc.Requirements {
		ids[r.Framework] = append(ids[r.Framework], r.ID)
	}
	return ids
}

func dateTime(date string) string { return date + "T00:00:00Z" }

// results holds what the parts of the results document share: the
// observations, which risks and findings point at, and the gaps by id.
type results struct {
	sc      *scorecard.Scorecard
	key     func(kind string, parts ...string) string
	at      string
	obs     map[string]string
	gaps    map[string]int // gap id → its index in sc.Gaps
	waivers map[string]scorecard.Waiver
	// observations are few (evidence documents, advisory matches,
	// countermeasures), whatever the number of gaps.
	observations []Observation
}

func newResults(sc *scorecard.Scorecard) *results {
	a := sc.Assessment
	b := &results{
		sc: sc,
		key: func(kind string, parts ...string) string {
			return UUID(append([]string{"slate", a.Name, a.Site, kind}, parts...)...)
		},
		at:      dateTime(a.AsOf),
		obs:     map[string]string{},
		gaps:    make(map[string]int, len(sc.Gaps)),
		waivers: map[string]scorecard.Waiver{},
	}
	key, at, obs := b.key, b.at, b.obs

	// Observations: one per evidence document.
	for _, e := range sc.Evidence {
		u := key("observation", e.Document)
		obs[e.Document] = u
		o := Observation{
			UUID:        u,
			Title:       e.Document,
			Description: fmt.Sprintf("Evidence document %s (%s) from source %s, read by collector %s %s: %d records read, %d skipped.", e.Document, e.Kind, e.Source, e.Collector, e.CollectorVersion, e.RecordsRead, e.RecordsSkipped),
			Props:       props("document", e.Document, "kind", e.Kind, "collector", e.Collector, "collector-version", e.CollectorVersion, "incomplete", fmt.Sprint(e.Incomplete)),
			Methods:     []string{"EXAMINE"},
			Collected:   at,
		}
		for _, f := range e.Files {
			o.RelevantEvidence = append(o.RelevantEvidence, RelevantEvidence{
				Href: f.Path, Description: "Evidence file " + f.Path,
				Props: props("sha256", f.SHA256, "size", fmt.Sprint(f.Size)),
			})
		}
		if w := e.Observed(); w != "" {
			o.Description += " Observed " + w + "."
			o.Props = append(o.Props, props("observed-from", e.ObservedFrom, "observed-to", e.ObservedTo, "observation-window", e.Window)...)
		}
		if len(e.Warnings) > 0 {
			o.Remarks = "Collector warnings:\n\n- " + strings.Join(e.Warnings, "\n- ")
		}
		b.observations = append(b.observations, o)
	}

	// Observations: one per security advisory's match with a component
	// (affected or possible); the risks of the affected ones point at
	// theirs.
	files := map[string][]string{}
	for _, e := range sc.Evidence {
		for _, f := range e.Files {
			files[e.Document] = append(files[e.Document], f.Path)
		}
	}
	for _, m := range sc.Advisories {
		if m.Status == scorecard.AdvisoryFixed {
			continue
		}
		u := key("advisory-match", m.ID())
		obs["advisory-match:"+m.ID()] = u
		b.observations = append(b.observations, advisoryObservation(m, u, at, files))
	}
	for i, g := range sc.Gaps {
		b.gaps[g.ID] = i
		if len(sc.Advisories) == 0 {
			continue
		}
		if m, ok := scorecard.AdvisoryOf(sc, g); ok {
			obs["gap:"+g.ID] = obs["advisory-match:"+m.ID()]
		}
	}

	// Observations: one per compensating countermeasure, whatever its
	// state; compensated findings point at theirs.
	for _, c := range sc.Countermeasures {
		u := key("countermeasure", c.Name)
		obs["countermeasure:"+c.Name] = u
		o := Observation{
			UUID:  u,
			Title: "Compensating countermeasure " + c.Name,
			Description: fmt.Sprintf("%s Stands in for %s in zone(s) %s; approved by %s until %s; state %s.",
				c.Description, strings.Join(c.Requirements, ", "), strings.Join(c.Zones, ", "), c.ApprovedBy, c.Expires, c.Status),
			Props: props("countermeasure", c.Name, "state", c.Status, "approved-by", c.ApprovedBy, "expires", c.Expires,
				"attestation", c.Attestation, "cells-compensated", fmt.Sprint(c.Cells)),
			Methods:   []string{"EXAMINE"},
			Collected: at,
		}
		for _, f := range c.Evidence {
			o.RelevantEvidence = append(o.RelevantEvidence, RelevantEvidence{
				Href: f.Path, Description: "Evidence of countermeasure " + c.Name, Props: props("sha256", f.SHA256)})
		}
		if c.Reason != "" {
			o.Remarks = "Compensates nothing: " + c.Reason + "."
		}
		b.observations = append(b.observations, o)
	}

	for _, w := range sc.Waivers {
		b.waivers[w.Name] = w
	}
	return b
}

// result is the one result without its observations, risks and findings.
func (b *results) result() Result {
	a := b.sc.Assessment
	res := Result{
		UUID:        b.key("result", a.AsOf),
		Title:       fmt.Sprintf("slate assessment of %s as of %s", cmp.Or(a.Site, a.Name), a.AsOf),
		Description: "Automated assessment by slate: evidence collected from the site was evaluated by policy against the selected frameworks.",
		Start:       b.at,
		End:         b.at,
		Props: props("assessment", a.Name, "site", a.Site, "as-of", a.AsOf,
			"digest-bundle", b.sc.Digests.Bundle, "digest-policies", b.sc.Digests.Policies, "digest-assessment", b.sc.Digests.Assessment),
		ReviewedControls: reviewedControls(b.sc, requirementIDs(b.sc), "The requirements of the selected frameworks, each judged in every zone."),
	}
	if len(b.sc.Overrides) > 0 {
		var lines []string
		for _, o := range b.sc.Overrides {
			lines = append(lines, fmt.Sprintf("- %s %s by this assessment: %s (approved by %s).", o.Rule, o.Change(), o.Reason, o.ApprovedBy))
		}
		res.Remarks = "Check overrides:\n\n" + strings.Join(lines, "\n")
	}
	return res
}

// document is the results document around res; href is the import-ap
// target.
func (b *results) document(res Result, href string) Document {
	a, sc := b.sc.Assessment, b.sc
	return Document{AssessmentResults: AssessmentResults{
		UUID: b.key("assessment-results", a.AsOf),
		Metadata: Metadata{
			Title:        fmt.Sprintf("Assessment results: %s (as of %s)", cmp.Or(a.Site, a.Name), a.AsOf),
			Published:    b.at,
			LastModified: b.at,
			Version:      a.AsOf,
			OSCALVersion: OSCALVersion,
			Props:        props("engine", strings.TrimSpace(sc.Engine.Name+" "+sc.Engine.Version), "scorecard-format", sc.Format),
		},
		ImportAP: ImportAP{Href: cmp.Or(href, PlanFileName), Remarks: "The assessment plan slate writes beside these results from the same scorecard (" + PlanFileName + ")."},
		Results:  []Result{res},
	}}
}

// riskUUID is the uuid of the risk of the gap id, and whether the
// scorecard has that gap.
func (b *results) riskUUID(id string) (string, bool) {
	if _, ok := b.gaps[id]; !ok {
		return "", false
	}
	return b.key("risk", id), true
}

// Build turns sc into the OSCAL document. href is the import-ap target;
// "" means PlanFileName, the plan BuildPlan makes beside it. Write
// writes the same document a part at a time.
func Build(sc *scorecard.Scorecard, href string) Document {
	b := newResults(sc)
	res := b.result()
	res.Observations = b.observations
	// Risks: one per gap.
	for _, g := range sc.Gaps {
		res.Risks = append(res.Risks, risk(g, b.key("risk", g.ID), b.at, b.key, b.obs, b.waivers))
	}
	// Findings: one per requirement and zone.
	for _, r := range sc.Requirements {
		for _, z := range r.Zones {
			f := b.finding(r, z)
			for _, id := range z.Gaps {
				if u, ok := b.riskUUID(id); ok {
					f.RelatedRisks = append(f.RelatedRisks, RelatedRisk{RiskUUID: u})
				}
			}
			res.Findings = append(res.Findings, f)
		}
	}
	return b.document(res, href)
}

func risk(g scorecard.Gap, u, at string, key func(string, ...string) string, obs map[string]string, waivers map[string]scorecard.Waiver) Risk {
	r := Risk{
		UUID:        u,
		Title:       cmp.Or(g.Title, g.Rule),
		Description: cmp.Or(g.Message, g.Title),
		Statement: fmt.Sprintf("%s severity, owner %s, zone %s, subject %s. Requirements: %s.",
			cmp.Or(g.Severity, "unknown"), cmp.Or(g.Owner, "unassigned"), scorecard.ZoneLabel(g.Zone), cmp.Or(g.Subject, "none"), strings.Join(g.Requirements, ", ")),
		Props: props("gap-id", g.ID, "rule", g.Rule, "severity", g.Severity, "owner", g.Owner,
			"zone", scorecard.ZoneLabel(g.Zone), "subject", g.Subject),
		Status: "open",
	}
	if g.Remediation != "" {
		r.Remediations = []Response{{UUID: key("remediation", g.ID), Lifecycle: "recommendation",
			Title: "Remediation of " + g.Rule, Description: g.Remediation}}
	}
	seen := map[string]bool{}
	for _, e := range g.Evidence {
		if o, ok := obs[e.Document]; ok && !seen[o] {
			seen[o] = true
			r.RelatedObservations = append(r.RelatedObservations, RelatedObs{ObservationUUID: o})
		}
	}
	if o, ok := obs["gap:"+g.ID]; ok {
		r.RelatedObservations = append(r.RelatedObservations, RelatedObs{ObservationUUID: o})
	}
	if g.Status == scorecard.GapWaived {
		r.Status = "deviation-approved"
		var entries []RiskLogEntry
		for _, name := range g.Waivers {
			w, ok := waivers[name]
			if !ok {
				w = scorecard.Waiver{Name: name}
			}
			e := RiskLogEntry{
				UUID:         key("waiver", g.ID, name),
				Title:        "Waiver " + name,
				Description:  cmp.Or(w.Reason, "Waived."),
				Start:        at,
				Props:        props("waiver", name, "approved-by", w.ApprovedBy, "expires", w.Expires),
				StatusChange: "deviation-approved",
				Remarks:      fmt.Sprintf("Approved by %s; expires %s.", cmp.Or(w.ApprovedBy, "unknown"), cmp.Or(w.Expires, "unknown")),
			}
			if w.Expires != "" && w.Expires >= at[:10] {
				e.End = dateTime(w.Expires)
			}
			entries = append(entries, e)
			if w.CompensatingControl != "" {
				r.MitigatingFactors = append(r.MitigatingFactors, MitigatingFactor{
					UUID: key("mitigation", g.ID, name), Description: w.CompensatingControl})
			}
		}
		if len(entries) > 0 {
			r.RiskLog = &RiskLog{Entries: entries}
		}
	}
	return r
}

// finding is the finding of the requirement r in the zone z, without its
// related risks (one per gap of the cell, which Build lists and Write
// writes one at a time).
func (b *results) finding(r scorecard.Requirement, z scorecard.ZoneStatus) Finding {
	obs := b.obs
	name := fmt.Sprintf("%s [%s]", r.ID, z.Zone)
	f := Finding{
		UUID:        b.key("finding", r.Framework, r.ID, z.Zone),
		Title:       name,
		Description: fmt.Sprintf("%s %s (%s) in zone %s: %s.", r.Framework, r.ID, r.Title, z.Zone, strings.ReplaceAll(z.Status, "_", " ")),
		Props: props("framework", r.Framework, "requirement", r.ID, "zone", z.Zone, "status", z.Status,
			"required", fmt.Sprint(z.Required), "coverage", r.Coverage, "attestation", z.Attestation, "countermeasure", z.Countermeasure),
		Target: Target{
			Type:     "objective-id",
			TargetID: FrameworkControlID(r.Framework, r.ID),
			Title:    r.Title,
			Status:   TargetStatus{State: "not-satisfied", Reason: z.Status, Remarks: z.Reason},
		},
	}
	switch z.Status {
	case scorecard.StatusPass:
		f.Target.Status.State, f.Target.Status.Reason = "satisfied", "pass"
	case scorecard.StatusFail:
		f.Target.Status.Reason = "fail"
	case scorecard.StatusCompensated:
		f.Target.Status.State, f.Target.Status.Reason = "satisfied", "compensated"
		f.Remarks = "Satisfied by compensating countermeasure " + z.Countermeasure + ", not by the requirement itself."
		if o, ok := obs["countermeasure:"+z.Countermeasure]; ok {
			f.RelatedObservations = append(f.RelatedObservations, RelatedObs{ObservationUUID: o})
		}
	case scorecard.StatusNotAssessed:
		f.Remarks = "Not assessed: no evidence was seen for this requirement in this zone. This is not a pass."
	}
	seenObs := map[string]bool{}
	for _, o := range f.RelatedObservations {
		seenObs[o.ObservationUUID] = true
	}
	for _, id := range z.Gaps {
		if i, ok := b.gaps[id]; ok {
			for _, e := range b.sc.Gaps[i].Evidence {
				if o, ok := obs[e.Document]; ok && !seenObs[o] {
					seenObs[o] = true
					f.RelatedObservations = append(f.RelatedObservations, RelatedObs{ObservationUUID: o})
				}
			}
		}
		if o, ok := obs["gap:"+id]; ok && !seenObs[o] {
			seenObs[o] = true
			f.RelatedObservations = append(f.RelatedObservations, RelatedObs{ObservationUUID: o})
		}
	}
	return f
}

// cveID is the form of a CVE id, which the CVE program's record page
// is linked for.
var cveID = regexp.MustCompile(`^CVE-\d{4}-\d{4,}$`)

// advisoryObservation is one security advisory's match with a component:
// the advisory, its CVEs (each a prop, and a link to its CVE record), the
// highest CVSS score, those in KEV, the fixed version, the match's status
// and confidence, and the evidence files it rests on (the component's
// record, the advisory's file).
func advisoryObservation(m scorecard.AdvisoryMatch, u, at string, files map[string][]string) Observation {
	o := Observation{
		UUID:  u,
		Title: fmt.Sprintf("%s on %s", m.Advisory, m.Asset),
		Description: fmt.Sprintf("Security advisory %s (%s) finds %s (%s) %s: %s %s, firmware %s, seen %s; %s match on product %s.",
			m.Advisory, cmp.Or(m.Title, "untitled"), m.Asset, scorecard.ZoneLabel(m.Zone), m.Status,
			cmp.Or(m.Vendor, "unknown vendor"), cmp.Or(m.Model, "unknown model"), cmp.Or(m.Firmware, "unknown"),
			seenWhere(m.Source),
			m.Confidence, cmp.Or(m.Product, "unnamed")),
		Props: props("advisory", m.Advisory, "match-status", m.Status, "confidence", m.Confidence, "cvss", fmt.Sprint(m.CVSS),
			"fixed-version", m.FixedVersion, "subject", m.Subject, "zone", scorecard.ZoneLabel(m.Zone), "source", m.Source, "from", m.From),
		Methods:   []string{"EXAMINE"},
		Types:     []string{"finding"},
		Collected: at,
	}
	for _, c := range m.CVEs {
		o.Props = append(o.Props, prop("cve", c)...)
		if cveID.MatchString(c) {
			o.Links = append(o.Links, Link{Href: "https://www.cve.org/CVERecord?id=" + c, Rel: "reference", Text: c})
		}
	}
	for _, c := range m.KEV {
		o.Props = append(o.Props, prop("kev", c)...)
	}
	seen := map[string]bool{}
	for _, e := range m.Evidence {
		paths := files[e.Document]
		if e.File != "" {
			paths = []string{e.File}
		}
		for _, p := range paths {
			if !seen[p] {
				seen[p] = true
				o.RelevantEvidence = append(o.RelevantEvidence, RelevantEvidence{Href: p,
					Description: strings.TrimSpace("Evidence file " + p + " " + recordText(e.Record, p))})
			}
		}
	}
	if m.Status == scorecard.AdvisoryPossible {
		o.Remarks = "Listed for review: the match could not be confirmed (no firmware version, a range that cannot place it, a match on the name or a banner only). It fails nothing."
	} else if m.Remediation != "" {
		o.Remarks = "Remediations of the advisory:\n\n- " + strings.ReplaceAll(m.Remediation, "\n", "\n- ")
	}
	return o
}

func seenWhere(source string) string {
	if source == "wire" {
		return "on the wire"
	}
	return "in the inventory"
}

func recordText(record, path string) string {
	if record == "" || record == path {
		return ""
	}
	return "(record " + record + ")"
}

// Write writes sc as OSCAL assessment results to w, with import-ap
// pointing at the scorecard's assessment file.
func Write(w io.Writer, sc *scorecard.Scorecard) error {
	return WriteWithPlan(w, sc, "")
}

// WriteWithPlan is Write with an explicit import-ap href. It writes the
// bytes json.MarshalIndent gives for Build(sc, href), a risk and a
// finding's related risk at a time, so that a scorecard of a million gaps
// is written without its document in memory.
func WriteWithPlan(w io.Writer, sc *scorecard.Scorecard, href string) error {
	b := newResults(sc)
	res := b.result()
	doc := b.document(res, href).AssessmentResults
	jw := jsonstream.NewWriter(w)
	root := jw.Object(0)
	ar := root.Object("assessment-results")
	ar.Member("uuid", doc.UUID)
	ar.Member("metadata", doc.Metadata)
	ar.Member("import-ap", doc.ImportAP)
	list := ar.Array("results")
	r := list.Object()
	r.Member("uuid", res.UUID)
	r.Member("title", res.Title)
	r.Member("description", res.Description)
	r.Member("start", res.Start)
	if res.End != "" {
		r.Member("end", res.End)
	}
	if len(res.Props) > 0 {
		r.Member("props", res.Props)
	}
	r.Member("reviewed-controls", res.ReviewedControls)
	if len(b.observations) > 0 {
		r.Member("observations", b.observations)
	}
	if len(sc.Gaps) > 0 {
		risks := r.Array("risks")
		for _, g := range sc.Gaps {
			risks.Elem(risk(g, b.key("risk", g.ID), b.at, b.key, b.obs, b.waivers))
		}
		risks.End()
	}
	findings := 0
	for _, req := range sc.Requirements {
		findings += len(req.Zones)
	}
	if findings > 0 {
		list := r.Array("findings")
		for _, req := range sc.Requirements {
			for _, z := range req.Zones {
				b.writeFinding(list.Object(), b.finding(req, z), z)
			}
		}
		list.End()
	}
	if res.Remarks != "" {
		r.Member("remarks", res.Remarks)
	}
	r.End()
	list.End()
	ar.End()
	root.End()
	jw.Raw("\n")
	if err := jw.Flush(); err != nil {
		return fmt.Errorf("encode oscal: %w", err)
	}
	return nil
}

// writeFinding writes f, the finding of the cell z, into o with its
// related risks one at a time, as Build's finding marshals.
func (b *results) writeFinding(o *jsonstream.Object, f Finding, z scorecard.ZoneStatus) {
	o.Member("uuid", f.UUID)
	o.Member("title", f.Title)
	o.Member("description", f.Description)
	if len(f.Props) > 0 {
		o.Member("props", f.Props)
	}
	o.Member("target", f.Target)
	if len(f.RelatedObservations) > 0 {
		o.Member("related-observations", f.RelatedObservations)
	}
	var risks *jsonstream.Array
	for _, id := range z.Gaps {
		if u, ok := b.riskUUID(id); ok {
			if risks == nil {
				risks = o.Array("related-risks")
			}
			risks.Elem(RelatedRisk{RiskUUID: u})
		}
	}
	if risks != nil {
		risks.End()
	}
	if f.Remarks != "" {
		o.Member("remarks", f.Remarks)
	}
	o.End()
}
