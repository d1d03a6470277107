package assets_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/collectors/assets"
)

// collectEach reads each file on its own and returns the data by file name.
func collectEach(t *testing.T, dir string, names ...string) map[string]assets.Data {
	t.Helper()
	out := map[string]assets.Data{}
	for _, name := range names {
		_, data, err := collect(t, newSource(dir, []string{filepath.Join(dir, name)}, nil))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(data.Assets) == 0 {
			t.Fatalf("%s: no assets", name)
		}
		out[name] = data
	}
	return out
}

// TestNetBoxAgree: the NetBox CSV and XLSX hold the same rows, so they
// must give the same assets, everything but the place alike.
func TestNetBoxAgree(t *testing.T) {
	dir, err := filepath.Abs("testdata/corpus")
	if err != nil {
		t.Fatal(err)
	}
	byFile := collectEach(t, dir, "netbox_demo_devices_siteset_A.csv", "netbox_demo_devices_siteset_A.xlsx")
	names := func(d assets.Data) []string {
		var out []string
		for _, a := range d.Assets {
			out = append(out, a.Name)
		}
		slices.Sort(out)
		return out
	}
	csv, xlsx := byFile["netbox_demo_devices_siteset_A.csv"], byFile["netbox_demo_devices_siteset_A.xlsx"]
	if len(csv.Assets) != 44 {
		t.Errorf("NetBox CSV: %d assets, want 44", len(csv.Assets))
	}
	if diff := cmp.Diff(names(csv), names(xlsx)); diff != "" {
		t.Errorf("NetBox CSV and XLSX name different devices (-csv +xlsx):\n%s", diff)
	}
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
