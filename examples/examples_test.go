package examples_test

import (
	"context"
	"encoding/json"
	"flag"
	"path/filepath"
	"testing"

	"github.com/slate-ot/slate/collectors"
	"github.com/slate-ot/slate/collectors/collectortest"
	"github.com/slate-ot/slate/engine"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestExamples assesses every example site and compares its scorecard and
// bundle with the golden files, after parsing, so a diff reads per field.
func TestExamples(t *testing.T) {
	sites, err := filepath.Glob("*/assessment.hcl")
	if err != nil || len(sites) == 0 {
		t.Fatalf("no example sites found (%v)", err)
	}
	for _, site := range sites {
		name := filepath.Dir(site)
		t.Run(name, func(t *testing.T) {
			res, err := engine.Assess(context.Background(), name, collectors.Default, engine.Options{Getenv: func(string) string { return "" }})
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("..", "testdata", "golden", "examples", name)
			collectortest.GoldenJSON(t, filepath.Join(golden, "scorecard.json"), json.RawMessage(res.ScorecardJSON), *update)
			collectortest.GoldenJSON(t, filepath.Join(golden, "bundle.json"), json.RawMessage(res.BundleJSON), *update)
		})
	}
}
