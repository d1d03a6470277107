package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/slate-ot/slate/engine"
	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/reports"
	"github.com/slate-ot/slate/reports/drift"
)

func newAssessCmd() *cobra.Command {
	var (
		runOpts  RunOptions
		evalOpts EvalOptions
		out      OutOptions
		formats  FormatOptions
		baseline BaselineOptions
		warn     WaiverWarnOptions
		history  HistoryOptions
		signKey  SignKeyOptions
		clean    CleanOptions
		failOn   = FailOnOptions{Baseline: &baseline}
	)
	cmd := &cobra.Command{
		Use:   "assess [DIR|FILE]",
		Short: "Collect the evidence, evaluate the policies and write the scorecard",
		Long: `assess runs the whole pipeline for the assessment file FILE (or
DIR/assessment.hcl; default ./assessment.hcl): it collects every evidence
source into DIR/bundle.json, evaluates the policies and writes
DIR/scorecard.json, then prints SL-achieved against SL-target per zone and
the top ten risks: root causes of the gaps, ranked by risk score. Either
both files are written or neither is.

With --baseline PREV/scorecard.json it also compares the run with the
previous one, prints what regressed and writes DIR/drift.json and
DIR/drift.md; --fail-on regression then exits 1 on any regression.

With --history RUNS (a folder of past runs, as 'slate history' reads it)
the scorecard carries the trend of the earlier runs of the same assessment
(SL-achieved per zone, open gaps by owner and severity, statuses), and the
HTML scorecard and the workbook show it. --history-key verifies each run
first; unverifiable runs are left out with a warning.

Besides the reports, DIR receives what makes the run verifiable on its
own: assessment.tar.gz (the assessment file and the evidence of its
countermeasures), policies.tar.gz (the exact policy set, as an OPA bundle)
and manifest.json, which lists every file the run wrote with its sha256.
A DIR holding files this run does not write is refused; --clean removes
the files of the previous run (those its manifest.json lists, and their
signatures) and refuses any other.

With --sign-key cosign.key the outputs are signed as 'slate sign' signs
them and written together with their signatures.`,
		Example: `  slate assess examples/plant-a --out out --as-of 2026-11-01
  slate assess . --out out --fail-on high
  slate assess . --out out --baseline prev/scorecard.json --fail-on high,regression
  slate assess . --out runs/2026-11-01 --history runs --history-key cosign.pub`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := errors.Join(failOn.Validate(), formats.Validate(), evalOpts.Validate(), warn.Validate(), history.Validate()); err != nil {
				return err
			}
			if err := baseline.Load(); err != nil {
				return err
			}
			if err := signKey.Load(cmd); err != nil {
				return err
			}
			res, err := engine.Assess(cmd.Context(), assessmentArg(args), collectorsFor(cmd), evalOpts.Engine(&runOpts))
			if err != nil {
				return err
			}
			h, err := history.Apply(res)
			if err != nil {
				return err
			}
			outs, err := formats.Outputs(res)
			if err != nil {
				return err
			}
			files := map[string][]byte{}
			dr := baseline.Report(res.Scorecard, &warn)
			if err := baseline.Files(dr, files); err != nil {
				return err
			}
			if err := writeRun(cmd, res, outs, files, &out, &clean, &signKey); err != nil {
				return err
			}
			warn.Warn(cmd.ErrOrStderr(), res.Scorecard)
			history.Warn(cmd.ErrOrStderr(), h)
			if err := reports.WriteSummary(cmd.OutOrStdout(), res.Scorecard, scorecard.TopRisks); err != nil {
				return err
			}
			if dr != nil {
				fmt.Fprintln(cmd.OutOrStdout())
				if err := drift.WriteSummary(cmd.OutOrStdout(), dr, 10); err != nil {
					return err
				}
			}
			return failures(failOn.Check(res.Scorecard), failOn.CheckDrift(dr))
		},
	}
	runOpts.AddFlags(cmd)
	evalOpts.AddFlags(cmd)
	out.AddFlags(cmd)
	failOn.AddFlags(cmd)
	formats.AddFlags(cmd)
	baseline.AddFlags(cmd)
	warn.AddFlags(cmd)
	history.AddFlags(cmd)
	signKey.AddFlags(cmd)
	clean.AddFlags(cmd)
	return cmd
}
