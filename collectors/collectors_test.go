package collectors_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
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

// TestCollectAllProgress: every source's collector gets the registry's
// progress callback through collectors.Config, and done is called for
// each when it returns. The pcap collector reports its bytes, ending at
// the total; the asset collector, whose inputs are small, reports none.
func TestCollectAllProgress(t *testing.T) {
	dir, err := filepath.Abs("../examples/plant-a")
	if err != nil {
		t.Fatal(err)
	}
	type calls struct {
		updates    int
		read, last int64
		done       bool
	}
	var mu sync.Mutex
	got := map[string]*calls{}
	r := collectors.Registry{Progress: func(src evidence.Source) (func(read, total int64), func()) {
		c := &calls{}
		mu.Lock()
		got[src.Name] = c
		mu.Unlock()
		return func(read, total int64) {
				c.updates++
				c.read, c.last = read, total
			}, func() {
				c.done = true
			}
	}}
	sources := []evidence.Source{
		{Kind: "assets", Name: "inventory", Dir: dir, Files: []string{filepath.Join(dir, "evidence/inventory.csv")}},
		{Kind: "pcap", Name: "span", Dir: dir, Files: []string{filepath.Join(dir, "evidence/span-control-cell.pcap")}},
	}
	if _, err := r.CollectAll(context.Background(), sources); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(sources[1].Files[0])
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]calls{
		"inventory": {done: true},
		"span":      {read: info.Size(), last: info.Size(), done: true},
	}
	for name, w := range want {
		c := got[name]
		if c == nil {
			t.Errorf("%s: no progress callback asked for", name)
			continue
		}
		if name == "span" && c.updates == 0 {
			t.Errorf("%s: no progress reported", name)
		}
		c.updates = 0
		if *c != w {
			t.Errorf("%s: progress %+v, want %+v", name, *c, w)
		}
	}
}
