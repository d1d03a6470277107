package engine

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/slate-ot/slate/evidence"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/slate-ot/slate/engine/assessment"
	"github.com/slate-ot/slate/engine/catalog"
	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/policies"
)

// CheckNamespace is the package prefix of every finding-producing policy.
// A check is one package below it; helpers live elsewhere (slate.lib.*).
const CheckNamespace = "slate.checks"

// forbiddenBuiltins are left out of the capabilities policies compile
// against: no network, no wall clock beyond the fixed evaluation time is
// needed, and no randomness, so results depend on evidence alone.
var forbiddenBuiltins = []string{
	"http.send", "net.lookup_ip_addr", "opa.runtime", "rand.intn",
	"uuid.rfc4122", "uuid.parse", "crypto.x509.parse_and_verify_certificates_with_options",
}

// Rule is one check package and what its METADATA says.
type Rule = scorecard.Rule

// FindingKind is one kind of finding a check reports.
type FindingKind = scorecard.FindingKind

// Module is one policy source file of the set.
type Module = scorecard.PolicyModule

// PolicySet is a compiled set of Rego modules with the check rules found
// in them. Compile it once and evaluate it many times.
type PolicySet struct {
	Rules   []Rule
	Modules []Module
	// Digest is "sha256:…" over every module's path and content.
	Digest string
	// Packs are the policy packs whose modules are in the set.
	Packs    []PolicyPack
	compiler *ast.Compiler
	parsed   map[string]*ast.Module
	// store holds the data the policies read besides their input
	// (data.slate.vocab); data is that document, as Bundle seals it.
	store storage.Store
	data  map[string]any
	// sources are the modules' bytes by path, as Bundle seals them.
	sources map[string][]byte

	readsOnce   sync.Once
	reads       map[string][]string
	flowsOnce   sync.Once
	flowReaders []string
	listsOnce   sync.Once
	listReaders []string
	// unreadSelections are the selections of index.pcap no check reads
	// (UnreadSelections).
	selectionsOnce   sync.Once
	unreadSelections []string
	// unnamedCounters are the flow counters no module names
	// (unnamedFlowCounters).
	countersOnce    sync.Once
	unnamedCounters []string
}

// PolicyError is a policy that does not compile or whose METADATA is
// incomplete. Each problem names file:line. The CLI exits 2 on it.
type PolicyError struct {
	Problems []string
	// Timeout is set when a check ran out of time: the policy timeout it
	// had. Input then says how large the input was, when it is known,
	// for a check that runs out of time on a large site is not broken.
	Timeout time.Duration
	Input   string
}

func (e *PolicyError) Error() string {
	msg := "policy errors:\n  " + strings.Join(e.Problems, "\n  ")
	if e.Timeout > 0 {
		input := "The size of the input is not known here"
		if e.Input != "" {
			input = "The input held " + e.Input
		}
		msg += fmt.Sprintf("\n%s. The time a check takes grows with the evidence: a site this size may need more than %s a check, "+
			"so raise --policy-timeout (for example to %s) before suspecting the policy; "+
			"a check that runs out of time on a small input is more likely one that never finishes.", input, e.Timeout, 4*e.Timeout)
	}
	return msg
}

// describeInput says how large the evidence of b is for a person: the
// records read per evidence kind (packets, for captures) and documents.
func describeInput(b *evidence.Bundle) string {
	type size struct{ docs, records int }
	sizes := map[string]*size{}
	for _, d := range b.Documents {
		s := sizes[d.Kind]
		if s == nil {
			s = &size{}
			sizes[d.Kind] = s
		}
		s.docs++
		s.records += d.Provenance.RecordsRead
	}
	var parts []string
	for _, kind := range slices.Sorted(maps.Keys(sizes)) {
		s := sizes[kind]
		what := "record"
		if kind == "pcap" {
			what = "packet"
		}
		parts = append(parts, fmt.Sprintf("%s: %s %s in %d %s", kind, thousands(s.records), plural(s.records, what), s.docs, plural(s.docs, "document")))
	}
	if len(parts) == 0 {
		return "no evidence"
	}
	return strings.Join(parts, "; ")
}

