package sarif

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/internal/jsonstream"
)

// FileName is the name the report is written under.
const FileName = "results.sarif"

// Version and Schema identify the SARIF edition written.
const (
	Version = "2.1.0"
	Schema  = "https://json.schemastore.org/sarif-2.1.0.json"
)

// Log is a SARIF log with one run.
type Log struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []Run  `json:"runs"`
}

// Run is the one run of slate over an assessment.
type Run struct {
	Tool              Tool              `json:"tool"`
	AutomationDetails AutomationDetails `json:"automationDetails"`
	Invocations       []Invocation      `json:"invocations"`
	// OriginalURIBaseIDs name the bases artifact paths are relative to:
	// SrcRoot, the repository root, and (when the assessment is not at
	// the root) AssessmentDir, the assessment's directory under it.
	OriginalURIBaseIDs map[string]ArtifactLocation `json:"originalUriBaseIds"`
	Results            []Result                    `json:"results"`
	Properties         RunProperties               `json:"properties"`
}

// The uriBaseIds of the log.
const (
	// SrcRoot is the repository root, the base GitHub code scanning
	// resolves relative paths from. Every result's artifact uses it.
	SrcRoot = "%SRCROOT%"
	// AssessmentDir is the assessment's directory, relative to SrcRoot:
	// the scorecard's evidence paths are relative to it.
	AssessmentDir = "ASSESSMENTDIR"
)

// Options say where the log is read: the scorecard's paths are relative
// to the assessment directory, code scanning reads them from the
// repository root.
type Options struct {
	// Base is the assessment directory as a path from the repository
	// root, with forward slashes ("plants/plant-a"); "" when the
	// assessment sits at the root, or when the log is read on its own.
	Base string
}

// Tool describes slate and its rules.
type Tool struct {
	Driver Driver `json:"driver"`
}

// Driver is the tool component: slate with the scorecard's rules.
type Driver struct {
	Name           string `json:"name"`
	Version        string `json:"version,omitempty"`
	InformationURI string `json:"informationUri,omitempty"`
	Rules          []Rule `json:"rules"`
}

// Rule is one check.
type Rule struct {
	ID               string `json:"id"`
	Name             string `json:"name"`
	ShortDescription Text   `json:"shortDescription"`
	FullDescription  Text   `json:"fullDescription"`
	// HelpURI is the check's documentation (see HelpURI).
	HelpURI              string         `json:"helpUri"`
	Help                 Text           `json:"help"`
	DefaultConfiguration Configuration  `json:"defaultConfiguration"`
	Properties           RuleProperties `json:"properties"`
}

// Text is a SARIF message or multiformatMessageString with text only.
type Text struct {
	Text string `json:"text"`
}

// Configuration is a rule's default reporting configuration.
type Configuration struct {
	Level string `json:"level"`
}

// RuleProperties are the rule's property bag.
type RuleProperties struct {
	Requirements []string `json:"requirements"`
	Owner        string   `json:"owner"`
	Severity     string   `json:"severity"`
	// SecuritySeverity is the severity as the score GitHub code scanning
	// ranks security alerts by (see SecuritySeverity).
	SecuritySeverity string   `json:"security-severity"`
	Tags             []string `json:"tags"`
	Package          string   `json:"package,omitempty"`
	Manual           bool     `json:"manual,omitempty"`
}

// AutomationDetails identify the run for deduplication across uploads.
type AutomationDetails struct {
	ID string `json:"id"`
}

// Invocation records that the assessment ran to the end.
type Invocation struct {
	ExecutionSuccessful bool `json:"executionSuccessful"`
}

// Result is one gap.
type Result struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             Text              `json:"message"`
	Locations           []Location        `json:"locations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Suppressions        []Suppression     `json:"suppressions,omitempty"`
	Properties          ResultProperties  `json:"properties"`
}

// Location is where the evidence for a gap is.
type Location struct {
	// Message names the record inside the file (a flow, a sheet row) when
	// the line alone does not.
	Message          *Text             `json:"message,omitempty"`
	PhysicalLocation *PhysicalLocation `json:"physicalLocation,omitempty"`
	LogicalLocations []LogicalLocation `json:"logicalLocations,omitempty"`
}

// PhysicalLocation is an evidence file and optionally a line.
type PhysicalLocation struct {
	ArtifactLocation ArtifactLocation `json:"artifactLocation"`
	Region           *Region          `json:"region,omitempty"`
}

// ArtifactLocation is a path relative to a uriBaseId; in
// originalUriBaseIds, a base with what it stands for.
type ArtifactLocation struct {
	URI         string `json:"uri,omitempty"`
	URIBaseID   string `json:"uriBaseId,omitempty"`
	Description *Text  `json:"description,omitempty"`
}

// Region is a line of an artifact.
type Region struct {
	StartLine int `json:"startLine"`
}

// LogicalLocation is the gap's subject (a device, asset, account…).
type LogicalLocation struct {
	Name               string `json:"name"`
	FullyQualifiedName string `json:"fullyQualifiedName,omitempty"`
	Kind               string `json:"kind,omitempty"`
}

// Suppression records a waiver.
type Suppression struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification"`
}

