package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/reports"
)

func newReportCmd() *cobra.Command {
	var (
		format, out string
		warn        WaiverWarnOptions
		sarifRoot   SARIFRootOptions
	)
	cmd := &cobra.Command{
		Use:   "report SCORECARD --format FORMAT [--out FILE]",
		Short: "Write a report from a saved scorecard",
		Long: `report reads a scorecard.json written by 'slate assess' or 'slate evaluate'
and writes it in another format, to FILE or to standard output. Reports are
made from the scorecard alone: the same scorecard gives the same bytes. The
xlsx and html formats are not written to a terminal: without --out they need
standard output redirected (exit 2 otherwise).

A format of several files (oscal: the assessment results and the plan they
import) writes FILE and the others beside it under their own names; on
standard output only the first.

--sarif-root names the repository root for the SARIF log's paths; the
assessment directory is where the scorecard's assessment file (its name
and sha256) lies, in the scorecard's folder or above.`,
		Example: `  slate report out/scorecard.json --format sarif --out out/results.sarif
  slate report plants/a/out/scorecard.json --format sarif --sarif-root . --out results.sarif
  slate report out/scorecard.json --format oscal --out out/oscal-assessment-results.json
  slate report out/scorecard.json --format md >> "$GITHUB_STEP_SUMMARY"`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := reports.Lookup(format)
			if err != nil {
				return withCode(ExitUsage, err)
			}
			raw, err := os.ReadFile(args[0])
			if err != nil {
				return withCode(ExitUsage, err)
			}
			sc, err := scorecard.Decode(args[0], raw)
			if err != nil {
				return withCode(ExitUsage, err)
			}
			if err := warn.Validate(); err != nil {
				return err
			}
			warn.Warn(cmd.ErrOrStderr(), sc)
			ro, err := sarifRoot.ForScorecard(args[0], sc)
			if err != nil {
				return err
			}
			if out == "" {
				if err := refuseTerminal(cmd.OutOrStdout(), format); err != nil {
					return err
				}
			}
			files := map[string][]byte{}
			for i, o := range f.Outputs(ro) {
				var buf bytes.Buffer
				if err := o.Write(&buf, sc); err != nil {
					return err
				}
				if out == "" {
					_, err = cmd.OutOrStdout().Write(buf.Bytes())
					return err
				}
				name := o.File
				if i == 0 {
					name = filepath.Base(out)
				}
				files[name] = buf.Bytes()
			}
			return reports.WriteFiles(filepath.Dir(out), files)
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "", "report format (required)")
	cmd.Flags().StringVarP(&out, "out", "o", "", "output file (default: standard output)")
	warn.AddFlags(cmd)
	sarifRoot.AddFlags(cmd)
	_ = cmd.MarkFlagRequired("format")
	return cmd
}

// terminalShy are the formats not meant for a terminal: a workbook is
// binary, a page is read in a browser.
var terminalShy = []string{"xlsx", "html"}

// writesToTerminal reports whether w is a terminal; a variable, so tests can
// stand in for one.
var writesToTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// refuseTerminal refuses to write a workbook or a page to a terminal,
// with the flag that writes it to a file instead.
func refuseTerminal(w io.Writer, format string) error {
	if !slices.Contains(terminalShy, format) || !writesToTerminal(w) {
		return nil
	}
	return withCode(ExitUsage, fmt.Errorf("--format %s writes a file, not text for the terminal: add --out scorecard.%s, or redirect standard output", format, format))
}
