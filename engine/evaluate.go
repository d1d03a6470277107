package engine

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"golang.org/x/sync/errgroup"

	"github.com/slate-ot/slate/engine/assessment"
	"github.com/slate-ot/slate/engine/catalog"
	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
)

// DefaultPolicyTimeout bounds the evaluation of one check when
// Options.PolicyTimeout is not set.
const DefaultPolicyTimeout = 30 * time.Second

// Input builds the document policies see as `input`:
//
//	{"assessment": {name, site, as_of, frameworks, zones, conduits, sources},
//	 "evidence":   {"<kind>": [document, …], …}}
//
// sources say what each source block bounds its evidence to (see
// inputSource), for the checks to tell which zones a source speaks for.
//
// Every evidence kind the assessment knows appears, with an empty list when
// no source of that kind exists, so policies can test for absence.
//
// The result is canonical JSON as long as each document's data is, as
// evidence.Document requires: data is copied in as it is rather than
// re-encoded, because for a site with a million flows it is most of the
// input and encoding it again would cost seconds. Evaluate checks that the
// text is valid JSON.
func Input(a *assessment.Assessment, b *evidence.Bundle, asOf string, kinds []string) ([]byte, error) {
	head, names, byKind, err := inputParts(a, b, asOf, kinds)
	if err != nil {
		return nil, err
	}
	size := 0
	for _, d := range b.Documents {
		size += len(d.Data)
	}
	out := make([]byte, 0, size+len(head)+1024)
	out = append(out, `{"assessment":`...)
	out = append(out, head...)
	out = append(out, `,"evidence":{`...)
	for i, kind := range names {
		key, err := evidence.Canonical(kind)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, key...)
		out = append(out, ':', '[')
		for j, d := range byKind[kind] {
			if j > 0 {
				out = append(out, ',')
			}
			if out, err = appendDocument(out, d); err != nil {
				return nil, err
			}
		}
		out = append(out, ']')
	}
	return append(out, '}', '}'), nil
}

// inputParts are what input is made of: the assessment's canonical JSON
// with the run's date, and the documents by kind (every kind of kinds, and
// any other a document has), kinds sorted, documents in bundle order.
func inputParts(a *assessment.Assessment, b *evidence.Bundle, asOf string, kinds []string) (head []byte, names []string, byKind map[string][]evidence.Document, err error) {
	byKind = map[string][]evidence.Document{}
	for _, k := range kinds {
		byKind[k] = nil
	}
	for _, d := range b.Documents {
		byKind[d.Kind] = append(byKind[d.Kind], d)
	}
	view := inputAssessment{Assessment: *a, Sources: []inputSource{}}
	view.AsOf = asOf
	for _, src := range a.Sources {
		zones := src.Zones
		if zones == nil {
			zones = []string{}
		}
		view.Sources = append(view.Sources, inputSource{Kind: src.Kind, Name: src.Name, Zones: zones,
			MinObservation: src.MinObservation, MinObservationNS: src.MinObservationNS})
	}
	head, err = evidence.Canonical(view)
	return head, slices.Sorted(maps.Keys(byKind)), byKind, err
}

// inputAssessment is input.assessment: the assessment with its sources'
// scope.
type inputAssessment struct {
	assessment.Assessment
	Sources []inputSource `json:"sources"`
}

// inputSource is one source of input.assessment.sources: its kind and
// name (a document's kind and source), the zones it declares it speaks
// for, and its min_observation ("" and 0 when not set).
type inputSource struct {
	Kind             string   `json:"kind"`
	Name             string   `json:"name"`
	Zones            []string `json:"zones"`
	MinObservation   string   `json:"min_observation,omitempty"`
	MinObservationNS int64    `json:"min_observation_ns,omitempty"`
}

// documentParts splits a document into its canonical JSON with 0 for its
// data (meta) and its data, "null" when empty as encoding/json writes it.
func documentParts(d evidence.Document) (meta, data []byte, err error) {
	data = d.Data
	if len(data) == 0 {
		data = json.RawMessage("null")
	}
	d.Data = json.RawMessage("0")
	meta, err = evidence.Canonical(d)
	return meta, data, err
}

// appendDocument appends d's canonical JSON, with its data copied in.
func appendDocument(out []byte, d evidence.Document) ([]byte, error) {
	meta, data, err := documentParts(d)
	if err != nil {
		return nil, err
	}
	// "data" is the first key in sorted order; anything else (a field
	// added to Document that sorts before it) takes the slow path.
	const prefix = `{"data":0,`
	if !bytes.HasPrefix(meta, []byte(prefix)) {
		d.Data = data
		meta, err := evidence.Canonical(d)
		return append(out, meta...), err
	}
	out = append(out, `{"data":`...)
	out = append(out, data...)
	out = append(out, ',')
	return append(out, meta[len(prefix):]...), nil
}

// Evaluate runs every check of ps over input (from Input) at the fixed
// time asOf and returns one result per check, sorted by rule id. Each
// check may run for timeout (DefaultPolicyTimeout when it is not
// positive). A check that errors, runs out of time, or returns a
// malformed finding fails the whole evaluation with a *PolicyError: a
// broken policy never reads as a pass.
func (ps *PolicySet) Evaluate(ctx context.Context, input []byte, asOf time.Time, zones []string, timeout time.Duration) ([]scorecard.Result, error) {
	value, err := prepareInput(input, ps.plan())
	if err != nil {
		return nil, fmt.Errorf("policy input: %w", err)
	}
	return ps.evaluateValue(ctx, value, asOf, zones, timeout)
}

// evaluateValue is Evaluate on the converted input.
func (ps *PolicySet) evaluateValue(ctx context.Context, value ast.Value, asOf time.Time, zones []string, timeout time.Duration) ([]scorecard.Result, error) {
	if timeout <= 0 {
		timeout = DefaultPolicyTimeout
	}
	// Checks are independent: evaluate them side by side, keep rule order.
	// The checks that join several kinds of evidence take longest on a
	// large site: they start first, so that the others fill the time
	// around them rather than one of them running alone at the end.
	results := make([]scorecard.Result, len(ps.Rules))
	errs := make([]error, len(ps.Rules))
	reads := ps.Reads()
	order := make([]int, len(ps.Rules))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Compare(len(reads[ps.Rules[b].Package]), len(reads[ps.Rules[a].Package]))
	})
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, i := range order {
		rule := ps.Rules[i]
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
	var timedOut time.Duration
	for i, err := range errs {
		if err != nil {
			rule := ps.Rules[i]
			problems = append(problems, fmt.Sprintf("%s:%d: %s (%s): %v", rule.File, rule.Line, rule.Package, rule.ID, err))
			if te := (*timeoutError)(nil); errors.As(err, &te) {
				timedOut = te.timeout
			}
		}
	}
	if len(problems) > 0 {
		return nil, &PolicyError{Problems: problems, Timeout: timedOut}
	}
	return results, nil
}

