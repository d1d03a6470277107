package kev_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/slate-ot/slate/collectors/kev"
	"github.com/slate-ot/slate/evidence"
)

// FuzzCollect reads fuzzed catalogs as the collector does (JSON, the
// catalog's schema, then the catalog): no panic, and a file refused is an
// *evidence.InputError naming it.
func FuzzCollect(f *testing.F) {
	for _, p := range []string{"../../examples/plant-a/evidence/kev/known_exploited_vulnerabilities.json", "testdata/bad.json"} {
		raw, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	f.Add([]byte(`{"title":"t","catalogVersion":"1","dateReleased":"2025-01-01T00:00:00Z","count":1,"vulnerabilities":[{"cveID":"CVE-2025-1","vendorProject":"v","product":"p","vulnerabilityName":"n","dateAdded":"2025-01-01","shortDescription":"s","requiredAction":"a","dueDate":"2025-02-01","knownRansomwareCampaignUse":"Unknown","notes":"","cwes":[]}]}`))
	dir := f.TempDir()
	path := filepath.Join(dir, "kev.json")
	f.Fuzz(func(t *testing.T, raw []byte) {
		if err := os.WriteFile(path, raw, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := kev.New().Collect(context.Background(), evidence.Source{Kind: kev.Kind, Name: "k", Dir: dir, Files: []string{path}})
		if err == nil {
			return
		}
		ie, ok := errors.AsType[*evidence.InputError](err)
		if !ok || ie.Path != "kev.json" {
			t.Errorf("got %T %v, want an *evidence.InputError naming kev.json", err, err)
		}
	})
}
