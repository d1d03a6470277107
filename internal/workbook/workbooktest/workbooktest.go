// Package workbooktest writes workbooks for tests of the readers: a small
// valid one, and hostile ones that are small on disk but inflate to
// gigabytes, lie about their sizes, or hold cut or malformed XML. They are
// written at test time; none is checked in.
package workbooktest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"strings"
)

// Part is one zip member: Head, then Body Times times, then Tail. A large
// Body repeated costs its compressed size once, so a part of gigabytes
// takes a few hundred kilobytes and no time to write.
type Part struct {
	Name             string
	Head, Body, Tail string
	Times            int
	// Declared, when above 0, is the decompressed size the zip directory
	// states instead of the real one.
	Declared int64
	// Cut drops this many bytes from the end of the compressed data,
	// leaving the sizes in the directory as they were.
	Cut int
}

// Size is the decompressed size of p.
func (p Part) Size() int64 {
	return int64(len(p.Head)) + int64(len(p.Body))*int64(p.Times) + int64(len(p.Tail))
}

// Names of the parts of the base workbook.
const (
	SheetPart   = "xl/worksheets/sheet1.xml"
	StringsPart = "xl/sharedStrings.xml"
)

// Base returns the parts of a valid one-sheet workbook (sheet "Inventory")
// with the given sheet XML (see Sheet) and shared strings.
func Base(sheet string, shared ...string) []Part {
	var sst strings.Builder
	fmt.Fprintf(&sst, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, len(shared), len(shared))
	for _, s := range shared {
		fmt.Fprintf(&sst, "<si><t>%s</t></si>", escape(s))
	}
	sst.WriteString("</sst>")
	return []Part{
		{Name: "[Content_Types].xml", Head: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`},
		{Name: "_rels/.rels", Head: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{Name: "xl/workbook.xml", Head: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Inventory" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{Name: "xl/_rels/workbook.xml.rels", Head: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`},
		{Name: StringsPart, Head: sst.String()},
		{Name: SheetPart, Head: sheet},
	}
}

// SheetHead and SheetTail surround the rows of a sheet's XML.
const (
	SheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	SheetTail = `</sheetData></worksheet>`
)

// Rows returns the XML of rows of inline strings, numbered from first.
func Rows(first int, rows ...[]string) string {
	var b strings.Builder
	for i, row := range rows {
		r := first + i
		fmt.Fprintf(&b, `<row r="%d">`, r)
		for j, v := range row {
			fmt.Fprintf(&b, `<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>`, column(j+1), r, escape(v))
		}
		b.WriteString("</row>")
	}
	return b.String()
}

// Sheet returns the XML of a sheet holding rows from row 1.
func Sheet(rows ...[]string) string { return SheetHead + Rows(1, rows...) + SheetTail }

// Inventory is a small asset inventory: a header and five devices.
var Inventory = [][]string{
	{"Name", "IP Address", "Vendor", "Zone"},
	{"plc-01", "10.10.1.11", "Siemens", "cell"},
	{"plc-02", "10.10.1.12", "Siemens", "cell"},
	{"hmi-01", "10.10.1.21", "Siemens", "cell"},
	{"eng-01", "10.10.2.5", "Dell", "control"},
	{"hist-01", "10.10.2.6", "Dell", "control"},
}

// With returns base with each of parts replacing the base part of its name,
// or added after them.
func With(base []Part, parts ...Part) []Part {
	out := append([]Part(nil), base...)
	for _, p := range parts {
		found := false
		for i := range out {
			if out[i].Name == p.Name {
				out[i], found = p, true
			}
		}
		if !found {
			out = append(out, p)
		}
	}
	return out
}

// Bytes returns the workbook of parts.
func Bytes(parts ...Part) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		data, crc, err := deflate(p)
		if err != nil {
			return nil, err
		}
		if p.Cut > 0 {
			data = data[:max(0, len(data)-p.Cut)]
		}
		size := uint64(p.Size())
		if p.Declared > 0 {
			size = uint64(p.Declared)
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: p.Name, Method: zip.Deflate, CRC32: crc,
			CompressedSize64: uint64(len(data)), UncompressedSize64: size})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Write writes the workbook of parts to path.
func Write(path string, parts ...Part) error {
	b, err := Bytes(parts...)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// Stored returns the workbook of parts with every part stored, not
// compressed: quick to write, for fuzzing. Times, Declared and Cut are
// ignored.
func Stored(parts ...Part) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.Name, Method: zip.Store})
		if err != nil {
			return nil, err
		}
		if _, err := io.WriteString(w, p.Head+p.Tail); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// deflate compresses p: Head and one Body each in a stream of their own,
// ended by a flush so that they stand alone and the Body's can be
// repeated; the Tail's stream is the final one.
func deflate(p Part) ([]byte, uint32, error) {
	chunk := func(s string, final bool) ([]byte, error) {
		var b bytes.Buffer
		level := flate.BestSpeed
		if len(s) > 64<<10 {
			level = flate.BestCompression
		}
		w, err := flate.NewWriter(&b, level)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(s)); err != nil {
			return nil, err
		}
		if final {
			err = w.Close()
		} else {
			err = w.Flush()
		}
		return b.Bytes(), err
	}
	head, err := chunk(p.Head, false)
	if err != nil {
		return nil, 0, err
	}
	out := head
	crc := crc32.ChecksumIEEE([]byte(p.Head))
	if p.Times > 0 {
		body, err := chunk(p.Body, false)
		if err != nil {
			return nil, 0, err
		}
		bb := []byte(p.Body)
		for range p.Times {
			out = append(out, body...)
			crc = crc32.Update(crc, crc32.IEEETable, bb)
		}
	}
	tail, err := chunk(p.Tail, true)
	if err != nil {
		return nil, 0, err
	}
	crc = crc32.Update(crc, crc32.IEEETable, []byte(p.Tail))
	return append(out, tail...), crc, nil
}

func column(n int) string {
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('A' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}

func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
