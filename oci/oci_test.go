package oci_test

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/sigstore/sigstore/pkg/signature"

	"github.com/slate-ot/slate/engine"
	"github.com/slate-ot/slate/evidence/attest"
	"github.com/slate-ot/slate/oci"
)

// memRegistry starts go-containerregistry's in-memory registry on
// 127.0.0.1 and returns its host:port.
func memRegistry(t *testing.T, wrap func(http.Handler) http.Handler) string {
	t.Helper()
	var h http.Handler = registry.New(registry.Logger(log.New(io.Discard, "", 0)))
	if wrap != nil {
		h = wrap(h)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://")
}

func newSigner(t *testing.T) signature.SignerVerifier {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	sv, err := signature.LoadECDSASignerVerifier(priv, crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	return sv
}

const check = `# METADATA
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
`

func buildPack(t *testing.T) []byte {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "backups.rego"), []byte(check), 0o644); err != nil {
		t.Fatal(err)
	}
	raw, err := engine.BuildPack(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// writeRun writes a small run folder: two outputs, a report in a
// subfolder, the manifest listing them, and a signature file.
func writeRun(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string][]byte{
		"scorecard.json": []byte(`{"x":1}` + "\n"),
		"summary.md":     []byte("# Summary\n"),
	}
	m, err := attest.NewManifest(files)
	if err != nil {
		t.Fatal(err)
	}
	files[attest.ManifestFile] = m
	files["scorecard.json.sig"] = []byte("MEUCIQ==")
	for n, b := range files {
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestPackRoundTrip(t *testing.T) {
	ctx := context.Background()
	host := memRegistry(t, nil)
	var o oci.Options
	pack := buildPack(t)
	d, err := o.PushPack(ctx, host+"/packs/ot-extra:1.0", pack)
	if err != nil {
		t.Fatal(err)
	}
	// The same bundle is the same artifact.
	again, err := o.PushPack(ctx, "oci://"+host+"/packs/ot-extra:1.1", pack)
	if err != nil {
		t.Fatal(err)
	}
	if again.DigestStr() != d.DigestStr() {
		t.Errorf("pushed twice: %s, then %s", d.DigestStr(), again.DigestStr())
	}
	for _, ref := range []string{host + "/packs/ot-extra:1.0", d.String(), "oci://" + d.String(), host + "/packs/ot-extra:1.1@" + d.DigestStr()} {
		got, gotD, err := o.PullPack(ctx, ref)
		if err != nil {
			t.Fatalf("%s: %v", ref, err)
		}
		if !bytes.Equal(got, pack) {
			t.Errorf("%s: pulled bytes differ from the pushed pack", ref)
		}
		if gotD.DigestStr() != d.DigestStr() {
			t.Errorf("%s: digest %s, pushed %s", ref, gotD.DigestStr(), d.DigestStr())
		}
	}
	if _, err := o.PushPack(ctx, host+"/packs/not-a-bundle:1", []byte("not gzip")); err == nil || !strings.Contains(err.Error(), "not an OPA bundle") {
		t.Errorf("a non-bundle pushed: %v", err)
	}
	// A run is not a pack, nor a pack a run.
	run, err := o.PushRun(ctx, writeRun(t), host+"/runs/plant-a:1")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := o.PullPack(ctx, run.String()); err == nil || !strings.Contains(err.Error(), "0 layers of type application/vnd.oci.image.layer.v1.tar+gzip") {
		t.Errorf("a run pulled as a pack: %v", err)
	}
	if _, err := o.PullRun(ctx, d.String(), filepath.Join(t.TempDir(), "x")); err == nil || !strings.Contains(err.Error(), "not a slate run") {
		t.Errorf("a pack pulled as a run: %v", err)
	}
}

func TestRunRoundTrip(t *testing.T) {
	ctx := context.Background()
	host := memRegistry(t, nil)
	var o oci.Options
	dir := writeRun(t)
	d, err := o.PushRun(ctx, dir, host+"/runs/plant-a:2026-11-01")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "pulled")
	got, err := o.PullRun(ctx, host+"/runs/plant-a:2026-11-01", out)
	if err != nil {
		t.Fatal(err)
	}
	if got.DigestStr() != d.DigestStr() {
		t.Errorf("pulled %s, pushed %s", got.DigestStr(), d.DigestStr())
	}
	want, _ := attest.ListDir(dir)
	have, _ := attest.ListDir(out)
	if strings.Join(want, ",") != strings.Join(have, ",") {
		t.Fatalf("pulled files %v, pushed %v", have, want)
	}
	for _, n := range want {
		a, _ := os.ReadFile(filepath.Join(dir, n))
		b, _ := os.ReadFile(filepath.Join(out, n))
		if !bytes.Equal(a, b) {
			t.Errorf("%s: pulled bytes differ", n)
		}
	}
	// Not into a folder that holds anything.
	if _, err := o.PullRun(ctx, d.String(), dir); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("pulled into a full folder: %v", err)
	}
	// A folder with a file the run did not write, or a changed one, is
	// not pushed.
	if err := os.WriteFile(filepath.Join(dir, "old.html"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := o.PushRun(ctx, dir, host+"/runs/plant-a:x"); err == nil || !strings.Contains(err.Error(), "holds files its run did not write: old.html") {
		t.Errorf("pushed with a stray file: %v", err)
	}
	os.Remove(filepath.Join(dir, "old.html"))
	if err := os.WriteFile(filepath.Join(dir, "summary.md"), []byte("# Edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := o.PushRun(ctx, dir, host+"/runs/plant-a:x"); err == nil || !strings.Contains(err.Error(), "not the bytes its manifest.json lists: summary.md") {
		t.Errorf("pushed with a changed file: %v", err)
	}
	if _, err := o.PushRun(ctx, t.TempDir(), host+"/runs/plant-a:x"); err == nil || !strings.Contains(err.Error(), "no manifest.json") {
		t.Errorf("pushed a folder without a manifest: %v", err)
	}
}

func TestSignVerify(t *testing.T) {
	ctx := context.Background()
	host := memRegistry(t, nil)
	var o oci.Options
	d, err := o.PushPack(ctx, host+"/packs/ot-extra:1.0", buildPack(t))
	if err != nil {
		t.Fatal(err)
	}
	signer, other := newSigner(t), newSigner(t)

	_, err = o.Verify(ctx, d, signer)
	if _, ok := errors.AsType[*oci.SignatureError](err); !ok || !errors.Is(err, oci.ErrNoSignature) {
		t.Fatalf("unsigned: %v", err)
	}
	if err := o.Sign(ctx, d, signer); err != nil {
		t.Fatal(err)
	}
	if n, err := o.Verify(ctx, d, signer); err != nil || n != 1 {
		t.Fatalf("signed: %d, %v", n, err)
	}
	// Signing again with the same key adds nothing.
	if err := o.Sign(ctx, d, signer); err != nil {
		t.Fatal(err)
	}
	if n, _ := o.Verify(ctx, d, signer); n != 1 {
		t.Errorf("signed twice with one key: %d signatures verify", n)
	}
	_, err = o.Verify(ctx, d, other)
	if _, ok := errors.AsType[*oci.SignatureError](err); !ok || !strings.Contains(err.Error(), "the key does not verify it") {
		t.Fatalf("another key: %v", err)
	}
	// A second signer's signature is added beside the first.
	if err := o.Sign(ctx, d, other); err != nil {
		t.Fatal(err)
	}
	for _, k := range []signature.Verifier{signer, other} {
		if n, err := o.Verify(ctx, d, k); err != nil || n != 1 {
			t.Errorf("two signers: %d, %v", n, err)
		}
	}

	// A signature of one artifact, copied to another's signature tag,
	// does not verify it: the payload names the digest.
	d2, err := o.PushPack(ctx, host+"/packs/ot-extra:2.0", []byte(buildPackWith(t, "# changed\n")))
	if err != nil {
		t.Fatal(err)
	}
	copyTag(t, oci.SignatureTag(d), oci.SignatureTag(d2))
	_, err = o.Verify(ctx, d2, signer)
	if err == nil || !strings.Contains(err.Error(), "it signs \""+d.DigestStr()+"\", not "+d2.DigestStr()) {
		t.Fatalf("a copied signature: %v", err)
	}
}

func buildPackWith(t *testing.T, extra string) []byte {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "backups.rego"), []byte(check+extra), 0o644); err != nil {
		t.Fatal(err)
	}
	raw, err := engine.BuildPack(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestBadReferences(t *testing.T) {
	var o oci.Options
	for _, tc := range []struct{ ref, want string }{
		{"", "empty"},
		{"packs/ot-extra:1.0", "name the registry"},
		{"ot-extra", "name the registry"},
		{"localhost:5000/Packs/OT:1.0", "repository can only contain"},
		{"localhost:5000/packs/ot@sha256:12", "digest"},
	} {
		t.Run(tc.ref, func(t *testing.T) {
			_, err := o.ParseReference(tc.ref)
			if _, ok := errors.AsType[*oci.RefError](err); !ok || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want a RefError saying %q", err, tc.want)
			}
		})
	}
	_, err := o.PinnedDigest("localhost:5000/packs/ot:1.0")
	if err == nil || !strings.Contains(err.Error(), "not pinned by digest") {
		t.Errorf("a tag as a pin: %v", err)
	}
}

// TestWrongDigest: a registry that answers a pinned reference with
// another manifest is caught, and a digest it does not hold is an error.
func TestWrongDigest(t *testing.T) {
	ctx := context.Background()
	var o oci.Options
	var lie string
	host := memRegistry(t, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if lie != "" && strings.HasSuffix(r.URL.Path, "/manifests/"+lie) {
				r.URL.Path = strings.TrimSuffix(r.URL.Path, lie) + "2.0"
			}
			h.ServeHTTP(w, r)
		})
	})
	d, err := o.PushPack(ctx, host+"/packs/ot-extra:1.0", buildPack(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.PushPack(ctx, host+"/packs/ot-extra:2.0", buildPackWith(t, "# changed\n")); err != nil {
		t.Fatal(err)
	}
	lie = d.DigestStr()
	// go-containerregistry checks the digest of what it fetched by
	// digest; DigestError is the second line of defence.
	got, _, err := o.PullPack(ctx, d.String())
	if err == nil || got != nil || !strings.Contains(err.Error(), d.DigestStr()) || !strings.Contains(err.Error(), "not match") {
		t.Errorf("a lying registry: %v", err)
	}
	lie = ""
	absent := host + "/packs/ot-extra@sha256:" + strings.Repeat("0", 64)
	if _, _, err := o.PullPack(ctx, absent); err == nil || !strings.Contains(err.Error(), "MANIFEST_UNKNOWN") {
		t.Errorf("an absent digest: %v", err)
	}
	// Pushing to a digest that is not the artifact's is refused.
	if _, err := o.PushPack(ctx, absent, buildPack(t)); err == nil {
		t.Error("pushed to a digest that is not the pack's")
	}
}

// copyTag points tag to at the manifest tag from holds.
func copyTag(t *testing.T, from, to name.Tag) {
	t.Helper()
	desc, err := remote.Get(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.Tag(to, desc); err != nil {
		t.Fatal(err)
	}
}
