package netconfig_test

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/slate-ot/slate/collectors/collectortest"
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
	collectortest.GoldenJSON(t, path, doc, *update)
}
