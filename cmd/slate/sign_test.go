package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slate-ot/slate/evidence/attest"
)

// minimalTrustedRoot is the Sigstore trusted root cosign needs with
// --new-bundle-format to verify a key-signed bundle offline: no CA, no
// log, no timestamp authority; the key given with --key is the only trust.
const minimalTrustedRoot = `{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1"}`

// TestCosignInterop signs the example site's outputs with slate and
// verifies them with the real cosign CLI, then the other way round: keys
// and signatures made by cosign work with slate. It runs when cosign is on
// PATH (go install github.com/sigstore/cosign/v2/cmd/cosign@v2.6.5), and
// must under CI=true.
func TestCosignInterop(t *testing.T) {
	cosign := needCosign(t)
	examples, err := filepath.Abs("../../examples/plant-a")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	t.Setenv("COSIGN_PASSWORD", "interop-password")

	slate(t, 0, "assess", examples, "--out", out, "--as-of", "2026-11-01", "--quiet")
	slate(t, 0, "keygen", "--output-key-prefix", filepath.Join(dir, "slate"))
	slate(t, 0, "sign", out, "--key", filepath.Join(dir, "slate.key"))

	root := filepath.Join(dir, "trusted_root.json")
	if err := os.WriteFile(root, []byte(minimalTrustedRoot), 0o644); err != nil {
		t.Fatal(err)
	}
	pub := filepath.Join(dir, "slate.pub")
	names, err := runNames(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 12 {
		t.Fatalf("signed files: got %v, want scorecard, bundle, 7 reports, the sealed assessment and policies and the manifest", names)
	}
	// A file that is not the signed one: every check must refuse it.
	changed := filepath.Join(dir, "changed")
	for _, name := range names {
		file := filepath.Join(out, name)
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(changed, append(raw, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		checks := []struct {
			what string
			args []string
		}{
			{"verify-blob --signature", []string{"verify-blob", "--key", pub, "--signature", file + attest.SigSuffix, "--insecure-ignore-tlog"}},
			{"verify-blob-attestation", []string{"verify-blob-attestation", "--key", pub, "--type", attest.PredicateType,
				"--signature", filepath.Join(out, attest.AttestationFile), "--insecure-ignore-tlog"}},
			{"verify-blob --bundle", []string{"verify-blob", "--key", pub, "--bundle", file + attest.BundleSuffix,
				"--new-bundle-format", "--trusted-root", root, "--insecure-ignore-tlog"}},
		}
		for _, c := range checks {
			t.Run(name+"/"+c.what, func(t *testing.T) {
				run := func(target string) (string, error) {
					cmd := exec.Command(cosign, append(c.args, target)...)
					cmd.Dir = dir
					b, err := cmd.CombinedOutput()
					return string(b), err
				}
				if got, err := run(file); err != nil || !strings.Contains(got, "Verified OK") {
					t.Errorf("cosign %s %s: %v\n%s", c.what, name, err, got)
				}
				if got, err := run(changed); err == nil {
					t.Errorf("cosign %s accepts a changed %s:\n%s", c.what, name, got)
				}
			})
		}
	}

	// The other way: a key pair made by cosign signs and verifies with
	// slate, and cosign's sign-blob signature verifies with slate's code.
	cmd := exec.Command(cosign, "generate-key-pair", "--output-key-prefix", "cosign-made")
	cmd.Dir = dir
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("cosign generate-key-pair: %v\n%s", err, b)
	}
	cosignKey, cosignPub := filepath.Join(dir, "cosign-made.key"), filepath.Join(dir, "cosign-made.pub")
	slate(t, 0, "sign", out, "--key", cosignKey)
	slate(t, 0, "verify", out, "--key", cosignPub, "--assessment", examples)
	slate(t, 4, "verify", out, "--key", pub, "--assessment", examples)

	// The .sig and the Sigstore bundle cosign makes for a signed file and
	// the same key stand in for slate's: the bundle is in cosign's own key
	// order and white space, and verifies all the same.
	for _, name := range []string{"scorecard.json", "policies.tar.gz"} {
		file := filepath.Join(out, name)
		slateBundle, _ := os.ReadFile(file + attest.BundleSuffix)
		cmd := exec.Command(cosign, "sign-blob", "--key", cosignKey, "--tlog-upload=false", "--yes",
			"--output-signature", file+attest.SigSuffix,
			"--new-bundle-format", "--bundle", file+attest.BundleSuffix, file)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("cosign sign-blob --new-bundle-format: %v\n%s", err, b)
		}
		cosignBundle, _ := os.ReadFile(file + attest.BundleSuffix)
		if bytes.Equal(cosignBundle, slateBundle) {
			t.Fatalf("cosign wrote slate's bundle bytes for %s; the test proves nothing", name)
		}
	}
	slate(t, 0, "verify", out, "--key", cosignPub)
	slate(t, 4, "verify", out, "--key", pub)

	sigFile := filepath.Join(dir, "summary.md.cosign.sig")
	cmd = exec.Command(cosign, "sign-blob", "--key", cosignKey, "--tlog-upload=false", "--yes",
		"--output-signature", sigFile, filepath.Join(out, "summary.md"))
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("cosign sign-blob: %v\n%s", err, b)
	}
	pubPEM, err := os.ReadFile(cosignPub)
	if err != nil {
		t.Fatal(err)
	}
	v, err := attest.LoadPublicKey(pubPEM)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(out, "summary.md"))
	sig, _ := os.ReadFile(sigFile)
	if err := attest.VerifyBlob(v, data, sig); err != nil {
		t.Errorf("cosign's signature does not verify with slate: %v", err)
	}
	if err := attest.VerifyBlob(v, append(data, '\n'), sig); err == nil {
		t.Error("cosign's signature verifies a changed file")
	}
	keyPEM, _ := os.ReadFile(cosignKey)
	if _, err := attest.LoadPrivateKey(keyPEM, []byte("interop-password")); err != nil {
		t.Errorf("cosign's private key does not load: %v", err)
	}
}

// slate runs the command line in-process and checks its exit code.
func slate(t *testing.T, want int, args ...string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if got := runWith(context.Background(), args, &stdout, &stderr); got != want {
		t.Fatalf("slate %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), got, want, stdout.String(), stderr.String())
	}
}
