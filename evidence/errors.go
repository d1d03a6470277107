package evidence

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// InputError is an evidence file that could not be read as its kind: missing,
// unreadable, or malformed past what a collector can skip. It names the place
// (a line for text, a byte offset for binary input). The CLI exits 3 on it.
type InputError struct {
	// Path is the file as the user knows it: relative to the assessment
	// directory when below it.
	Path   string
	Line   int
	Offset int64
	Err    error
}

func (e *InputError) Error() string {
	return place(e.Path, e.Line, e.Offset, ClipQuoted(e.Err.Error()))
}

func (e *InputError) Unwrap() error { return e.Err }

// ScopeError is an input that does not say which part of the site it
// speaks for — an attestation naming neither zones nor the whole site, or
// both. The file is readable; what is missing is a decision of the
// assessment, so the CLI exits 2 on it (a broken assessment), not 3.
type ScopeError struct {
	// Path is the file as the user knows it, relative to the assessment
	// directory when below it.
	Path string
	Line int
	Err  error
}

func (e *ScopeError) Error() string { return place(e.Path, e.Line, 0, e.Err) }

func (e *ScopeError) Unwrap() error { return e.Err }

// MaxExcerpt is the most bytes of input an error or warning repeats.
const MaxExcerpt = 200

// Excerpt returns s cut to at most MaxExcerpt bytes, at a character
// boundary, with "…" when cut, so that a message quoting input stays
// short whatever the input holds.
func Excerpt(s string) string {
	if len(s) <= MaxExcerpt {
		return s
	}
	cut := MaxExcerpt
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// ClipQuoted cuts every double-quoted span of msg (as %q writes input)
// longer than MaxExcerpt bytes, so that no error repeats much of a file
// even where its collector quoted a value whole. InputError applies it;
// a collector that renders messages of its own applies it too.
func ClipQuoted(msg string) string {
	if len(msg) <= MaxExcerpt {
		return msg
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(msg, '"')
		if i < 0 {
			b.WriteString(msg)
			return b.String()
		}
		b.WriteString(msg[:i+1])
		msg = msg[i+1:]
		end := 0
		for end < len(msg) && msg[end] != '"' {
			if msg[end] == '\\' {
				end++
			}
			end++
		}
		end = min(end, len(msg))
		q := msg[:end]
		if len(q) > MaxExcerpt {
			q = Excerpt(q)
		}
		b.WriteString(q)
		msg = msg[end:]
		if msg == "" {
			return b.String()
		}
		b.WriteByte('"')
		msg = msg[1:]
	}
}

// MaxInputErrors is how many unreadable inputs one run reports before it
// only counts the rest.
const MaxInputErrors = 20

// InputErrors is every input of a run that could not be read, in the
// order met, up to MaxInputErrors; Omitted counts the others. Each error
// is or wraps an *InputError, so errors.As finds the first.
type InputErrors struct {
	Errs    []error
	Omitted int
}

// Add records err, or only counts it past MaxInputErrors. An *InputErrors
// is added error by error.
func (e *InputErrors) Add(err error) {
	if many, ok := errors.AsType[*InputErrors](err); ok {
		for _, x := range many.Errs {
			e.Add(x)
		}
		e.Omitted += many.Omitted
		return
	}
	if len(e.Errs) >= MaxInputErrors {
		e.Omitted++
		return
	}
	e.Errs = append(e.Errs, err)
}

// Keep adds err when it is (or wraps) an *InputError, a problem of the
// input that the collector reads on past to report every bad file at
// once, and returns nil; any other error (a cancelled context, a full
// disk) it returns, for the collector to stop on.
func (e *InputErrors) Keep(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := errors.AsType[*InputError](err); !ok {
		return err
	}
	e.Add(err)
	return nil
}

// Err returns nil when nothing was added, the error itself when one was,
// and e otherwise.
func (e *InputErrors) Err() error {
	switch {
	case len(e.Errs) == 0:
		return nil
	case len(e.Errs) == 1 && e.Omitted == 0:
		return e.Errs[0]
	}
	return e
}

func (e *InputErrors) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d inputs could not be read:", len(e.Errs)+e.Omitted)
	for _, err := range e.Errs {
		// An error of several lines (every problem of one source) stays
		// indented under its first.
		b.WriteString("\n  ")
		b.WriteString(strings.ReplaceAll(err.Error(), "\n", "\n    "))
	}
	if e.Omitted > 0 {
		fmt.Fprintf(&b, "\n  and %d more (only the first %d are listed)", e.Omitted, MaxInputErrors)
	}
	return b.String()
}

func (e *InputErrors) Unwrap() []error { return e.Errs }
