package scorecard

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/engine/catalog"
	"github.com/slate-ot/slate/engine/model"
	"github.com/slate-ot/slate/evidence"
)

// FR6 in the test catalog: SR 6.1 at SL1, SR 6.2 at SL2; the cell's
// target is 2.
const (
	sr61 = "iec62443-3-3:SR 6.1"
	sr62 = "iec62443-3-3:SR 6.2"
)

func fr6(sc *Scorecard) FR { return sc.Zones[0].FRs[5] }

// TestWaiverNeverRaisesSL: a waived finding leaves the requirement out of
// SL-A, exactly as an open one does, and the FR says what is waived.
func TestWaiverNeverRaisesSL(t *testing.T) {
	pass61 := Result{Rule: rule("R61", sr61), Assessed: []string{"cell"}}
	failing62 := Result{Rule: rule("R62", sr62), Assessed: []string{"cell"},
		Findings: []Finding{{Subject: "asset:hmi", Zone: "cell", Message: "no backup"}}}
	fixed62 := Result{Rule: rule("R62", sr62), Assessed: []string{"cell"}}
	waiver := model.Waiver{Name: "accepted", Requirement: sr62, Subject: "asset:hmi", Expires: "2027-01-01"}
	for _, tc := range []struct {
		name     string
		a        *model.Assessment
		results  []Result
		achieved int
		waived   []string
		label    string
	}{
		{"open finding", testAssessment(), []Result{pass61, failing62}, 1, []string{}, "1/2"},
		{"waived finding", testAssessment(waiver), []Result{pass61, failing62}, 1, []string{"SR 6.2"}, "1/2 · 1 waived"},
		{"fixed", testAssessment(waiver), []Result{pass61, fixed62}, 2, []string{}, "2/2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc := build(t, tc.a, tc.results...)
			f := fr6(sc)
			if f.Achieved != tc.achieved || !slices.Equal(f.Waived, tc.waived) || f.Label() != tc.label {
				t.Errorf("FR6 achieved %d waived %v label %q, want %d %v %q", f.Achieved, f.Waived, f.Label(), tc.achieved, tc.waived, tc.label)
			}
		})
	}
}

// TestWaiverCoversItsRequirementOnly: a finding failing two requirements
// stays open for the one the waiver does not name; a waiver naming a rule
// covers that rule's findings only.
func TestWaiverCoversItsRequirementOnly(t *testing.T) {
	const (
		sr78 = "iec62443-3-3:SR 7.8"
		sr11 = "iec62443-3-3:SR 1.1"
	)
	res := []Result{
		{Rule: rule("R-TWO", sr78, sr11), Assessed: []string{"*"}, Findings: []Finding{{Subject: "asset:a", Zone: "cell", Message: "two"}}},
		{Rule: rule("R-OTHER", sr78), Assessed: []string{"*"}, Findings: []Finding{{Subject: "asset:a", Zone: "cell", Message: "other"}}},
	}
	sc := build(t, testAssessment(model.Waiver{Name: "w", Requirement: sr78, Rule: "R-TWO", Subject: "asset:a", Expires: "2027-01-01"}), res...)
	if s := cellOf(sc, sr11, "cell").Status; s != StatusFail {
		t.Errorf("SR 1.1 in cell is %s; the waiver names SR 7.8 only", s)
	}
	// SR 7.8 still fails: R-OTHER's finding is another rule's.
	if s := cellOf(sc, sr78, "cell").Status; s != StatusFail {
		t.Errorf("SR 7.8 in cell is %s; R-OTHER's finding is not waived", s)
	}
	for _, g := range sc.Gaps {
		switch g.Rule {
		case "R-TWO":
			if g.Status != GapOpen || !slices.Contains(g.WaivedFor, sr78) || slices.Contains(g.WaivedFor, sr11) || !slices.Equal(g.Waivers, []string{"w"}) {
				t.Errorf("R-TWO gap %s waived for %v by %v; want open, waived for SR 7.8 only", g.Status, g.WaivedFor, g.Waivers)
			}
		case "R-OTHER":
			if g.Status != GapOpen || len(g.Waivers) > 0 {
				t.Errorf("R-OTHER gap %s waived by %v; the waiver names another rule", g.Status, g.Waivers)
			}
		}
	}

	// Without the other rule, SR 7.8 is waived and the NIST controls it
	// rolls up to follow it (the same risk, accepted once).
	sc = build(t, testAssessment(model.Waiver{Name: "w", Requirement: sr78, Subject: "asset:a", Expires: "2027-01-01"}),
		Result{Rule: rule("R-ONE", sr78), Assessed: []string{"*"}, Findings: []Finding{{Subject: "asset:a", Zone: "cell", Message: "one"}}})
	if s := cellOf(sc, sr78, "cell").Status; s != StatusWaived {
		t.Errorf("SR 7.8 in cell is %s, want waived", s)
	}
	cat, _ := catalog.Load()
	for _, nist := range cat.RollUp("SR 7.8") {
		if c := cellOf(sc, nist, "cell"); c.Status != "missing" && c.Status != StatusWaived {
			t.Errorf("%s in cell is %s; it fails only through SR 7.8, which is waived", nist, c.Status)
		}
	}
	if g := sc.Gaps[0]; g.Status != GapWaived {
		t.Errorf("gap %s, want waived: every requirement it fails is waived", g.Status)
	}
}

