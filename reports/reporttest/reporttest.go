// Package reporttest holds what the report writers' tests share: the
// example site's scorecard to render, a way to render it, and a scorecard
// of many gaps with a measure of a writer's memory, for the benchmarks.
package reporttest

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/slate-ot/slate/engine/scorecard"
)

// Example is the example site's golden scorecard, found from this file's
// place in the repository, so tests of packages at any depth read it.
// `make update-golden` rewrites it before the report goldens that are
// rendered from it.
var Example = func() string {
	_, here, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(here), "..", "..", "testdata", "golden", "examples", "plant-a", "scorecard.json")
}()

// Load reads and decodes the scorecard at path.
func Load(t testing.TB, path string) *scorecard.Scorecard {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scorecard.Decode(path, raw)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// Render runs a writer on sc and returns what it wrote.
func Render(t testing.TB, write func(io.Writer, *scorecard.Scorecard) error, sc *scorecard.Scorecard) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf, sc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// ManyGaps returns sc with n gaps in place of its own, each a copy of one
// of sc's gaps (in turn) under a new id, listed where the copied one is:
// in the cells of its requirements in its zone and in its root cause. The
// scorecard of a run with n findings, for measuring writers at scale.
// sc must have gaps; its requirements and root causes are changed.
func ManyGaps(sc *scorecard.Scorecard, n int) *scorecard.Scorecard {
	base := sc.Gaps
	type cell struct{ req, zone int }
	cells := map[string][]cell{} // gap id → the cells listing it
	for i, r := range sc.Requirements {
		for j, z := range r.Zones {
			for _, id := range z.Gaps {
				cells[id] = append(cells[id], cell{i, j})
			}
			sc.Requirements[i].Zones[j].Gaps = nil
			sc.Requirements[i].Zones[j].Findings = 0
		}
	}
	causes := map[string]int{} // gap id → its root cause
	for i, rc := range sc.RootCauses {
		for _, id := range rc.Gaps {
			causes[id] = i
		}
		sc.RootCauses[i].Gaps = nil
	}
	sc.Gaps = make([]scorecard.Gap, 0, n)
	for i := range n {
		g := base[i%len(base)]
		from := g.ID
		g.ID = fmt.Sprintf("G-%010x", i)
		sc.Gaps = append(sc.Gaps, g)
		for _, c := range cells[from] {
			z := &sc.Requirements[c.req].Zones[c.zone]
			z.Gaps = append(z.Gaps, g.ID)
			z.Findings++
		}
		if rc, ok := causes[from]; ok {
			sc.RootCauses[rc].Gaps = append(sc.RootCauses[rc].Gaps, g.ID)
		}
	}
	return sc
}

// Measure runs fn once and reports, as metrics of b, the bytes it
// allocated and its peak heap above the live heap before it ran (sampled
// every millisecond with the garbage collector at GOGC=10, so that the
// sample is what was live, within about 10%).
func Measure(b *testing.B, fn func() error) {
	b.Helper()
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(sample)
	before, allocBefore := sample[0].Value.Uint64(), sample[1].Value.Uint64()
	peak := before
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				metrics.Read(s)
				peak = max(peak, s[0].Value.Uint64())
			}
		}
	})
	err := fn()
	close(stop)
	wg.Wait()
	metrics.Read(sample)
	peak = max(peak, sample[0].Value.Uint64())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(sample[1].Value.Uint64()-allocBefore)/1e6, "MB-alloc")
	b.ReportMetric(float64(peak-before)/1e6, "MB-peak-above-live")
	b.ReportMetric(float64(before)/1e6, "MB-live-before")
}

// Random returns a variant of sc (which it changes): random subsets of its
// gaps, requirements, cells, rules, evidence, advisories, countermeasures,
// overrides and waivers, some emptied or nil, and gap text holding what
// JSON and XML escape. For tests that hold a writer to another way of
// writing the same document.
func Random(r *rand.Rand, sc *scorecard.Scorecard) *scorecard.Scorecard {
	texts := []string{"", "plain", `q"uote`, "<&>", "line\nbreak", "tab\there", "\u2028", "é ü", "]]>", "  spaced  "}
	text := func() string { return texts[r.IntN(len(texts))] }
	keep := func(p float64) bool { return r.Float64() < p }
	p := r.Float64()
	sc.Gaps = slices.DeleteFunc(sc.Gaps, func(scorecard.Gap) bool { return !keep(p) })
	for i := range sc.Gaps {
		g := &sc.Gaps[i]
		if keep(0.3) {
			g.Message, g.Remediation, g.Owner = text(), text(), text()
		}
		if keep(0.2) {
			g.Status, g.Waivers = scorecard.GapWaived, []string{text()}
		}
		if keep(0.1) {
			g.Evidence = nil
		}
	}
	if keep(0.1) {
		sc.Gaps = nil
	}
	p = r.Float64()
	sc.Requirements = slices.DeleteFunc(sc.Requirements, func(scorecard.Requirement) bool { return !keep(p) })
	for i := range sc.Requirements {
		sc.Requirements[i].Zones = slices.DeleteFunc(sc.Requirements[i].Zones, func(scorecard.ZoneStatus) bool { return keep(0.2) })
	}
	if keep(0.3) {
		sc.Rules = slices.DeleteFunc(sc.Rules, func(scorecard.RuleSummary) bool { return keep(0.5) })
	}
	for _, list := range []func(){
		func() { sc.Evidence = nil },
		func() { sc.Advisories = nil },
		func() { sc.Countermeasures = nil },
		func() { sc.Overrides = nil },
		func() { sc.Waivers = nil },
		func() { sc.RootCauses = nil },
	} {
		if keep(0.3) {
			list()
		}
	}
	return sc
}
