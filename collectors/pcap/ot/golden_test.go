package ot

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slate-ot/slate/collectors/collectortest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/corpus")

// TestGolden dissects every corpus capture and compares the facts, merged
// per protocol over the capture's flows, with testdata/corpus/<file>.json.
// Run with -update to rewrite them after checking the change is right.
func TestGolden(t *testing.T) {
	ents, err := os.ReadDir(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if ext := filepath.Ext(e.Name()); ext != ".pcap" && ext != ".pcapng" {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			facts, _ := corpusFacts(t, e.Name())
			golden := filepath.Join("testdata", "corpus", strings.TrimSuffix(e.Name(), filepath.Ext(e.Name()))+".json")
			collectortest.GoldenJSON(t, golden, facts, *update)
		})
	}
}
