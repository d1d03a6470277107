package engine_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/slate-ot/slate/engine"
)

// FuzzExtractSealedAssessment unpacks fuzzed tar archives (gzipped here,
// so that the fuzzer works on the tar) as `slate verify` unpacks a run's
// sealed assessment: no panic, and whatever the archive, nothing is
// written but regular files under the target directory.
func FuzzExtractSealedAssessment(f *testing.F) {
	f.Add(tarOf(f, tar.TypeReg, "assessment.hcl", "evidence/inventory.csv"))
	f.Add(tarOf(f, tar.TypeReg, "../escape.hcl"))
	f.Add(tarOf(f, tar.TypeReg, "/abs.hcl"))
	f.Add(tarOf(f, tar.TypeSymlink, "link"))
	f.Add(tarOf(f, tar.TypeReg, "a", "a"))
	f.Fuzz(func(t *testing.T, tarball []byte) {
		var zb bytes.Buffer
		zw := gzip.NewWriter(&zb)
		_, _ = zw.Write(tarball)
		_ = zw.Close()
		root := t.TempDir()
		dir := filepath.Join(root, "run", "assessment")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		_ = engine.ExtractSealedAssessment(engine.SealedAssessmentFile, zb.Bytes(), dir)
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			switch {
			case d.IsDir() && (p == root || p == filepath.Dir(dir)):
			case rel == ".." || len(rel) > 2 && rel[:3] == ".."+string(filepath.Separator):
				t.Errorf("%s was written outside %s", p, dir)
			case !d.IsDir() && !d.Type().IsRegular():
				t.Errorf("%s is not a regular file", p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// tarOf is a tar of entries of one type, each holding its own name.
func tarOf(f *testing.F, typ byte, names ...string) []byte {
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	for _, n := range names {
		h := &tar.Header{Name: n, Typeflag: typ, Mode: 0o644}
		if typ == tar.TypeReg {
			h.Size = int64(len(n))
		} else {
			h.Linkname = "../../etc/passwd"
		}
		if err := tw.WriteHeader(h); err != nil {
			f.Fatal(err)
		}
		if typ == tar.TypeReg {
			_, _ = tw.Write([]byte(n))
		}
	}
	if err := tw.Close(); err != nil {
		f.Fatal(err)
	}
	return b.Bytes()
}
