// Package scorecard turns check results into the scorecard: a status for
// every requirement of the selected frameworks in every zone, SL-achieved
// against SL-target per zone and foundational requirement, the gap list and
// the state of every waiver.
//
// It is pure computation over plain values: no OPA, no files, no clock.
// Reports read its Scorecard type and nothing else of the engine.
package scorecard

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/slate-ot/slate/engine/model"
	"github.com/slate-ot/slate/evidence"
)

// Format names the version of the scorecard layout.
const Format = "slate.scorecard/v1"

// Requirement statuses.
const (
	StatusPass          = "pass"
	StatusFail          = "fail"
	StatusWaived        = "waived"
	StatusCompensated   = "compensated"
	StatusNotAssessed   = "not_assessed"
	StatusManual        = "manual"
	StatusNotApplicable = "not_applicable"
)

// Statuses lists every status, in the order reports show them.
var Statuses = []string{StatusFail, StatusNotAssessed, StatusManual, StatusWaived, StatusCompensated, StatusNotApplicable, StatusPass}

// Achieves reports whether a requirement × zone status counts toward a
// security level: it passes, a valid countermeasure compensates for it,
// or it does not apply. A waiver accepts a risk and achieves nothing.
func Achieves(status string) bool {
	return status == StatusPass || status == StatusCompensated || status == StatusNotApplicable
}

// Unknown reports whether a status leaves the requirement undecided: the
// security level it would allow is reachable, not confirmed.
func Unknown(status string) bool {
	return status == StatusNotAssessed || status == StatusManual
}

// Gap statuses.
const (
	GapOpen   = "open"
	GapWaived = "waived"
	// GapCompensated gaps are covered by valid countermeasures in every
	// requirement they fail.
	GapCompensated = "compensated"
)

// Countermeasure states on the assessment date.
const (
	// CountermeasureActive countermeasures are approved, unexpired and
	// backed by evidence files or a valid attestation.
	CountermeasureActive = "active"
	// CountermeasureExpired countermeasures compensate nothing.
	CountermeasureExpired = "expired"
	// CountermeasureUnattested countermeasures name an attestation that is
	// not valid on the date (expired, future or failed): they compensate
	// nothing.
	CountermeasureUnattested = "unattested"
)

