package workbook_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/internal/workbook"
	wt "github.com/slate-ot/slate/internal/workbook/workbooktest"
)

const mib = 1 << 20

func spaces(n int) string { return strings.Repeat(" ", n) }

// TestCheckRefuses: each hostile or broken workbook is refused quickly,
// naming the part, the place and the limit.
func TestCheckRefuses(t *testing.T) {
	header := wt.Rows(1, wt.Inventory[0])
	sheet := func(rows string) wt.Part {
		return wt.Part{Name: wt.SheetPart, Head: wt.SheetHead + header + rows + wt.SheetTail}
	}
	base := wt.Base(wt.Sheet(wt.Inventory...), "plc-01")
	tests := []struct {
		name   string
		parts  []wt.Part
		lim    workbook.Limits
		want   workbook.Error
		substr string
	}{{
		name:   "shared string of 900 MiB",
		parts:  wt.With(base, wt.Part{Name: wt.StringsPart, Head: `<sst><si><t>`, Body: strings.Repeat("A", mib), Times: 900, Tail: `</t></si></sst>`}),
		want:   workbook.Error{Part: wt.StringsPart, Limit: workbook.NamePartBytes},
		substr: "decompresses to 943718427 bytes, more than the limit of 268435456 bytes per part (max_part_bytes)",
	}, {
		name:   "shared string of 200 MiB",
		parts:  wt.With(base, wt.Part{Name: wt.StringsPart, Head: `<sst><si><t>`, Body: strings.Repeat("A", mib), Times: 200, Tail: `</t></si></sst>`}),
		want:   workbook.Error{Part: wt.StringsPart, Offset: 4194314, Limit: workbook.NameCellChars},
		substr: "shared string 0 holds more than 32767 characters, the limit per cell (max_cell_chars)",
	}, {
		name:   "sheet of 900 MiB of white space",
		parts:  wt.With(base, wt.Part{Name: wt.SheetPart, Head: wt.SheetHead + header, Body: spaces(mib), Times: 900, Tail: wt.SheetTail}),
		want:   workbook.Error{Part: wt.SheetPart, Limit: workbook.NamePartBytes},
		substr: "more than the limit of 268435456 bytes per part",
	}, {
		name:   "sheet of 200 MiB of white space",
		parts:  wt.With(base, wt.Part{Name: wt.SheetPart, Head: wt.SheetHead + header, Body: spaces(mib), Times: 200, Tail: wt.SheetTail}),
		want:   workbook.Error{Part: wt.SheetPart, Offset: 4194660, Limit: workbook.NameCellChars},
		substr: "more than 4194304 bytes of text between two tags",
	}, {
		name:   "cell of 40000 characters",
		parts:  wt.With(base, sheet(wt.Rows(2, []string{"plc-01", strings.Repeat("x", 40000)}))),
		want:   workbook.Error{Part: wt.SheetPart, Row: 2, Limit: workbook.NameCellChars},
		substr: "cell B2 holds more than 32767 characters",
	}, {
		name:   "cell within a raised limit",
		parts:  wt.With(base, sheet(wt.Rows(2, []string{"plc-01", strings.Repeat("x", 40000)}))),
		lim:    workbook.Limits{CellChars: 40000},
		want:   workbook.Error{Part: wt.SheetPart, Offset: 40490, Limit: "rows"},
		substr: "",
	}, {
		name: "parts adding up past a gigabyte",
		parts: wt.With(base,
			wt.Part{Name: "xl/media/image1.png", Head: "x", Declared: 250 * mib},
			wt.Part{Name: "xl/media/image2.png", Head: "x", Declared: 250 * mib},
			wt.Part{Name: "xl/media/image3.png", Head: "x", Declared: 250 * mib},
			wt.Part{Name: "xl/media/image4.png", Head: "x", Declared: 250 * mib},
			wt.Part{Name: "xl/media/image5.png", Head: "x", Declared: 250 * mib}),
		want:   workbook.Error{Part: "xl/media/image5.png", Limit: workbook.NameWorkbookBytes},
		substr: "more than the limit of 1073741824 bytes per workbook (max_workbook_bytes)",
	}, {
		name:   "part inflating past its declared size",
		parts:  wt.With(base, wt.Part{Name: wt.SheetPart, Head: wt.SheetHead + header, Body: spaces(mib), Times: 900, Tail: wt.SheetTail, Declared: 1 << 20}),
		want:   workbook.Error{Part: wt.SheetPart, Offset: 1048576},
		substr: "corrupt zip member",
	}, {
		name:   "row 99999999999 after the header",
		parts:  wt.With(base, sheet(`<row r="99999999999"><c r="A99999999999" t="inlineStr"><is><t>x</t></is></c></row>`)),
		want:   workbook.Error{Part: wt.SheetPart, Offset: 382, Limit: "rows"},
		substr: "row number 99999999999 is beyond Excel's last row, 1048576",
	}, {
		name: "row 99999999999 in a sheet outside xl/worksheets",
		parts: wt.With(base, wt.Part{Name: "xl/_rels/workbook.xml.rels", Head: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="elsewhere/s.xml"/></Relationships>`},
			wt.Part{Name: "xl/elsewhere/s.xml", Head: wt.SheetHead + header + `<row r="99999999999"/>` + wt.SheetTail}),
		want:   workbook.Error{Part: "xl/elsewhere/s.xml", Offset: 383, Limit: "rows"},
		substr: "row number 99999999999 is beyond Excel's last row",
	}, {
		name:   "row just past Excel's last",
		parts:  wt.With(base, sheet(`<row r="1048577"/>`)),
		want:   workbook.Error{Part: wt.SheetPart, Offset: 379, Limit: "rows"},
		substr: "row number 1048577 is beyond",
	}, {
		name:   "column past XFD",
		parts:  wt.With(base, sheet(`<row r="2"><c r="XFE2"><v>1</v></c></row>`)),
		want:   workbook.Error{Part: wt.SheetPart, Row: 2, Limit: "columns"},
		substr: "cell XFE2 is beyond Excel's last column, XFD (16384)",
	}, {
		name:   "sheet cut in a row",
		parts:  wt.With(base, wt.Part{Name: wt.SheetPart, Head: wt.Sheet(wt.Inventory...)[:600]}),
		want:   workbook.Error{Part: wt.SheetPart, Offset: 600},
		substr: "the XML ends early: the part is cut short (in or after row 3)",
	}, {
		name:   "garbage in a row",
		parts:  wt.With(base, sheet(`<row r="2"><c r="A2" t="inlineStr"><is><t>plc</t></is></c></row><row r="3"><c r="A3"<<garbage`)),
		want:   workbook.Error{Part: wt.SheetPart, Offset: 445},
		substr: "malformed XML",
	}, {
		name:   "compressed data cut",
		parts:  wt.With(base, wt.Part{Name: wt.SheetPart, Head: wt.Sheet(wt.Inventory...), Cut: 20}),
		want:   workbook.Error{Part: wt.SheetPart},
		substr: "",
	}, {
		name:   "image cut short",
		parts:  wt.With(base, wt.Part{Name: "xl/media/image1.png", Head: "\x89PNG", Body: strings.Repeat("\x00\x01", 4096), Times: 10, Cut: 30}),
		want:   workbook.Error{Part: "xl/media/image1.png"},
		substr: "corrupt zip member",
	}, {
		name:   "rows out of order",
		parts:  wt.With(base, sheet(`<row r="5"/><row r="3"/>`)),
		want:   workbook.Error{Part: wt.SheetPart, Offset: 385},
		substr: "row 3 comes after row 5: rows out of order",
	}, {
		name:   "cells out of order",
		parts:  wt.With(base, sheet(`<row r="2"><c r="C2"><v>1</v></c><c r="B2"><v>1</v></c></row>`)),
		want:   workbook.Error{Part: wt.SheetPart, Row: 2},
		substr: "cell B2 comes after column 3",
	}, {
		name:   "cell with its reference twice",
		parts:  wt.With(base, sheet(`<row r="2"><c r="A2" t="inlineStr"><is><t>plc</t></is></c><c r="B2" r="4nlineStr"><v>1</v></c></row>`)),
		want:   workbook.Error{Part: wt.SheetPart, Row: 2},
		substr: "<c> has the attribute r twice",
	}, {
		name:   "shared string that does not exist",
		parts:  wt.With(base, sheet(`<row r="2"><c r="A2" t="s"><v>7</v></c></row>`)),
		want:   workbook.Error{Part: wt.SheetPart, Row: 2},
		substr: "cell A2: shared string 7 does not exist; the workbook has 1",
	}, {
		name:   "elements nested deep",
		parts:  wt.With(base, wt.Part{Name: "xl/styles.xml", Head: "<a>", Body: "<a>", Times: 1000}),
		want:   workbook.Error{Part: "xl/styles.xml", Offset: 771},
		substr: "elements nest more than 256 deep",
	}, {
		name:   "more shared strings than allowed",
		parts:  wt.With(base, wt.Part{Name: wt.StringsPart, Head: "<sst>", Body: "<si><t>a</t></si>", Times: 11, Tail: "</sst>"}),
		lim:    workbook.Limits{Strings: 10},
		want:   workbook.Error{Part: wt.StringsPart, Offset: 179, Limit: workbook.NameStrings},
		substr: "more than 10 shared strings, the limit (max_strings)",
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "cell within a raised limit" {
				tc.parts = wt.With(tc.parts, sheet(wt.Rows(2, []string{"plc-01", strings.Repeat("x", 40000)})+`<row r="1048577"/>`))
			}
			b, err := wt.Bytes(tc.parts...)
			if err != nil {
				t.Fatal(err)
			}
			if len(b) > 2*mib {
				t.Fatalf("the workbook takes %d bytes on disk", len(b))
			}
			start := time.Now()
			err = workbook.Check(bytes.NewReader(b), int64(len(b)), tc.lim)
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("Check took %v", d)
			}
			var got *workbook.Error
			if !errors.As(err, &got) {
				t.Fatalf("Check = %v, want an *Error", err)
			}
			g := workbook.Error{Part: got.Part, Row: got.Row, Offset: got.Offset, Limit: got.Limit}
			if tc.want.Offset == 0 && got.Row == 0 {
				g.Offset = 0 // where the reader stops is not the point
			}
			if d := cmp.Diff(tc.want, g, cmp.Comparer(func(a, b error) bool { return true })); d != "" {
				t.Errorf("Check error (-want +got):\n%s\n%v", d, err)
			}
			if !strings.Contains(err.Error(), tc.substr) {
				t.Errorf("Check error %q does not say %q", err, tc.substr)
			}
		})
	}
}

// TestCheckAccepts: a plain workbook, one with a row at Excel's last, and
// one with cells at the last column pass.
func TestCheckAccepts(t *testing.T) {
	for name, sheet := range map[string]string{
		"inventory": wt.Sheet(wt.Inventory...),
		"last row":  wt.SheetHead + wt.Rows(1, wt.Inventory...) + `<row r="1048576"><c r="XFD1048576" t="s"><v>0</v></c></row>` + wt.SheetTail,
		"no refs":   wt.SheetHead + `<row><c t="inlineStr"><is><t>Name</t></is></c><c><v>1</v></c></row><row/>` + wt.SheetTail,
	} {
		t.Run(name, func(t *testing.T) {
			b, err := wt.Bytes(wt.Base(sheet, "plc-01")...)
			if err != nil {
				t.Fatal(err)
			}
			if err := workbook.Check(bytes.NewReader(b), int64(len(b)), workbook.Limits{}); err != nil {
				t.Fatal(err)
			}
			f, err := workbook.OpenReader(bytes.NewReader(b), workbook.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if _, err := f.GetRows("Inventory"); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestNotAZip(t *testing.T) {
	err := workbook.Check(strings.NewReader("Name,IP\n"), 8, workbook.Limits{})
	if err == nil || !strings.Contains(err.Error(), "not an XLSX workbook") {
		t.Errorf("Check = %v", err)
	}
	_, err = workbook.OpenReader(strings.NewReader(strings.Repeat("x", 100)), workbook.Limits{WorkbookBytes: 10})
	if !workbook.IsLimit(err) {
		t.Errorf("OpenReader of a file past the workbook limit = %v", err)
	}
}
