// Package engine runs an assessment: it loads the assessment file
// (engine/assessment), has the evidence collected, evaluates the Rego
// policies with the embedded OPA engine and builds the scorecard
// (engine/scorecard) against the catalogs (engine/catalog).
//
// It wraps OPA and imports neither collectors nor reports: collectors reach
// it through the Collectors interface, reports read what it returns.
package engine

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/slate-ot/slate/engine/assessment"
	"github.com/slate-ot/slate/engine/catalog"
	"github.com/slate-ot/slate/engine/model"
	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
)

// Version is the engine version recorded in every scorecard. A re-run must
// use the same version to reproduce the same bytes.
const Version = "0.1.0"

// Collectors is what the engine needs of the evidence collectors.
type Collectors interface {
	// OptionsByKind lists every source kind with the options its blocks
	// may set besides files.
	OptionsByKind() map[string][]string
	// CollectAll reads every source into a document.
	CollectAll(ctx context.Context, sources []evidence.Source) ([]evidence.Document, error)
}

// Options configure a run.
type Options struct {
	// AsOf overrides the assessment date (YYYY-MM-DD); "" uses
	// SOURCE_DATE_EPOCH, then the file's as_of.
	AsOf string
	// Getenv reads the environment (os.Getenv when nil).
	Getenv func(string) string
	// PolicyTimeout bounds the evaluation of one check; 0 means
	// DefaultPolicyTimeout. A check that runs longer fails the run.
	PolicyTimeout time.Duration
	// FingerprintKeyFile lets collection use the site's fingerprint key
	// file, creating it on first use, when SLATE_FINGERPRINT_KEY is not set
	// (see FingerprintKey). Without it, only the environment can give a
	// key, so that library callers, tests and generated docs do not depend
	// on a file a run left behind.
	FingerprintKeyFile bool
	// Formats are the report formats an assessment's output block may
	// name: the reports package's table, which the engine does not import.
	// nil: formats are not checked.
	Formats []string
	// PolicyBundle, when set, is the policy set to evaluate with, sealed
	// by an earlier run (SealedPoliciesFile, as PolicySet.Bundle writes
	// it), instead of the built-in policies and the assessment's policy
	// directories, which are then not read.
	PolicyBundle []byte
	// Packs fetches the policy packs the assessment pins in OCI
	// registries; nil when it pins none.
	Packs PackFetcher
}

// Result is what a run produced.
type Result struct {
	Assessment *assessment.Assessment
	AsOf       string
	Bundle     *evidence.Bundle
	Scorecard  *scorecard.Scorecard
	// Policies is the policy set the scorecard was evaluated with.
	Policies *PolicySet
	// Warnings are problems that did not stop the run, for people to read.
	Warnings []string
}

// BundleJSON returns the bundle's canonical JSON. It is made when asked
// for, not kept: on a large site it is as big as the evidence itself.
func (r *Result) BundleJSON() ([]byte, error) { return r.Bundle.Encode() }

// ScorecardJSON returns the scorecard's canonical JSON. Like the bundle's,
// it is made when asked for: a scorecard of a million gaps is a gigabyte
// of it, which the run writes out a gap at a time (Scorecard.WriteTo).
func (r *Result) ScorecardJSON() ([]byte, error) { return r.Scorecard.Encode() }

// AssessmentWarnings renders the assessment file's warnings, with those
// that depend on the assessment date judged on asOf.
func AssessmentWarnings(a *assessment.Assessment, asOf string) []string {
	var out []string
	diags := append(slices.Clone(a.Warnings), a.DateWarnings(asOf)...)
	slices.SortStableFunc(diags, func(x, y *hcl.Diagnostic) int {
		if x.Subject == nil || y.Subject == nil {
			return 0
		}
		return cmp.Or(cmp.Compare(x.Subject.Filename, y.Subject.Filename), cmp.Compare(x.Subject.Start.Byte, y.Subject.Start.Byte))
	})
	for _, d := range diags {
		place := ""
		if d.Subject != nil {
			place = fmt.Sprintf("%s:%d:%d: ", evidence.RelPath(a.Dir, d.Subject.Filename), d.Subject.Start.Line, d.Subject.Start.Column)
		}
		out = append(out, place+d.Summary+"; "+d.Detail)
	}
	return out
}

// evidenceWarnings summarises the warnings of every document.
func evidenceWarnings(b *evidence.Bundle) []string {
	var out []string
	for _, d := range b.Documents {
		for _, w := range d.Provenance.Warnings {
			out = append(out, d.ID+": "+w.String())
		}
	}
	return out
}

