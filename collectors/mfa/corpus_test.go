package mfa_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusDir holds the public identity exports of the corpus (Microsoft
// Graph docs, CISA ScubaGear, Okta's API specification and others; sources
// and licences in testdata/NOTICE.md), committed so that a clone runs
// this test as it is.
const corpusDir = "testdata/corpus"

// TestCorpus reads every file of the corpus on its own and checks what
// each must yield.
func TestCorpus(t *testing.T) {
	dir := abs(t, corpusDir)
	var files []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".json") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 15 {
		t.Fatalf("%d corpus files under %s, want the 15 of testdata/NOTICE.md", len(files), dir)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			_, data, err := collect(t, newSource(dir, []string{f}, nil))
			if err != nil {
				t.Fatal(err)
			}
			if len(data.Files) != 1 || data.Files[0].Records == 0 {
				t.Fatalf("files %+v: want one file with records", data.Files)
			}
			in := data.Files[0]
			switch {
			case strings.HasPrefix(name, "capolicy_"):
				if in.Encoding != "utf-16le" || len(data.Policies) != 1 {
					t.Errorf("encoding %q, %d policies; want utf-16le and 1", in.Encoding, len(data.Policies))
				}
			case strings.HasPrefix(name, "okta_"):
				if in.Format != "okta" {
					t.Errorf("format %q, want okta", in.Format)
				}
			default:
				if in.Format != "entra" {
					t.Errorf("format %q, want entra", in.Format)
				}
			}
		})
	}
}
