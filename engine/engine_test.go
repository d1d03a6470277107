package engine_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/collectors"
	"github.com/slate-ot/slate/engine"
	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
)

const site = `
assessment "t" {
  site  = "Test site"
  as_of = "2026-11-01"
}
framework "iec62443-3-3" {}
framework "nist-800-53r5" {
  baseline = "low"
}
zone "control" {
  kind      = "ot"
  owner     = "OT"
  networks  = ["10.30.0.0/24"]
  sl_target = 2
}
zone "office" {
  kind      = "it"
  owner     = "IT"
  networks  = ["10.10.0.0/16"]
  sl_target = 1
}
`

// writeInventorySite is writeSite with a one-row inventory source added,
// so that a check reading input.evidence.assets has evidence to read: a
// claim on a zone needs some.
func writeInventorySite(t *testing.T, hcl string, files map[string]string) string {
	files["inventory.csv"] = "name,ip,zone\nplc-1,10.30.0.5,control\n"
	return writeSite(t, hcl+"\nsource \"assets\" \"inventory\" {\n  files = [\"inventory.csv\"]\n}\n", files)
}

// writeSite writes an assessment file (plus extra files) into a temp dir.
func writeSite(t *testing.T, hcl string, files map[string]string) string {
	return writeSiteB(t, hcl, files)
}

