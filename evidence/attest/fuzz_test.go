package attest

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sigstore/sigstore/pkg/signature"
)

// FuzzVerify puts the fuzzed bytes in place of one signature file of a
// signed run (the attestation, a .sig, a .sigstore.json) and verifies the
// run: no panic, and no changed attestation or .sig verifies. (A
// .sigstore.json may be spelt with other white space or key order and
// still verify; the check reads it, whatever its spelling, as the same
// bundle.)
func FuzzVerify(f *testing.F) {
	// A key made here, not by keyPair: its scrypt, in every fuzzing
	// worker of the instrumented build, would take the whole run.
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		f.Fatal(err)
	}
	v, err := signature.LoadECDSASignerVerifier(priv, crypto.SHA256)
	if err != nil {
		f.Fatal(err)
	}
	dir := f.TempDir()
	for _, name := range fixtureNames {
		copyFile(f, filepath.Join(fixture, name), filepath.Join(dir, name))
	}
	res, err := Sign(dir, fixtureNames, v)
	if err != nil {
		f.Fatal(err)
	}
	writeFiles(f, dir, res.Files)
	entries, err := os.ReadDir(dir)
	if err != nil {
		f.Fatal(err)
	}
	var names []string
	originals := map[string][]byte{}
	for _, e := range entries {
		if slices.Contains(fixtureNames, e.Name()) {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			f.Fatal(err)
		}
		names = append(names, e.Name())
		originals[e.Name()] = raw
	}
	if _, err := Verify(dir, v, verifyOpts); err != nil {
		f.Fatalf("the signed fixture does not verify: %v", err)
	}
	for i, name := range names {
		f.Add(uint8(i), originals[name])
	}
	f.Add(uint8(0), []byte(`{"payloadType":"application/vnd.in-toto+json","payload":"e30=","signatures":[{"keyid":"","sig":"AAAA"}]}`))
	f.Add(uint8(1), []byte("MEUCIQ=="))
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		name := names[int(which)%len(names)]
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, body, 0o644); err != nil {
			t.Fatal(err)
		}
		defer func() {
			if err := os.WriteFile(p, originals[name], 0o644); err != nil {
				t.Fatal(err)
			}
		}()
		_, err := Verify(dir, v, verifyOpts)
		if err == nil && !bytes.Equal(body, originals[name]) && !strings.HasSuffix(name, ".sigstore.json") {
			t.Errorf("the run verifies with %s changed to %q", name, body)
		}
	})
}

// FuzzDecodeManifest reads fuzzed run manifests (the manifest a pulled or
// verified run carries): a manifest accepted lists plain output file
// names, each once, with 64-character digests.
func FuzzDecodeManifest(f *testing.F) {
	good, err := NewManifest(map[string][]byte{"scorecard.json": []byte("{}"), "summary.md": []byte("# x\n")})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte(`{"_type":"x","files":[]}`))
	f.Add(bytes.Replace(good, []byte("summary.md"), []byte("../summary.md"), 1))
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, err := DecodeManifest("manifest.json", raw)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "manifest.json: ") {
				t.Errorf("error %q does not name the file", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, e := range m.Files {
			if checkName(e.Name) != nil || seen[e.Name] || len(e.SHA256) != 64 {
				t.Errorf("accepted entry %+v", e)
			}
			seen[e.Name] = true
		}
	})
}
