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
	rep, err := engine.RunRegoTests(context.Background(), true, nil)
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

// TestMappingsJustified: every built-in check says why its findings fail
// what they fail — per finding kind, or for the whole check — citing the
// clauses, so that docs/mapping.md and `slate policy doc` have no blank
// row an assessor would have to take on trust.
func TestMappingsJustified(t *testing.T) {
	ps, err := engine.LoadPolicies(".", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range ps.Rules {
		if len(r.Kinds) == 0 && r.Why == "" {
			t.Errorf("%s (%s): no custom.why and no custom.findings", r.ID, r.File)
		}
		for _, k := range r.Kinds {
			if k.Why == "" {
				t.Errorf("%s kind %s: no why", r.ID, k.Kind)
			}
		}
	}
}
