package kev_test

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slate-ot/slate/collectors/collectortest"
	"github.com/slate-ot/slate/collectors/kev"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/advisory"
)

func TestCatalog(t *testing.T) {
	dir, _ := filepath.Abs("../../testdata/advisories")
	file := filepath.Join(dir, "kev", "known_exploited_vulnerabilities.json")
	doc, err := kev.New().Collect(context.Background(), evidence.Source{Kind: kev.Kind, Name: "cisa", Dir: dir, Files: []string{file}})
	if err != nil {
		t.Fatal(err)
	}
	var data advisory.KEVData
	if err := json.Unmarshal(doc.Data, &data); err != nil {
		t.Fatal(err)
	}
	if data.Version != "2025.08.25" || len(data.Vulnerabilities) != 1404 || doc.Provenance.Files[0].Path != "kev/known_exploited_vulnerabilities.json" {
		t.Fatalf("%s, %d entries, %+v", data.Version, len(data.Vulnerabilities), doc.Provenance.Files)
	}
}

func TestBad(t *testing.T) {
	dir, _ := filepath.Abs("testdata")
	_, err := kev.New().Collect(context.Background(), evidence.Source{Kind: kev.Kind, Name: "x", Dir: dir,
		Files: []string{filepath.Join(dir, "bad.json"), filepath.Join(dir, "missing.json")}})
	many, ok := errors.AsType[*evidence.InputErrors](err)
	if !ok || len(many.Errs) != 2 || !strings.Contains(err.Error(), "bad.json: not a CISA KEV catalog") {
		t.Fatalf("%v", err)
	}
}

func TestConformance(t *testing.T) {
	dir, _ := filepath.Abs("../../testdata/advisories")
	bad, _ := filepath.Abs("testdata/bad.json")
	good := filepath.Join(dir, "kev", "known_exploited_vulnerabilities.json")
	collectortest.Conformance(t, kev.New(), collectortest.Case{
		Good: evidence.Source{Kind: kev.Kind, Name: "cisa", Dir: dir, Files: []string{good}},
		Bad:  evidence.Source{Kind: kev.Kind, Name: "cisa", Dir: dir, Files: []string{good, bad}},
	})
}
