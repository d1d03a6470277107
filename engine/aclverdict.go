package engine

import (
	"slices"

	"github.com/open-policy-agent/opa/v1/ast"
)

// judgement is what SLATE-JOIN-001 reads of the results of one group's
// ACL walks (data.slate.lib.joined.judgement, which flowindex.rego applies
// when the input has no verdicts of the engine): "denied", the results
// that deny; "narrow", the results that permit by a rule narrower than
// any-any (or by no rule); "settled_permit", whether no result denies or
// is unknown and at least one permits; and the references its findings
// cite.
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

// members are the judgement's entries of the group's verdict, with
// "refs", the sorted references to the group's flows its findings cite
// (data.slate.lib.joined.refs), when it can have findings: a result
// denies, or the group is settled as permitted.
func (j *judgement) members(flows []*ast.Term) [][2]*ast.Term {
	settled := j.permits && !j.deniesUnknown
	members := [][2]*ast.Term{
		{ast.InternedTerm("denied"), ast.ArrayTerm(j.denied...)},
		{ast.InternedTerm("narrow"), ast.ArrayTerm(j.narrow...)},
		{ast.InternedTerm("settled_permit"), ast.InternedTerm(settled)},
	}
	if len(j.denied) > 0 || settled {
		members = append(members, [2]*ast.Term{ast.InternedTerm("refs"), flowRefs(flows)})
	}
	return members
}

// flowRefs are {"document", "record": the flow's id} of each flow that
// has both, sorted as Rego's sort orders them.
func flowRefs(flows []*ast.Term) *ast.Term {
	refs := make([]*ast.Term, 0, len(flows))
	for _, f := range flows {
		o, ok := f.Value.(ast.Object)
		if !ok {
			continue
		}
		doc, id := o.Get(ast.InternedTerm("document")), o.Get(ast.InternedTerm("id"))
		if doc == nil || id == nil {
			continue
		}
		refs = append(refs, ast.ObjectTerm(
			[2]*ast.Term{ast.InternedTerm("document"), doc},
			[2]*ast.Term{ast.InternedTerm("record"), id}))
	}
	slices.SortFunc(refs, func(a, b *ast.Term) int { return a.Value.Compare(b.Value) })
	return ast.ArrayTerm(refs...)
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
