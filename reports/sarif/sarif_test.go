package sarif

import (
	"bytes"
	"encoding/json"
	"flag"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/reports/reporttest"
)

var update = flag.Bool("update", false, "rewrite golden files")

const (
	schemaFile = "../../testdata/schemas/sarif/v2.1.0/sarif-schema-2.1.0.json"
)

func load(t *testing.T) *scorecard.Scorecard {
	t.Helper()
	return reporttest.Load(t, reporttest.Example)
}

func render(t *testing.T, sc *scorecard.Scorecard) []byte {
	t.Helper()
	return reporttest.Render(t, Write, sc)
}

func parse(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestGolden(t *testing.T) {
	got := render(t, load(t))
	if !bytes.Equal(got, render(t, load(t))) {
		t.Fatal("two runs differ")
	}
	golden := filepath.Join("testdata", "results.golden.sarif")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(parse(t, want), parse(t, got)); diff != "" {
		t.Errorf("results.sarif (-want +got):\n%s", diff)
	}
}

func TestSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	in := Options{Base: "plants/plant-a"}.Write
	for name, out := range map[string][]byte{
		"plant-a":                render(t, load(t)),
		"synthetic":              render(t, synthetic()),
		"plant-a under the root": reporttest.Render(t, in, load(t)),
		"synthetic under a root": reporttest.Render(t, in, synthetic()),
		"advisories":             render(t, withAdvisories()),
	} {
		t.Run(name, func(t *testing.T) {
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		})
	}
}

func synthetic() *scorecard.Scorecard {
	return &scorecard.Scorecard{
		Assessment: scorecard.Assessment{Name: "t", AsOf: "2026-11-01"},
		Rules: []scorecard.RuleSummary{{Rule: scorecard.Rule{ID: "R1", Package: "slate.checks.x.telnet_open", Title: "No telnet",
			Requirements: []string{"iec62443-3-3:SR 4.1", "nist-800-53r5:SC-8"}, Severity: "high", Owner: "OT", Remediation: "use ssh",
			File: "builtin/checks/x/telnet_open.rego", Line: 3}}},
		Evidence: []scorecard.Evidence{{Document: "assets/reg", Files: []evidence.File{{Path: "evidence/a.xlsx"}, {Path: "evidence/b.csv"}}}},
		Gaps: []scorecard.Gap{
			{ID: "G-1", Status: "open", Rule: "R1", Severity: "high", Zone: "cell", Subject: "device:sw1", Message: "telnet on",
				Evidence: []evidence.Ref{{Document: "net/cfg", File: "evidence/sw1.cfg", Line: 12}}},
			{ID: "G-2", Status: "waived", Rule: "R1", Severity: "low", Subject: "asset:hmi", Message: "old",
				Evidence: []evidence.Ref{{Document: "assets/reg", Record: "row 3"}}, Waivers: []string{"hmi-w"}},
			{ID: "G-3", Status: "open", Rule: "R9", Title: "unlisted", Severity: "medium", Message: "no evidence ref"},
		},
	}
}

func TestResults(t *testing.T) {
	log := Build(synthetic(), Options{})
	run := log.Runs[0]
	want := []Result{
		{RuleID: "R1", RuleIndex: 0, Level: "error", Message: Text{"telnet on"},
			Locations: []Location{{
				PhysicalLocation: &PhysicalLocation{ArtifactLocation{URI: "evidence/sw1.cfg", URIBaseID: SrcRoot}, &Region{12}},
				LogicalLocations: []LogicalLocation{{Name: "device:sw1", FullyQualifiedName: "cell/device:sw1", Kind: "device"}},
			}},
			PartialFingerprints: map[string]string{"slateGapId/v1": "G-1"},
			Properties:          ResultProperties{GapID: "G-1", Status: "open", Severity: "high", Zone: "cell", Subject: "device:sw1", Requirements: []string{}}},
		{RuleID: "R1", RuleIndex: 0, Level: "note", Message: Text{"old"},
			Locations: []Location{
				{Message: &Text{"record row 3"}, PhysicalLocation: &PhysicalLocation{ArtifactLocation: ArtifactLocation{URI: "evidence/a.xlsx", URIBaseID: SrcRoot}},
					LogicalLocations: []LogicalLocation{{Name: "asset:hmi", FullyQualifiedName: "site-wide/asset:hmi", Kind: "asset"}}},
				{Message: &Text{"record row 3"}, PhysicalLocation: &PhysicalLocation{ArtifactLocation: ArtifactLocation{URI: "evidence/b.csv", URIBaseID: SrcRoot}},
					LogicalLocations: []LogicalLocation{{Name: "asset:hmi", FullyQualifiedName: "site-wide/asset:hmi", Kind: "asset"}}},
			},
			PartialFingerprints: map[string]string{"slateGapId/v1": "G-2"},
			Suppressions:        []Suppression{{Kind: "external", Status: "accepted", Justification: "waived by hmi-w"}},
			Properties:          ResultProperties{GapID: "G-2", Status: "waived", Severity: "low", Zone: "site-wide", Subject: "asset:hmi", Requirements: []string{}, Waivers: []string{"hmi-w"}}},
		{RuleID: "R9", RuleIndex: 1, Level: "warning", Message: Text{"no evidence ref"},
			PartialFingerprints: map[string]string{"slateGapId/v1": "G-3"},
			Properties:          ResultProperties{GapID: "G-3", Status: "open", Severity: "medium", Zone: "site-wide", Requirements: []string{}}},
	}
	if diff := cmp.Diff(want, run.Results); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	r := run.Tool.Driver.Rules[0]
	wantRule := Rule{ID: "R1", Name: "TelnetOpen", ShortDescription: Text{"No telnet"}, FullDescription: Text{"No telnet"},
		HelpURI: "https://github.com/slate-ot/slate/blob/main/policies/checks/x/telnet_open.rego",
		Help:    Text{"use ssh"}, DefaultConfiguration: Configuration{"error"},
		Properties: RuleProperties{Requirements: []string{"iec62443-3-3:SR 4.1", "nist-800-53r5:SC-8"}, Owner: "OT", Severity: "high", SecuritySeverity: "8.0",
			Tags: []string{"security", "ot", "iec62443-3-3", "nist-800-53r5", "owner:OT"}, Package: "slate.checks.x.telnet_open"}}
	if diff := cmp.Diff(wantRule, r); diff != "" {
		t.Errorf("rule (-want +got):\n%s", diff)
	}
}

