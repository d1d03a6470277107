package attest

import (
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/sigstore/sigstore/pkg/signature"
)

// File names in a signed output directory.
const (
	// ScorecardFile is the scorecard; the predicate is read from it.
	ScorecardFile = "scorecard.json"
	// BundleFile is the evidence bundle the scorecard was evaluated from.
	BundleFile = "bundle.json"
	// AttestationFile holds the DSSE envelope of the in-toto statement.
	AttestationFile = "slate.intoto.json"
	// SigSuffix and BundleSuffix are appended to a signed file's name.
	SigSuffix    = ".sig"
	BundleSuffix = ".sigstore.json"
)

// SignedFiles is the result of signing: the signature files to write into
// the directory (name → bytes) and the statement they attest.
type SignedFiles struct {
	Files     map[string][]byte
	Statement Statement
}

// Sign signs the files called names in dir (plain file names, scorecard.json
// among them) and returns the signature files to write next to them: a .sig
// and a .sigstore.json per file and the attestation. Each file is read once
// and those exact bytes are signed, digested and described. Sign writes
// nothing.
func Sign(dir string, names []string, s signature.SignerVerifier) (*SignedFiles, error) {
	files := map[string][]byte{}
	for _, name := range names {
		if err := checkName(name); err != nil {
			return nil, err
		}
		raw, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("read %w", err)
		}
		files[name] = raw
	}
	return SignFiles(dir, files, s)
}

// SignFiles signs files (plain file name → the exact bytes that are, or
// will be, written under dir, scorecard.json among them) as Sign does; dir
// only names them in errors. slate assess --sign-key signs its outputs this
// way before writing them all at once.
func SignFiles(dir string, files map[string][]byte, s signature.SignerVerifier) (*SignedFiles, error) {
	if _, ok := files[ScorecardFile]; !ok {
		return nil, fmt.Errorf("%s: nothing to attest without %s", dir, ScorecardFile)
	}
	pred, err := PredicateFromScorecard(filepath.Join(dir, ScorecardFile), files[ScorecardFile])
	if err != nil {
		return nil, err
	}
	digests := map[string]FileDigest{}
	for name, data := range files {
		digests[name] = FileDigest{Size: int64(len(data)), SHA256: sha256Hex(data)}
	}
	return SignDigests(dir, pred, digests, func(name string) (io.ReadCloser, error) {
		return io.NopCloser(bytesReader(files[name])), nil
	}, s)
}

// FileDigest is a file's size and SHA-256 (hex).
type FileDigest struct {
	Size   int64
	SHA256 string
}

// SignDigests signs files too large to hold in memory, as SignFiles does:
// digests are their sizes and sha256 (recorded as they were written), pred
// the predicate of their scorecard, and open reads a file back, one at a
// time, for its signature. The files must be those digests name, unchanged.
func SignDigests(dir string, pred Predicate, digests map[string]FileDigest, open func(name string) (io.ReadCloser, error), s signature.SignerVerifier) (*SignedFiles, error) {
	names := slices.Sorted(maps.Keys(digests))
	if !slices.Contains(names, ScorecardFile) {
		return nil, fmt.Errorf("%s: nothing to attest without %s", dir, ScorecardFile)
	}
	for _, name := range names {
		if err := checkName(name); err != nil {
			return nil, err
		}
	}
	if d, ok := digests[BundleFile]; ok {
		if got := "sha256:" + d.SHA256; got != pred.Digests.Bundle {
			return nil, fmt.Errorf("%s: sha256 %s is not the scorecard's digests.bundle %s; sign the outputs of one run",
				filepath.Join(dir, BundleFile), d.SHA256, pred.Digests.Bundle)
		}
	}
	out := map[string][]byte{}
	for _, name := range names {
		r, err := open(name)
		if err != nil {
			return nil, fmt.Errorf("sign %s: %w", filepath.Join(dir, name), err)
		}
		raw, err := s.SignMessage(r)
		r.Close()
		if err != nil {
			return nil, fmt.Errorf("sign %s: %w", filepath.Join(dir, name), err)
		}
		out[name+SigSuffix] = []byte(encodeSig(raw))
		digest, err := hex.DecodeString(digests[name].SHA256)
		if err != nil {
			return nil, fmt.Errorf("sign %s: %w", filepath.Join(dir, name), err)
		}
		if out[name+BundleSuffix], err = sigstoreBundle(s, digest, raw); err != nil {
			return nil, fmt.Errorf("sign %s: %w", filepath.Join(dir, name), err)
		}
	}
	st := Statement{Type: StatementType, PredicateType: PredicateType, Predicate: pred, Subject: []Subject{}}
	for _, name := range names {
		st.Subject = append(st.Subject, Subject{Name: name, Digest: map[string]string{"sha256": digests[name].SHA256}})
	}
	var err error
	if out[AttestationFile], err = SignStatement(s, st); err != nil {
		return nil, err
	}
	return &SignedFiles{Files: out, Statement: st}, nil
}

// checkName accepts a plain file name that is not itself a signature file.
func checkName(name string) error {
	switch {
	case name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) || filepath.Base(name) != name:
		return fmt.Errorf("%q is not a file name in the output directory", name)
	case name == AttestationFile || strings.HasSuffix(name, SigSuffix) || strings.HasSuffix(name, BundleSuffix):
		return fmt.Errorf("%q is a signature file, not an output", name)
	}
	return nil
}

// checkBundleDigest checks that bundle.json is the bundle the scorecard
// was evaluated from.
func checkBundleDigest(bundle []byte, p Predicate) error {
	if got := "sha256:" + sha256Hex(bundle); got != p.Digests.Bundle {
		return fmt.Errorf("sha256 %s is not the scorecard's digests.bundle %s", strings.TrimPrefix(got, "sha256:"), p.Digests.Bundle)
	}
	return nil
}
