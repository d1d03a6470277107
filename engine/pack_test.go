package engine_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/engine"
	"github.com/slate-ot/slate/engine/assessment"
	"github.com/slate-ot/slate/engine/model"
)

const packCheck = `# METADATA
# title: Backups are verified
# scope: package
# custom:
#   id: ACME-BKP-001
#   requirements: ["iec62443-3-3:SR 7.3"]
#   severity: high
#   owner: OT
#   remediation: Verify backups.
package slate.checks.acme.backups

assessed contains zone.name if some zone in input.assessment.zones

deny contains {"subject": "zone:x", "message": "no backup"} if input.no_backup
`

const packHelper = `package slate.checks.acme.backups.helper

ok := true
`

// writePackDir writes a small custom policy directory (with a test, which
// a pack leaves out) under dir.
func writePackDir(t *testing.T, dir string) string {
	t.Helper()
	files := map[string]string{
		"backups.rego":      packCheck,
		"lib/helper.rego":   packHelper,
		"backups_test.rego": "package slate.checks.acme.backups_test\n\ntest_x if true\n",
		"README.md":         "not a policy\n",
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// untar returns the files of a tar.gz by name.
func untar(t *testing.T, raw []byte) map[string][]byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	files := map[string][]byte{}
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return files
		}
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		files[h.Name] = body
	}
}

