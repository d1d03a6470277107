// Package scorecard turns check results into the scorecard: a status for
// every requirement of the selected frameworks in every zone, SL-achieved
// against SL-target per zone and foundational requirement, the gap list and
// the state of every waiver.
//
// It is pure computation over plain values: no OPA, no files, no clock.
// Reports read its Scorecard type and nothing else of the engine.
package scorecard

import (
	"encoding/json"
	"fmt"

	"github.com/slate-ot/slate/engine/assessment"
	"github.com/slate-ot/slate/evidence"
)

// Format names the version of the scorecard layout.
const Format = "slate.scorecard/v1"

// Requirement statuses.
const (
	StatusPass          = "pass"
	StatusFail          = "fail"
	StatusWaived        = "waived"
	StatusNotAssessed   = "not_assessed"
	StatusManual        = "manual"
	StatusNotApplicable = "not_applicable"
)

// Statuses lists every status, in the order reports show them.
var Statuses = []string{StatusFail, StatusNotAssessed, StatusManual, StatusWaived, StatusNotApplicable, StatusPass}

// Gap statuses.
const (
	GapOpen   = "open"
	GapWaived = "waived"
)

// Waiver states.
const (
	WaiverActive  = "active"
	WaiverExpired = "expired"
	WaiverUnused  = "unused"
)