// FR states: how SL-achieved stands against the target.
const (
	// FRMet: the confirmed level reaches the target.
	FRMet = "met"
	// FRBelow: a failing (or waived) requirement keeps the target out of reach.
	FRBelow = "below"
	// FRUndetermined: only unknowns (manual, not_assessed) stand between
	// the confirmed level and the target.
	FRUndetermined = "undetermined"
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
	// Kinds are the kinds of finding the check reports, each with the
	// requirements it fails and the clauses behind them (METADATA
	// custom.findings); nil when every finding fails every requirement.
	Kinds []FindingKind `json:"kinds,omitempty"`
	// Why justifies the check's requirements, citing the clauses, when it
	// has no kinds (METADATA custom.why).
	Why string `json:"why,omitempty"`
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

// FindingKind is one kind of finding a check reports: the requirements
// such a finding fails (a subset of the check's) and why, citing the
// clauses.
type FindingKind struct {
	Kind         string   `json:"kind"`
	Requirements []string `json:"requirements"`
	// Why justifies the mapping in a sentence or two, citing the clauses.
	Why string `json:"why"`
	// Remediation, when set, replaces the rule's for gaps of this kind:
	// the fix differs between kinds of one check.
	Remediation string `json:"remediation,omitempty"`
}

// Kind returns the kind named k and whether the rule has it.
func (r Rule) Kind(k string) (FindingKind, bool) {
	for _, fk := range r.Kinds {
		if fk.Kind == k {
			return fk, true
		}
	}
	return FindingKind{}, false
}

// Finding is one problem a check reported.
type Finding struct {
	Subject string `json:"subject"`
	// Zone is the zone the finding is in; "" means the whole site.
	Zone    string `json:"zone"`
	Message string `json:"message"`
	// Kind names the rule's finding kind; Requirements are the ones this
	// finding fails (the kind's, or a subset the finding names, or, when
	// neither is set, every requirement of the rule).
	Kind         string   `json:"kind,omitempty"`
	Requirements []string `json:"requirements,omitempty"`
	// Severity and Owner override the rule's when set.
	Severity string         `json:"severity,omitempty"`
	Owner    string         `json:"owner,omitempty"`
	Evidence []evidence.Ref `json:"evidence"`
	// Cause, when set, is what the finding shares with others of the same
	// root cause, in place of its subject (see RootCauseKey): a check sets
	// it where its subject is too coarse or too fine to group on.
	Cause string `json:"cause,omitempty"`
	// Exposure is how the subject can be reached, as far as the check
	// knows (network and joined checks know a flow's ends); nil leaves it
	// to the zone the finding is in.
	Exposure *Exposure `json:"exposure,omitempty"`
}

// Exposure origins: where a path into the subject starts.
const (
	FromExternal = "external" // outside every declared network
	FromIT       = "it"
	FromDMZ      = "dmz"
	FromOT       = "ot"
)

// Exposure conduit states of a path that crosses a zone boundary.
const (
	ConduitDeclared   = "declared"
	ConduitUndeclared = "undeclared"
)

// Exposure is how the subject of a finding can be reached: the facts the
// risk score reads besides severity and the zone's SL-T (see Score).
type Exposure struct {
	// CrossesBoundary is set when the path runs from one zone into another.
	CrossesBoundary bool `json:"crosses_boundary"`
	// From is the kind of place the path starts in: FromExternal, FromIT,
	// FromDMZ or FromOT; "" when unknown (a site-wide finding).
	From string `json:"from,omitempty"`
	// Conduit says whether a declared conduit admits a path that crosses a
	// boundary (ConduitDeclared, ConduitUndeclared); "" when it crosses none.
	Conduit string `json:"conduit,omitempty"`
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
	Assessment *model.Assessment
	// AsOf is the evaluation date, YYYY-MM-DD.
	AsOf     string
	Results  []Result
	Bundle   *evidence.Bundle
	Digests  Digests
	Engine   Engine
	Policies []PolicyModule
	// Overrides are the check overrides the engine applied.
	Overrides []Override
	// Advisories are the security advisories' matches the engine made
	// (its input.index.advisories); Build keeps and sorts those a report
	// lists (SortAdvisories).
	Advisories []AdvisoryMatch
}

// Scorecard is the result of an assessment.
type Scorecard struct {
	Format       string        `json:"format"`
	Assessment   Assessment    `json:"assessment"`
	Engine       Engine        `json:"engine"`
	Digests      Digests       `json:"digests"`
	Totals       Totals        `json:"totals"`
	Zones        []Zone        `json:"zones"`
	Requirements []Requirement `json:"requirements"`
	Gaps         []Gap         `json:"gaps"`
	Waivers      []Waiver      `json:"waivers"`
	// Countermeasures are the compensating countermeasures of the
	// assessment file and what each compensated.
	Countermeasures []Countermeasure `json:"countermeasures"`
	// Overrides are the checks the assessment file switched off or whose
	// mapping it narrowed.
	Overrides    []Override     `json:"overrides"`
	Attestations []Attestation  `json:"attestations"`
	Rules        []RuleSummary  `json:"rules"`
	Evidence     []Evidence     `json:"evidence"`
	Policies     []PolicyModule `json:"policies"`
	// History holds the earlier runs of the same assessment, oldest
	// first, when the run was made with a history (assess --history).
	History []HistoryPoint `json:"history,omitempty"`
	// RootCauses group the gaps by the fact behind them, open ones first,
	// by risk score (see RootCauseKey and Score); read the top of the list
	// with TopRootCauses.
	RootCauses []RootCause `json:"root_causes"`
	// Advisories are the components security advisories find affected,
	// fixed or possibly affected, KEV first, then affected before
	// possible before fixed, then by CVSS (see SortAdvisories); absent when no advisory was collected or none
	// names a component of the site, so that such a scorecard keeps its
	// bytes.
	Advisories []AdvisoryMatch `json:"advisories,omitempty"`
}

// Assessment identifies what was assessed.
type Assessment struct {
	Name       string            `json:"name"`
	Site       string            `json:"site"`
	AsOf       string            `json:"as_of"`
	File       string            `json:"file"`
	Frameworks []model.Framework `json:"frameworks"`
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
	// Packs are the policy packs whose checks ran, by path; their
	// modules are also in Policies.
	Packs []PolicyPack `json:"packs,omitempty"`
}

// PolicyPack is one policy pack, an OPA bundle of custom checks.
type PolicyPack struct {
	// Path is the bundle's file relative to the assessment directory.
	Path string `json:"path"`
	// Revision is the manifest's revision, "" when it has none.
	Revision string `json:"revision"`
	// SHA256 is the hex digest of the bundle file's bytes.
	SHA256 string `json:"sha256"`
	// Signed is true when its signature was verified.
	Signed bool `json:"signed"`
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
	Compensated    int            `json:"compensated"`
	// Coverage counts requirements by coverage class, per framework.
	Coverage map[string]map[string]int `json:"coverage"`
}

// Zone is the security-level result of one zone.
type Zone struct {
	Name       string         `json:"name"`
	Kind       string         `json:"kind"`
	Owner      string         `json:"owner"`
	SLTarget   model.SLVector `json:"sl_target"`
	SLAchieved model.SLVector `json:"sl_achieved"`
	// SLReachable is the level each FR would reach if every manual and
	// not_assessed requirement passed: SL-A lies between SLAchieved and it.
	SLReachable model.SLVector `json:"sl_reachable"`
	FRs         []FR           `json:"frs"`
	// Required counts, by status, the IEC requirements the zone's target
	// levels select.
	Required map[string]int `json:"required"`
}

// FR is SL-achieved against SL-target for one foundational requirement.
type FR struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Target int    `json:"target"`
	// Achieved is the confirmed level; Reachable the level reached if
	// every unknown (manual, not_assessed) requirement passed.
	Achieved  int `json:"achieved"`
	Reachable int `json:"reachable"`
	// State is met, below or undetermined.
	State string `json:"state"`
	// MissingForTarget are the requirements selected at or below the
	// target that do not count toward it; MissingForNext those for
	// Achieved+1.
	MissingForTarget []string `json:"missing_for_target"`
	MissingForNext   []string `json:"missing_for_next"`
	// Waived are the requirements selected at or below the target whose
	// risk a waiver accepts: shown apart, never achieved.
	Waived []string `json:"waived"`
	// Compensated are those a countermeasure stands in for.
	Compensated []string `json:"compensated"`
}