func TestLevel(t *testing.T) {
	for sev, want := range map[string]string{"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note", "": "note"} {
		if got := Level(sev); got != want {
			t.Errorf("Level(%q) = %q, want %q", sev, got, want)
		}
	}
}

// TestCodeScanning checks what GitHub code scanning reads beyond the
// schema: a documentation link and a security-severity score on every
// rule, paths from the repository root through a declared base id, and a
// region wherever the evidence names a line.
func TestCodeScanning(t *testing.T) {
	// GitHub code scanning's bands for properties.security-severity.
	bands := map[string][2]float64{"critical": {9.0, 10.0}, "high": {7.0, 8.9}, "medium": {4.0, 6.9}, "low": {0.1, 3.9}}
	for _, base := range []string{"", "plants/plant-a"} {
		for name, sc := range map[string]*scorecard.Scorecard{"plant-a": load(t), "synthetic": synthetic()} {
			t.Run(name+" "+base, func(t *testing.T) {
				var log Log
				if err := json.Unmarshal(reporttest.Render(t, Options{Base: base}.Write, sc), &log); err != nil {
					t.Fatal(err)
				}
				run := log.Runs[0]
				for _, r := range run.Tool.Driver.Rules {
					if u, err := url.Parse(r.HelpURI); err != nil || u.Scheme != "https" || u.Host != "github.com" {
						t.Errorf("%s: helpUri %q is not a https link to the repository", r.ID, r.HelpURI)
					}
					score, err := strconv.ParseFloat(r.Properties.SecuritySeverity, 64)
					if err != nil {
						t.Errorf("%s: security-severity %q: %v", r.ID, r.Properties.SecuritySeverity, err)
						continue
					}
					if b, ok := bands[r.Properties.Severity]; ok && (score < b[0] || score > b[1]) {
						t.Errorf("%s: severity %s scored %s, outside %v", r.ID, r.Properties.Severity, r.Properties.SecuritySeverity, b)
					}
					if _, ok := bands[r.Properties.Severity]; !ok && score != 0 {
						t.Errorf("%s: severity %q scored %s, want 0.0", r.ID, r.Properties.Severity, r.Properties.SecuritySeverity)
					}
				}
				if _, ok := run.OriginalURIBaseIDs[SrcRoot]; !ok {
					t.Errorf("originalUriBaseIds has no %s", SrcRoot)
				}
				if d, ok := run.OriginalURIBaseIDs[AssessmentDir]; (base != "") != ok || ok && d.URI != base+"/" {
					t.Errorf("originalUriBaseIds.%s = %+v, want uri %q", AssessmentDir, d, base+"/")
				}
				lines := map[string]bool{}
				for _, g := range sc.Gaps {
					for _, e := range g.Evidence {
						if e.File != "" && e.Line > 0 {
							lines[g.ID+" "+path.Join(base, e.File)+":"+strconv.Itoa(e.Line)] = true
						}
					}
				}
				regions := 0
				for _, res := range run.Results {
					for _, l := range res.Locations {
						pl := l.PhysicalLocation
						if pl == nil {
							continue
						}
						if _, ok := run.OriginalURIBaseIDs[pl.ArtifactLocation.URIBaseID]; !ok {
							t.Errorf("%s: uriBaseId %q is not declared", res.Properties.GapID, pl.ArtifactLocation.URIBaseID)
						}
						if !strings.HasPrefix(pl.ArtifactLocation.URI, base) {
							t.Errorf("%s: uri %q is not under %q", res.Properties.GapID, pl.ArtifactLocation.URI, base)
						}
						if pl.Region != nil {
							regions++
							delete(lines, res.Properties.GapID+" "+pl.ArtifactLocation.URI+":"+strconv.Itoa(pl.Region.StartLine))
						}
					}
				}
				if len(lines) > 0 {
					t.Errorf("evidence lines with no region: %v", slices.Sorted(maps.Keys(lines)))
				}
				if name == "synthetic" && regions == 0 {
					t.Error("no result has a region")
				}
			})
		}
	}
}

