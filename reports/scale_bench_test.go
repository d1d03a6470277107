package reports

import (
	"flag"
	"io"
	"testing"

	"github.com/slate-ot/slate/reports/reporttest"
)

var benchGaps = flag.Int("reports.gaps", 1_000_000, "gaps in the scorecard of BenchmarkWriteManyGaps")

// BenchmarkWriteManyGaps writes the example site's scorecard grown to
// -reports.gaps gaps (a million by default) in every machine-read format,
// to io.Discard, and reports each writer's allocations and its peak heap
// above the scorecard's own (docs/performance.md). Run with -benchtime 1x.
//
//	go test -run '^$' -bench WriteManyGaps -benchtime 1x ./reports
func BenchmarkWriteManyGaps(b *testing.B) {
	sc := reporttest.ManyGaps(reporttest.Load(b, reporttest.Example), *benchGaps)
	for _, name := range []string{"json", "junit", "oscal", "sarif"} {
		f, err := Lookup(name)
		if err != nil {
			b.Fatal(err)
		}
		for _, out := range f.Outputs(Options{}) {
			b.Run(out.File, func(b *testing.B) {
				for b.Loop() {
					reporttest.Measure(b, func() error { return out.Write(io.Discard, sc) })
				}
			})
		}
	}
}
