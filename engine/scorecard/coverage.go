package scorecard

import (
	"slices"
	"strings"

	"github.com/slate-ot/slate/engine/catalog"
	"github.com/slate-ot/slate/engine/model"
)

// Coverage classes: how a requirement is assessed.
const (
	// CoverageAutomated requirements are decided by checks from evidence;
	// an attestation is only needed where there is no evidence.
	CoverageAutomated = "automated"
	// CoveragePartial requirements are decided in part by checks; the
	// rest needs an attestation before the requirement passes.
	CoveragePartial = "partial"
	// CoverageManual requirements are decided by attestation alone.
	CoverageManual = "manual"
)

// CoverageClasses lists the classes in the order reports show them.
var CoverageClasses = []string{CoverageAutomated, CoveragePartial, CoverageManual}

// Coverage says how one requirement is assessed by a set of checks.
type Coverage struct {
	// Key is the qualified requirement id.
	Key   string `json:"requirement"`
	Class string `json:"class"`
	// Rules cite the requirement in their METADATA; Mapped reach a NIST
	// control through the curated IEC → NIST mapping rows.
	Rules  []string `json:"rules"`
	Mapped []string `json:"mapped,omitempty"`
	// Automates are the rules that declare they decide it in full
	// (METADATA custom.automates).
	Automates []string `json:"automates,omitempty"`
}

// CoverageOf classifies every requirement in reqs by the rules that
// evaluate it: automated when a rule automates it, partial when any rule
// cites it (directly, or for a NIST control through the mapping), manual
// otherwise. The result has one entry per requirement, in reqs order.
func CoverageOf(cat *catalog.Catalog, rules []Rule, reqs []catalog.Requirement) []Coverage {
	direct, mapped := ruleIndex(cat, rules)
	out := make([]Coverage, 0, len(reqs))
	for _, r := range reqs {
		key := r.Key()
		c := Coverage{Key: key, Class: CoverageManual, Rules: []string{}}
		for _, rule := range direct[key] {
			c.Rules = append(c.Rules, rule.ID)
			if slices.Contains(rule.Automates, key) {
				c.Automates = append(c.Automates, rule.ID)
			}
		}
		for _, rule := range mapped[key] {
			if !slices.Contains(c.Rules, rule.ID) {
				c.Mapped = append(c.Mapped, rule.ID)
			}
		}
		switch {
		case len(c.Automates) > 0:
			c.Class = CoverageAutomated
		case len(c.Rules)+len(c.Mapped) > 0:
			c.Class = CoveragePartial
		}
		slices.Sort(c.Rules)
		slices.Sort(c.Mapped)
		slices.Sort(c.Automates)
		out = append(out, c)
	}
	return out
}

// ruleIndex returns, per qualified requirement key, the rules that cite it
// and the rules that reach it only through the curated mapping (an IEC
// requirement of the rule rolls up to the NIST controls the mapping
// relates to it).
func ruleIndex(cat *catalog.Catalog, rules []Rule) (direct, mapped map[string][]Rule) {
	direct, mapped = map[string][]Rule{}, map[string][]Rule{}
	for _, r := range rules {
		for _, key := range r.Requirements {
			direct[key] = append(direct[key], r)
		}
		seen := map[string]bool{}
		for _, key := range r.Requirements {
			id, ok := strings.CutPrefix(key, catalog.IEC+":")
			if !ok {
				continue
			}
			for _, nist := range cat.RollUp(id) {
				if !seen[nist] && !slices.Contains(r.Requirements, nist) {
					seen[nist] = true
					mapped[nist] = append(mapped[nist], r)
				}
			}
		}
	}
	return direct, mapped
}

// Requirements returns the catalog requirements an assessment's frameworks
// select, in catalog order: all IEC 62443-3-3 SRs and REs, and the NIST
// controls of the selected baseline. baseline reports, per NIST id, that
// it belongs to the selected baseline.
func Requirements(cat *catalog.Catalog, frameworks []model.Framework) (reqs []catalog.Requirement, baseline map[string]bool) {
	baseline = map[string]bool{}
	for _, fw := range frameworks {
		switch fw.ID {
		case model.FrameworkIEC62443:
			reqs = append(reqs, cat.IEC...)
		case model.FrameworkNIST:
			for _, r := range cat.Baseline(fw.Baseline) {
				baseline[r.ID] = true
				reqs = append(reqs, r)
			}
		}
	}
	return reqs, baseline
}

// CoverageSummary tells, for one framework, how its requirements are
// assessed (by class) and how the requirement × zone cells were decided.
type CoverageSummary struct {
	Framework string
	// Classes counts requirements by coverage class.
	Classes map[string]int
	// ByChecks are cells decided by checks alone, Attested those an
	// attestation decided or completed, Open those still not_assessed or
	// waiting for an attestation (manual).
	ByChecks, Attested, Open, Cells int
}

// CoverageSummaries returns one summary per framework, in name order.
func (sc *Scorecard) CoverageSummaries() []CoverageSummary {
	by := map[string]*CoverageSummary{}
	var names []string
	for _, r := range sc.Requirements {
		s := by[r.Framework]
		if s == nil {
			s = &CoverageSummary{Framework: r.Framework, Classes: map[string]int{}}
			by[r.Framework] = s
			names = append(names, r.Framework)
		}
		s.Classes[r.Coverage]++
		for _, z := range r.Zones {
			s.Cells++
			switch {
			case z.Status == StatusNotAssessed || z.Status == StatusManual:
				s.Open++
			case z.Attestation != "":
				s.Attested++
			default:
				s.ByChecks++
			}
		}
	}
	slices.Sort(names)
	out := make([]CoverageSummary, 0, len(names))
	for _, n := range names {
		out = append(out, *by[n])
	}
	return out
}
