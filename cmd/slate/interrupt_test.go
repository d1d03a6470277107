package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestInterrupted: a run cancelled part-way (SIGINT or SIGTERM cancel the
// context main gives run) stops, says so, exits 2 and publishes nothing:
// the output directory keeps the previous run.
func TestInterrupted(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	if err := os.MkdirAll(filepath.Join(site, "policies"), 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"assessment.hcl": `assessment "interrupted" {
  site  = "Interrupted"
  as_of = "2026-11-01"
}
framework "iec62443-3-3" {}
zone "control" {
  kind      = "ot"
  owner     = "OT"
  networks  = ["10.30.0.0/24"]
  sl_target = 1
}
policies {
  paths = ["policies"]
}
`,
		// A check that runs for hours, so that the run is still going
		// when it is interrupted.
		"policies/runaway.rego": `# METADATA
# title: Runaway
# scope: package
# custom:
#   id: ACME-RUNAWAY
#   requirements: ["SR 7.3"]
#   severity: high
#   owner: OT
#   remediation: R.
package slate.checks.acme.runaway

deny contains {"subject": "s", "message": "m"} if {
	some a in numbers.range(1, 100000)
	some b in numbers.range(1, 100000)
	a * b == -1
}
`,
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(site, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(500*time.Millisecond, cancel)
	var stderr bytes.Buffer
	code := runWith(ctx, []string{"assess", site, "--out", out, "--policy-timeout", "1h", "-q"}, &bytes.Buffer{}, &stderr)
	if code != ExitUsage || !strings.Contains(stderr.String(), "interrupted") {
		t.Fatalf("exit %d, stderr %q; want %d and a word that the run was interrupted", code, stderr.String(), ExitUsage)
	}
	if entries, err := os.ReadDir(out); err != nil || len(entries) != 0 {
		t.Errorf("the output directory changed: %v, %v", entries, err)
	}
}
