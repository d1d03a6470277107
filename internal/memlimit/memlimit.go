// Package memlimit bounds the garbage collector's headroom for a process
// whose live heap can be large (slate's evaluation of a site with a
// million flows holds 2 GB live).
//
// Go's collector lets the heap grow to twice what is live (GOGC=100)
// before it collects. For a small heap that is nothing, and it keeps the
// collector's share of CPU low; for 2 GB live it is 2 GB more resident
// memory, most of the peak. Govern keeps GOGC's behaviour while the heap is
// under 1 GiB live and, above that, caps the heap at 1 GiB, or a fixed
// fraction when that is more, above what was live at the last collection,
// through the runtime's soft memory limit, updated after every
// collection. The cost is more collections of a large heap, and only then.
//
// It imports nothing of the project.
package memlimit

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// Least is the least headroom Govern leaves above the live heap: 1 GiB.
// Below 1 GiB live, GOGC's own goal (twice what is live) is lower than
// that, and the heap is collected as GOGC says. Each collection of a large
// heap marks all of it (a million flows' converted input is about 0.7 GB
// of pointers), so the headroom decides how often that is paid: at a
// million flows, 1 GiB instead of 35 % halves the collections while the
// checks run (docs/performance.md).
const Least = 1 << 30

// Headroom is how far above the live heap of the last collection Govern
// lets the heap grow once that is more than Least: 35 %, as GOGC=35 would
// (GOGC=100 is the whole of it).
const Headroom = 0.35

// slack is memory the runtime holds besides the heap's objects (stacks,
// its own metadata), which the limit counts too.
const slack = 64 << 20

// Govern sets the soft memory limit after every collection to the live
// heap plus the larger of Least and Headroom of it, until stop is called,
// which restores the limit that was set before. A process run with GOGC or
// GOMEMLIMIT in its environment is left as they say: Govern does nothing.
func Govern() (stop func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	before := debug.SetMemoryLimit(-1)
	var stopped atomic.Bool
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	update := func() {
		metrics.Read(sample)
		live := int64(0)
		if sample[0].Value.Kind() == metrics.KindUint64 {
			live = int64(min(sample[0].Value.Uint64(), math.MaxInt64/2))
		}
		debug.SetMemoryLimit(Limit(live))
	}
	update()
	arm(func() bool {
		if stopped.Load() {
			return false
		}
		update()
		return true
	})
	return func() {
		stopped.Store(true)
		debug.SetMemoryLimit(before)
	}
}

// Limit is the memory limit for a live heap of live bytes.
func Limit(live int64) int64 {
	return live + max(Least, int64(float64(live)*Headroom)) + slack
}

// arm calls f after the next collection, and after each one that follows
// for as long as f returns true: a finalizer runs once the collection that
// found its object unreachable is done.
func arm(f func() bool) {
	s := new(sentinel)
	runtime.SetFinalizer(s, func(*sentinel) {
		if f() {
			arm(f)
		}
	})
}

// sentinel is an object of its own allocation (not a tiny one sharing a
// block, whose finalizer might never run).
type sentinel struct{ _ [16]byte }