// plural is word for one, words for any other number.
func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// thousands writes n with commas between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// LoadPolicies compiles the built-in policies and the .rego files under
// dirs (tests, *_test.rego, excluded) in strict mode with restricted
// capabilities, and reads each check's METADATA. Custom modules are named
// by their path relative to base (the assessment directory), so that the
// policy digest does not depend on where a site is checked out.
func LoadPolicies(base string, dirs []string) (*PolicySet, error) {
	return loadPolicies(base, dirs, nil)
}

// LoadAssessmentPolicies compiles the policies a's policies block names:
// the built-in ones, its directories and its policy packs, files and
// OCI artifacts (fetched with fetch, which may be nil when there are
// none), verified against its bundle_key (see packModules). The warnings
// name the packs that no key verified.
func LoadAssessmentPolicies(ctx context.Context, a *assessment.Assessment, fetch PackFetcher) (*PolicySet, []string, error) {
	read, pub, err := readPacks(ctx, a, fetch)
	if err != nil {
		return nil, nil, err
	}
	packSources, packs, warnings, err := packModules(read, pub)
	if err != nil {
		return nil, nil, err
	}
	ps, err := loadPolicies(a.Dir, a.PolicyPaths, packSources)
	if err != nil {
		return nil, nil, err
	}
	ps.Packs = packs
	return ps, warnings, nil
}

// loadPolicies is LoadPolicies with the modules of policy packs (path →
// source) added.
func loadPolicies(base string, dirs []string, packSources map[string][]byte) (*PolicySet, error) {
	cat, err := catalog.Load()
	if err != nil {
		return nil, err
	}
	sources := map[string][]byte{}
	var mods []Module
	add := func(name string, src []byte, builtin bool) {
		sum := sha256.Sum256(src)
		sources[name] = src
		mods = append(mods, Module{Path: name, SHA256: hex.EncodeToString(sum[:]), Builtin: builtin})
	}
	// A custom file at the same path, relative to its directory, as a
	// built-in one replaces it (a site's own version of a shipped check).
	drop := func(name string) {
		if _, ok := sources[name]; !ok {
			return
		}
		delete(sources, name)
		mods = slices.DeleteFunc(mods, func(m Module) bool { return m.Path == name })
	}
	err = fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !isPolicyFile(p) {
			return err
		}
		src, err := fs.ReadFile(policies.FS, p)
		if err == nil {
			add("builtin/"+p, src, true)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read built-in policies: %w", err)
	}
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !isPolicyFile(p) {
				return err
			}
			src, err := os.ReadFile(p)
			if err == nil {
				drop(builtinName(dir, p))
				add(filepath.ToSlash(relOrSelf(base, p)), src, false)
			}
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("read policies: %w", err)
		}
	}
	for _, p := range slices.Sorted(mapsKeys(packSources)) {
		if _, dup := sources[p]; dup {
			return nil, &PolicyError{Problems: []string{p + ": a policy pack's module has the path of a policy file"}}
		}
		add(p, packSources[p], false)
	}
	return compileSet(sources, mods, cat, nil)
}

func isPolicyFile(p string) bool {
	return strings.HasSuffix(p, ".rego") && !strings.HasSuffix(p, "_test.rego")
}

// Capabilities returns the OPA capabilities policies compile against.
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	caps.Builtins = slices.DeleteFunc(slices.Clone(caps.Builtins), func(b *ast.Builtin) bool {
		return slices.Contains(forbiddenBuiltins, b.Name)
	})
	caps.AllowNet = []string{}
	return caps
}

// ParseModule parses Rego v1 source with annotations.
func ParseModule(name string, src []byte) (*ast.Module, error) {
	return ast.ParseModuleWithOpts(name, string(src), ast.ParserOptions{
		ProcessAnnotation: true,
		RegoVersion:       ast.RegoV1,
		Capabilities:      Capabilities(),
	})
}