// timeoutError is a check stopped at the policy timeout.
type timeoutError struct{ timeout time.Duration }

func (e *timeoutError) Error() string {
	return fmt.Sprintf("evaluation stopped after %s, the policy timeout", e.timeout)
}

func (ps *PolicySet) evalRule(ctx context.Context, rule Rule, input ast.Value, asOf time.Time, zones []string, timeout time.Duration) (scorecard.Result, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	// Only the four results are read: a package's other rules can hold
	// large values (every flow of a group, an index of the inventory)
	// that would otherwise be converted for nothing. Each is wrapped so
	// that an undefined one leaves the others.
	pkg := "data." + rule.Package
	query := fmt.Sprintf(`deny := {"v": x | x := %[1]s.deny}; assessed := {"v": x | x := %[1]s.assessed}; not_applicable := {"v": x | x := %[1]s.not_applicable}; notes := {"v": x | x := %[1]s.notes}`, pkg)
	r := rego.New(
		rego.Compiler(ps.compiler),
		rego.Store(ps.store),
		rego.Query(query),
		rego.ParsedInput(input),
		rego.Time(asOf),
		rego.StrictBuiltinErrors(true),
		rego.Capabilities(Capabilities()),
		// The results are read as OPA's values (decodeFindings), not
		// through a Go map per finding: a check of a million findings
		// would hold both at once.
		rego.GenerateJSON(func(t *ast.Term, _ *rego.EvalContext) (any, error) { return t.Value, nil }),
	)
	// OPA checks the deadline between evaluation steps, not inside a
	// builtin: one call on a huge value (strings.replace_n over megabytes)
	// would run past it. The check runs aside, and the deadline is kept
	// here; a builtin still running finishes in the background, its
	// result unused.
	type evaluated struct {
		rs  rego.ResultSet
		err error
	}
	done := make(chan evaluated, 1)
	go func() {
		rs, err := r.Eval(ctx)
		done <- evaluated{rs, err}
	}()
	var rs rego.ResultSet
	var err error
	select {
	case e := <-done:
		rs, err = e.rs, e.err
	case <-ctx.Done():
		err = ctx.Err()
	}
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return scorecard.Result{}, &timeoutError{timeout}
		}
		return scorecard.Result{}, err
	}
	res := scorecard.Result{Rule: rule, Findings: []scorecard.Finding{}, Assessed: []string{}, NotApplicable: []string{}}
	if len(rs) == 0 {
		return res, nil
	}
	doc := map[string]ast.Value{}
	for _, name := range checkResults {
		if m, ok := rs[0].Bindings[name].(ast.Object); ok {
			if v := m.Get(termV); v != nil {
				doc[name] = v.Value
			}
		}
	}
	known := func(z string) bool { return z == "*" || slices.Contains(zones, z) }
	if res.Assessed, err = zoneList(goValue(doc["assessed"]), "assessed", known); err != nil {
		return res, err
	}
	if res.NotApplicable, err = zoneList(goValue(doc["not_applicable"]), "not_applicable", known); err != nil {
		return res, err
	}
	if res.Notes, err = zoneNotes(goValue(doc["notes"]), known); err != nil {
		return res, err
	}
	if res.Findings, err = decodeFindings(doc["deny"], rule, known); err != nil {
		return res, err
	}
	res.Findings = mergeFindings(res.Findings)
	// In the rule's (catalog) order. The findings of a check mostly fail
	// the same requirements: each distinct list is made once and shared
	// (nothing changes a finding's list after this).
	var lists [][]string
	for i := range res.Findings {
		f := &res.Findings[i]
		var reqs []string
		for _, k := range rule.Requirements {
			if slices.Contains(f.Requirements, k) {
				reqs = append(reqs, k)
			}
		}
		if j := slices.IndexFunc(lists, func(l []string) bool { return slices.Equal(l, reqs) }); j >= 0 {
			f.Requirements = lists[j]
			continue
		}
		// Clipped, so that an append to one finding's list copies it.
		reqs = slices.Clip(reqs)
		if reqs == nil {
			reqs = []string{}
		}
		if len(lists) < 16 {
			lists = append(lists, reqs)
		}
		f.Requirements = reqs
	}
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

// zoneNotes reads a check's notes: a set of {"zone": z, "note": text}
// objects, z a zone of the assessment or "*" (every zone). The result maps
// each zone to its notes, sorted and unique; nil when there are none.
func zoneNotes(v any, known func(string) bool) (map[string][]string, error) {
	if v == nil {
		return nil, nil
	}
	list, ok := v.([]any)
	if !ok {
		return nil, errors.New(`notes must be a set of {"zone": z, "note": text} objects`)
	}
	var out map[string][]string
	for _, x := range list {
		m, ok := x.(map[string]any)
		zone, zok := m["zone"].(string) // not traffic evidence: a policy's note
		note, nok := m["note"].(string)
		if !ok || !zok || !nok || len(m) != 2 || note == "" {
			return nil, fmt.Errorf(`note %v is not a {"zone": z, "note": text} object with a non-empty note`, x)
		}
		if !known(zone) {
			return nil, fmt.Errorf("note %q names zone %q, which is not a zone of the assessment (or \"*\")", note, zone)
		}
		if out == nil {
			out = map[string][]string{}
		}
		out[zone] = append(out[zone], note)
	}
	for z, ns := range out {
		slices.Sort(ns)
		out[z] = slices.Compact(ns)
	}
	return out, nil
}

// findingRequirements resolves the requirements finding f of rule fails:
// those of its kind, those it names (some of the rule's), or, when the
// rule has no kinds and the finding names none, all of the rule's. A rule
// that declares kinds must see one named on each finding.
func findingRequirements(f *scorecard.Finding, rule Rule) error {
	switch {
	case f.Kind != "":
		fk, ok := rule.Kind(f.Kind)
		if !ok {
			var names []string
			for _, k := range rule.Kinds {
				names = append(names, k.Kind)
			}
			return fmt.Errorf("finding for %s names kind %q, which METADATA custom.findings does not declare (kinds: %s)",
				f.Subject, f.Kind, strings.Join(names, ", "))
		}
		if len(f.Requirements) == 0 {
			f.Requirements = slices.Clone(fk.Requirements)
			return nil
		}
		for _, key := range f.Requirements {
			if !slices.Contains(fk.Requirements, key) {
				return fmt.Errorf("finding for %s names requirement %s, which its kind %q does not map", f.Subject, key, f.Kind)
			}
		}
	case len(rule.Kinds) > 0:
		return fmt.Errorf("finding for %s names no kind; the check declares kinds in METADATA custom.findings", f.Subject)
	case len(f.Requirements) == 0:
		f.Requirements = slices.Clone(rule.Requirements)
		return nil
	}
	for _, key := range f.Requirements {
		if !slices.Contains(rule.Requirements, key) {
			return fmt.Errorf("finding for %s names requirement %s, which is not one of the check's (METADATA custom.requirements)", f.Subject, key)
		}
	}
	return nil
}

