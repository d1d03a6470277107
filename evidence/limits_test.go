package evidence_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slate-ot/slate/evidence"
)

func TestReadLimited(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cfg.txt")
	if err := os.WriteFile(path, []byte(strings.Repeat("x", 3<<20)), 0o644); err != nil {
		t.Fatal(err)
	}
	f, raw, err := evidence.ReadLimited(dir, path, 4<<20)
	if err != nil || len(raw) != 3<<20 || f.Size != 3<<20 || f.Path != "cfg.txt" || len(f.SHA256) != 64 {
		t.Fatalf("within the limit: %+v, %d bytes, %v", f, len(raw), err)
	}
	hashed, err := evidence.HashFile(dir, path)
	if err != nil || hashed != f {
		t.Errorf("described as %+v, HashFile says %+v (%v)", f, hashed, err)
	}
	_, raw, err = evidence.ReadLimited(dir, path, 2<<20)
	var tl *evidence.FileTooLargeError
	if !errors.As(err, &tl) || raw != nil || !strings.Contains(err.Error(), "over the 2 MiB") || !strings.Contains(err.Error(), "max_file_mib") {
		t.Errorf("over the limit: %v", err)
	}
	if _, _, err := evidence.ReadLimited(dir, dir, 1<<20); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("a directory: %v", err)
	}
}

func TestFileLimit(t *testing.T) {
	for _, tc := range []struct {
		opts map[string]any
		want int64
		err  string
	}{
		{nil, 64 << 20, ""},
		{map[string]any{"max_file_mib": 512}, 512 << 20, ""},
		{map[string]any{"max_file_mib": json.Number("2")}, 2 << 20, ""},
		{map[string]any{"max_file_mib": 0}, 0, "at least 1"},
		{map[string]any{"max_file_mib": 1.5}, 0, "whole number"},
		{map[string]any{"max_file_mib": "big"}, 0, "must be a number"},
	} {
		got, err := evidence.FileLimit(evidence.Source{Options: tc.opts}, 64)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%v: %v, want an error containing %q", tc.opts, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%v: %d, %v; want %d", tc.opts, got, err, tc.want)
		}
	}
}
