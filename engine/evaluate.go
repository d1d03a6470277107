package engine

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"golang.org/x/sync/errgroup"

	"github.com/slate-ot/slate/engine/assessment"
	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
)

// DefaultPolicyTimeout bounds the evaluation of one check when
// Options.PolicyTimeout is not set.
const DefaultPolicyTimeout = 30 * time.Second

// Input builds the document policies see as `input`:
//
//	{"assessment": {name, site, as_of, frameworks, zones, conduits},
//	 "evidence":   {"<kind>": [document, …], …}}
//
// Every evidence kind the assessment knows appears, with an empty list when
// no source of that kind exists, so policies can test for absence.
func Input(a *assessment.Assessment, b *evidence.Bundle, asOf string, kinds []string) ([]byte, error) {
	ev := map[string][]evidence.Document{}
	for _, k := range kinds {
		ev[k] = []evidence.Document{}
	}
	for _, d := range b.Documents {
		ev[d.Kind] = append(ev[d.Kind], d)
	}
	view := *a
	view.AsOf = asOf
	return evidence.Canonical(map[string]any{"assessment": view, "evidence": ev})
}

// Evaluate runs every check of ps over input (from Input) at the fixed
// time asOf and returns one result per check, sorted by rule id. Each
// check may run for timeout (DefaultPolicyTimeout when it is not
// positive). A check that errors, runs out of time, or returns a
// malformed finding fails the whole evaluation with a *PolicyError: a
// broken policy never reads as a pass.
func (ps *PolicySet) Evaluate(ctx context.Context, input []byte, asOf time.Time, zones []string, timeout time.Duration) ([]scorecard.Result, error) {
	if timeout <= 0 {
		timeout = DefaultPolicyTimeout
	}
	value, err := ast.ValueFromReader(bytes.NewReader(input))
	if err != nil {
		return nil, fmt.Errorf("policy input: %w", err)
	}
	// Checks are independent: evaluate them side by side, keep rule order.
	results := make([]scorecard.Result, len(ps.Rules))
	errs := make([]error, len(ps.Rules))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, rule := range ps.Rules {
		g.Go(func() error {
			results[i], errs[i] = ps.evalRule(ctx, rule, value, asOf, zones, timeout)
			return nil
		})
	}
	_ = g.Wait()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	var problems []string
	for i, err := range errs {
		if err != nil {
			rule := ps.Rules[i]
			problems = append(problems, fmt.Sprintf("%s:%d: %s (%s): %v", rule.File, rule.Line, rule.Package, rule.ID, err))
		}
	}
	if len(problems) > 0 {
		return nil, &PolicyError{Problems: problems}
	}
	return results, nil
}

func (ps *PolicySet) evalRule(ctx context.Context, rule Rule, input ast.Value, asOf time.Time, zones []string, timeout time.Duration) (scorecard.Result, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	r := rego.New(
		rego.Compiler(ps.compiler),
		rego.Query("data."+rule.Package),
		rego.ParsedInput(input),
		rego.Time(asOf),
		rego.StrictBuiltinErrors(true),
		rego.Capabilities(Capabilities()),
	)
	rs, err := r.Eval(ctx)
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return scorecard.Result{}, fmt.Errorf("evaluation stopped after %s, the policy timeout", timeout)
		}
		return scorecard.Result{}, err
	}
	res := scorecard.Result{Rule: rule, Findings: []scorecard.Finding{}, Assessed: []string{}, NotApplicable: []string{}}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return res, nil
	}
	doc, _ := rs[0].Expressions[0].Value.(map[string]any)
	known := func(z string) bool { return z == "*" || slices.Contains(zones, z) }
	if res.Assessed, err = zoneList(doc["assessed"], "assessed", known); err != nil {
		return res, err
	}
	if res.NotApplicable, err = zoneList(doc["not_applicable"], "not_applicable", known); err != nil {
		return res, err
	}
	deny, ok := doc["deny"].([]any)
	if doc["deny"] != nil && !ok {
		return res, errors.New("deny must be a set of finding objects")
	}
	for _, v := range deny {
		f, err := decodeFinding(v, known)
		if err != nil {
			return res, err
		}
		res.Findings = append(res.Findings, f)
	}
	res.Findings = mergeFindings(res.Findings)
	return res, nil
}

