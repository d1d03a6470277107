package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/reports/xlsx"
)

// runSlate runs the command line in-process and returns its exit code and
// output.
func runSlate(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = runWith(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func readScorecardFile(t *testing.T, path string) *scorecard.Scorecard {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scorecard.Decode(path, raw)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// workbookRow finds the row of requirement r on its sheet and returns the
// sheet, the row and the columns of the auditor's verdict and comment.
func workbookRow(t *testing.T, f *excelize.File, r scorecard.Requirement) (sheet string, row int, verdict, comment []string) {
	t.Helper()
	sheet = r.FR
	if r.Framework == "nist-800-53r5" {
		sheet = xlsx.SheetNIST
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	// Every zone's verdict and comment columns.
	for c, h := range rows[0] {
		name, _ := excelize.ColumnNumberToName(c + 1)
		switch {
		case strings.HasSuffix(h, xlsx.ZoneVerdict):
			verdict = append(verdict, name)
		case strings.HasSuffix(h, xlsx.ZoneComment):
			comment = append(comment, name)
		}
	}
	for i, cells := range rows {
		if len(cells) > 0 && cells[0] == r.ID {
			return sheet, i + 1, verdict, comment
		}
	}
	t.Fatalf("%s: no row for %s", sheet, r.ID)
	return
}

func setWorkbookCell(t *testing.T, f *excelize.File, sheet, col string, row int, v any) {
	t.Helper()
	cell := col + strings.TrimPrefix(cellName(t, 1, row), "A")
	if err := f.SetCellValue(sheet, cell, v); err != nil {
		t.Fatal(err)
	}
}

func cellName(t *testing.T, col, row int) string {
	t.Helper()
	c, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func reqKey(r scorecard.Requirement) string { return r.Framework + ":" + r.ID }

// pickRequirement returns the first requirement of framework with coverage whose
// zones' statuses all satisfy ok, skipping those in used.
func pickRequirement(t *testing.T, sc *scorecard.Scorecard, framework, coverage string, ok func([]scorecard.ZoneStatus) bool, used map[string]bool) scorecard.Requirement {
	t.Helper()
	for _, r := range sc.Requirements {
		if r.Framework == framework && r.Coverage == coverage && !used[reqKey(r)] && ok(r.Zones) {
			used[reqKey(r)] = true
			return r
		}
	}
	t.Fatalf("no %s %s requirement to pick", framework, coverage)
	return scorecard.Requirement{}
}

func allZonesAre(st string) func([]scorecard.ZoneStatus) bool {
	return func(zs []scorecard.ZoneStatus) bool {
		return len(zs) > 0 && !slices.ContainsFunc(zs, func(z scorecard.ZoneStatus) bool { return z.Status != st })
	}
}

func someZoneIs(st string) func([]scorecard.ZoneStatus) bool {
	return func(zs []scorecard.ZoneStatus) bool {
		return slices.ContainsFunc(zs, func(z scorecard.ZoneStatus) bool { return z.Status == st })
	}
}

// TestImportWorkbookRoundTrip runs the auditor's round trip on a copy of
// the example site: assess, fill in the workbook, import it, add the
// attestation source, assess again.
func TestImportWorkbookRoundTrip(t *testing.T) {
	site := t.TempDir()
	if err := os.CopyFS(site, os.DirFS("../../examples/plant-a")); err != nil {
		t.Fatal(err)
	}
	first := filepath.Join(site, "first")
	if code, _, stderr := runSlate(t, "assess", site, "--out", first, "--as-of", "2026-11-01", "-q"); code != ExitOK {
		t.Fatalf("assess: exit %d\n%s", code, stderr)
	}
	sc := readScorecardFile(t, filepath.Join(first, "scorecard.json"))

	used := map[string]bool{}
	agreeManual := pickRequirement(t, sc, "iec62443-3-3", scorecard.CoverageManual, allZonesAre(scorecard.StatusNotAssessed), used)
	agreePartial := pickRequirement(t, sc, "iec62443-3-3", scorecard.CoveragePartial, someZoneIs(scorecard.StatusManual), used)
	disagree := pickRequirement(t, sc, "nist-800-53r5", scorecard.CoverageManual, allZonesAre(scorecard.StatusNotAssessed), used)
	needs := pickRequirement(t, sc, "iec62443-3-3", scorecard.CoverageManual, allZonesAre(scorecard.StatusNotAssessed), used)
	added := pickRequirement(t, sc, "nist-800-53r5", scorecard.CoverageManual, allZonesAre(scorecard.StatusNotAssessed), used)

	f, err := excelize.OpenFile(filepath.Join(first, "scorecard.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []struct {
		req              scorecard.Requirement
		verdict, comment string
	}{
		{agreeManual, "Agree", "Procedure OT-SEC-07 rev 3, read on site"},
		{agreePartial, "Agree", "Remaining part checked with the OT lead"},
		{disagree, "Disagree", "No evidence of this control at the plant"},
		{needs, "Needs evidence", "Show the signed procedure"},
	} {
		sheet, row, vcs, ccs := workbookRow(t, f, v.req)
		for i := range vcs {
			setWorkbookCell(t, f, sheet, vcs[i], row, v.verdict)
			setWorkbookCell(t, f, sheet, ccs[i], row, v.comment)
		}
	}
	rows, err := f.GetRows(xlsx.SheetAttest)
	if err != nil {
		t.Fatal(err)
	}
	next := len(rows) + 1
	for col, v := range []string{"audit-visit", added.ID, "control", "pass", "", "", "", "", "", "photo", "Photo P-0200 of the control room"} {
		if err := f.SetCellValue(xlsx.SheetAttest, cellName(t, col+1, next), v); err != nil {
			t.Fatal(err)
		}
	}
	audit := filepath.Join(site, "audit.xlsx")
	if err := f.SaveAs(audit); err != nil {
		t.Fatal(err)
	}
	f.Close()

	csvPath := filepath.Join(site, "attestations.csv")
	code, stdout, stderr := runSlate(t, "import-workbook", audit, "--out", csvPath, "--auditor", "R. Auditor, ACME audit",
		"--scorecard", filepath.Join(first, "scorecard.json"))
	if code != ExitOK {
		t.Fatalf("import-workbook: exit %d\n%s", code, stderr)
	}
	// A verdict holds in one zone: agree and disagree on requirements
	// every zone awaits attest each zone, agree on the partial one the
	// zones that await it; needs evidence is followed up in each zone.
	zones := len(sc.Zones)
	awaiting := 0
	for _, z := range agreePartial.Zones {
		if z.Status == scorecard.StatusManual || z.Status == scorecard.StatusNotAssessed {
			awaiting++
		}
	}
	if want := fmt.Sprintf("%d attestation(s) written", 2*zones+awaiting+1); !strings.Contains(stdout, want) ||
		!strings.Contains(stdout, fmt.Sprintf("%d verdict(s) to follow up", zones)) {
		t.Errorf("import-workbook output:\n%s", stdout)
	}

	hcl, err := os.OpenFile(filepath.Join(site, "assessment.hcl"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := hcl.WriteString("\nsource \"attestation\" \"audit\" {\n  files = [\"attestations.csv\"]\n}\n"); err != nil {
		t.Fatal(err)
	}
	hcl.Close()
	second := filepath.Join(site, "second")
	if code, _, stderr := runSlate(t, "assess", site, "--out", second, "--as-of", "2026-11-01", "-q"); code != ExitOK {
		t.Fatalf("second assess: exit %d\n%s", code, stderr)
	}
	after := readScorecardFile(t, filepath.Join(second, "scorecard.json"))

	// zone → status and deciding attestation document, per requirement.
	type cell struct{ Status, Attestation string }
	cells := func(sc *scorecard.Scorecard, r scorecard.Requirement) map[string]cell {
		out := map[string]cell{}
		for _, x := range sc.Requirements {
			if reqKey(x) != reqKey(r) {
				continue
			}
			for _, z := range x.Zones {
				doc, _, _ := strings.Cut(z.Attestation, "#")
				out[z.Zone] = cell{z.Status, doc}
			}
		}
		return out
	}
	const audited = "attestation/audit"
	expect := func(r scorecard.Requirement, fn func(zone string, before cell) cell) map[string]cell {
		want := map[string]cell{}
		for z, c := range cells(sc, r) {
			want[z] = fn(z, c)
		}
		return want
	}
	tests := []struct {
		name string
		req  scorecard.Requirement
		want map[string]cell
	}{
		{"agree on a manual requirement", agreeManual, expect(agreeManual, func(string, cell) cell { return cell{"pass", audited} })},
		{"agree on a partial requirement", agreePartial, expect(agreePartial, func(_ string, c cell) cell {
			if c.Status == scorecard.StatusManual || c.Status == scorecard.StatusNotAssessed {
				return cell{"pass", audited}
			}
			return c
		})},
		{"disagree", disagree, expect(disagree, func(string, cell) cell { return cell{"fail", ""} })},
		{"needs evidence", needs, expect(needs, func(_ string, c cell) cell { return c })},
		{"added row", added, expect(added, func(z string, c cell) cell {
			if z == "control" {
				return cell{"pass", audited}
			}
			return c
		})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, cells(after, tt.req)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", reqKey(tt.req), diff)
			}
		})
	}
	if !slices.ContainsFunc(after.Gaps, func(g scorecard.Gap) bool {
		return g.Rule == scorecard.AttestationRule && slices.Contains(g.Requirements, reqKey(disagree)) && strings.Contains(g.Message, "No evidence of this control")
	}) {
		t.Errorf("no gap opened by the disagreement on %s", reqKey(disagree))
	}

	t.Run("edited outside the auditor's columns", func(t *testing.T) {
		f, err := excelize.OpenFile(audit)
		if err != nil {
			t.Fatal(err)
		}
		sheet, row, _, _ := workbookRow(t, f, agreeManual)
		setWorkbookCell(t, f, sheet, "D", row, "pass")
		edited := filepath.Join(site, "edited.xlsx")
		if err := f.SaveAs(edited); err != nil {
			t.Fatal(err)
		}
		f.Close()
		out := filepath.Join(site, "refused.csv")
		code, _, stderr := runSlate(t, "import-workbook", edited, "--out", out, "--auditor", "R. Auditor",
			"--scorecard", filepath.Join(first, "scorecard.json"))
		if code != ExitUsage {
			t.Errorf("exit %d, want %d", code, ExitUsage)
		}
		want := sheet + "!D" + strings.TrimPrefix(cellName(t, 1, row), "A") + ": changed outside the auditor's columns"
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not name the cell (%s):\n%s", want, stderr)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("a refused workbook wrote %s", out)
		}
	})

	t.Run("another scorecard", func(t *testing.T) {
		code, _, stderr := runSlate(t, "import-workbook", audit, "--out", filepath.Join(site, "other.csv"), "--auditor", "R. Auditor",
			"--scorecard", filepath.Join(second, "scorecard.json"))
		if code != ExitUsage || !strings.Contains(stderr, "Evidence bundle digest is") {
			t.Errorf("exit %d, want %d naming the bundle digest:\n%s", code, ExitUsage, stderr)
		}
	})
}