func TestBuildPackDeterministic(t *testing.T) {
	a := writePackDir(t, filepath.Join(t.TempDir(), "one"))
	b := writePackDir(t, filepath.Join(t.TempDir(), "elsewhere", "two"))
	first, err := engine.BuildPack(a, nil)
	if err != nil {
		t.Fatal(err)
	}
	again, err := engine.BuildPack(a, nil)
	if err != nil {
		t.Fatal(err)
	}
	moved, err := engine.BuildPack(b, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, again) || !bytes.Equal(first, moved) {
		t.Error("the same modules gave different pack bytes")
	}
	// A changed module changes the pack.
	if err := os.WriteFile(filepath.Join(b, "lib", "helper.rego"), []byte(packHelper+"\nother := 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	changed, err := engine.BuildPack(b, nil)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(first, changed) {
		t.Error("a changed module gave the same pack bytes")
	}
}

func TestBuildPackManifest(t *testing.T) {
	dir := writePackDir(t, t.TempDir())
	raw, err := engine.BuildPack(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	files := untar(t, raw)
	var names []string
	for n := range files {
		names = append(names, n)
	}
	want := []string{"/.manifest", "/backups.rego", "/data.json", "/lib/helper.rego"}
	if diff := cmp.Diff(want, sorted(names)); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	var m struct {
		Revision    string   `json:"revision"`
		Roots       []string `json:"roots"`
		RegoVersion int      `json:"rego_version"`
	}
	if err := json.Unmarshal(files["/.manifest"], &m); err != nil {
		t.Fatal(err)
	}
	// The revision is the digest of the modules as a policy set counts
	// it: the same as the custom modules' digest when loaded from a pack.
	ps, _, err := engine.LoadAssessmentPolicies(t.Context(), packAssessment(t, raw, ""), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps.Packs) != 1 || ps.Packs[0].Revision != m.Revision || !strings.HasPrefix(m.Revision, "sha256:") {
		t.Errorf("revision %q, packs %+v", m.Revision, ps.Packs)
	}
	if diff := cmp.Diff([]string{"slate/checks/acme/backups"}, m.Roots); diff != "" {
		t.Errorf("roots (-want +got):\n%s", diff)
	}
	if m.RegoVersion != 1 {
		t.Errorf("rego_version %d", m.RegoVersion)
	}
}

func TestBuildPackErrors(t *testing.T) {
	empty := t.TempDir()
	if _, err := engine.BuildPack(empty, nil); err == nil || !strings.Contains(err.Error(), "holds no policies") {
		t.Errorf("empty directory: %v", err)
	}
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, "p.rego"), []byte("package slate.checks.x\n\ndeny contains 1 if http.send({})\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var pe *engine.PolicyError
	if _, err := engine.BuildPack(bad, nil); !errors.As(err, &pe) {
		t.Errorf("bad policy: %v, want a PolicyError", err)
	}
	if _, err := engine.BuildPack(writePackDir(t, t.TempDir()), []byte("not a key")); err == nil {
		t.Error("a signing key that is not PEM was accepted")
	}
}

// packAssessment writes raw as packs/pack.tar.gz in a new assessment
// directory and returns an assessment naming it, verified with pubPEM
// unless it is "".
func packAssessment(t *testing.T, raw []byte, pubPEM string) *assessment.Assessment {
	t.Helper()
	dir := t.TempDir()
	pack := filepath.Join(dir, "packs", "pack.tar.gz")
	if err := os.MkdirAll(filepath.Dir(pack), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pack, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	a := &assessment.Assessment{Assessment: model.Assessment{Dir: dir, PolicyBundles: []string{pack}}}
	if pubPEM != "" {
		key := filepath.Join(dir, "pack.pub")
		if err := os.WriteFile(key, []byte(pubPEM), 0o644); err != nil {
			t.Fatal(err)
		}
		a.PolicyBundleKey = key
	}
	return a
}

// newKey returns an ECDSA P-256 key pair as PEM (PKCS #8, PKIX).
func newKey(t *testing.T) (priv, pub []byte) {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	pubDER, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER})
}

func TestPackSignature(t *testing.T) {
	dir := writePackDir(t, t.TempDir())
	priv, pub := newKey(t)
	_, otherPub := newKey(t)
	signed, err := engine.BuildPack(dir, priv)
	if err != nil {
		t.Fatal(err)
	}
	unsigned, err := engine.BuildPack(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := untar(t, signed)["/.signatures.json"]; !ok {
		t.Fatal("the signed pack has no .signatures.json")
	}
	tampered := retar(t, signed, "/backups.rego", func(b []byte) []byte { return bytes.Replace(b, []byte("no backup"), []byte("no bakup"), 1) })
	tests := []struct {
		name    string
		raw     []byte
		key     string
		wantErr string
		warn    bool
	}{
		{name: "signed, verified", raw: signed, key: string(pub)},
		{name: "signed, no key", raw: signed, warn: true},
		{name: "unsigned, no key", raw: unsigned, warn: true},
		{name: "unsigned, key", raw: unsigned, key: string(pub), wantErr: "packs/pack.tar.gz: bundle missing .signatures.json"},
		{name: "other key", raw: signed, key: string(otherPub), wantErr: "packs/pack.tar.gz: failed to verify JWT signature"},
		{name: "tampered module", raw: tampered, key: string(pub), wantErr: "packs/pack.tar.gz: backups.rego: digest mismatch"},
		{name: "tampered, no key", raw: retar(t, unsigned, "/backups.rego", func(b []byte) []byte { return append(b, "\nx := 1\n"...) }), wantErr: "is not the digest of its modules"},
		{name: "not a key", raw: signed, key: "junk", wantErr: "pack.pub: not a PEM public key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, warnings, err := engine.LoadAssessmentPolicies(t.Context(), packAssessment(t, tt.raw, tt.key), nil)
			if tt.wantErr != "" {
				var pe *engine.PolicyError
				if !errors.As(err, &pe) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want a PolicyError with %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := len(warnings) > 0; got != tt.warn {
				t.Errorf("warnings %q, want some: %v", warnings, tt.warn)
			}
			if len(ps.Packs) != 1 || ps.Packs[0].Signed != (tt.key != "") {
				t.Errorf("packs %+v", ps.Packs)
			}
			found := false
			for _, r := range ps.Rules {
				found = found || r.ID == "ACME-BKP-001"
			}
			if !found {
				t.Error("the pack's check is not in the policy set")
			}
			for _, m := range ps.Modules {
				if strings.HasSuffix(m.Path, "backups.rego") && m.Path != "packs/pack.tar.gz/backups.rego" {
					t.Errorf("module path %q", m.Path)
				}
			}
		})
	}
}

// retar returns raw with the entry name changed by edit.
func retar(t *testing.T, raw []byte, name string, edit func([]byte) []byte) []byte {
	t.Helper()
	files := untar(t, raw)
	files[name] = edit(files[name])
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, n := range sorted(keys(files)) {
		if err := tw.WriteHeader(&tar.Header{Name: n, Mode: 0o644, Size: int64(len(files[n])), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(files[n]); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestPackOPA: the real opa CLI reads a built pack (opa inspect) and
// verifies its signature (opa build --verification-key); a bundle opa
// build signs is loaded and verified by slate.
func TestPackOPA(t *testing.T) {
	opa, err := exec.LookPath("opa")
	if err != nil {
		t.Skip("opa is not installed")
	}
	work := t.TempDir()
	dir := writePackDir(t, filepath.Join(work, "pol"))
	priv, pub := newKey(t)
	signed, err := engine.BuildPack(dir, priv)
	if err != nil {
		t.Fatal(err)
	}
	pack := filepath.Join(work, "pack.tar.gz")
	for name, body := range map[string][]byte{pack: signed, filepath.Join(work, "key.pem"): priv, filepath.Join(work, "key.pub"): pub} {
		if err := os.WriteFile(name, body, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(opa, args...)
		cmd.Dir = work
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("opa %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	out := run("inspect", "--format", "json", "pack.tar.gz")
	if !strings.Contains(out, "slate/checks/acme/backups") || !strings.Contains(out, "/backups.rego") {
		t.Errorf("opa inspect does not show the roots and modules:\n%s", out)
	}
	run("build", "-b", "pack.tar.gz", "--verification-key", "key.pub", "--verification-key-id", "slate", "--signing-alg", "ES256", "-o", "verified.tar.gz")

	// opa build's own output, signed with the same key, loads with it.
	run("build", "-b", "pol", "--signing-key", "key.pem", "--signing-alg", "ES256", "-o", "opa.tar.gz")
	raw, err := os.ReadFile(filepath.Join(work, "opa.tar.gz"))
	if err != nil {
		t.Fatal(err)
	}
	ps, warnings, err := engine.LoadAssessmentPolicies(t.Context(), packAssessment(t, raw, string(pub)), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 0 || len(ps.Packs) != 1 || !ps.Packs[0].Signed {
		t.Errorf("warnings %q, packs %+v", warnings, ps.Packs)
	}
	found := false
	for _, r := range ps.Rules {
		found = found || r.ID == "ACME-BKP-001"
	}
	if !found {
		t.Error("the check of the opa build bundle is not in the policy set")
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	slices.Sort(out)
	return out
}

// fetcher serves packs by reference, as a registry client would, and
// records the key it was asked to verify with.
type fetcher struct {
	packs map[string][]byte
	keys  []string
}

func (f *fetcher) FetchPack(_ context.Context, ref string, publicKey []byte) ([]byte, error) {
	f.keys = append(f.keys, string(publicKey))
	raw, ok := f.packs[ref]
	if !ok {
		return nil, errors.New("MANIFEST_UNKNOWN")
	}
	return raw, nil
}

// TestOCIPacks: packs pinned in a registry load through the PackFetcher,
// named by their reference, verified by it with the bundle_key (their
// .signatures.json is then not required), and a fetch that fails names
// the reference.
func TestOCIPacks(t *testing.T) {
	raw, err := engine.BuildPack(writePackDir(t, t.TempDir()), nil)
	if err != nil {
		t.Fatal(err)
	}
	const ref = "registry.example.com/packs/acme@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	_, pub := newKey(t)
	a := &assessment.Assessment{Assessment: model.Assessment{Dir: t.TempDir(), PolicyOCI: []string{ref}}}

	if _, _, err := engine.LoadAssessmentPolicies(t.Context(), a, nil); err == nil || !strings.Contains(err.Error(), "which this command does not fetch") {
		t.Errorf("no fetcher: %v", err)
	}

	f := &fetcher{packs: map[string][]byte{ref: raw}}
	ps, warnings, err := engine.LoadAssessmentPolicies(t.Context(), a, f)
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "policy pack "+ref+" is not verified") {
		t.Errorf("unverified: warnings %q", warnings)
	}
	if len(ps.Packs) != 1 || ps.Packs[0].Path != ref || ps.Packs[0].Signed {
		t.Errorf("unverified: packs %+v", ps.Packs)
	}
	if !slices.ContainsFunc(ps.Modules, func(m engine.Module) bool { return m.Path == ref+"/backups.rego" }) {
		t.Errorf("modules %+v", ps.Modules)
	}

	a.PolicyBundleKey = filepath.Join(a.Dir, "pack.pub")
	if err := os.WriteFile(a.PolicyBundleKey, pub, 0o644); err != nil {
		t.Fatal(err)
	}
	f.keys = nil
	ps, warnings, err = engine.LoadAssessmentPolicies(t.Context(), a, f)
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 0 || len(ps.Packs) != 1 || !ps.Packs[0].Signed {
		t.Errorf("verified: warnings %q, packs %+v", warnings, ps.Packs)
	}
	if len(f.keys) != 1 || f.keys[0] != string(pub) {
		t.Errorf("the fetcher was asked to verify with %q, want the bundle_key", f.keys)
	}

	a.PolicyOCI = []string{ref, "registry.example.com/packs/gone@sha256:" + strings.Repeat("0", 64)}
	_, _, err = engine.LoadAssessmentPolicies(t.Context(), a, f)
	if pe, ok := errors.AsType[*engine.PolicyError](err); !ok || len(pe.Problems) != 1 || !strings.Contains(pe.Problems[0], "packs/gone@sha256:"+strings.Repeat("0", 64)+": MANIFEST_UNKNOWN") {
		t.Errorf("a failed fetch: %v", err)
	}
}
