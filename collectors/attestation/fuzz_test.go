package attestation_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/slate-ot/slate/collectors/attestation"
	"github.com/slate-ot/slate/evidence"
)

// fuzzCollect collects data written to name in dir: whatever it holds, the
// collector returns a well-formed document or an error that unwraps to an
// *evidence.InputError for that file, and never panics.
func fuzzCollect(t *testing.T, dir, name string, data []byte) {
	path := filepath.Join(dir, name)
	rewrite(t, path, data)
	doc, err := attestation.New().Collect(context.Background(), newSource(dir, []string{path}))
	if err != nil {
		var ie *evidence.InputError
		if !errors.As(err, &ie) || ie.Path != name {
			t.Fatalf("error %v (%T) is not an InputError for %s", err, err, name)
		}
		return
	}
	var d evidence.AttestationData
	if err := json.Unmarshal(doc.Data, &d); err != nil {
		t.Fatalf("data does not decode: %v", err)
	}
	seen := map[string]bool{}
	for _, a := range d.Attestations {
		if seen[a.ID] {
			t.Fatalf("id %q twice", a.ID)
		}
		seen[a.ID] = true
		if a.Requirement == "" || a.Verdict == "" || a.Date == "" || !(a.Expires > a.Date) || a.Zones == nil {
			t.Fatalf("attestation %+v is not complete", a)
		}
		if (a.Scope == evidence.ScopeSite) != (len(a.Zones) == 0) || (a.Scope != evidence.ScopeSite && a.Scope != evidence.ScopeZones) {
			t.Fatalf("attestation %+v: scope %q with zones %v", a, a.Scope, a.Zones)
		}
	}
}

// rewrite replaces the content of path in place: truncating to zero and
// writing again frees and reallocates the file's blocks on every input,
// which is slow on file systems mounted with discard.
func rewrite(t *testing.T, path string, data []byte) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(data, 0); err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(int64(len(data))); err != nil {
		t.Fatal(err)
	}
}

func seedFiles(f *testing.F, pattern string) {
	files, err := filepath.Glob(pattern)
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range files {
		raw, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
}

func FuzzHCL(f *testing.F) {
	seedFiles(f, "testdata/site/*.hcl")
	seedFiles(f, "testdata/errors/*.hcl")
	f.Add([]byte(block("x", `requirements = ["SR 1.1", "PE-3"]`, `zones = ["cell"]`)))
	f.Add([]byte(block("y", `zones = ["cell"]`, `scope = "site"`)))
	f.Add([]byte(`attestation "a" { requirement = "SR 1.1" verdict = "pass" }`))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzCollect(t, dir, "in.hcl", data)
	})
}

func FuzzCSV(f *testing.F) {
	seedFiles(f, "testdata/site/*.csv")
	f.Add([]byte(csvHeader + "PE-3,,site,pass,e,photo,a,2026-10-02,2027-10-02,,,,\n"))
	f.Add([]byte(csvHeader + "SR 1.1,\"cell;dmz\",,fail,e,document,a,2026-10-02,2027-10-02,n,high,OT,r\n"))
	f.Add([]byte("requirement\tverdict\tevidence\tattested_by\tdate\texpires\nPE-3\tpass\t\"a\"\"b\"\tx\t2026-10-02\t2027-10-02\n"))
	f.Add([]byte(utf16LE("requirement;verdict\r\nSR 1.1;pass\r\n")))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzCollect(t, dir, "in.csv", data)
	})
}
