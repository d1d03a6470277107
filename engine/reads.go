package engine

import (
	"slices"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// AllEvidence in a check's reads stands for every evidence kind: the
// check reads input.evidence (or the whole input) with a key that is only
// known when it runs.
const AllEvidence = "*"

// Reads returns, for every check package of the set, the evidence kinds
// its policy reads, sorted: input.evidence.<kind> (also written
// object.get(input, ["evidence", "<kind>"], …)) and the engine's index
// built from a kind, input.index.<kind>, in the package itself and in
// every rule it refers to, transitively (a check that calls
// data.slate.lib.network reads pcap), its notes rule aside: notes pass
// nothing, so what only they read (the inventory and the devices seen, for
// the netconfig checks' missing configurations) withholds no pass when it
// is stale. A read whose kind is not written
// out gives AllEvidence. Custom policies are covered the same way as the
// built-in ones, with no METADATA to keep in step. The map is made once
// and shared: callers must not change it.
func (ps *PolicySet) Reads() map[string][]string {
	ps.readsOnce.Do(func() { ps.reads = ps.findReads() })
	return ps.reads
}

func (ps *PolicySet) findReads() map[string][]string {
	w := &readWalker{c: ps.compiler, memo: map[*ast.Rule]map[string]bool{}}
	byPkg := map[string]map[string]bool{}
	for _, r := range ps.Rules {
		byPkg[r.Package] = map[string]bool{}
	}
	for _, name := range slices.Sorted(mapsKeys(ps.compiler.Modules)) {
		mod := ps.compiler.Modules[name]
		pkg := mod.Package.Path.String()
		kinds, ok := byPkg[strings.TrimPrefix(pkg, "data.")]
		if !ok {
			continue
		}
		for _, r := range mod.Rules {
			if r.Head.Ref().Equal(notesRef) {
				continue
			}
			for k := range w.rule(r) {
				kinds[k] = true
			}
		}
	}
	out := make(map[string][]string, len(byPkg))
	for pkg, kinds := range byPkg {
		for _, m := range indexMarks {
			delete(kinds, m.marker)
		}
		for k := range kinds {
			if strings.HasPrefix(k, selectionRead) {
				delete(kinds, k)
			}
		}
		out[pkg] = append([]string{}, slices.Sorted(mapsKeys(kinds))...)
	}
	return out
}

// flowsRead marks, among the kinds a rule reads, a read of the flows of
// capture documents (input.evidence.pcap[_].data.flows) or of something
// that holds them (a whole capture document, input.evidence, input).
const flowsRead = "\x00flows"

// recordsRead and devicesRead mark a read of the other lists the engine's
// index holds: the inventory's records
// (input.evidence.assets[_].data.assets) and the devices the captures saw
// (input.evidence.pcap[_].data.assets), or of something that holds them.
const (
	recordsRead = "\x00records"
	devicesRead = "\x00devices"
)

// indexMarks are the marks of reads of the lists the engine's index holds,
// each with where it lies below input and the part of the index that holds
// it.
// The flows and devices are those of every traffic kind's documents, all
// in input.index.pcap.
var indexMarks = func() []indexMark {
	marks := []indexMark{
		{recordsRead, []string{"evidence", "assets", "", "data", "assets"}, ast.MustParseRef("input.index.assets")}, // not traffic evidence: the inventory's
	}
	kinds, err := trafficKinds()
	if err != nil {
		panic(err) // the embedded library is checked by its tests
	}
	for _, kind := range kinds {
		marks = append(marks,
			indexMark{flowsRead, []string{"evidence", kind, "", "data", trafficKeys.flows}, ast.MustParseRef("input.index.pcap")},
			indexMark{devicesRead, []string{"evidence", kind, "", "data", trafficKeys.assets}, ast.MustParseRef("input.index.pcap")})
	}
	return marks
}()

// indexMark is a list the index holds: its marker among the kinds a rule
// reads, where it lies below input and the part of the index that holds
// it.
type indexMark struct {
	marker string
	path   []string
	index  ast.Ref
}

// ReadsAssetLists returns, sorted, the check packages of the set that read
// the lists of records of inventory documents or of the devices of capture
// documents themselves, rather than the engine's index of them
// (input.index.assets, input.index.pcap.wire_assets, read through
// data.slate.lib.inventory and data.slate.lib.network): for those, the
// policy input keeps the lists in the documents. Reads are found as for
// ReadsFlows.
func (ps *PolicySet) ReadsAssetLists() []string {
	ps.listsOnce.Do(func() { ps.listReaders = ps.readersOf(recordsRead, devicesRead) })
	return ps.listReaders
}

// ReadsFlows returns, sorted, the check packages of the set that read the
// flows of capture documents themselves, in the package or in a rule it
// refers to, rather than the engine's selections of them (input.index.pcap,
// read through data.slate.lib.network): for those, the policy input keeps
// every flow (see flowindex.go). A read through a binding counts where the
// bound name is used: some doc in input.evidence.pcap reads no flows until
// doc.data.flows or doc itself is used. A rule that applies only when the
// input has no index (its body says not input.index…) reads nothing the
// engine leaves out: the engine leaves a list out only when its index
// holds it. So data.slate.lib.network.selection does not count for the Rego
// copy of the index it falls back to (data.slate.lib.flowindex), while a
// check that reads that copy itself does.
func (ps *PolicySet) ReadsFlows() []string {
	ps.flowsOnce.Do(func() { ps.flowReaders = ps.readersOf(flowsRead) })
	return ps.flowReaders
}

// readersOf returns, sorted, the check packages whose rules, or the rules
// they refer to, read what one of markers marks.
func (ps *PolicySet) readersOf(markers ...string) []string {
	w := &readWalker{c: ps.compiler, memo: map[*ast.Rule]map[string]bool{}}
	pkgs := map[string]bool{}
	for _, r := range ps.Rules {
		pkgs[r.Package] = true
	}
	found := map[string]bool{}
	for _, name := range slices.Sorted(mapsKeys(ps.compiler.Modules)) {
		mod := ps.compiler.Modules[name]
		pkg := strings.TrimPrefix(mod.Package.Path.String(), "data.")
		if !pkgs[pkg] {
			continue
		}
		for _, r := range mod.Rules {
			kinds := w.rule(r)
			for _, m := range markers {
				if kinds[m] {
					found[pkg] = true
				}
			}
		}
	}
	return slices.Sorted(mapsKeys(found))
}

var objectGetRef = ast.MustParseRef("object.get")

// notesRef is the head of a check's notes rule.
var notesRef = ast.Ref{ast.VarTerm("notes")}

// readWalker finds the evidence a rule reads, remembering each rule's
// answer so that a library rule used by many checks is walked once.
type readWalker struct {
	c    *ast.Compiler
	memo map[*ast.Rule]map[string]bool
}

// rule returns the kinds r reads, with those of the rules it refers to.
func (w *readWalker) rule(r *ast.Rule) map[string]bool {
	if kinds, ok := w.memo[r]; ok {
		return kinds
	}
	kinds := map[string]bool{}
	// Marked before the walk: Rego forbids recursion, but a cycle must
	// end here rather than loop if one ever compiles.
	w.memo[r] = kinds
	// The walk covers the head (value, key, arguments), the body and the
	// else chain.
	rw := &ruleReads{aliases: map[ast.Var]ast.Ref{}, skip: map[*ast.Expr]bool{}, bindings: map[*ast.Expr]bool{}, locals: map[ast.Var]*ast.Term{}, kinds: kinds}
	for _, a := range r.Head.Args {
		// An argument that is not a variable (f(1) := …) names no
		// selection: "" matches no variable.
		v, _ := a.Value.(ast.Var)
		rw.args = append(rw.args, v)
	}
	rw.walk(r)
	for _, ref := range rw.deps {
		for _, dep := range w.c.GetRulesDynamicWithOpts(ref, ast.RulesOptions{IncludeHiddenModules: true}) {
			for k := range w.rule(dep) {
				if !strings.HasPrefix(k, selectionArgRead) { // resolved where it is called, below
					kinds[k] = true
				}
			}
		}
	}
	// A function that reads the selection its argument names reads, where
	// it is called, the selections the argument may name.
	for _, call := range rw.calls {
		for _, dep := range w.c.GetRulesDynamicWithOpts(call.ref, ast.RulesOptions{IncludeHiddenModules: true}) {
			for k := range w.rule(dep) {
				i, err := strconv.Atoi(strings.TrimPrefix(k, selectionArgRead))
				if !strings.HasPrefix(k, selectionArgRead) || err != nil {
					continue
				}
				if i >= len(call.args) {
					kinds[selectionRead+AllEvidence] = true
					continue
				}
				w.selectionArg(rw, call.args[i], 0)
			}
		}
	}
	// A rule that applies only without an index reads no list that
	// index holds.
	for _, m := range indexMarks {
		if onlyWithoutIndex(r, m.index) {
			delete(kinds, m.marker)
		}
	}
	// Nor does one that applies only without the index or its
	// weak_sessions read a selection: the engine leaves a selection out
	// only when the index has weak_sessions (buildFlowIndex).
	if onlyWithoutIndex(r, weakSessionsRef) {
		for k := range kinds {
			if strings.HasPrefix(k, selectionRead) || strings.HasPrefix(k, selectionArgRead) {
				delete(kinds, k)
			}
		}
	}
	return kinds
}

var weakSessionsRef = ast.MustParseRef("input.index.pcap.weak_sessions")

// selectionRead marks, among the kinds a rule reads, a read of one
// selection of input.index.pcap: selectionRead+name, or
// selectionRead+AllEvidence for a read of a selection whose name is not
// known before the rule runs (or of the whole index). selectionArgRead+i
// marks, in a function, a read of the selection its argument i names.
const (
	selectionRead    = "\x00selection:"
	selectionArgRead = "\x00selection-arg:"
)

// selectionArg records, in the rule rw walks, the reads of the selection
// named by t, the argument of a function that reads the selection its
// argument names: a string; an argument of rw's own rule (which its
// callers resolve); a local bound to one of these; or a reference to a
// rule of data whose values are constants (a table of names), any
// string in it. Anything else may name any selection.
func (w *readWalker) selectionArg(rw *ruleReads, t *ast.Term, depth int) {
	switch v := t.Value.(type) {
	case ast.String:
		rw.kinds[selectionRead+string(v)] = true
		return
	case ast.Var:
		if i := slices.Index(rw.args, v); i >= 0 {
			rw.kinds[selectionArgRead+strconv.Itoa(i)] = true
			return
		}
		if bound, ok := rw.locals[v]; ok && depth < 8 {
			w.selectionArg(rw, bound, depth+1)
			return
		}
	case ast.Ref:
		if v.HasPrefix(ast.DefaultRootRef) {
			rules := w.c.GetRulesDynamicWithOpts(v, ast.RulesOptions{IncludeHiddenModules: true})
			plain := len(rules) > 0
			for _, r := range rules {
				if r.Head.Value == nil || !r.Head.Value.IsGround() || len(r.Head.Args) > 0 || r.Else != nil {
					plain = false
					break
				}
				ast.WalkTerms(r.Head.Value, func(x *ast.Term) bool {
					if s, ok := x.Value.(ast.String); ok {
						rw.kinds[selectionRead+string(s)] = true
					}
					return false
				})
			}
			if plain {
				return
			}
		}
	}
	rw.kinds[selectionRead+AllEvidence] = true
}

// UnreadSelections returns the flow selections of input.index.pcap
// (selectionNames) that no check of the set reads, in the package or in a
// rule it refers to, sorted: the engine leaves them out of the index and
// makes no value of the flows only they hold. A read through
// data.slate.lib.network.selection(name) counts for the names its
// callers give; a read whose name is not known before the policy runs
// counts for every selection.
func (ps *PolicySet) UnreadSelections() []string {
	ps.selectionsOnce.Do(func() {
		read := map[string]bool{}
		for _, pkg := range ps.readersOf(selectionRead + AllEvidence) {
			read[pkg] = true
		}
		if len(read) > 0 {
			return
		}
		for _, name := range selectionNames {
			if len(ps.readersOf(selectionRead+name)) == 0 {
				ps.unreadSelections = append(ps.unreadSelections, name)
			}
		}
	})
	return ps.unreadSelections
}

// onlyWithoutIndex reports whether r applies only when the input has no
// index part index: its body tests not input.index… at index or above it
// (not below: a part of the index, such as index.assets.by_address, may be
// missing when the rest is there), and it has no else chain (which would
// apply when the test fails).
func onlyWithoutIndex(r *ast.Rule, index ast.Ref) bool {
	if r.Else != nil {
		return false
	}
	for _, e := range r.Body {
		t, ok := e.Terms.(*ast.Term)
		if !ok || !e.Negated {
			continue
		}
		if v, ok := t.Value.(ast.Ref); ok && v.HasPrefix(inputIndexRef) && index.HasPrefix(v) {
			return true
		}
	}
	return false
}

var inputIndexRef = ast.MustParseRef("input.index")

// ruleReads walks one rule. The compiler binds input to a local before
// handing it to a function (x = input; object.get(x, …)), so locals bound
// to input or a reference into it are followed as aliases.
type ruleReads struct {
	aliases map[ast.Var]ast.Ref
	// skip are bindings of a local to input as a whole, or to a part of
	// it above the kinds.
	skip map[*ast.Expr]bool
	// bindings are the other bindings of locals to a reference into
	// input: read for their kind, and for flows where the local is used.
	bindings  map[*ast.Expr]bool
	inBinding bool
	// existence is set while the walk is in a test that a part of the
	// index exists (not input.index.pcap), which reads no selection.
	existence bool
	kinds     map[string]bool
	deps      []ast.Ref
	// args are the rule's arguments, when it is a function; locals the
	// terms the rule binds its locals to; calls the functions of data it
	// calls, with their arguments.
	args   []ast.Var
	locals map[ast.Var]*ast.Term
	calls  []dataCall
}

// dataCall is a call of a function of data.
type dataCall struct {
	ref  ast.Ref
	args []*ast.Term
}

func (rw *ruleReads) walk(r *ast.Rule) {
	// Aliases first, in the order the compiler wrote them, so that an
	// alias of an alias resolves.
	ast.NewGenericVisitor(func(x any) bool {
		if e, ok := x.(*ast.Expr); ok && e.IsEquality() {
			a, b := e.Operand(0), e.Operand(1)
			for _, pair := range [][2]*ast.Term{{a, b}, {b, a}} {
				v, ok := pair[0].Value.(ast.Var)
				if !ok || v.IsWildcard() || v.Equal(ast.InputRootDocument.Value) {
					continue
				}
				if _, seen := rw.locals[v]; !seen {
					rw.locals[v] = pair[1]
				}
				// A binding to input or input.evidence reads nothing
				// yet: its uses say what. Any other is walked as a read
				// too: doc = input.evidence.pcap[_] decides whether
				// the rule holds even if doc goes unused.
				if ref, ok := rw.inputRef(pair[1]); ok {
					rw.aliases[v] = ref
					if len(ref) <= 2 && ref.IsGround() {
						rw.skip[e] = true
					}
					rw.bindings[e] = true
					break
				}
			}
		}
		return false
	}).Walk(r)

	// A term that stands for input, or part of it, is read where it
	// stands; only the parts around it are walked further, so that the
	// input inside input.evidence.pcap or object.get(input, …) is not
	// taken for a read of the whole.
	var vis *ast.GenericVisitor
	vis = ast.NewGenericVisitor(func(x any) bool {
		switch x := x.(type) {
		case *ast.Expr:
			if rw.skip[x] {
				return true
			}
			if t, ok := x.Terms.(*ast.Term); ok && x.Negated && !rw.existence {
				if ref, ok := rw.inputRef(t); ok && len(ref) <= 3 {
					rw.existence = true
					vis.Walk(x)
					rw.existence = false
					return true
				}
			}
			if x.IsCall() {
				if op := x.Operator(); op != nil && op.HasPrefix(ast.DefaultRootRef) {
					rw.calls = append(rw.calls, dataCall{op, x.Operands()})
				}
			}
			if rw.bindings[x] && !rw.inBinding {
				rw.inBinding = true
				vis.Walk(x)
				rw.inBinding = false
				return true
			}
			if x.IsCall() && rw.objectGet(x.Operator(), x.Operands()) {
				for _, t := range x.Operands()[1:] {
					vis.Walk(t)
				}
				for _, w := range x.With {
					vis.Walk(w)
				}
				return true
			}
		case *ast.Term:
			switch v := x.Value.(type) {
			case ast.Call:
				if op, ok := v[0].Value.(ast.Ref); ok && op.HasPrefix(ast.DefaultRootRef) {
					rw.calls = append(rw.calls, dataCall{op, v[1:]})
				}
				if len(v) > 0 && rw.objectGet(v[0].Value, v[1:]) {
					for _, t := range v[2:] {
						vis.Walk(t)
					}
					return true
				}
			case ast.Var:
				// input, or a local bound to (part of) it, used whole.
				if ref, ok := rw.inputRef(x); ok {
					rw.read(ref)
				}
			case ast.Ref:
				if ref, ok := rw.inputRef(x); ok {
					rw.read(ref)
					for _, t := range v[1:] {
						vis.Walk(t)
					}
					return true
				}
				if v.HasPrefix(ast.DefaultRootRef) {
					rw.deps = append(rw.deps, v)
				}
			}
		}
		return false
	})
	vis.Walk(r)
}

// inputRef returns the reference into input that t stands for: input
// itself, a reference rooted at it, or either through an alias.
func (rw *ruleReads) inputRef(t *ast.Term) (ast.Ref, bool) {
	switch v := t.Value.(type) {
	case ast.Var:
		if v.Equal(ast.InputRootDocument.Value) {
			return ast.InputRootRef, true
		}
		ref, ok := rw.aliases[v]
		return ref, ok
	case ast.Ref:
		if v.HasPrefix(ast.InputRootRef) {
			return v, true
		}
		if head, ok := v[0].Value.(ast.Var); ok {
			if base, ok := rw.aliases[head]; ok {
				return base.Concat(v[1:]), true
			}
		}
	}
	return nil, false
}

// objectGet records the read of an object.get(input…, path, default)
// call and reports whether it was one, so that the input it is given
// does not count as a read of every kind.
func (rw *ruleReads) objectGet(op ast.Value, args []*ast.Term) bool {
	ref, ok := op.(ast.Ref)
	if !ok || !ref.Equal(objectGetRef) || len(args) < 2 {
		return false
	}
	base, ok := rw.inputRef(args[0])
	if !ok {
		return false
	}
	path := base.Copy()
	switch p := args[1].Value.(type) {
	case *ast.Array:
		for i := range p.Len() {
			path = append(path, p.Elem(i))
		}
	default:
		path = append(path, args[1])
	}
	rw.read(path)
	return true
}

// read records what a reference into input reads.
func (rw *ruleReads) read(ref ast.Ref) {
	inputRead(ref, rw.kinds)
	rw.readSelection(ref)
	if rw.inBinding {
		return
	}
	for _, m := range indexMarks {
		if readsPath(ref, m.path...) {
			rw.kinds[m.marker] = true
		}
	}
}

// readSelection records the selection of input.index.pcap a reference
// into input reads: the one it names, the one an argument of the rule
// names, or any when it reads the whole index (other than to test that it
// exists) or a selection whose name is not known before the rule runs.
// A binding of a local to the index as a whole reads what the local's
// uses read.
func (rw *ruleReads) readSelection(ref ast.Ref) {
	if !readsPath(ref, "index", "pcap") {
		return
	}
	if len(ref) <= 3 {
		if !rw.existence && !rw.inBinding {
			rw.kinds[selectionRead+AllEvidence] = true
		}
		return
	}
	switch k := ref[3].Value.(type) {
	case ast.String:
		rw.kinds[selectionRead+string(k)] = true
		return
	case ast.Var:
		if i := slices.Index(rw.args, k); i >= 0 {
			rw.kinds[selectionArgRead+strconv.Itoa(i)] = true
			return
		}
	}
	rw.kinds[selectionRead+AllEvidence] = true
}

// readsPath reports whether a reference into input may hold what lies at
// path below input ("" where any key fits), e.g. the flows of capture
// documents, input.evidence.pcap[_].data.flows: a reference to it, into
// it, or to any part of input above it.
func readsPath(ref ast.Ref, path ...string) bool {
	for i, want := range path {
		if len(ref) <= i+1 {
			return true
		}
		key, ok := ref[i+1].Value.(ast.String)
		if ok && want != "" && string(key) != want {
			return false
		}
	}
	return true
}

// inputRead records what a reference into input reads: a kind for
// input.evidence.<kind> and input.index.<kind>, every kind when the kind
// is not a constant or the reference stops short of it, nothing for the
// rest of input (the assessment).
func inputRead(ref ast.Ref, kinds map[string]bool) {
	if len(ref) < 2 {
		kinds[AllEvidence] = true
		return
	}
	top, ok := ref[1].Value.(ast.String)
	if !ok {
		kinds[AllEvidence] = true
		return
	}
	if top != "evidence" && top != "index" {
		return
	}
	if len(ref) < 3 {
		kinds[AllEvidence] = true
		return
	}
	kind, ok := ref[2].Value.(ast.String)
	if !ok {
		kinds[AllEvidence] = true
		return
	}
	if top == "index" && kind == "joined" {
		// input.index.joined is no kind of evidence: the engine makes
		// it from the kinds the policies' copy of it
		// (data.slate.lib.flowindex) reads, which the rules that read
		// it fall back to, and so read too.
		return
	}
	kinds[string(kind)] = true
}

// flowCounters are the fields of a flow that count its packets and bytes,
// sorted. No built-in check reads them, and on a large site they are a
// fifth of the memory of the flows the index selects.
var flowCounters = trafficKeys.counters

// unnamedFlowCounters returns those of flowCounters that no module of the
// set names, as a part of a reference or as a string (object.get): the
// flows of the engine's index leave them out (selectFlows). A policy
// that reads a flow's fields by iterating its keys does not see them in
// the index; in input.evidence.pcap[_].data.flows, kept whole when a
// check reads it (ReadsFlows), every field stays.
func (ps *PolicySet) unnamedFlowCounters() []string {
	ps.countersOnce.Do(func() {
		named := map[string]bool{}
		for _, mod := range ps.compiler.Modules {
			ast.WalkTerms(mod, func(t *ast.Term) bool {
				if s, ok := t.Value.(ast.String); ok && slices.Contains(flowCounters, string(s)) {
					named[string(s)] = true
				}
				return false
			})
		}
		for _, c := range flowCounters {
			if !named[c] {
				ps.unnamedCounters = append(ps.unnamedCounters, c)
			}
		}
	})
	return ps.unnamedCounters
}