// NewCompiler returns the compiler configuration every slate policy set
// uses: strict, restricted capabilities, print statements off.
func NewCompiler() *ast.Compiler {
	return ast.NewCompiler().WithStrict(true).WithCapabilities(Capabilities())
}

// compileSet compiles the modules; data is the document the policies read
// besides their input, nil for the vocabulary (VocabData).
func compileSet(sources map[string][]byte, mods []Module, cat *catalog.Catalog, data map[string]any) (*PolicySet, error) {
	slices.SortFunc(mods, func(a, b Module) int { return cmp.Compare(a.Path, b.Path) })
	var problems []string
	parsed := make(map[string]*ast.Module, len(mods))
	for _, m := range mods {
		mod, err := ParseModule(m.Path, sources[m.Path])
		if err != nil {
			problems = append(problems, astErrors(err)...)
			continue
		}
		parsed[m.Path] = mod
	}
	if len(problems) > 0 {
		return nil, &PolicyError{Problems: problems}
	}
	c := NewCompiler()
	c.Compile(parsed)
	// METADATA is checked on the parsed modules even when compilation
	// fails, so that every problem is reported at once.
	rules, problems := readRules(parsed, cat)
	problems = append(problems, customProblems(parsed, mods)...)
	if c.Failed() {
		problems = append(astErrors(c.Errors), problems...)
	} else {
		problems = append(problems, unusedModules(c, mods, rules)...)
	}
	if len(problems) > 0 {
		return nil, &PolicyError{Problems: problems}
	}
	if data == nil {
		var err error
		if data, err = vocabDoc(); err != nil {
			return nil, err
		}
	}
	store := inmem.NewFromObject(data)
	return &PolicySet{
		Rules:    rules,
		Modules:  mods,
		Digest:   setDigest(mods),
		compiler: c,
		parsed:   parsed,
		store:    store,
		data:     data,
		sources:  sources,
	}, nil
}

