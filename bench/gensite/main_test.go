package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/slate-ot/slate/internal/benchsite"
)

// TestDeterministic: the same size gives the same files, byte for byte,
// and as much as was asked for.
func TestDeterministic(t *testing.T) {
	size := benchsite.Size{Assets: 500, Flows: 3000, Devices: 6, Users: 120}
	dirs := []string{t.TempDir(), t.TempDir()}
	var st []stats
	for _, dir := range dirs {
		s, err := generate(dir, size)
		if err != nil {
			t.Fatal(err)
		}
		st = append(st, s)
	}
	if st[0] != st[1] {
		t.Errorf("stats differ: %v, %v", st[0], st[1])
	}
	if s := st[0]; s.rows != size.Assets || s.csvRows == 0 || s.xlsxRows == 0 || s.flows != size.Flows || s.configs != size.Devices || s.users != size.Users {
		t.Errorf("wrote %v for %v", s, size)
	}
	n := 0
	err := filepath.WalkDir(dirs[0], func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dirs[0], path)
		a, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(filepath.Join(dirs[1], rel))
		if err != nil {
			return err
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs", rel)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// assessment.hcl, four per-kind files, the CSV, six registers, the
	// configurations, the identities and four captures.
	if want := 5 + 1 + 6 + size.Devices + 1 + 4; n != want {
		t.Errorf("%d files, want %d", n, want)
	}
}