// termV is the member every result of a check's query is wrapped in.
var termV = ast.StringTerm("v")

// goValue is v as encoding/json would give it (nil for no value): how the
// small results of a check are read, and how a value a check got wrong is
// shown in the error.
func goValue(v ast.Value) any {
	if v == nil {
		return nil
	}
	x, err := ast.JSON(v)
	if err != nil {
		return v.String()
	}
	return x
}

// decodeFindings reads a check's deny set (or array), OPA's value as the
// check made it, a finding at a time into the findings of rule.
func decodeFindings(deny ast.Value, rule Rule, known func(string) bool) ([]scorecard.Finding, error) {
	var n int
	switch d := deny.(type) {
	case nil:
		return []scorecard.Finding{}, nil
	case ast.Set:
		n = d.Len()
	case *ast.Array:
		n = d.Len()
	default:
		return []scorecard.Finding{}, errors.New("deny must be a set of finding objects")
	}
	out := make([]scorecard.Finding, 0, n)
	each := func(t *ast.Term) error {
		f, err := decodeFinding(t.Value, known)
		if err != nil {
			return err
		}
		if err := findingRequirements(&f, rule); err != nil {
			return err
		}
		out = append(out, f)
		return nil
	}
	var err error
	switch d := deny.(type) {
	case ast.Set:
		err = d.Iter(each)
	case *ast.Array:
		err = d.Iter(each)
	}
	return out, err
}

// Members of a finding object.
var (
	termSubject      = ast.StringTerm("subject")
	termZone         = ast.StringTerm("zone")
	termMessage      = ast.StringTerm("message")
	termSeverity     = ast.StringTerm("severity")
	termOwner        = ast.StringTerm("owner")
	termCause        = ast.StringTerm("cause")
	termKind         = ast.StringTerm("kind")
	termRequirements = ast.StringTerm("requirements")
	termExposure     = ast.StringTerm("exposure")
	termEvidence     = ast.StringTerm("evidence")
	termDocument     = ast.StringTerm("document")
	termRecord       = ast.StringTerm("record")
	termFile         = ast.StringTerm("file")
	termLine         = ast.StringTerm("line")
)

// elements calls f on each element of a set or an array; ok is false for
// any other value.
func elements(v ast.Value, f func(*ast.Term) error) (ok bool, err error) {
	switch l := v.(type) {
	case ast.Set:
		return true, l.Iter(f)
	case *ast.Array:
		return true, l.Iter(f)
	}
	return false, nil
}

// stringOf is the string member key of o, "" when o has none (or null),
// and ok false when the member is not a string.
func stringOf(o ast.Object, key *ast.Term) (s string, ok bool) {
	t := o.Get(key)
	if t == nil {
		return "", true
	}
	switch v := t.Value.(type) {
	case ast.String:
		return string(v), true
	case ast.Null:
		return "", true
	}
	return "", false
}

// decodeFinding reads one finding object of a check.
func decodeFinding(v ast.Value, known func(string) bool) (scorecard.Finding, error) {
	m, ok := v.(ast.Object)
	if !ok {
		return scorecard.Finding{}, fmt.Errorf("finding %v is not an object", goValue(v))
	}
	var f scorecard.Finding
	for _, field := range []struct {
		key *ast.Term
		dst *string
	}{{termSubject, &f.Subject}, {termZone, &f.Zone}, {termMessage, &f.Message}, {termSeverity, &f.Severity}, {termOwner, &f.Owner}, {termCause, &f.Cause}} {
		s, ok := stringOf(m, field.key)
		if !ok {
			return f, fmt.Errorf("finding field %q must be a string, got %v", string(field.key.Value.(ast.String)), goValue(m.Get(field.key).Value))
		}
		*field.dst = s
	}
	if f.Subject == "" || f.Message == "" {
		return f, fmt.Errorf("finding %v needs a subject and a message", goValue(v))
	}
	if f.Zone != "" && (f.Zone == "*" || !known(f.Zone)) {
		return f, fmt.Errorf("finding for %s names zone %q, which the assessment does not declare", f.Subject, f.Zone)
	}
	if f.Severity != "" && !slices.Contains(evidence.Severities, f.Severity) {
		return f, fmt.Errorf("finding for %s has severity %q, not one of %s", f.Subject, f.Severity, strings.Join(evidence.Severities, ", "))
	}
	if f.Owner != "" && !slices.Contains(evidence.Owners, f.Owner) {
		return f, fmt.Errorf("finding for %s has owner %q, not one of %s", f.Subject, f.Owner, strings.Join(evidence.Owners, ", "))
	}
	var sok bool
	if f.Kind, sok = stringOf(m, termKind); !sok {
		return f, fmt.Errorf("finding field %q must be a string, got %v", "kind", goValue(m.Get(termKind).Value))
	}
	if t := m.Get(termRequirements); t != nil {
		ok, err := elements(t.Value, func(x *ast.Term) error {
			id, ok := x.Value.(ast.String)
			if !ok {
				return fmt.Errorf("finding for %s: requirement %v is not a string", f.Subject, goValue(x.Value))
			}
			if key := catalog.Qualify(string(id)); !slices.Contains(f.Requirements, key) {
				f.Requirements = append(f.Requirements, key)
			}
			return nil
		})
		if err != nil {
			return f, err
		}
		if !ok {
			return f, fmt.Errorf("finding for %s: requirements must be a list of requirement ids", f.Subject)
		}
		slices.Sort(f.Requirements)
	}
	var exposure any
	if t := m.Get(termExposure); t != nil {
		exposure = goValue(t.Value)
	}
	var err error
	if f.Exposure, err = decodeExposure(exposure); err != nil {
		return f, fmt.Errorf("finding for %s: %w", f.Subject, err)
	}
	f.Evidence = []evidence.Ref{}
	if t := m.Get(termEvidence); t != nil {
		if _, err := elements(t.Value, func(r *ast.Term) error {
			rm, ok := r.Value.(ast.Object)
			if !ok {
				return fmt.Errorf("finding for %s: evidence %v is not an object", f.Subject, goValue(r.Value))
			}
			ref := evidence.Ref{}
			ref.Document, _ = stringOf(rm, termDocument)
			ref.Record, _ = stringOf(rm, termRecord)
			ref.File, _ = stringOf(rm, termFile)
			if t := rm.Get(termLine); t != nil {
				if n, ok := t.Value.(ast.Number); ok {
					l, _ := json.Number(n).Int64()
					ref.Line = int(l)
				}
			}
			if ref.Document == "" {
				return fmt.Errorf("finding for %s: evidence %v names no document", f.Subject, goValue(r.Value))
			}
			f.Evidence = append(f.Evidence, ref)
			return nil
		}); err != nil {
			return f, err
		}
	}
	slices.SortFunc(f.Evidence, compareRefs)
	f.Evidence = slices.Compact(f.Evidence)
	return f, nil
}

