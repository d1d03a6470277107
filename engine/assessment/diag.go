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
