package attestation_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/slate-ot/slate/collectors/attestation"
	"github.com/slate-ot/slate/evidence"
)

// zones are the zones of the test assessment.
var zones = []evidence.Zone{{Name: "cell"}, {Name: "control"}, {Name: "dmz"}}

func newSource(dir string, files []string) evidence.Source {
	return evidence.Source{Kind: attestation.Kind, Name: "site", Dir: dir, Files: files, Zones: zones}
}

// collect runs the collector and decodes the document's data.
func collect(t *testing.T, src evidence.Source) (evidence.Document, []evidence.Attestation, error) {
	t.Helper()
	doc, err := attestation.New().Collect(context.Background(), src)
	if err != nil {
		return doc, nil, err
	}
	var data evidence.AttestationData
	if err := json.Unmarshal(doc.Data, &data); err != nil {
		t.Fatalf("decode data: %v", err)
	}
	return doc, data.Attestations, nil
}

// writeFiles writes name → content into a new directory and returns it
// with the absolute paths, in the order given.
func writeFiles(t *testing.T, files ...[2]string) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for _, f := range files {
		p := filepath.Join(dir, f[0])
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f[1]), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return dir, paths
}
