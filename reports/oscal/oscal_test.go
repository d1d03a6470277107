package oscal

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/slate-ot/slate/engine/model"
	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/reports/reporttest"
)

var update = flag.Bool("update", false, "rewrite golden files")

const (
	schemaFile = "../../testdata/schemas/oscal/v1.1.3/oscal_assessment-results_schema.json"
	// completeSchema holds every OSCAL 1.1.3 model, the assessment plan
	// among them; NIST publishes no assessment-plan schema on its own in
	// the sources testdata/schemas/NOTICE.md names.
	completeSchema = "../../testdata/schemas/oscal/v1.1.3/oscal_complete_schema.json"
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
	golden := filepath.Join("testdata", "oscal-assessment-results.golden.json")
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
		t.Errorf("oscal (-want +got):\n%s", diff)
	}
}

func synthetic() *scorecard.Scorecard {
	return &scorecard.Scorecard{
		Format:     scorecard.Format,
		Assessment: scorecard.Assessment{Name: "t", Site: "Site T", AsOf: "2026-11-01", File: "assessment.hcl"},
		Evidence: []scorecard.Evidence{{Document: "assets/reg", Kind: "assets", Files: []evidence.File{{Path: "evidence/a.xlsx", SHA256: "abc", Size: 3}},
			Warnings: []string{"row 4: no model"}}},
		Requirements: []scorecard.Requirement{
			{Framework: "iec62443-3-3", ID: "SR 1.6 RE 1", Title: "x", Zones: []scorecard.ZoneStatus{
				{Zone: "cell", Status: "pass"}, {Zone: "dmz", Status: "not_assessed", Reason: "no evidence"},
				{Zone: "control", Status: "waived", Gaps: []string{"G-2"}}, {Zone: "ent", Status: "fail", Gaps: []string{"G-1"}}}},
			{Framework: "nist-800-53r5", ID: "AC-2(1)", Title: "y", Zones: []scorecard.ZoneStatus{{Zone: "cell", Status: "manual"}}},
		},
		Gaps: []scorecard.Gap{
			{ID: "G-1", Status: "open", Rule: "R1", Title: "T1", Message: "m1\nsecond line", Severity: "high", Owner: "OT", Zone: "ent",
				Remediation: "fix", Evidence: []evidence.Ref{{Document: "assets/reg", Record: "row 2"}}},
			{ID: "G-2", Status: "waived", Rule: "R1", Title: "T1", Message: "m2", Waivers: []string{"w1"}},
		},
		Waivers: []scorecard.Waiver{{Name: "w1", ApprovedBy: "A. Person", Expires: "2027-01-31", Reason: "later",
			CompensatingControl: "isolated", Status: "active", Findings: 1}},
	}
}

func TestSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	for name, sc := range map[string]*scorecard.Scorecard{"plant-a": load(t), "synthetic": synthetic(), "advisories": withAdvisories(),
		"no requirements": {Assessment: scorecard.Assessment{Name: "e", AsOf: "2026-11-01"}}} {
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

func TestPlanSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile(completeSchema)
	if err != nil {
		t.Fatal(err)
	}
	for name, sc := range map[string]*scorecard.Scorecard{"plant-a": load(t), "synthetic": synthetic(), "advisories": withAdvisories(),
		"no requirements": {Assessment: scorecard.Assessment{Name: "e", AsOf: "2026-11-01"}}} {
		t.Run(name, func(t *testing.T) {
			plan := reporttest.Render(t, WritePlan, sc)
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(plan))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("%s: %v", name, err)
			}
			if _, ok := inst.(map[string]any)["assessment-plan"]; !ok {
				t.Errorf("%s: not an assessment plan", name)
			}
		})
	}
	// The control case: the complete schema refuses an assessment plan
	// without its required import-ssp.
	var doc map[string]map[string]any
	if err := json.Unmarshal(reporttest.Render(t, WritePlan, synthetic()), &doc); err != nil {
		t.Fatal(err)
	}
	delete(doc["assessment-plan"], "import-ssp")
	raw, _ := json.Marshal(doc)
	inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err := sch.Validate(inst); err == nil {
		t.Error("a plan without import-ssp validated")
	}
}

func TestPlanGolden(t *testing.T) {
	got := reporttest.Render(t, WritePlan, load(t))
	if !bytes.Equal(got, reporttest.Render(t, WritePlan, load(t))) {
		t.Fatal("two runs differ")
	}
	golden := filepath.Join("testdata", "oscal-assessment-plan.golden.json")
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
		t.Errorf("oscal plan (-want +got):\n%s", diff)
	}
}

