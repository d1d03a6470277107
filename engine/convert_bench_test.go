package engine

import (
	"runtime"
	"runtime/metrics"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/slate-ot/slate/internal/cputime"
)

// BenchmarkConvert times the conversion of a generated site's documents
// to the Rego value of the input, with the indexes (convert-s of
// BenchmarkScale), alone, so that it can be profiled on its own.
// cpu-s/op is the process's CPU time per conversion (the conversion uses
// every core, and on a shared machine its wall time is mostly the load);
// input-MB is the live heap the converted input holds. At full size:
// go test ./engine -run '^$' -bench 'BenchmarkConvert/assets=100000,' -benchtime 3x.
func BenchmarkConvert(b *testing.B) {
	for _, size := range scaleSizes {
		b.Run(size.String(), func(b *testing.B) {
			_, a, bundle := scaleSite(b, size)
			ps, err := LoadPolicies(a.Dir, a.PolicyPaths)
			if err != nil {
				b.Fatal(err)
			}
			kinds := sourceKinds(a)
			before := liveHeap()
			var input ast.Value
			cpu := cputime.Process()
			b.ResetTimer()
			for b.Loop() {
				input = nil
				if input, err = bundleInput(a, bundle, bundle.AsOf, kinds, ps.plan()); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric((cputime.Process()-cpu).Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(liveHeap()-before)/(1<<20), "input-MB")
			runtime.KeepAlive(input)
			runtime.KeepAlive(ps)
			runtime.KeepAlive(bundle)
		})
	}
}

// liveHeap is the heap's live bytes after a collection (two: what the
// first finds unreachable but finalizers or pools hold goes in the
// second).
func liveHeap() int64 {
	runtime.GC()
	runtime.GC()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	return int64(sample[0].Value.Uint64())
}
