package netconfig_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/evidence"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden reads the permissively licensed corpus copies in
// testdata/corpus and the hand-written fixtures in testdata/fixtures.
func TestGolden(t *testing.T) {
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "corpus", "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	fixtures, _ := filepath.Glob(filepath.Join(dir, "fixtures", "*"))
	files = append(files, fixtures...)
	if len(files) == 0 {
		t.Fatal("no test configurations")
	}
	for _, path := range files {
		rel := evidence.RelPath(dir, path)
		name := filepath.Base(filepath.Dir(path)) + "__" + filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			doc, dev, err := collectOne(t, dir, path, nil)
			if err != nil {
				t.Fatal(err)
			}
			if dev.File != rel {
				t.Errorf("file %q, want %q", dev.File, rel)
			}
			checkLines(t, dev)
			checkGolden(t, filepath.Join("testdata", "golden", name+".json"), doc)
		})
	}
}

func checkGolden(t *testing.T, path string, doc evidence.Document) {
	t.Helper()
	got, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(parseJSON(t, want), parseJSON(t, got)); diff != "" {
		t.Errorf("document differs from %s (-want +got):\n%s", path, diff)
	}
}

func parseJSON(t *testing.T, raw []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}