// Load reads the assessment file named by a CLI argument (a directory or
// a file) and checks it against the collectors, the catalogs and
// opts.Formats.
func Load(arg string, c Collectors, opts Options) (*assessment.Assessment, error) {
	path, err := assessment.Resolve(arg)
	if err != nil {
		return nil, err
	}
	cat, err := catalog.Load()
	if err != nil {
		return nil, err
	}
	return assessment.Load(path, assessment.LoadOptions{
		SourceKinds:      c.OptionsByKind(),
		KnownRequirement: cat.Known,
		Formats:          opts.Formats,
		Sealed:           opts.PolicyBundle != nil,
	})
}

// Collect loads the assessment and collects its evidence into a bundle.
func Collect(ctx context.Context, arg string, c Collectors, opts Options) (*Result, error) {
	a, err := Load(arg, c, opts)
	if err != nil {
		return nil, err
	}
	asOf, err := resolveAsOf(opts, a.AsOf)
	if err != nil {
		return nil, err
	}
	sources := make([]evidence.Source, len(a.Sources))
	zones := make([]evidence.Zone, len(a.Zones))
	for i, z := range a.Zones {
		zones[i] = evidence.Zone{Name: z.Name, Networks: z.Networks, VLANs: z.VLANs}
	}
	key, err := FingerprintKey(a.Dir, opts)
	if err != nil {
		return nil, err
	}
	for i, s := range a.Sources {
		sources[i] = evidence.Source{Kind: s.Kind, Name: s.Name, Dir: a.Dir, Files: s.Files, Options: s.Options, Zones: zones, FingerprintKey: key}
	}
	docs, err := c.CollectAll(ctx, sources)
	if err != nil {
		return nil, err
	}
	b := evidence.NewBundle(evidence.AssessmentRef{
		Name: a.Name, Site: a.Site, File: evidence.RelPath(a.Dir, a.File), SHA256: a.SHA256,
	}, asOf, docs)
	warnings := append(AssessmentWarnings(a, asOf), evidenceWarnings(b)...)
	return &Result{Assessment: a, AsOf: asOf, Bundle: b, Warnings: warnings}, nil
}

// Assess collects the evidence and evaluates it: the whole pipeline.
func Assess(ctx context.Context, arg string, c Collectors, opts Options) (*Result, error) {
	res, err := Collect(ctx, arg, c, opts)
	if err != nil {
		return nil, err
	}
	return res, evaluate(ctx, res, opts)
}

// EvaluateBundle evaluates a saved bundle against the assessment named by
// arg. Unless opts.AsOf is set, the bundle's as_of is used, so collect then
// evaluate gives the same scorecard as assess.
func EvaluateBundle(ctx context.Context, arg string, b *evidence.Bundle, c Collectors, opts Options) (*Result, error) {
	a, err := Load(arg, c, opts)
	if err != nil {
		return nil, err
	}
	if opts.AsOf == "" {
		opts.AsOf = b.AsOf
	}
	asOf, err := resolveAsOf(opts, a.AsOf)
	if err != nil {
		return nil, err
	}
	res := &Result{Assessment: a, AsOf: asOf, Bundle: b, Warnings: AssessmentWarnings(a, asOf)}
	if b.Assessment.SHA256 != a.SHA256 {
		res.Warnings = append(res.Warnings, fmt.Sprintf(
			"the bundle was collected for another version of the assessment file (%s, sha256 %.12s…); zones assigned at collection may differ",
			b.Assessment.File, b.Assessment.SHA256))
	}
	return res, evaluate(ctx, res, opts)
}

