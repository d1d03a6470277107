package engine

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// TestSessionTestsMatchRego holds the engine's table of session weaknesses
// to data.slate.lib.network.session_tests, which the Rego copy of
// index.pcap.weak_sessions reads.
func TestSessionTestsMatchRego(t *testing.T) {
	ps, err := LoadPolicies(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := rego.New(rego.Compiler(ps.compiler), rego.Query("data.slate.lib.network.session_tests")).Eval(context.Background())
	if err != nil || len(rs) != 1 {
		t.Fatalf("data.slate.lib.network.session_tests: %v, %v", rs, err)
	}
	var want []any
	for _, st := range sessionTests {
		want = append(want, map[string]any{"protocol": st.protocol, "kind": st.kind, "attr": st.attr, "value": st.value, "equals": st.equals})
	}
	if diff := cmp.Diff(rs[0].Expressions[0].Value, want); diff != "" {
		t.Errorf("session_tests in network.rego (-) and in the engine (+):\n%s", diff)
	}
}

// TestWeakSessionsMatchRego holds weakSessions to flowindex.rego's
// weak_sessions on selections made for each test, and checks that the
// engine leaves the facts out where the policies read an attribute
// otherwise (split of a value that is not a string fails the check).
func TestWeakSessionsMatchRego(t *testing.T) {
	ps, err := LoadPolicies(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	conv := func(proto string, attrs ...string) string {
		flows := ""
		for i, a := range attrs {
			if i > 0 {
				flows += ", "
			}
			flows += `{"id": "f` + string(rune('a'+i)) + `", "document": "d", "protocol": "` + proto + `", "client": {"ip": "10.0.0.1", "zone": "a"}, "server": {"ip": "10.0.0.2", "port": 1, "zone": "a"}` + a + `}`
		}
		return `{"protocol": "` + proto + `", "client": {"ip": "10.0.0.1", "zone": "a"}, "server": {"ip": "10.0.0.2", "port": 1, "zone": "a"}, "flows": [` + flows + `], "op_classes": []}`
	}
	attrs := func(body string) string { return `, "facts": {"attrs": {` + body + `}}` }
	for _, tc := range []struct {
		name                 string
		negotiated, insecure string
		plain                bool // the engine makes the facts
		none                 bool // and finds no weakness
	}{
		{name: "rdp", plain: true,
			negotiated: `[` + conv("rdp", attrs(`"nla": "false", "selected": "tls"`), attrs(`"nla": "true", "selected": "credssp|tls"`), attrs(`"nla": "false", "selected": "rdp"`), "") + `]`},
		{name: "rdp nla not a string", plain: true, none: true,
			negotiated: `[` + conv("rdp", attrs(`"nla": false, "selected": "tls"`)) + `]`},
		{name: "ssh", plain: true,
			negotiated: `[` + conv("ssh", attrs(`"ssh1": "true", "version": "1.99|2.0"`), attrs(`"ssh1": "false"`), attrs(`"ssh1": true`)) + `]`},
		{name: "opcua", plain: true,
			negotiated: `[` + conv("opcua", attrs(`"security_mode": "None"`), attrs(`"security_mode": "Sign", "security_policy": "Basic256|Basic128Rsa15"`), attrs(`"security_policy": "Basic256Sha256"`)) + `]`},
		{name: "vnc", plain: true,
			negotiated: `[` + conv("vnc", attrs(`"security_type": "none", "security_types": "none"`), attrs(`"security_type": "vnc_auth", "security_types": "none|vnc_auth"`)) + `]`},
		{name: "snmp among the insecure", plain: true, negotiated: `[]`,
			insecure: `[` + conv("snmp", attrs(`"security_level": "noAuthNoPriv"`), attrs(`"security_level": "authPriv"`)) + `, ` + conv("telnet", attrs(`"security_level": "noAuthNoPriv"`)) + `]`},
		{name: "a flow of another protocol", plain: true, none: true,
			negotiated: `[{"protocol": "rdp", "flows": [{"id": "f", "document": "d", "protocol": "ssh", "facts": {"attrs": {"nla": "false", "selected": 3}}}]}]`},
		{name: "an attribute split that is not a string",
			negotiated: `[` + conv("rdp", attrs(`"nla": "true", "selected": ["rdp"]`)) + `]`},
		{name: "attrs not an object",
			negotiated: `[` + conv("rdp", `, "facts": {"attrs": "nla=false"}`) + `]`},
		{name: "facts not an object",
			negotiated: `[` + conv("vnc", `, "facts": []`) + `]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.insecure == "" {
				tc.insecure = `[]`
			}
			negotiated, insecure := ast.MustParseTerm(tc.negotiated), ast.MustParseTerm(tc.insecure)
			made, ok := weakSessions(negotiated, insecure)
			if ok != tc.plain {
				t.Fatalf("weakSessions made the facts: %v, want %v", ok, tc.plain)
			}
			input := ast.MustParseTerm(`{"index": {"pcap": {"negotiated": ` + tc.negotiated + `, "insecure": ` + tc.insecure + `}}}`)
			rs, err := rego.New(rego.Compiler(ps.compiler), rego.Query("data.slate.lib.flowindex.weak_sessions"),
				rego.ParsedInput(input.Value), rego.StrictBuiltinErrors(true)).Eval(context.Background())
			if !ok {
				return // the policies compute them, as they did before
			}
			if err != nil || len(rs) != 1 {
				t.Fatalf("data.slate.lib.flowindex.weak_sessions: %v, %v", rs, err)
			}
			got, err := ast.JSON(made.Value)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(rs[0].Expressions[0].Value, got); diff != "" {
				t.Errorf("weak_sessions from flowindex.rego (-) and from the engine (+):\n%s", diff)
			}
			if n := len(got.([]any)); (n == 0) != tc.none {
				t.Errorf("%d weaknesses", n)
			}
		})
	}
}
