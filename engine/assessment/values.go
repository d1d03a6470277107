package assessment

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// loader decodes one file and collects its diagnostics.
type loader struct {
	dir     string // absolute directory of the assessment file
	realDir string // dir with symlinks resolved, for containment checks
	opts    LoadOptions
	diags   hcl.Diagnostics
}

// elem is one value of a list attribute with the range of the expression
// that wrote it, so that a diagnostic points at the element, not the list.
type elem struct {
	val cty.Value
	rng hcl.Range
}

func (l *loader) errorf(subject hcl.Range, summary, format string, args ...any) {
	l.diags = append(l.diags, &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  summary,
		Detail:   fmt.Sprintf(format, args...),
		Subject:  subject.Ptr(),
	})
}

func (l *loader) warnf(subject hcl.Range, summary, format string, args ...any) {
	l.diags = append(l.diags, &hcl.Diagnostic{
		Severity: hcl.DiagWarning,
		Summary:  summary,
		Detail:   fmt.Sprintf(format, args...),
		Subject:  subject.Ptr(),
	})
}

// content decodes a block body against schema; attribute presence is
// checked by require, which can say what to write.
func (l *loader) content(body hcl.Body, schema *hcl.BodySchema) *hcl.BodyContent {
	c, diags := body.Content(schema)
	l.add(diags)
	return c
}

// add keeps diagnostics from hcl itself, first adding to their detail what
// to change where hcl only says what is wrong.
func (l *loader) add(diags hcl.Diagnostics) {
	for _, d := range diags {
		switch {
		case d.Summary == "Variables not allowed":
			d.Detail = "The assessment file is read without variables; write the value itself, like \"Plant A\" or 2."
		case d.Summary == "Function calls not allowed":
			d.Detail = "The assessment file is read without functions; write the value itself, like \"2026-11-01\"."
		case d.Summary == "Unsupported argument" || d.Summary == "Unsupported block type":
			if !strings.Contains(d.Detail, "Did you mean") {
				d.Detail += " Remove it or fix its name."
			}
		case strings.HasPrefix(d.Summary, "Unexpected ") && strings.HasSuffix(d.Summary, " block"):
			d.Detail += " Write it as an argument with an object value, name = { ... }, or remove it."
		}
	}
	l.diags = append(l.diags, diags...)
}

// require reports each of names that attrs lacks, at the block's header.
func (l *loader) require(b *hcl.Block, attrs hcl.Attributes, hints map[string]string) {
	for _, name := range sortedKeys(hints) {
		if _, ok := attrs[name]; ok {
			continue
		}
		l.errorf(b.DefRange, "Missing required argument",
			"The %s block needs %q; add %s.", blockTitle(b), name, hints[name])
	}
}

// blockTitle names a block the way it is written: zone "control".
func blockTitle(b *hcl.Block) string {
	s := b.Type
	for _, label := range b.Labels {
		s += fmt.Sprintf(" %q", label)
	}
	return s
}

// value evaluates an expression with no variables or functions in scope.
func (l *loader) value(expr hcl.Expression, what string) (cty.Value, bool) {
	v, diags := expr.Value(nil)
	l.add(diags)
	if diags.HasErrors() {
		return cty.NilVal, false
	}
	v, _ = v.UnmarkDeep()
	if v.IsNull() {
		l.errorf(expr.Range(), "Null value", "The value of %s must not be null; set a value or remove it.", what)
		return cty.NilVal, false
	}
	if !v.IsWhollyKnown() {
		l.errorf(expr.Range(), "Unknown value", "The value of %s must be known when the file is read; write it as a literal.", what)
		return cty.NilVal, false
	}
	return v, true
}

// attrString returns a string attribute.
func (l *loader) attrString(attr *hcl.Attribute) (string, bool) {
	v, ok := l.value(attr.Expr, fmt.Sprintf("%q", attr.Name))
	if !ok {
		return "", false
	}
	return l.toString(v, attr.Expr.Range(), fmt.Sprintf("%q", attr.Name))
}

