package engine_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/collectors"
	"github.com/slate-ot/slate/engine"
)

// withTraffic is kinds and every traffic kind (collectors.TrafficKinds),
// sorted.
func withTraffic(kinds ...string) []string {
	out := append(slices.Clone(kinds), collectors.TrafficKinds()...)
	slices.Sort(out)
	return out
}

// TestReads checks which evidence kinds a check is found to read, for the
// ways a policy can reach the evidence, and for the shipped checks.
func TestReads(t *testing.T) {
	check := testCheck
	files := map[string]string{
		"lib.rego": `package test.lib

captures := input.evidence.pcap

first_asset(kind) := object.get(input, ["evidence", kind], [])[0]

zone_names := {z.name | some z in input.assessment.zones}
`,
		"direct.rego": check("direct", `deny contains {"subject": "x", "message": "m", "zone": ""} if {
	some doc in input.evidence.assets
	doc.data.assets == []
}`),
		"object_get.rego": check("object_get", `documents := object.get(input, ["evidence", "mfa"], [])

assessed contains "*" if count(documents) > 0`),
		"object_get_nested.rego": check("object_get_nested", `documents := object.get(input.evidence, "netconfig", [])

assessed contains "*" if count(documents) > 0`),
		"alias.rego": check("alias", `assessed contains "*" if {
	ev := input.evidence
	count(ev.assets) > 0
}`),
		"imported.rego": check("imported", `import input.evidence.netconfig as configs

assessed contains "*" if count(configs) > 0`),
		"through_lib.rego": check("through_lib", `import data.test.lib

assessed contains "*" if count(lib.captures) > 0`),
		"index.rego": check("index", `assessed contains "*" if input.index.pcap`),
		"dynamic.rego": check("dynamic", `assessed contains "*" if {
	some kind, docs in input.evidence
	count(docs) > 0
}`),
		"dynamic_lib.rego": check("dynamic_lib", `import data.test.lib

assessed contains "*" if lib.first_asset("assets")`),
		"else_chain.rego": check("else_chain", `size := 0 if {
	input.assessment.name == ""
} else := count(input.evidence.mfa)

assessed contains "*" if size > 0`),
		"mixed.rego": check("mixed", `assessed contains "*" if {
	count(object.get(input, ["evidence", "pcap"], [])) > 0
	count(input.evidence.assets) > 0
	count(json.marshal(input)) > 2
}`),
		"whole_input.rego": check("whole_input", `assessed contains "*" if count(json.marshal(input)) > 2`),
		"notes_only.rego": check("notes_only", `assessed contains "*" if count(input.evidence.netconfig) > 0

notes contains {"zone": "*", "note": "no identity export"} if count(input.evidence.mfa) == 0`),
		"assessment_only.rego": check("assessment_only", `import data.test.lib

not_applicable contains zone if {
	some zone in lib.zone_names
}`),
	}
	dir := t.TempDir()
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ps, err := engine.LoadPolicies(dir, []string{dir, "../policies"})
	if err != nil {
		t.Fatal(err)
	}
	got := ps.Reads()
	all := []string{engine.AllEvidence}
	want := map[string][]string{
		"slate.checks.test.direct":            {"assets"},
		"slate.checks.test.object_get":        {"mfa"},
		"slate.checks.test.object_get_nested": {"netconfig"},
		"slate.checks.test.alias":             {"assets"},
		"slate.checks.test.imported":          {"netconfig"},
		"slate.checks.test.through_lib":       {"pcap"},
		"slate.checks.test.index":             {"pcap"},
		"slate.checks.test.else_chain":        {"mfa"},
		"slate.checks.test.mixed":             {engine.AllEvidence, "assets", "pcap"},
		"slate.checks.test.dynamic":           all,
		"slate.checks.test.dynamic_lib":       all,
		"slate.checks.test.whole_input":       all,
		"slate.checks.test.assessment_only":   {},
		// Notes pass nothing: what they read alone withholds no pass.
		"slate.checks.test.notes_only": {"netconfig"},
		// Shipped checks: each reads its own kind through its library;
		// the joined ones read two. The netconfig checks' notes read the
		// inventory and the devices seen, which does not count.
		// The network checks read every traffic kind.
		"slate.checks.network.conduits":           withTraffic(),
		"slate.checks.netconfig.boundary_acl":     {"netconfig"},
		"slate.checks.identity.remote_access_mfa": {"mfa"},
		"slate.checks.inventory.completeness":     {"assets"},
		"slate.checks.joined.conduit_enforcement": withTraffic("netconfig"),
		"slate.checks.joined.remote_session_mfa":  withTraffic("mfa"),
		"slate.checks.joined.inventory_drift":     withTraffic("assets"),
	}
	for pkg, kinds := range want {
		g, ok := got[pkg]
		if !ok {
			t.Errorf("Reads has no entry for %s", pkg)
			continue
		}
		if diff := cmp.Diff(kinds, g); diff != "" {
			t.Errorf("Reads()[%s] (-want +got):\n%s", pkg, diff)
		}
	}
	// Every check has an entry, and no shipped check reads every kind.
	for _, r := range ps.Rules {
		kinds, ok := got[r.Package]
		if !ok {
			t.Errorf("Reads has no entry for %s", r.Package)
		}
		if strings.HasPrefix(r.File, "builtin/") && (len(kinds) == 0 || kinds[0] == engine.AllEvidence) {
			t.Errorf("built-in check %s reads %v; want its evidence kinds", r.ID, kinds)
		}
	}
}

