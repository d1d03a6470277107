package verify_test

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/slate-ot/slate/collectors"
	"github.com/slate-ot/slate/engine"
	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/engine/verify"
	"github.com/slate-ot/slate/evidence/attest"
	"github.com/slate-ot/slate/reports"
)

const site = "../../examples/plant-a"

var quiet = engine.Options{Getenv: func(string) string { return "" }}

// formats are the reports the tests sign besides the scorecard.
var formats = []string{"json", "md"}

// tableReports are the report formats of the reports table.
func tableReports() []verify.Report {
	var out []verify.Report
	for _, name := range reports.Names() {
		f, err := reports.Lookup(name)
		if err != nil {
			continue
		}
		out = append(out, verify.Report{File: f.File, Render: func(sc *scorecard.Scorecard) ([]byte, error) {
			var b bytes.Buffer
			err := f.Write(&b, sc)
			return b.Bytes(), err
		}})
	}
	return out
}

// signedRun assesses the example site into a new directory and signs it as
// `slate assess` then `slate sign` would; it returns the directory and the
// public key.
func signedRun(t *testing.T) (string, []byte) {
	t.Helper()
	res, err := engine.Assess(context.Background(), site, collectors.Default, quiet)
	if err != nil {
		t.Fatal(err)
	}
	files, err := reports.Render(res.Scorecard, formats)
	if err != nil {
		t.Fatal(err)
	}
	if files[attest.BundleFile], err = res.BundleJSON(); err != nil {
		t.Fatal(err)
	}
	sealed, err := engine.Seal(res)
	if err != nil {
		t.Fatal(err)
	}
	maps.Copy(files, sealed)
	if files[attest.ManifestFile], err = attest.NewManifest(files); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := reports.WriteFiles(dir, files); err != nil {
		t.Fatal(err)
	}
	priv, pub, err := attest.GenerateKeyPair([]byte("pw"))
	if err != nil {
		t.Fatal(err)
	}
	signer, err := attest.LoadPrivateKey(priv, []byte("pw"))
	if err != nil {
		t.Fatal(err)
	}
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range files {
			if !yield(n) {
				return
			}
		}
	})
	signed, err := attest.Sign(dir, names, signer)
	if err != nil {
		t.Fatal(err)
	}
	if err := reports.WriteFiles(dir, signed.Files); err != nil {
		t.Fatal(err)
	}
	return dir, pub
}

// TestDir: a signed run verifies and reproduces; a changed file, a report
// that no longer comes out as signed, an unsigned report among signed
// ones and another key are verification failures (*verify.Error, naming
// the file); an assessment that does not load is an error of another
// kind, which says nothing about the directory.
func TestDir(t *testing.T) {
	dir, pub := signedRun(t)
	_, otherPub, err := attest.GenerateKeyPair([]byte("pw"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		// change alters a copy of the signed directory, or the options.
		change  func(t *testing.T, dir string, opts *verify.Options)
		key     []byte
		wantErr string // "" for success
		verify  bool   // the error is a *verify.Error
	}{
		{name: "signed and reproduced from the sealed files"},
		{name: "signed and reproduced with the assessment given", change: func(_ *testing.T, _ string, opts *verify.Options) {
			opts.Assessment = site
		}},
		{name: "sealed policies replaced", change: func(t *testing.T, dir string, _ *verify.Options) {
			if err := os.WriteFile(filepath.Join(dir, engine.SealedPoliciesFile), []byte("other"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, wantErr: "policies.tar.gz: digest", verify: true},
		{name: "manifest missing", change: func(t *testing.T, dir string, _ *verify.Options) {
			if err := os.Remove(filepath.Join(dir, attest.ManifestFile)); err != nil {
				t.Fatal(err)
			}
		}, wantErr: "manifest.json: read: missing", verify: true},
		{name: "file changed", change: func(t *testing.T, dir string, _ *verify.Options) {
			appendTo(t, filepath.Join(dir, "summary.md"), "\nedited\n")
		}, wantErr: "summary.md: digest", verify: true},
		{name: "report no longer reproduced", change: func(_ *testing.T, _ string, opts *verify.Options) {
			for i, r := range opts.Reports {
				if r.File == "summary.md" {
					opts.Reports[i].Render = func(*scorecard.Scorecard) ([]byte, error) { return []byte("other\n"), nil }
				}
			}
		}, wantErr: "summary.md", verify: true},
		{name: "unsigned report", change: func(t *testing.T, dir string, _ *verify.Options) {
			if err := os.WriteFile(filepath.Join(dir, "results.sarif"), []byte("{}"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, wantErr: "results.sarif", verify: true},
		{name: "another key", key: otherPub, wantErr: "signature", verify: true},
		{name: "assessment missing", change: func(_ *testing.T, dir string, opts *verify.Options) {
			opts.Assessment = filepath.Join(dir, "nowhere")
		}, wantErr: "assessment.hcl"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := copyDir(t, dir)
			opts := verify.Options{Collectors: collectors.Default, Engine: quiet, Reports: tableReports()}
			if tt.change != nil {
				tt.change(t, d, &opts)
			}
			key := pub
			if tt.key != nil {
				key = tt.key
			}
			v, err := attest.LoadPublicKey(key)
			if err != nil {
				t.Fatal(err)
			}
			res, err := verify.Dir(context.Background(), d, v, opts)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				want := []string{"assessment.tar.gz", "bundle.json", "manifest.json", "policies.tar.gz", "scorecard.json", "summary.md"}
				if !slices.Equal(res.Files, want) {
					t.Errorf("verified %q, want %q", res.Files, want)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want one naming %q", err, tt.wantErr)
			}
			if _, ok := errors.AsType[*verify.Error](err); ok != tt.verify {
				t.Errorf("err is a *verify.Error: %v, want %v (%v)", ok, tt.verify, err)
			}
		})
	}
}

func appendTo(t *testing.T, path, s string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(s); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}
