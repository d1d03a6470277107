package ot

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/corpus")

// TestGolden dissects every corpus capture and compares the facts, merged
// per protocol over the capture's flows, with testdata/corpus/<file>.json.
// Run with -update to rewrite them after checking the change is right.
func TestGolden(t *testing.T) {
	ents, err := os.ReadDir(corpusDir)
	if err != nil {
		t.Skipf("corpus absent: %v", err)
	}
	for _, e := range ents {
		t.Run(e.Name(), func(t *testing.T) {
			facts, _ := corpusFacts(t, e.Name())
			got, err := json.MarshalIndent(facts, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "corpus", strings.TrimSuffix(e.Name(), filepath.Ext(e.Name()))+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(want, got) {
				t.Errorf("%s differs from the dissection; run go test -run TestGolden -update and review the diff\n%s", golden, got)
			}
		})
	}
}