// testCheck is the source of a check package slate.checks.test.<name>.
func testCheck(name, body string) string {
	return fmt.Sprintf(`# METADATA
# title: %[1]s
# scope: package
# custom:
#   id: TEST-%[1]s
#   requirements: ["iec62443-3-3:SR 7.8"]
#   severity: low
#   owner: OT
#   remediation: Fix it.
package slate.checks.test.%[1]s

%[2]s
`, name, body)
}

// TestReadsFlows checks which checks are found to read the flows of capture
// documents themselves, which makes the engine keep every flow in the
// policy input, and that no built-in check does.
func TestReadsFlows(t *testing.T) {
	files := map[string]string{
		"all_flows.rego": testCheck("all_flows", `import data.slate.lib.network

assessed contains "*" if count(network.flows) > 0`),
		"documents.rego": testCheck("documents", `import data.slate.lib.network

assessed contains "*" if some doc in network.documents`),
		"doc_flows.rego": testCheck("doc_flows", `assessed contains "*" if {
	some doc in input.evidence.pcap
	some flow in doc.data.flows
	flow.protocol == "modbus"
}`),
		"doc_whole.rego": testCheck("doc_whole", `big(doc) if count(json.marshal(doc)) > 100

assessed contains "*" if {
	some doc in input.evidence.pcap
	big(doc)
}`),
		"doc_data.rego": testCheck("doc_data", `assessed contains "*" if {
	d := input.evidence.pcap[0].data
	count(d) > 0
}`),
		"whole_input.rego": testCheck("whole_input", `assessed contains "*" if count(json.marshal(input)) > 2`),
		"object_get.rego":  testCheck("object_get", `assessed contains "*" if count(object.get(input, ["evidence", "pcap"], [])) > 0`),
		"twin.rego": testCheck("twin", `import data.slate.lib.flowindex

assessed contains "*" if count(flowindex.pcap.crossing) > 0`),
		// Reads that leave the flows alone.
		"doc_assets.rego": testCheck("doc_assets", `assessed contains "*" if {
	some doc in input.evidence.pcap
	some asset in doc.data.assets
	asset.zone != ""
}`),
		"doc_id.rego": testCheck("doc_id", `assessed contains "*" if input.evidence.pcap[_].id`),
		"selections.rego": testCheck("selections", `import data.slate.lib.network

assessed contains "*" if {
	count(network.crossing_flows) + count(network.external_flows) + count(network.protocol_flows("tls")) > 0
	count(network.wire_assets) + count(network.captures) > 0
}`),
		"other_kind.rego": testCheck("other_kind", `assessed contains "*" if count(input.evidence.assets) > 0`),
	}
	ps, builtin := loadChecks(t, files)
	want := []string{
		"slate.checks.test.all_flows", "slate.checks.test.doc_data", "slate.checks.test.doc_flows",
		"slate.checks.test.doc_whole", "slate.checks.test.documents", "slate.checks.test.object_get",
		"slate.checks.test.twin", "slate.checks.test.whole_input",
	}
	if diff := cmp.Diff(want, ps.ReadsFlows()); diff != "" {
		t.Errorf("ReadsFlows (-want +got):\n%s", diff)
	}
	if got := builtin.ReadsFlows(); len(got) > 0 {
		t.Errorf("built-in checks %v read every flow; they should read the selections of data.slate.lib.network", got)
	}
}

