package attest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"maps"
	"math/big"
	mrand "math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/secure-systems-lab/go-securesystemslib/encrypted"
	"github.com/sigstore/sigstore/pkg/signature"

	"github.com/slate-ot/slate/collectors/collectortest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// testdata/out holds a real output set of the plant-a example, cut down:
// bundle.json and summary.md as `slate assess` wrote them, scorecard.json
// keeping the fields the predicate reads (its digests.bundle is the
// sha256 of bundle.json).
const fixture = "testdata/out"

var fixtureNames = []string{"bundle.json", "scorecard.json", "summary.md"}

var known = []string{"bundle.json", "junit.xml", "scorecard.html", "scorecard.json", "scorecard.xlsx", "summary.md"}

var verifyOpts = VerifyOptions{Required: []string{ScorecardFile, BundleFile}, Known: known}

// Key generation runs scrypt; share one pair per password across tests.
var (
	keysMu sync.Mutex
	keys   = map[string][2][]byte{}
)

func keyPair(t testing.TB, password string) (privPEM, pubPEM []byte) {
	t.Helper()
	keysMu.Lock()
	defer keysMu.Unlock()
	if k, ok := keys[password]; ok {
		return k[0], k[1]
	}
	priv, pub, err := GenerateKeyPair([]byte(password))
	if err != nil {
		t.Fatal(err)
	}
	keys[password] = [2][]byte{priv, pub}
	return priv, pub
}

func signer(t testing.TB, password string) signature.SignerVerifier {
	t.Helper()
	priv, _ := keyPair(t, password)
	s, err := LoadPrivateKey(priv, []byte(password))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func verifier(t testing.TB, password string) *signature.ECDSAVerifier {
	t.Helper()
	_, pub := keyPair(t, password)
	v, err := LoadPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// signedDir copies the fixture into a temporary directory and signs it.
func signedDir(t testing.TB, password string) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range fixtureNames {
		copyFile(t, filepath.Join(fixture, name), filepath.Join(dir, name))
	}
	res, err := Sign(dir, fixtureNames, signer(t, password))
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, res.Files)
	return dir
}

func copyFile(t testing.TB, from, to string) {
	t.Helper()
	raw, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, raw, 0o644); err != nil {
		t.Fatal(err)
	}
}

func writeFiles(t testing.TB, dir string, files map[string][]byte) {
	t.Helper()
	for name, raw := range files {
		if err := os.WriteFile(filepath.Join(dir, name), raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestKeyRoundTrip(t *testing.T) {
	priv, pub := keyPair(t, "correct horse")
	block, _ := pem.Decode(priv)
	if block == nil || block.Type != SigstorePrivateKeyType {
		t.Fatalf("private key PEM type: got %v, want %q", block, SigstorePrivateKeyType)
	}
	if strings.Contains(string(priv), "BEGIN PRIVATE KEY") || strings.Contains(string(priv), "BEGIN EC PRIVATE KEY") {
		t.Fatal("the private key is written unencrypted")
	}
	// The body is securesystemslib's encrypted JSON (scrypt + secretbox).
	if !strings.Contains(string(block.Bytes), `"kdf"`) || !strings.Contains(string(block.Bytes), `"nacl/secretbox"`) {
		t.Fatalf("private key body is not scrypt+secretbox JSON: %.80s", block.Bytes)
	}
	s, err := LoadPrivateKey(priv, []byte("correct horse"))
	if err != nil {
		t.Fatal(err)
	}
	v, err := LoadPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	sp, _ := s.PublicKey()
	vp, _ := v.PublicKey()
	if !sp.(*ecdsa.PublicKey).Equal(vp) {
		t.Fatal("the public key is not the private key's")
	}
	data := []byte("scorecard bytes")
	sig, err := SignBlob(s, data)
	if err != nil {
		t.Fatal(err)
	}
	if err := VerifyBlob(v, data, sig); err != nil {
		t.Fatal(err)
	}
}

// encryptKey writes key the way cosign does, under the given PEM type.
func encryptKey(t *testing.T, key any, pemType, password string) []byte {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	enc, err := encrypted.Encrypt(der, []byte(password))
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: pemType, Bytes: enc})
}

func TestLoadPrivateKey(t *testing.T) {
	t.Parallel()
	good, _ := keyPair(t, "pw")
	p256, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	p384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	rsaKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	plainDER, _ := x509.MarshalPKCS8PrivateKey(p256)
	tests := []struct {
		name     string
		pem      []byte
		password string
		wantErr  string
	}{
		{name: "slate key", pem: good, password: "pw"},
		{name: "older cosign PEM type", pem: encryptKey(t, p256, CosignPrivateKeyType, "pw"), password: "pw"},
		{name: "empty password", pem: encryptKey(t, p256, SigstorePrivateKeyType, ""), password: ""},
		{name: "wrong password", pem: good, password: "PW", wantErr: ErrWrongPassword.Error()},
		{name: "not PEM", pem: []byte("hello"), password: "pw", wantErr: "no PEM block"},
		{name: "unencrypted key", pem: pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: plainDER}), password: "pw", wantErr: `PEM block "PRIVATE KEY" is not an encrypted cosign private key`},
		{name: "garbage body", pem: pem.EncodeToMemory(&pem.Block{Type: SigstorePrivateKeyType, Bytes: []byte("{}")}), password: "pw", wantErr: "decrypt private key"},
		{name: "data after the key", pem: append(slices.Clone(good), "trailing"...), password: "pw", wantErr: "data after the PEM block"},
		{name: "P-384", pem: encryptKey(t, p384, SigstorePrivateKeyType, "pw"), password: "pw", wantErr: "ECDSA P-384; slate signs with ECDSA P-256 keys only"},
		{name: "RSA", pem: encryptKey(t, rsaKey, SigstorePrivateKeyType, "pw"), password: "pw", wantErr: "RSA 2048; slate signs with ECDSA P-256 keys only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadPrivateKey(tt.pem, []byte(tt.password))
			checkErr(t, err, tt.wantErr)
			if tt.name == "wrong password" && !errors.Is(err, ErrWrongPassword) {
				t.Errorf("error %v is not ErrWrongPassword", err)
			}
		})
	}
}

