package examples_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slate-ot/slate/collectors"
	"github.com/slate-ot/slate/engine"
)

// TestPlantAVNCConduit: the VNC session from eng-laptop-07 (enterprise)
// to the cell is reported as crossing without a conduit; declaring a
// conduit from enterprise to cell for "vnc" honours it, since the capture
// recognises the flow as VNC, while its weak authentication is still
// reported.
func TestPlantAVNCConduit(t *testing.T) {
	const subject = "flow:10.10.9.77->10.40.1.20/tcp/5900"
	dir := filepath.Join(t.TempDir(), "plant-a")
	if err := os.CopyFS(dir, os.DirFS("plant-a")); err != nil {
		t.Fatal(err)
	}
	hcl := filepath.Join(dir, "assessment.hcl")
	src, err := os.ReadFile(hcl)
	if err != nil {
		t.Fatal(err)
	}
	gaps := func(t *testing.T) map[string]bool {
		t.Helper()
		res, err := engine.Assess(context.Background(), dir, collectors.Default, engine.Options{Getenv: func(string) string { return "" }})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, g := range res.Scorecard.Gaps {
			if g.Subject == subject {
				got[g.Rule] = true
			}
		}
		return got
	}
	before := gaps(t)
	if !before["SLATE-NET-002"] || !before["SLATE-NET-008"] {
		t.Fatalf("without a vnc conduit, %s has gaps of %v; want SLATE-NET-002 and SLATE-NET-008", subject, before)
	}
	conduit := "\nconduit \"enterprise-cell-vnc\" {\n  from     = \"enterprise\"\n  to       = \"cell\"\n  services = [\"vnc\"]\n}\n"
	if err := os.WriteFile(hcl, []byte(strings.Replace(string(src), "\n# The site inventory", conduit+"\n# The site inventory", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	after := gaps(t)
	if after["SLATE-NET-002"] {
		t.Errorf("with conduit enterprise-cell-vnc for vnc, SLATE-NET-002 still reports %s", subject)
	}
	if !after["SLATE-NET-008"] {
		t.Errorf("with the conduit declared, the VNC session's DES authentication is no longer reported (SLATE-NET-008)")
	}
}
