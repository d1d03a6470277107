package examples_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/collectors"
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
			for file, got := range map[string][]byte{"scorecard.json": res.ScorecardJSON, "bundle.json": res.BundleJSON} {
				path := filepath.Join(golden, file)
				if *update {
					if err := os.MkdirAll(golden, 0o755); err != nil {
						t.Fatal(err)
					}
					var pretty bytes.Buffer
					if err := json.Indent(&pretty, got, "", "  "); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, append(pretty.Bytes(), '\n'), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run the test with -update to create it)", err)
				}
				var w, g any
				if err := json.Unmarshal(want, &w); err != nil {
					t.Fatal(err)
				}
				if err := json.Unmarshal(got, &g); err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(w, g); diff != "" {
					t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
				}
			}
		})
	}
}
