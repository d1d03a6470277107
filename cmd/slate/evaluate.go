package main

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/slate-ot/slate/engine"
	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/reports"
)

func newEvaluateCmd() *cobra.Command {
	var (
		runOpts  RunOptions
		evalOpts EvalOptions
		out      OutOptions
		failOn   FailOnOptions
		formats  FormatOptions
		bundle   string
	)
	cmd := &cobra.Command{
		Use:   "evaluate --bundle FILE [DIR|FILE]",
		Short: "Evaluate a saved evidence bundle and write the scorecard",
		Long: `evaluate reads an evidence bundle written by 'slate collect' or
'slate assess', evaluates the policies of the assessment (zones, waivers and
custom policies are read from the assessment file again) and writes
DIR/scorecard.json. The date is the bundle's unless --as-of is given.`,
		Example: `  slate evaluate --bundle evidence-out/bundle.json examples/plant-a --out out`,
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := errors.Join(failOn.Validate(), formats.Validate(), evalOpts.Validate()); err != nil {
				return err
			}
			b, err := evidence.ReadBundle(bundle)
			if err != nil {
				return withCode(ExitEvidence, err)
			}
			res, err := engine.EvaluateBundle(cmd.Context(), assessmentArg(args), b, collectorsFor(cmd), evalOpts.Engine(&runOpts))
			if err != nil {
				return err
			}
			files, err := formats.Render(res)
			if err != nil {
				return err
			}
			if err := out.Write(cmd, res, files); err != nil {
				return err
			}
			if err := reports.WriteSummary(cmd.OutOrStdout(), res.Scorecard, scorecard.TopRisks); err != nil {
				return err
			}
			return failOn.Check(res.Scorecard)
		},
	}
	cmd.Flags().StringVar(&bundle, "bundle", "", "evidence bundle to evaluate (required)")
	_ = cmd.MarkFlagRequired("bundle")
	runOpts.AddFlags(cmd)
	evalOpts.AddFlags(cmd)
	out.AddFlags(cmd)
	failOn.AddFlags(cmd)
	formats.AddFlags(cmd)
	return cmd
}
