package reports

import (
	"flag"
	"io"
	"testing"

	"github.com/slate-ot/slate/reports/reporttest"
)

var benchGaps = flag.Int("reports.gaps", 1_000_000, "gaps in the scorecard of BenchmarkWriteManyGaps")

// BenchmarkWriteManyGaps writes the example site's scorecard grown to
// -reports.gaps gaps (a million by default) in every format, to a writer that counts and drops the bytes: the time (ns/op) with the
// garbage collector as it is, then, in a second run, each writer's
// allocations and its peak heap above the scorecard's own, sampled with
// GOGC=10 (docs/performance.md). Run with -benchtime 1x.
//
//	go test -run '^$' -bench WriteManyGaps -benchtime 1x ./reports
func BenchmarkWriteManyGaps(b *testing.B) {
	sc := reporttest.ManyGaps(reporttest.Load(b, reporttest.Example), *benchGaps)
	for _, name := range []string{"html", "json", "junit", "md", "oscal", "sarif", "xlsx"} {
		f, err := Lookup(name)
		if err != nil {
			b.Fatal(err)
		}
		for _, out := range f.Outputs(Options{}) {
			b.Run(out.File, func(b *testing.B) {
				var n counter
				for b.Loop() {
					n = 0
					if err := out.Write(&n, sc); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(n)/1e6, "MB-written")
				reporttest.Measure(b, func() error { return out.Write(io.Discard, sc) })
			})
		}
	}
}

// counter counts the bytes written to it.
type counter int64

func (c *counter) Write(p []byte) (int, error) {
	*c += counter(len(p))
	return len(p), nil
}
