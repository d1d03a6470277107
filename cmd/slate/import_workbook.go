package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/internal/workbook"
	"github.com/slate-ot/slate/reports"
	"github.com/slate-ot/slate/reports/xlsx/returned"
)

var _ Options = (*ImportOptions)(nil)

// ImportOptions say where the attestations of a returned workbook go, who
// attests them, and which scorecard the workbook must belong to.
type ImportOptions struct {
	Out       string
	Auditor   string
	Scorecard string
	Date      string
	ValidFor  string
	Limits    WorkbookLimitOptions
}

// AddFlags adds --out, --auditor, --scorecard, --date and --valid-for, and
// the workbook limits.
func (o *ImportOptions) AddFlags(cmd *cobra.Command) {
	o.Limits.AddFlags(cmd)
	cmd.Flags().StringVarP(&o.Out, "out", "o", "", "attestation CSV to write (required)")
	cmd.Flags().StringVar(&o.Auditor, "auditor", "", "who attests the verdicts, e.g. \"R. Auditor, ACME audit\" (required)")
	cmd.Flags().StringVar(&o.Scorecard, "scorecard", "", "scorecard.json the workbook was written from: refuse a workbook of another scorecard or edited outside the auditor's cells")
	cmd.Flags().StringVar(&o.Date, "date", "", "date of the attestations YYYY-MM-DD (default: the workbook's as of)")
	cmd.Flags().StringVar(&o.ValidFor, "valid-for", "365d", "how long an attestation holds when its row gives no expiry, in days (e.g. 365d)")
	_ = cmd.MarkFlagRequired("out")
	_ = cmd.MarkFlagRequired("auditor")
	_ = cmd.MarkFlagFilename("scorecard", "json")
}

var _ Options = (*WorkbookLimitOptions)(nil)

// WorkbookLimitOptions bound what reading a workbook may cost.
type WorkbookLimitOptions struct {
	workbook.Limits
}

// AddFlags adds --max-part-bytes, --max-workbook-bytes, --max-cell-chars
// and --max-strings.
func (o *WorkbookLimitOptions) AddFlags(cmd *cobra.Command) {
	o.Limits = workbook.Default
	fs := cmd.Flags()
	fs.Int64Var(&o.PartBytes, "max-part-bytes", o.PartBytes, "limit on the decompressed bytes of one part of the workbook (a sheet, the shared strings)")
	fs.Int64Var(&o.WorkbookBytes, "max-workbook-bytes", o.WorkbookBytes, "limit on the decompressed bytes of the whole workbook, and on the file's size")
	fs.IntVar(&o.CellChars, "max-cell-chars", o.CellChars, "limit on the characters of one cell or shared string")
	fs.IntVar(&o.Strings, "max-strings", o.Strings, "limit on the number of shared strings")
}

// Check refuses a limit below 1.
func (o *WorkbookLimitOptions) Check() error {
	var errs []error
	for _, l := range []struct {
		flag string
		n    int64
	}{{"--max-part-bytes", o.PartBytes}, {"--max-workbook-bytes", o.WorkbookBytes}, {"--max-cell-chars", int64(o.CellChars)}, {"--max-strings", int64(o.Strings)}} {
		if l.n < 1 {
			errs = append(errs, fmt.Errorf("%s must be at least 1, not %d", l.flag, l.n))
		}
	}
	return withCode(ExitUsage, errors.Join(errs...))
}

// Attest returns the options of the mapping from verdicts to attestations.
func (o *ImportOptions) Attest() (returned.AttestOptions, error) {
	var errs []error
	if strings.TrimSpace(o.Auditor) == "" {
		errs = append(errs, errors.New("--auditor: name who attests the verdicts"))
	}
	if o.Date != "" {
		if _, err := time.Parse(time.DateOnly, o.Date); err != nil {
			errs = append(errs, fmt.Errorf("--date %q: use YYYY-MM-DD", o.Date))
		}
	}
	days, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(o.ValidFor), "d"))
	if err != nil || days < 1 {
		errs = append(errs, fmt.Errorf("--valid-for %q: use a number of days such as 365d", o.ValidFor))
	}
	if err := errors.Join(errs...); err != nil {
		return returned.AttestOptions{}, withCode(ExitUsage, err)
	}
	return returned.AttestOptions{Auditor: strings.TrimSpace(o.Auditor), Date: o.Date, ValidFor: days}, nil
}

// LoadScorecard reads the --scorecard file, or returns nil without one.
func (o *ImportOptions) LoadScorecard() (*scorecard.Scorecard, error) {
	if o.Scorecard == "" {
		return nil, nil
	}
	raw, err := os.ReadFile(o.Scorecard)
	if err != nil {
		return nil, &evidence.InputError{Path: o.Scorecard, Err: err}
	}
	sc, err := scorecard.Decode(o.Scorecard, raw)
	if err != nil {
		return nil, &evidence.InputError{Path: o.Scorecard, Err: err}
	}
	return sc, nil
}

