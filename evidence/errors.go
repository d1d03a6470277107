package evidence

import "unicode/utf8"

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

func (e *InputError) Error() string { return place(e.Path, e.Line, e.Offset, e.Err) }

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
