package main

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/slate-ot/slate/reports/xlsx"
)

// TestAssessHistoryWorkbook: assess --history puts a Trend sheet in the
// workbook with a row per verified earlier run and one for the run
// itself; an unsigned run is left out, and without --history there is no
// such sheet.
func TestAssessHistoryWorkbook(t *testing.T) {
	example, err := filepath.Abs("../../examples/plant-a")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	runs := filepath.Join(dir, "runs")
	t.Setenv("COSIGN_PASSWORD", "history-password")
	slate(t, 0, "keygen", "--output-key-prefix", filepath.Join(dir, "k"))
	slate(t, 0, "assess", example, "--out", filepath.Join(runs, "w1"), "--as-of", "2026-10-01", "--quiet")
	slate(t, 0, "assess", example, "--out", filepath.Join(runs, "w2"), "--as-of", "2026-10-08", "--quiet")
	slate(t, 0, "sign", filepath.Join(runs, "w1"), "--key", filepath.Join(dir, "k.key"))

	tests := []struct {
		name string
		args []string
		want [][]string // Run, As of, Signature of each row; nil: no sheet
	}{
		{"no history", nil, nil},
		{"verified", []string{"--history", runs, "--history-key", filepath.Join(dir, "k.pub")}, [][]string{
			{"2026-10-01 (w1)", "2026-10-01", "verified"},
			{"2026-11-01 (this run)", "2026-11-01", "this run"},
		}},
		{"unverified", []string{"--history", runs}, [][]string{
			{"2026-10-01 (w1)", "2026-10-01", "unverified"},
			{"2026-10-08 (w2)", "2026-10-08", "unverified"},
			{"2026-11-01 (this run)", "2026-11-01", "this run"},
		}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, "out", string(rune('a'+i)))
			args := append([]string{"assess", example, "--out", out, "--as-of", "2026-11-01", "--format", "xlsx", "--quiet"}, tt.args...)
			slate(t, 0, args...)
			f, err := excelize.OpenFile(filepath.Join(out, "scorecard.xlsx"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			idx, err := f.GetSheetIndex(xlsx.SheetTrend)
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == nil {
				if idx >= 0 {
					t.Fatal("a Trend sheet without --history")
				}
				return
			}
			rows, err := f.GetRows(xlsx.SheetTrend)
			if err != nil {
				t.Fatal(err)
			}
			var got [][]string
			for _, r := range rows[1:] {
				got = append(got, r[:3])
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Trend rows (-want +got):\n%s", diff)
			}
		})
	}
}
