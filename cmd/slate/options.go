package main

import (
	"errors"
	"fmt"
	"github.com/slate-ot/slate/evidence"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/slate-ot/slate/engine"
	"github.com/slate-ot/slate/engine/assessment"
	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/oci"
	"github.com/slate-ot/slate/reports"
	"github.com/slate-ot/slate/reports/drift"
)

// Options add their own flags to a command.
type Options interface {
	AddFlags(cmd *cobra.Command)
}

var (
	_ Options = (*FormatOptions)(nil)
	_ Options = (*RunOptions)(nil)
	_ Options = (*OutOptions)(nil)
	_ Options = (*FailOnOptions)(nil)
	_ Options = (*EvalOptions)(nil)
)

// RunOptions choose the assessment date.
type RunOptions struct {
	AsOf string
}

// AddFlags adds --as-of.
func (o *RunOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.AsOf, "as-of", "", "assessment date YYYY-MM-DD (default: SOURCE_DATE_EPOCH, then the file's as_of)")
}

// Engine returns the engine options. A run from the command line uses the
// site's fingerprint key file, creating it on first use.
func (o *RunOptions) Engine() engine.Options {
	return engine.Options{AsOf: o.AsOf, FingerprintKeyFile: true, Formats: reports.Names(), Packs: oci.PackFetcher{}}
}

// EvalOptions bound the evaluation of the policies.
type EvalOptions struct {
	PolicyTimeout time.Duration
}

// AddFlags adds --policy-timeout.
func (o *EvalOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().DurationVar(&o.PolicyTimeout, "policy-timeout", engine.DefaultPolicyTimeout,
		"stop a check that runs longer than this (e.g. 500ms, 2m) and fail the run with exit 2")
}

// Validate checks the flag value.
func (o *EvalOptions) Validate() error {
	if o.PolicyTimeout <= 0 {
		return withCode(ExitUsage, fmt.Errorf("--policy-timeout %s: use a positive duration such as 30s", o.PolicyTimeout))
	}
	return nil
}

// Engine returns the engine options of run with the evaluation bound set.
func (o *EvalOptions) Engine(run *RunOptions) engine.Options {
	opts := run.Engine()
	opts.PolicyTimeout = o.PolicyTimeout
	return opts
}

// OutOptions name the output directory.
type OutOptions struct {
	Out string
}

// AddFlags adds --out.
func (o *OutOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringVarP(&o.Out, "out", "o", "", "output directory (default: the assessment's output { dir }, relative to its file)")
	_ = cmd.MarkFlagDirname("out")
}

// Dir returns the output directory: the flag, else the assessment file's
// output block.
func (o *OutOptions) Dir(a *assessment.Assessment) (string, error) {
	switch {
	case o.Out != "":
		return o.Out, nil
	case filepath.IsAbs(a.Outputs.Dir):
		return a.Outputs.Dir, nil
	case a.Outputs.Dir != "":
		return filepath.Join(a.Dir, filepath.FromSlash(a.Outputs.Dir)), nil
	}
	return "", withCode(ExitUsage, errors.New("no output directory: pass --out DIR or set output { dir = \"…\" } in the assessment file"))
}

// Write prints the run's warnings and writes files into the output
// directory, all or nothing.
func (o *OutOptions) Write(cmd *cobra.Command, res *engine.Result, files map[string][]byte) error {
	printWarnings(cmd.ErrOrStderr(), res.Warnings)
	dir, err := o.Dir(res.Assessment)
	if err != nil {
		return err
	}
	return reports.WriteFiles(dir, files)
}

// FormatOptions choose the report formats written next to the scorecard
// and where the SARIF log's paths start.
type FormatOptions struct {
	Formats []string
	SARIF   SARIFRootOptions
}

// AddFlags adds --format.
func (o *FormatOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringSliceVarP(&o.Formats, "format", "f", nil,
		"report formats to write besides scorecard.json: "+strings.Join(reports.Names(), ", ")+" (default: the assessment's output { formats })")
	_ = cmd.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return reports.Names(), cobra.ShellCompDirectiveNoFileComp
	})
	o.SARIF.AddFlags(cmd)
}

// Validate checks the names before anything runs.
func (o *FormatOptions) Validate() error {
	for _, f := range o.Formats {
		if _, err := reports.Lookup(f); err != nil {
			return withCode(ExitUsage, err)
		}
	}
	return nil
}