// TestReadsAssetLists checks which checks are found to read the lists of
// records of inventory documents or the devices of capture documents
// themselves, which makes the engine keep them in the documents as well as
// in its index, and that no built-in check does.
func TestReadsAssetLists(t *testing.T) {
	files := map[string]string{
		"inventory_documents.rego": testCheck("inventory_documents", `import data.slate.lib.inventory

assessed contains "*" if some doc in inventory.documents`),
		"records.rego": testCheck("records", `assessed contains "*" if {
	some doc in input.evidence.assets
	some a in doc.data.assets
	a.zone == "cell"
}`),
		"devices.rego": testCheck("devices", `assessed contains "*" if {
	some doc in input.evidence.pcap
	count(doc.data.assets) > 0
}`),
		"capture_documents.rego": testCheck("capture_documents", `import data.slate.lib.network

assessed contains "*" if some doc in network.documents`),
		"any_kind.rego": testCheck("any_kind", `assessed contains "*" if {
	some kind in ["assets", "mfa"]
	some doc in input.evidence[kind]
	count(doc.data) > 0
}`),
		"whole_input.rego": testCheck("whole_input", `assessed contains "*" if count(json.marshal(input)) > 2`),
		// Without an index only: the engine leaves a list out only when
		// the index that holds it is there.
		"fallback.rego": testCheck("fallback", `records := [a | some doc in input.evidence.assets; some a in doc.data.assets] if not input.index.assets

assessed contains "*" if count(records) > 0`),
		// But not when a part below the index is missing, nor in an else.
		"fallback_part.rego": testCheck("fallback_part", `records := [a | some doc in input.evidence.assets; some a in doc.data.assets] if not input.index.assets.by_mac

assessed contains "*" if count(records) > 0`),
		"fallback_else.rego": testCheck("fallback_else", `records := [] if {
	not input.index.assets
} else := [a | some doc in input.evidence.assets; some a in doc.data.assets]

assessed contains "*" if count(records) > 0`),
		"other_index.rego": testCheck("other_index", `records := [a | some doc in input.evidence.assets; some a in doc.data.assets] if not input.index.pcap

assessed contains "*" if count(records) > 0`),
		// Reads that leave the lists alone.
		"library.rego": testCheck("library", `import data.slate.lib.inventory
import data.slate.lib.network

assessed contains "*" if {
	inventory.present
	count(inventory.assets) + count(inventory.by_address) + count(inventory.address_zones) > 0
	count(network.wire_assets) + count(network.captures) > 0
	count(inventory.document_ids) + count(network.document_ids) > 0
}`),
		"flows_only.rego": testCheck("flows_only", `assessed contains "*" if {
	some doc in input.evidence.pcap
	some flow in doc.data.flows
	flow.protocol == "modbus"
}`),
		"identity.rego": testCheck("identity", `assessed contains "*" if count(input.evidence.mfa[0].data) > 0`),
	}
	ps, builtin := loadChecks(t, files)
	want := []string{
		"slate.checks.test.any_kind", "slate.checks.test.capture_documents", "slate.checks.test.devices",
		"slate.checks.test.fallback_else", "slate.checks.test.fallback_part", "slate.checks.test.inventory_documents",
		"slate.checks.test.other_index", "slate.checks.test.records", "slate.checks.test.whole_input",
	}
	if diff := cmp.Diff(want, ps.ReadsAssetLists()); diff != "" {
		t.Errorf("ReadsAssetLists (-want +got):\n%s", diff)
	}
	if got := builtin.ReadsAssetLists(); len(got) > 0 {
		t.Errorf("built-in checks %v read the documents' lists of records; they should read data.slate.lib.inventory and network", got)
	}
}

// loadChecks writes the check files to a directory and loads them alone
// (custom) and the built-in checks alone (builtin).
func loadChecks(t *testing.T, files map[string]string) (custom, builtin *engine.PolicySet) {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	custom, err := engine.LoadPolicies(dir, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	builtin, err = engine.LoadPolicies(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	return custom, builtin
}