// decodeExposure reads a finding's optional exposure object:
// {"crosses_boundary": bool, "from": "it"|"external"|"dmz"|"ot",
// "conduit": "declared"|"undeclared"}, every member optional.
func decodeExposure(v any) (*scorecard.Exposure, error) {
	if v == nil {
		return nil, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("exposure %q is not an object", fmt.Sprint(v))
	}
	var e scorecard.Exposure
	for _, key := range slices.Sorted(maps.Keys(m)) {
		val := m[key]
		switch key {
		case "crosses_boundary":
			b, ok := val.(bool)
			if !ok {
				return nil, fmt.Errorf("exposure field crosses_boundary must be true or false, got %v", val)
			}
			e.CrossesBoundary = b
		case "from":
			s, ok := val.(string)
			if !ok || !slices.Contains(ExposureOrigins, s) {
				return nil, fmt.Errorf("exposure field from is %q, not one of %s", fmt.Sprint(val), strings.Join(ExposureOrigins, ", "))
			}
			e.From = s
		case "conduit":
			s, ok := val.(string)
			if !ok || !slices.Contains(ExposureConduits, s) {
				return nil, fmt.Errorf("exposure field conduit is %q, not one of %s", fmt.Sprint(val), strings.Join(ExposureConduits, ", "))
			}
			e.Conduit = s
		default:
			return nil, fmt.Errorf("exposure has the unknown field %q (crosses_boundary, from, conduit)", key)
		}
	}
	return &e, nil
}

// ExposureOrigins are the values of a finding's exposure.from.
var ExposureOrigins = []string{scorecard.FromDMZ, scorecard.FromExternal, scorecard.FromIT, scorecard.FromOT}

// ExposureConduits are the values of a finding's exposure.conduit.
var ExposureConduits = []string{scorecard.ConduitDeclared, scorecard.ConduitUndeclared}