// Level renders the FR's SL-A: the confirmed level and, below target when
// unknowns leave room, the level reachable up to the target, "0 (≤2)".
// (Reachable itself may go past the target; what a reader weighs is
// whether the target is.)
func (f FR) Level() string {
	if f.Achieved < f.Target && f.Reachable > f.Achieved {
		return fmt.Sprintf("%d (≤%d)", f.Achieved, min(f.Reachable, f.Target))
	}
	return fmt.Sprint(f.Achieved)
}

// Mark is the one-character mark of the FR's state: "" met, "!" below,
// "?" undetermined.
func (f FR) Mark() string {
	switch f.State {
	case FRBelow:
		return "!"
	case FRUndetermined:
		return "?"
	}
	return ""
}

// SLLegend explains Label and Mark, for reports that show them.
const SLLegend = "SL-A/SL-T per FR: the confirmed level, with (≤n) the level reachable (up to the target) if every manual or not_assessed requirement passed; " +
	"! below target (a failing or waived requirement is in the way), ? undetermined (only unknowns are in the way). " +
	"SL-A counts requirements that pass, are compensated by a valid countermeasure or do not apply; a waiver accepts a risk and achieves nothing."

// Label renders SL-A against SL-T with what is waived: "0 (≤1)/2 · 1 waived".
func (f FR) Label() string {
	s := f.Level() + "/" + fmt.Sprint(f.Target)
	if n := len(f.Waived); n > 0 {
		s += fmt.Sprintf(" · %d waived", n)
	}
	return s
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
	// Countermeasure names the countermeasure that compensates the cell.
	Countermeasure string `json:"countermeasure,omitempty"`
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
	// Waivers name the active waivers that cover the gap in some of its
	// requirements (WaivedFor); ExpiredWaivers those that would have, had
	// they not expired. A gap is waived only when every requirement it
	// fails is waived (or compensated); otherwise it stays open for the rest.
	Waivers        []string `json:"waivers,omitempty"`
	WaivedFor      []string `json:"waived_for,omitempty"`
	ExpiredWaivers []string `json:"expired_waivers,omitempty"`
	// Cause and Exposure are the finding's (see Finding).
	Cause    string    `json:"cause,omitempty"`
	Exposure *Exposure `json:"exposure,omitempty"`
	// Countermeasures name the active countermeasures that compensate the
	// gap in the requirements CompensatedFor.
	Countermeasures []string `json:"countermeasures,omitempty"`
	CompensatedFor  []string `json:"compensated_for,omitempty"`
}

// Countermeasure is a compensating countermeasure of the assessment file
// and what became of it.
type Countermeasure struct {
	Name         string               `json:"name"`
	Requirements []string             `json:"requirements"`
	Zones        []string             `json:"zones"`
	Description  string               `json:"description"`
	Evidence     []model.EvidenceFile `json:"evidence"`
	Attestation  string               `json:"attestation,omitempty"`
	ApprovedBy   string               `json:"approved_by"`
	Expires      string               `json:"expires"`
	// Status is active, expired or unattested; Reason says why it is not
	// active.
	Status string `json:"status"`
	Reason string `json:"reason,omitempty"`
	// Cells counts the requirement × zone cells it compensates.
	Cells int `json:"cells"`
}

// Change says in words what the override does to its check: "switched
// off", or "narrowed to" the requirements it keeps.
func (o Override) Change() string {
	if !o.Enabled {
		return "switched off"
	}
	return "narrowed to " + strings.Join(o.Requirements, ", ")
}

