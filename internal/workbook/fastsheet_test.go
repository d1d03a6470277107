package workbook_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/slate-ot/slate/internal/workbook"
	wt "github.com/slate-ot/slate/internal/workbook/workbooktest"
)

// fastSheetCases are sheets the fast walk must judge as the decoder
// does: accepted, or refused with the same error.
var fastSheetCases = []string{
	wt.Sheet(wt.Inventory...),
	wt.SheetHead + `<row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2" s="3"><v>45352.5</v></c><c r="D2" t="b"><v>1</v></c></row>` +
		`<row r="7" spans="1:3" ht="20" customHeight="1" x14ac:dyDescent="0.25"><c r="B7" t="str"><f>A2</f><v>x</v></c><c r="XFD7" t="e"><v>#N/A</v></c></row>` + wt.SheetTail,
	wt.SheetHead + `<row><c t="inlineStr"><is><r><t>a</t></r><r><t xml:space="preserve"> b</t></r></is></c><c><v>1E+3</v></c></row><row r="9"/>` + wt.SheetTail,
	wt.SheetHead + `<row r="1"><c r="A1" t="inlineStr"><is><t>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#233;&#x20AC; caf` + "é\r\nx\ry" + `</t></is></c></row>` + wt.SheetTail,
	wt.SheetHead + "\n  <row r=\"1\" >\n <c r=\"A1\"\tt='inlineStr' ><is><t/></is></c></row >\n" + wt.SheetTail,
	// Refused by both, or left to the decoder.
	wt.SheetHead + `<row r="3"><c r="C3" t="s"><v>0</v></c><c r="A3" t="s"><v>1</v></c></row>` + wt.SheetTail,
	wt.SheetHead + `<row r="2"><c r="A2" t="s"><v>7</v></c></row>` + wt.SheetTail,
	wt.SheetHead + `<row r="2"><c r="A2" t="s"><v> x</v></c></row>` + wt.SheetTail,
	wt.SheetHead + `<row r="5"/><row r="4"/>` + wt.SheetTail,
	wt.SheetHead + `<row r="0"/>` + wt.SheetTail,
	wt.SheetHead + `<row r="1048577"/>` + wt.SheetTail,
	wt.SheetHead + `<row r="99999999999999999999"/>` + wt.SheetTail,
	wt.SheetHead + `<row r="2"><c r="A3"/></row>` + wt.SheetTail,
	wt.SheetHead + `<row r="2"><c r="XFE2"/></row>` + wt.SheetTail,
	wt.SheetHead + `<row r="2"><c r="2"/></row>` + wt.SheetTail,
	wt.SheetHead + `<row r="2" r="3"/>` + wt.SheetTail,
	wt.SheetHead + `<row r="2" x:r="3" xmlns:x="urn:x"/>` + wt.SheetTail,
	wt.SheetHead + `<row r="2"><c r="A2" a:t="s" b:t="s"/></row>` + wt.SheetTail,
	wt.SheetHead + `<row r="2"><c r="A2" t="inlineStr"><is><t>` + strings.Repeat("x", 40000) + `</t></is></c></row>` + wt.SheetTail,
	wt.SheetHead + `<row r="2"><c r="A2" t="inlineStr"><is><t>` + strings.Repeat("&#233;", 33000) + `</t></is></c></row>` + wt.SheetTail,
	wt.SheetHead + `<row r="2"><c r="A2"><v>1</v></c>` + wt.SheetTail,
	wt.SheetHead + `<row r="2"><c r="A2"><v>1</c></v></row>` + wt.SheetTail,
	wt.SheetHead + `<row r="2"><c r="A2"><v>a ]]> b</v></c></row>` + wt.SheetTail,
	wt.SheetHead + `<row r="2"><c r="A2"><v>a &unknown; b</v></c></row>` + wt.SheetTail,
	wt.SheetHead + `<row r="2"><c r="A2"><v>a &#1; b &#xD800;</v></c></row>` + wt.SheetTail,
	wt.SheetHead + "<row r=\"2\"><c r=\"A2\"><v>bad \xff utf8 \x01</v></c></row>" + wt.SheetTail,
	wt.SheetHead + `<row r="2"><!-- note --><c r="A2"><v>1</v></c></row>` + wt.SheetTail,
	wt.SheetHead + `<row r="2"><c r="A2"><v><![CDATA[1]]></v></c></row>` + wt.SheetTail,
	wt.SheetHead + `<row r="2"><x:c r="A2" xmlns:x="urn:x"><v>1</v></x:c></row>` + wt.SheetTail,
	wt.SheetHead + `<row r="2"><c r=A2><v>1</v></c></row>` + wt.SheetTail,
	wt.SheetHead + `<row r="2"><c r="A2" s="1"s="2"><v>1</v></c></row>` + wt.SheetTail,
	wt.SheetHead + `<row r="2"><c r="A2" t="<"><v>1</v></c></row>` + wt.SheetTail,
	wt.SheetHead + `<row r="2">` + strings.Repeat("<x>", 300) + strings.Repeat("</x>", 300) + `</row>` + wt.SheetTail,
	wt.SheetHead + `<row r="2"><c r="A2"><v>1</v></c></row>` + `</sheetData><row r="1"/></worksheet>`,
	wt.SheetHead + `<row r="2"><c r="A2"><v>1</v></c></row>` + `</sheetData><worksheet>`,
	`<?xml version="1.0" encoding="windows-1252"?><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>caf` + "\xe9" + `</t></is></c></row></sheetData></worksheet>`,
	`<worksheet><sheetPr><row/></sheetPr><sheetData><row r="1"/></sheetData></worksheet>`,
	wt.SheetHead + `<row r="2"><c r="A2" t="inlineStr"><is><t>plc</t></is></c></row><row r="3"><c r="A3"<<garbage`,
	wt.SheetHead + `<row r="2"><c r="A2" t="inlineStr"><is><t>plc</t></is></c></row><row r="3"><c r="A3"/>`,
	wt.SheetHead + `<row r="2"><c r="A2" t="inlineStr"><is><t>plc` + strings.Repeat(" ", 5<<20) + `</t></is></c></row>` + wt.SheetTail,
	wt.SheetHead + `<row r="2" ` + strings.Repeat(" ", 5<<20) + `/>` + wt.SheetTail,
}