// ResultProperties are a result's property bag.
type ResultProperties struct {
	GapID        string   `json:"gapId"`
	Status       string   `json:"status"`
	Severity     string   `json:"severity"`
	Owner        string   `json:"owner"`
	Zone         string   `json:"zone"`
	Subject      string   `json:"subject"`
	Requirements []string `json:"requirements"`
	Remediation  string   `json:"remediation"`
	Waivers      []string `json:"waivers,omitempty"`
	// ExpiredWaivers would have covered the gap had they not expired.
	ExpiredWaivers []string `json:"expiredWaivers,omitempty"`
	// Advisory is set on the results about a security advisory's match
	// with a component: the gaps of affected components, and the possible
	// matches listed for review.
	Advisory *AdvisoryProperties `json:"advisory,omitempty"`
}

// AdvisoryProperties say what a security advisory says of a component
// (scorecard.AdvisoryMatch).
type AdvisoryProperties struct {
	ID    string `json:"id"`
	Title string `json:"title,omitempty"`
	// Match is the match's status: "affected, fix available", "affected,
	// mitigations only" or "possible".
	Match string   `json:"match"`
	CVEs  []string `json:"cves"`
	// CVSS is the highest base score of the CVEs; KEV those of them in
	// CISA's Known Exploited Vulnerabilities catalog.
	CVSS         float64  `json:"cvss"`
	KEV          []string `json:"kev"`
	FixedVersion string   `json:"fixedVersion,omitempty"`
	// Confidence is how the component was matched: "exact", "family" or
	// "name".
	Confidence string `json:"confidence"`
	Product    string `json:"product,omitempty"`
	// Source is where the component was seen, "inventory" or "wire"; From
	// the protocol and attributes of a wire identity.
	Source string `json:"source"`
	From   string `json:"from,omitempty"`
}

func advisoryProperties(m scorecard.AdvisoryMatch) *AdvisoryProperties {
	return &AdvisoryProperties{ID: m.Advisory, Title: m.Title, Match: m.Status, CVEs: nonNil(m.CVEs), CVSS: m.CVSS, KEV: nonNil(m.KEV),
		FixedVersion: m.FixedVersion, Confidence: m.Confidence, Product: m.Product, Source: m.Source, From: m.From}
}

// RunProperties tie the run to the scorecard's inputs.
type RunProperties struct {
	Assessment string            `json:"assessment"`
	Site       string            `json:"site"`
	AsOf       string            `json:"asOf"`
	Digests    scorecard.Digests `json:"digests"`
	OpenGaps   int               `json:"openGaps"`
	Waived     int               `json:"waived"`
	// Coverage counts requirements by coverage class (automated, partial,
	// manual), per framework.
	Coverage map[string]map[string]int `json:"coverage"`
	// Overrides are the checks the assessment switched off or narrowed.
	Overrides []scorecard.Override `json:"overrides,omitempty"`
	// Countermeasures name each countermeasure with its state.
	Countermeasures map[string]string `json:"countermeasures,omitempty"`
	// Observed are the observation windows of the captures, by document.
	Observed map[string]string `json:"observed,omitempty"`
}

// Level maps a gap severity to a SARIF level.
func Level(severity string) string {
	switch severity {
	case evidence.SeverityCritical, evidence.SeverityHigh:
		return "error"
	case evidence.SeverityMedium:
		return "warning"
	}
	return "note"
}

// SecuritySeverity maps a gap severity to the score GitHub code scanning
// reads from properties.security-severity: critical is 9.0 and above,
// high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9. info (and anything unknown)
// is "0.0", which code scanning reads as no security severity.
func SecuritySeverity(severity string) string {
	switch severity {
	case evidence.SeverityCritical:
		return "9.5"
	case evidence.SeverityHigh:
		return "8.0"
	case evidence.SeverityMedium:
		return "5.5"
	case evidence.SeverityLow:
		return "2.0"
	}
	return "0.0"
}

