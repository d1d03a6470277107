package netconfig_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slate-ot/slate/collectors/netconfig"
	"github.com/slate-ot/slate/engine"
	"github.com/slate-ot/slate/evidence"
)

// onlyNetconfig is the engine's view of a collector table holding this
// collector alone, so the test does not depend on the registry.
type onlyNetconfig struct{}

func (onlyNetconfig) OptionsByKind() map[string][]string {
	return map[string][]string{netconfig.Kind: netconfig.Options}
}

func (onlyNetconfig) CollectAll(ctx context.Context, sources []evidence.Source) ([]evidence.Document, error) {
	var docs []evidence.Document
	for _, s := range sources {
		d, err := netconfig.New().Collect(ctx, s)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

const e2eAssessment = `
assessment "netconfig-corpus" {
  site  = "Corpus"
  as_of = "2026-11-01"
}
framework "iec62443-3-3" {}
zone "control" {
  kind      = "ot"
  networks  = ["10.10.0.0/24", "10.30.0.0/24", "172.16.0.0/12"]
  vlans     = [10]
  sl_target = 2
  owner     = "OT"
}
zone "dmz" {
  kind      = "dmz"
  networks  = ["10.20.0.0/24"]
  vlans     = [20]
  sl_target = 2
  owner     = "IT"
}
source "netconfig" "configs" {
  files = ["configs/*"]
}
`

// TestAssessOutputsHoldNoSecrets runs the whole pipeline (collect, the
// built-in policies, the scorecard) on every configuration of the
// committed corpus and the fixtures, and greps the bundle and the scorecard for
// every secret string of those configurations.
func TestAssessOutputsHoldNoSecrets(t *testing.T) {
	dir := t.TempDir()
	configs := filepath.Join(dir, "configs")
	if err := os.MkdirAll(configs, 0o755); err != nil {
		t.Fatal(err)
	}
	inputs, _ := filepath.Glob(filepath.Join("testdata", "fixtures", "*"))
	corpus, _ := filepath.Glob(filepath.Join(corpusDir, "*", "*"))
	inputs = append(inputs, corpus...)
	var secrets []string
	for _, in := range inputs {
		raw, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		secrets = append(secrets, findSecrets(string(raw))...)
		name := filepath.Base(filepath.Dir(in)) + "__" + filepath.Base(in)
		if err := os.WriteFile(filepath.Join(configs, name), raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "assessment.hcl"), []byte(e2eAssessment), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := engine.Assess(context.Background(), dir, onlyNetconfig{}, engine.Options{AsOf: "2026-11-01"})
	if err != nil {
		t.Fatal(err)
	}
	if len(secrets) < 10 {
		t.Fatalf("only %d secret strings found in the inputs: the patterns are broken", len(secrets))
	}
	bundle, err := res.BundleJSON()
	if err != nil {
		t.Fatal(err)
	}
	scorecardJSON, err := res.ScorecardJSON()
	if err != nil {
		t.Fatal(err)
	}
	for _, out := range []struct {
		name string
		raw  []byte
	}{{"bundle", bundle}, {"scorecard", scorecardJSON}} {
		for _, s := range secrets {
			// The catalog's own titles use the words of factory
			// communities ("public key"); the bundle must still not.
			if out.name == "scorecard" && (s == "public" || s == "private") {
				continue
			}
			if containsToken(out.raw, s) {
				i := strings.Index(string(out.raw), s)
				t.Errorf("the %s holds the secret %q: %s", out.name, s, out.raw[max(0, i-150):min(len(out.raw), i+50)])
			}
		}
	}
	for _, id := range []string{"SLATE-CFG-001", "SLATE-CFG-002", "SLATE-CFG-003", "SLATE-CFG-004",
		"SLATE-CFG-005", "SLATE-CFG-006", "SLATE-CFG-007", "SLATE-CFG-008", "SLATE-CFG-009"} {
		if !strings.Contains(string(scorecardJSON), id) {
			t.Errorf("scorecard does not mention %s", id)
		}
	}
	for _, msg := range []string{
		"cell1-sw01 accepts telnet management, which sends credentials in clear text",
		"cell1-sw01: local user operator has a password stored in clear text (plaintext)",
		"cell1-sw01 interface Vlan20 (zone dmz) has no inbound ACL",
	} {
		if !strings.Contains(string(scorecardJSON), msg) {
			t.Errorf("scorecard lacks the finding %q", msg)
		}
	}
}
