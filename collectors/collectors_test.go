package collectors_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slate-ot/slate/collectors"
	"github.com/slate-ot/slate/evidence"
)

// TestCollectAllUnknownKindStartsNothing: a source of an unknown kind is
// refused before any collector starts, so CollectAll never returns while
// collectors it started are still reading.
func TestCollectAllUnknownKindStartsNothing(t *testing.T) {
	var started atomic.Int32
	r := collectors.Registry{Progress: func(evidence.Source) (func(read, total int64), func()) {
		started.Add(1)
		return func(int64, int64) {}, func() {}
	}}
	sources := []evidence.Source{
		{Kind: "pcap", Name: "span", Dir: t.TempDir()},
		{Kind: "pcap", Name: "span2", Dir: t.TempDir()},
		{Kind: "historian", Name: "pi"},
	}
	_, err := r.CollectAll(context.Background(), sources)
	if err == nil || !strings.Contains(err.Error(), `unknown kind "historian"`) {
		t.Fatalf("err = %v, want the unknown kind named", err)
	}
	// A collector started before the refusal would still be starting
	// now: give it time to show up.
	deadline := time.Now().Add(200 * time.Millisecond)
	for time.Now().Before(deadline) && started.Load() == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	if n := started.Load(); n != 0 {
		t.Errorf("%d collector(s) started before the unknown kind was refused", n)
	}
}
