package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"
)

// TestUnreadSelections checks which selections of index.pcap the engine
// leaves out with a custom check beside the built-in ones: the built-in
// checks read every selection but negotiated (SLATE-NET-008 reads
// weak_sessions), and a custom check that reads negotiated, whichever
// way, gets it.
func TestUnreadSelections(t *testing.T) {
	cases := []struct {
		name, body string
		unread     []string
	}{
		{"library", `import data.slate.lib.network

assessed contains "*" if count(network.negotiated_conversations) > 0`, nil},
		{"sessions", `import data.slate.lib.network

assessed contains "*" if count(network.session_conversations) > 0`, nil},
		{"selection", `import data.slate.lib.network

assessed contains "*" if count(network.selection("negotiated")) > 0`, nil},
		{"direct", `assessed contains "*" if count(input.index.pcap.negotiated) > 0`, nil},
		{"object_get", `assessed contains "*" if count(object.get(input, ["index", "pcap", "negotiated"], [])) > 0`, nil},
		{"own_function", `sel(name) := input.index.pcap[name]

assessed contains "*" if count(sel("negotiated")) > 0`, nil},
		{"table", `names := {"a": "negotiated"}

sel(name) := input.index.pcap[name]

assessed contains "*" if count(sel(names.a)) > 0`, nil},
		{"dynamic", `assessed contains "*" if {
	some name in ["tls", "negotiated"]
	count(input.index.pcap[name]) > 0
}`, nil},
		{"whole_index", `assessed contains "*" if count(json.marshal(input.index)) > 2`, nil},
		{"whole_input", `assessed contains "*" if count(json.marshal(input)) > 2`, nil},
		{"alias_whole", `assessed contains "*" if {
	x := input.index.pcap
	count(x) > 0
}`, nil},
		// Reads that leave negotiated alone.
		{"other", `import data.slate.lib.network

assessed contains "*" if count(network.protocol_flows("tls")) + count(network.external_flows) > 0`, []string{"negotiated"}},
		{"weak_sessions", `import data.slate.lib.network

assessed contains "*" if count(network.weak_sessions) > 0`, []string{"negotiated"}},
		{"exists", `assessed contains "*" if not input.index.pcap`, []string{"negotiated"}},
		{"alias_part", `assessed contains "*" if {
	x := input.index.pcap
	count(x.tls) > 0
}`, []string{"negotiated"}},
		{"twin", `import data.slate.lib.flowindex

assessed contains "*" if count(flowindex.pcap.negotiated) > 0`, []string{"negotiated"}},
	}
	// All in one set: which checks read negotiated, or any selection.
	dir := t.TempDir()
	var want []string
	for _, tc := range cases {
		src := fmt.Sprintf("# METADATA\n# title: %[1]s\n# scope: package\n# custom:\n#   id: TEST-%[1]s\n#   requirements: [\"iec62443-3-3:SR 7.8\"]\n#   severity: low\n#   owner: OT\n#   remediation: Fix it.\npackage slate.checks.test.%[1]s\n\n%[2]s\n", tc.name, tc.body)
		if err := os.WriteFile(filepath.Join(dir, tc.name+".rego"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		if tc.unread == nil {
			want = append(want, "slate.checks.test."+tc.name)
		}
	}
	ps, err := LoadPolicies(dir, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	got := slices.Concat(ps.readersOf(selectionRead+"negotiated"), ps.readersOf(selectionRead+AllEvidence))
	slices.Sort(got)
	slices.Sort(want)
	if diff := cmp.Diff(want, slices.Compact(got)); diff != "" {
		t.Errorf("the checks that read index.pcap.negotiated (-want +got):\n%s", diff)
	}
	if got := ps.UnreadSelections(); len(got) > 0 {
		t.Errorf("with checks that read every selection, UnreadSelections = %v", got)
	}
	builtin, err := LoadPolicies(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"negotiated"}, builtin.UnreadSelections()); diff != "" {
		t.Errorf("built-in checks' UnreadSelections (-want +got):\n%s", diff)
	}
}

// TestSkippedSelections holds the index made without the selections no
// check reads to the whole one: the selections made are the same, and so
// is weak_sessions, whose conversations (negotiated, SNMP's of insecure)
// keep every flow even when a conversation's flows lie in two documents.
// When weak_sessions cannot be made, no selection is left out: the
// policies then make it from negotiated and insecure.
func TestSkippedSelections(t *testing.T) {
	flow := func(id, proto string, port, serverPort int, facts string) string {
		return fmt.Sprintf(`{"id": %q, "protocol": %q, "transport": "tcp", "client": {"ip": "10.0.0.1", "port": %d, "zone": "a"}, "server": {"ip": "10.0.0.2", "port": %d, "zone": "a"}%s}`, id, proto, port, serverPort, facts)
	}
	attrs := func(body string) string { return `, "facts": {"attrs": {` + body + `}}` }
	input := func(d1, d2 []string) []byte {
		doc := func(id string, flows []string) string {
			return fmt.Sprintf(`{"id": %q, "kind": "pcap", "source": "s", "data": {"flows": [%s]}}`, id, strings.Join(flows, ", "))
		}
		return []byte(`{"assessment": {"zones": [{"name": "a", "networks": ["10.0.0.0/16"]}]}, "evidence": {"pcap": [` + doc("d1", d1) + `, ` + doc("d2", d2) + `]}}`)
	}
	d1 := []string{
		flow("f1", "rdp", 5001, 3389, attrs(`"nla": "false", "selected": "tls"`)),
		flow("f2", "ssh", 5002, 22, attrs(`"ssh1": "false"`)),
		flow("f3", "vnc", 5003, 5900, attrs(`"security_type": "vnc_auth|none"`)),
		flow("f4", "snmp", 5004, 161, attrs(`"security_level": "noAuthNoPriv"`)),
		flow("f5", "telnet", 5005, 23, ""),
		flow("f6", "opcua", 5006, 4840, attrs(`"security_mode": "SignAndEncrypt", "security_policy": "Basic256Sha256"`)),
	}
	d2 := []string{
		flow("f7", "rdp", 5007, 3389, attrs(`"nla": "true", "selected": "credssp"`)), // f1's conversation
		flow("f8", "ssh", 5008, 22, ""),
		flow("f9", "tls", 5009, 443, ""),
	}
	skip := []string{"identity", "insecure", "negotiated", "operations", "tls"}
	for _, tc := range []struct {
		name   string
		d1, d2 []string
		plain  bool // weak_sessions is made
	}{
		{"weaknesses", d1, d2, true},
		{"none", d1[4:], d2[1:], true},
		{"an attribute split that is not a string", append(slices.Clone(d1), flow("f10", "rdp", 5010, 3389, attrs(`"selected": ["rdp"]`))), d2, false},
		{"facts not an object", d1, append(slices.Clone(d2), flow("f10", "vnc", 5010, 5900, `, "facts": []`)), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := input(tc.d1, tc.d2)
			pcap := func(plan inputPlan) ast.Object {
				t.Helper()
				v, err := prepareInput(text, plan)
				if err != nil {
					t.Fatal(err)
				}
				p, err := v.(ast.Object).Find(ast.MustParseRef("x.index.pcap")[1:])
				if err != nil {
					t.Fatal(err)
				}
				return p.(ast.Object)
			}
			whole, lean := pcap(inputPlan{}), pcap(inputPlan{skipSelections: skip})
			whole.Foreach(func(k, v *ast.Term) {
				got := lean.Get(k)
				name := string(k.Value.(ast.String))
				switch {
				case tc.plain && slices.Contains(skip, name):
					if got != nil {
						t.Errorf("index.pcap.%s was made", name)
					}
				case got == nil:
					t.Errorf("index.pcap.%s is missing", name)
				case !got.Equal(v):
					t.Errorf("index.pcap.%s differs:\nwhole %v\nlean  %v", name, v, got)
				}
			})
			weak := whole.Get(ast.InternedTerm("weak_sessions"))
			if (weak != nil) != tc.plain {
				t.Fatalf("weak_sessions made: %v, want %v", weak != nil, tc.plain)
			}
			if tc.name == "weaknesses" {
				// rdp-no-nla on f1, with f7 in its conversation;
				// vnc-no-auth and vnc-des on f3; snmpv3-noauth on f4.
				if n := weak.Value.(*ast.Array).Len(); n != 4 {
					t.Errorf("%d weaknesses, want 4: %v", n, weak)
				}
				flows, err := weak.Value.(*ast.Array).Elem(0).Value.(ast.Object).Find(ast.MustParseRef("x.conversation.flows")[1:])
				if err != nil || flows.(*ast.Array).Len() != 2 {
					t.Errorf("the rdp conversation's flows: %v, %v; want f1 and f7", flows, err)
				}
			}
		})
	}
}

// TestCustomPolicyReadsNegotiated: a custom check that reads a selection
// the built-in checks leave out gets it whole, and the plan of the
// built-in checks alone would have left it out.
func TestCustomPolicyReadsNegotiated(t *testing.T) {
	a, b := generatedSite(t, scaleSize{assets: 500, flows: 5_000, devices: 10, users: 100})
	dir := t.TempDir()
	src := `# METADATA
# title: Negotiated sessions
# scope: package
# custom:
#   id: TEST-NEGOTIATED
#   requirements: ["iec62443-3-3:SR 7.8"]
#   severity: low
#   owner: OT
#   remediation: None.
package slate.checks.test.negotiated

import data.slate.lib.network

deny contains {"subject": "negotiated", "zone": "", "message": sprintf("%d", [count([f | some c in network.negotiated_conversations; some f in c.flows])])}
`
	if err := os.WriteFile(filepath.Join(dir, "negotiated.rego"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	ps, err := LoadPolicies(dir, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	builtin, err := LoadPolicies(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	kinds := []string{"assets", "attestation", "mfa", "netconfig", "pcap"}
	count := map[string]string{}
	for name, plan := range map[string]inputPlan{"custom": ps.plan(), "whole": {}, "built-in": builtin.plan()} {
		value, err := bundleInput(a, b, b.AsOf, kinds, plan)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range evaluateOn(t, ps, a, b, value) {
			if r.Rule.ID == "TEST-NEGOTIATED" && len(r.Findings) == 1 {
				count[name] = r.Findings[0].Message
			}
		}
	}
	if count["whole"] == "" || count["whole"] == "0" {
		t.Fatalf("the site has %q negotiated flows: the test would prove nothing", count["whole"])
	}
	if count["custom"] != count["whole"] {
		t.Errorf("the custom check counts %q negotiated flows; the whole index holds %q", count["custom"], count["whole"])
	}
	if count["built-in"] == count["whole"] {
		t.Errorf("the built-in checks' plan keeps negotiated (%s flows)", count["built-in"])
	}
}
