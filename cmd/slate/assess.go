package main

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/slate-ot/slate/engine"
	"github.com/slate-ot/slate/reports"
)

func newAssessCmd() *cobra.Command {
	var (
		runOpts  RunOptions
		evalOpts EvalOptions
		out      OutOptions
		failOn   FailOnOptions
		formats  FormatOptions
	)
	cmd := &cobra.Command{
		Use:   "assess [DIR|FILE]",
		Short: "Collect the evidence, evaluate the policies and write the scorecard",
		Long: `assess runs the whole pipeline for the assessment file FILE (or
DIR/assessment.hcl; default ./assessment.hcl): it collects every evidence
source into DIR/bundle.json, evaluates the policies and writes
DIR/scorecard.json, then prints SL-achieved against SL-target per zone and
the top gaps. Either both files are written or neither is.`,
		Example: `  slate assess examples/plant-a --out out --as-of 2026-11-01
  slate assess . --out out --fail-on high`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := errors.Join(failOn.Validate(), formats.Validate(), evalOpts.Validate()); err != nil {
				return err
			}
			res, err := engine.Assess(cmd.Context(), assessmentArg(args), collectorsFor(cmd), evalOpts.Engine(&runOpts))
			if err != nil {
				return err
			}
			files, err := formats.Render(res)
			if err != nil {
				return err
			}
			files["bundle.json"] = res.BundleJSON
			if err := out.Write(cmd, res, files); err != nil {
				return err
			}
			if err := reports.WriteSummary(cmd.OutOrStdout(), res.Scorecard, 10); err != nil {
				return err
			}
			return failOn.Check(res.Scorecard)
		},
	}
	runOpts.AddFlags(cmd)
	evalOpts.AddFlags(cmd)
	out.AddFlags(cmd)
	failOn.AddFlags(cmd)
	formats.AddFlags(cmd)
	return cmd
}
