package pcap_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/slate-ot/slate/collectors/pcap"
)

// BenchmarkCollect reads one capture end to end. BENCH_PCAP names another
// file (bench/pcap.sh passes the 1 GB synthetic capture).
func BenchmarkCollect(b *testing.B) {
	path := os.Getenv("BENCH_PCAP")
	if path == "" {
		path, _ = filepath.Abs("testdata/corpus/s7_wincc_s400_production.pcapng")
	}
	st, err := os.Stat(path)
	if err != nil {
		b.Skip(err)
	}
	c := pcap.New()
	src := newSource(filepath.Dir(path), []string{path})
	b.SetBytes(st.Size())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Collect(context.Background(), src); err != nil {
			b.Fatal(err)
		}
	}
}
