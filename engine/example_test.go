package engine_test

import (
	"context"
	"fmt"

	"github.com/slate-ot/slate/collectors"
	"github.com/slate-ot/slate/engine"
)

// Assess runs the whole pipeline on a site and returns the scorecard, ready
// to write or to read.
func ExampleAssess() {
	res, err := engine.Assess(context.Background(), "../examples/plant-a", collectors.Default,
		engine.Options{AsOf: "2026-11-01"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, z := range res.Scorecard.Zones {
		fmt.Printf("%s: SL-T %v, SL-A %v\n", z.Name, z.SLTarget, z.SLAchieved)
	}
	// Output:
	// cell: SL-T [2 2 2 2 2 2 2], SL-A [0 0 0 0 0 0 0]
	// control: SL-T [2 2 2 1 3 2 2], SL-A [0 0 0 0 0 0 0]
	// dmz: SL-T [2 2 2 2 2 2 2], SL-A [0 0 0 0 0 1 0]
	// enterprise: SL-T [1 1 1 1 1 1 1], SL-A [0 0 0 0 0 1 0]
}
