package engine

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/open-policy-agent/opa/v1/util"

	"github.com/slate-ot/slate/engine/assessment"
	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
)

// PolicyPack is one policy pack whose checks ran: an OPA bundle of custom
// modules, named in the assessment's policies block.
type PolicyPack = scorecard.PolicyPack

// The key id and algorithm of the signatures BuildPack writes. A pack is
// verified with the one key the assessment names, whatever key id its
// signature carries, so bundles signed by `opa build --signing-key` verify
// as well.
const (
	packKeyID = "slate"
	packAlg   = "ES256"
)

// BuildPack returns the custom policies under dir (tests, *_test.rego,
// excluded) as an OPA bundle: each module at its path relative to dir, an
// empty data.json, and a .manifest whose revision is the digest of the
// modules (as a policy set's digest is computed) and whose roots are the
// modules' packages. The modules must compile beside the built-in ones.
// The bytes are the same for the same modules wherever they are checked
// out. With signingKey (a PEM ECDSA P-256 private key) the bundle carries
// a .signatures.json as OPA defines it: a JWT (ES256) over the files'
// SHA-256 hashes. ECDSA signatures are not deterministic, so a signed
// pack's .signatures.json differs from one build to the next.
func BuildPack(dir string, signingKey []byte) ([]byte, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", dir)
	}
	ps, err := LoadPolicies(dir, []string{dir})
	if err != nil {
		return nil, err
	}
	var mods []Module
	for _, m := range ps.Modules {
		if !m.Builtin {
			mods = append(mods, m)
		}
	}
	if len(mods) == 0 {
		return nil, fmt.Errorf("%s holds no policies (.rego files other than tests)", dir)
	}
	var roots []string
	for _, m := range mods {
		pkg := strings.TrimPrefix(ps.parsed[m.Path].Package.Path.String(), "data.")
		roots = append(roots, strings.ReplaceAll(pkg, ".", "/"))
	}
	manifest, err := evidence.Canonical(map[string]any{
		"revision":     setDigest(mods),
		"roots":        disjointRoots(roots),
		"rego_version": 1,
		"metadata":     map[string]any{"engine": map[string]string{"name": "slate", "version": Version}},
	})
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{"/.manifest": manifest, "/data.json": []byte("{}\n")}
	for _, m := range mods {
		files["/"+m.Path] = ps.sources[m.Path]
	}
	if signingKey != nil {
		sig, err := signPack(files, signingKey)
		if err != nil {
			return nil, err
		}
		files["/.signatures.json"] = sig
	}
	return tarGz(files)
}

// disjointRoots sorts roots and drops those below another one: OPA
// rejects a manifest whose roots overlap.
func disjointRoots(roots []string) []string {
	slices.Sort(roots)
	roots = slices.Compact(roots)
	var out []string
	for _, r := range roots {
		if len(out) > 0 && strings.HasPrefix(r, out[len(out)-1]+"/") {
			continue
		}
		out = append(out, r)
	}
	return out
}

// signPack returns the .signatures.json of files: a JWT over each file's
// hash as OPA's bundle verification computes it (data.json and .manifest
// hashed as normalised JSON, the rest as bytes).
func signPack(files map[string][]byte, keyPEM []byte) ([]byte, error) {
	if _, err := ecdsaKey(keyPEM); err != nil {
		return nil, err
	}
	hash, err := bundle.NewSignatureHasher(bundle.SHA256)
	if err != nil {
		return nil, err
	}
	var infos []bundle.FileInfo
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for n := range files {
			if !yield(n) {
				return
			}
		}
	}) {
		var value any = files[name]
		if bundle.IsStructuredDoc(name) {
			if err := util.Unmarshal(files[name], &value); err != nil {
				return nil, fmt.Errorf("sign %s: %w", name, err)
			}
		}
		sum, err := hash.HashFile(value)
		if err != nil {
			return nil, fmt.Errorf("sign %s: %w", name, err)
		}
		infos = append(infos, bundle.NewFile(strings.TrimPrefix(name, "/"), hex.EncodeToString(sum), bundle.SHA256.String()))
	}
	token, err := bundle.GenerateSignedToken(infos, bundle.NewSigningConfig(string(keyPEM), packAlg, ""), packKeyID)
	if err != nil {
		return nil, fmt.Errorf("sign the pack: %w", err)
	}
	return json.Marshal(bundle.SignaturesConfig{Signatures: []string{token}})
}

// ecdsaKey checks that keyPEM is an unencrypted ECDSA P-256 private key.
func ecdsaKey(keyPEM []byte) (*ecdsa.PrivateKey, error) {
	block, _ := pem.Decode(keyPEM)
	if block == nil {
		return nil, errors.New("the signing key is not PEM")
	}
	var key any
	var err error
	switch block.Type {
	case "PRIVATE KEY":
		key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	case "EC PRIVATE KEY":
		key, err = x509.ParseECPrivateKey(block.Bytes)
	default:
		return nil, fmt.Errorf("the signing key is a %q PEM block; packs are signed with ECDSA P-256 private keys", block.Type)
	}
	if err != nil {
		return nil, fmt.Errorf("parse the signing key: %w", err)
	}
	priv, ok := key.(*ecdsa.PrivateKey)
	if !ok || priv.Curve != elliptic.P256() {
		return nil, errors.New("the signing key is not ECDSA P-256; packs are signed with ES256")
	}
	return priv, nil
}

// PackFetcher fetches the policy packs an assessment pins in OCI
// registries (policies { oci = [...] }). The engine holds no registry
// client: the command line gives it one (slate's oci package).
type PackFetcher interface {
	// FetchPack returns the OPA bundle of the pack ref names, pinned by
	// digest (REGISTRY/REPOSITORY@sha256:…); with publicKey (PEM) the
	// artifact's cosign signature must verify with that key.
	FetchPack(ctx context.Context, ref string, publicKey []byte) ([]byte, error)
}

