package xlsx

import (
	"archive/zip"
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/engine/assessment"
	"github.com/slate-ot/slate/engine/scorecard"
)

// withHistory returns the example scorecard carrying two earlier runs,
// the older one verified and without the example's first zone.
func withHistory(t *testing.T) *scorecard.Scorecard {
	t.Helper()
	sc := load(t)
	old := scorecard.PointOf(sc, "week-1", "sha256:1", true)
	old.AsOf = "2026-10-01"
	old.Zones = old.Zones[1:]
	old.OpenByOwner = map[string]int{"OT": 40}
	old.OpenGaps = 40
	mid := scorecard.PointOf(sc, "week-2", "sha256:2", false)
	mid.AsOf = "2026-10-08"
	mid.Zones[0].SLAchieved = assessment.SLVector{1, 2, 3, 4, 1, 2, 3}
	sc.History = []scorecard.HistoryPoint{mid, old}
	return sc
}

func TestTrendSheet(t *testing.T) {
	sc := withHistory(t)
	raw := write(t, sc)
	if !bytes.Equal(raw, write(t, sc)) {
		t.Fatal("two runs gave different bytes")
	}
	f := open(t, raw)
	want := append(append([]string{SheetOverview, SheetTopRisks, SheetSummary, SheetTrend}, FRs...), SheetNIST, SheetGaps, SheetVulnerabilities, SheetWaivers, SheetCountermeasures, SheetAttest, SheetEvidence, SheetSignOff)
	if diff := cmp.Diff(want, f.GetSheetList()); diff != "" {
		t.Fatalf("sheets (-want +got):\n%s", diff)
	}
	rows, err := f.GetRows(SheetTrend)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 {
		t.Fatalf("%d rows, want a header and 3 runs", len(rows))
	}
	header := rows[0]
	col := func(name string) int {
		for i, h := range header {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %q in %v", name, header)
		return -1
	}
	first, second := sc.Zones[0].Name, sc.Zones[1].Name
	cell := func(r int, name string) string {
		c := col(name)
		if c >= len(rows[r]) {
			return ""
		}
		return rows[r][c]
	}
	tests := []struct {
		row    int
		column string
		want   string
	}{
		{1, "Run", "2026-10-01 (week-1)"},
		{1, "Signature", "verified"},
		{1, "Open gaps", "40"},
		{1, "Open gaps OT", "40"},
		{1, first + " FR1 SL-A", ""},
		{1, first + " SL-A (lowest FR)", ""},
		{2, "Signature", "unverified"},
		{2, first + " FR4 SL-A", "4"},
		{2, first + " SL-A (lowest FR)", "1"},
		{2, second + " FR1 SL-A", "0"},
		{3, "Run", sc.Assessment.AsOf + " (this run)"},
		{3, "Signature", "this run"},
		{3, "Open gaps", strconv.Itoa(sc.Totals.OpenGaps)},
	}
	for _, tt := range tests {
		if got := cell(tt.row, tt.column); got != tt.want {
			t.Errorf("row %d %q = %q, want %q", tt.row+1, tt.column, got, tt.want)
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	charts := 0
	for _, e := range zr.File {
		if strings.HasPrefix(e.Name, "xl/charts/chart") {
			charts++
		}
	}
	if charts != 3 {
		t.Errorf("%d charts, want the Summary's and two on the Trend sheet", charts)
	}
}