func TestRecorded(t *testing.T) {
	for _, base := range []string{"", "plants/plant-a", "a"} {
		raw := reporttest.Render(t, Options{Base: base}.Write, synthetic())
		got, err := Recorded("results.sarif", raw)
		if err != nil || got.Base != base {
			t.Errorf("Recorded(written with %q) = %+v, %v", base, got, err)
		}
		if again := reporttest.Render(t, got.Write, synthetic()); !bytes.Equal(again, raw) {
			t.Errorf("written again with %+v, the log differs", got)
		}
	}
	for name, raw := range map[string]string{
		"not json":  "{",
		"two runs":  `{"runs":[{},{}]}`,
		"not a dir": `{"runs":[{"originalUriBaseIds":{"ASSESSMENTDIR":{"uri":"x","uriBaseId":"%SRCROOT%"}}}]}`,
	} {
		if _, err := Recorded("results.sarif", []byte(raw)); err == nil || !strings.Contains(err.Error(), "results.sarif") {
			t.Errorf("%s: err = %v, want one naming the file", name, err)
		}
	}
}

func TestHelpURI(t *testing.T) {
	for file, want := range map[string]string{
		"builtin/checks/netconfig/insecure_management.rego": "https://github.com/slate-ot/slate/blob/main/policies/checks/netconfig/insecure_management.rego",
		"policies/site/extra.rego":                          PolicyDocURL,
		"":                                                  PolicyDocURL,
	} {
		if got := HelpURI(scorecard.Rule{File: file}); got != want {
			t.Errorf("HelpURI(%q) = %q, want %q", file, got, want)
		}
	}
	// Every built-in check's link names a file of the repository.
	for _, r := range load(t).Rules {
		if rel, ok := strings.CutPrefix(HelpURI(r.Rule), builtinURL); ok {
			if _, err := os.Stat(filepath.Join("..", "..", "policies", filepath.FromSlash(rel))); err != nil {
				t.Errorf("%s: helpUri %s: %v", r.ID, HelpURI(r.Rule), err)
			}
		}
	}
}

// withAdvisories is a scorecard with the advisory check's gap of an
// affected inventory component, and a possible match of an SSH server
// seen on the wire, which is no gap.
func withAdvisories() *scorecard.Scorecard {
	inv := evidence.Ref{Document: "assets/inv", Record: "inv.csv:2", File: "evidence/inv.csv", Line: 2}
	adv := evidence.Ref{Document: "advisories/csaf", Record: "EX-1", File: "evidence/csaf/ex-1.json"}
	return &scorecard.Scorecard{
		Assessment: scorecard.Assessment{Name: "t", AsOf: "2026-11-01"},
		Rules: []scorecard.RuleSummary{{Rule: scorecard.Rule{ID: scorecard.AdvisoryCheck, Package: "slate.checks.inventory.advisories",
			Title: "No component runs an affected version", Requirements: []string{"nist-800-53r5:SI-2"}, Severity: "high", Owner: "OT",
			File: "builtin/checks/inventory/advisories.rego", Line: 1}}},
		Evidence: []scorecard.Evidence{{Document: "pcap/span", Kind: "pcap", Files: []evidence.File{{Path: "evidence/span.pcap"}}}},
		Gaps: []scorecard.Gap{{ID: "G-1", Status: "open", Rule: scorecard.AdvisoryCheck, Severity: "critical", Zone: "cell", Subject: "asset:plc-1",
			Message: "plc-1 is affected by EX-1 (CVE-2026-10001, CVSS 9.8): update to 2.4 or later", Evidence: []evidence.Ref{adv, inv}}},
		Advisories: []scorecard.AdvisoryMatch{
			{Subject: "asset:plc-1", Asset: "plc-1", Zone: "cell", Source: "inventory", Vendor: "Acme", Model: "PLC-100", Firmware: "2.1",
				Advisory: "EX-1", Document: "advisories/csaf", Product: "PLC-100 < 2.4", CVEs: []string{"CVE-2026-10001"}, CVSS: 9.8,
				KEV: []string{"CVE-2026-10001"}, FixedVersion: "2.4", Confidence: "exact", Status: scorecard.AdvisoryFixAvailable,
				Evidence: []evidence.Ref{adv, inv}},
			{Subject: "ip:10.0.0.4", Asset: "10.0.0.4", Zone: "cell", Source: "wire", Model: "OpenSSH", Firmware: "7.4",
				Advisory: "EX-2", Document: "advisories/csaf", Product: "OpenSSH < 7.7", CVEs: []string{"CVE-2018-15473"}, CVSS: 5.3,
				FixedVersion: "7.7", Confidence: "exact", Status: scorecard.AdvisoryPossible, From: "ssh server_software",
				Remediation: "vendor_fix: Update to 7.7",
				Evidence: []evidence.Ref{{Document: "advisories/csaf", Record: "EX-2", File: "evidence/csaf/ex-2.json"},
					{Document: "pcap/span", Record: "flow:0123456789abcdef"}}},
			{Subject: "asset:plc-3", Asset: "plc-3", Advisory: "EX-1", Document: "advisories/csaf", Status: scorecard.AdvisoryFixed},
		},
	}
}

