package main

import (
	"fmt"
	"github.com/slate-ot/slate/reports"
	"io"

	"github.com/spf13/cobra"

	"github.com/slate-ot/slate/engine"
	"github.com/slate-ot/slate/oci"
)

func newValidateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "validate [DIR|FILE]",
		Short: "Check an assessment file without running it",
		Long: `validate parses the assessment file and checks it: syntax, zones,
networks, conduits, sources (globs must match files inside the assessment
directory), policies and waivers. Every problem is reported at once with
file:line:col and the source line; the exit code is 2 if there is any.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			a, err := engine.Load(assessmentArg(args), collectorsFor(cmd), engine.Options{Formats: reports.Names()})
			if err != nil {
				return err
			}
			_, packWarnings, err := engine.LoadAssessmentPolicies(cmd.Context(), a, oci.PackFetcher{})
			if err != nil {
				return err
			}
			printWarnings(cmd.ErrOrStderr(), append(engine.AssessmentWarnings(a, a.AsOf), packWarnings...))
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "%s: ok — %d zone(s), %d conduit(s), %d source(s), %d waiver(s)\n",
				a.File, len(a.Zones), len(a.Conduits), len(a.Sources), len(a.Waivers))
			return err
		},
	}
}

func printWarnings(w io.Writer, warnings []string) {
	for _, s := range warnings {
		fmt.Fprintf(w, "warning: %s\n", s)
	}
}
