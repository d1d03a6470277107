package assets_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/slate-ot/slate/collectors/assets"
	"github.com/slate-ot/slate/evidence"
)

// fuzzCollect collects data written to a file in dir (one per fuzzing
// process: a directory per input makes fuzzing disk-bound): whatever it holds, the
// collector returns a document or an *evidence.InputError, never panics,
// and a document it returns is well formed.
func fuzzCollect(t *testing.T, dir, name string, data []byte) {
	path := filepath.Join(dir, name)
	rewrite(t, path, data)
	doc, err := assets.New().Collect(context.Background(), newSource(dir, []string{path}, nil))
	if err != nil {
		var ie *evidence.InputError
		if !errors.As(err, &ie) || ie.Path != name {
			t.Fatalf("error %v (%T) is not an InputError for %s", err, err, name)
		}
		return
	}
	var d assets.Data
	if err := json.Unmarshal(doc.Data, &d); err != nil {
		t.Fatalf("data does not decode: %v", err)
	}
	seen := map[string]bool{}
	for _, a := range d.Assets {
		if seen[a.ID] {
			t.Fatalf("id %s twice", a.ID)
		}
		seen[a.ID] = true
	}
	if len(d.Assets) != doc.Provenance.RecordsRead-doc.Provenance.RecordsSkipped {
		t.Fatalf("%d assets from %d rows read, %d skipped", len(d.Assets), doc.Provenance.RecordsRead, doc.Provenance.RecordsSkipped)
	}
}

// rewrite replaces the content of path in place. Truncating to zero and
// writing again frees and reallocates the file's blocks on every input,
// which is slow on file systems mounted with discard.
func rewrite(t *testing.T, path string, data []byte) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(data, 0); err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(int64(len(data))); err != nil {
		t.Fatal(err)
	}
}

func seedFiles(f *testing.F, pattern string) {
	files, err := filepath.Glob(pattern)
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range files {
		raw, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
}

func FuzzCollectCSV(f *testing.F) {
	seedFiles(f, "testdata/fixtures/*.csv")
	seedFiles(f, "testdata/fixtures/*.txt")
	seedFiles(f, "testdata/bad/*.csv")
	f.Add([]byte("Hostname;IP\n\"a\";\"10.0.0.1/8\"\n"))
	f.Add([]byte("\xEF\xBB\xBFname|mac|eol\nx|aabb.ccdd.eeff|01.02.2030\n"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzCollect(t, dir, "in.csv", data)
	})
}

func FuzzCollectXLSX(f *testing.F) {
	seedFiles(f, "testdata/fixtures/*.xlsx")
	seedFiles(f, "testdata/corpus/*.xlsx")
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzCollect(t, dir, "in.xlsx", data)
	})
}

// farRow matches a row or cell numbered 10,000 or more.
var farRow = regexp.MustCompile(`[0-9]{5}`)

// FuzzSheetXML fuzzes the worksheet XML inside an otherwise valid
// workbook: mutating a whole xlsx mostly breaks the zip's checksums, and
// never reaches the XML.
func FuzzSheetXML(f *testing.F) {
	template, err := zip.OpenReader("testdata/fixtures/sheets.xlsx")
	if err != nil {
		f.Fatal(err)
	}
	defer template.Close()
	parts := map[string][]byte{}
	var names []string
	for _, zf := range template.File {
		rc, err := zf.Open()
		if err != nil {
			f.Fatal(err)
		}
		raw, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			f.Fatal(err)
		}
		parts[zf.Name] = raw
		names = append(names, zf.Name)
	}
	const target = "xl/worksheets/sheet1.xml"
	f.Add(parts[target])
	f.Add(parts["xl/worksheets/sheet2.xml"])
	f.Add([]byte(`<worksheet><sheetData><row r="3"><c r="C3" t="s"><v>0</v></c><c r="A3" t="s"><v>1</v></c></row>` +
		`<row r="2"><c r="XFD2"><v>45352</v></c><c r="B2" t="inlineStr"><is><t>10.10.1.1</t></is></c></row></sheetData></worksheet>`))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, sheetXML []byte) {
		if farRow.Match(sheetXML) {
			// A row numbered near Excel's last is read through a gap of up to
			// a million rows: well under a second, but slow enough to stall
			// fuzzing; TestWorkbookLimits reads one.
			return
		}
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, name := range names {
			// Stored, not deflated: quicker, and the XML is what is fuzzed.
			w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
			if err != nil {
				t.Fatal(err)
			}
			content := parts[name]
			if name == target {
				content = sheetXML
			}
			if _, err := w.Write(content); err != nil {
				t.Fatal(err)
			}
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		fuzzCollect(t, dir, "in.xlsx", buf.Bytes())
	})
}
