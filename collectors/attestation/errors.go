package attestation

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/slate-ot/slate/evidence"
)

const (
	// maxProblems bounds the problems listed for one source; a spreadsheet
	// with a wrong date format in every row would otherwise bury the first
	// ones.
	maxProblems = 50
	// keepProblems bounds the problems held while reading, from which the
	// listed ones are chosen; the rest are only counted.
	keepProblems = 1000
)

// Problem is one thing wrong in an attestation file.
type Problem struct {
	// File is relative to the assessment directory.
	File string
	// Line and Column are 1-based; Column is set for HCL files only, and
	// Line is 0 for a problem with the whole file.
	Line, Column int
	// Summary names the problem; Detail says in whole sentences what to
	// change.
	Summary, Detail string
	// Scope marks an attestation that names neither zones nor the whole
	// site, or both: a decision the assessment has to make, not damage to
	// the file.
	Scope bool
}

// String renders the problem as "file:line:col: summary; detail".
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Column > 0 {
			fmt.Fprintf(&b, ":%d", p.Column)
		}
	}
	b.WriteString(": ")
	b.WriteString(p.message())
	return b.String()
}

// message is summary and detail, with quoted input cut to
// evidence.MaxExcerpt bytes.
func (p Problem) message() string {
	if p.Detail == "" {
		return evidence.ClipQuoted(p.Summary)
	}
	return evidence.ClipQuoted(p.Summary + "; " + strings.Join(strings.Fields(p.Detail), " "))
}

// Error is every problem found in the files of one source, in file order.
// It unwraps to an *evidence.InputError for the first, which is what makes
// the command line report it as bad evidence, and, when any problem is a
// missing or conflicting scope, to an *evidence.ScopeError for the first of
// those, which makes it an error of the assessment instead.
type Error struct {
	Problems []Problem
	// More counts the problems found beyond those listed.
	More int
}

// Error returns one problem per line.
func (e *Error) Error() string {
	lines := make([]string, 0, len(e.Problems)+1)
	for _, p := range e.Problems {
		lines = append(lines, p.String())
	}
	if e.More > 0 {
		lines = append(lines, fmt.Sprintf("and %d more problems", e.More))
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the first problem as an *evidence.InputError and the
// first scope problem, if any, as an *evidence.ScopeError.
func (e *Error) Unwrap() []error {
	if len(e.Problems) == 0 {
		return nil
	}
	out := []error{e.Problems[0].inputError()}
	if i := slices.IndexFunc(e.Problems, func(p Problem) bool { return p.Scope }); i >= 0 {
		p := e.Problems[i]
		out = append(out, &evidence.ScopeError{Path: p.File, Line: p.Line, Err: errors.New(p.placedMessage())})
	}
	return out
}

// inputError returns the problem as an *evidence.InputError.
func (p Problem) inputError() error {
	return &evidence.InputError{Path: p.File, Line: p.Line, Err: errors.New(p.placedMessage())}
}

// placedMessage is the message with the column in front, for errors that
// name only file and line.
func (p Problem) placedMessage() string {
	if p.Column > 0 {
		return fmt.Sprintf("column %d: %s", p.Column, p.message())
	}
	return p.message()
}

// problems collects the problems of one source.
type problems struct {
	list []Problem
	// dropped counts the problems found beyond keepProblems.
	dropped int
}

// add keeps p, or past keepProblems only counts it, unless it is the
// first problem of its file: files are read one after the other, so every
// bad file keeps at least one problem to list.
func (ps *problems) add(p Problem) {
	if len(ps.list) >= keepProblems && ps.list[len(ps.list)-1].File == p.File {
		ps.dropped++
		return
	}
	ps.list = append(ps.list, p)
}

// count is how many problems have been found.
func (ps *problems) count() int { return len(ps.list) + ps.dropped }

// err returns the problems as an *Error sorted by file, line and column,
// then in the order they were found; or nil when there are none. When
// there are more than maxProblems, the first problem of every file (of
// the first evidence.MaxInputErrors files with problems) is listed before
// later problems of a file, so that one file full of bad rows does not
// hide that another file is bad too.
func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	list := slices.Clone(ps.list)
	slices.SortStableFunc(list, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	e := &Error{Problems: list, More: ps.dropped}
	if len(list) <= maxProblems {
		return e
	}
	listed := make([]bool, len(list))
	n, files := 0, 0
	for i, p := range list {
		if (i == 0 || p.File != list[i-1].File) && files < evidence.MaxInputErrors {
			listed[i] = true
			n++
			files++
		}
	}
	for i := range list {
		if n == maxProblems {
			break
		}
		if !listed[i] {
			listed[i] = true
			n++
		}
	}
	e.Problems = nil
	for i, p := range list {
		if listed[i] {
			e.Problems = append(e.Problems, p)
		}
	}
	e.More = len(list) - n + ps.dropped
	return e
}
