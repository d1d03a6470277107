package policies_test

import (
	"context"
	"testing"

	"github.com/slate-ot/slate/engine"
)

// TestRego runs every _test.rego of the library through OPA's tester, with
// the same strict compiler and capabilities the engine evaluates with, and
// keeps the library's line coverage from falling.
func TestRego(t *testing.T) {
	rep, err := engine.TestPolicies(context.Background(), true, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Failures {
		t.Error(f)
	}
	if rep.Passed+rep.Failed == 0 {
		t.Fatal("no Rego tests ran")
	}
	t.Logf("%d Rego tests, %.1f%% line coverage", rep.Passed+rep.Failed, rep.Coverage)
	if rep.Coverage < 80 {
		t.Errorf("line coverage %.1f%% is below 80%%", rep.Coverage)
	}
}