// Where checks are documented. The URLs name the repository's main
// branch: no module tag is published yet.
const (
	repoURL = "https://github.com/slate-ot/slate"
	// PolicyDocURL explains the checks, their METADATA and `slate
	// policy doc`, which prints a site's own checks.
	PolicyDocURL = repoURL + "/blob/main/docs/policies.md"
	// builtinURL is where the built-in checks' sources live, each with
	// its METADATA (title, description, remediation, requirements and the
	// clauses behind them).
	builtinURL = repoURL + "/blob/main/policies/"
)

// HelpURI is the documentation of a check: a built-in check's source
// file in the repository (its METADATA is the check's documentation), or
// docs/policies.md for a site's own checks, whose files slate cannot
// link to.
func HelpURI(r scorecard.Rule) string {
	if rel, ok := strings.CutPrefix(r.File, "builtin/"); ok && rel != "" {
		return builtinURL + rel
	}
	return PolicyDocURL
}

// Build turns sc into the SARIF log, with paths from the repository root
// as o says. Write writes the same log a result at a time.
func Build(sc *scorecard.Scorecard, o Options) Log {
	l := newLog(sc, o)
	l.run.Results = []Result{}
	l.results(func(r Result) { l.run.Results = append(l.run.Results, r) })
	return Log{Schema: Schema, Version: Version, Runs: []Run{l.run}}
}

// log holds the run without its results, and what the results are made
// from.
type log struct {
	sc    *scorecard.Scorecard
	base  string
	run   Run
	index map[string]int // rule id → its index in the driver's rules
	files map[string][]string
}

func newLog(sc *scorecard.Scorecard, o Options) *log {
	base := strings.Trim(path.Clean("/"+strings.ReplaceAll(o.Base, "\\", "/")), "/")
	run := Run{
		Tool: Tool{Driver: Driver{Name: nonEmpty(sc.Engine.Name, "slate"), Version: sc.Engine.Version,
			InformationURI: "https://github.com/slate-ot/slate", Rules: []Rule{}}},
		AutomationDetails: AutomationDetails{ID: fmt.Sprintf("slate/%s/%s", sc.Assessment.Name, sc.Assessment.AsOf)},
		Invocations:       []Invocation{{ExecutionSuccessful: true}},
		OriginalURIBaseIDs: map[string]ArtifactLocation{
			SrcRoot: {Description: &Text{"The root of the repository the assessment is in (slate assess --sarif-root); artifact paths are relative to it."}},
		},
		Properties: RunProperties{Assessment: sc.Assessment.Name, Site: sc.Assessment.Site, AsOf: sc.Assessment.AsOf,
			Digests: sc.Digests, OpenGaps: sc.Totals.OpenGaps, Waived: sc.Totals.Waived, Coverage: sc.Totals.Coverage},
	}
	run.Properties.Overrides = sc.Overrides
	for _, c := range sc.Countermeasures {
		if run.Properties.Countermeasures == nil {
			run.Properties.Countermeasures = map[string]string{}
		}
		run.Properties.Countermeasures[c.Name] = strings.TrimSuffix(c.Status+": "+c.Reason, ": ")
	}
	for _, e := range sc.Evidence {
		if w := e.Observed(); w != "" {
			if run.Properties.Observed == nil {
				run.Properties.Observed = map[string]string{}
			}
			run.Properties.Observed[e.Document] = w
		}
	}
	index := map[string]int{}
	for _, r := range sc.Rules {
		index[r.ID] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, rule(r.Rule))
	}
	files := map[string][]string{}
	for _, e := range sc.Evidence {
		for _, f := range e.Files {
			files[e.Document] = append(files[e.Document], f.Path)
		}
	}
	for _, g := range sc.Gaps {
		if _, ok := index[g.Rule]; !ok { // a gap of a rule the scorecard does not list: describe it from the gap
			index[g.Rule] = len(run.Tool.Driver.Rules)
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, rule(scorecard.Rule{
				ID: g.Rule, Title: g.Title, Requirements: g.Requirements, Severity: g.Severity,
				Owner: g.Owner, Remediation: g.Remediation}))
		}
	}
	if base != "" {
		run.OriginalURIBaseIDs[AssessmentDir] = ArtifactLocation{URI: base + "/", URIBaseID: SrcRoot,
			Description: &Text{"The directory of the assessment file, which the scorecard's evidence paths are relative to."}}
	}
	return &log{sc: sc, base: base, run: run, index: index, files: files}
}

