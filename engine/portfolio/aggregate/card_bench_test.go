package aggregate

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/slate-ot/slate/engine/portfolio/portfoliotest"
)

// BenchmarkDecodeCard decodes the portfolio's part of a real example
// scorecard and of a synthetic one, as every run read does.
func BenchmarkDecodeCard(b *testing.B) {
	real, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "golden", "examples", "plant-a", "scorecard.json"))
	if err != nil {
		b.Fatal(err)
	}
	synthetic, err := portfoliotest.Scorecard(4, 10, time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)).Encode()
	if err != nil {
		b.Fatal(err)
	}
	for _, in := range []struct {
		name string
		raw  []byte
	}{{"plant-a", real}, {"synthetic", synthetic}} {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.raw)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := decodeCard("scorecard.json", in.raw); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
