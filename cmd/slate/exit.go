package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/slate-ot/slate/engine"
	"github.com/slate-ot/slate/engine/assessment"
	"github.com/slate-ot/slate/evidence"
)

// Exit codes. They are part of slate's interface for CI systems and are
// documented in the README; never renumber them.
const (
	// ExitOK: the command ran; no finding at or above --fail-on.
	ExitOK = 0
	// ExitFindings: the assessment ran and found gaps at or above --fail-on,
	// or a regression against --baseline with --fail-on regression.
	ExitFindings = 1
	// ExitUsage: bad flags or arguments, or a broken assessment file or
	// policy, or evidence that leaves a decision of the assessment open (an
	// attestation that does not say which zones it holds for).
	ExitUsage = 2
	// ExitEvidence: an evidence file is missing, unreadable or corrupt.
	ExitEvidence = 3
	// ExitVerify: verification failed (signature, digest, reproducibility).
	ExitVerify = 4
)

// exitError carries the exit code for an error that has been reported.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// withCode marks err with an exit code.
func withCode(code int, err error) error {
	if err == nil {
		return nil
	}
	return &exitError{code: code, err: err}
}

// report prints err to w the way its kind wants and returns the exit code.
func report(w io.Writer, err error) int {
	var (
		ee    *exitError
		diags *assessment.DiagError
		input *evidence.InputError
		scope *evidence.ScopeError
		pol   *engine.PolicyError
		asOf  *engine.AsOfError
	)
	code := ExitUsage
	switch {
	case errors.As(err, &diags):
		_ = diags.WriteText(w, 100, false)
		return ExitUsage
	case errors.As(err, &scope):
		code = ExitUsage
	case errors.As(err, &input):
		code = ExitEvidence
	case errors.As(err, &pol), errors.As(err, &asOf):
		code = ExitUsage
	}
	if errors.As(err, &ee) {
		code = ee.code
		if ee.err == nil {
			return code
		}
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(w, "slate: interrupted (SIGINT or SIGTERM): the run stopped, and no output directory was changed")
		return code
	}
	fmt.Fprintf(w, "slate: %v\n", err)
	return code
}