func TestLoadPublicKey(t *testing.T) {
	t.Parallel()
	_, good := keyPair(t, "pw")
	p384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	der384, _ := x509.MarshalPKIXPublicKey(p384.Public())
	tests := []struct {
		name    string
		pem     []byte
		wantErr string
	}{
		{name: "slate key", pem: good},
		{name: "not PEM", pem: []byte("-----BEGIN"), wantErr: "no PEM block"},
		{name: "private key instead", pem: encryptKey(t, p384, SigstorePrivateKeyType, "pw"), wantErr: "is not a \"PUBLIC KEY\""},
		{name: "garbage", pem: pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: []byte{1, 2, 3}}), wantErr: "parse public key"},
		{name: "P-384", pem: pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der384}), wantErr: "ECDSA P-384"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadPublicKey(tt.pem)
			checkErr(t, err, tt.wantErr)
		})
	}
}

func TestVerifyBlob(t *testing.T) {
	t.Parallel()
	data := []byte("the bytes on disk")
	sig, err := SignBlob(signer(t, "a"), data)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		v       signature.Verifier
		data    []byte
		sig     []byte
		wantErr string
	}{
		{name: "good", v: verifier(t, "a"), data: data, sig: sig},
		{name: "trailing newline", v: verifier(t, "a"), data: data, sig: append(slices.Clone(sig), '\n')},
		{name: "other key", v: verifier(t, "b"), data: data, sig: sig, wantErr: "does not match"},
		{name: "other data", v: verifier(t, "a"), data: []byte("the bytes on disT"), sig: sig, wantErr: "does not match"},
		{name: "line break inside", v: verifier(t, "a"), data: data, sig: []byte(string(sig[:10]) + "\n" + string(sig[10:])), wantErr: "not canonical"},
		{name: "not base64", v: verifier(t, "a"), data: data, sig: []byte("%%%"), wantErr: "not a base64 signature"},
		{name: "empty", v: verifier(t, "a"), data: data, sig: nil, wantErr: "empty signature"},
		{name: "raw DER", v: verifier(t, "a"), data: data, sig: mustDecode(t, sig), wantErr: "not a base64 signature"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErr(t, VerifyBlob(tt.v, tt.data, tt.sig), tt.wantErr)
		})
	}
}

