package assets_test

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/slate-ot/slate/collectors/collectortest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenCases are the fixtures under testdata, one source each, with the
// options their source block would set.
var goldenCases = []struct {
	name  string
	files []string
	opts  map[string]any
}{
	{name: "header_only", files: []string{"fixtures/header_only.csv"}},
	{name: "latin1", files: []string{"fixtures/latin1.csv"}},
	{name: "mapped", files: []string{"fixtures/mapped.csv"},
		opts: map[string]any{"columns": map[string]any{"name": "Tag Name", "ip": "Net Addr", "firmware": "Fw Rev", "location": "Cabinet"}}},
	{name: "netbox_demo", files: []string{"corpus/netbox_demo_devices_siteset_A.csv", "corpus/netbox_demo_devices_siteset_A.xlsx"}},
	{name: "netbox_style", files: []string{"fixtures/netbox_style.csv"}},
	{name: "pipes", files: []string{"fixtures/pipes.csv"}},
	{name: "plant_semicolon", files: []string{"fixtures/plant_semicolon.csv"}},
	{name: "plant_xlsx", files: []string{"fixtures/plant.xlsx"}},
	{name: "scada_export", files: []string{"fixtures/scada_export.txt"}},
	{name: "sheets_level2", files: []string{"fixtures/sheets.xlsx"}, opts: map[string]any{"sheet": "Level 2"}},
	{name: "unicode_text", files: []string{"fixtures/unicode_text.txt"}},
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
			doc, _, err := collect(t, newSource(dir, files, tc.opts))
			if err != nil {
				t.Fatal(err)
			}
			collectortest.GoldenJSON(t, filepath.Join(dir, "golden", tc.name+".json"), doc, *update)
		})
	}
}
