package returned

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/slate-ot/slate/reports/reporttest"
	"github.com/slate-ot/slate/reports/xlsx"
)

// FuzzImportPart puts the fuzzed bytes in place of one XML part of the
// workbook slate wrote for a small scorecard (a sheet, the shared
// strings, the workbook) and imports it as `slate import-workbook` does,
// against that scorecard or, when the top bit of which is set, without
// one: no panic, and every refusal names the file.
func FuzzImportPart(f *testing.F) {
	sc := importCard()
	base := reporttest.Render(f, xlsx.Write, sc)
	zr, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
	if err != nil {
		f.Fatal(err)
	}
	var names []string
	parts := map[string][]byte{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			f.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			f.Fatal(err)
		}
		names = append(names, zf.Name)
		parts[zf.Name] = body
	}
	for i, n := range names {
		if strings.HasPrefix(n, "xl/worksheets/") || n == "xl/sharedStrings.xml" || n == "xl/workbook.xml" {
			f.Add(uint8(i), parts[n])
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		name := names[int(which&0x7f)%len(names)]
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		for _, n := range names {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Store})
			if err != nil {
				t.Fatal(err)
			}
			content := parts[n]
			if n == name {
				content = body
			}
			if _, err := w.Write(content); err != nil {
				t.Fatal(err)
			}
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		card := sc
		if which&0x80 != 0 {
			card = nil // imported without the scorecard, as --scorecard may be left out
		}
		v, err := importBytes(b.Bytes(), card)
		if err != nil {
			if !strings.Contains(err.Error(), "audit.xlsx") {
				t.Errorf("error %q does not name the file", err)
			}
			return
		}
		if v == nil {
			t.Fatal("no verdicts and no error")
		}
	})
}
