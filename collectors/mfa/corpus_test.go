package mfa_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedCorpus is the developer corpus next to the repository; its
// permissively licensed files are also copied to testdata/corpus.
const sharedCorpus = "../../../shared/corpus/mfa"

// TestSharedCorpus reads every file of the shared corpus on its own and
// checks what each must yield.
func TestSharedCorpus(t *testing.T) {
	dir := abs(t, sharedCorpus)
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		t.Skipf("no shared corpus at %s", dir)
	}
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
	if len(files) == 0 {
		t.Skip("shared corpus has no mfa files")
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
