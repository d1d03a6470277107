package sarif

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
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
	sch, err := c.Compile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	for name, sc := range map[string]*scorecard.Scorecard{"plant-a": load(t), "synthetic": synthetic()} {
		t.Run(name, func(t *testing.T) {
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(render(t, sc)))
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
			Requirements: []string{"iec62443-3-3:SR 4.1", "nist-800-53r5:SC-8"}, Severity: "high", Owner: "OT", Remediation: "use ssh"}}},
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
	log := Build(synthetic())
	run := log.Runs[0]
	want := []Result{
		{RuleID: "R1", RuleIndex: 0, Level: "error", Message: Text{"telnet on"},
			Locations: []Location{{
				PhysicalLocation: &PhysicalLocation{ArtifactLocation{"evidence/sw1.cfg"}, &Region{12}},
				LogicalLocations: []LogicalLocation{{Name: "device:sw1", FullyQualifiedName: "cell/device:sw1", Kind: "device"}},
			}},
			PartialFingerprints: map[string]string{"slateGapId/v1": "G-1"},
			Properties:          ResultProperties{GapID: "G-1", Status: "open", Severity: "high", Zone: "cell", Subject: "device:sw1", Requirements: []string{}}},
		{RuleID: "R1", RuleIndex: 0, Level: "note", Message: Text{"old"},
			Locations: []Location{
				{Message: &Text{"record row 3"}, PhysicalLocation: &PhysicalLocation{ArtifactLocation: ArtifactLocation{"evidence/a.xlsx"}},
					LogicalLocations: []LogicalLocation{{Name: "asset:hmi", FullyQualifiedName: "site-wide/asset:hmi", Kind: "asset"}}},
				{Message: &Text{"record row 3"}, PhysicalLocation: &PhysicalLocation{ArtifactLocation: ArtifactLocation{"evidence/b.csv"}},
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
		Help: Text{"use ssh"}, DefaultConfiguration: Configuration{"error"},
		Properties: RuleProperties{Requirements: []string{"iec62443-3-3:SR 4.1", "nist-800-53r5:SC-8"}, Owner: "OT", Severity: "high",
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