// collision is a scorecard whose two frameworks spell one OSCAL token:
// IEC 62443-3-3 SR 2.1 and NIST SP 800-53r5 SR-2(1) are both "sr-2.1".
func collision() *scorecard.Scorecard {
	return &scorecard.Scorecard{
		Assessment: scorecard.Assessment{Name: "c", AsOf: "2026-11-01", File: "assessment.hcl",
			Frameworks: []model.Framework{{ID: "iec62443-3-3"}, {ID: "nist-800-53r5", Baseline: "moderate"}}},
		Requirements: []scorecard.Requirement{
			{Framework: "iec62443-3-3", ID: "SR 2.1", Zones: []scorecard.ZoneStatus{{Zone: "cell", Status: "pass"}}},
			{Framework: "nist-800-53r5", ID: "SR-2(1)", Zones: []scorecard.ZoneStatus{{Zone: "cell", Status: "fail"}}},
		},
		Rules: []scorecard.RuleSummary{{Rule: scorecard.Rule{ID: "R1", Title: "both",
			Requirements: []string{"iec62443-3-3:SR 2.1", "nist-800-53r5:SR-2(1)"}}}},
	}
}

// TestControlIDsUnique checks that no control id of the results or the
// plan stands for requirements of two frameworks: every control id names
// one framework's requirement, and each is selected once.
func TestControlIDsUnique(t *testing.T) {
	if ControlID("SR 2.1") != ControlID("SR-2(1)") {
		t.Fatal("the collision this test guards against is gone; pick another pair")
	}
	for name, sc := range map[string]*scorecard.Scorecard{"collision": collision(), "plant-a": load(t), "synthetic": synthetic()} {
		t.Run(name, func(t *testing.T) {
			want := map[string]string{} // control id → the framework requirement it stands for
			for _, r := range sc.Requirements {
				id := FrameworkControlID(r.Framework, r.ID)
				if other, ok := want[id]; ok && other != r.Framework+":"+r.ID {
					t.Errorf("control id %s stands for %s and %s:%s", id, other, r.Framework, r.ID)
				}
				want[id] = r.Framework + ":" + r.ID
			}
			ar := Build(sc, "").AssessmentResults.Results[0]
			ap := BuildPlan(sc).AssessmentPlan
			for doc, rc := range map[string]ReviewedControls{"results": ar.ReviewedControls, "plan": ap.ReviewedControls} {
				seen := map[string]string{}
				for _, cs := range rc.ControlSelections {
					fw := ""
					for _, p := range cs.Props {
						if p.Name == "framework" {
							fw = p.Value
						}
					}
					for _, c := range cs.IncludeControls {
						if prev, dup := seen[c.ControlID]; dup {
							t.Errorf("%s: control id %s selected for %s and %s", doc, c.ControlID, prev, fw)
						}
						seen[c.ControlID] = fw
						if q, ok := want[c.ControlID]; !ok || !strings.HasPrefix(q, fw+":") {
							t.Errorf("%s: control id %s in the %s selection stands for %q", doc, c.ControlID, fw, q)
						}
					}
				}
				if len(seen) != len(want) {
					t.Errorf("%s: %d controls selected, want %d (one per requirement)", doc, len(seen), len(want))
				}
			}
			for _, f := range ar.Findings {
				if _, ok := want[f.Target.TargetID]; !ok {
					t.Errorf("finding %s targets %s, which is no requirement's control id", f.Title, f.Target.TargetID)
				}
			}
		})
	}
	ids := Build(collision(), "").AssessmentResults.Results[0].ReviewedControls
	var got []string
	for _, cs := range ids.ControlSelections {
		for _, c := range cs.IncludeControls {
			got = append(got, c.ControlID)
		}
	}
	if diff := cmp.Diff([]string{"iec62443-3-3_sr-2.1", "nist-800-53r5_sr-2.1"}, got); diff != "" {
		t.Errorf("control ids (-want +got):\n%s", diff)
	}
}

