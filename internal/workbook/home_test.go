package workbook_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/slate-ot/slate/internal/workbook"
)

// TestImportsNothingOfTheProject: workbook is plumbing under the readers.
func TestImportsNothingOfTheProject(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not available")
	}
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.HasPrefix(dep, "github.com/slate-ot/slate/") && dep != "github.com/slate-ot/slate/internal/workbook" {
			t.Errorf("workbook depends on %s", dep)
		}
	}
}

// TestLimitsDocumented: docs/limits.md names every limit, as the source
// option and as the import-workbook flag.
func TestLimitsDocumented(t *testing.T) {
	raw, err := os.ReadFile("../../docs/limits.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	for _, name := range workbook.Names {
		flag := "--" + strings.ReplaceAll(name, "_", "-")
		for _, w := range []string{"`" + name + "`", "`" + flag + "`"} {
			if !strings.Contains(doc, w) {
				t.Errorf("docs/limits.md does not name %s", w)
			}
		}
	}
}
