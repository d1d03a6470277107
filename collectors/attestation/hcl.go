package attestation

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/slate-ot/slate/evidence"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

var (
	fileSchema = &hcl.BodySchema{
		Blocks: []hcl.BlockHeaderSchema{{Type: "attestation", LabelNames: []string{"name"}}},
	}
	blockSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
		{Name: "requirement"}, {Name: "requirements"}, {Name: "zones"}, {Name: "scope"}, {Name: "verdict"},
		{Name: "evidence"}, {Name: "evidence_type"}, {Name: "attested_by"}, {Name: "date"},
		{Name: "expires"}, {Name: "note"}, {Name: "severity"}, {Name: "owner"}, {Name: "remediation"},
	}}
)

// argumentNames are the arguments of an attestation block.
var argumentNames = func() []string {
	names := make([]string, len(blockSchema.Attributes))
	for i, a := range blockSchema.Attributes {
		names[i] = a.Name
	}
	return names
}()

// hcl reads a file of attestation blocks. hcl's own diagnostics (syntax,
// unknown arguments, expressions) are reported with the others.
func (fr *fileRun) hcl(text string) {
	file, diags := hclsyntax.ParseConfig([]byte(text), fr.rel, hcl.InitialPos)
	fr.diags(diags, nil)
	if diags.HasErrors() {
		return
	}
	content, diags := file.Body.Content(fileSchema)
	fr.diags(diags, nil)
	for _, b := range content.Blocks {
		fr.prov.RecordsRead++
		fr.block(b)
	}
}

// block reads one attestation block into a record and checks it.
func (fr *fileRun) block(b *hcl.Block) {
	rec := &record{id: b.Labels[0], idAt: at(b.LabelRanges[0]), at: at(b.DefRange)}
	if strings.TrimSpace(rec.id) == "" {
		fr.errorf(rec.idAt, "Empty name", "An attestation needs a name that is unique in the source; write one between the quotes.")
	}
	content, diags := b.Body.Content(blockSchema)
	fr.diags(diags, argumentNames)
	attrs := content.Attributes
	single, hasSingle := attrs["requirement"]
	list, hasList := attrs["requirements"]
	switch {
	case hasSingle && hasList:
		fr.errorf(at(list.NameRange), "Conflicting arguments",
			"Write either requirement = \"SR 1.1\" for one requirement or requirements = [\"SR 1.1\", \"SR 1.2\"] for several, not both.")
		rec.reqs = []value{{set: true, bad: true}}
	case hasSingle:
		rec.reqs = []value{fr.strOrBad(single)}
	case hasList:
		rec.list = true
		vals, ok := fr.strs(list)
		if ok && len(vals) == 0 {
			fr.errorf(at(list.Expr.Range()), "Empty requirement list",
				"requirements = [] names no requirement; list at least one, like [\"SR 1.1\", \"SR 1.2\"].")
		}
		rec.reqs = vals
	}
	if attr, ok := attrs["zones"]; ok {
		vals, ok := fr.strs(attr)
		if ok && len(vals) == 0 {
			fr.errorf(at(attr.Expr.Range()), "Empty zone list",
				"zones = [] names no zone; list the zones where the verdict was examined, or replace the line with scope = \"site\" if it holds for the whole site.")
		}
		rec.zones, rec.zonesSet = vals, true
	}
	for _, f := range []struct {
		name string
		dst  *value
	}{
		{"verdict", &rec.verdict}, {"evidence", &rec.evidence}, {"evidence_type", &rec.evidenceType},
		{"attested_by", &rec.attestedBy}, {"date", &rec.date}, {"expires", &rec.expires}, {"note", &rec.note},
		{"severity", &rec.severity}, {"owner", &rec.owner}, {"remediation", &rec.remediation}, {"scope", &rec.scope},
	} {
		if attr, ok := attrs[f.name]; ok {
			*f.dst = fr.strOrBad(attr)
		}
	}
	fr.check(rec)
}

func at(r hcl.Range) pos { return pos{line: r.Start.Line, col: r.Start.Column} }