// packSource is one policy pack to load: its name (in errors, the
// scorecard and module paths), its bytes, and whether its signature was
// verified where it was fetched (an OCI pack's cosign signature).
type packSource struct {
	name     string
	raw      []byte
	verified bool
}

// readPacks reads the policy packs a names: its pack files (named by
// their path relative to its directory) and its OCI packs, fetched with
// fetch (named by their reference). With a bundle_key, an OCI pack's
// cosign signature must verify with it.
func readPacks(ctx context.Context, a *assessment.Assessment, fetch PackFetcher) ([]packSource, []byte, error) {
	var pub []byte
	if a.PolicyBundleKey != "" {
		var err error
		pub, err = os.ReadFile(a.PolicyBundleKey)
		if err != nil {
			return nil, nil, fmt.Errorf("read the bundle key: %w", err)
		}
		if block, _ := pem.Decode(pub); block == nil || block.Type != "PUBLIC KEY" {
			return nil, nil, &PolicyError{Problems: []string{filepath.ToSlash(relOrSelf(a.Dir, a.PolicyBundleKey)) + ": not a PEM public key (like cosign.pub)"}}
		}
	}
	var packs []packSource
	for _, file := range a.PolicyBundles {
		raw, err := os.ReadFile(file)
		if err != nil {
			return nil, nil, fmt.Errorf("read policy pack: %w", err)
		}
		packs = append(packs, packSource{name: filepath.ToSlash(relOrSelf(a.Dir, file)), raw: raw})
	}
	if len(a.PolicyOCI) > 0 && fetch == nil {
		return nil, nil, fmt.Errorf("the policies block pins policy packs in OCI registries (%s), which this command does not fetch (slate verify never uses the network: verify without --assessment, with the policies sealed in the run)", strings.Join(a.PolicyOCI, ", "))
	}
	var problems []string
	for _, ref := range a.PolicyOCI {
		raw, err := fetch.FetchPack(ctx, ref, pub)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", ref, err))
			continue
		}
		packs = append(packs, packSource{name: ref, raw: raw, verified: pub != nil})
	}
	if len(problems) > 0 {
		return nil, nil, &PolicyError{Problems: problems}
	}
	return packs, pub, nil
}

// packModules returns the modules of the policy packs, keyed by
// "PACK/MODULE", the packs as the scorecard lists them, and warnings for
// packs no key verified. With pub (the bundle_key's PEM, like
// cosign.pub), every pack not verified already must carry a
// .signatures.json that the key verifies; without, signatures are not
// checked. A manifest revision in slate's digest form ("sha256:…") must be
// the digest of the pack's modules; other revisions (`opa build` writes
// none, or any string) are taken as they are.
func packModules(packSources []packSource, pub []byte) (map[string][]byte, []PolicyPack, []string, error) {
	var vc *bundle.VerificationConfig
	if pub != nil {
		vc = bundle.NewVerificationConfig(map[string]*bundle.KeyConfig{
			packKeyID: {Key: string(pub), Algorithm: packAlg},
		}, packKeyID, "", nil)
	}
	sources := map[string][]byte{}
	var packs []PolicyPack
	var warnings, problems []string
	for _, p := range packSources {
		name, raw := p.name, p.raw
		r := bundle.NewReader(bytes.NewReader(raw)).
			WithRegoVersion(ast.RegoV1).
			WithProcessAnnotations(true)
		switch {
		case p.verified:
			// Its cosign signature covers these bytes, .signatures.json
			// (if any) among them.
			r = r.WithSkipBundleVerification(true)
		case vc != nil:
			r = r.WithBundleVerificationConfig(vc)
		default:
			r = r.WithSkipBundleVerification(true)
			warnings = append(warnings, fmt.Sprintf("policy pack %s is not verified: the policies block names no bundle_key", name))
		}
		b, err := r.Read()
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", name, err))
			continue
		}
		if len(b.Data) > 0 {
			problems = append(problems, fmt.Sprintf("%s: the bundle carries data; a policy pack holds Rego modules only", name))
			continue
		}
		if len(b.Modules) == 0 {
			problems = append(problems, fmt.Sprintf("%s: the bundle holds no Rego modules", name))
			continue
		}
		var mods []Module
		for _, m := range b.Modules {
			p := strings.TrimPrefix(m.Path, "/")
			sum := sha256.Sum256(m.Raw)
			mods = append(mods, Module{Path: p, SHA256: hex.EncodeToString(sum[:])})
			if isPolicyFile(p) { // tests are not loaded, as in a policy directory
				sources[name+"/"+p] = m.Raw
			}
		}
		slices.SortFunc(mods, func(a, b Module) int { return strings.Compare(a.Path, b.Path) })
		if rev := b.Manifest.Revision; strings.HasPrefix(rev, "sha256:") && rev != setDigest(mods) {
			problems = append(problems, fmt.Sprintf("%s: the manifest's revision %s is not the digest of its modules, %s", name, rev, setDigest(mods)))
			continue
		}
		sum := sha256.Sum256(raw)
		packs = append(packs, PolicyPack{Path: name, Revision: b.Manifest.Revision, SHA256: hex.EncodeToString(sum[:]), Signed: vc != nil})
	}
	if len(problems) > 0 {
		return nil, nil, nil, &PolicyError{Problems: problems}
	}
	slices.SortFunc(packs, func(a, b PolicyPack) int { return strings.Compare(a.Path, b.Path) })
	return sources, packs, warnings, nil
}
