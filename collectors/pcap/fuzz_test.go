package pcap_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slate-ot/slate/collectors/pcap"
	"github.com/slate-ot/slate/evidence"
)

// maxSeed is how much of each corpus capture seeds the fuzzer: its
// header and first packets. Whole captures of tens of kilobytes make
// every execution and, above all, every minimisation of a new input slow.
const maxSeed = 4 << 10

func addCorpusSeeds(f *testing.F) {
	dir, _ := filepath.Abs("testdata/corpus")
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err == nil && !strings.HasSuffix(e.Name(), ".md") {
			f.Add(b[:min(len(b), maxSeed)])
		}
	}
}

// FuzzRead feeds raw bytes to the capture reader: any input gives a
// document or an InputError, never a panic.
func FuzzRead(f *testing.F) {
	addCorpusSeeds(f)
	f.Add([]byte{})
	f.Add([]byte{0xd4, 0xc3, 0xb2, 0xa1})
	f.Add([]byte{0x0a, 0x0d, 0x0d, 0x0a})
	dir := f.TempDir()
	path := filepath.Join(dir, "in.pcap")
	c := pcap.New()
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := c.Collect(context.Background(), newSource(dir, []string{path}))
		var ie *evidence.InputError
		if err != nil && !errors.As(err, &ie) {
			t.Fatalf("error is not an InputError: %v", err)
		}
	})
}
