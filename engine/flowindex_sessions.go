package engine

import (
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// index.pcap.weak_sessions holds, per flow of a session whose two ends
// negotiate their security on the wire, each weakness the dissector's
// attributes show (SLATE-NET-008), so that the check judges the few
// flows that have one instead of reading the attributes of every flow of
// every session in Rego:
//
//	{"conversation": the conversation (of index.pcap.negotiated, or of
//	                 index.pcap.insecure for SNMP),
//	 "flow":         the flow, as in the conversation's "flows",
//	 "kind", "attr", "value": the test of sessionTests it meets}
//
// in the order of the conversations (negotiated, then SNMP's), their
// flows, and sessionTests. data.slate.lib.network.session_tests is the
// same table, from which policies/lib/flowindex.rego makes the same list
// when the input has no index, or has no weak_sessions: the engine leaves
// it out when an attribute a test splits is not a string (split fails in
// Rego, as the check then does) or a flow's facts or attrs are not
// objects. TestSessionTestsMatchRego and TestFlowIndexMatchesRego hold the
// two to the same table and the same facts.

// sessionTest is one weakness: a flow of protocol whose attribute attr
// equals value (equals) or holds it among its "|"-joined values.
type sessionTest struct {
	protocol, kind, attr, value string
	equals                      bool
}

// sessionTests are the weaknesses, in the order SLATE-NET-008 lists them.
var sessionTests = []sessionTest{
	{"rdp", "rdp-no-nla", "nla", "false", true},
	{"rdp", "rdp-standard-security", "selected", "rdp", false},
	{"ssh", "ssh-v1", "ssh1", "true", true},
	{"opcua", "opcua-none", "security_mode", "None", false},
	{"opcua", "opcua-deprecated-policy", "security_policy", "Basic128Rsa15", false},
	{"opcua", "opcua-deprecated-policy", "security_policy", "Basic256", false},
	{"snmp", "snmpv3-noauth", "security_level", "noAuthNoPriv", false},
	{"vnc", "vnc-no-auth", "security_type", "none", false},
	{"vnc", "vnc-no-auth", "security_types", "none", false},
	{"vnc", "vnc-des", "security_type", "vnc_auth", false},
}

// sessionAttrs are the attributes sessionTests read; allSessionTests
// has the bit of every test.
var (
	sessionAttrs = func() []string {
		var attrs []string
		for _, t := range sessionTests {
			if !slices.Contains(attrs, t.attr) {
				attrs = append(attrs, t.attr)
			}
		}
		return attrs
	}()
	allSessionTests = uint32(1)<<len(sessionTests) - 1
)

// weakSessions makes index.pcap.weak_sessions from the negotiated and
// insecure selections; ok is false when a flow's attributes do not read
// plainly.
func weakSessions(negotiated, insecure *ast.Term) (*ast.Term, bool) {
	var out []*ast.Term
	for _, sel := range []struct {
		list      *ast.Term
		protocols func(string) bool
	}{
		{negotiated, func(p string) bool { return slices.Contains(negotiatedProtocols, p) }},
		{insecure, func(p string) bool { return p == "snmp" }},
	} {
		convs, ok := sel.list.Value.(*ast.Array)
		if !ok {
			return nil, false
		}
		for i := range convs.Len() {
			c := convs.Elem(i)
			co, ok := c.Value.(ast.Object)
			if !ok {
				return nil, false
			}
			proto, ok := termValue(co.Get(ast.InternedTerm("protocol"))).(ast.String)
			if !ok || !sel.protocols(string(proto)) {
				continue
			}
			flows, ok := termValue(co.Get(ast.InternedTerm("flows"))).(*ast.Array)
			if !ok {
				return nil, false
			}
			for j := range flows.Len() {
				weak, ok := flowWeaknesses(c, flows.Elem(j), string(proto))
				if !ok {
					return nil, false
				}
				out = append(out, weak...)
			}
		}
	}
	return ast.ArrayTerm(out...), true
}

// flowWeaknesses are the facts of one flow of conversation c, whose
// protocol is proto.
func flowWeaknesses(c, flow *ast.Term, proto string) ([]*ast.Term, bool) {
	f, ok := flow.Value.(ast.Object)
	if !ok {
		return nil, false
	}
	if p, ok := termValue(f.Get(ast.InternedTerm("protocol"))).(ast.String); !ok || string(p) != proto {
		// network.attr is never read on it.
		return nil, true
	}
	var attrs ast.Object
	if facts := f.Get(ast.InternedTerm("facts")); facts != nil {
		fo, ok := facts.Value.(ast.Object)
		if !ok {
			return nil, false
		}
		if a := fo.Get(ast.InternedTerm("attrs")); a != nil {
			if attrs, ok = a.Value.(ast.Object); !ok {
				return nil, false
			}
		}
	}
	var out []*ast.Term
	for _, t := range sessionTests {
		if t.protocol != proto {
			continue
		}
		// network.attr: object.get(flow, ["facts", "attrs", key], "").
		var v ast.Value = ast.String("")
		if attrs != nil {
			if a := attrs.Get(ast.StringTerm(t.attr)); a != nil {
				v = a.Value
			}
		}
		s, plain := v.(ast.String)
		switch {
		case t.equals:
			if !plain || string(s) != t.value {
				continue
			}
		case !plain:
			return nil, false // split fails
		case !hasValue(string(s), t.value):
			continue
		}
		out = append(out, ast.ObjectTerm(
			[2]*ast.Term{ast.InternedTerm("attr"), ast.StringTerm(t.attr)},
			[2]*ast.Term{ast.InternedTerm("conversation"), c},
			[2]*ast.Term{ast.InternedTerm("flow"), flow},
			[2]*ast.Term{ast.InternedTerm("kind"), ast.StringTerm(t.kind)},
			[2]*ast.Term{ast.InternedTerm("value"), ast.StringTerm(t.value)},
		))
	}
	return out, true
}

// hasValue is network.attr_has: whether value is one of the "|"-joined
// values of s.
func hasValue(s, value string) bool {
	for part := range strings.SplitSeq(s, "|") {
		if part == value {
			return true
		}
	}
	return false
}
