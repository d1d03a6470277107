package examples_test

import (
	"context"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/slate-ot/slate/collectors"
	"github.com/slate-ot/slate/engine"
)

// readmeRef is a finding the example's README names: a rule id and a
// subject, as in "→ SLATE-CFG-001 device:sw-ctl-01".
var readmeRef = regexp.MustCompile(`\b(SLATE-[A-Z]+-\d{3}|SLATE-ATTESTED) ([a-z]+:[^\s;,)` + "`" + `]+)`)

// TestPlantAReadme holds examples/plant-a/README.md to the findings: every
// finding its list names (rule and subject) is one the assessment makes,
// and every finding the assessment makes is named there. A reader of the
// README sees exactly what slate finds.
func TestPlantAReadme(t *testing.T) {
	raw, err := os.ReadFile("plant-a/README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, list, ok := strings.Cut(string(raw), "## The problems it is meant to show")
	if !ok {
		t.Fatal("README.md has no section \"The problems it is meant to show\"")
	}
	named := map[string]bool{}
	for _, m := range readmeRef.FindAllStringSubmatch(list, -1) {
		named[m[1]+" "+m[2]] = true
	}
	if len(named) < 10 {
		t.Fatalf("README.md names %d findings; the test reads \"RULE subject\" pairs like \"SLATE-CFG-001 device:sw-ctl-01\"", len(named))
	}
	res, err := engine.Assess(context.Background(), "plant-a", collectors.Default, engine.Options{Getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, g := range res.Scorecard.Gaps {
		found[g.Rule+" "+g.Subject] = true
	}
	for _, k := range slices.Sorted(maps.Keys(named)) {
		if !found[k] {
			t.Errorf("README.md names %s, which the assessment does not find", k)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(found)) {
		if !named[k] {
			t.Errorf("the assessment finds %s, which README.md does not name", k)
		}
	}
}
