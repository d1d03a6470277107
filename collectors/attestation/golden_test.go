package attestation_test

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/slate-ot/slate/collectors/collectortest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenCases are sources over the fixtures in testdata/site, each
// compared with testdata/golden/<name>.json.
var goldenCases = []struct {
	name  string
	files []string
}{
	{name: "hcl_and_csv", files: []string{"site/physical.hcl", "site/procedures.csv"}},
	{name: "spreadsheet", files: []string{"site/training_excel.csv"}},
	{name: "site", files: []string{"site/physical.hcl", "site/procedures.csv", "site/training_excel.csv"}},
}

func TestGolden(t *testing.T) {
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			var files []string
			for _, f := range tc.files {
				files = append(files, filepath.Join(dir, f))
			}
			doc, _, err := collect(t, newSource(dir, files))
			if err != nil {
				t.Fatal(err)
			}
			collectortest.GoldenJSON(t, filepath.Join(dir, "golden", tc.name+".json"), doc, *update)
		})
	}
}