// Override is a check the assessment file switched off or narrowed.
type Override struct {
	Rule    string `json:"rule"`
	Enabled bool   `json:"enabled"`
	// Requirements are the check's requirements under the override;
	// Dropped those the override took away (all of them when disabled).
	Requirements []string `json:"requirements"`
	Dropped      []string `json:"dropped"`
	Reason       string   `json:"reason"`
	ApprovedBy   string   `json:"approved_by"`
}

// Waiver is a waiver of the assessment file and what became of it.
type Waiver struct {
	Name        string `json:"name"`
	Requirement string `json:"requirement"`
	// Rule limits the waiver to one check's findings; "" for any check.
	Rule                string `json:"rule,omitempty"`
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
	// SnapshotDigest identifies the snapshot of files the evidence was
	// read from (an advisory collection; evidence.Provenance).
	SnapshotDigest string `json:"snapshot_digest,omitempty"`
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

// Observed renders the evidence's observation window for people:
// "2026-10-28T09:00:00Z … 2026-10-28T09:00:00.125Z (125ms)", or "" when
// the evidence has none (only captures do).
func (e Evidence) Observed() string {
	if e.Window == "" {
		return ""
	}
	return e.ObservedFrom + " … " + e.ObservedTo + " (" + e.Window + ")"
}

// Encode returns the scorecard's canonical JSON (see WriteTo).
func (sc *Scorecard) Encode() ([]byte, error) {
	var buf bytes.Buffer
	if _, err := sc.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteTo writes the scorecard's canonical JSON, evidence.Canonical(sc),
// to w with its lists that grow with the gaps (the gaps, the requirements
// whose cells list them, the root causes) made canonical one element at a
// time: the scorecard without them is made canonical, and each list is
// written in the place of its top-level null. Canonical JSON orders an
// object's members by key whatever their values, so the bytes are the
// same, and the scorecard's JSON is never in memory whole.
func (sc *Scorecard) WriteTo(w io.Writer) (int64, error) {
	skeleton := *sc
	skeleton.Gaps, skeleton.Requirements, skeleton.RootCauses = nil, nil, nil
	head, err := evidence.Canonical(&skeleton)
	if err != nil {
		return 0, err
	}
	// In key order, as canonical JSON has them.
	lists := []struct {
		key  string
		nil  bool
		n    int
		elem func(i int) any
		// gap lists are written by appendGap.
		gap bool
	}{
		{"gaps", sc.Gaps == nil, len(sc.Gaps), nil, true},
		{"requirements", sc.Requirements == nil, len(sc.Requirements), func(i int) any { return &sc.Requirements[i] }, false},
		{"root_causes", sc.RootCauses == nil, len(sc.RootCauses), func(i int) any { return &sc.RootCauses[i] }, false},
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := &countingWriter{w: bw}
	var scratch bytes.Buffer
	var buf []byte
	depth := 0
	for _, l := range lists {
		before, after, ok := cutNullMember(head, l.key, depth)
		depth = 1
		if !ok {
			return cw.n, fmt.Errorf("encode scorecard: no top-level %s member", l.key)
		}
		cw.write(before)
		if l.nil {
			cw.write([]byte("null"))
		} else {
			cw.write([]byte("["))
			for i := range l.n {
				if i > 0 {
					cw.write([]byte(","))
				}
				if l.gap {
					buf, err = appendGap(buf[:0], &scratch, &sc.Gaps[i])
				} else {
					buf, err = evidence.AppendCanonical(buf[:0], &scratch, l.elem(i))
				}
				if err != nil {
					return cw.n, fmt.Errorf("encode scorecard %s: %w", l.key, err)
				}
				cw.write(buf)
			}
			cw.write([]byte("]"))
		}
		head = after
	}
	cw.write(head)
	if cw.err == nil {
		cw.err = bw.Flush()
	}
	return cw.n, cw.err
}

// countingWriter counts what it writes and keeps the first error.
type countingWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countingWriter) write(p []byte) {
	if c.err != nil {
		return
	}
	n, err := c.w.Write(p)
	c.n += int64(n)
	c.err = err
}

// cutNullMember cuts the compact JSON object obj, or the rest of one
// after some of its members, around the value of its top-level member
// key, which must be null: before ends with `"key":`, after starts after
// the null. Members of nested objects and text inside strings are skipped
// over.
// depth is 0 for a whole object, 1 for the rest of one.
func cutNullMember(obj []byte, key string, depth int) (before, after []byte, ok bool) {
	want := []byte(`"` + key + `":null`)
	for i := 0; i < len(obj); i++ {
		switch obj[i] {
		case '"':
			if depth == 1 && i > 0 && bytes.HasPrefix(obj[i:], want) && (obj[i-1] == '{' || obj[i-1] == ',') {
				at := i + len(want) - len("null")
				return obj[:at], obj[at+len("null"):], true
			}
			for i++; i < len(obj) && obj[i] != '"'; i++ {
				if obj[i] == '\\' {
					i++
				}
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
		}
	}
	return nil, nil, false
}

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
