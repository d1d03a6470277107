package assets_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	wt "github.com/slate-ot/slate/internal/workbook/workbooktest"
)

// TestWorkbookLimits: the source's options raise or lower each limit, and
// a workbook past one, or cut short, is an error naming the file, the part
// and the limit — never fewer rows than the sheet holds without a word.
func TestWorkbookLimits(t *testing.T) {
	long := strings.Repeat("x", 40_000)
	withLong := wt.Base(wt.SheetHead+wt.Rows(1, wt.Inventory...)+wt.Rows(7, []string{"plc-07", "10.10.1.17", long})+wt.SheetTail, "x")
	tests := []struct {
		name   string
		parts  []wt.Part
		opts   map[string]any
		assets int
		want   string
	}{
		{name: "inventory", parts: wt.Base(wt.Sheet(wt.Inventory...)), assets: 5},
		{name: "long cell", parts: withLong,
			want: "in.xlsx: xl/worksheets/sheet1.xml: row 7: cell C7 holds more than 32767 characters, the limit per cell (max_cell_chars)"},
		{name: "long cell within max_cell_chars", parts: withLong, opts: map[string]any{"max_cell_chars": 40_000}, assets: 6},
		{name: "max_part_bytes", parts: wt.Base(wt.Sheet(wt.Inventory...)), opts: map[string]any{"max_part_bytes": 1000},
			want: "in.xlsx: xl/worksheets/sheet1.xml: decompresses to 1484 bytes, more than the limit of 1000 bytes per part (max_part_bytes)"},
		{name: "max_workbook_bytes", parts: wt.Base(wt.Sheet(wt.Inventory...)), opts: map[string]any{"max_workbook_bytes": 3000},
			want: "more than the limit of 3000 bytes per workbook (max_workbook_bytes)"},
		{name: "max_strings", parts: wt.Base(wt.Sheet(wt.Inventory...), "a", "b", "c"), opts: map[string]any{"max_strings": 2},
			want: "in.xlsx: xl/sharedStrings.xml: byte 191: more than 2 shared strings, the limit (max_strings)"},
		{name: "max_records", parts: wt.Base(wt.Sheet(wt.Inventory...)), opts: map[string]any{"max_records": 4},
			want: "in.xlsx:6: more than 4 rows in the source's files, the limit (option max_records)"},
		{name: "cut in the fifth row", parts: wt.Base(wt.Sheet(wt.Inventory...)[:1100]),
			want: "in.xlsx: xl/worksheets/sheet1.xml: byte 1100: the XML ends early: the part is cut short (in or after row 5)"},
		{name: "last row of Excel", parts: wt.Base(wt.SheetHead + wt.Rows(1, wt.Inventory...) + wt.Rows(1_048_576, []string{"plc-99", "10.10.1.99"}) + wt.SheetTail), assets: 6},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "in.xlsx")
			if err := wt.Write(path, tc.parts...); err != nil {
				t.Fatal(err)
			}
			_, data, err := collect(t, newSource(dir, []string{path}, tc.opts))
			if tc.want != "" {
				wantInputError(t, err, tc.want)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(data.Assets) != tc.assets {
				t.Errorf("%d assets, want %d", len(data.Assets), tc.assets)
			}
		})
	}
}

func TestLimitOptions(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "in.xlsx")
	if err := wt.Write(path, wt.Base(wt.Sheet(wt.Inventory...))...); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		opts map[string]any
		want string
	}{
		{map[string]any{"max_records": 0}, "option max_records must be at least 1, not 0"},
		{map[string]any{"max_cell_chars": 1.5}, "option max_cell_chars must be a whole number, not 1.5"},
		{map[string]any{"max_part_bytes": "1G"}, "option max_part_bytes must be a number, not string"},
		{map[string]any{"max_strings": -3}, "option max_strings must be at least 1, not -3"},
	} {
		t.Run(fmt.Sprint(tc.opts), func(t *testing.T) {
			_, _, err := collect(t, newSource(dir, []string{path}, tc.opts))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

// TestMaxRecordsCSV: the limit holds for text inventories too.
func TestMaxRecordsCSV(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("Name,IP\n")
	for i := range 10 {
		fmt.Fprintf(&b, "plc-%d,10.10.1.%d\n", i, i+1)
	}
	path := writeFile(t, dir, "in.csv", []byte(b.String()))
	_, _, err := collect(t, newSource(dir, []string{path}, map[string]any{"max_records": 9}))
	wantInputError(t, err, "in.csv:11: more than 9 rows in the source's files, the limit (option max_records)")
	if _, data, err := collect(t, newSource(dir, []string{path}, map[string]any{"max_records": 10})); err != nil || len(data.Assets) != 10 {
		t.Errorf("max_records 10: %d assets, %v", len(data.Assets), err)
	}
}
