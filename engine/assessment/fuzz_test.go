package assessment

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad loads arbitrary text as an assessment file: Load must return
// an Assessment or a *DiagError, never panic.
func FuzzLoad(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/errors/*.hcl")
	seeds = append(seeds, "testdata/valid/assessment.hcl")
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(Starter("fuzz", testOptions.Formats, []string{"html", "json"}))

	// One directory per fuzzing process, with a little evidence for the
	// patterns to find; inputs run one at a time within a process.
	dir := f.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "evidence", "sub"), 0o755); err != nil {
		f.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "policies"), 0o755); err != nil {
		f.Fatal(err)
	}
	for _, name := range []string{"evidence/inventory.csv", "evidence/sub/sw1.cfg"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x\n"), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	path := filepath.Join(dir, FileName)

	f.Fuzz(func(t *testing.T, src []byte) {
		if err := os.WriteFile(path, src, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, opts := range []LoadOptions{{}, testOptions} {
			a, err := Load(path, opts)
			if err == nil {
				if a == nil {
					t.Fatal("Load returned neither an assessment nor an error")
				}
				continue
			}
			var de *DiagError
			if !errors.As(err, &de) {
				t.Fatalf("Load: %T %v, want a *DiagError", err, err)
			}
			if !de.Diags.HasErrors() {
				t.Fatal("DiagError without an error diagnostic")
			}
			_ = de.Error()
			if err := de.WriteText(io.Discard, 80, true); err != nil {
				t.Fatal(err)
			}
		}
	})
}
