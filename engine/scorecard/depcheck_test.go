package scorecard_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoParserInScorecard: the scorecard and everything that reads it
// (reports, verification, history) see the assessment as plain data
// (engine/model), never the HCL parser that loads it.
func TestNoParserInScorecard(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not available")
	}
	for _, pkg := range []string{"github.com/slate-ot/slate/engine/scorecard", "github.com/slate-ot/slate/engine/model"} {
		out, err := exec.Command("go", "list", "-deps", pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if strings.HasPrefix(dep, "github.com/hashicorp/hcl") || dep == "github.com/slate-ot/slate/engine/assessment" {
				t.Errorf("%s depends on %s", pkg, dep)
			}
		}
	}
}