func writeSiteB(t testing.TB, hcl string, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["assessment.hcl"] = hcl
	for name, body := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func assess(t *testing.T, dir string) (*engine.Result, error) {
	t.Helper()
	return engine.Assess(context.Background(), dir, collectors.Default, engine.Options{Getenv: func(string) string { return "" }})
}

// TestNoEvidenceIsNeverPass: with no evidence at all, every requirement of
// every framework is not_assessed in every zone, and no SL is achieved.
func TestNoEvidenceIsNeverPass(t *testing.T) {
	res, err := assess(t, writeSite(t, site, map[string]string{}))
	if err != nil {
		t.Fatal(err)
	}
	sc := res.Scorecard
	if len(sc.Requirements) < 100 {
		t.Fatalf("only %d requirements in the scorecard", len(sc.Requirements))
	}
	for _, r := range sc.Requirements {
		for _, z := range r.Zones {
			if z.Status != scorecard.StatusNotAssessed {
				t.Errorf("%s:%s in %s is %s without evidence", r.Framework, r.ID, z.Zone, z.Status)
			}
		}
	}
	for _, z := range sc.Zones {
		if z.SLAchieved != [7]int{} {
			t.Errorf("zone %s achieves %v without evidence", z.Name, z.SLAchieved)
		}
	}
	if raw, err := res.ScorecardJSON(); err != nil || strings.Contains(string(raw), `"status":"pass"`) {
		t.Error("scorecard contains a pass")
	}
}

// TestCustomPolicy: a consultant's check that assessed one zone makes its
// requirement pass there and only there; a finding makes it fail.
func TestCustomPolicy(t *testing.T) {
	policy := `# METADATA
# title: Backups are verified
# scope: package
# custom:
#   id: ACME-BKP-001
#   requirements: ["iec62443-3-3:SR 7.3", "CP-9"]
#   automates: ["iec62443-3-3:SR 7.3", "CP-9"]
#   severity: high
#   owner: OT
#   remediation: Verify backups.
package slate.checks.acme.backups

assessed contains "control" if count(input.evidence.assets) > 0

deny contains {"subject": "zone:control", "zone": "control", "message": "no verified backup"} if {
	input.assessment.name == "fail"
}
`
	for _, tc := range []struct {
		name, want string
	}{
		{"t", scorecard.StatusPass},
		{"fail", scorecard.StatusFail},
	} {
		t.Run(tc.want, func(t *testing.T) {
			hcl := strings.Replace(site, `assessment "t"`, `assessment "`+tc.name+`"`, 1) + `
policies {
  paths = ["policies"]
}
`
			res, err := assess(t, writeInventorySite(t, hcl, map[string]string{"policies/backups.rego": policy}))
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, r := range res.Scorecard.Requirements {
				if r.ID == "SR 7.3" || r.ID == "CP-9" {
					for _, z := range r.Zones {
						got[r.ID+"/"+z.Zone] = z.Status
					}
				}
			}
			want := map[string]string{
				"SR 7.3/control": tc.want, "SR 7.3/office": scorecard.StatusNotAssessed,
				"CP-9/control": tc.want, "CP-9/office": scorecard.StatusNotAssessed,
			}
			for k, v := range want {
				if got[k] != v {
					t.Errorf("%s = %q, want %q", k, got[k], v)
				}
			}
			found := false
			for _, p := range res.Scorecard.Policies {
				found = found || p.Path == "policies/backups.rego"
			}
			if !found {
				t.Errorf("custom module not listed by its relative path: %+v", res.Scorecard.Policies)
			}
		})
	}
}

// TestPolicyErrors: broken policies stop the run with a PolicyError that
// names the file; they never turn into a pass.
func TestPolicyErrors(t *testing.T) {
	header := "# METADATA\n# title: T\n# scope: package\n# custom:\n#   id: X-1\n#   requirements: [\"SR 7.3\"]\n#   severity: high\n#   owner: OT\n#   remediation: R.\n"
	kinds := strings.Replace(header, "SR 7.3\"]", "SR 7.3\", \"SR 7.4\"]\n#   findings:\n#     - {kind: backup, requirements: [\"SR 7.3\"], why: \"SR 7.3 asks for backups.\"}", 1)
	for _, tc := range []struct {
		name, rego, want string
	}{
		{"network builtin", header + "package slate.checks.x\n\ndeny contains {\"subject\": \"s\", \"message\": r.body} if {\n\tr := http.send({\"method\": \"GET\", \"url\": \"http://example.com\"})\n}\n", "http.send is not allowed: slate policies may not use network"},
		{"no metadata", "package slate.checks.x\n\ndeny contains {\"subject\": \"s\", \"message\": \"m\"} if false\n", "no METADATA"},
		{"adds to a built-in check", "package slate.checks.identity.remote_access_mfa\n\nassessed contains \"*\"\n", "is built in (builtin/"},
		{"adds to a built-in library", "package slate.lib.network\n\nextra := 1\n", "package slate.lib.network is built in (builtin/lib/network.rego)"},
		{"library no check uses", "package acme.lib\n\nx := 1\n", "package acme.lib has rules but no METADATA (title and custom id, requirements, severity, owner, remediation) and no check refers to it"},
		{"assessed without METADATA", "package slate.checks.x\n\nassessed contains \"*\"\n", "package slate.checks.x has rules but no METADATA"},
		{"check outside the namespace", header + "package acme.checks.x\n\ndeny contains {\"subject\": \"s\", \"message\": \"m\"}\n", "package acme.checks.x is outside slate.checks, so its deny rule would never be evaluated"},
		{"unknown requirement", strings.Replace(header, "SR 7.3", "SR 9.9", 1) + "package slate.checks.x\n", "unknown requirement \"SR 9.9\""},
		{"bad owner", strings.Replace(header, "owner: OT", "owner: Ops", 1) + "package slate.checks.x\n", "custom.owner"},
		{"automates another requirement", strings.Replace(header, "#   severity", "#   automates: [\"SR 7.8\"]\n#   severity", 1) + "package slate.checks.x\n", "custom.automates: \"SR 7.8\" is not one of the check's requirements"},
		{"unknown zone", header + "package slate.checks.x\n\ndeny contains {\"subject\": \"s\", \"zone\": \"mars\", \"message\": \"m\"}\n", "zone \"mars\""},
		{"note for an unknown zone", header + "package slate.checks.x\n\nnotes contains {\"zone\": \"mars\", \"note\": \"n\"}\n", "note \"n\" names zone \"mars\""},
		{"note of another shape", header + "package slate.checks.x\n\nnotes contains \"control: n\"\n", "is not a {\"zone\": z, \"note\": text} object"},
		{"finding without message", header + "package slate.checks.x\n\ndeny contains {\"subject\": \"s\"}\n", "needs a subject and a message"},
		{"exposure not an object", header + "package slate.checks.x\n\ndeny contains {\"subject\": \"s\", \"message\": \"m\", \"exposure\": \"it\"}\n", "exposure \"it\" is not an object"},
		{"exposure from unknown", header + "package slate.checks.x\n\ndeny contains {\"subject\": \"s\", \"message\": \"m\", \"exposure\": {\"from\": \"internet\"}}\n", "exposure field from is \"internet\", not one of dmz, external, it, ot"},
		{"exposure conduit unknown", header + "package slate.checks.x\n\ndeny contains {\"subject\": \"s\", \"message\": \"m\", \"exposure\": {\"conduit\": \"maybe\"}}\n", "exposure field conduit is \"maybe\""},
		{"exposure crossing not a boolean", header + "package slate.checks.x\n\ndeny contains {\"subject\": \"s\", \"message\": \"m\", \"exposure\": {\"crosses_boundary\": \"yes\"}}\n", "crosses_boundary must be true or false"},
		{"exposure unknown field", header + "package slate.checks.x\n\ndeny contains {\"subject\": \"s\", \"message\": \"m\", \"exposure\": {\"reach\": 1}}\n", "unknown field \"reach\""},
		{"cause not a string", header + "package slate.checks.x\n\ndeny contains {\"subject\": \"s\", \"message\": \"m\", \"cause\": 3}\n", "finding field \"cause\" must be a string"},
		{"unknown finding kind", kinds + "package slate.checks.x\n\ndeny contains {\"subject\": \"s\", \"message\": \"m\", \"kind\": \"other\"}\n", "names kind \"other\", which METADATA custom.findings does not declare (kinds: backup)"},
		{"finding without its kind", kinds + "package slate.checks.x\n\ndeny contains {\"subject\": \"s\", \"message\": \"m\"}\n", "names no kind"},
		{"kind maps another requirement", strings.Replace(kinds, "requirements: [\"SR 7.3\"], why", "requirements: [\"SR 1.1\"], why", 1) + "package slate.checks.x\n", "kind \"backup\" names \"SR 1.1\", which is not one of the check's requirements"},
		{"kind without why", strings.Replace(kinds, ", why: \"SR 7.3 asks for backups.\"", "", 1) + "package slate.checks.x\n", "kind \"backup\" needs why"},
		{"finding names another requirement", header + "package slate.checks.x\n\ndeny contains {\"subject\": \"s\", \"message\": \"m\", \"requirements\": [\"SR 1.1\"]}\n", "names requirement iec62443-3-3:SR 1.1, which is not one of the check's"},
		{"runtime error", header + "package slate.checks.x\n\ndeny contains {\"subject\": \"s\", \"message\": sprintf(\"%d\", [to_number(\"x\")])}\n", "to_number"},
		{"syntax error", "package slate.checks.x\n\ndeny contains if {\n", "policies/p.rego:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hcl := site + "\npolicies {\n  paths = [\"policies\"]\n}\n"
			_, err := assess(t, writeSite(t, hcl, map[string]string{"policies/p.rego": tc.rego}))
			var pe *engine.PolicyError
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, want a PolicyError", err)
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "p.rego") {
				t.Errorf("error %q does not mention %q and the file", err, tc.want)
			}
		})
	}
}

// TestBundleRoundTrip: a bundle survives encode/decode byte for byte and
// unknown fields are refused.
func TestBundleRoundTrip(t *testing.T) {
	res, err := assess(t, "../examples/plant-a")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := res.BundleJSON()
	if err != nil {
		t.Fatal(err)
	}
	b, err := evidence.DecodeBundle("bundle.json", raw)
	if err != nil {
		t.Fatal(err)
	}
	again, err := b.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != string(raw) {
		t.Error("bundle changed in a decode/encode round trip")
	}
	// The digest in the scorecard is that of the bytes, whether the
	// documents were collected (canonical already) or decoded.
	for _, bundle := range []*evidence.Bundle{res.Bundle, b} {
		if d, err := bundle.Digest(); err != nil || d != evidence.DigestBytes(raw) || d != res.Scorecard.Digests.Bundle {
			t.Errorf("digest %s (%v), want %s, scorecard %s", d, err, evidence.DigestBytes(raw), res.Scorecard.Digests.Bundle)
		}
	}
	bad := strings.Replace(string(raw), `{"as_of"`, `{"surprise":1,"as_of"`, 1)
	if _, err := evidence.DecodeBundle("bundle.json", []byte(bad)); err == nil {
		t.Error("a bundle with an unknown field was accepted")
	}
}

// TestFindingsMerged: findings that differ only in their evidence become
// one gap citing all of it, so gap ids stay unique.
func TestFindingsMerged(t *testing.T) {
	policy := `# METADATA
# title: T
# scope: package
# custom:
#   id: X-MERGE
#   requirements: ["SR 5.1"]
#   severity: medium
#   owner: OT
#   remediation: R.
package slate.checks.x

deny contains {"subject": "s", "zone": "control", "message": "m", "evidence": [{"document": d}]} if some d in ["a", "b"]
`
	hcl := site + "\npolicies {\n  paths = [\"policies\"]\n}\n"
	res, err := assess(t, writeSite(t, hcl, map[string]string{"policies/p.rego": policy}))
	if err != nil {
		t.Fatal(err)
	}
	var gaps []scorecard.Gap
	for _, g := range res.Scorecard.Gaps {
		if g.Rule == "X-MERGE" {
			gaps = append(gaps, g)
		}
	}
	if len(gaps) != 1 || len(gaps[0].Evidence) != 2 {
		t.Fatalf("gaps %+v, want one citing both documents", gaps)
	}
}

// TestPolicyDirReplacesBuiltin: naming the built-in library's own folder
// (`slate policy test policies/` in a checkout) replaces the embedded copy
// file by file instead of declaring every package twice.
func TestPolicyDirReplacesBuiltin(t *testing.T) {
	rep, err := engine.RunRegoTests(context.Background(), true, []string{"../policies"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Failed > 0 || rep.Passed == 0 || rep.Coverage < 90 {
		t.Errorf("policy test policies/: %d passed, %d failed, %.1f%% coverage: %v", rep.Passed, rep.Failed, rep.Coverage, rep.Failures)
	}
	for name := range rep.Files {
		if strings.HasPrefix(name, "builtin/") {
			t.Errorf("built-in copy %s still tested", name)
		}
	}
	ps, err := engine.LoadPolicies("..", []string{"../policies"})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ps.Modules {
		if m.Builtin {
			t.Errorf("built-in module %s not replaced by policies/%s", m.Path, strings.TrimPrefix(m.Path, "builtin/"))
		}
	}
}

// TestPolicyNotes: a check's notes are added to the reason of its zones'
// cells, "*" to every zone's, whatever the status.
func TestPolicyNotes(t *testing.T) {
	policy := `# METADATA
# title: Backups are verified
# scope: package
# custom:
#   id: ACME-BKP-001
#   requirements: ["iec62443-3-3:SR 7.3"]
#   severity: high
#   owner: OT
#   remediation: Verify backups.
package slate.checks.acme.backups

assessed contains "control" if count(input.evidence.assets) > 0

notes contains {"zone": "office", "note": "no backup server known"}

notes contains {"zone": "*", "note": "tapes not read"}

notes contains {"zone": "office", "note": "a note"}
`
	hcl := site + "\npolicies {\n  paths = [\"policies\"]\n}\n"
	res, err := assess(t, writeInventorySite(t, hcl, map[string]string{"policies/backups.rego": policy}))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range res.Scorecard.Requirements {
		if r.ID == "SR 7.3" {
			for _, z := range r.Zones {
				got[z.Zone] = z.Reason
			}
		}
	}
	want := map[string]string{
		"control": "no findings from ACME-BKP-001; tapes not read; the rest needs an attestation: no attestation recorded",
		"office":  "no evidence for this zone (checks: ACME-BKP-001); a note; no backup server known; tapes not read",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}
}

// TestFindingRequirements: a finding fails the requirements of its kind
// (or those it names), not every requirement of its check; the others the
// check still passes where it assessed.
func TestFindingRequirements(t *testing.T) {
	rego := `# METADATA
# title: T
# scope: package
# custom:
#   id: X-1
#   requirements: ["SR 7.3", "SR 7.4", "CP-9"]
#   findings:
#     - {kind: backup, requirements: ["SR 7.3", "CP-9"], why: "SR 7.3 asks for backups; CP-9 is its NIST twin."}
#     - {kind: restore, requirements: ["SR 7.4"], why: "SR 7.4 asks for recovery.", remediation: "Test a restore."}
#   severity: high
#   owner: OT
#   remediation: R.
package slate.checks.x

assessed := {"control"} if count(input.evidence.assets) > 0

deny contains {"subject": "asset:plc", "zone": "control", "message": "no backup", "kind": "backup"}

deny contains {"subject": "asset:hmi", "zone": "office", "message": "no restore", "kind": "restore"}
`
	hcl := site + "\npolicies {\n  paths = [\"policies\"]\n}\n"
	res, err := assess(t, writeInventorySite(t, hcl, map[string]string{"policies/p.rego": rego}))
	if err != nil {
		t.Fatal(err)
	}
	sc := res.Scorecard
	for _, tc := range []struct{ framework, id, want string }{
		{"iec62443-3-3", "SR 7.3", scorecard.StatusFail},
		{"iec62443-3-3", "SR 7.4", scorecard.StatusManual}, // passed by the check, partial: confirmed by hand
		{"nist-800-53r5", "CP-9", scorecard.StatusFail},
	} {
		if got := cell(sc, tc.framework, tc.id, "control").Status; got != tc.want {
			t.Errorf("%s in control: %s, want %s", tc.id, got, tc.want)
		}
	}
	var g, restore *scorecard.Gap
	for i := range sc.Gaps {
		switch {
		case sc.Gaps[i].Rule == "X-1" && sc.Gaps[i].Subject == "asset:plc":
			g = &sc.Gaps[i]
		case sc.Gaps[i].Rule == "X-1":
			restore = &sc.Gaps[i]
		}
	}
	if g == nil || !slices.Equal(g.Requirements, []string{"iec62443-3-3:SR 7.3", "nist-800-53r5:CP-9"}) || g.Remediation != "R." {
		t.Errorf("gap %+v, want the kind's requirements and the check's remediation", g)
	}
	// A kind with its own remediation gives it to its gaps.
	if restore == nil || restore.Remediation != "Test a restore." {
		t.Errorf("gap %+v, want the kind's remediation", restore)
	}
	if r := sc.Rules[slices.IndexFunc(sc.Rules, func(r scorecard.RuleSummary) bool { return r.ID == "X-1" })]; len(r.Kinds) != 2 || r.Kinds[0].Why == "" {
		t.Errorf("rule kinds %+v, want both with their why", r.Kinds)
	}
}
