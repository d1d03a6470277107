package zeek_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/slate-ot/slate/collectors/zeek"
	"github.com/slate-ot/slate/evidence"
)

// BenchmarkCollect reads the log tree named by ZEEK_BENCH_DIR (for
// instance bench/zeekgen's output, see bench/zeek.sh) with the
// collector alone, without the CLI's bundle writing.
func BenchmarkCollect(b *testing.B) {
	dir := os.Getenv("ZEEK_BENCH_DIR")
	if dir == "" {
		b.Skip("ZEEK_BENCH_DIR is not set")
	}
	var files []string
	var size int64
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) != ".hcl" {
			files = append(files, p)
			if fi, err := d.Info(); err == nil {
				size += fi.Size()
			}
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	defer zeek.SetScribble(zeek.SetScribble(false)) // the collector as it runs
	for b.Loop() {
		doc, err := zeek.New().Collect(context.Background(), evidence.Source{Kind: "zeek", Name: "b", Dir: dir, Files: files})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(doc.Provenance.RecordsRead), "records")
	}
}
