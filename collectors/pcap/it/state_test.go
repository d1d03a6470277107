package it

import (
	"sync"
	"testing"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// TestFlowStateBounded checks that per-flow state stays bounded however
// many flows there are, and is safe for parallel workers.
func TestFlowStateBounded(t *testing.T) {
	var s flowState[telnetState]
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 3 * maxFlowStates {
				rec := dissect.NewRecorder(nil)
				st := s.get(rec)
				st.want = w + i
				// The same state comes back unless another goroutine
				// just reset the table.
				_ = s.get(rec)
				if i%7 == 0 {
					s.drop(rec)
				}
			}
		})
	}
	wg.Wait()
	if len(s.m) > maxFlowStates {
		t.Fatalf("%d states kept, bound is %d", len(s.m), maxFlowStates)
	}
}
