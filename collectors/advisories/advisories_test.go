package advisories_test

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slate-ot/slate/collectors/advisories"
	"github.com/slate-ot/slate/collectors/collectortest"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/advisory"
)

func corpusFiles(t *testing.T) (string, []string) {
	t.Helper()
	dir, err := filepath.Abs("../../testdata/advisories")
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "cisa_ot", "*", "*.json"))
	if err != nil || len(files) != 30 {
		t.Fatalf("corpus: %d files, %v", len(files), err)
	}
	return dir, files
}

// TestCorpus reads and validates every advisory of the corpus.
func TestCorpus(t *testing.T) {
	dir, files := corpusFiles(t)
	doc, err := advisories.New().Collect(context.Background(), evidence.Source{Kind: advisories.Kind, Name: "cisa", Dir: dir, Files: files})
	if err != nil {
		t.Fatal(err)
	}
	var data advisories.Data
	if err := json.Unmarshal(doc.Data, &data); err != nil {
		t.Fatal(err)
	}
	if len(data.Advisories) != 30 || doc.Provenance.RecordsRead != 30 || len(doc.Provenance.Files) != 30 {
		t.Fatalf("%d advisories, %d files", len(data.Advisories), len(doc.Provenance.Files))
	}
	if !strings.HasPrefix(data.SnapshotDigest, "sha256:") || len(data.SnapshotDigest) != 71 {
		t.Errorf("snapshot digest %q", data.SnapshotDigest)
	}
	for _, a := range data.Advisories {
		if a.SHA256 == "" || !strings.HasPrefix(a.File, "cisa_ot/") {
			t.Errorf("%s: file %q sha256 %q", a.ID, a.File, a.SHA256)
		}
	}
	// The documented problem ranges are warnings that name the file.
	var warned []string
	for _, w := range doc.Provenance.Warnings {
		warned = append(warned, w.String())
	}
	all := strings.Join(warned, "\n")
	for _, want := range []string{"cisa_ot/moxa/icsa-22-333-04.json: ICSA-22-333-04", "serial numbers", "stray word"} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings lack %q:\n%s", want, all)
		}
	}
	// A different snapshot has a different digest.
	doc2, err := advisories.New().Collect(context.Background(), evidence.Source{Kind: advisories.Kind, Name: "cisa", Dir: dir, Files: files[1:]})
	if err != nil {
		t.Fatal(err)
	}
	var data2 advisories.Data
	_ = json.Unmarshal(doc2.Data, &data2)
	if data2.SnapshotDigest == data.SnapshotDigest {
		t.Error("snapshot digest does not depend on the files")
	}
}

// TestBadFiles: a file that is not CSAF, not JSON or not valid is an input
// error naming it, and every bad file is reported at once.
func TestBadFiles(t *testing.T) {
	dir, _ := filepath.Abs("testdata")
	files, _ := filepath.Glob(filepath.Join(dir, "bad", "*.json"))
	_, err := advisories.New().Collect(context.Background(), evidence.Source{Kind: advisories.Kind, Name: "x", Dir: dir, Files: files})
	many, ok := errors.AsType[*evidence.InputErrors](err)
	if !ok || len(many.Errs) != 3 {
		t.Fatalf("want 3 input errors, got %v", err)
	}
	msg := err.Error()
	for _, want := range []string{
		"bad/invalid-schema.json: does not match the CSAF 2.0 schema: /document/tracking: missing property 'id'",
		"/vulnerabilities/0/cve: ",
		"bad/not-csaf.json: not a CSAF 2.0 advisory",
		"bad/truncated.json:2: not JSON",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
}

func TestConformance(t *testing.T) {
	dir, files := corpusFiles(t)
	bad, _ := filepath.Abs("testdata/bad/not-csaf.json")
	collectortest.Conformance(t, advisories.New(), collectortest.Case{
		Good: evidence.Source{Kind: advisories.Kind, Name: "cisa", Dir: dir, Files: files[:6]},
		Bad:  evidence.Source{Kind: advisories.Kind, Name: "cisa", Dir: dir, Files: append(files[:1:1], bad)},
	})
}

// TestVEX reads a csaf_vex document: the profile, the CPE and PURL
// helpers, and a product known not affected.
func TestVEX(t *testing.T) {
	dir, _ := filepath.Abs("testdata")
	doc, err := advisories.New().Collect(context.Background(), evidence.Source{Kind: advisories.Kind, Name: "vex", Dir: dir,
		Files: []string{filepath.Join(dir, "vex.json")}})
	if err != nil {
		t.Fatal(err)
	}
	var data advisories.Data
	if err := json.Unmarshal(doc.Data, &data); err != nil {
		t.Fatal(err)
	}
	a := data.Advisories[0]
	if a.Category != "csaf_vex" || len(a.Products) != 2 || a.Products[1].CPE == "" || len(a.Products[0].PURLs) != 1 {
		t.Fatalf("%+v", a)
	}
	ix := advisory.NewIndex([]advisory.Source{{Advisory: a, Document: doc.ID}}, nil, "2026-11-01")
	res := ix.Match([]advisory.Subject{
		{Ref: "asset:gw-1", CPE: "cpe:2.3:h:example_controls:ex-100_gateway:3.1:*:*:*:*:*:*:*"},
		{Ref: "asset:gw-2", PURL: "pkg:generic/example/ex-100@3.0"},
	})
	var got []string
	for _, m := range res.Matches {
		got = append(got, m.Subject.Ref+" "+m.Status)
	}
	if strings.Join(got, ", ") != "asset:gw-1 not_affected, asset:gw-2 affected" {
		t.Errorf("matches: %v", got)
	}
}