// results hands each result to yield in turn: one per gap, then one per
// possible advisory match.
func (l *log) results(yield func(Result)) {
	sc := l.sc
	for _, g := range sc.Gaps {
		r := result(g, l.index[g.Rule], l.files, l.base)
		if m, ok := scorecard.AdvisoryOf(sc, g); ok {
			r.Properties.Advisory = advisoryProperties(m)
		}
		yield(r)
	}
	for _, rs := range sc.Rules {
		if rs.ID != scorecard.AdvisoryCheck {
			continue
		}
		for _, m := range sc.Advisories {
			if m.Status == scorecard.AdvisoryPossible {
				yield(possible(m, rs.Rule, l.index[rs.ID], l.files, l.base))
			}
		}
	}
}

func rule(r scorecard.Rule) Rule {
	tags := []string{"security", "ot"}
	seen := map[string]bool{}
	for _, q := range r.Requirements {
		fw, _, _ := strings.Cut(q, ":")
		if !seen[fw] {
			seen[fw] = true
			tags = append(tags, fw)
		}
	}
	if r.Owner != "" {
		tags = append(tags, "owner:"+r.Owner)
	}
	return Rule{
		ID:                   r.ID,
		Name:                 ruleName(r.Package, r.ID),
		ShortDescription:     Text{nonEmpty(r.Title, r.ID)},
		FullDescription:      Text{nonEmpty(r.Description, nonEmpty(r.Title, r.ID))},
		HelpURI:              HelpURI(r),
		Help:                 Text{nonEmpty(r.Remediation, "No remediation recorded.")},
		DefaultConfiguration: Configuration{Level(r.Severity)},
		Properties: RuleProperties{Requirements: nonNil(r.Requirements), Owner: r.Owner, Severity: r.Severity,
			SecuritySeverity: SecuritySeverity(r.Severity), Tags: tags, Package: r.Package, Manual: r.Manual},
	}
}

// ruleName is a PascalCase name from the Rego package's last segment
// ("slate.checks.netconfig.insecure_management" → "InsecureManagement").
func ruleName(pkg, id string) string {
	if pkg == "" {
		return id
	}
	last := pkg[strings.LastIndex(pkg, ".")+1:]
	var b strings.Builder
	for _, part := range strings.FieldsFunc(last, func(r rune) bool { return r == '_' || r == '-' }) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return nonEmpty(b.String(), id)
}

func result(g scorecard.Gap, ruleIndex int, files map[string][]string, base string) Result {
	r := Result{
		RuleID:              g.Rule,
		RuleIndex:           ruleIndex,
		Level:               Level(g.Severity),
		Message:             Text{nonEmpty(g.Message, g.Title)},
		PartialFingerprints: map[string]string{"slateGapId/v1": g.ID},
		Properties: ResultProperties{GapID: g.ID, Status: g.Status, Severity: g.Severity, Owner: g.Owner,
			Zone: scorecard.ZoneLabel(g.Zone), Subject: g.Subject, Requirements: nonNil(g.Requirements),
			Remediation: g.Remediation, Waivers: g.Waivers, ExpiredWaivers: g.ExpiredWaivers},
	}
	var logical []LogicalLocation
	if g.Subject != "" {
		kind, _, _ := strings.Cut(g.Subject, ":")
		logical = []LogicalLocation{{Name: g.Subject, FullyQualifiedName: scorecard.ZoneLabel(g.Zone) + "/" + g.Subject, Kind: kind}}
	}
	seen := map[string]bool{}
	add := func(uri string, line int, record string) {
		key := fmt.Sprintf("%s:%d:%s", uri, line, record)
		if uri == "" || seen[key] {
			return
		}
		seen[key] = true
		pl := &PhysicalLocation{ArtifactLocation: ArtifactLocation{URI: path.Join(base, uri), URIBaseID: SrcRoot}}
		if line > 0 {
			pl.Region = &Region{StartLine: line}
		}
		loc := Location{PhysicalLocation: pl, LogicalLocations: logical}
		if record != "" && record != uri {
			loc.Message = &Text{"record " + record}
		}
		r.Locations = append(r.Locations, loc)
	}
	for _, e := range g.Evidence {
		if e.File != "" {
			add(e.File, e.Line, e.Record)
			continue
		}
		for _, f := range files[e.Document] {
			add(f, 0, e.Record)
		}
	}
	if len(r.Locations) == 0 && logical != nil {
		r.Locations = []Location{{LogicalLocations: logical}}
	}
	if g.Status == scorecard.GapWaived {
		r.Suppressions = []Suppression{{Kind: "external", Status: "accepted",
			Justification: "waived by " + nonEmpty(strings.Join(g.Waivers, ", "), "a waiver")}}
	}
	if g.Status == scorecard.GapCompensated {
		r.Suppressions = []Suppression{{Kind: "external", Status: "accepted",
			Justification: "compensated by countermeasure " + nonEmpty(strings.Join(g.Countermeasures, ", "), "a countermeasure")}}
	}
	return r
}

