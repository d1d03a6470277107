package assets_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/collectors/assets"
)

// sharedCorpus is the developer corpus next to the repository
// (shared/corpus/assets); the NetBox files are also copied to
// testdata/corpus so the core tests run without it.
const sharedCorpus = "../../../shared/corpus/assets"

func TestSharedCorpus(t *testing.T) {
	dir, err := filepath.Abs(sharedCorpus)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		t.Skipf("no shared corpus at %s", dir)
	}
	if err != nil {
		t.Fatal(err)
	}
	byFile := map[string]assets.Data{}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			_, data, err := collect(t, newSource(dir, []string{filepath.Join(dir, e.Name())}, nil))
			if err != nil {
				t.Fatal(err)
			}
			if len(data.Assets) == 0 {
				t.Errorf("no assets")
			}
			byFile[e.Name()] = data
		})
	}

	names := func(d assets.Data) []string {
		var out []string
		for _, a := range d.Assets {
			out = append(out, a.Name)
		}
		slices.Sort(out)
		return out
	}
	if csv, xlsx := byFile["netbox_demo_devices_siteset_A.csv"], byFile["netbox_demo_devices_siteset_A.xlsx"]; csv.Assets != nil && xlsx.Assets != nil {
		if len(csv.Assets) != 44 {
			t.Errorf("NetBox CSV: %d assets, want 44", len(csv.Assets))
		}
		if diff := cmp.Diff(names(csv), names(xlsx)); diff != "" {
			t.Errorf("NetBox CSV and XLSX name different devices (-csv +xlsx):\n%s", diff)
		}
		// The two files hold the same rows, so everything but the place
		// must agree.
		strip := func(d assets.Data) []assets.Asset {
			out := slices.Clone(d.Assets)
			for i := range out {
				out[i].ID, out[i].File, out[i].Sheet = "", "", ""
			}
			slices.SortFunc(out, func(a, b assets.Asset) int { return a.Line - b.Line })
			return out
		}
		if diff := cmp.Diff(strip(csv), strip(xlsx)); diff != "" {
			t.Errorf("NetBox CSV and XLSX disagree (-csv +xlsx):\n%s", diff)
		}
	}
	if d, ok := byFile["snipeit_assets-sample.csv"]; ok {
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
}

// TestNetBoxCopy checks the NetBox files kept in testdata/corpus, so that
// the facts above are tested without the shared corpus too.
func TestNetBoxCopy(t *testing.T) {
	dir, err := filepath.Abs("testdata/corpus")
	if err != nil {
		t.Fatal(err)
	}
	var got [][]string
	for _, name := range []string{"netbox_demo_devices_siteset_A.csv", "netbox_demo_devices_siteset_A.xlsx"} {
		_, data, err := collect(t, newSource(dir, []string{filepath.Join(dir, name)}, nil))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		unnamed := 0
		for _, a := range data.Assets {
			names = append(names, a.Name)
			if a.Name == "" {
				unnamed++
			}
			if a.Vendor == "" || a.Model == "" || a.Role == "" {
				t.Errorf("%s: vendor %q, model %q, role %q: NetBox gives all three", a.ID, a.Vendor, a.Model, a.Role)
			}
		}
		slices.Sort(names)
		got = append(got, names)
		// NetBox leaves patch panels and ToR switches unnamed.
		if len(names) != 44 || unnamed != 16 {
			t.Errorf("%s: %d assets, %d unnamed; want 44, 16", name, len(names), unnamed)
		}
	}
	if diff := cmp.Diff(got[0], got[1]); diff != "" {
		t.Errorf("CSV and XLSX names differ (-csv +xlsx):\n%s", diff)
	}
}
