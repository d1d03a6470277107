package mfa_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/slate-ot/slate/collectors/mfa"
	"github.com/slate-ot/slate/evidence"
)

func newSource(dir string, files []string, opts map[string]any) evidence.Source {
	return evidence.Source{Kind: mfa.Kind, Name: "idp", Dir: dir, Files: files, Options: opts, FingerprintKey: []byte("0123456789abcdef0123456789abcdef")}
}

func collect(t *testing.T, src evidence.Source) (evidence.Document, mfa.Data, error) {
	t.Helper()
	doc, err := mfa.New().Collect(context.Background(), src)
	if err != nil {
		return doc, mfa.Data{}, err
	}
	var data mfa.Data
	if err := json.Unmarshal(doc.Data, &data); err != nil {
		t.Fatalf("decode data: %v", err)
	}
	return doc, data, nil
}

func abs(t *testing.T, parts ...string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join(parts...))
	if err != nil {
		t.Fatal(err)
	}
	return p
}