// Rule is one check and its METADATA.
type Rule struct {
	// ID is the check's custom.id, e.g. "SLATE-INV-001".
	ID string `json:"id"`
	// Package is the Rego package, e.g. "slate.checks.inventory.completeness".
	Package     string `json:"package"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	// Requirements are qualified ids ("iec62443-3-3:SR 7.8").
	Requirements []string `json:"requirements"`
	Severity     string   `json:"severity"`
	Owner        string   `json:"owner"`
	Remediation  string   `json:"remediation"`
	// Automates are the requirements the check decides in full from
	// evidence (a subset of Requirements); the others it decides in part.
	Automates []string `json:"automates,omitempty"`
	// Manual marks checks whose passing result still needs a person to
	// confirm it; their requirements show as manual, not pass.
	Manual bool `json:"manual,omitempty"`
	// File is the module path ("builtin/…" for shipped policies).
	File string `json:"file"`
	Line int    `json:"line"`
}

// Finding is one problem a check reported.
type Finding struct {
	Subject string `json:"subject"`
	// Zone is the zone the finding is in; "" means the whole site.
	Zone    string `json:"zone"`
	Message string `json:"message"`
	// Severity and Owner override the rule's when set.
	Severity string         `json:"severity,omitempty"`
	Owner    string         `json:"owner,omitempty"`
	Evidence []evidence.Ref `json:"evidence"`
}

// Result is what one check produced.
type Result struct {
	Rule     Rule
	Findings []Finding
	// Assessed are the zones the check had evidence for ("*" = all).
	Assessed []string
	// NotApplicable are zones where the check says its requirements do
	// not apply.
	NotApplicable []string
	// Notes are what the check says of a zone beyond its findings (zone,
	// or "*" for every zone → notes, sorted): evidence it lacks there, or
	// could not judge. They are added to the reason of the zone's cells.
	Notes map[string][]string
	// Reads are the evidence kinds the check's policy reads ("*": every
	// kind). A check that reads a kind with stale evidence passes nothing
	// (see ReasonStale); nil reads nothing.
	Reads []string
}

// Input is everything Build needs.
type Input struct {
	Assessment *assessment.Assessment
	// AsOf is the evaluation date, YYYY-MM-DD.
	AsOf     string
	Results  []Result
	Bundle   *evidence.Bundle
	Digests  Digests
	Engine   Engine
	Policies []PolicyModule
}

// Scorecard is the result of an assessment.
type Scorecard struct {
	Format       string         `json:"format"`
	Assessment   Assessment     `json:"assessment"`
	Engine       Engine         `json:"engine"`
	Digests      Digests        `json:"digests"`
	Totals       Totals         `json:"totals"`
	Zones        []Zone         `json:"zones"`
	Requirements []Requirement  `json:"requirements"`
	Gaps         []Gap          `json:"gaps"`
	Waivers      []Waiver       `json:"waivers"`
	Attestations []Attestation  `json:"attestations"`
	Rules        []RuleSummary  `json:"rules"`
	Evidence     []Evidence     `json:"evidence"`
	Policies     []PolicyModule `json:"policies"`
	// History holds the earlier runs of the same assessment, oldest
	// first, when the run was made with a history (assess --history).
	History []HistoryPoint `json:"history,omitempty"`
}

// Assessment identifies what was assessed.
type Assessment struct {
	Name       string                 `json:"name"`
	Site       string                 `json:"site"`
	AsOf       string                 `json:"as_of"`
	File       string                 `json:"file"`
	Frameworks []assessment.Framework `json:"frameworks"`
}

// Engine names the program that produced the scorecard.
type Engine struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Digests tie the scorecard to its inputs.
type Digests struct {
	Bundle     string `json:"bundle"`
	Policies   string `json:"policies"`
	Assessment string `json:"assessment"`
}

// PolicyModule is one policy file evaluated.
type PolicyModule struct {
	Path    string `json:"path"`
	SHA256  string `json:"sha256"`
	Builtin bool   `json:"builtin,omitempty"`
}

// Totals count statuses and gaps for a quick read.
type Totals struct {
	// Statuses counts requirement × zone cells by status, per framework.
	Statuses map[string]map[string]int `json:"statuses"`
	OpenGaps int                       `json:"open_gaps"`
	// OpenBySeverity and OpenByOwner count open gaps.
	OpenBySeverity map[string]int `json:"open_by_severity"`
	OpenByOwner    map[string]int `json:"open_by_owner"`
	Waived         int            `json:"waived"`
	// Coverage counts requirements by coverage class, per framework.
	Coverage map[string]map[string]int `json:"coverage"`
}

// Zone is the security-level result of one zone.
type Zone struct {
	Name       string              `json:"name"`
	Kind       string              `json:"kind"`
	Owner      string              `json:"owner"`
	SLTarget   assessment.SLVector `json:"sl_target"`
	SLAchieved assessment.SLVector `json:"sl_achieved"`
	FRs        []FR                `json:"frs"`
	// Required counts, by status, the IEC requirements the zone's target
	// levels select.
	Required map[string]int `json:"required"`
}

// FR is SL-achieved against SL-target for one foundational requirement.
type FR struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Target   int    `json:"target"`
	Achieved int    `json:"achieved"`
	// MissingForTarget are the requirements selected at or below the
	// target that do not pass; MissingForNext those for Achieved+1.
	MissingForTarget []string `json:"missing_for_target"`
	MissingForNext   []string `json:"missing_for_next"`
}

// Requirement is the status of one requirement in every zone.
type Requirement struct {
	Framework string `json:"framework"`
	ID        string `json:"id"`
	Title     string `json:"title"`
	// FR is the IEC foundational requirement or the NIST family.
	FR        string   `json:"fr"`
	Kind      string   `json:"kind"`
	SL        []int    `json:"sl,omitempty"`
	Baselines []string `json:"baselines,omitempty"`
	// Coverage is automated, partial or manual (see CoverageOf).
	Coverage string `json:"coverage"`
	// Rules cite the requirement; MappedRules reach a NIST control
	// through the curated IEC → NIST mapping.
	Rules       []string     `json:"rules"`
	MappedRules []string     `json:"mapped_rules,omitempty"`
	Zones       []ZoneStatus `json:"zones"`
}

// ZoneStatus is one requirement × zone cell.
type ZoneStatus struct {
	Zone   string `json:"zone"`
	Status string `json:"status"`
	// Required is set when the zone's target level (IEC) or the selected
	// baseline (NIST) calls for the requirement.
	Required bool     `json:"required"`
	Findings int      `json:"findings"`
	Reason   string   `json:"reason"`
	Gaps     []string `json:"gaps,omitempty"`
	// Attestation names the attestation that decided or completed the
	// cell ("<document>#<id>"), if any.
	Attestation string `json:"attestation,omitempty"`
}

// Gap is one finding with everything needed to act on it.
type Gap struct {
	// ID is derived from the content: rule, zone, subject and message.
	ID           string         `json:"id"`
	Status       string         `json:"status"`
	Rule         string         `json:"rule"`
	Title        string         `json:"title"`
	Requirements []string       `json:"requirements"`
	Zone         string         `json:"zone"`
	Subject      string         `json:"subject"`
	Message      string         `json:"message"`
	Severity     string         `json:"severity"`
	Owner        string         `json:"owner"`
	Remediation  string         `json:"remediation"`
	Evidence     []evidence.Ref `json:"evidence"`
	// Waivers name the active waivers that cover the gap;
	// ExpiredWaivers those that would have, had they not expired.
	Waivers        []string `json:"waivers,omitempty"`
	ExpiredWaivers []string `json:"expired_waivers,omitempty"`
}

// Waiver is a waiver of the assessment file and what became of it.
type Waiver struct {
	Name                string `json:"name"`
	Requirement         string `json:"requirement"`
	Subject             string `json:"subject"`
	Zone                string `json:"zone"`
	Reason              string `json:"reason"`
	ApprovedBy          string `json:"approved_by"`
	Expires             string `json:"expires"`
	CompensatingControl string `json:"compensating_control,omitempty"`
	Status              string `json:"status"`
	// Findings counts the findings the waiver matches (covered when active).
	Findings int `json:"findings"`
}

// Attestation states.
const (
	AttestationValid   = "valid"
	AttestationExpired = "expired"
	// AttestationFuture attestations are dated after the assessment.
	AttestationFuture = "future"
)

// Attestation is a recorded attestation and its state on the as_of date.
type Attestation struct {
	evidence.Attestation
	Document string `json:"document"`
	State    string `json:"state"`
	// Used is set when the attestation decided or completed a
	// requirement × zone cell.
	Used bool `json:"used"`
}

// RuleSummary is a check with what it saw.
type RuleSummary struct {
	Rule
	Assessed []string `json:"assessed"`
	Findings int      `json:"findings"`
}

// Evidence summarises one document of the bundle.
type Evidence struct {
	Document         string          `json:"document"`
	Kind             string          `json:"kind"`
	Source           string          `json:"source"`
	Collector        string          `json:"collector"`
	CollectorVersion string          `json:"collector_version"`
	Files            []evidence.File `json:"files"`
	RecordsRead      int             `json:"records_read"`
	RecordsSkipped   int             `json:"records_skipped"`
	Warnings         []string        `json:"warnings"`
	Incomplete       bool            `json:"incomplete"`
	// Date is the day the evidence stands for: the source's collected
	// date, else the date its collector read from the content (a
	// capture's last packet); "" when neither is known.
	Date string `json:"date,omitempty"`
	// MaxAge is the source's max_age as written; "" when it sets none.
	MaxAge string `json:"max_age,omitempty"`
	// Stale is set when the source has a max_age and the evidence is
	// older than that on the assessment date, or has no date to tell.
	// StaleReason says which; it starts with ReasonStale.
	Stale       bool   `json:"stale,omitempty"`
	StaleReason string `json:"stale_reason,omitempty"`
	// ObservedFrom and ObservedTo bound the evidence's observation window
	// (a capture's first and last packet, RFC 3339, UTC), Window its
	// length ("125ms", "7d"); "" when the evidence has none.
	ObservedFrom string `json:"observed_from,omitempty"`
	ObservedTo   string `json:"observed_to,omitempty"`
	Window       string `json:"window,omitempty"`
}

// Encode returns the scorecard's canonical JSON.
func (sc *Scorecard) Encode() ([]byte, error) { return evidence.Canonical(sc) }

// Decode parses a scorecard written by Encode. name is used in errors.
func Decode(name string, raw []byte) (*Scorecard, error) {
	var sc Scorecard
	if err := json.Unmarshal(raw, &sc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if sc.Format != Format {
		return nil, fmt.Errorf("%s: format %q is not %q", name, sc.Format, Format)
	}
	return &sc, nil
}
