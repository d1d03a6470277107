package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/reports/drift"
)

var (
	_ Options = (*BaselineOptions)(nil)
	_ Options = (*WaiverWarnOptions)(nil)
)

func newDiffCmd() *cobra.Command {
	var (
		format string
		failOn string
		warn   WaiverWarnOptions
	)
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Show what changed between two scorecards",
		Long: `diff compares two scorecards of the same site (scorecard.json files, or
directories holding one) and lists what changed per requirement and zone:
new failures, fixes, expired and added waivers, evidence now missing or
stale, SL-achieved up or down per zone and FR, new and closed gaps, and
changed policies, assessment file or evidence. Regressions come first.
Then come the security advisories that find a component of the site
affected now and found none in the baseline, KEV first.

With --fail-on regression it exits 1 when anything regressed.`,
		Example: `  slate diff last-week/ out/
  slate diff prev/scorecard.json out/scorecard.json --format md >> "$GITHUB_STEP_SUMMARY"
  slate diff prev out --fail-on regression`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := drift.Lookup(format)
			if err != nil {
				return withCode(ExitUsage, err)
			}
			if failOn != "none" && failOn != failOnRegression {
				return withCode(ExitUsage, fmt.Errorf("--fail-on %q: use none or %s", failOn, failOnRegression))
			}
			if err := warn.Validate(); err != nil {
				return err
			}
			prev, err := readScorecard(args[0])
			if err != nil {
				return err
			}
			next, err := readScorecard(args[1])
			if err != nil {
				return err
			}
			r := &drift.Report{Drift: scorecard.Diff(prev, next), Waivers: drift.WaiverNotices(next, warn.Days)}
			if err := f.Write(cmd.OutOrStdout(), r); err != nil {
				return err
			}
			if failOn == failOnRegression {
				return regressionError(r.Drift, args[0])
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: "+strings.Join(drift.Names(), ", "))
	cmd.Flags().StringVar(&failOn, "fail-on", "none", "exit 1 when anything regressed: none or "+failOnRegression)
	_ = cmd.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return drift.Names(), cobra.ShellCompDirectiveNoFileComp
	})
	warn.AddFlags(cmd)
	return cmd
}

// failOnRegression is the --fail-on value that fails a run on drift.
const failOnRegression = "regression"

// regressionError returns an ExitFindings error when d has a regression.
func regressionError(d *scorecard.Drift, baseline string) error {
	if d.Regressions == 0 {
		return nil
	}
	return withCode(ExitFindings, fmt.Errorf("%d regression(s) since %s (as of %s)", d.Regressions, baseline, d.Old.AsOf))
}

// readScorecard reads a scorecard.json, or the one in a directory.
func readScorecard(path string) (*scorecard.Scorecard, error) {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		path = filepath.Join(path, "scorecard.json")
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, withCode(ExitUsage, fmt.Errorf("read scorecard %s: no such file", path))
		}
		return nil, withCode(ExitUsage, fmt.Errorf("read scorecard: %w", err))
	}
	sc, err := scorecard.Decode(path, raw)
	if err != nil {
		return nil, withCode(ExitUsage, err)
	}
	return sc, nil
}

// BaselineOptions name the previous run a new one is compared with.
type BaselineOptions struct {
	Path string
	// Scorecard is the baseline, read by Load.
	Scorecard *scorecard.Scorecard
}

// AddFlags adds --baseline.
func (o *BaselineOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.Path, "baseline", "",
		"previous scorecard.json (or its directory) to compare with: prints the drift and writes drift.json and drift.md")
}

// Load reads the baseline, if one is named, before anything runs.
func (o *BaselineOptions) Load() error {
	if o.Path == "" {
		return nil
	}
	sc, err := readScorecard(o.Path)
	if err != nil {
		return fmt.Errorf("--baseline: %w", err)
	}
	o.Scorecard = sc
	return nil
}

// Report compares next with the baseline; nil without one.
func (o *BaselineOptions) Report(next *scorecard.Scorecard, warn *WaiverWarnOptions) *drift.Report {
	if o.Scorecard == nil {
		return nil
	}
	return &drift.Report{Drift: scorecard.Diff(o.Scorecard, next), Waivers: drift.WaiverNotices(next, warn.Days)}
}

// Files renders drift.json and drift.md into files.
func (o *BaselineOptions) Files(r *drift.Report, files map[string][]byte) error {
	if r == nil {
		return nil
	}
	for _, f := range []struct {
		name  string
		write func(io.Writer, *drift.Report) error
	}{{drift.JSONFile, drift.WriteJSON}, {drift.MarkdownFile, drift.WriteMarkdown}} {
		var b bytes.Buffer
		if err := f.write(&b, r); err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
		files[f.name] = b.Bytes()
	}
	return nil
}

// failures joins the reasons a run fails into one ExitFindings error.
func failures(errs ...error) error {
	var msgs []string
	for _, err := range errs {
		if err != nil {
			msgs = append(msgs, err.Error())
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	return withCode(ExitFindings, errors.New(strings.Join(msgs, "; ")))
}

// WaiverWarnOptions set how early an expiring waiver is warned about.
type WaiverWarnOptions struct {
	Days int
}

// AddFlags adds --waiver-warn-days.
func (o *WaiverWarnOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().IntVar(&o.Days, "waiver-warn-days", drift.DefaultWarnDays,
		"warn about waivers that expire within this many days of the assessment date")
}

// Validate checks the flag value.
func (o *WaiverWarnOptions) Validate() error {
	if o.Days < 0 {
		return withCode(ExitUsage, fmt.Errorf("--waiver-warn-days %d: use 0 or more days", o.Days))
	}
	return nil
}

// Warn prints a warning for every waiver that expires soon or matches
// nothing. Expired waivers are left to the assessment file's own warning,
// which names the line.
func (o *WaiverWarnOptions) Warn(w io.Writer, sc *scorecard.Scorecard) {
	for _, n := range drift.WaiverNotices(sc, o.Days) {
		if n.State != drift.NoticeExpired {
			fmt.Fprintf(w, "warning: %s\n", drift.NoticeMessage(n, sc.Assessment.File))
		}
	}
}
