package verify

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/sigstore/sigstore/pkg/signature"

	"github.com/slate-ot/slate/engine"
	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/attest"
)

// Report is one report format that can be made again from a scorecard.
type Report struct {
	// File is the name the report is written under in an output
	// directory.
	File string
	// Render makes the report's bytes from the scorecard.
	Render func(sc *scorecard.Scorecard) ([]byte, error)
}

// Options say what to verify a directory against.
type Options struct {
	// Assessment, when set, is the assessment file or its directory (as
	// for `slate assess`) that the signed bundle is evaluated with again,
	// with the policies it names, instead of the assessment file and the
	// policy set sealed in the directory (engine.SealedAssessmentFile,
	// engine.SealedPoliciesFile). Its digests must be the signed ones.
	Assessment string
	// Collectors check the assessment's source blocks; nothing is
	// collected, the bundle is the evidence.
	Collectors engine.Collectors
	// Engine configures the evaluation; its AsOf is replaced by the
	// signed date.
	Engine engine.Options
	// Reports are every report format: a signed report must come out of
	// the re-evaluation as signed, and any of their files present in the
	// directory must be signed. scorecard.json is always checked.
	Reports []Report
}

// Result is a directory that verified.
type Result struct {
	// Files are the signed files, sorted.
	Files []string
	// Scorecard is the bytes of scorecard.json as verified.
	Scorecard []byte
}

// Error is a verification that failed: a signature, a digest, the
// statement, or a re-evaluation that does not reproduce what was signed.
// Each failed check is an *attest.VerifyError naming its file. Errors of
// another kind (an assessment file that does not load, a policy that does
// not compile) are returned as they are: they say nothing of the
// directory.
type Error struct {
	Err error
}

func (e *Error) Error() string { return e.Err.Error() }

func (e *Error) Unwrap() error { return e.Err }

func failed(err error) error { return &Error{Err: fmt.Errorf("verification failed:\n%w", err)} }

// Dir verifies the output directory dir with the public key key: every
// signature and digest, then the re-evaluation. It returns an *Error when
// the directory does not verify.
func Dir(ctx context.Context, dir string, key signature.Verifier, opts Options) (*Result, error) {
	v, err := Signatures(dir, key, opts.Reports)
	if err != nil {
		return nil, err
	}
	if err := reproduce(ctx, dir, v, opts); err != nil {
		return nil, err
	}
	res := &Result{Scorecard: v.Files[attest.ScorecardFile]}
	for name := range v.Files {
		res.Files = append(res.Files, name)
	}
	slices.Sort(res.Files)
	return res, nil
}

// Signatures checks what Dir checks before it re-evaluates: the
// attestation, every signature and digest, the manifest, and that the run
// holds its sealed assessment and policies and no unsigned report of
// reports. It returns an *Error when the directory does not verify.
func Signatures(dir string, key signature.Verifier, reports []Report) (*attest.Verified, error) {
	known := []string{attest.BundleFile, attest.ScorecardFile}
	for _, r := range reports {
		known = append(known, r.File)
	}
	slices.Sort(known)
	v, err := attest.Verify(dir, key, attest.VerifyOptions{
		Required: []string{attest.ScorecardFile, attest.BundleFile, engine.SealedAssessmentFile, engine.SealedPoliciesFile},
		Known:    slices.Compact(known),
		Manifest: true,
	})
	if err != nil {
		return nil, failed(err)
	}
	return v, nil
}

// reproduce evaluates the verified bundle again and compares the
// scorecard and every signed report with the signed bytes.
func reproduce(ctx context.Context, dir string, v *attest.Verified, opts Options) error {
	pred := v.Statement.Predicate
	if pred.Engine.Version != engine.Version {
		return &Error{Err: &attest.VerifyError{
			File: filepath.Join(dir, attest.ScorecardFile), Check: "re-evaluation",
			Err: fmt.Errorf("made by slate engine %s, this is %s: only the same version reproduces its bytes", pred.Engine.Version, engine.Version),
		}}
	}
	b, err := evidence.DecodeBundle(filepath.Join(dir, attest.BundleFile), v.Files[attest.BundleFile])
	if err != nil {
		return &Error{Err: err}
	}
	// The signed date, not the bundle's or the environment's.
	eopts := opts.Engine
	eopts.AsOf = pred.Assessment.AsOf
	arg := opts.Assessment
	if arg == "" {
		// The sealed assessment, as verified, in a directory of its own;
		// the sealed policies instead of the built-in and custom ones.
		tmp, err := os.MkdirTemp("", "slate-verify-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		sealed := filepath.Join(dir, engine.SealedAssessmentFile)
		if err := engine.ExtractSealedAssessment(sealed, v.Files[engine.SealedAssessmentFile], tmp); err != nil {
			return failed(&attest.VerifyError{File: sealed, Check: "re-evaluation", Err: err})
		}
		arg = filepath.Join(tmp, filepath.FromSlash(b.Assessment.File))
		eopts.PolicyBundle = v.Files[engine.SealedPoliciesFile]
	}
	res, err := engine.EvaluateBundle(ctx, arg, b, opts.Collectors, eopts)
	if err != nil {
		if opts.Assessment == "" {
			// The sealed files verified; that they do not evaluate says
			// they are not what a run sealed.
			return failed(&attest.VerifyError{File: filepath.Join(dir, engine.SealedAssessmentFile), Check: "re-evaluation", Err: err})
		}
		return err
	}
	// The history a run embedded comes from earlier runs, not from the
	// bundle: carry the signed one over before comparing.
	if err := carryHistory(res, v.Files[attest.ScorecardFile]); err != nil {
		return &Error{Err: err}
	}
	var errs []error
	for _, d := range []struct{ what, signed, remade string }{
		{"assessment file", pred.Digests.Assessment, res.Scorecard.Digests.Assessment},
		{"policy set", pred.Digests.Policies, res.Scorecard.Digests.Policies},
	} {
		if d.signed != d.remade {
			errs = append(errs, &attest.VerifyError{
				File: filepath.Join(dir, attest.ScorecardFile), Check: "re-evaluation",
				Err: fmt.Errorf("the %s differs: signed %s, now %s (%s)", d.what, d.signed, d.remade, shownAssessment(opts, res)),
			})
		}
	}
	remade, err := res.ScorecardJSON()
	if err != nil {
		return err
	}
	errs = append(errs, attest.CheckReproduced(dir, attest.ScorecardFile, v.Files[attest.ScorecardFile], remade))
	for _, r := range opts.Reports {
		signed, ok := v.Files[r.File]
		if !ok || r.File == attest.ScorecardFile {
			continue
		}
		remade, err := r.Render(res.Scorecard)
		if err != nil {
			return fmt.Errorf("%s: %w", r.File, err)
		}
		errs = append(errs, attest.CheckReproduced(dir, r.File, signed, remade))
	}
	if err := errors.Join(errs...); err != nil {
		return failed(err)
	}
	return nil
}

// shownAssessment names the assessment file re-evaluated with: the one
// given, or the sealed one.
func shownAssessment(opts Options, res *engine.Result) string {
	if opts.Assessment != "" {
		return res.Assessment.File
	}
	return "sealed in " + engine.SealedAssessmentFile
}

// carryHistory gives a re-evaluated result the history of the signed
// scorecard: the earlier runs are part of what was signed, not something a
// re-evaluation of this run's bundle can redo.
func carryHistory(res *engine.Result, signed []byte) error {
	sc, err := scorecard.Decode(attest.ScorecardFile, signed)
	if err != nil || len(sc.History) == 0 {
		return err
	}
	res.Scorecard.History = sc.History
	return nil
}
