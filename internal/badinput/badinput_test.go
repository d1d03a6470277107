package badinput

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the table of cases in docs/limits.md")

const (
	limitsDoc  = "../../docs/limits.md"
	tableStart = "<!-- The table of cases is written by `go test ./internal/badinput -update`. -->\n"
	tableEnd   = "<!-- end of the table of cases -->\n"
)

// TestDocTable: docs/limits.md lists the suite's cases as Cases has them.
func TestDocTable(t *testing.T) {
	raw, err := os.ReadFile(limitsDoc)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	i, j := strings.Index(doc, tableStart), strings.Index(doc, tableEnd)
	if i < 0 || j < i {
		t.Fatalf("%s has no table of cases between %q and %q", limitsDoc, tableStart, tableEnd)
	}
	got, want := doc[i+len(tableStart):j], "\n"+Table()+"\n"
	if got == want {
		return
	}
	if *update {
		if err := os.WriteFile(limitsDoc, []byte(doc[:i+len(tableStart)]+want+doc[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s is stale; run go test ./internal/badinput -update (-doc +cases):\n%s", limitsDoc, cmp.Diff(got, want))
}

// TestCases: every case has a unique name, a reader, a fault, the words
// of its message, and an exit code the suite knows.
func TestCases(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Cases() {
		if seen[c.Name] || c.Reader == "" || c.Doc == "" || len(c.Want) == 0 || len(c.Commands) == 0 {
			t.Errorf("case %q is a duplicate or lacks a field", c.Name)
		}
		seen[c.Name] = true
		if c.Incomplete != (c.Exit == 0) || c.Exit != 0 && c.Exit != Usage && c.Exit != Evidence {
			t.Errorf("case %q: exit %d, incomplete %v", c.Name, c.Exit, c.Incomplete)
		}
	}
}