// setDigest is "sha256:…" over every module's path and content; mods are
// sorted by path.
func setDigest(mods []Module) string {
	h := sha256.New()
	for _, m := range mods {
		fmt.Fprintf(h, "%s\x00%s\n", m.Path, m.SHA256)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

func astErrors(err error) []string {
	var errs ast.Errors
	if !errors.As(err, &errs) {
		return []string{err.Error()}
	}
	out := make([]string, 0, len(errs))
	for _, e := range errs {
		place := ""
		if e.Location != nil {
			place = fmt.Sprintf("%s:%d:%d: ", e.Location.File, e.Location.Row, e.Location.Col)
		}
		msg := e.Message
		if fn, ok := strings.CutPrefix(msg, "undefined function "); ok && slices.Contains(forbiddenBuiltins, fn) {
			msg = fmt.Sprintf("%s is not allowed: slate policies may not use network, runtime or random builtins, so that results depend on the evidence alone", fn)
		}
		out = append(out, place+msg)
	}
	slices.Sort(out)
	return out
}

// readRules finds every package under CheckNamespace and reads its METADATA
// (package-scoped, or on its deny rule). Every field the scorecard needs is
// required, and requirement ids must exist in the catalogs.
func readRules(parsed map[string]*ast.Module, cat *catalog.Catalog) ([]Rule, []string) {
	byPkg := map[string]*Rule{}
	var problems []string
	for _, name := range slices.Sorted(mapsKeys(parsed)) {
		mod := parsed[name]
		pkg := strings.TrimPrefix(mod.Package.Path.String(), "data.")
		if !strings.HasPrefix(pkg, CheckNamespace+".") {
			continue
		}
		ann := checkAnnotation(mod)
		if ann == nil {
			if byPkg[pkg] == nil && hasRule(mod, "deny") {
				problems = append(problems, fmt.Sprintf("%s:%d: package %s has a deny rule but no METADATA (title and custom id, requirements, severity, owner, remediation)", name, mod.Package.Location.Row, pkg))
			}
			continue
		}
		if byPkg[pkg] != nil {
			problems = append(problems, fmt.Sprintf("%s:%d: package %s has METADATA in more than one place", name, ann.Location.Row, pkg))
			continue
		}
		r, errs := ruleFromAnnotation(name, pkg, ann, cat)
		problems = append(problems, errs...)
		byPkg[pkg] = &r
	}
	ids := map[string]string{}
	rules := make([]Rule, 0, len(byPkg))
	for _, pkg := range slices.Sorted(mapsKeys(byPkg)) {
		r := *byPkg[pkg]
		if other, dup := ids[r.ID]; dup {
			problems = append(problems, fmt.Sprintf("%s:%d: rule id %s is already used by %s", r.File, r.Line, r.ID, other))
		}
		ids[r.ID] = r.Package
		rules = append(rules, r)
	}
	slices.SortFunc(rules, func(a, b Rule) int { return cmp.Compare(a.ID, b.ID) })
	return rules, problems
}

// checkResults are the rules the engine reads of a check's package.
var checkResults = []string{"deny", "assessed", "not_applicable", "notes"}

// customProblems finds the custom modules (policy directories and packs)
// that would change a built-in check or library without replacing its
// file, or that would be silently ignored: a custom module may not
// declare a built-in package (adding rules to it would move a built-in
// verdict), and a check's rules outside the checks' namespace are never
// evaluated.
func customProblems(parsed map[string]*ast.Module, mods []Module) []string {
	builtin := map[string]string{} // package → its built-in file
	for _, m := range mods {
		if mod := parsed[m.Path]; m.Builtin && mod != nil {
			builtin[mod.Package.Path.String()] = m.Path
		}
	}
	var problems []string
	for _, m := range mods {
		mod := parsed[m.Path]
		if m.Builtin || mod == nil {
			continue
		}
		pkg := mod.Package.Path.String()
		row := mod.Package.Location.Row
		if file, ok := builtin[pkg]; ok {
			problems = append(problems, fmt.Sprintf("%s:%d: package %s is built in (%s): a custom file cannot add rules to it; give the check a package of its own, or replace the built-in file with one at the same path", m.Path, row, strings.TrimPrefix(pkg, "data."), file))
			continue
		}
		if strings.HasPrefix(pkg, "data."+CheckNamespace+".") {
			continue
		}
		for _, name := range checkResults {
			if hasRule(mod, name) {
				problems = append(problems, fmt.Sprintf("%s:%d: package %s is outside %s, so its %s rule would never be evaluated: a check's package is %s.<name>", m.Path, row, strings.TrimPrefix(pkg, "data."), CheckNamespace, name, CheckNamespace))
				break
			}
		}
	}
	return problems
}

// unusedModules finds the custom modules that would be silently ignored:
// rules in a package that is not a check (no METADATA) and that no other
// module refers to. c is compiled, so that imports are resolved.
func unusedModules(c *ast.Compiler, mods []Module, rules []Rule) []string {
	checks := map[string]bool{}
	for _, r := range rules {
		checks["data."+r.Package] = true
	}
	// The refs each module makes to data, by module.
	refs := map[string][]ast.Ref{}
	for name, mod := range c.Modules {
		ast.WalkRefs(mod, func(r ast.Ref) bool {
			if r.HasPrefix(ast.DefaultRootRef) {
				refs[name] = append(refs[name], r.ConstantPrefix())
			}
			return false
		})
	}
	var problems []string
	for _, m := range mods {
		mod := c.Modules[m.Path]
		if m.Builtin || mod == nil || len(mod.Rules) == 0 || checks[mod.Package.Path.String()] {
			continue
		}
		used := false
		for name, rs := range refs {
			if name == m.Path {
				continue
			}
			for _, r := range rs {
				if r.HasPrefix(mod.Package.Path) || mod.Package.Path.HasPrefix(r) {
					used = true
					break
				}
			}
		}
		if !used {
			problems = append(problems, fmt.Sprintf("%s:%d: package %s has rules but no METADATA (title and custom id, requirements, severity, owner, remediation) and no check refers to it, so it would never be evaluated", m.Path, mod.Package.Location.Row, strings.TrimPrefix(mod.Package.Path.String(), "data.")))
		}
	}
	return problems
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func hasRule(mod *ast.Module, name string) bool {
	return slices.ContainsFunc(mod.Rules, func(r *ast.Rule) bool { return r.Head.Name.String() == name })
}

func checkAnnotation(mod *ast.Module) *ast.Annotations {
	for _, a := range mod.Annotations {
		if a.Scope == "package" || a.Scope == "subpackages" {
			return a
		}
	}
	for _, r := range mod.Rules {
		if r.Head.Name.String() == "deny" && len(r.Annotations) > 0 {
			return r.Annotations[0]
		}
	}
	return nil
}

func ruleFromAnnotation(file, pkg string, a *ast.Annotations, cat *catalog.Catalog) (Rule, []string) {
	line := 0
	if a.Location != nil {
		line = a.Location.Row
	}
	r := Rule{Package: pkg, Title: a.Title, Description: a.Description, File: file, Line: line}
	var problems []string
	bad := func(format string, args ...any) {
		problems = append(problems, fmt.Sprintf("%s:%d: %s: ", file, line, pkg)+fmt.Sprintf(format, args...))
	}
	str := func(key string) string {
		s, _ := a.Custom[key].(string)
		return strings.TrimSpace(s)
	}
	r.ID, r.Severity, r.Remediation = str("id"), strings.ToLower(str("severity")), str("remediation")
	r.Owner = strings.ToUpper(str("owner"))
	r.Manual, _ = a.Custom["manual"].(bool)
	if r.Title == "" {
		bad("METADATA needs a title")
	}
	if r.ID == "" {
		bad("METADATA needs custom.id")
	}
	if !slices.Contains(evidence.Severities, r.Severity) {
		bad("custom.severity %q is not one of %s", r.Severity, strings.Join(evidence.Severities, ", "))
	}
	if !slices.Contains(evidence.Owners, r.Owner) {
		bad("custom.owner %q is not one of %s", r.Owner, strings.Join(evidence.Owners, ", "))
	}
	if r.Remediation == "" {
		bad("METADATA needs custom.remediation")
	}
	reqs, _ := a.Custom["requirements"].([]any)
	for _, v := range reqs {
		s, _ := v.(string)
		key := catalog.Qualify(s)
		if !cat.Known(key) {
			bad("custom.requirements: unknown requirement %q (write e.g. \"iec62443-3-3:SR 7.8\" or \"nist-800-53r5:CM-8\")", s)
			continue
		}
		if !slices.Contains(r.Requirements, key) {
			r.Requirements = append(r.Requirements, key)
		}
	}
	if len(r.Requirements) == 0 {
		bad("METADATA needs custom.requirements, a list of requirement ids")
	}
	cat.SortKeys(r.Requirements)
	// custom.findings names the kinds of finding the check reports, each
	// with the requirements such a finding fails (some of the check's)
	// and why.
	if v, ok := a.Custom["findings"]; ok {
		list, _ := v.([]any)
		if list == nil {
			bad("custom.findings must be a list of {kind, requirements, why}")
		}
		for _, item := range list {
			m, _ := item.(map[string]any)
			kind, _ := m["kind"].(string)
			why, _ := m["why"].(string)
			fix, _ := m["remediation"].(string)
			fk := FindingKind{Kind: strings.TrimSpace(kind), Why: strings.TrimSpace(why), Remediation: strings.TrimSpace(fix), Requirements: []string{}}
			if fk.Kind == "" {
				bad("custom.findings: every kind needs a name (kind)")
				continue
			}
			if _, dup := r.Kind(fk.Kind); dup {
				bad("custom.findings: kind %q is listed twice", fk.Kind)
				continue
			}
			if fk.Why == "" {
				bad("custom.findings: kind %q needs why, the clauses behind its requirements", fk.Kind)
			}
			reqs, _ := m["requirements"].([]any)
			for _, rv := range reqs {
				rs, _ := rv.(string)
				key := catalog.Qualify(rs)
				if !slices.Contains(r.Requirements, key) {
					bad("custom.findings: kind %q names %q, which is not one of the check's requirements", fk.Kind, rs)
					continue
				}
				if !slices.Contains(fk.Requirements, key) {
					fk.Requirements = append(fk.Requirements, key)
				}
			}
			if len(fk.Requirements) == 0 {
				bad("custom.findings: kind %q needs requirements, some of the check's", fk.Kind)
			}
			cat.SortKeys(fk.Requirements)
			r.Kinds = append(r.Kinds, fk)
		}
	}
	r.Why, _ = a.Custom["why"].(string)
	r.Why = strings.TrimSpace(r.Why)
	// custom.automates names the requirements the check decides in full;
	// each must be one of its requirements.
	if v, ok := a.Custom["automates"]; ok {
		list, _ := v.([]any)
		if list == nil {
			bad("custom.automates must be a list of requirement ids")
		}
		for _, v := range list {
			s, _ := v.(string)
			key := catalog.Qualify(s)
			if !slices.Contains(r.Requirements, key) {
				bad("custom.automates: %q is not one of the check's requirements", s)
				continue
			}
			if !slices.Contains(r.Automates, key) {
				r.Automates = append(r.Automates, key)
			}
		}
		cat.SortKeys(r.Automates)
	}
	return r, problems
}

func relOrSelf(dir, p string) string {
	if dir == "" {
		return p
	}
	rel, err := filepath.Rel(dir, p)
	if err != nil {
		return p
	}
	return rel
}

// override applies the assessment's check overrides to the set: a check
// switched off is not evaluated, a narrowed one keeps only the
// requirements the override names. An override naming no check, or a
// requirement its check does not map, is an error of the assessment file.
// The set must be fresh: override changes its rules.
func (ps *PolicySet) override(a *assessment.Assessment) ([]scorecard.Override, error) {
	if len(a.Checks) == 0 {
		return nil, nil
	}
	mapped := make(map[string][]string, len(ps.Rules))
	for _, r := range ps.Rules {
		mapped[r.ID] = r.Requirements
	}
	if diags := a.CheckDiagnostics(mapped); diags.HasErrors() {
		return nil, a.DiagError(diags)
	}
	out := make([]scorecard.Override, 0, len(a.Checks))
	for _, o := range a.Checks {
		i := slices.IndexFunc(ps.Rules, func(r Rule) bool { return r.ID == o.ID })
		r := &ps.Rules[i]
		ov := scorecard.Override{Rule: o.ID, Enabled: o.Enabled, Requirements: []string{}, Dropped: []string{},
			Reason: o.Reason, ApprovedBy: o.ApprovedBy}
		keep := o.Requirements
		if !o.Enabled {
			keep = nil
		}
		for _, req := range r.Requirements {
			if slices.Contains(keep, req) {
				ov.Requirements = append(ov.Requirements, req)
			} else {
				ov.Dropped = append(ov.Dropped, req)
			}
		}
		r.Requirements = slices.Clone(ov.Requirements)
		r.Automates = slices.DeleteFunc(slices.Clone(r.Automates), func(k string) bool { return !slices.Contains(keep, k) })
		out = append(out, ov)
	}
	ps.Rules = slices.DeleteFunc(ps.Rules, func(r Rule) bool {
		return slices.ContainsFunc(a.Checks, func(o assessment.CheckOverride) bool { return o.ID == r.ID && !o.Enabled })
	})
	return out, nil
}
