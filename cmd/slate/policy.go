package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/slate-ot/slate/engine"
)

func newPolicyCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policy",
		Short: "Test, lint, document, build and ship Rego policies",
	}
	cmd.AddCommand(newPolicyTestCmd(), newPolicyLintCmd(), newPolicyDocCmd(), newPolicyNewCmd(), newPolicyBuildCmd(),
		newPolicyPushCmd(), newPolicyPullCmd())
	return cmd
}

func newPolicyTestCmd() *cobra.Command {
	var (
		failUnder float64
		noBuiltin bool
	)
	cmd := &cobra.Command{
		Use:   "test [DIR...]",
		Short: "Run the Rego tests of the built-in policies and of DIRs, with coverage",
		Long: `test runs every _test.rego (OPA's test runner) with the compiler settings
an assessment uses: Rego v1, strict, no network builtins. It prints failures,
a "N passed, N failed" line and the line coverage of the modules under test,
and exits 1 when a test fails or coverage is below --fail-under.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			rep, err := engine.RunRegoTests(cmd.Context(), !noBuiltin, args)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			for _, f := range rep.Failures {
				fmt.Fprintln(w, "FAIL", f)
			}
			fmt.Fprintf(w, "coverage: %.1f%%\n", rep.Coverage)
			fmt.Fprintf(w, "%d passed, %d failed\n", rep.Passed, rep.Failed)
			switch {
			case rep.Failed > 0:
				return withCode(ExitFindings, fmt.Errorf("%d Rego test(s) failed", rep.Failed))
			case rep.Passed == 0:
				return withCode(ExitFindings, fmt.Errorf("no Rego tests found"))
			case rep.Coverage < failUnder:
				return withCode(ExitFindings, fmt.Errorf("coverage %.1f%% is below --fail-under %.1f%%", rep.Coverage, failUnder))
			}
			return nil
		},
	}
	cmd.Flags().Float64Var(&failUnder, "fail-under", 0, "fail when line coverage (percent) is below this")
	cmd.Flags().BoolVar(&noBuiltin, "no-builtin", false, "test only the DIRs, not the built-in library")
	return cmd
}

func newPolicyLintCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "lint [DIR...]",
		Short: "Compile the built-in policies and DIRs strictly and check their METADATA",
		Long: `lint compiles the policies as an assessment would (Rego v1, strict, restricted
capabilities) and checks every check's METADATA: title, custom.id (unique),
requirements that exist in the catalogs, severity, owner and remediation.
Every problem is reported with file:line; the exit code is 2 if there is any.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			ps, err := engine.LoadPolicies(".", args)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "ok: %d module(s), %d check(s), policy set %s\n", len(ps.Modules), len(ps.Rules), ps.Digest)
			return err
		},
	}
}

func newPolicyDocCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "doc [DIR...]",
		Short: "Print Markdown tables of the checks: requirements, severity, owner, and what each kind of finding fails and why",
		RunE: func(cmd *cobra.Command, args []string) error {
			ps, err := engine.LoadPolicies(".", args)
			if err != nil {
				return err
			}
			var b strings.Builder
			b.WriteString("| id | check | requirements | severity | owner | package |\n| --- | --- | --- | --- | --- | --- |\n")
			for _, r := range ps.Rules {
				fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | `%s` |\n", r.ID, cell(r.Title),
					cell(strings.Join(r.Requirements, ", ")), r.Severity, r.Owner, r.Package)
			}
			b.WriteString("\nWhat each kind of finding fails, and why:\n\n")
			b.WriteString(engine.MappingTable(ps.Rules))
			_, err = fmt.Fprint(cmd.OutOrStdout(), b.String())
			return err
		},
	}
}

// cell makes text safe inside a Markdown table cell.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}