func zoneList(v any, name string, known func(string) bool) ([]string, error) {
	out := []string{}
	if v == nil {
		return out, nil
	}
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("%s must be a set of zone names", name)
	}
	for _, z := range list {
		s, ok := z.(string)
		if !ok || !known(s) {
			return nil, fmt.Errorf("%s contains %v, which is not a zone of the assessment (or \"*\")", name, z)
		}
		out = append(out, s)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

func decodeFinding(v any, known func(string) bool) (scorecard.Finding, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return scorecard.Finding{}, fmt.Errorf("finding %v is not an object", v)
	}
	str := func(key string) (string, error) {
		switch s := m[key].(type) {
		case nil:
			return "", nil
		case string:
			return s, nil
		default:
			return "", fmt.Errorf("finding field %q must be a string, got %v", key, s)
		}
	}
	var f scorecard.Finding
	var err error
	for key, dst := range map[string]*string{"subject": &f.Subject, "zone": &f.Zone, "message": &f.Message, "severity": &f.Severity, "owner": &f.Owner} {
		if *dst, err = str(key); err != nil {
			return f, err
		}
	}
	if f.Subject == "" || f.Message == "" {
		return f, fmt.Errorf("finding %v needs a subject and a message", v)
	}
	if f.Zone != "" && (f.Zone == "*" || !known(f.Zone)) {
		return f, fmt.Errorf("finding for %s names zone %q, which the assessment does not declare", f.Subject, f.Zone)
	}
	if f.Severity != "" && !slices.Contains(Severities, f.Severity) {
		return f, fmt.Errorf("finding for %s has severity %q, not one of %s", f.Subject, f.Severity, strings.Join(Severities, ", "))
	}
	if f.Owner != "" && !slices.Contains(Owners, f.Owner) {
		return f, fmt.Errorf("finding for %s has owner %q, not one of %s", f.Subject, f.Owner, strings.Join(Owners, ", "))
	}
	refs, _ := m["evidence"].([]any)
	f.Evidence = []evidence.Ref{}
	for _, r := range refs {
		rm, ok := r.(map[string]any)
		if !ok {
			return f, fmt.Errorf("finding for %s: evidence %v is not an object", f.Subject, r)
		}
		ref := evidence.Ref{}
		ref.Document, _ = rm["document"].(string)
		ref.Record, _ = rm["record"].(string)
		ref.File, _ = rm["file"].(string)
		if n, ok := rm["line"].(interface{ Int64() (int64, error) }); ok {
			l, _ := n.Int64()
			ref.Line = int(l)
		}
		if ref.Document == "" {
			return f, fmt.Errorf("finding for %s: evidence %v names no document", f.Subject, r)
		}
		f.Evidence = append(f.Evidence, ref)
	}
	slices.SortFunc(f.Evidence, compareRefs)
	f.Evidence = slices.Compact(f.Evidence)
	return f, nil
}

// mergeFindings sorts findings and merges those that say the same thing
// (zone, subject, message) about different evidence records — two flows of
// one conversation, say — into one finding citing all of them, so every
// gap id is unique.
func mergeFindings(fs []scorecard.Finding) []scorecard.Finding {
	key := func(f scorecard.Finding) string { return f.Zone + "\x00" + f.Subject + "\x00" + f.Message }
	slices.SortStableFunc(fs, func(a, b scorecard.Finding) int { return strings.Compare(key(a), key(b)) })
	out := fs[:0]
	for _, f := range fs {
		if n := len(out); n > 0 && key(out[n-1]) == key(f) {
			prev := &out[n-1]
			prev.Evidence = append(prev.Evidence, f.Evidence...)
			slices.SortFunc(prev.Evidence, compareRefs)
			prev.Evidence = slices.Compact(prev.Evidence)
			prev.Severity = maxSeverity(prev.Severity, f.Severity)
			continue
		}
		out = append(out, f)
	}
	return out
}

func compareRefs(a, b evidence.Ref) int {
	return cmp.Or(cmp.Compare(a.Document, b.Document), cmp.Compare(a.Record, b.Record),
		cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
}

// maxSeverity returns the worse of two severities ("" is the rule's own).
func maxSeverity(a, b string) string {
	if slices.Index(Severities, b) > slices.Index(Severities, a) {
		return b
	}
	return a
}
