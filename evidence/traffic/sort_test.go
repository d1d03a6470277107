package traffic

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortFlows holds SortFlows to a stable sort by id, for ids of
// FlowID's form (sorted as numbers) and of any other (as strings), with
// repeated ids keeping their order.
func TestSortFlows(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	flowID := func() string { return fmt.Sprintf("flow:%016x", rng.Uint64()>>(rng.IntN(4)*16)) }
	for _, tc := range []struct {
		name string
		id   func(i int) string
		n    int
	}{
		{"empty", nil, 0},
		{"one", func(int) string { return "flow:0000000000000001" }, 1},
		{"flow ids", func(int) string { return flowID() }, 5000},
		{"flow ids repeated", func(i int) string { return fmt.Sprintf("flow:%016x", i%7) }, 300},
		{"upper-case hex", func(i int) string { return fmt.Sprintf("flow:%016X", rng.Uint64()) }, 300},
		{"one id of another form", func(i int) string {
			if i == 150 {
				return "zeek:Cx1"
			}
			return flowID()
		}, 300},
		{"short and long ids", func(i int) string { return fmt.Sprintf("flow:%x", rng.Uint64()>>(rng.IntN(64))) }, 300},
		{"already sorted", func(i int) string { return fmt.Sprintf("flow:%016x", i) }, 300},
		{"reversed", func(i int) string { return fmt.Sprintf("flow:%016x", 1000-i) }, 300},
		{"empty ids", func(i int) string { return []string{"", "flow:0000000000000001", ""}[i%3] }, 30},
	} {
		t.Run(tc.name, func(t *testing.T) {
			flows := make([]Flow, tc.n)
			for i := range flows {
				flows[i].ID = tc.id(i)
				flows[i].PacketsToSrv = int64(i) // which flow it was
			}
			want := slices.Clone(flows)
			slices.SortStableFunc(want, func(a, b Flow) int { return cmp.Compare(a.ID, b.ID) })
			SortFlows(flows)
			for i := range flows {
				if flows[i].ID != want[i].ID || flows[i].PacketsToSrv != want[i].PacketsToSrv {
					t.Fatalf("flow %d: %s (#%d), want %s (#%d)", i, flows[i].ID, flows[i].PacketsToSrv, want[i].ID, want[i].PacketsToSrv)
				}
			}
		})
	}
}

// BenchmarkSortFlows sorts a million flows by their FlowID ids.
func BenchmarkSortFlows(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	src := make([]Flow, 1_000_000)
	for i := range src {
		src[i].ID = fmt.Sprintf("flow:%016x", rng.Uint64())
	}
	flows := make([]Flow, len(src))
	for b.Loop() {
		copy(flows, src)
		SortFlows(flows)
	}
}