// Outputs returns the report files for sc, to be written as they are
// made: the flag's formats, else the assessment file's, always including
// the JSON scorecard.
func (o *FormatOptions) Outputs(res *engine.Result) ([]reports.Output, error) {
	names := o.Formats
	if len(names) == 0 {
		names = res.Assessment.Outputs.Formats
	}
	names = append([]string{"json"}, names...)
	slices.Sort(names)
	ro, err := o.SARIF.Options(res.Assessment.Dir)
	if err != nil {
		return nil, err
	}
	return reports.OutputsOf(slices.Compact(names), ro)
}

// FailOnOptions set what fails a run: an open gap at or above a severity
// and, on commands that compare with a baseline, any regression
// ("--fail-on high,regression").
type FailOnOptions struct {
	FailOn string
	// Baseline is the command's --baseline; nil on commands without one,
	// which then refuse "regression".
	Baseline *BaselineOptions
}

// AddFlags adds --fail-on.
func (o *FailOnOptions) AddFlags(cmd *cobra.Command) {
	usage := "exit 1 when an open gap has at least this severity: none, " + strings.Join(evidence.Severities, ", ")
	values := append([]string{"none"}, evidence.Severities...)
	if o.Baseline != nil {
		usage += "; add " + failOnRegression + " (e.g. high," + failOnRegression + ") to exit 1 on any regression against --baseline"
		values = append(values, failOnRegression)
	}
	cmd.Flags().StringVar(&o.FailOn, "fail-on", "none", usage)
	_ = cmd.RegisterFlagCompletionFunc("fail-on", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	})
}

// parse splits the flag value into a severity ("none" for no threshold)
// and whether regressions fail the run.
func (o *FailOnOptions) parse() (severity string, regression bool, err error) {
	severity = "none"
	for _, tok := range strings.Split(o.FailOn, ",") {
		switch tok = strings.TrimSpace(tok); {
		case tok == "none":
		case tok == failOnRegression && o.Baseline != nil:
			regression = true
		case slices.Contains(evidence.Severities, tok) && (severity == "none" || severity == tok):
			severity = tok
		case slices.Contains(evidence.Severities, tok):
			return "", false, fmt.Errorf("--fail-on %q: give one severity, not %s and %s", o.FailOn, severity, tok)
		case o.Baseline != nil:
			return "", false, fmt.Errorf("--fail-on %q: use none, %s, one of %s, or a severity and %s joined by a comma",
				o.FailOn, failOnRegression, strings.Join(evidence.Severities, ", "), failOnRegression)
		default:
			return "", false, fmt.Errorf("--fail-on %q: use none or one of %s", o.FailOn, strings.Join(evidence.Severities, ", "))
		}
	}
	return severity, regression, nil
}

// Validate checks the flag value.
func (o *FailOnOptions) Validate() error {
	_, regression, err := o.parse()
	if err != nil {
		return withCode(ExitUsage, err)
	}
	if regression && o.Baseline.Path == "" {
		return withCode(ExitUsage, fmt.Errorf("--fail-on %s needs --baseline PREV/scorecard.json", failOnRegression))
	}
	return nil
}

// Check returns an ExitFindings error when sc has an open gap at or above
// the threshold.
func (o *FailOnOptions) Check(sc *scorecard.Scorecard) error {
	severity, _, _ := o.parse()
	if severity == "none" {
		return nil
	}
	n := 0
	for _, g := range sc.Gaps {
		if g.Status == scorecard.GapOpen && scorecard.SeverityAtLeast(g.Severity, severity) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	return withCode(ExitFindings, fmt.Errorf("%d open gap(s) at or above %s", n, severity))
}

// CheckDrift returns an ExitFindings error when regressions fail the run
// and the comparison with the baseline has one.
func (o *FailOnOptions) CheckDrift(r *drift.Report) error {
	if _, regression, _ := o.parse(); !regression || r == nil {
		return nil
	}
	return regressionError(r.Drift, o.Baseline.Path)
}

// assessmentArg is the optional DIR|FILE argument, "." by default.
func assessmentArg(args []string) string {
	if len(args) == 0 {
		return "."
	}
	return args[0]
}
