package evidence

import "fmt"

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
	switch {
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	case e.Offset > 0:
		return fmt.Sprintf("%s: byte %d: %v", e.Path, e.Offset, e.Err)
	default:
		return fmt.Sprintf("%s: %v", e.Path, e.Err)
	}
}

func (e *InputError) Unwrap() error { return e.Err }
