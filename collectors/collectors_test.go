package collectors_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

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
	if n := started.Load(); n != 0 {
		t.Errorf("%d collector(s) started before the unknown kind was refused", n)
	}
}
