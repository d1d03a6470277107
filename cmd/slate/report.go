package main

import (
	"bytes"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/reports"
)

func newReportCmd() *cobra.Command {
	var (
		format, out string
		warn        WaiverWarnOptions
	)
	cmd := &cobra.Command{
		Use:   "report SCORECARD --format FORMAT [--out FILE]",
		Short: "Write a report from a saved scorecard",
		Long: `report reads a scorecard.json written by 'slate assess' or 'slate evaluate'
and writes it in another format, to FILE or to standard output. Reports are
made from the scorecard alone: the same scorecard gives the same bytes.`,
		Example: `  slate report out/scorecard.json --format sarif --out out/results.sarif
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
			var buf bytes.Buffer
			if err := f.Write(&buf, sc); err != nil {
				return err
			}
			if out == "" {
				_, err = cmd.OutOrStdout().Write(buf.Bytes())
				return err
			}
			return reports.WriteFiles(filepath.Dir(out), map[string][]byte{filepath.Base(out): buf.Bytes()})
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "", "report format (required)")
	cmd.Flags().StringVarP(&out, "out", "o", "", "output file (default: standard output)")
	warn.AddFlags(cmd)
	_ = cmd.MarkFlagRequired("format")
	return cmd
}
