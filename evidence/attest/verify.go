package attest

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/sigstore/sigstore/pkg/signature"

	"github.com/slate-ot/slate/evidence"
)

// VerifyOptions say which files a signed directory must hold.
type VerifyOptions struct {
	// Required files must be subjects of the attestation.
	Required []string
	// Known are the names of every output slate writes; any of them
	// present in the directory must be a subject, so an unsigned file
	// cannot sit among signed ones.
	Known []string
	// Manifest requires the run manifest (ManifestFile) among the
	// subjects, every file it lists attested with the listed digest and
	// every subject listed; and no file in the directory, at any depth,
	// that does not belong to the run.
	Manifest bool
}

// VerifyError is one failed check: the file and what was checked.
type VerifyError struct {
	// File is the path of the file that failed.
	File string
	// Check names the check: "attestation", "subject", "digest",
	// "signature", "sigstore bundle", "predicate".
	Check string
	Err   error
}

func (e *VerifyError) Error() string { return fmt.Sprintf("%s: %s: %v", e.File, e.Check, e.Err) }

func (e *VerifyError) Unwrap() error { return e.Err }

// Verified is what Verify checked: the statement and the bytes of every
// subject as they were read and verified. Callers that go on (re-evaluate
// the scorecard) use these bytes, not a second read of the directory.
type Verified struct {
	Statement Statement
	Files     map[string][]byte
}

// Verify checks the signed directory dir with the public key v:
//
//   - the attestation's DSSE signature, its statement type and predicate type;
//   - for every subject: the file's sha256 is the subject's, its .sig and
//     its .sigstore.json verify;
//   - the required files are subjects and no known output is unsigned;
//   - the predicate is the one scorecard.json gives, and bundle.json is
//     the bundle the scorecard names.
//
// All failures are returned together (errors.Join of *VerifyError), in
// file order. When the attestation itself does not verify, the known
// outputs present are still checked against their .sig files.
func Verify(dir string, v signature.Verifier, opts VerifyOptions) (*Verified, error) {
	var errs []error
	fail := func(name, check string, err error) {
		errs = append(errs, &VerifyError{File: filepath.Join(dir, name), Check: check, Err: err})
	}
	res := &Verified{Files: map[string][]byte{}}
	// Each file's signature is in its .sig and again in its Sigstore
	// bundle: verify the pair once.
	v = newMemoVerifier(v)

	st, err := readStatement(dir, v)
	if err != nil {
		fail(AttestationFile, "attestation", err)
		// Without a statement there is no list of subjects: check what
		// is there so the report is complete.
		for _, name := range present(dir, opts.Known) {
			if data, ok := readFile(dir, name, fail); ok {
				verifySignatures(dir, name, data, v, fail)
			}
		}
		return nil, errors.Join(errs...)
	}
	res.Statement = st

	subjects := map[string]string{}
	for i, s := range st.Subject {
		if err := checkName(s.Name); err != nil {
			fail(AttestationFile, "subject", fmt.Errorf("subject %d: %w", i, err))
			continue
		}
		if _, dup := subjects[s.Name]; dup {
			fail(AttestationFile, "subject", fmt.Errorf("subject %q appears twice", s.Name))
			continue
		}
		digest := s.Digest["sha256"]
		if len(digest) != 64 || len(s.Digest) != 1 {
			fail(AttestationFile, "subject", fmt.Errorf("subject %q: want exactly one sha256 digest", s.Name))
			continue
		}
		subjects[s.Name] = digest
	}
	for _, name := range sortedKeys(subjects) {
		data, ok := readFile(dir, name, fail)
		if !ok {
			continue
		}
		if got := sha256Hex(data); got != subjects[name] {
			fail(name, "digest", fmt.Errorf("sha256 %s is not the attested %s (the file changed after signing)", got, subjects[name]))
		} else {
			res.Files[name] = data
		}
		verifySignatures(dir, name, data, v, fail)
	}
	required := opts.Required
	if opts.Manifest {
		required = append(slices.Clone(required), ManifestFile)
		checkManifest(dir, res.Files[ManifestFile], subjects, fail)
	}
	for _, name := range required {
		if _, ok := subjects[name]; !ok {
			fail(name, "subject", errors.New("not attested: the attestation does not list it"))
		}
	}
	for _, name := range present(dir, opts.Known) {
		if _, ok := subjects[name]; !ok && !slices.Contains(required, name) {
			fail(name, "subject", errors.New("not attested: the file sits among signed outputs without a signature"))
		}
	}
	if raw, ok := res.Files[ScorecardFile]; ok {
		checkPredicate(dir, raw, res.Files[BundleFile], st.Predicate, fail)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return res, nil
}

// checkManifest compares the attested manifest with the subjects and the
// directory. raw is nil when the manifest is missing or its digest is not
// the attested one; that is reported already.
func checkManifest(dir string, raw []byte, subjects map[string]string, fail func(string, string, error)) {
	if raw == nil {
		return
	}
	m, err := DecodeManifest(filepath.Join(dir, ManifestFile), raw)
	if err != nil {
		fail(ManifestFile, "manifest", err)
		return
	}
	listed := map[string]bool{}
	for _, e := range m.Files {
		listed[e.Name] = true
		switch digest, ok := subjects[e.Name]; {
		case !ok:
			fail(e.Name, "manifest", fmt.Errorf("listed in %s but not attested", ManifestFile))
		case digest != e.SHA256:
			fail(e.Name, "manifest", fmt.Errorf("the attested sha256 %s is not the listed %s", digest, e.SHA256))
		}
	}
	for _, name := range sortedKeys(subjects) {
		if name != ManifestFile && !listed[name] {
			fail(name, "manifest", fmt.Errorf("attested but not listed in %s: not a file of this run", ManifestFile))
		}
	}
	unlisted, err := m.Unlisted(dir)
	if err != nil {
		fail(".", "manifest", err)
		return
	}
	for _, name := range unlisted {
		fail(filepath.FromSlash(name), "subject", fmt.Errorf("not attested: the file sits among signed outputs, and %s does not list it", ManifestFile))
	}
}

// readStatement reads and verifies the attestation.
func readStatement(dir string, v signature.Verifier) (Statement, error) {
	raw, err := os.ReadFile(filepath.Join(dir, AttestationFile))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return Statement{}, errors.New("missing: the directory is not signed (run 'slate sign')")
		}
		return Statement{}, err
	}
	return VerifyStatement(v, raw)
}