// evaluate fills in the scorecard of res.
func evaluate(ctx context.Context, res *Result, opts Options) error {
	a := res.Assessment
	cat, err := catalog.Load()
	if err != nil {
		return err
	}
	var ps *PolicySet
	if opts.PolicyBundle != nil {
		ps, err = LoadPolicyBundle(SealedPoliciesFile, opts.PolicyBundle)
	} else {
		var warnings []string
		ps, warnings, err = LoadAssessmentPolicies(ctx, a, opts.Packs)
		res.Warnings = append(res.Warnings, warnings...)
	}
	if err != nil {
		return err
	}
	overrides, err := ps.override(a)
	if err != nil {
		return err
	}
	kinds := sourceKinds(a)
	// The policies see Input(a, res.Bundle, res.AsOf, kinds), converted
	// from the documents as they lie (bundleInput).
	input, err := bundleInput(a, res.Bundle, res.AsOf, kinds, ps.plan())
	if err != nil {
		return fmt.Errorf("policy input: %w", err)
	}
	at, err := time.Parse(time.DateOnly, res.AsOf)
	if err != nil {
		return fmt.Errorf("as_of %q: %w", res.AsOf, err)
	}
	zones := make([]string, len(a.Zones))
	for i, z := range a.Zones {
		zones[i] = z.Name
	}
	// The bundle's digest does not depend on the checks: it is hashed
	// while they run, on a core one of them leaves idle.
	type digest struct {
		value string
		err   error
	}
	digested := make(chan digest, 1)
	go func() {
		d, err := res.Bundle.Digest()
		digested <- digest{d, err}
	}()
	results, err := ps.evaluateValue(ctx, input, at.UTC(), zones, opts.PolicyTimeout)
	d := <-digested
	if pe := (*PolicyError)(nil); errors.As(err, &pe) && pe.Timeout > 0 {
		pe.Input = describeInput(res.Bundle)
	}
	if err != nil {
		return err
	}
	if d.err != nil {
		return d.err
	}
	bundleDigest := d.value
	// What each check reads decides which passes stale evidence withholds.
	reads := ps.Reads()
	for i := range results {
		results[i].Reads = reads[results[i].Rule.Package]
	}
	sc, err := scorecard.Build(scorecard.Input{
		Assessment: &a.Assessment,
		AsOf:       res.AsOf,
		Results:    results,
		Bundle:     res.Bundle,
		Digests: scorecard.Digests{
			Bundle:     bundleDigest,
			Policies:   ps.Digest,
			Assessment: "sha256:" + a.SHA256,
			Packs:      ps.Packs,
		},
		Engine:     scorecard.Engine{Name: "slate", Version: Version},
		Policies:   ps.Modules,
		Overrides:  overrides,
		Advisories: advisoryMatches(input),
	}, cat)
	if err != nil {
		return err
	}
	res.Scorecard, res.Policies = sc, ps
	for _, ev := range sc.Evidence {
		if ev.Stale {
			res.Warnings = append(res.Warnings, ev.StaleReason+"; the checks that read it pass nothing")
		}
	}
	return nil
}

// sourceKinds are the kinds of a's sources, each once, sorted.
func sourceKinds(a *assessment.Assessment) []string {
	var kinds []string
	for _, s := range a.Sources {
		if !slices.Contains(kinds, s.Kind) {
			kinds = append(kinds, s.Kind)
		}
	}
	slices.Sort(kinds)
	return kinds
}

// AsOfError is an assessment date that is missing or malformed; the CLI
// treats it as a usage error.
type AsOfError struct{ Msg string }

func (e *AsOfError) Error() string { return e.Msg }

// resolveAsOf picks the assessment date: the flag, then
// SOURCE_DATE_EPOCH, then the file. The wall clock is never used.
func resolveAsOf(opts Options, fromFile string) (string, error) {
	getenv := getenv(opts)
	if opts.AsOf != "" {
		if _, err := time.Parse(time.DateOnly, opts.AsOf); err != nil {
			return "", &AsOfError{fmt.Sprintf("--as-of %q is not a date of the form YYYY-MM-DD", opts.AsOf)}
		}
		if !model.AsOfInRange(opts.AsOf) {
			return "", &AsOfError{fmt.Sprintf("--as-of %s is not between %s and %s, the dates the policies can compute with", opts.AsOf, model.FirstAsOf, model.LastAsOf)}
		}
		return opts.AsOf, nil
	}
	if s := strings.TrimSpace(getenv("SOURCE_DATE_EPOCH")); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return "", &AsOfError{fmt.Sprintf("SOURCE_DATE_EPOCH %q is not a number of seconds", s)}
		}
		day := time.Unix(n, 0).UTC().Format(time.DateOnly)
		if !model.AsOfInRange(day) {
			return "", &AsOfError{fmt.Sprintf("SOURCE_DATE_EPOCH %s is %s, not between %s and %s, the dates the policies can compute with", s, day, model.FirstAsOf, model.LastAsOf)}
		}
		return day, nil
	}
	if fromFile != "" {
		return fromFile, nil
	}
	return "", &AsOfError{"no assessment date: set as_of in the assessment block, pass --as-of YYYY-MM-DD, or set SOURCE_DATE_EPOCH"}
}

func getenv(opts Options) func(string) string {
	if opts.Getenv == nil {
		return os.Getenv
	}
	return opts.Getenv
}