func mustDecode(t *testing.T, b []byte) []byte {
	t.Helper()
	raw, err := base64.StdEncoding.DecodeString(string(b))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func checkErr(t *testing.T, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Fatalf("unexpected error: %v", err)
	case want != "" && err == nil:
		t.Fatalf("no error, want one containing %q", want)
	case want != "" && !strings.Contains(err.Error(), want):
		t.Fatalf("error %q does not contain %q", err, want)
	}
}

// TestStatement pins the statement made for the fixture: subjects, their
// digests and the predicate. Only the signatures vary between runs.
func TestStatement(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, name := range fixtureNames {
		copyFile(t, filepath.Join(fixture, name), filepath.Join(dir, name))
	}
	a, err := Sign(dir, fixtureNames, signer(t, "a"))
	if err != nil {
		t.Fatal(err)
	}
	reversed := slices.Clone(fixtureNames)
	slices.Reverse(reversed)
	b, err := Sign(dir, reversed, signer(t, "b"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a.Statement, b.Statement); diff != "" {
		t.Errorf("statement depends on the key or name order (-a +b):\n%s", diff)
	}
	if got, want := slices.Sorted(maps.Keys(a.Files)), []string{
		"bundle.json.sig", "bundle.json.sigstore.json",
		"scorecard.json.sig", "scorecard.json.sigstore.json",
		AttestationFile,
		"summary.md.sig", "summary.md.sigstore.json",
	}; !slices.Equal(got, want) {
		t.Errorf("signature files: got %v, want %v", got, want)
	}
	collectortest.GoldenJSON(t, "testdata/statement.golden.json", a.Statement, *update)
}

func TestSignRefuses(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, name := range fixtureNames {
		copyFile(t, filepath.Join(fixture, name), filepath.Join(dir, name))
	}
	otherBundle := t.TempDir()
	copyFile(t, filepath.Join(fixture, "scorecard.json"), filepath.Join(otherBundle, "scorecard.json"))
	if err := os.WriteFile(filepath.Join(otherBundle, "bundle.json"), []byte(`{"format":"other"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	notScorecard := t.TempDir()
	if err := os.WriteFile(filepath.Join(notScorecard, "scorecard.json"), []byte(`{"format":"x"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		dir     string
		names   []string
		wantErr string
	}{
		{name: "no scorecard", dir: dir, names: []string{"bundle.json"}, wantErr: "nothing to attest without scorecard.json"},
		{name: "path, not name", dir: dir, names: []string{"scorecard.json", "../x"}, wantErr: `"../x" is not a file name`},
		{name: "signature file", dir: dir, names: []string{"scorecard.json", "bundle.json.sig"}, wantErr: "is a signature file"},
		{name: "missing file", dir: dir, names: []string{"scorecard.json", "junit.xml"}, wantErr: "junit.xml"},
		{name: "bundle of another run", dir: otherBundle, names: []string{"scorecard.json", "bundle.json"}, wantErr: "is not the scorecard's digests.bundle"},
		{name: "not a scorecard", dir: notScorecard, names: []string{"scorecard.json"}, wantErr: "not a slate scorecard"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Sign(tt.dir, tt.names, signer(t, "a"))
			checkErr(t, err, tt.wantErr)
		})
	}
}

func TestVerify(t *testing.T) {
	t.Parallel()
	res, err := Verify(signedDir(t, "a"), verifier(t, "a"), verifyOpts)
	if err != nil {
		t.Fatal(err)
	}
	if got := slices.Sorted(maps.Keys(res.Files)); !slices.Equal(got, fixtureNames) {
		t.Errorf("verified files: got %v, want %v", got, fixtureNames)
	}
	for _, name := range fixtureNames {
		want, _ := os.ReadFile(filepath.Join(fixture, name))
		if !slices.Equal(res.Files[name], want) {
			t.Errorf("%s: verified bytes are not the file's", name)
		}
	}
}

// TestVerifyFailures changes a signed directory in one way each and checks
// the error names the file and the check.
func TestVerifyFailures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		key    string // the verifying key's password; "a" signed
		change func(t *testing.T, dir string)
		want   []string // "file: check" prefixes, all expected
	}{
		{
			name: "other public key",
			key:  "b",
			want: []string{
				"slate.intoto.json: attestation: the DSSE signature does not verify",
				"bundle.json.sig: signature:", "bundle.json.sigstore.json: sigstore bundle: the bundle names key",
				"scorecard.json.sig: signature:", "summary.md.sig: signature:",
			},
		},
		{
			name:   "scorecard edited",
			change: func(t *testing.T, dir string) { appendTo(t, filepath.Join(dir, "scorecard.json"), " ") },
			want: []string{
				"scorecard.json: digest: sha256", "scorecard.json.sig: signature:",
				"scorecard.json.sigstore.json: sigstore bundle: the bundle's message digest",
			},
		},
		{
			name:   "signature missing",
			change: func(t *testing.T, dir string) { remove(t, filepath.Join(dir, "summary.md.sig")) },
			want:   []string{"summary.md.sig: read: missing"},
		},
		{
			name:   "sigstore bundle missing",
			change: func(t *testing.T, dir string) { remove(t, filepath.Join(dir, "bundle.json.sigstore.json")) },
			want:   []string{"bundle.json.sigstore.json: read: missing"},
		},
		{
			name:   "subject deleted",
			change: func(t *testing.T, dir string) { remove(t, filepath.Join(dir, "summary.md")) },
			want:   []string{"summary.md: read: missing"},
		},
		{
			name:   "not signed",
			change: func(t *testing.T, dir string) { remove(t, filepath.Join(dir, AttestationFile)) },
			want:   []string{"slate.intoto.json: attestation: missing"},
		},
		{
			name: "unsigned report added",
			change: func(t *testing.T, dir string) {
				if err := os.WriteFile(filepath.Join(dir, "junit.xml"), []byte("<testsuites/>"), 0o644); err != nil {
					t.Fatal(err)
				}
			},
			want: []string{"junit.xml: subject: not attested"},
		},
		{
			name: "attestation re-signed with another key",
			change: func(t *testing.T, dir string) {
				res, err := Sign(dir, fixtureNames, signer(t, "b"))
				if err != nil {
					t.Fatal(err)
				}
				writeFiles(t, dir, map[string][]byte{AttestationFile: res.Files[AttestationFile]})
			},
			want: []string{"slate.intoto.json: attestation: the DSSE signature does not verify"},
		},
		{
			name: "signatures swapped between files",
			change: func(t *testing.T, dir string) {
				copyFile(t, filepath.Join(dir, "bundle.json.sig"), filepath.Join(dir, "summary.md.sig"))
			},
			want: []string{"summary.md.sig: signature: the signature does not match"},
		},
		{
			name: "bundle.json left out when signing",
			change: func(t *testing.T, dir string) {
				res, err := Sign(dir, []string{"scorecard.json", "summary.md"}, signer(t, "a"))
				if err != nil {
					t.Fatal(err)
				}
				writeFiles(t, dir, res.Files)
			},
			want: []string{"bundle.json: subject: not attested: the attestation does not list it"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := signedDir(t, "a")
			if tt.change != nil {
				tt.change(t, dir)
			}
			_, err := Verify(dir, verifier(t, cmpOr(tt.key, "a")), verifyOpts)
			if err == nil {
				t.Fatal("verification passed")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), filepath.Join(dir, w)) {
					t.Errorf("error does not contain %q:\n%v", filepath.Join(dir, w), err)
				}
			}
			var ve *VerifyError
			if !errors.As(err, &ve) {
				t.Errorf("error %v is not a *VerifyError", err)
			}
		})
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func appendTo(t *testing.T, path, s string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(s); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, path string) {
	t.Helper()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
}

