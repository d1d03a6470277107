package assessment

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// DiagError is the error Load returns for any problem with an assessment
// file, from a missing file to a bad CIDR. It keeps the parsed files so the
// diagnostics can be printed with source snippets.
type DiagError struct {
	// Diags are every problem found, errors and warnings, in file order.
	Diags hcl.Diagnostics
	// Files maps each diagnostic's file name to the parsed file.
	Files map[string]*hcl.File
}

// Error returns every diagnostic on its own line, as
// "file:line:col: summary; detail".
func (e *DiagError) Error() string {
	var b strings.Builder
	for i, d := range e.Diags {
		if i > 0 {
			b.WriteByte('\n')
		}
		writeDiag(&b, d)
	}
	return b.String()
}

// WriteText writes the diagnostics for a terminal, each with the source
// lines it points at, rendered by hcl's text writer. width wraps the detail
// text (0: no wrapping); color adds ANSI colours.
//
// hcl names a place as "on FILE line N"; WriteText writes FILE:N:COL
// instead, the form editors and terminals turn into links.
func (e *DiagError) WriteText(w io.Writer, width uint, color bool) error {
	var buf bytes.Buffer
	tw := hcl.NewDiagnosticTextWriter(&buf, e.Files, width, color)
	for _, d := range e.Diags {
		buf.Reset()
		if err := tw.WriteDiagnostic(d); err != nil {
			return err
		}
		out := buf.Bytes()
		if s := d.Subject; s != nil {
			hclPlace := fmt.Appendf(nil, "  on %s line %d", s.Filename, s.Start.Line)
			place := fmt.Appendf(nil, "  on %s:%d:%d", s.Filename, s.Start.Line, s.Start.Column)
			if bytes.Contains(out, hclPlace) {
				out = bytes.Replace(out, hclPlace, place, 1)
			} else {
				out = append(fmt.Appendf(nil, "%s:%d:%d:\n", s.Filename, s.Start.Line, s.Start.Column), out...)
			}
		}
		if _, err := w.Write(out); err != nil {
			return err
		}
	}
	return nil
}

func writeDiag(b *strings.Builder, d *hcl.Diagnostic) {
	if d.Subject != nil {
		fmt.Fprintf(b, "%s:%d:%d: ", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column)
	}
	if d.Severity == hcl.DiagWarning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Summary)
	if d.Detail != "" {
		b.WriteString("; ")
		b.WriteString(strings.Join(strings.Fields(d.Detail), " "))
	}
}

// sortDiags orders diagnostics by their place in the file, those without a
// place first, so that output does not depend on the order of the checks.
func sortDiags(diags hcl.Diagnostics) {
	slices.SortStableFunc(diags, func(a, b *hcl.Diagnostic) int {
		switch {
		case a.Subject == nil && b.Subject == nil:
			return 0
		case a.Subject == nil:
			return -1
		case b.Subject == nil:
			return 1
		}
		return cmp.Or(
			cmp.Compare(a.Subject.Filename, b.Subject.Filename),
			cmp.Compare(a.Subject.Start.Byte, b.Subject.Start.Byte),
			cmp.Compare(a.Subject.Start.Line, b.Subject.Start.Line),
			cmp.Compare(a.Subject.Start.Column, b.Subject.Start.Column),
		)
	})
}

// warnings returns the diagnostics that are not errors.
func warnings(diags hcl.Diagnostics) hcl.Diagnostics {
	var out hcl.Diagnostics
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			out = append(out, d)
		}
	}
	return out
}

// suggestion returns " Did you mean "x"?" when one of the options is
// close to given, the way hcl suggests attribute names, or "".
func suggestion(given string, options []string) string {
	best, bestDist := "", 3
	for _, o := range options {
		if d := editDistance(strings.ToLower(given), strings.ToLower(o)); d < bestDist {
			best, bestDist = o, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" Did you mean %q?", best)
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// quoteList writes names as "a", "b" or "c".
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	switch len(q) {
	case 0:
		return ""
	case 1:
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}
