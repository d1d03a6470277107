package engine_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/collectors"
	"github.com/slate-ot/slate/engine"
)

// copyTree copies the directory src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, raw, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// sealSite copies the example site to dir with a custom policy directory
// that replaces one built-in check, so the sealed set holds both kinds.
func sealSite(t *testing.T, dir string) string {
	t.Helper()
	copyTree(t, "../examples/plant-a", dir)
	custom := filepath.Join(dir, "custom", "checks", "identity")
	if err := os.MkdirAll(custom, 0o755); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../policies/checks/identity/legacy_auth.rego")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(custom, "legacy_auth.rego"), append(src, "\n# the site's copy\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	hcl := filepath.Join(dir, "assessment.hcl")
	raw, err := os.ReadFile(hcl)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(hcl, append(raw, "\npolicies {\n  paths = [\"custom\"]\n}\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestSealRoundTrip seals a run's assessment and policies, and evaluates
// its bundle again from the sealed files alone, in another directory: the
// scorecard is byte for byte the same. The sealed files are the same bytes
// wherever the site is checked out.
func TestSealRoundTrip(t *testing.T) {
	ctx := context.Background()
	opts := engine.Options{AsOf: "2026-11-01", Getenv: func(string) string { return "" }}
	var sealed []map[string][]byte
	var first *engine.Result
	for _, dir := range []string{t.TempDir(), filepath.Join(t.TempDir(), "another", "checkout")} {
		res, err := engine.Assess(ctx, sealSite(t, dir), collectors.Default, opts)
		if err != nil {
			t.Fatal(err)
		}
		files, err := engine.Seal(res)
		if err != nil {
			t.Fatal(err)
		}
		sealed = append(sealed, files)
		if first == nil {
			first = res
		}
	}
	for name := range sealed[0] {
		if !bytes.Equal(sealed[0][name], sealed[1][name]) {
			t.Errorf("%s differs between two checkouts of the same site", name)
		}
	}
	var custom bool
	for _, m := range first.Scorecard.Policies {
		custom = custom || !m.Builtin
	}
	if !custom {
		t.Fatal("the sealed set holds no custom module; the test proves nothing of them")
	}

	elsewhere := t.TempDir()
	if err := engine.ExtractSealedAssessment(engine.SealedAssessmentFile, sealed[0][engine.SealedAssessmentFile], elsewhere); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(elsewhere, "evidence", "countermeasures", "cell-panel-integrity.md")); err != nil {
		t.Errorf("the countermeasure's evidence is not sealed: %v", err)
	}
	ropts := opts
	ropts.PolicyBundle = sealed[0][engine.SealedPoliciesFile]
	again, err := engine.EvaluateBundle(ctx, elsewhere, first.Bundle, collectors.Default, ropts)
	if err != nil {
		t.Fatal(err)
	}
	signed, err := first.ScorecardJSON()
	if err != nil {
		t.Fatal(err)
	}
	remade, err := again.ScorecardJSON()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(signed), string(remade)); diff != "" {
		t.Errorf("re-evaluation from the sealed files (-signed +again):\n%s", diff)
	}

	// Without the sealed policies the custom directory is missing, and
	// the assessment does not load: the control case.
	if _, err := engine.EvaluateBundle(ctx, elsewhere, first.Bundle, collectors.Default, opts); err == nil || !strings.Contains(err.Error(), "Policy directory not found") {
		t.Errorf("evaluation without the sealed policies: got %v, want the missing policy directory", err)
	}
}

// TestPolicyBundleRevision refuses a bundle whose modules are not the ones
// its revision names.
func TestPolicyBundleRevision(t *testing.T) {
	ps, err := engine.LoadPolicies(".", nil)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := ps.Bundle()
	if err != nil {
		t.Fatal(err)
	}
	again, err := engine.LoadPolicyBundle("policies.tar.gz", raw)
	if err != nil {
		t.Fatal(err)
	}
	if again.Digest != ps.Digest {
		t.Errorf("digest %s, want %s", again.Digest, ps.Digest)
	}
	if _, err := engine.LoadPolicyBundle("policies.tar.gz", raw[:len(raw)/2]); err == nil {
		t.Error("a truncated bundle loads")
	}
}

// TestPolicyBundleOPA has the opa CLI read the sealed bundle: it is an OPA
// bundle, not only something slate reads back.
func TestPolicyBundleOPA(t *testing.T) {
	opa, err := exec.LookPath("opa")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("opa is not on PATH")
		}
		t.Skip("opa is not on PATH")
	}
	ps, err := engine.LoadPolicies(".", nil)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := ps.Bundle()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "policies.tar.gz")
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(opa, "inspect", "--format", "json", path).CombinedOutput()
	if err != nil {
		t.Fatalf("opa inspect: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), ps.Digest) {
		t.Errorf("opa inspect does not show the revision %s:\n%.2000s", ps.Digest, out)
	}
	out, err = exec.Command(opa, "eval", "--bundle", path, "--format", "raw", "data.slate.vocab.owners").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "OT") {
		t.Errorf("opa eval --bundle data.slate.vocab.owners: %v\n%.2000s", err, out)
	}
}
