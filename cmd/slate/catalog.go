package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/slate-ot/slate/engine"
	"github.com/slate-ot/slate/engine/assessment"
	"github.com/slate-ot/slate/engine/catalog"
	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
)

func newCatalogCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "catalog",
		Short: "Show the control catalogs and how the policies cover them",
	}
	cmd.AddCommand(newCatalogCoverageCmd())
	return cmd
}

// coverageRow is one line of `slate catalog coverage`.
type coverageRow struct {
	Framework string   `json:"framework"`
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Level     string   `json:"level"`
	Class     string   `json:"class"`
	Rules     []string `json:"rules"`
	Mapped    []string `json:"mapped_rules,omitempty"`
}

func newCatalogCoverageCmd() *cobra.Command {
	var (
		frameworks []string
		baseline   string
		dirs       []string
		format     string
	)
	cmd := &cobra.Command{
		Use:   "coverage",
		Short: "List every requirement with how the policies assess it (automated, partial, manual)",
		Long: `coverage lists every requirement of the selected frameworks — all 100 SRs and
REs of IEC 62443-3-3, and every control of the selected NIST SP 800-53r5
baseline (SP 800-53B; the SP 800-82r3 OT overlay's tailoring is not applied)
— with its coverage class:

  automated  a check decides it from evidence (custom.automates)
  partial    checks decide part of it; an attestation must cover the rest
             (NIST controls reached only through the curated IEC → NIST
             mapping are partial too)
  manual     no check speaks to it; only an attestation decides it

The built-in policies are always included; --policies adds custom ones.`,
		Example: `  slate catalog coverage
  slate catalog coverage --framework iec62443-3-3 --format md
  slate catalog coverage --framework nist-800-53r5 --baseline high --policies ./policies`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var fws []assessment.Framework
			for _, f := range frameworks {
				f, alias := assessment.CanonicalFramework(f)
				if alias {
					fmt.Fprintf(cmd.ErrOrStderr(), "warning: --framework nist-800-82r3 is read as %s: the SP 800-53B baseline is listed; the SP 800-82r3 OT overlay's tailoring is not applied\n", f)
				}
				switch f {
				case assessment.FrameworkIEC62443:
					fws = append(fws, assessment.Framework{ID: f})
				case assessment.FrameworkNIST:
					if !slices.Contains([]string{"low", "moderate", "high"}, baseline) {
						return withCode(ExitUsage, fmt.Errorf("--baseline %q: want low, moderate or high", baseline))
					}
					fws = append(fws, assessment.Framework{ID: f, Baseline: baseline})
				default:
					return withCode(ExitUsage, fmt.Errorf("--framework %q: want %s or %s", f, assessment.FrameworkIEC62443, assessment.FrameworkNIST))
				}
			}
			if !slices.Contains([]string{"text", "md", "json", "csv"}, format) {
				return withCode(ExitUsage, fmt.Errorf("--format %q: want text, md, json or csv", format))
			}
			ps, err := engine.LoadPolicies(".", dirs)
			if err != nil {
				return err
			}
			cat, err := catalog.Load()
			if err != nil {
				return err
			}
			reqs, _ := scorecard.Requirements(cat, fws)
			var rows []coverageRow
			for i, c := range scorecard.CoverageOf(cat, ps.Rules, reqs) {
				r := reqs[i]
				level := strings.Join(r.Baselines, ",")
				if r.Framework == catalog.IEC {
					level = "SL" + strconv.Itoa(r.MinSL)
				}
				rows = append(rows, coverageRow{Framework: r.Framework, ID: r.ID, Title: r.Title, Level: level,
					Class: c.Class, Rules: c.Rules, Mapped: c.Mapped})
			}
			return writeCoverage(cmd.OutOrStdout(), format, rows)
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&frameworks, "framework", []string{assessment.FrameworkIEC62443, assessment.FrameworkNIST},
		"frameworks to list: "+assessment.FrameworkIEC62443+", "+assessment.FrameworkNIST)
	f.StringVar(&baseline, "baseline", "moderate", "NIST SP 800-53B baseline: low, moderate or high")
	f.StringSliceVar(&dirs, "policies", nil, "directories of custom policies to include")
	f.StringVar(&format, "format", "text", "output format: text, md, json or csv")
	return cmd
}

func writeCoverage(w io.Writer, format string, rows []coverageRow) error {
	rules := func(r coverageRow) string {
		s := strings.Join(r.Rules, " ")
		if len(r.Mapped) > 0 {
			s = strings.TrimSpace(s + " (mapped: " + strings.Join(r.Mapped, " ") + ")")
		}
		return s
	}
	switch format {
	case "json":
		if rows == nil {
			rows = []coverageRow{}
		}
		b, err := evidence.Canonical(rows)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err // machine formats carry no summary lines
	case "csv":
		cw := csv.NewWriter(w)
		_ = cw.Write([]string{"framework", "id", "title", "level", "class", "rules", "mapped_rules"})
		for _, r := range rows {
			_ = cw.Write([]string{r.Framework, r.ID, r.Title, r.Level, r.Class, strings.Join(r.Rules, " "), strings.Join(r.Mapped, " ")})
		}
		cw.Flush()
		return cw.Error() // machine formats carry no summary lines
	case "md":
		fmt.Fprintln(w, "| framework | id | title | level | coverage | rules |")
		fmt.Fprintln(w, "| --- | --- | --- | --- | --- | --- |")
		for _, r := range rows {
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", r.Framework, r.ID, strings.ReplaceAll(r.Title, "|", "\\|"), r.Level, r.Class, rules(r))
		}
	default:
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "FRAMEWORK\tID\tLEVEL\tCOVERAGE\tTITLE\tRULES")
		for _, r := range rows {
			title := r.Title
			if runes := []rune(title); len(runes) > 48 {
				title = string(runes[:47]) + "…"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.Framework, r.ID, r.Level, r.Class, title, rules(r))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	counts := map[string]map[string]int{}
	var fws []string
	for _, r := range rows {
		if counts[r.Framework] == nil {
			counts[r.Framework] = map[string]int{}
			fws = append(fws, r.Framework)
		}
		counts[r.Framework][r.Class]++
	}
	fmt.Fprintln(w)
	for _, fw := range fws {
		c := counts[fw]
		_, err := fmt.Fprintf(w, "%s: %d requirements: %d automated, %d partial, %d manual\n", fw,
			c[scorecard.CoverageAutomated]+c[scorecard.CoveragePartial]+c[scorecard.CoverageManual],
			c[scorecard.CoverageAutomated], c[scorecard.CoveragePartial], c[scorecard.CoverageManual])
		if err != nil {
			return err
		}
	}
	return nil
}
