// Package reporttest holds what the report writers' tests share: the
// example site's scorecard to render and a way to render it.
package reporttest

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/slate-ot/slate/engine/scorecard"
)

// Example is the example site's golden scorecard, found from this file's
// place in the repository, so tests of packages at any depth read it.
// `make update-golden` rewrites it before the report goldens that are
// rendered from it.
var Example = func() string {
	_, here, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(here), "..", "..", "testdata", "golden", "examples", "plant-a", "scorecard.json")
}()

// Load reads and decodes the scorecard at path.
func Load(t testing.TB, path string) *scorecard.Scorecard {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scorecard.Decode(path, raw)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// Render runs a writer on sc and returns what it wrote.
func Render(t testing.TB, write func(io.Writer, *scorecard.Scorecard) error, sc *scorecard.Scorecard) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf, sc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
