package evidence

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
