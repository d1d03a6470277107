package assets_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/slate-ot/slate/collectors/assets"
)

// BenchmarkCollectCSV reads a 50,000-row export: the rate at which a site's
// inventory is read, and (with -benchmem) what a row costs.
func BenchmarkCollectCSV(b *testing.B) {
	const rows = 50_000
	dir := b.TempDir()
	path := filepath.Join(dir, "big.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "Hostname,IP Address,MAC Address,Vendor,Model,Firmware,Zone,Last Patched,Notes")
	for i := range rows {
		fmt.Fprintf(w, "host-%05d,10.%d.%d.%d/24,00:1d:9c:%02x:%02x:%02x,Siemens,S7-1500,V2.9.%d,Cell 1,2024-03-%02d,\"rack %d, slot %d\"\n",
			i, i>>16&255, i>>8&255, i&255, i>>16&255, i>>8&255, i&255, i%10, i%28+1, i%40, i%8)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	src := newSource(dir, []string{path}, nil)
	c := assets.New()
	for b.Loop() {
		doc, err := c.Collect(context.Background(), src)
		if err != nil {
			b.Fatal(err)
		}
		if doc.Provenance.RecordsRead != rows {
			b.Fatalf("read %d rows, want %d", doc.Provenance.RecordsRead, rows)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