// checkWith checks the workbook of sheet with the fast walk on or off.
func checkWith(t testing.TB, sheet string, fast bool) string {
	b, err := wt.Stored(wt.Base(sheet, "plc-01", "10.0.0.1")...)
	if err != nil {
		t.Fatal(err)
	}
	defer workbook.SetFastSheets(fast)()
	return fmt.Sprint(workbook.Check(bytes.NewReader(b), int64(len(b)), workbook.Limits{}))
}

// TestFastSheetMatches holds the fast walk of sheets to the decoder's
// reading: the same verdict, the same error, on sheets it takes and
// sheets it leaves to the decoder; and it does take the plain ones.
func TestFastSheetMatches(t *testing.T) {
	for i, sheet := range fastSheetCases {
		fast, slow := checkWith(t, sheet, true), checkWith(t, sheet, false)
		if fast != slow {
			t.Errorf("case %d: with the fast walk %q, without %q", i, fast, slow)
		}
	}
	for i, sheet := range fastSheetCases[:5] {
		if !workbook.FastSheetVouches([]byte(sheet), 2) {
			t.Errorf("case %d: the fast walk does not take a plain sheet", i)
		}
	}
}

// FuzzFastSheet: whatever the sheet, the check gives the same verdict
// with the fast walk as without it.
func FuzzFastSheet(f *testing.F) {
	for _, s := range fastSheetCases {
		if len(s) < 1<<16 {
			f.Add([]byte(s))
		}
	}
	f.Fuzz(func(t *testing.T, sheet []byte) {
		if fast, slow := checkWith(t, string(sheet), true), checkWith(t, string(sheet), false); fast != slow {
			t.Fatalf("with the fast walk %q, without %q", fast, slow)
		}
	})
}
