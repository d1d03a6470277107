package scorecard

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/engine/catalog"
	"github.com/slate-ot/slate/engine/model"
	"github.com/slate-ot/slate/evidence"
)

func testAssessment(waivers ...model.Waiver) *model.Assessment {
	return &model.Assessment{
		Name: "t", Site: "T", File: "/x/assessment.hcl",
		Frameworks: []model.Framework{{ID: model.FrameworkIEC62443}, {ID: model.FrameworkNIST, Baseline: "low"}},
		Zones: []model.Zone{
			{Name: "cell", Kind: "ot", Owner: "OT", SLTarget: model.SLVector{2, 2, 2, 2, 2, 2, 2}, Networks: []netip.Prefix{netip.MustParsePrefix("10.1.0.0/24")}},
			{Name: "office", Kind: "it", Owner: "IT", SLTarget: model.SLVector{1, 1, 1, 1, 1, 1, 1}, Networks: []netip.Prefix{netip.MustParsePrefix("10.2.0.0/24")}},
		},
		Waivers: waivers,
	}
}

// rule is a check that decides its requirements in full; partial(rule)
// makes it decide them in part.
func rule(id string, reqs ...string) Rule {
	return Rule{ID: id, Title: id, Requirements: reqs, Automates: reqs, Severity: "medium", Owner: "OT", Remediation: "fix"}
}

func partial(r Rule) Rule {
	r.Automates = nil
	return r
}

func build(t *testing.T, a *model.Assessment, results ...Result) *Scorecard {
	t.Helper()
	return buildWith(t, a, nil, results...)
}

