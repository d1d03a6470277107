package engine

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence/advisory"
	"github.com/slate-ot/slate/evidence/advisory/vers"
)

// TestAdvisoryWireIdentities matches advisories against identities read
// off the wire: an S7 CPU's SZL answer (the attributes the capture
// dissector records from s7ident.pcap), a BACnet device, and an SSH
// server's banner, each with what makes it affected or only possible.
func TestAdvisoryWireIdentities(t *testing.T) {
	prod := func(id, vendor, name, version string, models ...string) advisory.Product {
		r := vers.Parse(version, false)
		return advisory.Product{ID: id, Name: name + " " + version, Vendor: vendor, ProductName: name, Version: version, Range: &r, ModelNumbers: models}
	}
	ssh := prod("P-SSH", "OpenBSD", "OpenSSH", "vers:generic/<7.7")
	ssh.CPE = "cpe:2.3:a:openbsd:openssh:*:*:*:*:*:*:*:*"
	advs := []advisory.Advisory{
		{ID: "EX-S7", Title: "S7-300 CPU", InitialRelease: "2026-01-01", CurrentRelease: "2026-01-01", File: "csaf/s7.json",
			Products: []advisory.Product{prod("P-S7", "Siemens", "SIMATIC S7-300 CPU 315-2 PN/DP", "vers:generic/<V3.2.17", "6ES7315-2EH14-0AB0")},
			Vulnerabilities: []advisory.Vulnerability{{CVE: "CVE-2026-20001", Status: advisory.Status{KnownAffected: []string{"P-S7"}},
				Scores:       []advisory.Score{{Version: "3.1", Base: 7.5, Vector: "CVSS:3.1/AV:N"}},
				Remediations: []advisory.Remediation{{Category: "vendor_fix", Details: "Update to V3.2.17", FixedVersion: "V3.2.17"}}}}},
		{ID: "EX-BAC", Title: "Building controller", InitialRelease: "2026-01-01", CurrentRelease: "2026-01-01", File: "csaf/bac.json",
			Products: []advisory.Product{prod("P-BAC", "Acme Controls", "HIY-054", "vers:generic/<5.0")},
			Vulnerabilities: []advisory.Vulnerability{{CVE: "CVE-2026-20002", Status: advisory.Status{KnownAffected: []string{"P-BAC"}},
				Remediations: []advisory.Remediation{{Category: "mitigation", Details: "Restrict BACnet to the building network"}}}}},
		{ID: "EX-SSH", Title: "OpenSSH", InitialRelease: "2026-01-01", CurrentRelease: "2026-01-01", File: "csaf/ssh.json",
			Products: []advisory.Product{ssh},
			Vulnerabilities: []advisory.Vulnerability{{CVE: "CVE-2018-15473", Status: advisory.Status{KnownAffected: []string{"P-SSH"}},
				Remediations: []advisory.Remediation{{Category: "vendor_fix", Details: "Update to 7.7", FixedVersion: "7.7"}}}}},
	}
	flow := func(id, protocol, ip string, attrs map[string]string) map[string]any {
		return map[string]any{"id": id, "document": "pcap/span", "protocol": protocol,
			"client": map[string]any{"ip": "10.0.9.9", "zone": "ops"}, "server": map[string]any{"ip": ip, "zone": "cell"},
			"facts": map[string]any{"attrs": attrs}}
	}
	pcap := map[string]any{"identity": []any{
		flow("flow:s7", "s7comm", "10.0.0.2", map[string]string{"order_number": "6ES7 315-2EH14-0AB0", "firmware": "V3.2.6",
			"module_type": "CPU 315-2 PN/DP", "serial_number": "S C-C2UR28922012"}),
		flow("flow:bac", "bacnet", "10.0.0.3", map[string]string{"device_vendor": "Acme Controls Inc.", "model_name": "HIY-054", "firmware_revision": "4.2.1"}),
		flow("flow:ssh", "ssh", "10.0.0.4", map[string]string{"server_software": "OpenSSH_7.4", "version": "2.0"}),
	}}
	evidence := map[string]any{"advisories": []any{map[string]any{"id": "advisories/csaf",
		"data": map[string]any{"advisories": advs, "snapshot_digest": "sha256:x"}}}}
	term := func(v any) *ast.Term {
		raw, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return ast.MustParseTerm(string(raw))
	}
	idx, ok := advisoryIndex(term(evidence), term(map[string]any{"as_of": "2026-11-01"}), term(pcap).Value.(ast.Object))
	if !ok {
		t.Fatal("no advisory index")
	}
	var res struct {
		Matches []advisory.Match `json:"matches"`
	}
	if !decodeTerm(ast.NewTerm(idx), &res) {
		t.Fatal("index does not decode")
	}
	type row struct{ Ref, Advisory, Status, Confidence, Record, From, Fixed string }
	var got []row
	for _, m := range res.Matches {
		got = append(got, row{m.Subject.Ref, m.Advisory, m.Status, m.Confidence, m.Subject.Record, m.Subject.From, m.FixedVersion})
	}
	want := []row{
		{"ip:10.0.0.2", "EX-S7", advisory.StatusAffected, advisory.ConfidenceExact, "flow:s7", "s7comm firmware, module_type, order_number", "V3.2.17"},
		{"ip:10.0.0.3", "EX-BAC", advisory.StatusAffected, advisory.ConfidenceExact, "flow:bac", "bacnet device_vendor, firmware_revision, model_name", ""},
		// A banner names the software and its version, not the device's
		// vendor: possible, for review.
		{"ip:10.0.0.4", "EX-SSH", advisory.StatusPossible, advisory.ConfidenceExact, "flow:ssh", "ssh server_software", "7.7"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s\n%+v", diff, res.Matches)
	}
}

// The reports file the matches that make no finding under
// scorecard.AdvisoryCheck: it must be the built-in check that reads
// input.index.advisories.
func TestAdvisoryCheckIsBuiltin(t *testing.T) {
	ps, err := LoadPolicies(".", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range ps.Rules {
		if r.ID == scorecard.AdvisoryCheck {
			if r.Package != "slate.checks.inventory.advisories" {
				t.Errorf("%s is package %s, not the advisory check", r.ID, r.Package)
			}
			return
		}
	}
	t.Errorf("no built-in check has id %s", scorecard.AdvisoryCheck)
}
