package sarif

import (
	"encoding/json"
	"fmt"
	"github.com/slate-ot/slate/evidence"
	"io"
	"strings"

	"github.com/slate-ot/slate/engine/scorecard"
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
	Results           []Result          `json:"results"`
	Properties        RunProperties     `json:"properties"`
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
	ID                   string         `json:"id"`
	Name                 string         `json:"name"`
	ShortDescription     Text           `json:"shortDescription"`
	FullDescription      Text           `json:"fullDescription"`
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
	Tags         []string `json:"tags"`
	Package      string   `json:"package,omitempty"`
	Manual       bool     `json:"manual,omitempty"`
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

// ArtifactLocation is a path relative to the assessment directory.
type ArtifactLocation struct {
	URI string `json:"uri"`
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

// Build turns sc into the SARIF log.
func Build(sc *scorecard.Scorecard) Log {
	run := Run{
		Tool: Tool{Driver: Driver{Name: nonEmpty(sc.Engine.Name, "slate"), Version: sc.Engine.Version,
			InformationURI: "https://github.com/slate-ot/slate", Rules: []Rule{}}},
		AutomationDetails: AutomationDetails{ID: fmt.Sprintf("slate/%s/%s", sc.Assessment.Name, sc.Assessment.AsOf)},
		Invocations:       []Invocation{{ExecutionSuccessful: true}},
		Results:           []Result{},
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
		i, ok := index[g.Rule]
		if !ok { // a gap of a rule the scorecard does not list: describe it from the gap
			i = len(run.Tool.Driver.Rules)
			index[g.Rule] = i
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, rule(scorecard.Rule{
				ID: g.Rule, Title: g.Title, Requirements: g.Requirements, Severity: g.Severity,
				Owner: g.Owner, Remediation: g.Remediation}))
		}
		run.Results = append(run.Results, result(g, i, files))
	}
	return Log{Schema: Schema, Version: Version, Runs: []Run{run}}
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
		Help:                 Text{nonEmpty(r.Remediation, "No remediation recorded.")},
		DefaultConfiguration: Configuration{Level(r.Severity)},
		Properties: RuleProperties{Requirements: nonNil(r.Requirements), Owner: r.Owner, Severity: r.Severity,
			Tags: tags, Package: r.Package, Manual: r.Manual},
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

func result(g scorecard.Gap, ruleIndex int, files map[string][]string) Result {
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
		pl := &PhysicalLocation{ArtifactLocation: ArtifactLocation{URI: uri}}
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

// Write writes sc as a SARIF 2.1.0 log to w.
func Write(w io.Writer, sc *scorecard.Scorecard) error {
	b, err := json.MarshalIndent(Build(sc), "", "  ")
	if err != nil {
		return fmt.Errorf("encode sarif: %w", err)
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