// possible is the result of a match the engine could not confirm: a
// note for review under the advisory check's rule, which fails nothing,
// located where the component was seen (its inventory row, or the flow
// its identity was read from) and at the advisory.
func possible(m scorecard.AdvisoryMatch, rl scorecard.Rule, ruleIndex int, files map[string][]string, base string) Result {
	msg := fmt.Sprintf("to review: %s may be affected by %s (%s)", m.Asset, m.Advisory, strings.Join(m.CVEs, ", "))
	if m.FixedVersion != "" {
		msg += ", fixed in " + m.FixedVersion
	}
	msg += fmt.Sprintf("; %s match on %s, not confirmed", m.Confidence, nonEmpty(strings.TrimSpace(m.Vendor+" "+m.Model), "the component"))
	if m.Firmware == "" {
		msg += ": no firmware version known"
	} else {
		msg += ", firmware " + m.Firmware
	}
	g := scorecard.Gap{ID: m.ID(), Rule: rl.ID, Status: scorecard.AdvisoryPossible, Severity: evidence.SeverityInfo, Owner: rl.Owner,
		Zone: m.Zone, Subject: m.Subject, Message: msg, Evidence: m.Evidence,
		Remediation: "Confirm the component's model and firmware version; if it is affected: " +
			nonEmpty(strings.ReplaceAll(m.Remediation, "\n", "; "), "apply the advisory's remediation")}
	r := result(g, ruleIndex, files, base)
	r.PartialFingerprints = map[string]string{"slateAdvisoryMatch/v1": g.ID}
	r.Properties.GapID = ""
	r.Properties.Advisory = advisoryProperties(m)
	return r
}

func nonEmpty(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Write writes sc as a SARIF 2.1.0 log to w with the zero Options: paths
// from the assessment directory.
func Write(w io.Writer, sc *scorecard.Scorecard) error { return Options{}.Write(w, sc) }

// Write writes sc as a SARIF 2.1.0 log to w, with paths from the
// repository root as o says.
//
// It writes the bytes json.MarshalIndent gives for Build(sc, o), a result
// at a time, so that a scorecard of a million gaps is written without its
// log in memory.
func (o Options) Write(w io.Writer, sc *scorecard.Scorecard) error {
	l := newLog(sc, o)
	jw := jsonstream.NewWriter(w)
	root := jw.Object(0)
	root.Member("$schema", Schema)
	root.Member("version", Version)
	runs := root.Array("runs")
	run := runs.Object()
	run.Member("tool", l.run.Tool)
	run.Member("automationDetails", l.run.AutomationDetails)
	run.Member("invocations", l.run.Invocations)
	run.Member("originalUriBaseIds", l.run.OriginalURIBaseIDs)
	results := run.Array("results")
	l.results(func(r Result) { results.Elem(r) })
	results.End()
	run.Member("properties", l.run.Properties)
	run.End()
	runs.End()
	root.End()
	jw.Raw("\n")
	if err := jw.Flush(); err != nil {
		return fmt.Errorf("encode sarif: %w", err)
	}
	return nil
}

// Recorded returns the Options a log written by slate was written with,
// read from its originalUriBaseIds, so that the same log can be made
// again from the scorecard (slate verify). name names the log in errors.
func Recorded(name string, raw []byte) (Options, error) {
	var log struct {
		Runs []struct {
			OriginalURIBaseIDs map[string]ArtifactLocation `json:"originalUriBaseIds"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(raw, &log); err != nil {
		return Options{}, fmt.Errorf("%s: %w", name, err)
	}
	if len(log.Runs) != 1 {
		return Options{}, fmt.Errorf("%s: %d runs, slate writes one", name, len(log.Runs))
	}
	dir, ok := log.Runs[0].OriginalURIBaseIDs[AssessmentDir]
	if !ok {
		return Options{}, nil
	}
	if dir.URIBaseID != SrcRoot || !strings.HasSuffix(dir.URI, "/") {
		return Options{}, errors.New(name + ": originalUriBaseIds." + AssessmentDir + " is not a directory under " + SrcRoot)
	}
	return Options{Base: strings.TrimSuffix(dir.URI, "/")}, nil
}