func (l *loader) toString(v cty.Value, rng hcl.Range, what string) (string, bool) {
	if v.IsNull() {
		l.errorf(rng, "Null value", "The value of %s must not be null; set a value or remove it.", what)
		return "", false
	}
	s, err := convert.Convert(v, cty.String)
	if err != nil {
		l.errorf(rng, "Incorrect value type", "The value of %s must be a string, not %s; write it in double quotes.", what, v.Type().FriendlyName())
		return "", false
	}
	return s.AsString(), true
}

// toInt returns a whole number; one too large for an int comes back as the
// nearest int32 bound so that the caller's range check reports it.
func (l *loader) toInt(v cty.Value, rng hcl.Range, what string) (int, bool) {
	if v.IsNull() {
		l.errorf(rng, "Null value", "The value of %s must not be null; set a value or remove it.", what)
		return 0, false
	}
	n, err := convert.Convert(v, cty.Number)
	if err != nil {
		l.errorf(rng, "Incorrect value type", "The value of %s must be a number, not %s.", what, v.Type().FriendlyName())
		return 0, false
	}
	bf := n.AsBigFloat()
	if !bf.IsInt() {
		l.errorf(rng, "Invalid number", "The value of %s must be a whole number, not %s.", what, bf.Text('f', -1))
		return 0, false
	}
	i, acc := bf.Int64()
	if acc != big.Exact || i < -1<<31 || i > 1<<31-1 {
		if bf.Sign() < 0 {
			return -1 << 31, true
		}
		return 1<<31 - 1, true
	}
	return int(i), true
}

// attrList returns the elements of a list attribute, each with its own
// range when the list is written as a literal.
func (l *loader) attrList(attr *hcl.Attribute) ([]elem, bool) {
	what := fmt.Sprintf("%q", attr.Name)
	v, ok := l.value(attr.Expr, what)
	if !ok {
		return nil, false
	}
	ty := v.Type()
	if !ty.IsListType() && !ty.IsTupleType() && !ty.IsSetType() {
		l.errorf(attr.Expr.Range(), "Incorrect value type", "The value of %s must be a list, like [\"a\", \"b\"], not %s.", what, ty.FriendlyName())
		return nil, false
	}
	exprs, ediags := hcl.ExprList(attr.Expr)
	perElem := !ediags.HasErrors() && len(exprs) == v.LengthInt()
	var out []elem
	i := 0
	for it := v.ElementIterator(); it.Next(); i++ {
		_, ev := it.Element()
		rng := attr.Expr.Range()
		if perElem {
			rng = exprs[i].Range()
		}
		out = append(out, elem{val: ev, rng: rng})
	}
	return out, true
}

// attrStrings returns a list of strings; elements that are not strings are
// reported and left out.
func (l *loader) attrStrings(attr *hcl.Attribute) ([]string, []hcl.Range, bool) {
	elems, ok := l.attrList(attr)
	if !ok {
		return nil, nil, false
	}
	var vals []string
	var rngs []hcl.Range
	for _, e := range elems {
		what := fmt.Sprintf("each element of %q", attr.Name)
		if e.val.IsNull() {
			l.errorf(e.rng, "Null value", "The value of %s must not be null; remove it from the list.", what)
			ok = false
			continue
		}
		s, sok := l.toString(e.val, e.rng, what)
		if !sok {
			ok = false
			continue
		}
		vals = append(vals, s)
		rngs = append(rngs, e.rng)
	}
	return vals, rngs, ok
}

// plain converts a value to the Go values source options use: string,
// bool, json.Number, []any, map[string]any and nil.
func plain(v cty.Value) (any, error) {
	b, err := ctyjson.Marshal(v, v.Type())
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out any
	if err := dec.Decode(&out); err != nil {
		return nil, err
	}
	return out, nil
}
