package assets

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/slate-ot/slate/internal/workbook"
	wt "github.com/slate-ot/slate/internal/workbook/workbooktest"
)

// sheetRowsOf reads every row of sheet in the workbook at path as the
// collector's iterator gives them, through the plain reading or through
// excelize; plain says which was used.
func sheetRowsOf(t testing.TB, path, sheet string, allowPlain bool) (rows []string, plain bool) {
	t.Helper()
	f, err := workbook.Open(path, workbook.Limits{})
	if err != nil {
		return []string{"refused: " + err.Error()}, false
	}
	defer f.Close()
	var it *sheetIter
	if allowPlain {
		it, err = openSheet(f, path, sheet)
	} else {
		it, err = openExcelizeSheet(f, sheet)
	}
	if err != nil {
		return []string{"error: " + err.Error()}, false
	}
	defer it.close()
	for {
		ok, err := it.next()
		if err != nil {
			return append(rows, "error: "+err.Error()), it.plain != nil
		}
		if !ok {
			return rows, it.plain != nil
		}
		rows = append(rows, fmt.Sprintf("%d %q %q", it.row, it.text, it.raw))
	}
}

// plainCases are sheets (with the shared strings "plc-01", "10.0.0.1")
// whose rows the plain reading must give as excelize does, or leave to
// it; the first ones are plain.
var plainCases = []string{
	wt.Sheet(wt.Inventory...),
	wt.SheetHead + `<row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c></row><row r="5"><c t="inlineStr"><is><t>x</t></is></c><c/><c t="str"><v>y</v></c></row><row r="6"/>` + wt.SheetTail,
	wt.SheetHead + `<row r="1"><c r="A1" t="inlineStr"><is><t>a &amp; b &lt;c&gt; &#233;&#x20AC; caf` + "é\r\nx\ry &#13;&#10;z" + `</t></is></c><c r="D1" t="inlineStr"><is><t xml:space="preserve"> </t></is></c></row>` + wt.SheetTail,
	wt.SheetHead + "\n <row>\n <c t='inlineStr'><is> <t/> </is></c><c t=\"inlineStr\"><v>v</v></c><c t=\"s\"><v></v></c><c t=\"inlineStr\"><is><t>w</t></is></c></row><row x14ac:dyDescent=\"0.3\"><c r=\"C2\" s=\"0\" t=\"inlineStr\"><is><t>q</t></is></c></row>\n" + wt.SheetTail,
	wt.SheetHead + `<row r="2"><c r="A2" t="s"><v> 1</v></c></row>` + wt.SheetTail,
	// Left to excelize.
	wt.SheetHead + `<row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2" s="3"><v>45352.5</v></c><c r="D2" t="b"><v>1</v></c></row>` + wt.SheetTail,
	wt.SheetHead + `<row r="7"><c r="B7" t="str"><f>A2</f><v>x</v></c><c r="XFD7" t="e"><v>#N/A</v></c></row>` + wt.SheetTail,
	wt.SheetHead + `<row><c t="inlineStr"><is><r><t>a</t></r><r><t xml:space="preserve"> b</t></r></is></c><c><v>1E+3</v></c></row>` + wt.SheetTail,
	wt.SheetHead + `<row r="2"><c r="A2" t="inlineStr"><is><t>_x0041_</t></is></c></row>` + wt.SheetTail,
	wt.SheetHead + `<row r="2"><!-- c --><c r="A2" t="inlineStr"><is><t>x</t></is></c></row>` + wt.SheetTail,
	`<worksheet><sheetPr><row/></sheetPr><sheetData><row r="1"/></sheetData></worksheet>`,
}

// TestPlainSheetMatchesExcelize holds the plain reading of a sheet to
// excelize's: the same rows, numbered alike, with the same cells shown
// and stored; and it does read the plain ones.
func TestPlainSheetMatchesExcelize(t *testing.T) {
	dir := t.TempDir()
	for i, sheet := range plainCases {
		path := filepath.Join(dir, fmt.Sprintf("case%d.xlsx", i))
		if err := wt.Write(path, wt.Base(sheet, "plc-01", "10.0.0.1")...); err != nil {
			t.Fatal(err)
		}
		got, plain := sheetRowsOf(t, path, "Inventory", true)
		want, _ := sheetRowsOf(t, path, "Inventory", false)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("case %d (-excelize +plain):\n%s", i, diff)
		}
		if plain != (i < 5) {
			t.Errorf("case %d: read plainly %v, want %v", i, plain, i < 5)
		}
	}
	// A register as excelize's stream writer writes it (as bench/gensite
	// writes the site's): read plainly, or the fast reading has drifted
	// from the writer the benchmarks use.
	x := excelize.NewFile()
	sw, err := x.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range [][]any{{"Hostname", "IP Address", "Zone"}, {"plc-01", "10.0.0.1", "cell"}, {"plc-02", "", "a & b"}} {
		if err := sw.SetRow(fmt.Sprintf("A%d", i+1), row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	streamed := filepath.Join(dir, "streamed.xlsx")
	if err := x.SaveAs(streamed); err != nil {
		t.Fatal(err)
	}
	got, plain := sheetRowsOf(t, streamed, "Sheet1", true)
	want, _ := sheetRowsOf(t, streamed, "Sheet1", false)
	if diff := cmp.Diff(want, got); diff != "" || !plain {
		t.Errorf("excelize's streamed register: read plainly %v (-excelize +plain):\n%s", plain, diff)
	}
	// The workbooks of the tests, whichever way they are read.
	files, _ := filepath.Glob("testdata/*/*.xlsx")
	for _, path := range files {
		f, err := workbook.Open(path, workbook.Limits{})
		if err != nil {
			continue
		}
		sheets := f.GetSheetList()
		f.Close()
		for _, sheet := range sheets {
			got, _ := sheetRowsOf(t, path, sheet, true)
			want, _ := sheetRowsOf(t, path, sheet, false)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s sheet %s (-excelize +plain):\n%s", path, sheet, diff)
			}
		}
	}
}

// farNumber matches a row or column number of five digits or more.
var farNumber = regexp.MustCompile(`[0-9]{5}`)

// FuzzPlainSheet: whatever the sheet, the plain reading, when it takes
// it, gives excelize's rows.
func FuzzPlainSheet(f *testing.F) {
	for _, s := range plainCases {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, sheet []byte) {
		if farNumber.Match(sheet) {
			// A far row is walked row by row by both readings: slow for
			// fuzzing, and read by the unit tests.
			return
		}
		path := filepath.Join(dir, "fuzz.xlsx")
		if err := wt.Write(path, wt.Base(string(sheet), "plc-01", "10.0.0.1")...); err != nil {
			t.Fatal(err)
		}
		defer os.Remove(path)
		got, _ := sheetRowsOf(t, path, "Inventory", true)
		want, _ := sheetRowsOf(t, path, "Inventory", false)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("(-excelize +plain):\n%s", diff)
		}
	})
}