// TestRequirementEnhancementFollowsBaseSR: an RE applies only together
// with its SR.
func TestRequirementEnhancementFollowsBaseSR(t *testing.T) {
	const sr16 = "iec62443-3-3:SR 1.6"
	sc := buildWith(t, testAssessment(), []evidence.Attestation{{
		ID: "no-wireless", Requirement: sr16, Zones: []string{"cell"}, Verdict: evidence.VerdictNotApplicable,
		Evidence: "site walk", AttestedBy: "J. Doe", Date: "2026-10-01", Expires: "2027-10-01", File: "a.hcl", Line: 3}})
	re := cellOf(sc, "iec62443-3-3:SR 1.6 RE 1", "cell")
	if re.Status != StatusNotApplicable || !strings.Contains(re.Reason, "SR 1.6") {
		t.Errorf("SR 1.6 RE 1 in cell: %s (%s); want not_applicable naming SR 1.6", re.Status, re.Reason)
	}
	if s := cellOf(sc, "iec62443-3-3:SR 1.6 RE 1", "office").Status; s != StatusNotAssessed {
		t.Errorf("SR 1.6 RE 1 in office is %s; SR 1.6 applies there", s)
	}
}

// TestCountermeasures: a valid countermeasure compensates and counts toward
// SL-A; an expired or unattested one compensates nothing and says so.
func TestCountermeasures(t *testing.T) {
	pass61 := Result{Rule: rule("R61", sr61), Assessed: []string{"cell"}}
	failing62 := Result{Rule: rule("R62", sr62), Assessed: []string{"cell"},
		Findings: []Finding{{Subject: "asset:hmi", Zone: "cell", Message: "no backup"}}}
	att := evidence.Attestation{ID: "isolation-check", Requirement: sr62, Zones: []string{"cell"}, Verdict: evidence.VerdictPass,
		Evidence: "photo P-1", AttestedBy: "J. Doe", Date: "2026-10-01", Expires: "2027-10-01", File: "a.hcl", Line: 9}
	cm := func(expires, attestation string) model.Countermeasure {
		c := model.Countermeasure{Name: "cm", Requirements: []string{sr62}, Zones: []string{"cell"},
			Description: "cold spare", ApprovedBy: "A. Okafor", Expires: expires, Attestation: attestation}
		if attestation == "" {
			c.Evidence = []model.EvidenceFile{{Path: "evidence/spare.pdf", SHA256: strings.Repeat("a", 64)}}
		}
		return c
	}
	for _, tc := range []struct {
		name     string
		cm       model.Countermeasure
		attDate  string
		status   string // SR 6.2 in cell
		state    string // the countermeasure's
		gap      string
		achieved int
	}{
		{"attested", cm("2027-06-30", "isolation-check"), "2026-10-01", StatusCompensated, CountermeasureActive, GapCompensated, 2},
		{"by files", cm("2027-06-30", ""), "2026-10-01", StatusCompensated, CountermeasureActive, GapCompensated, 2},
		{"expired", cm("2026-10-31", "isolation-check"), "2026-10-01", StatusFail, CountermeasureExpired, GapOpen, 1},
		{"attestation not yet valid", cm("2027-06-30", "isolation-check"), "2026-12-01", StatusFail, CountermeasureUnattested, GapOpen, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := testAssessment()
			a.Countermeasures = []model.Countermeasure{tc.cm}
			at := att
			at.Date = tc.attDate
			sc := buildWith(t, a, []evidence.Attestation{at}, pass61, failing62)
			c := cellOf(sc, sr62, "cell")
			got := []any{c.Status, sc.Countermeasures[0].Status, sc.Gaps[0].Status, fr6(sc).Achieved}
			want := []any{tc.status, tc.state, tc.gap, tc.achieved}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("cell, countermeasure, gap, FR6 (-want +got):\n%s", diff)
			}
			if tc.state != CountermeasureActive && !strings.Contains(c.Reason, "countermeasure cm compensates nothing") {
				t.Errorf("reason %q does not say the countermeasure compensates nothing", c.Reason)
			}
			if tc.state == CountermeasureActive && (c.Countermeasure != "cm" || sc.Countermeasures[0].Cells < 1 || sc.Totals.Compensated != 1) {
				t.Errorf("cell countermeasure %q, cells %d, compensated gaps %d", c.Countermeasure, sc.Countermeasures[0].Cells, sc.Totals.Compensated)
			}
			if s := cellOf(sc, sr62, "office").Status; s == StatusCompensated {
				t.Errorf("office compensated; the countermeasure names cell only")
			}
		})
	}

	a := testAssessment()
	a.Countermeasures = []model.Countermeasure{cm("2027-06-30", "no-such-attestation")}
	cat, _ := catalog.Load()
	if _, err := Build(Input{Assessment: a, AsOf: "2026-11-01"}, cat); err == nil || !strings.Contains(err.Error(), "no-such-attestation") {
		t.Errorf("a countermeasure naming an unknown attestation: %v", err)
	}
}