func TestFindings(t *testing.T) {
	doc := Build(synthetic(), "")
	res := doc.AssessmentResults.Results[0]
	type row struct{ Title, Target, State, Reason string }
	var got []row
	for _, f := range res.Findings {
		got = append(got, row{f.Title, f.Target.TargetID, f.Target.Status.State, f.Target.Status.Reason})
	}
	want := []row{
		{"SR 1.6 RE 1 [cell]", "iec62443-3-3_sr-1.6-re-1", "satisfied", "pass"},
		{"SR 1.6 RE 1 [dmz]", "iec62443-3-3_sr-1.6-re-1", "not-satisfied", "not_assessed"},
		{"SR 1.6 RE 1 [control]", "iec62443-3-3_sr-1.6-re-1", "not-satisfied", "waived"},
		{"SR 1.6 RE 1 [ent]", "iec62443-3-3_sr-1.6-re-1", "not-satisfied", "fail"},
		{"AC-2(1) [cell]", "nist-800-53r5_ac-2.1", "not-satisfied", "manual"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if len(res.Risks) != 2 || res.Risks[0].Status != "open" || res.Risks[1].Status != "deviation-approved" {
		t.Fatalf("risks = %+v", res.Risks)
	}
	e := res.Risks[1].RiskLog.Entries[0]
	if diff := cmp.Diff("Approved by A. Person; expires 2027-01-31.", e.Remarks); diff != "" {
		t.Errorf("waiver remarks (-want +got):\n%s", diff)
	}
	if e.End != "2027-01-31T00:00:00Z" || res.Risks[1].MitigatingFactors[0].Description != "isolated" {
		t.Errorf("waiver entry = %+v", e)
	}
	if got := res.Findings[3].RelatedRisks; len(got) != 1 || got[0].RiskUUID != res.Risks[0].UUID {
		t.Errorf("fail finding related risks = %+v", got)
	}
	if got := res.Observations[0].RelevantEvidence[0].Props[0]; got.Name != "sha256" || got.Value != "abc" {
		t.Errorf("evidence prop = %+v", got)
	}
	if doc.AssessmentResults.ImportAP.Href != PlanFileName || doc.AssessmentResults.Metadata.LastModified != "2026-11-01T00:00:00Z" {
		t.Errorf("metadata/import-ap = %+v %+v", doc.AssessmentResults.Metadata, doc.AssessmentResults.ImportAP)
	}
}

func TestUUIDs(t *testing.T) {
	v5 := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	seen := map[string]string{}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				if k == "uuid" {
					s := c.(string)
					if !v5.MatchString(s) {
						t.Errorf("%s: %q is not a version 5 uuid", path, s)
					}
					if p, dup := seen[s]; dup {
						t.Errorf("uuid %s used at %s and %s", s, p, path)
					}
					seen[s] = path
				}
				walk(path+"/"+k, c)
			}
		case []any:
			for i, c := range x {
				walk(path+"/"+string(rune('0'+i%10)), c)
			}
		}
	}
	walk("", parse(t, render(t, load(t))))
	walk("plan", parse(t, reporttest.Render(t, WritePlan, load(t))))
	if len(seen) < 100 {
		t.Errorf("only %d uuids", len(seen))
	}
	if a, b := UUID("x", "y"), UUID("x", "y"); a != b || a == UUID("x", "z") {
		t.Error("UUID is not a function of its key")
	}
}