// buildWith builds a scorecard whose bundle holds the attestations. A
// result that says nothing of its reads reads a "test" document, which the
// bundle holds: a claim without evidence counts for nothing (see
// TestNoPassWithoutEvidence).
func buildWith(t *testing.T, a *model.Assessment, atts []evidence.Attestation, results ...Result) *Scorecard {
	t.Helper()
	cat, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	for i := range results {
		if results[i].Reads == nil {
			results[i].Reads = []string{"test"}
		}
	}
	in := Input{Assessment: a, AsOf: "2026-11-01", Results: results,
		Bundle: &evidence.Bundle{Documents: []evidence.Document{{ID: "test/site", Kind: "test", Data: []byte("{}")}}}}
	if atts != nil {
		data, err := json.Marshal(evidence.AttestationData{Attestations: atts})
		if err != nil {
			t.Fatal(err)
		}
		in.Bundle.Documents = append(in.Bundle.Documents, evidence.Document{ID: "attestation/site", Kind: evidence.AttestationKind, Data: data})
	}
	sc, err := Build(in, cat)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func statusOf(sc *Scorecard, framework, id, zone string) string {
	for _, r := range sc.Requirements {
		if r.Framework == framework && r.ID == id {
			for _, z := range r.Zones {
				if z.Zone == zone {
					return z.Status
				}
			}
		}
	}
	return "missing"
}

func TestZoneStatus(t *testing.T) {
	const req = "iec62443-3-3:SR 7.8"
	finding := func(zone, subject string) Finding {
		return Finding{Subject: subject, Zone: zone, Message: "m " + subject}
	}
	for _, tc := range []struct {
		name    string
		results []Result
		waivers []model.Waiver
		want    map[string]string // zone → status
	}{
		{"no check", nil, nil,
			map[string]string{"cell": StatusNotAssessed, "office": StatusNotAssessed}},
		{"check without evidence", []Result{{Rule: rule("R1", req)}}, nil,
			map[string]string{"cell": StatusNotAssessed, "office": StatusNotAssessed}},
		{"assessed in one zone", []Result{{Rule: rule("R1", req), Assessed: []string{"cell"}}}, nil,
			map[string]string{"cell": StatusPass, "office": StatusNotAssessed}},
		{"assessed everywhere", []Result{{Rule: rule("R1", req), Assessed: []string{"*"}}}, nil,
			map[string]string{"cell": StatusPass, "office": StatusPass}},
		{"finding in a zone", []Result{{Rule: rule("R1", req), Assessed: []string{"*"}, Findings: []Finding{finding("cell", "asset:a")}}}, nil,
			map[string]string{"cell": StatusFail, "office": StatusPass}},
		{"site-wide finding fails every zone", []Result{{Rule: rule("R1", req), Assessed: []string{"*"}, Findings: []Finding{finding("", "asset:a")}}}, nil,
			map[string]string{"cell": StatusFail, "office": StatusFail}},
		{"finding without assessed still fails", []Result{{Rule: rule("R1", req), Findings: []Finding{finding("cell", "asset:a")}}}, nil,
			map[string]string{"cell": StatusFail, "office": StatusNotAssessed}},
		{"waived finding", []Result{{Rule: rule("R1", req), Assessed: []string{"*"}, Findings: []Finding{finding("cell", "asset:a")}}},
			[]model.Waiver{{Name: "w", Requirement: req, Subject: "asset:*", Expires: "2027-01-01"}},
			map[string]string{"cell": StatusWaived, "office": StatusPass}},
		{"expired waiver does not waive", []Result{{Rule: rule("R1", req), Assessed: []string{"*"}, Findings: []Finding{finding("cell", "asset:a")}}},
			[]model.Waiver{{Name: "w", Requirement: req, Subject: "asset:a", Expires: "2026-10-31"}},
			map[string]string{"cell": StatusFail, "office": StatusPass}},
		{"waiver for another zone", []Result{{Rule: rule("R1", req), Assessed: []string{"*"}, Findings: []Finding{finding("cell", "asset:a")}}},
			[]model.Waiver{{Name: "w", Requirement: req, Zone: "office", Expires: "2027-01-01"}},
			map[string]string{"cell": StatusFail, "office": StatusPass}},
		{"one open, one waived", []Result{{Rule: rule("R1", req), Assessed: []string{"*"}, Findings: []Finding{finding("cell", "asset:a"), finding("cell", "asset:b")}}},
			[]model.Waiver{{Name: "w", Requirement: req, Subject: "asset:a", Expires: "2027-01-01"}},
			map[string]string{"cell": StatusFail, "office": StatusPass}},
		{"manual check", []Result{{Rule: Rule{ID: "R1", Requirements: []string{req}, Manual: true}, Assessed: []string{"cell"}}}, nil,
			map[string]string{"cell": StatusManual, "office": StatusNotAssessed}},
		{"not applicable", []Result{{Rule: rule("R1", req), NotApplicable: []string{"office"}}}, nil,
			map[string]string{"cell": StatusNotAssessed, "office": StatusNotApplicable}},
		{"not applicable for one of two checks", []Result{{Rule: rule("R1", req), NotApplicable: []string{"office"}}, {Rule: rule("R2", req)}}, nil,
			map[string]string{"cell": StatusNotAssessed, "office": StatusNotAssessed}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc := build(t, testAssessment(tc.waivers...), tc.results...)
			got := map[string]string{}
			for zone := range tc.want {
				got[zone] = statusOf(sc, catalog.IEC, "SR 7.8", zone)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("statuses (-want +got):\n%s", diff)
			}
		})
	}
}

func TestWaiverStates(t *testing.T) {
	const req = "iec62443-3-3:SR 7.8"
	res := Result{Rule: rule("R1", req), Assessed: []string{"*"}, Findings: []Finding{
		{Subject: "asset:a", Zone: "cell", Message: "a"},
		{Subject: "asset:b", Zone: "cell", Message: "b"},
	}}
	sc := build(t, testAssessment(
		model.Waiver{Name: "active", Requirement: req, Subject: "asset:a", Expires: "2026-11-01"},
		model.Waiver{Name: "expired", Requirement: req, Subject: "asset:b", Expires: "2026-10-31"},
		model.Waiver{Name: "unused", Requirement: req, Subject: "asset:zzz", Expires: "2027-01-01"},
		model.Waiver{Name: "other-req", Requirement: "iec62443-3-3:SR 1.1", Subject: "asset:a", Expires: "2027-01-01"},
	), res)
	got := map[string]string{}
	for _, w := range sc.Waivers {
		got[w.Name] = w.Status
	}
	want := map[string]string{"active": WaiverActive, "expired": WaiverExpired, "unused": WaiverUnused, "other-req": WaiverUnused}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("waiver states (-want +got):\n%s", diff)
	}
	if sc.Totals.OpenGaps != 1 || sc.Totals.Waived != 1 {
		t.Errorf("open %d waived %d, want 1 and 1", sc.Totals.OpenGaps, sc.Totals.Waived)
	}
	if g := sc.Gaps[0]; g.Subject != "asset:b" || !slices.Equal(g.ExpiredWaivers, []string{"expired"}) {
		t.Errorf("first gap %+v, want the open one for asset:b naming its expired waiver", g)
	}
}

