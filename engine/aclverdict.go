package engine

import (
	"slices"

	"github.com/open-policy-agent/opa/v1/ast"
)

// judgement is what SLATE-JOIN-001 reads of the results of one group's
// ACL walks (data.slate.lib.joined.judgement, which flowindex.rego applies
// when the input has no verdicts of the engine): "denied", the results
// that deny; "narrow", the results that permit by a rule narrower than
// any-any (or by no rule); and "settled_permit", whether no result denies
// or is unknown and at least one permits.
type judgement struct {
	denied, narrow         []*ast.Term
	permits, deniesUnknown bool
}

// add notes result r, the walk's verdict and the rule that decided it
// (nil for none).
func (j *judgement) add(r *ast.Term, verdict string, rule *ast.Term) {
	switch verdict {
	case "deny":
		j.denied = append(j.denied, r)
		j.deniesUnknown = true
	case "unknown":
		j.deniesUnknown = true
	case "permit":
		j.permits = true
		if rule == nil || !anyAny(rule) {
			j.narrow = append(j.narrow, r)
		}
	}
}

func (j *judgement) members() [][2]*ast.Term {
	return [][2]*ast.Term{
		{ast.InternedTerm("denied"), ast.ArrayTerm(j.denied...)},
		{ast.InternedTerm("narrow"), ast.ArrayTerm(j.narrow...)},
		{ast.InternedTerm("settled_permit"), ast.InternedTerm(j.permits && !j.deniesUnknown)},
	}
}

// anyAny is data.slate.lib.joined.any_any: the rule matches every packet
// (any protocol, any source and destination, no ports).
func anyAny(rule *ast.Term) bool {
	e, ok := rule.Value.(ast.Object)
	if !ok {
		return false
	}
	is := func(key string, values []string) bool {
		v := ast.Value(ast.String(""))
		if t := e.Get(ast.InternedTerm(key)); t != nil {
			v = t.Value
		}
		s, ok := v.(ast.String)
		return ok && slices.Contains(values, string(s))
	}
	none := []string{""}
	return is("protocol", anyProtocols) && is("src", anyAddresses) && is("dst", anyAddresses) &&
		is("src_ports", none) && is("dst_ports", none)
}
