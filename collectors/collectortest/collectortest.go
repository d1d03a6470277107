// Package collectortest holds the conformance test every collector passes:
// its output is well formed, reproducible and sorted, its provenance matches
// the files on disk, it honours cancellation, and bad input gives an
// *evidence.InputError that names the file.
//
// It is imported only by tests. From this project it imports only evidence.
package collectortest

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/evidence"
)

// Case is the input of a conformance run.
type Case struct {
	// Good is a source the collector reads without error.
	Good evidence.Source
	// Bad is a source with at least one malformed file.
	Bad evidence.Source
}

// Conformance runs the shared checks on c as subtests of t. c is the
// collectors.Collector interface, spelt out so that this package does not
// import the table of collectors.
func Conformance(t *testing.T, c interface {
	Collect(context.Context, evidence.Source) (evidence.Document, error)
}, tc Case) {
	t.Helper()
	if len(tc.Good.Files) == 0 || len(tc.Bad.Files) == 0 {
		t.Fatal("conformance case needs files in both Good and Bad")
	}
	ctx := context.Background()
	doc, err := c.Collect(ctx, tc.Good)
	if err != nil {
		t.Fatalf("Collect(good): %v", err)
	}
	first, err := evidence.Canonical(doc)
	if err != nil {
		t.Fatalf("Canonical(good document): %v", err)
	}

	t.Run("id", func(t *testing.T) {
		want := tc.Good.Kind + "/" + tc.Good.Name
		if doc.ID != want || doc.Kind != tc.Good.Kind || doc.Source != tc.Good.Name {
			t.Errorf("id, kind, source = %q, %q, %q; want %q, %q, %q",
				doc.ID, doc.Kind, doc.Source, want, tc.Good.Kind, tc.Good.Name)
		}
	})

	t.Run("provenance", func(t *testing.T) {
		p := doc.Provenance
		if p.Collector == "" || p.CollectorVersion == "" {
			t.Errorf("collector %q version %q: both must be set", p.Collector, p.CollectorVersion)
		}
		if p.RecordsRead < 0 || p.RecordsSkipped < 0 || p.RecordsSkipped > p.RecordsRead {
			t.Errorf("records read %d, skipped %d: want 0 <= skipped <= read", p.RecordsRead, p.RecordsSkipped)
		}
		if !slices.IsSortedFunc(p.Files, func(a, b evidence.File) int { return cmp.Compare(a.Path, b.Path) }) {
			t.Errorf("provenance files are not sorted by path")
		}
		listed := map[string]evidence.File{}
		for _, f := range p.Files {
			listed[f.Path] = f
		}
		for _, path := range tc.Good.Files {
			rel := evidence.RelPath(tc.Good.Dir, path)
			f, ok := listed[rel]
			if !ok {
				t.Errorf("input %s is not listed in provenance", rel)
				continue
			}
			if diff := gocmp.Diff(onDisk(t, tc.Good.Dir, path), f); diff != "" {
				t.Errorf("provenance of %s does not match the file (-disk +provenance):\n%s", rel, diff)
			}
		}
		if len(listed) != len(tc.Good.Files) {
			t.Errorf("provenance lists %d files, the source has %d", len(listed), len(tc.Good.Files))
		}
		for _, w := range p.Warnings {
			if _, ok := listed[w.File]; !ok {
				t.Errorf("warning %q names %q, which is not an input", w.String(), w.File)
			}
			if w.Message == "" {
				t.Errorf("warning for %s has no message", w.File)
			}
		}
	})

	t.Run("canonical", func(t *testing.T) {
		var back evidence.Document
		if err := json.Unmarshal(first, &back); err != nil {
			t.Fatalf("decode canonical document: %v", err)
		}
		again, err := evidence.Canonical(back)
		if err != nil {
			t.Fatalf("re-encode: %v", err)
		}
		if !bytes.Equal(first, again) {
			t.Errorf("canonical JSON does not round-trip:\n%s\n%s", first, again)
		}
		data, err := evidence.Canonical(doc.Data)
		if err != nil {
			t.Fatalf("encode data: %v", err)
		}
		if !bytes.Equal(data, doc.Data) {
			t.Errorf("document data is not canonical JSON")
		}
	})

	t.Run("reproducible", func(t *testing.T) {
		doc2, err := c.Collect(ctx, tc.Good)
		if err != nil {
			t.Fatalf("second Collect: %v", err)
		}
		second, err := evidence.Canonical(doc2)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, second) {
			t.Errorf("two runs differ:\n%s", gocmp.Diff(string(first), string(second)))
		}
	})

	t.Run("cancelled", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		_, err := c.Collect(cctx, tc.Good)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Collect with a cancelled context: got %v, want context.Canceled", err)
		}
	})

	t.Run("bad", func(t *testing.T) {
		_, err := c.Collect(ctx, tc.Bad)
		var ie *evidence.InputError
		if !errors.As(err, &ie) {
			t.Fatalf("Collect(bad): got %v (%T), want an *evidence.InputError", err, err)
		}
		if ie.Path == "" {
			t.Errorf("input error %q has no path", err)
		}
		named := slices.ContainsFunc(tc.Bad.Files, func(f string) bool {
			return strings.Contains(err.Error(), filepath.Base(f))
		})
		if !named {
			t.Errorf("input error %q names none of the bad files %v", err, tc.Bad.Files)
		}
	})
}

// onDisk describes path as provenance should.
func onDisk(t *testing.T, dir, path string) evidence.File {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	sum := sha256.Sum256(raw)
	return evidence.File{Path: evidence.RelPath(dir, path), Size: int64(len(raw)), SHA256: hex.EncodeToString(sum[:])}
}