// TestSecurityLevel: SL-A for an FR is the highest level whose selected
// requirements all pass; here FR6 (SR 6.1 at SL1, SR 6.1 RE 1 at SL3,
// SR 6.2 at SL2).
func TestSecurityLevel(t *testing.T) {
	pass := func(ids ...string) Result {
		var reqs []string
		for _, id := range ids {
			reqs = append(reqs, "iec62443-3-3:"+id)
		}
		return Result{Rule: rule("R-"+ids[0], reqs...), Assessed: []string{"cell"}}
	}
	cat, _ := catalog.Load()
	var fr6 []string
	for _, r := range cat.IEC {
		if r.FR == "FR6" {
			fr6 = append(fr6, r.ID+"@"+string(rune('0'+r.MinSL)))
		}
	}
	t.Logf("FR6 requirements: %v", fr6)
	for _, tc := range []struct {
		name     string
		results  []Result
		achieved int
		next     []string
	}{
		{"nothing", nil, 0, []string{"SR 6.1"}},
		{"SL1 only", []Result{pass("SR 6.1")}, 1, []string{"SR 6.2"}},
		{"SL2", []Result{pass("SR 6.1", "SR 6.2")}, 2, []string{"SR 6.1 RE 1"}},
		{"all", []Result{pass("SR 6.1", "SR 6.2", "SR 6.1 RE 1")}, 4, []string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc := build(t, testAssessment(), tc.results...)
			fr := sc.Zones[0].FRs[5]
			if fr.ID != "FR6" || fr.Achieved != tc.achieved {
				t.Fatalf("%s achieved %d, want %d", fr.ID, fr.Achieved, tc.achieved)
			}
			if diff := cmp.Diff(tc.next, fr.MissingForNext); diff != "" {
				t.Errorf("missing for next (-want +got):\n%s", diff)
			}
			if sc.Zones[0].SLAchieved[5] != tc.achieved {
				t.Errorf("SLAchieved vector %v", sc.Zones[0].SLAchieved)
			}
		})
	}
}

func TestCoverageOf(t *testing.T) {
	cat, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	rules := []Rule{
		rule("AUTO", "iec62443-3-3:SR 7.8"),
		partial(rule("PART", "iec62443-3-3:SR 5.1", "nist-800-53r5:SC-7")),
	}
	reqs, _ := Requirements(cat, []model.Framework{{ID: model.FrameworkIEC62443}, {ID: model.FrameworkNIST, Baseline: "moderate"}})
	got := map[string]Coverage{}
	for _, c := range CoverageOf(cat, rules, reqs) {
		got[c.Key] = c
	}
	if len(got) != len(reqs) {
		t.Fatalf("%d coverage entries for %d requirements", len(got), len(reqs))
	}
	for _, tc := range []struct {
		key, class    string
		rules, mapped []string
	}{
		{"iec62443-3-3:SR 7.8", CoverageAutomated, []string{"AUTO"}, nil},
		{"iec62443-3-3:SR 5.1", CoveragePartial, []string{"PART"}, nil},
		{"iec62443-3-3:SR 1.1", CoverageManual, []string{}, nil},
		// CM-8 is reached through the curated mapping row SR 7.8 → CM-8:
		// partial, since the mapping relates intent, not the full control.
		{"nist-800-53r5:CM-8", CoveragePartial, []string{}, []string{"AUTO"}},
		// SC-7 is cited directly; AC-4 comes from SR 5.1 → AC-4.
		{"nist-800-53r5:SC-7", CoveragePartial, []string{"PART"}, nil},
		{"nist-800-53r5:AC-4", CoveragePartial, []string{}, []string{"PART"}},
		{"nist-800-53r5:PE-3", CoverageManual, []string{}, nil},
	} {
		c, ok := got[tc.key]
		if !ok {
			t.Errorf("%s: no coverage entry", tc.key)
			continue
		}
		if c.Class != tc.class || !slices.Equal(c.Rules, tc.rules) || !slices.Equal(c.Mapped, tc.mapped) {
			t.Errorf("%s: %s rules %v mapped %v, want %s %v %v", tc.key, c.Class, c.Rules, c.Mapped, tc.class, tc.rules, tc.mapped)
		}
	}
}

