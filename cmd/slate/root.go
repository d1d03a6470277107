package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
)

// run executes the slate command line and returns the exit code.
func run(ctx context.Context, args []string) int {
	return runWith(ctx, args, os.Stdout, os.Stderr)
}

func runWith(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := newRootCmd()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	if err := root.ExecuteContext(ctx); err != nil {
		return report(stderr, err)
	}
	return ExitOK
}

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "slate",
		Short: "Assess an OT/ICS site against IEC 62443-3-3 and NIST SP 800-53r5",
		Long: `slate reads the evidence a plant already has (asset inventories, packet
captures, switch, router and firewall configurations, identity and MFA
settings, attestations), evaluates it with Rego policies mapped to IEC 62443-3-3
and the NIST SP 800-53r5 controls of an SP 800-53B baseline (low, moderate or
high; the SP 800-82r3 OT overlay's tailoring is not applied), and writes a
reproducible scorecard:
SL-achieved against SL-target per zone, and a gap list with owner, severity,
remediation and the evidence behind each finding.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().BoolP("quiet", "q", false, "no progress bars on stderr")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return withCode(ExitUsage, fmt.Errorf("%w (see '%s --help')", err, c.CommandPath()))
	})
	root.AddCommand(
		newAssessCmd(),
		newCatalogCmd(),
		newCollectCmd(),
		newDiffCmd(),
		newEvaluateCmd(),
		newHistoryCmd(),
		newImportWorkbookCmd(),
		newPolicyCmd(),
		newPortfolioCmd(),
		newPullCmd(),
		newPushCmd(),
		newReportCmd(),
		newValidateCmd(),
		newInitCmd(),
		newVersionCmd(),
		newKeygenCmd(),
		newSignCmd(),
		newVerifyCmd(),
		newDocsCmd(),
	)
	return root
}