// Write writes the attestations to --out, replacing it whole or not at all.
func (o *ImportOptions) Write(csv []byte) error {
	return reports.WriteFiles(filepath.Dir(o.Out), map[string][]byte{filepath.Base(o.Out): csv})
}

func newImportWorkbookCmd() *cobra.Command {
	var opts ImportOptions
	cmd := &cobra.Command{
		Use:   "import-workbook FILE",
		Short: "Turn the auditor's verdicts in a returned workbook into attestations",
		Long: `import-workbook reads a workbook slate wrote (scorecard.xlsx) after an
auditor has filled in each zone's verdict and comment columns on the FR and
NIST sheets, perhaps added rows to the Attestations sheet, annotated gaps,
waivers or countermeasures and signed the Sign-off sheet, and writes the
attestations the verdicts amount to as a CSV file that a source "attestation"
block reads on the next run.

A verdict holds for one requirement in one zone. Agree on a manual or partial
requirement attests it as passing in that zone where it awaits an attestation,
with the comment as the evidence; Disagree attests it as not met where slate
shows it met or undecided, with the comment as the note; Needs evidence records
nothing and is listed. Each added Attestations row is one attestation. Notes on
the Gaps, Waivers and Countermeasures sheets and the sign-off are listed. See
docs/assessment.md, "The workbook comes back".

With --scorecard the workbook must have been written from that scorecard (the
Overview's as of, engine and digests), and any cell changed outside the
auditor's is refused with its sheet!cell reference (exit 2). Every problem of
the workbook is listed in one run. A file that cannot be read as a workbook,
or is past one of the --max-* limits (see docs/limits.md), exits 3 naming the
part.`,
		Example: `  slate import-workbook audit/scorecard.xlsx --scorecard out/scorecard.json \
      --auditor "R. Auditor, ACME audit" --out evidence/attestations/audit.csv`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			attest, err := opts.Attest()
			if err != nil {
				return err
			}
			if err := opts.Limits.Check(); err != nil {
				return err
			}
			sc, err := opts.LoadScorecard()
			if err != nil {
				return err
			}
			v, err := importWorkbook(args[0], sc, opts.Limits.Limits)
			if err != nil {
				return err
			}
			atts, outs, err := v.Attestations(attest)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := returned.WriteAttestationCSV(&buf, atts); err != nil {
				return err
			}
			if err := opts.Write(buf.Bytes()); err != nil {
				return err
			}
			return writeImportReport(cmd, v, outs, len(atts), opts.Out)
		},
	}
	opts.AddFlags(cmd)
	return cmd
}

// importWorkbook opens and imports the workbook at path.
func importWorkbook(path string, sc *scorecard.Scorecard, lim workbook.Limits) (*returned.Verdicts, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &evidence.InputError{Path: path, Err: err}
	}
	defer f.Close()
	return returned.Import(path, f, sc, lim)
}

// writeImportReport says what became of every verdict and added row.
func writeImportReport(cmd *cobra.Command, v *returned.Verdicts, outs []returned.Outcome, written int, out string) error {
	if !v.Checked {
		fmt.Fprintln(cmd.ErrOrStderr(), "warning: without --scorecard only the workbook's layout was checked; pass the scorecard.json it was written from to refuse edits outside the auditor's cells")
	}
	w := cmd.OutOrStdout()
	fmt.Fprintf(w, "%s: workbook of the assessment as of %s (assessment digest %s)\n", v.Name, v.Identity.AsOf, v.Identity.Assessment)
	if err := returned.WriteOutcomes(w, outs); err != nil {
		return err
	}
	if so := v.SignOff; so.Signed() {
		fmt.Fprintf(w, "Signed off by %s%s on %s: %s\n", cmpOr(so.Auditor, "(no auditor named)"), orgSuffix(so.Organisation), cmpOr(so.Date, "(no date)"), cmpOr(so.Opinion, "(no overall opinion)"))
		for _, z := range so.Zones {
			fmt.Fprintf(w, "  zone %s: %s\n", z.Zone, strings.TrimSpace(z.Opinion+" "+z.Comment))
		}
	}
	follow := 0
	for _, o := range outs {
		if o.Verdict == "Needs evidence" || (o.Verdict == "Disagree" && o.Attested == "") {
			follow++
		}
	}
	_, err := fmt.Fprintf(w, "%d attestation(s) written to %s; %d verdict(s) to follow up.\n", written, out, follow)
	return err
}

func cmpOr(s, or string) string {
	if s == "" {
		return or
	}
	return s
}

func orgSuffix(org string) string {
	if org == "" {
		return ""
	}
	return " (" + org + ")"
}
