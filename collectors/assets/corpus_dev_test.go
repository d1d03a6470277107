//go:build devcorpus

// The test in this file reads an inventory sample that is not
// redistributed with slate (AGPL-3.0) from a developer corpus next to the
// checkout. It is built only with -tags devcorpus (make test-devcorpus),
// so the ordinary suite neither reads nor skips it; the NetBox and Ralph
// files committed under testdata cover the same reading.

package assets_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// snipeITSample is the Snipe-IT import sample of the developer corpus next
// to a checkout.
const snipeITSample = "../../../shared/corpus/assets/snipeit_assets-sample.csv"

// TestSnipeITSample reads Snipe-IT's import sample where a developer
// corpus holds it.
func TestSnipeITSample(t *testing.T) {
	path, err := filepath.Abs(snipeITSample)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("-tags devcorpus: the Snipe-IT sample is AGPL-3.0 and not redistributed with slate, and there is none next to this checkout at %s", snipeITSample)
	}
	d := collectEach(t, filepath.Dir(path), filepath.Base(path))[filepath.Base(path)]
	if len(d.Assets) != 22 {
		t.Errorf("Snipe-IT: %d assets, want 22", len(d.Assets))
	}
	want := map[string]string{"name": "Name", "asset_tag": "Asset Tag", "vendor": "Manufacturer", "model": "Model", "location": "Location", "role": "Category"}
	if diff := cmp.Diff(want, d.Files[0].Columns); diff != "" {
		t.Errorf("Snipe-IT columns (-want +got):\n%s", diff)
	}
	// The file starts with a UTF-8 byte order mark.
	if d.Files[0].Encoding != "utf-8-bom" {
		t.Errorf("Snipe-IT encoding %q, want utf-8-bom", d.Files[0].Encoding)
	}
	for _, a := range d.Assets {
		if a.Name == "" || a.AssetTag == "" || a.Model == "" {
			t.Errorf("Snipe-IT asset %s: name %q, tag %q, model %q", a.ID, a.Name, a.AssetTag, a.Model)
		}
		// Its dates are m/d/yy: ambiguous, so not a field, and not
		// worth a warning either since no date column is recognised.
		if !strings.Contains(a.Extra["Purchase Date"], "/") {
			t.Errorf("Snipe-IT asset %s: purchase date %q should stay as written", a.ID, a.Extra["Purchase Date"])
		}
	}
}