// mergeFindings sorts findings and merges those that say the same thing
// (zone, subject, message) about different evidence records — two flows of
// one conversation, say — into one finding citing all of them, so every
// gap id is unique.
func mergeFindings(fs []scorecard.Finding) []scorecard.Finding {
	key := func(f *scorecard.Finding) string { return f.Zone + "\x00" + f.Subject + "\x00" + f.Message }
	// Without a NUL in any of the three, comparing them in turn orders as
	// comparing the keys does, without making a key per comparison.
	compare := func(a, b scorecard.Finding) int {
		return cmp.Or(strings.Compare(a.Zone, b.Zone), strings.Compare(a.Subject, b.Subject), strings.Compare(a.Message, b.Message))
	}
	same := func(a, b *scorecard.Finding) bool {
		return a.Zone == b.Zone && a.Subject == b.Subject && a.Message == b.Message
	}
	if slices.ContainsFunc(fs, func(f scorecard.Finding) bool {
		return strings.Contains(f.Zone, "\x00") || strings.Contains(f.Subject, "\x00") || strings.Contains(f.Message, "\x00")
	}) {
		compare = func(a, b scorecard.Finding) int { return strings.Compare(key(&a), key(&b)) }
		same = func(a, b *scorecard.Finding) bool { return key(a) == key(b) }
	}
	slices.SortStableFunc(fs, compare)
	out := fs[:0]
	for _, f := range fs {
		if n := len(out); n > 0 && same(&out[n-1], &f) {
			prev := &out[n-1]
			prev.Evidence = append(prev.Evidence, f.Evidence...)
			slices.SortFunc(prev.Evidence, compareRefs)
			prev.Evidence = slices.Compact(prev.Evidence)
			prev.Severity = maxSeverity(prev.Severity, f.Severity)
			prev.Exposure = scorecard.MergeExposure(prev.Exposure, f.Exposure)
			// The same fact reported as two kinds fails what both fail.
			for _, k := range f.Requirements {
				if !slices.Contains(prev.Requirements, k) {
					prev.Requirements = append(prev.Requirements, k)
				}
			}
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
	if evidence.SeverityRank(b) > evidence.SeverityRank(a) {
		return b
	}
	return a
}

// prepareInput converts input text (from Input) for evaluation: directly
// from the text (not through Go maps, as ast.ValueFromReader does), one
// document per goroutine, with each string value made once per document
// however often it repeats. The value is shared by every check. The flows
// of capture documents are read into an index, and kept as values only as
// plan says (see flowindex.go); so are the lists of records the index
// holds. input.index is the engine's: an "index" in the input text is
// replaced.
func prepareInput(src []byte, plan inputPlan) (ast.Value, error) {
	return withFallback(plan, func(plan inputPlan) (ast.Value, error) { return convertInput(src, plan) })
}

// withFallback converts as plan says, or, when capture evidence is not
// shaped as the collector writes it, again with every flow and no index:
// the policies then select from every flow themselves.
func withFallback(plan inputPlan, convert func(inputPlan) (ast.Value, error)) (ast.Value, error) {
	v, err := convert(plan)
	if errors.Is(err, errIrregular) && plan.strict {
		return nil, fmt.Errorf("traffic evidence the flow index cannot read: %w", err)
	}
	if errors.Is(err, errIrregular) {
		return convert(inputPlan{allFlows: true, allLists: true, noIndex: true})
	}
	return v, err
}

func convertInput(src []byte, plan inputPlan) (ast.Value, error) {
	sc := &jsonScanner{src: src}
	if !sc.peek('{') {
		// Not an object, so not from Input: policies see it as it is.
		return ast.ValueFromReader(bytes.NewReader(src))
	}
	var members [][2]*ast.Term
	var captures []*capDoc
	var assessment, evidence *ast.Term
	err := sc.object(0, func(key string) error {
		switch key {
		case "index":
			return sc.skip(1)
		case "evidence":
			t, docs, err := convertEvidence(sc, plan)
			captures, evidence = docs, t
			members = append(members, [2]*ast.Term{ast.InternedTerm(key), t})
			return err
		}
		t, err := sc.term(1)
		if key == "assessment" {
			assessment = t
		}
		members = append(members, [2]*ast.Term{ast.StringTerm(key), t})
		return err
	})
	if err != nil {
		return nil, err
	}
	if sc.space(); sc.i != len(src) {
		return nil, sc.errorf("data after the input")
	}
	return withIndex(members, captures, assessment, evidence, plan)
}

// withIndex makes the input object of members with input.index.
func withIndex(members [][2]*ast.Term, captures []*capDoc, assessment, evidence *ast.Term, plan inputPlan) (ast.Value, error) {
	index := ast.NewObject()
	if plan.noIndex {
		members = append(members, [2]*ast.Term{ast.InternedTerm("index"), ast.NewTerm(index)})
		return objectOf(members), nil
	}
	// The two indexes are made side by side.
	var pcap, assets ast.Object
	var g errgroup.Group
	if captures != nil {
		g.Go(func() error {
			var err error
			pcap, err = buildFlowIndex(captures, assessment, !plan.allLists, plan.skipSelections)
			return err
		})
	}
	g.Go(func() error {
		if a, ok := inventoryIndex(evidence, assessment, !plan.allLists); ok {
			assets = a
		}
		return nil
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if pcap != nil {
		index.Insert(ast.InternedTerm("pcap"), ast.NewTerm(pcap))
	}
	if adv, ok := advisoryIndex(evidence, assessment, pcap); ok {
		index.Insert(ast.InternedTerm("advisories"), ast.NewTerm(adv))
	}
	if assets != nil {
		index.Insert(ast.InternedTerm("assets"), ast.NewTerm(assets))
	}
	if joined := joinedIndex(evidence, assessment, pcap, assets); joined != nil {
		index.Insert(ast.InternedTerm("joined"), ast.NewTerm(joined))
	}
	if nc, ok := netconfigIndex(evidence, assessment); ok {
		index.Insert(ast.InternedTerm("netconfig"), ast.NewTerm(nc))
	}
	if !plan.allLists {
		// The lists the index now holds leave the documents.
		var kinds []string
		if assets != nil {
			kinds = append(kinds, "assets")
		}
		if pcap != nil {
			tk, _ := trafficKinds()
			kinds = append(kinds, tk...)
		}
		for i, m := range members {
			if m[0].Equal(ast.InternedTerm("evidence")) {
				members[i][1] = withoutLists(m[1], kinds)
			}
		}
	}
	members = append(members, [2]*ast.Term{ast.InternedTerm("index"), ast.NewTerm(index)})
	return objectOf(members), nil
}

// withoutLists is the evidence with "assets" left out of the data of the
// documents of the given kinds (the inventory's records, the devices a
// capture saw), everything else shared. A document or list not shaped as
// the collectors write it is left as it is.
func withoutLists(evidence *ast.Term, kinds []string) *ast.Term {
	ev, ok := termValue(evidence).(ast.Object)
	if !ok || len(kinds) == 0 {
		return evidence
	}
	out, err := ev.Map(func(k, v *ast.Term) (*ast.Term, *ast.Term, error) {
		name, ok := k.Value.(ast.String)
		docs, isList := v.Value.(*ast.Array)
		if !ok || !isList || !slices.Contains(kinds, string(name)) {
			return k, v, nil
		}
		lean := make([]*ast.Term, docs.Len())
		for i := range docs.Len() {
			lean[i] = withoutMember(docs.Elem(i), "data", func(data *ast.Term) *ast.Term {
				return withoutMember(data, "assets", nil)
			})
		}
		return k, ast.ArrayTerm(lean...), nil
	})
	if err != nil {
		return evidence
	}
	return ast.NewTerm(out)
}

// withoutMember is the object t without its member key when change is nil,
// or with change applied to that member; t itself when it is not an object
// or has no such member.
func withoutMember(t *ast.Term, key string, change func(*ast.Term) *ast.Term) *ast.Term {
	obj, ok := t.Value.(ast.Object)
	if !ok || obj.Get(ast.InternedTerm(key)) == nil {
		return t
	}
	members := make([][2]*ast.Term, 0, obj.Len())
	obj.Foreach(func(k, v *ast.Term) {
		switch {
		case !k.Equal(ast.InternedTerm(key)):
			members = append(members, [2]*ast.Term{k, v})
		case change != nil:
			members = append(members, [2]*ast.Term{k, change(v)})
		}
	})
	return ast.NewTerm(objectOf(members))
}

// bundleInput is prepareInput(Input(a, b, asOf, kinds)) made from the
// bundle's documents as they are: each document's data is read where it
// lies rather than copied into one input text first, which for a large
// site is hundreds of MB.
func bundleInput(a *assessment.Assessment, b *evidence.Bundle, asOf string, kinds []string, plan inputPlan) (ast.Value, error) {
	return withFallback(plan, func(plan inputPlan) (ast.Value, error) { return convertBundle(a, b, asOf, kinds, plan) })
}

func convertBundle(a *assessment.Assessment, b *evidence.Bundle, asOf string, kinds []string, plan inputPlan) (ast.Value, error) {
	head, names, byKind, err := inputParts(a, b, asOf, kinds)
	if err != nil {
		return nil, err
	}
	assessment, err := (&jsonScanner{src: head}).term(1)
	if err != nil {
		return nil, err
	}
	docs := make([][]*ast.Term, len(names))
	caps := make([][]*capDoc, len(names))
	type job struct {
		i, j int
		d    evidence.Document
	}
	var jobs []job
	for i, kind := range names {
		docs[i] = make([]*ast.Term, len(byKind[kind]))
		caps[i] = make([]*capDoc, len(byKind[kind]))
		for j, d := range byKind[kind] {
			jobs = append(jobs, job{i, j, d})
		}
	}
	// The largest documents start first, so that the small ones fill the
	// cores at the end; a capture's flows are selected for the index as
	// soon as the capture is read, beside the reading of the others.
	slices.SortStableFunc(jobs, func(a, b job) int { return cmp.Compare(len(b.d.Data), len(a.d.Data)) })
	var inside func([]byte) bool
	if !plan.noIndex {
		inside = declaredNetworks(assessment)
		plan.inside = inside
	}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, x := range jobs {
		g.Go(func() error {
			doc, cd, err := documentValue(x.d, plan)
			if err == nil && cd != nil && inside != nil {
				err = cd.selectOnce(inside)
			}
			if err != nil && !errors.Is(err, errIrregular) {
				err = fmt.Errorf("document %s: %w", x.d.ID, err)
			}
			docs[x.i][x.j], caps[x.i][x.j] = doc, cd
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	members := make([][2]*ast.Term, len(names))
	var captures []*capDoc
	for i, kind := range names {
		members[i] = [2]*ast.Term{ast.StringTerm(kind), ast.ArrayTerm(docs[i]...)}
		if isTrafficKind(kind) {
			// names and the traffic kinds are both sorted: the documents
			// come in the order data.slate.lib.network.documents lists them.
			captures = append(append([]*capDoc{}, captures...), caps[i]...)
		}
	}
	ev := ast.NewTerm(objectOf(members))
	return withIndex([][2]*ast.Term{{ast.InternedTerm("assessment"), assessment}, {ast.InternedTerm("evidence"), ev}}, captures, assessment, ev, plan)
}

// documentValue converts one document: its metadata from their canonical
// JSON, its data (a capture's as plan says) from d.Data where it lies.
func documentValue(d evidence.Document, plan inputPlan) (*ast.Term, *capDoc, error) {
	meta, data, err := documentParts(d)
	if err != nil {
		return nil, nil, err
	}
	sc := &jsonScanner{src: meta}
	ds := &jsonScanner{src: data}
	var cd *capDoc
	if isTrafficKind(d.Kind) {
		cd = newCapDoc(ds, plan)
	}
	var members [][2]*ast.Term
	err = sc.object(3, func(key string) error {
		if key != "data" {
			t, err := sc.term(4)
			if key == "id" && cd != nil {
				cd.id = t
			}
			members = append(members, [2]*ast.Term{sc.intern(key), t})
			return err
		}
		if err := sc.skip(4); err != nil {
			return err
		}
		var t *ast.Term
		var err error
		if cd != nil {
			t, err = captureData(ds, 4, plan, cd)
		} else {
			t, err = ds.term(4)
		}
		if err == nil {
			if ds.space(); ds.i != len(ds.src) {
				err = ds.errorf("data after the document's data")
			}
		}
		members = append(members, [2]*ast.Term{ast.InternedTerm("data"), t})
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return ast.NewTerm(objectOf(members)), cd, nil
}

// objectOf makes an object of members; of two members with one key the
// later wins, as when OPA reads JSON. members is not kept, and may be
// reordered.
//
// When every key is a string (every object of the input), the members
// are put in key order, which they mostly have already (canonical JSON's,
// with a member or two added at the end), and the object is made at once,
// its members in one block and in the order OPA sorts them to. Otherwise
// each member is inserted in turn.
func objectOf(members [][2]*ast.Term) ast.Object {
	if sorted, ok := sortedMembers(members); ok {
		return ast.NewObject(sorted...)
	}
	obj := ast.NewObjectWithCapacity(len(members))
	for _, m := range members {
		obj.Insert(m[0], m[1])
	}
	return obj
}

// sortedMembers sorts members by key in place and leaves out all but the
// last member of each key; ok is false, and members unchanged, when a key
// is not a string.
func sortedMembers(members [][2]*ast.Term) (_ [][2]*ast.Term, ok bool) {
	ascending := true
	for i, m := range members {
		k, ok := m[0].Value.(ast.String)
		if !ok {
			return nil, false
		}
		if i > 0 && k <= members[i-1][0].Value.(ast.String) {
			ascending = false
		}
	}
	if ascending {
		return members, true
	}
	key := func(m [2]*ast.Term) ast.String { return m[0].Value.(ast.String) }
	// Stable: of the members of one key, the last stays last.
	slices.SortStableFunc(members, func(a, b [2]*ast.Term) int { return strings.Compare(string(key(a)), string(key(b))) })
	out := members[:0]
	for i, m := range members {
		if i+1 < len(members) && key(members[i+1]) == key(m) {
			continue
		}
		out = append(out, m)
	}
	return out, true
}

// convertEvidence converts input.evidence. When it is an object of arrays,
// as Input makes it, the elements (documents) are converted side by side,
// and the capture documents (kind pcap) are returned with their flows read
// for the index; captures is nil when input.evidence.pcap is not a list.
func convertEvidence(sc *jsonScanner, plan inputPlan) (t *ast.Term, captures []*capDoc, err error) {
	start := sc.i
	type kind struct {
		key  string
		docs [][2]int // where each document starts and ends
	}
	var kinds []kind
	plain := sc.peek('{')
	if plain {
		err := sc.object(1, func(key string) error {
			if !sc.peek('[') {
				plain = false
				return sc.skip(2)
			}
			k := kind{key: key}
			err := sc.array(2, func() error {
				from := sc.i
				err := sc.skip(3)
				k.docs = append(k.docs, [2]int{from, sc.i})
				return err
			})
			kinds = append(kinds, k)
			return err
		})
		if err != nil {
			return nil, nil, err
		}
	}
	if !plain {
		sc.i = start
		t, err := sc.term(1)
		if err == nil && !plan.allFlows {
			// The flows cannot be told apart: keep them all.
			err = errIrregular
		}
		return t, nil, err
	}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	docs := make([][]*ast.Term, len(kinds))
	caps := make([][]*capDoc, len(kinds))
	for i, k := range kinds {
		docs[i] = make([]*ast.Term, len(k.docs))
		caps[i] = make([]*capDoc, len(k.docs))
		for j, span := range k.docs {
			g.Go(func() error {
				// Offsets in errors count from the start of the input.
				d := &jsonScanner{src: sc.src[:span[1]], i: span[0]}
				var err error
				if isTrafficKind(k.key) {
					docs[i][j], caps[i][j], err = captureDocument(d, 3, plan)
				} else {
					docs[i][j], err = d.term(3)
				}
				return err
			})
		}
	}
	if err := g.Wait(); err != nil {
		return nil, nil, err
	}
	members := make([][2]*ast.Term, len(kinds))
	byKind := map[string][]*capDoc{}
	for i, k := range kinds {
		members[i] = [2]*ast.Term{ast.StringTerm(k.key), ast.ArrayTerm(docs[i]...)}
		if isTrafficKind(k.key) {
			// Of two keys of one kind the later is the input's.
			byKind[k.key] = caps[i]
		}
	}
	// In kind order, as data.slate.lib.network.documents lists them.
	tk, _ := trafficKinds()
	for _, kind := range tk {
		if docs, ok := byKind[kind]; ok {
			captures = append(captures, docs...)
		}
	}
	if captures == nil && len(byKind) > 0 {
		captures = []*capDoc{}
	}
	return ast.NewTerm(objectOf(members)), captures, nil
}

// jsonScanner walks JSON text, checking it as it goes, without building
// values it is not asked for.
type jsonScanner struct {
	src     []byte
	i       int
	strings map[string]*ast.Term
	// names are the terms of the keys of objects: a few dozen, apart
	// from the many strings of values, so that finding one stays cheap.
	names map[string]*ast.Term
	// times are the strings of flows' times (timeMembers), apart too.
	times   map[string]*ast.Term
	numbers map[string]*ast.Term
	seen    map[string]string
	// values, when set, are the objects and arrays made so far by their
	// text: one nested deeper than shareBelow is made once and shared
	// wherever the same text comes again (see selectFlows). Input values
	// are never changed in place below the top of a record, so sharing
	// them is safe.
	values     map[string]*ast.Term
	shareBelow int
	// stack holds the members and elements of the values being read,
	// reused from one value to the next (and shared by the scanners at
	// returns).
	stack *scanStack
}

// scanStack is the members of the objects and the elements of the arrays
// being read, innermost last.
type scanStack struct {
	members [][2]*ast.Term
	elems   []*ast.Term
}

// stacked returns sc's stack, made on first use.
func (sc *jsonScanner) stacked() *scanStack {
	if sc.stack == nil {
		sc.stack = &scanStack{}
	}
	return sc.stack
}

// maxInputDepth bounds nesting, as encoding/json does.
const maxInputDepth = 10000

func (sc *jsonScanner) errorf(format string, args ...any) error {
	return fmt.Errorf("byte %d: %s", sc.i, fmt.Sprintf(format, args...))
}

func (sc *jsonScanner) space() {
	for sc.i < len(sc.src) {
		switch sc.src[sc.i] {
		case ' ', '\t', '\n', '\r':
			sc.i++
		default:
			return
		}
	}
}

// peek skips white space and reports whether the next byte is c.
func (sc *jsonScanner) peek(c byte) bool {
	sc.space()
	return sc.i < len(sc.src) && sc.src[sc.i] == c
}

// term converts the next value to a Rego term, as ast.ValueFromReader
// would, without decoding it into Go maps first. Strings are shared: the
// same zone, vendor or protocol name is one value however often it
// appears.
func (sc *jsonScanner) term(depth int) (*ast.Term, error) {
	sc.space()
	if sc.i >= len(sc.src) {
		return nil, sc.errorf("unexpected end of input")
	}
	c := sc.src[sc.i]
	if sc.values != nil && depth > sc.shareBelow && (c == '{' || c == '[') {
		return sc.shared(depth)
	}
	return sc.value(depth, c)
}

// maxShared bounds the text of the objects and arrays shared: those that
// repeat (an operation, a server's end of a flow) are short, and every
// one read is remembered.
const maxShared = 256

// shared is term for an object or array when values are shared: the same
// text gives the same term, made once.
func (sc *jsonScanner) shared(depth int) (*ast.Term, error) {
	start := sc.i
	if err := sc.skip(depth); err != nil {
		return nil, err
	}
	raw := sc.src[start:sc.i]
	if len(raw) > maxShared {
		sc.i = start
		return sc.value(depth, raw[0])
	}
	if t, ok := sc.values[string(raw)]; ok {
		return t, nil
	}
	sc.i = start
	t, err := sc.value(depth, raw[0])
	if err != nil {
		return nil, err
	}
	sc.values[string(raw)] = t
	return t, nil
}

// value is term for a value that starts with c.
func (sc *jsonScanner) value(depth int, c byte) (*ast.Term, error) {
	switch {
	case c == '{':
		// The members are gathered on the scanner's stack, which the
		// objects inside use above them, and copied into the object.
		st := sc.stacked()
		mark := len(st.members)
		defer func() { st.members = st.members[:mark] }()
		err := sc.objectRaw(depth, func(key []byte) error {
			k := sc.name(key)
			v, err := sc.term(depth + 1)
			st.members = append(st.members, [2]*ast.Term{k, v})
			return err
		})
		if err != nil {
			return nil, err
		}
		return ast.NewTerm(objectOf(st.members[mark:])), nil
	case c == '[':
		// The elements are gathered on the scanner's stack too; the
		// array keeps its own copy, made at its size.
		st := sc.stacked()
		mark := len(st.elems)
		defer func() { st.elems = st.elems[:mark] }()
		err := sc.array(depth, func() error {
			v, err := sc.term(depth + 1)
			st.elems = append(st.elems, v)
			return err
		})
		if err != nil {
			return nil, err
		}
		var elems []*ast.Term
		if n := len(st.elems) - mark; n > 0 {
			elems = make([]*ast.Term, n)
			copy(elems, st.elems[mark:])
		}
		return ast.NewTerm(ast.NewArray(elems...)), nil
	case c == '"':
		start := sc.i
		raw, plain, err := sc.rawText()
		if err != nil {
			return nil, err
		}
		// A string made before costs a lookup, not an allocation.
		if t, ok := sc.strings[string(raw)]; ok && (plain || bytes.IndexByte(raw, '\\') < 0) {
			return t, nil
		}
		sc.i = start
		s, err := sc.str()
		if err != nil {
			return nil, err
		}
		return sc.intern(s), nil
	case c == 't':
		return ast.InternedTerm(true), sc.literal("true")
	case c == 'f':
		return ast.InternedTerm(false), sc.literal("false")
	case c == 'n':
		return ast.NullTerm(), sc.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		start := sc.i
		if err := sc.number(); err != nil {
			return nil, err
		}
		// A small whole number (a VLAN, a count, a well-known port) is
		// OPA's own term of it, found without a lookup.
		if t := smallInt(sc.src[start:sc.i]); t != nil {
			return t, nil
		}
		// A number read before is the same term (ports, counters and
		// VLANs repeat from flow to flow and record to record).
		if t, ok := sc.numbers[string(sc.src[start:sc.i])]; ok {
			return t, nil
		}
		text := string(sc.src[start:sc.i])
		if t := ast.InternedIntNumberTermFromString(text); t != nil {
			return t, nil
		}
		n, err := ast.NumberChecked(text)
		if err != nil {
			return nil, fmt.Errorf("byte %d: %w", start, err)
		}
		t := ast.NewTerm(n)
		if sc.numbers == nil {
			sc.numbers = map[string]*ast.Term{}
		}
		sc.numbers[text] = t
		return t, nil
	default:
		return nil, sc.errorf("unexpected %q", c)
	}
}

// smallInt is OPA's interned term of the number text, when text is a
// whole number of at most three digits that OPA interns (number has
// checked it: no leading zero); nil otherwise.
func smallInt(text []byte) *ast.Term {
	if len(text) > 3 {
		return nil
	}
	v := 0
	for _, c := range text {
		if c < '0' || c > '9' {
			return nil
		}
		v = v*10 + int(c-'0')
	}
	if !ast.HasInternedIntNumberTerm(v) {
		return nil
	}
	return ast.InternedTerm(v)
}

// name returns the one term of the object key key.
func (sc *jsonScanner) name(key []byte) *ast.Term {
	if t, ok := sc.names[string(key)]; ok {
		return t
	}
	if sc.names == nil {
		sc.names = map[string]*ast.Term{}
	}
	t := sc.intern(string(key))
	sc.names[string(key)] = t
	return t
}

// intern returns the one term of string s.
func (sc *jsonScanner) intern(s string) *ast.Term {
	if t, ok := sc.strings[s]; ok {
		return t
	}
	if sc.strings == nil {
		sc.strings = map[string]*ast.Term{}
	}
	t := ast.StringTerm(s)
	sc.strings[s] = t
	return t
}

// object reads an object, calling member with each key and sc at its
// value; member must read the value.
func (sc *jsonScanner) object(depth int, member func(key string) error) error {
	return sc.objectRaw(depth, func(key []byte) error {
		s, ok := sc.seen[string(key)]
		if !ok {
			if sc.seen == nil {
				sc.seen = map[string]string{}
			}
			s = string(key)
			sc.seen[s] = s
		}
		return member(s)
	})
}

// objectRaw is object with each key as bytes (decoded when it has
// escapes), valid only during the call: reading a key costs no
// allocation.
func (sc *jsonScanner) objectRaw(depth int, member func(key []byte) error) error {
	if depth > maxInputDepth {
		return sc.errorf("nested too deeply")
	}
	if !sc.peek('{') {
		return sc.errorf("expected an object")
	}
	sc.i++
	if sc.peek('}') {
		sc.i++
		return nil
	}
	for {
		if !sc.peek('"') {
			return sc.errorf("expected a string key")
		}
		start := sc.i
		key, plain, err := sc.rawText()
		if err != nil {
			return err
		}
		if mustDecode(key, plain) {
			var s string
			if err := json.Unmarshal(sc.src[start:sc.i], &s); err != nil {
				return err
			}
			key = []byte(s)
		}
		if !sc.peek(':') {
			return sc.errorf("expected : after a key")
		}
		sc.i++
		sc.space()
		if err := member(key); err != nil {
			return err
		}
		sc.space()
		if sc.i >= len(sc.src) {
			return sc.errorf("unterminated object")
		}
		switch sc.src[sc.i] {
		case ',':
			sc.i++
		case '}':
			sc.i++
			return nil
		default:
			return sc.errorf("expected , or } in an object")
		}
	}
}

// array reads an array, calling elem with sc at each element; elem must
// read it.
func (sc *jsonScanner) array(depth int, elem func() error) error {
	if depth > maxInputDepth {
		return sc.errorf("nested too deeply")
	}
	if !sc.peek('[') {
		return sc.errorf("expected an array")
	}
	sc.i++
	if sc.peek(']') {
		sc.i++
		return nil
	}
	for {
		sc.space()
		if err := elem(); err != nil {
			return err
		}
		sc.space()
		if sc.i >= len(sc.src) {
			return sc.errorf("unterminated array")
		}
		switch sc.src[sc.i] {
		case ',':
			sc.i++
		case ']':
			sc.i++
			return nil
		default:
			return sc.errorf("expected , or ] in an array")
		}
	}
}

// skip reads the next value, checking it, and converts nothing.
func (sc *jsonScanner) skip(depth int) error {
	sc.space()
	if sc.i >= len(sc.src) {
		return sc.errorf("unexpected end of input")
	}
	switch c := sc.src[sc.i]; {
	case c == '{':
		return sc.objectRaw(depth, func([]byte) error { return sc.skip(depth + 1) })
	case c == '[':
		return sc.array(depth, func() error { return sc.skip(depth + 1) })
	case c == '"':
		_, err := sc.rawString()
		return err
	case c == 't':
		return sc.literal("true")
	case c == 'f':
		return sc.literal("false")
	case c == 'n':
		return sc.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		return sc.number()
	default:
		return sc.errorf("unexpected %q", c)
	}
}

func (sc *jsonScanner) literal(lit string) error {
	if !bytes.HasPrefix(sc.src[sc.i:], []byte(lit)) {
		return sc.errorf("invalid literal")
	}
	sc.i += len(lit)
	return nil
}

func (sc *jsonScanner) number() error {
	start := sc.i
	if sc.src[sc.i] == '-' {
		sc.i++
	}
	digits := func() int {
		n := 0
		for sc.i < len(sc.src) && sc.src[sc.i] >= '0' && sc.src[sc.i] <= '9' {
			sc.i++
			n++
		}
		return n
	}
	first := sc.i
	if n := digits(); n == 0 || n > 1 && sc.src[first] == '0' {
		return sc.errorf("invalid number %q", sc.src[start:sc.i])
	}
	if sc.i < len(sc.src) && sc.src[sc.i] == '.' {
		sc.i++
		if digits() == 0 {
			return sc.errorf("invalid number %q", sc.src[start:sc.i])
		}
	}
	if sc.i < len(sc.src) && (sc.src[sc.i] == 'e' || sc.src[sc.i] == 'E') {
		sc.i++
		if sc.i < len(sc.src) && (sc.src[sc.i] == '+' || sc.src[sc.i] == '-') {
			sc.i++
		}
		if digits() == 0 {
			return sc.errorf("invalid number %q", sc.src[start:sc.i])
		}
	}
	return nil
}

// rawString reads a string and returns its text between the quotes,
// escapes undecoded, after checking them.
func (sc *jsonScanner) rawString() ([]byte, error) {
	raw, _, err := sc.rawText()
	return raw, err
}

// strStop marks the bytes at which rawText's loop stops: the closing
// quote, an escape, a control character (an error) and the bytes of
// UTF-8 beyond ASCII (text that must be checked, or decoded).
var strStop = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	for c := 0x80; c < 0x100; c++ {
		t[c] = true
	}
	return t
}()

// rawText is rawString, and plain says the text is ASCII without escapes:
// its bytes are the string's value as they are.
func (sc *jsonScanner) rawText() (raw []byte, plain bool, err error) {
	sc.i++ // the opening quote
	start := sc.i
	plain = true
	src := sc.src
	for i := sc.i; ; {
		for i < len(src) && !strStop[src[i]] {
			i++
		}
		if i >= len(src) {
			sc.i = i
			return nil, false, sc.errorf("unterminated string")
		}
		switch c := src[i]; {
		case c == '"':
			sc.i = i + 1
			return src[start:i], plain, nil
		case c == '\\':
			plain = false
			if i+1 >= len(src) {
				sc.i = i
				return nil, false, sc.errorf("unterminated string")
			}
			switch src[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(src) {
					sc.i = i
					return nil, false, sc.errorf("unterminated string")
				}
				if _, err := strconv.ParseUint(string(src[i+2:i+6]), 16, 16); err != nil {
					sc.i = i
					return nil, false, sc.errorf("invalid escape in a string")
				}
				i += 6
			default:
				sc.i = i
				return nil, false, sc.errorf("invalid escape in a string")
			}
		case c < 0x20:
			sc.i = i
			return nil, false, sc.errorf("control character in a string")
		default:
			// Invalid UTF-8 is let through: the decoder replaces it.
			plain = false
			i++
		}
	}
}

// mustDecode reports whether the text raw of a string, as rawText read
// it (plain said), is not its value as it is: it has escapes or is not
// UTF-8.
func mustDecode(raw []byte, plain bool) bool {
	return !plain && (bytes.IndexByte(raw, '\\') >= 0 || !utf8.Valid(raw))
}

// cachedStr is str for the few-valued strings the flow index reads (zones,
// protocols, operation classes, keys): one copy of each is kept, and a
// string seen before costs no allocation. Addresses, which are many, are
// read where they lie (skimIP).
func (sc *jsonScanner) cachedStr() (string, error) {
	start := sc.i
	raw, plain, err := sc.rawText()
	if err != nil {
		return "", err
	}
	if s, ok := sc.seen[string(raw)]; ok {
		return s, nil
	}
	if mustDecode(raw, plain) {
		var s string
		err = json.Unmarshal(sc.src[start:sc.i], &s)
		return s, err
	}
	if sc.seen == nil {
		sc.seen = map[string]string{}
	}
	s := string(raw)
	sc.seen[s] = s
	return s, nil
}

// str reads a string and returns its value.
func (sc *jsonScanner) str() (string, error) {
	start := sc.i
	raw, plain, err := sc.rawText()
	if err != nil {
		return "", err
	}
	if !mustDecode(raw, plain) {
		return string(raw), nil
	}
	var s string
	err = json.Unmarshal(sc.src[start:sc.i], &s)
	return s, err
}