// verifySignatures checks name's .sig and .sigstore.json against data.
func verifySignatures(dir, name string, data []byte, v signature.Verifier, fail func(string, string, error)) {
	if sig, ok := readFile(dir, name+SigSuffix, fail); ok {
		if err := VerifyBlob(v, data, sig); err != nil {
			fail(name+SigSuffix, "signature", err)
		}
	}
	if b, ok := readFile(dir, name+BundleSuffix, fail); ok {
		if err := VerifySigstoreBundle(v, data, b); err != nil {
			fail(name+BundleSuffix, "sigstore bundle", err)
		}
	}
}

// checkPredicate compares the attested predicate with the one the signed
// scorecard gives, and bundle.json with the scorecard's bundle digest.
func checkPredicate(dir string, scorecard, bundle []byte, attested Predicate, fail func(string, string, error)) {
	want, err := PredicateFromScorecard(filepath.Join(dir, ScorecardFile), scorecard)
	if err != nil {
		fail(ScorecardFile, "predicate", err)
		return
	}
	a, errA := evidence.Canonical(attested)
	b, errB := evidence.Canonical(want)
	if err := errors.Join(errA, errB); err != nil {
		fail(AttestationFile, "predicate", err)
		return
	}
	if !bytes.Equal(a, b) {
		diffs := DiffJSON(b, a, 5)
		fail(AttestationFile, "predicate", fmt.Errorf("the attested predicate is not the one %s gives: %s", ScorecardFile, joinDiffs(diffs)))
	}
	if bundle != nil {
		if err := checkBundleDigest(bundle, want); err != nil {
			fail(BundleFile, "digest", err)
		}
	}
}

// readFile reads dir/name, reporting a failure as a "read" check.
func readFile(dir, name string, fail func(string, string, error)) ([]byte, bool) {
	raw, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			err = errors.New("missing")
		}
		fail(name, "read", err)
		return nil, false
	}
	return raw, true
}

// present returns the names of known that exist in dir as regular files,
// sorted.
func present(dir string, known []string) []string {
	var out []string
	for _, name := range known {
		if fi, err := os.Stat(filepath.Join(dir, name)); err == nil && fi.Mode().IsRegular() {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Reason says in one line why a directory did not verify: the first max
// failed checks of err (as Verify returns them), then how many more.
func Reason(err error, max int) string {
	var msgs []string
	var join interface{ Unwrap() []error }
	if errors.As(err, &join) {
		for _, e := range join.Unwrap() {
			msgs = append(msgs, e.Error())
		}
	} else {
		msgs = []string{err.Error()}
	}
	if len(msgs) > max {
		msgs = append(msgs[:max], fmt.Sprintf("and %d more", len(msgs)-max))
	}
	return "verification failed: " + strings.Join(msgs, "; ")
}