func TestAttestations(t *testing.T) {
	const (
		manualReq  = "iec62443-3-3:SR 1.9" // no check cites it
		partialReq = "iec62443-3-3:SR 5.1"
	)
	// att is scoped to zones when it names any, else to the site.
	att := func(id, req, verdict, date, expires string, zones ...string) evidence.Attestation {
		scope := evidence.ScopeSite
		if len(zones) > 0 {
			scope = evidence.ScopeZones
		}
		return evidence.Attestation{ID: id, Requirement: req, Scope: scope, Zones: zones, Verdict: verdict, Evidence: "doc " + id,
			AttestedBy: "J. Doe", Date: date, Expires: expires, File: "attest.hcl", Line: 1}
	}
	unscoped := att("a", manualReq, "pass", "2026-10-01", "2027-10-01")
	unscoped.Scope = ""
	checked := Result{Rule: partial(rule("NET", partialReq)), Assessed: []string{"*"}}
	failing := Result{Rule: partial(rule("NET", partialReq)), Assessed: []string{"*"},
		Findings: []Finding{{Subject: "flow:x", Zone: "cell", Message: "m"}}}
	for _, tc := range []struct {
		name    string
		req     string
		atts    []evidence.Attestation
		results []Result
		waivers []model.Waiver
		want    map[string]string
	}{
		{"manual, nothing recorded", manualReq, nil, nil, nil,
			map[string]string{"cell": StatusNotAssessed, "office": StatusNotAssessed}},
		{"manual, attested pass in one zone", manualReq,
			[]evidence.Attestation{att("a", manualReq, "pass", "2026-10-01", "2027-10-01", "cell")}, nil, nil,
			map[string]string{"cell": StatusPass, "office": StatusNotAssessed}},
		{"manual, attested site-wide", manualReq,
			[]evidence.Attestation{att("a", manualReq, "pass", "2026-10-01", "2027-10-01")}, nil, nil,
			map[string]string{"cell": StatusPass, "office": StatusPass}},
		{"manual, a zones-scoped pass does not reach other zones", manualReq,
			[]evidence.Attestation{att("a", manualReq, "pass", "2026-10-01", "2027-10-01", "cell"),
				att("b", manualReq, "fail", "2026-10-02", "2027-10-01", "cell")}, nil, nil,
			map[string]string{"cell": StatusFail, "office": StatusNotAssessed}},
		{"manual, a site-wide fail fails every zone", manualReq,
			[]evidence.Attestation{att("a", manualReq, "fail", "2026-10-01", "2027-10-01")}, nil, nil,
			map[string]string{"cell": StatusFail, "office": StatusFail}},
		{"manual, an attestation without a scope holds nowhere", manualReq,
			[]evidence.Attestation{unscoped}, nil, nil,
			map[string]string{"cell": StatusNotAssessed, "office": StatusNotAssessed}},
		{"manual, expired", manualReq,
			[]evidence.Attestation{att("a", manualReq, "pass", "2025-10-01", "2026-10-31")}, nil, nil,
			map[string]string{"cell": StatusNotAssessed, "office": StatusNotAssessed}},
		{"manual, dated after as_of", manualReq,
			[]evidence.Attestation{att("a", manualReq, "pass", "2026-11-02", "2027-10-01")}, nil, nil,
			map[string]string{"cell": StatusNotAssessed, "office": StatusNotAssessed}},
		{"manual, not applicable", manualReq,
			[]evidence.Attestation{att("a", manualReq, "not_applicable", "2026-10-01", "2027-10-01", "office")}, nil, nil,
			map[string]string{"cell": StatusNotAssessed, "office": StatusNotApplicable}},
		{"manual, attested fail", manualReq,
			[]evidence.Attestation{att("a", manualReq, "fail", "2026-10-01", "2027-10-01", "cell")}, nil, nil,
			map[string]string{"cell": StatusFail, "office": StatusNotAssessed}},
		{"manual, fail beats an older pass", manualReq,
			[]evidence.Attestation{att("a", manualReq, "pass", "2026-09-01", "2027-10-01"), att("b", manualReq, "fail", "2026-10-01", "2027-10-01", "cell")}, nil, nil,
			map[string]string{"cell": StatusFail, "office": StatusPass}},
		{"manual, failed attestation waived", manualReq,
			[]evidence.Attestation{att("a", manualReq, "fail", "2026-10-01", "2027-10-01", "cell")}, nil,
			[]model.Waiver{{Name: "w", Requirement: manualReq, Expires: "2027-01-01"}},
			map[string]string{"cell": StatusWaived, "office": StatusNotAssessed}},
		{"partial, checks pass, nothing attested", partialReq, nil, []Result{checked}, nil,
			map[string]string{"cell": StatusManual, "office": StatusManual}},
		{"partial, checks pass and attested", partialReq,
			[]evidence.Attestation{att("a", partialReq, "pass", "2026-10-01", "2027-10-01", "office")}, []Result{checked}, nil,
			map[string]string{"cell": StatusManual, "office": StatusPass}},
		{"partial, checks fail whatever is attested", partialReq,
			[]evidence.Attestation{att("a", partialReq, "pass", "2026-10-01", "2027-10-01")}, []Result{failing}, nil,
			map[string]string{"cell": StatusFail, "office": StatusPass}},
		{"partial, no evidence but attested", partialReq,
			[]evidence.Attestation{att("a", partialReq, "pass", "2026-10-01", "2027-10-01")}, []Result{{Rule: partial(rule("NET", partialReq))}}, nil,
			map[string]string{"cell": StatusPass, "office": StatusPass}},
		{"automated needs no attestation", partialReq, nil, []Result{{Rule: rule("NET", partialReq), Assessed: []string{"*"}}}, nil,
			map[string]string{"cell": StatusPass, "office": StatusPass}},
		{"automated without evidence, attested", partialReq,
			[]evidence.Attestation{att("a", partialReq, "pass", "2026-10-01", "2027-10-01", "cell")}, []Result{{Rule: rule("NET", partialReq)}}, nil,
			map[string]string{"cell": StatusPass, "office": StatusNotAssessed}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			atts := tc.atts
			if atts == nil {
				atts = []evidence.Attestation{}
			}
			sc := buildWith(t, testAssessment(tc.waivers...), atts, tc.results...)
			_, id, _ := strings.Cut(tc.req, ":")
			got := map[string]string{}
			for zone := range tc.want {
				got[zone] = statusOf(sc, catalog.IEC, id, zone)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("statuses (-want +got):\n%s", diff)
			}
			for _, g := range sc.Gaps {
				if g.Rule == AttestationRule && (g.Evidence[0].File != "attest.hcl" || g.Owner != "OT" || !strings.Contains(g.Message, "J. Doe attests that SR")) {
					t.Errorf("attestation gap %+v", g)
				}
			}
		})
	}
}

func TestAttestationStates(t *testing.T) {
	const req = "iec62443-3-3:SR 1.9"
	sc := buildWith(t, testAssessment(), []evidence.Attestation{
		{ID: "valid", Scope: evidence.ScopeSite, Requirement: req, Verdict: "pass", Date: "2026-01-01", Expires: "2026-11-01"},
		{ID: "expired", Scope: evidence.ScopeSite, Requirement: req, Verdict: "pass", Date: "2025-01-01", Expires: "2026-10-31"},
		{ID: "future", Scope: evidence.ScopeSite, Requirement: req, Verdict: "pass", Date: "2026-11-02", Expires: "2027-11-02"},
		{ID: "unused", Scope: evidence.ScopeSite, Requirement: "nist-800-53r5:AC-10", Verdict: "pass", Date: "2026-01-01", Expires: "2027-01-01"},
	})
	got := map[string]string{}
	for _, a := range sc.Attestations {
		got[a.ID] = fmt.Sprintf("%s used=%v", a.State, a.Used)
	}
	want := map[string]string{"valid": "valid used=true", "expired": "expired used=false", "future": "future used=false", "unused": "valid used=false"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("attestation states (-want +got):\n%s", diff)
	}
}
