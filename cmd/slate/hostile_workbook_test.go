package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	wt "github.com/slate-ot/slate/internal/workbook/workbooktest"
)

const hostileAssessment = `assessment "h" {
  site = "H"
}
framework "iec62443-3-3" {}
zone "cell" {
  kind      = "ot"
  owner     = "OT"
  networks  = ["10.10.1.0/24"]
  sl_target = 2
}
zone "control" {
  kind      = "ot"
  owner     = "OT"
  networks  = ["10.10.2.0/24"]
  sl_target = 2
}
source "assets" "inv" {
  files = ["evidence/inventory.xlsx"]
}
`

// TestWorkbookControl: the valid workbook the bad-input suite's hostile
// ones are built from assesses, so that the suite's exit 3 is the
// workbook's fault.
func TestWorkbookControl(t *testing.T) {
	if testing.Short() {
		t.Skip("runs slate as a child process")
	}
	base := wt.Base(wt.Sheet(wt.Inventory...), "plc-01")
	t.Run("control", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.MkdirAll(filepath.Join(dir, "evidence"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "assessment.hcl"), []byte(hostileAssessment), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := wt.Write(filepath.Join(dir, "evidence", "inventory.xlsx"), base...); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "out")
		code, stderr, _, _ := child(t, "assess", dir, "--out", out, "--as-of", "2026-11-01", "--format", "json")
		if code != ExitOK && code != ExitFindings {
			t.Fatalf("slate assess of a valid workbook: exit %d\n%s", code, stderr)
		}
		raw, err := os.ReadFile(filepath.Join(out, "bundle.json"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"plc-01", "hist-01"} {
			if !bytes.Contains(raw, []byte(name)) {
				t.Errorf("bundle.json has no asset %s", name)
			}
		}
	})
}
