package assets_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSnipeITHeaders reads an export with Snipe-IT's asset export columns
// (testdata/fixtures/snipeit_headers.csv: the column names of Snipe-IT's
// import sample, rows written for this test, a UTF-8 byte order mark and
// CRLF line ends as Snipe-IT writes them).
func TestSnipeITHeaders(t *testing.T) {
	dir, err := filepath.Abs("testdata/fixtures")
	if err != nil {
		t.Fatal(err)
	}
	d := collectEach(t, dir, "snipeit_headers.csv")["snipeit_headers.csv"]
	if len(d.Assets) != 3 {
		t.Fatalf("%d assets, want 3", len(d.Assets))
	}
	want := map[string]string{"name": "Name", "asset_tag": "Asset Tag", "vendor": "Manufacturer", "model": "Model", "location": "Location", "role": "Category"}
	if diff := cmp.Diff(want, d.Files[0].Columns); diff != "" {
		t.Errorf("columns (-want +got):\n%s", diff)
	}
	if d.Files[0].Encoding != "utf-8-bom" {
		t.Errorf("encoding %q, want utf-8-bom", d.Files[0].Encoding)
	}
	for _, a := range d.Assets {
		if a.Name == "" || a.AssetTag == "" || a.Model == "" {
			t.Errorf("asset %s: name %q, tag %q, model %q", a.ID, a.Name, a.AssetTag, a.Model)
		}
		// m/d/yy dates are ambiguous: kept as written, not read as a date.
		if !strings.Contains(a.Extra["Purchase Date"], "/") {
			t.Errorf("asset %s: purchase date %q should stay as written", a.ID, a.Extra["Purchase Date"])
		}
	}
}
