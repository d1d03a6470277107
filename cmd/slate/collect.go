package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/slate-ot/slate/engine"
	"github.com/slate-ot/slate/evidence"
)

func newCollectCmd() *cobra.Command {
	var (
		runOpts RunOptions
		out     OutOptions
	)
	cmd := &cobra.Command{
		Use:   "collect [DIR|FILE]",
		Short: "Collect the evidence into a bundle without evaluating it",
		Long: `collect reads every evidence source of the assessment into
DIR/bundle.json. 'slate evaluate --bundle DIR/bundle.json' then gives the
same scorecard as 'slate assess'.`,
		Example: `  slate collect examples/plant-a --out evidence-out --as-of 2026-11-01`,
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			res, err := engine.Collect(cmd.Context(), assessmentArg(args), collectorsFor(cmd), runOpts.Engine())
			if err != nil {
				return err
			}
			raw, err := res.BundleJSON()
			if err != nil {
				return err
			}
			if err := out.Write(cmd, res, map[string][]byte{"bundle.json": raw}); err != nil {
				return err
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "%d evidence document(s), bundle %s\n", len(res.Bundle.Documents), evidence.DigestBytes(raw))
			return err
		},
	}
	runOpts.AddFlags(cmd)
	out.AddFlags(cmd)
	return cmd
}
