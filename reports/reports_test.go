package reports

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestWriteFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	files := map[string][]byte{"a.json": []byte("A"), "b.json": []byte("B")}
	if err := WriteFiles(dir, files); err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: %q, %v", name, got, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("%d entries in the output directory, want 2 (no temporary files left)", len(entries))
	}
}

// TestWriteFilesAllOrNothing: when one file cannot be written, none is, and
// a directory WriteFiles created is removed again.
func TestWriteFilesAllOrNothing(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "out")
	// A name that cannot be a file: it contains a directory that does not exist.
	err := WriteFiles(dir, map[string][]byte{"a.json": []byte("A"), "missing/b.json": []byte("B")})
	if err == nil {
		t.Fatal("no error")
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("output directory left behind: %v", err)
	}
	// An existing directory keeps its files and gets no new ones.
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "keep"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFiles(dir, map[string][]byte{"a.json": []byte("A"), "missing/b.json": []byte("B")}); err == nil {
		t.Fatal("no error")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "keep" {
		t.Errorf("directory holds %v, want only keep", entries)
	}
}

// TestWriteSummary renders the example site's golden scorecard.
func TestWriteSummary(t *testing.T) {
	raw, err := os.ReadFile("../testdata/golden/examples/plant-a/scorecard.json")
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scorecard.Decode("scorecard.json", raw)
	if err != nil {
		t.Fatal(err)
	}
	// Decoding and re-encoding gives the same bytes: reports can rely on
	// reading a scorecard back.
	again, err := sc.Encode()
	if err != nil {
		t.Fatal(err)
	}
	canon, err := evidence.CanonicalJSON(raw)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, canon) {
		t.Error("scorecard changed in a decode/encode round trip")
	}
	var buf bytes.Buffer
	if err := WriteSummary(&buf, sc, 5); err != nil {
		t.Fatal(err)
	}
	golden := "testdata/summary.golden"
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("summary differs from %s (run with -update):\n%s", golden, buf.Bytes())
	}
}
