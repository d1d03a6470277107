//go:build ignore

// gen writes the binary fixtures of this folder: the XLSX workbooks and the
// UTF-16 text export. Run it from this folder with `go run gen.go`; the
// CSV fixtures are written by hand.
package main

import (
	"encoding/binary"
	"log"
	"os"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

func main() {
	plant()
	sheets()
	unicodeText()
}

// plant is a workbook as a plant engineer keeps it: a cover sheet, then an
// inventory sheet with a title row above the header, real date cells and a
// password column.
func plant() {
	f := excelize.NewFile()
	defer f.Close()
	must(f.SetSheetName("Sheet1", "Cover"))
	must(f.SetCellValue("Cover", "A1", "Water treatment plant — OT asset register"))
	must(f.SetCellValue("Cover", "A2", "Owner"))
	must(f.SetCellValue("Cover", "B2", "OT Engineering"))
	_, err := f.NewSheet("Inventory")
	must(err)
	rows := [][]any{
		{"Asset register", nil, nil, "rev. 7"},
		{},
		{"Asset Name", "Primary IP", "MAC", "Vendor", "Model", "Firmware", "Security Zone", "Admin\nPassword", "Last Patched", "End of Support", "Owner", "Serial Number", "Commissioned"},
		{"PLC-A1", "10.10.1.21", "00:80:F4:12:34:56", "Schneider Electric", "M580", "3.20", "Cell 1", "schneider", day(2024, 1, 15), "2031-01-01", "Process", 45001, day(2019, 6, 3)},
		{"HMI-A1", "10.10.2.30", "0080.f412.3457", "Schneider Electric", "Harmony GTU", "2.1", "", "", "2023-11-30", day(2028, 5, 1), "Process", "HM-77", nil},
		{"RTU-B2", "10.99.0.5", "", "GE", "D20MX", "", "Remote Sites", "", "soon", nil, "Grid", "", nil},
		{},
		{nil, nil, nil, nil, nil, nil, nil, "orphan-secret"},
		{"SW-CORE", "10.10.0.1/24", "00-80-F4-12-34-58", "Hirschmann", "DRAGON MACH4000", "09.0.04", "dmz", "", 45292, nil, "Network", "", nil, "stray value"},
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14}) // m/d/yy: ambiguous as text
	must(err)
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		must(f.SetSheetRow("Inventory", cell, &r))
	}
	for _, c := range []string{"I4", "J5", "M4", "I9"} {
		must(f.SetCellStyle("Inventory", c, c, dateStyle))
	}
	must(f.SaveAs("fixtures/plant.xlsx"))
}

// sheets has two sheets that both look like inventories; the source picks
// one with the sheet option.
func sheets() {
	f := excelize.NewFile()
	defer f.Close()
	must(f.SetSheetName("Sheet1", "Level 1"))
	_, err := f.NewSheet("Level 2")
	must(err)
	for _, s := range []struct {
		sheet string
		rows  [][]any
	}{
		{"Level 1", [][]any{{"Host", "IP"}, {"io-01", "10.10.1.70"}}},
		{"Level 2", [][]any{{"Host", "IP", "Type"}, {"scada-01", "10.10.2.70", "server"}, {"scada-02", "10.10.2.71", "server"}}},
	} {
		for i, r := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			must(f.SetSheetRow(s.sheet, cell, &r))
		}
	}
	must(f.SaveAs("fixtures/sheets.xlsx"))
}

// unicodeText is what Excel's "Unicode Text" export writes: UTF-16LE with a
// byte order mark, tab separated, CRLF.
func unicodeText() {
	text := "Device Name\tIP Address\tManufacturer\tLocation\r\n" +
		"Ölpumpe-1\t10.10.1.90\tKSB\tPumpenhaus Nord\r\n" +
		"Kühlturm-Ctl\t10.10.1.91\tBeckhoff\tKühlturm 2\r\n"
	units := utf16.Encode([]rune(text))
	out := []byte{0xFF, 0xFE}
	for _, u := range units {
		out = binary.LittleEndian.AppendUint16(out, u)
	}
	must(os.WriteFile("fixtures/unicode_text.txt", out, 0o644))
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