// TestTamper flips one byte at 200 random positions (fixed seed) of every
// signed file, signature, sigstore bundle and the attestation: each
// change must fail verification; the untouched set must pass.
func TestTamper(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("tamper test reads the directory thousands of times")
	}
	dir := signedDir(t, "a")
	v := verifier(t, "a")
	if _, err := Verify(dir, v, verifyOpts); err != nil {
		t.Fatalf("untouched set: %v", err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	rng := mrand.New(mrand.NewPCG(62443, 3))
	const positions = 200
	for _, e := range entries {
		name := e.Name()
		path := filepath.Join(dir, name)
		orig, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		passed := 0
		for range positions {
			pos := rng.IntN(len(orig))
			mask := byte(1 + rng.IntN(255))
			changed := slices.Clone(orig)
			changed[pos] ^= mask
			if err := os.WriteFile(path, changed, 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := Verify(dir, v, verifyOpts); err == nil {
				passed++
				if passed <= 3 {
					t.Errorf("%s: byte %d ^ %#02x still verifies", name, pos, mask)
				}
			}
		}
		if passed > 0 {
			t.Errorf("%s: %d of %d changes verified", name, passed, positions)
		}
		if err := os.WriteFile(path, orig, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Verify(dir, v, verifyOpts); err != nil {
		t.Fatalf("restored set: %v", err)
	}
}

func TestDiffJSON(t *testing.T) {
	tests := []struct {
		name      string
		want, got string
		diffs     []string
	}{
		{name: "equal", want: `{"a":1,"b":[1,2]}`, got: `{"b":[1,2],"a":1}`},
		{name: "number as written", want: `{"a":1.0}`, got: `{"a":1}`, diffs: []string{"$.a: want 1.0, got 1"}},
		{name: "nested", want: `{"t":{"open":3}}`, got: `{"t":{"open":5}}`, diffs: []string{"$.t.open: want 3, got 5"}},
		{name: "array element", want: `{"g":[{"s":"open"},{"s":"open"}]}`, got: `{"g":[{"s":"open"},{"s":"waived"}]}`, diffs: []string{`$.g[1].s: want "open", got "waived"`}},
		{name: "array length", want: `[1,2,3]`, got: `[1,2]`, diffs: []string{"$: want 3 elements, got 2"}},
		{name: "key missing and added", want: `{"a":1}`, got: `{"b":1}`, diffs: []string{"$.a: want 1, missing", "$.b: not expected, got 1"}},
		{name: "type changed", want: `{"a":{}}`, got: `{"a":[]}`, diffs: []string{"$.a: want {}, got []"}},
		{name: "not JSON", want: `{`, got: `{}`, diffs: []string{"$: the texts differ and are not both JSON"}},
		{name: "cut at max", want: `[1,2,3,4]`, got: `[5,6,7,8]`, diffs: []string{"$[0]: want 1, got 5", "$[1]: want 2, got 6"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.diffs, DiffJSON([]byte(tt.want), []byte(tt.got), 2)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestCheckReproduced(t *testing.T) {
	tests := []struct {
		name           string
		signed, remade string
		wantErr        string
	}{
		{name: "identical", signed: `{"a":1}`, remade: `{"a":1}`},
		{name: "json", signed: `{"totals":{"open_gaps":0}}`, remade: `{"totals":{"open_gaps":4}}`, wantErr: "out/scorecard.json: re-evaluation: the re-evaluation gives different bytes (want the signed, got the re-made): $.totals.open_gaps: want 0, got 4"},
		{name: "same value, other spelling", signed: `{"a":1,"b":2}`, remade: `{"b":2,"a":1}`, wantErr: "the bytes differ"},
		{name: "text", signed: "# Summary\nopen: 0\n", remade: "# Summary\nopen: 4\n", wantErr: "first difference at byte 16 (line 2, column 7)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErr(t, CheckReproduced("out", "scorecard.json", []byte(tt.signed), []byte(tt.remade)), tt.wantErr)
		})
	}
}

// TestLowS: slate's signatures are in their low-S form, and the high form
// of the same signature verifies too (as with cosign, whose signatures
// have a high s about half of the time).
func TestLowS(t *testing.T) {
	s := signer(t, "low-s")
	v := verifier(t, "low-s")
	n := elliptic.P256().Params().N
	half := new(big.Int).Rsh(n, 1)
	for i := range 32 {
		msg := []byte(fmt.Sprintf("message %d", i))
		sig, err := s.SignMessage(bytes.NewReader(msg))
		if err != nil {
			t.Fatal(err)
		}
		var rs struct{ R, S *big.Int }
		if _, err := asn1.Unmarshal(sig, &rs); err != nil {
			t.Fatal(err)
		}
		if rs.S.Cmp(half) > 0 {
			t.Fatalf("signature %d has a high s", i)
		}
		if err := v.VerifySignature(bytes.NewReader(sig), bytes.NewReader(msg)); err != nil {
			t.Fatalf("low form: %v", err)
		}
		rs.S.Sub(n, rs.S)
		high, err := asn1.Marshal(rs)
		if err != nil {
			t.Fatal(err)
		}
		if err := v.VerifySignature(bytes.NewReader(high), bytes.NewReader(msg)); err != nil {
			t.Fatalf("high form: %v", err)
		}
		if back, err := LowS(high, n); err != nil || !bytes.Equal(back, sig) {
			t.Fatalf("LowS of the high form = %x, %v; want the low form", back, err)
		}
	}
}
