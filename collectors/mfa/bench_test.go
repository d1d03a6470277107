package mfa_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/slate-ot/slate/collectors/mfa"
)

// BenchmarkScubaGearExport collects the 1.7 MB ScubaGear sample export.
func BenchmarkScubaGearExport(b *testing.B) {
	dir, err := filepath.Abs("testdata/corpus")
	if err != nil {
		b.Fatal(err)
	}
	src := newSource(dir, []string{filepath.Join(dir, "scubagear_sample_ProviderSettingsExport.json")}, nil)
	c := mfa.New()
	for b.Loop() {
		if _, err := c.Collect(context.Background(), src); err != nil {
			b.Fatal(err)
		}
	}
}