// TestAdvisoryResults: the affected component's gap carries the match,
// located at its inventory row; the possible match is a note of the
// advisory check, located at the advisory and the capture of the flow
// its identity was read from; the fixed one is no result.
func TestAdvisoryResults(t *testing.T) {
	run := Build(withAdvisories(), Options{}).Runs[0]
	if len(run.Results) != 2 {
		t.Fatalf("%d results, want 2: %+v", len(run.Results), run.Results)
	}
	gap, note := run.Results[0], run.Results[1]
	wantGap := &AdvisoryProperties{ID: "EX-1", Match: scorecard.AdvisoryFixAvailable, CVEs: []string{"CVE-2026-10001"}, CVSS: 9.8,
		KEV: []string{"CVE-2026-10001"}, FixedVersion: "2.4", Confidence: "exact", Product: "PLC-100 < 2.4", Source: "inventory"}
	if diff := cmp.Diff(wantGap, gap.Properties.Advisory); diff != "" {
		t.Errorf("gap's advisory (-want +got):\n%s", diff)
	}
	if gap.Level != "error" || gap.Locations[1].PhysicalLocation.Region == nil || gap.Locations[1].PhysicalLocation.Region.StartLine != 2 {
		t.Errorf("gap result %+v: want level error and the inventory row at line 2", gap)
	}
	logical := []LogicalLocation{{Name: "ip:10.0.0.4", FullyQualifiedName: "cell/ip:10.0.0.4", Kind: "ip"}}
	want := Result{RuleID: scorecard.AdvisoryCheck, RuleIndex: 0, Level: "note",
		Message: Text{"to review: 10.0.0.4 may be affected by EX-2 (CVE-2018-15473), fixed in 7.7; exact match on OpenSSH, not confirmed, firmware 7.4"},
		Locations: []Location{
			{Message: &Text{"record EX-2"}, PhysicalLocation: &PhysicalLocation{ArtifactLocation: ArtifactLocation{URI: "evidence/csaf/ex-2.json", URIBaseID: SrcRoot}}, LogicalLocations: logical},
			{Message: &Text{"record flow:0123456789abcdef"}, PhysicalLocation: &PhysicalLocation{ArtifactLocation: ArtifactLocation{URI: "evidence/span.pcap", URIBaseID: SrcRoot}}, LogicalLocations: logical},
		},
		PartialFingerprints: map[string]string{"slateAdvisoryMatch/v1": withAdvisories().Advisories[1].ID()},
		Properties: ResultProperties{Status: scorecard.AdvisoryPossible, Severity: "info", Owner: "OT", Zone: "cell", Subject: "ip:10.0.0.4",
			Requirements: []string{}, Remediation: "Confirm the component's model and firmware version; if it is affected: vendor_fix: Update to 7.7",
			Advisory: &AdvisoryProperties{ID: "EX-2", Match: scorecard.AdvisoryPossible, CVEs: []string{"CVE-2018-15473"}, CVSS: 5.3, KEV: []string{},
				FixedVersion: "7.7", Confidence: "exact", Product: "OpenSSH < 7.7", Source: "wire", From: "ssh server_software"}},
	}
	if diff := cmp.Diff(want, note); diff != "" {
		t.Errorf("possible match (-want +got):\n%s", diff)
	}
	// Without the advisory check (switched off), a possible match makes
	// no result: there is no rule to file it under.
	sc := withAdvisories()
	sc.Rules, sc.Gaps = nil, nil
	if n := len(Build(sc, Options{}).Runs[0].Results); n != 0 {
		t.Errorf("%d results without the advisory check, want 0", n)
	}
}