// withAdvisories is a scorecard with the advisory check's gap of an
// affected component, a possible match read off the wire, and a fixed
// one.
func withAdvisories() *scorecard.Scorecard {
	inv := evidence.Ref{Document: "assets/inv", Record: "inv.csv:2", File: "evidence/inv.csv", Line: 2}
	adv := evidence.Ref{Document: "advisories/csaf", Record: "EX-1", File: "evidence/csaf/ex-1.json"}
	return &scorecard.Scorecard{
		Format:     scorecard.Format,
		Assessment: scorecard.Assessment{Name: "t", Site: "Site T", AsOf: "2026-11-01"},
		Evidence: []scorecard.Evidence{
			{Document: "advisories/csaf", Kind: "advisories", Files: []evidence.File{{Path: "evidence/csaf/ex-1.json", SHA256: "a"}, {Path: "evidence/csaf/ex-2.json", SHA256: "b"}}},
			{Document: "assets/inv", Kind: "assets", Files: []evidence.File{{Path: "evidence/inv.csv", SHA256: "c"}}},
			{Document: "pcap/span", Kind: "pcap", Files: []evidence.File{{Path: "evidence/span.pcap", SHA256: "d"}}},
		},
		Requirements: []scorecard.Requirement{{Framework: "nist-800-53r5", ID: "SI-2", Title: "Flaw remediation",
			Zones: []scorecard.ZoneStatus{{Zone: "cell", Status: "fail", Gaps: []string{"G-1"}}}}},
		Gaps: []scorecard.Gap{{ID: "G-1", Status: "open", Rule: scorecard.AdvisoryCheck, Severity: "critical", Zone: "cell", Subject: "asset:plc-1",
			Message: "plc-1 is affected by EX-1", Evidence: []evidence.Ref{adv, inv}}},
		Advisories: []scorecard.AdvisoryMatch{
			{Subject: "asset:plc-1", Asset: "plc-1", Zone: "cell", Source: "inventory", Vendor: "Acme", Model: "PLC-100", Firmware: "2.1",
				Advisory: "EX-1", Title: "Acme PLC-100", Document: "advisories/csaf", Product: "PLC-100 < 2.4", CVEs: []string{"CVE-2026-10001", "ZDI-26-001"},
				CVSS: 9.8, KEV: []string{"CVE-2026-10001"}, FixedVersion: "2.4", Confidence: "exact", Status: scorecard.AdvisoryFixAvailable,
				Remediation: "vendor_fix: Update to 2.4\nmitigation: Block port 502", Evidence: []evidence.Ref{adv, inv}},
			{Subject: "ip:10.0.0.4", Asset: "10.0.0.4", Zone: "cell", Source: "wire", Model: "OpenSSH", Firmware: "7.4",
				Advisory: "EX-2", Document: "advisories/csaf", Product: "OpenSSH < 7.7", CVEs: []string{"CVE-2018-15473"}, CVSS: 5.3,
				FixedVersion: "7.7", Confidence: "exact", Status: scorecard.AdvisoryPossible, From: "ssh server_software",
				Evidence: []evidence.Ref{{Document: "advisories/csaf", Record: "EX-2", File: "evidence/csaf/ex-2.json"},
					{Document: "pcap/span", Record: "flow:0123456789abcdef"}}},
			{Subject: "asset:plc-3", Asset: "plc-3", Advisory: "EX-1", Document: "advisories/csaf", Status: scorecard.AdvisoryFixed},
		},
	}
}

// TestAdvisoryObservations: one observation per affected or possible
// match (none for a fixed one), with the CVEs as props and links to
// their records, the evidence files it rests on, and the affected one
// tied to its gap's risk and to the finding of the requirement.
func TestAdvisoryObservations(t *testing.T) {
	res := Build(withAdvisories(), "").AssessmentResults.Results[0]
	var got []Observation
	for _, o := range res.Observations {
		if slices.Contains(o.Types, "finding") {
			got = append(got, o)
		}
	}
	if len(got) != 2 {
		t.Fatalf("%d advisory observations, want 2: %+v", len(got), got)
	}
	affected, possible := got[0], got[1]
	propValues := func(o Observation, name string) []string {
		var out []string
		for _, p := range o.Props {
			if p.Name == name {
				out = append(out, p.Value)
			}
		}
		return out
	}
	for name, want := range map[string][]string{"advisory": {"EX-1"}, "cve": {"CVE-2026-10001", "ZDI-26-001"}, "kev": {"CVE-2026-10001"},
		"cvss": {"9.8"}, "fixed-version": {"2.4"}, "confidence": {"exact"}, "match-status": {scorecard.AdvisoryFixAvailable}} {
		if diff := cmp.Diff(want, propValues(affected, name)); diff != "" {
			t.Errorf("affected prop %s (-want +got):\n%s", name, diff)
		}
	}
	wantLinks := []Link{{Href: "https://www.cve.org/CVERecord?id=CVE-2026-10001", Rel: "reference", Text: "CVE-2026-10001"}}
	if diff := cmp.Diff(wantLinks, affected.Links); diff != "" {
		t.Errorf("links (-want +got):\n%s", diff)
	}
	var hrefs []string
	for _, e := range possible.RelevantEvidence {
		hrefs = append(hrefs, e.Href)
	}
	if diff := cmp.Diff([]string{"evidence/csaf/ex-2.json", "evidence/span.pcap"}, hrefs); diff != "" {
		t.Errorf("possible match's evidence (-want +got):\n%s", diff)
	}
	if !strings.Contains(possible.Remarks, "fails nothing") || len(res.Risks) != 1 {
		t.Errorf("possible match: remarks %q, %d risks (want 1, the gap's)", possible.Remarks, len(res.Risks))
	}
	related := func(rs []RelatedObs) bool {
		return slices.ContainsFunc(rs, func(r RelatedObs) bool { return r.ObservationUUID == affected.UUID })
	}
	if !related(res.Risks[0].RelatedObservations) || !related(res.Findings[0].RelatedObservations) {
		t.Errorf("the gap's risk and finding do not point at the match's observation %s", affected.UUID)
	}
}
