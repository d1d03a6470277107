package workbook_test

import (
	"bytes"
	"errors"
	"regexp"
	"testing"

	"github.com/slate-ot/slate/internal/workbook"
	wt "github.com/slate-ot/slate/internal/workbook/workbooktest"
)

// farRow matches a row or cell numbered 10,000 or more.
var farRow = regexp.MustCompile(`[0-9]{5}`)

// FuzzSheetXML puts the fuzzed bytes in the sheet of an otherwise valid
// workbook and reads it as the readers do: checked, then streamed row by
// row by excelize. A sheet the check accepts reads to its end without an
// error (excelize would otherwise stop early without a word); one it
// refuses is an *Error naming the part.
func FuzzSheetXML(f *testing.F) {
	f.Add([]byte(wt.Sheet(wt.Inventory...)))
	f.Add([]byte(wt.SheetHead + `<row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2"><v>45352.5</v></c><c r="D2" t="b"><v>1</v></c></row>` +
		`<row r="7" spans="1:3" ht="20" customHeight="1"><c r="B7" t="str"><f>A2</f><v>x</v></c><c r="XFD7" t="e"><v>#N/A</v></c></row>` + wt.SheetTail))
	f.Add([]byte(wt.SheetHead + `<row><c t="inlineStr"><is><r><t>a</t></r><r><t xml:space="preserve"> b</t></r></is></c><c><v>1E+3</v></c></row><row r="9"/>` + wt.SheetTail))
	f.Add([]byte(wt.SheetHead + `<row r="3"><c r="C3" t="s"><v>0</v></c><c r="A3" t="s"><v>1</v></c></row>` + wt.SheetTail))
	f.Add([]byte(wt.SheetHead + `<row r="2"><c r="A2" t="inlineStr"><is><t>plc</t></is></c></row><row r="3"><c r="A3"<<garbage`))
	f.Add([]byte(`<?xml version="1.0" encoding="windows-1252"?><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>caf` + "\xe9" + `</t></is></c></row></sheetData></worksheet>`))
	f.Fuzz(func(t *testing.T, sheet []byte) {
		b, err := wt.Stored(wt.Base(string(sheet), "plc-01", "10.0.0.1")...)
		if err != nil {
			t.Fatal(err)
		}
		x, err := workbook.OpenReader(bytes.NewReader(b), workbook.Limits{})
		if err != nil {
			var we *workbook.Error
			if !errors.As(err, &we) {
				t.Fatalf("OpenReader: %v (%T), want an *Error", err, err)
			}
			if we.Part != "" && we.Part != wt.SheetPart {
				t.Fatalf("OpenReader blames %s for the sheet: %v", we.Part, err)
			}
			return
		}
		defer x.Close()
		if farRow.Match(sheet) {
			// excelize walks a gap in row numbers row by row: up to a
			// million steps, well under a second, but slow enough to stall
			// fuzzing. TestCheckAccepts and the asset collector's tests
			// read the last row of Excel.
			return
		}
		rows, err := x.Rows("Inventory")
		if err != nil {
			t.Fatalf("Rows of a checked sheet: %v", err)
		}
		n := 0
		for rows.Next() {
			if n++; n > workbook.MaxRows {
				t.Fatalf("more than %d rows", workbook.MaxRows)
			}
			if _, err := rows.Columns(); err != nil {
				t.Fatalf("row %d of a checked sheet: %v", n, err)
			}
		}
		if err := rows.Error(); err != nil {
			t.Fatalf("a checked sheet ends in an error: %v", err)
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	})
}
