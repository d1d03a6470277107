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
		signKey  SignKeyOptions
		clean    CleanOptions
		bundle   string
	)
	cmd := &cobra.Command{
		Use:   "evaluate --bundle FILE [DIR|FILE]",
		Short: "Evaluate a saved evidence bundle and write the scorecard",
		Long: `evaluate reads an evidence bundle written by 'slate collect' or
'slate assess', evaluates the policies of the assessment (zones, waivers and
custom policies are read from the assessment file again) and writes
DIR/scorecard.json. The date is the bundle's unless --as-of is given.

DIR receives what 'slate assess' writes, so that 'slate sign DIR' and
'slate verify DIR' work the same on it: the reports, bundle.json (the
evaluated bundle), assessment.tar.gz and policies.tar.gz (the assessment
file and the exact policy set, sealed) and manifest.json, which lists every
file the run wrote with its sha256. A DIR holding files this run does not
write is refused; --clean removes the files of the previous run (those its
manifest.json lists, and their signatures) and refuses any other.
--sign-key signs the outputs as they are written.`,
		Example: `  slate evaluate --bundle evidence-out/bundle.json examples/plant-a --out out
  slate evaluate --bundle evidence-out/bundle.json examples/plant-a --out out --clean --sign-key cosign.key`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := errors.Join(failOn.Validate(), formats.Validate(), evalOpts.Validate()); err != nil {
				return err
			}
			if err := signKey.Load(cmd); err != nil {
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
			outs, err := formats.Outputs(res)
			if err != nil {
				return err
			}
			files := map[string][]byte{}
			if err := writeRun(cmd, res, outs, files, &out, &clean, &signKey); err != nil {
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
	signKey.AddFlags(cmd)
	clean.AddFlags(cmd)
	return cmd
}