// diags keeps hcl's diagnostics as problems, adding what to change where hcl
// only says what is wrong. args are the arguments the body allows, for
// suggestions.
func (fr *fileRun) diags(diags hcl.Diagnostics, args []string) {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		detail := d.Detail
		switch {
		case d.Summary == "Variables not allowed", d.Summary == "Function calls not allowed":
			detail = "Attestation files are read without variables or functions; write the value itself, like \"SR 1.1\" or \"2026-10-02\"."
		case d.Summary == "Unsupported argument", d.Summary == "Unsupported block type":
			if strings.Contains(detail, "Did you mean") {
				break
			}
			if _, rest, ok := strings.Cut(detail, `named "`); ok && d.Summary == "Unsupported argument" {
				name, _, _ := strings.Cut(rest, `"`)
				detail += evidence.Suggestion(name, args)
			}
			detail += " Remove it or fix its name."
		}
		p := Problem{File: fr.rel, Summary: d.Summary, Detail: detail}
		if d.Subject != nil {
			p.Line, p.Column = d.Subject.Start.Line, d.Subject.Start.Column
		}
		fr.problems.add(p)
	}
}

// eval evaluates an expression without variables or functions.
func (fr *fileRun) eval(expr hcl.Expression, what string) (cty.Value, bool) {
	v, diags := expr.Value(nil)
	fr.diags(diags, nil)
	if diags.HasErrors() {
		return cty.NilVal, false
	}
	v, _ = v.UnmarkDeep()
	switch {
	case v.IsNull():
		fr.errorf(at(expr.Range()), "Null value", "The value of %s must not be null; write a value or remove the line.", what)
		return cty.NilVal, false
	case !v.IsWhollyKnown():
		fr.errorf(at(expr.Range()), "Unknown value", "The value of %s must be known when the file is read; write it as a literal.", what)
		return cty.NilVal, false
	}
	return v, true
}

// strOrBad returns a string argument, or a value marked bad when it is
// not one (which has been reported).
func (fr *fileRun) strOrBad(attr *hcl.Attribute) value {
	if v, ok := fr.str(attr); ok {
		return v
	}
	return value{set: true, bad: true, at: at(attr.Expr.Range())}
}

// str returns a string argument.
func (fr *fileRun) str(attr *hcl.Attribute) (value, bool) {
	what := fmt.Sprintf("%q", attr.Name)
	v, ok := fr.eval(attr.Expr, what)
	if !ok {
		return value{}, false
	}
	return fr.toString(v, attr.Expr.Range(), what)
}

func (fr *fileRun) toString(v cty.Value, rng hcl.Range, what string) (value, bool) {
	if v.IsNull() {
		fr.errorf(at(rng), "Null value", "The value of %s must not be null; write a value or remove it.", what)
		return value{}, false
	}
	if !v.Type().IsPrimitiveType() {
		fr.errorf(at(rng), "Incorrect value type", "The value of %s must be a string, not %s; write it in double quotes.", what, v.Type().FriendlyName())
		return value{}, false
	}
	s, err := convert.Convert(v, cty.String)
	if err != nil {
		fr.errorf(at(rng), "Incorrect value type", "The value of %s must be a string, not %s; write it in double quotes.", what, v.Type().FriendlyName())
		return value{}, false
	}
	return value{s: s.AsString(), set: true, at: at(rng)}, true
}

// strs returns the elements of a list of strings, each with its own place
// when the list is written as a literal.
func (fr *fileRun) strs(attr *hcl.Attribute) ([]value, bool) {
	what := fmt.Sprintf("%q", attr.Name)
	v, ok := fr.eval(attr.Expr, what)
	if !ok {
		return nil, false
	}
	ty := v.Type()
	if !ty.IsListType() && !ty.IsTupleType() && !ty.IsSetType() {
		fr.errorf(at(attr.Expr.Range()), "Incorrect value type", "The value of %s must be a list, like [\"a\", \"b\"], not %s.", what, ty.FriendlyName())
		return nil, false
	}
	exprs, ediags := hcl.ExprList(attr.Expr)
	perElem := !ediags.HasErrors() && len(exprs) == v.LengthInt()
	var out []value
	ok = true
	i := 0
	for it := v.ElementIterator(); it.Next(); i++ {
		_, ev := it.Element()
		rng := attr.Expr.Range()
		if perElem {
			rng = exprs[i].Range()
		}
		s, sok := fr.toString(ev, rng, "each element of "+what)
		if !sok {
			ok = false
			continue
		}
		out = append(out, s)
	}
	return out, ok
}