// TestSecurityLevelRange: SL-A is a range from the confirmed level to the
// one reachable if the unknowns passed; an FR held back by unknowns only
// is undetermined, not below.
func TestSecurityLevelRange(t *testing.T) {
	pass61 := Result{Rule: rule("R61", sr61), Assessed: []string{"cell"}}
	failing62 := Result{Rule: rule("R62", sr62), Assessed: []string{"cell"},
		Findings: []Finding{{Subject: "asset:hmi", Zone: "cell", Message: "no backup"}}}
	for _, tc := range []struct {
		name                string
		results             []Result
		achieved, reachable int
		state, level        string
	}{
		{"nothing known", nil, 0, 4, FRUndetermined, "0 (≤2)"},
		{"SR 6.2 unknown", []Result{pass61}, 1, 4, FRUndetermined, "1 (≤2)"},
		{"SR 6.2 fails", []Result{pass61, failing62}, 1, 1, FRBelow, "1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := fr6(build(t, testAssessment(), tc.results...))
			if f.Achieved != tc.achieved || f.State != tc.state || f.Level() != tc.level || f.Reachable < tc.achieved {
				t.Errorf("FR6 %d..%d %s %q, want %d %s %q", f.Achieved, f.Reachable, f.State, f.Level(), tc.achieved, tc.state, tc.level)
			}
			if tc.state == FRBelow && f.Reachable != tc.reachable {
				t.Errorf("reachable %d, want %d", f.Reachable, tc.reachable)
			}
		})
	}
}

// TestAutomatedWhereAssessed: a requirement is decided in full by checks
// only in the zones a check that automates it assessed; elsewhere passing
// checks that decide it in part leave it waiting for an attestation.
func TestAutomatedWhereAssessed(t *testing.T) {
	const sr78 = "iec62443-3-3:SR 7.8"
	discovery := Result{Rule: rule("DRIFT", sr78), Assessed: []string{"cell"}}
	inventory := Result{Rule: partial(rule("INV", sr78)), Assessed: []string{"*"}}
	sc := build(t, testAssessment(), discovery, inventory)
	if c := cellOf(sc, sr78, "cell"); c.Status != StatusPass {
		t.Errorf("SR 7.8 in cell: %s (%s), want pass: discovery covered it", c.Status, c.Reason)
	}
	if c := cellOf(sc, sr78, "office"); c.Status != StatusManual || !strings.Contains(c.Reason, "needs an attestation") {
		t.Errorf("SR 7.8 in office: %s (%s), want manual: only the inventory speaks there", c.Status, c.Reason)
	}
}
