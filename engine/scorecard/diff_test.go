package scorecard

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/engine/model"
	"github.com/slate-ot/slate/evidence"
)

// diffBase is a small scorecard: one IEC requirement in two zones, the
// cell zone's SL results, one open and one waived gap, one waiver and one
// attestation.
func diffBase() *Scorecard {
	return &Scorecard{
		Format: Format,
		Assessment: Assessment{Name: "t", Site: "T", AsOf: "2026-11-01", File: "assessment.hcl",
			Frameworks: []model.Framework{{ID: model.FrameworkIEC62443}}},
		Digests:  Digests{Bundle: "sha256:b1", Policies: "sha256:p1", Assessment: "sha256:a1"},
		Policies: []PolicyModule{{Path: "builtin/a.rego", SHA256: "1"}, {Path: "builtin/b.rego", SHA256: "2"}},
		Zones: []Zone{{Name: "cell", Kind: "ot", FRs: []FR{
			{ID: "FR1", Target: 2, Achieved: 1},
			{ID: "FR5", Target: 2, Achieved: 2},
		}}},
		Requirements: []Requirement{{Framework: "iec62443-3-3", ID: "SR 5.1", Zones: []ZoneStatus{
			{Zone: "cell", Status: StatusPass, Reason: "no findings from SLATE-NET-002"},
			{Zone: "office", Status: StatusFail, Reason: "1 open finding(s)", Gaps: []string{"G-open"}},
		}}},
		Gaps: []Gap{
			{ID: "G-open", Status: GapOpen, Rule: "SLATE-NET-002", Zone: "office", Subject: "flow:a", Message: "a crosses", Severity: "high", Owner: "IT"},
			{ID: "G-waived", Status: GapWaived, Rule: "SLATE-INV-001", Zone: "cell", Subject: "asset:drive-01", Message: "no firmware", Severity: "medium", Owner: "OT", Waivers: []string{"drive"}},
		},
		Waivers: []Waiver{{Name: "drive", Requirement: "iec62443-3-3:SR 7.8", Subject: "asset:drive-01", Zone: "cell",
			ApprovedBy: "A. O.", Expires: "2027-06-30", Status: WaiverActive, Findings: 1}},
		Attestations: []Attestation{{Attestation: evidence.Attestation{ID: "pt", Requirement: "iec62443-3-3:SR 3.3",
			Verdict: "pass", AttestedBy: "M. K.", Date: "2026-10-13", Expires: "2027-07-31"},
			Document: "attestation/site", State: AttestationValid, Used: true}},
	}
}

// clone deep-copies a scorecard through JSON, so cases can change it.
func clone(t *testing.T, sc *Scorecard) *Scorecard {
	t.Helper()
	raw, err := json.Marshal(sc)
	if err != nil {
		t.Fatal(err)
	}
	var out Scorecard
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	return &out
}

// brief is what a test checks of a change.
type brief struct {
	Kind, What, From, To string
	Regression           bool
}

func briefs(d *Drift) []brief {
	out := []brief{}
	for _, c := range d.Changes {
		what := c.Requirement + "|" + c.Zone
		switch {
		case c.Gap != "" && c.Waiver != "":
			what = c.Gap + " (" + c.Waiver + ")"
		case c.Gap != "":
			what = c.Gap
		case c.Waiver != "":
			what = "waiver " + c.Waiver
		case c.Attestation != "":
			what = c.Attestation
		case c.FR != "":
			what = c.Zone + " " + c.FR
		case c.Input != "":
			what = c.Input
		}
		out = append(out, brief{c.Kind, what, c.From, c.To, c.Regression})
	}
	return out
}

func TestDiff(t *testing.T) {
	cell := func(sc *Scorecard, zone int) *ZoneStatus { return &sc.Requirements[0].Zones[zone] }
	tests := []struct {
		name string
		old  func(*Scorecard) // changes the old scorecard
		new  func(*Scorecard) // changes the new one
		want []brief
	}{
		{name: "identical", want: []brief{}},
		{
			name: "pass to fail is a new failure",
			new:  func(sc *Scorecard) { cell(sc, 0).Status = StatusFail },
			want: []brief{{ChangeNewFailure, "iec62443-3-3:SR 5.1|cell", "pass", "fail", true}},
		},
		{
			name: "fail to pass is fixed",
			new:  func(sc *Scorecard) { cell(sc, 1).Status = StatusPass },
			want: []brief{{ChangeFixed, "iec62443-3-3:SR 5.1|office", "fail", "pass", false}},
		},
		{
			name: "fail to not applicable is fixed",
			new:  func(sc *Scorecard) { cell(sc, 1).Status = StatusNotApplicable },
			want: []brief{{ChangeFixed, "iec62443-3-3:SR 5.1|office", "fail", "not_applicable", false}},
		},
		{
			name: "fail to waived adds a waiver",
			new:  func(sc *Scorecard) { cell(sc, 1).Status = StatusWaived },
			want: []brief{{ChangeWaiverAdded, "iec62443-3-3:SR 5.1|office", "fail", "waived", false}},
		},
		{
			name: "waived to fail through an expired waiver",
			old:  func(sc *Scorecard) { cell(sc, 1).Status = StatusWaived },
			new:  func(sc *Scorecard) { sc.Gaps[0].ExpiredWaivers = []string{"w"} },
			want: []brief{{ChangeWaiverExpired, "iec62443-3-3:SR 5.1|office", "waived", "fail", true}},
		},
		{
			name: "waived to fail otherwise is a new failure",
			old:  func(sc *Scorecard) { cell(sc, 1).Status = StatusWaived },
			want: []brief{{ChangeNewFailure, "iec62443-3-3:SR 5.1|office", "waived", "fail", true}},
		},
		{
			name: "assessed to not assessed is missing evidence",
			new: func(sc *Scorecard) {
				cell(sc, 0).Status, cell(sc, 0).Reason = StatusNotAssessed, "no evidence for this zone (checks: SLATE-NET-002)"
			},
			want: []brief{{ChangeEvidenceMissing, "iec62443-3-3:SR 5.1|cell", "pass", "not_assessed", true}},
		},
		{
			name: "failing to not assessed is missing evidence too",
			new:  func(sc *Scorecard) { cell(sc, 1).Status = StatusNotAssessed },
			want: []brief{{ChangeEvidenceMissing, "iec62443-3-3:SR 5.1|office", "fail", "not_assessed", true}},
		},
		{
			name: "stale evidence",
			new: func(sc *Scorecard) {
				cell(sc, 0).Status, cell(sc, 0).Reason = StatusNotAssessed, ReasonStale+": span.pcap is 45 days old (max_age 30d)"
			},
			want: []brief{{ChangeEvidenceStale, "iec62443-3-3:SR 5.1|cell", "pass", "not_assessed", true}},
		},
		{
			name: "manual to not assessed is another change",
			old:  func(sc *Scorecard) { cell(sc, 0).Status = StatusManual },
			new:  func(sc *Scorecard) { cell(sc, 0).Status = StatusNotAssessed },
			want: []brief{{ChangeStatusChanged, "iec62443-3-3:SR 5.1|cell", "manual", "not_assessed", false}},
		},
		{
			name: "not assessed to pass is another change",
			old:  func(sc *Scorecard) { cell(sc, 0).Status = StatusNotAssessed },
			want: []brief{{ChangeStatusChanged, "iec62443-3-3:SR 5.1|cell", "not_assessed", "pass", false}},
		},
		{
			name: "a reason alone is no change",
			new:  func(sc *Scorecard) { cell(sc, 0).Reason = "no findings from SLATE-NET-002, SLATE-NET-004" },
			want: []brief{},
		},
		{
			name: "inputs",
			new: func(sc *Scorecard) {
				sc.Digests = Digests{Bundle: "sha256:b2", Policies: "sha256:p2", Assessment: "sha256:a2"}
				sc.Policies[1].SHA256 = "3"
			},
			want: []brief{
				{ChangePolicyChanged, "policies", "sha256:p1", "sha256:p2", false},
				{ChangeAssessmentChanged, "assessment", "sha256:a1", "sha256:a2", false},
				{ChangeEvidenceChanged, "bundle", "sha256:b1", "sha256:b2", false},
			},
		},
		{
			name: "frameworks",
			new: func(sc *Scorecard) {
				sc.Assessment.Frameworks = append(sc.Assessment.Frameworks, model.Framework{ID: model.FrameworkNIST, Baseline: "low"})
			},
			want: []brief{{ChangeFrameworkAdded, "frameworks", "", "nist-800-53r5 (baseline low)", false}},
		},
		{
			name: "a run from before the framework's rename selects the same framework",
			old: func(sc *Scorecard) {
				sc.Assessment.Frameworks = append(sc.Assessment.Frameworks, model.Framework{ID: "nist-800-82r3", Baseline: "low"})
			},
			new: func(sc *Scorecard) {
				sc.Assessment.Frameworks = append(sc.Assessment.Frameworks, model.Framework{ID: model.FrameworkNIST, Baseline: "low"})
			},
			want: []brief{},
		},
		{
			name: "security levels",
			new: func(sc *Scorecard) {
				sc.Zones[0].FRs[0].Achieved = 2
				sc.Zones[0].FRs[1].Achieved = 1
				sc.Zones[0].FRs[1].Target = 3
			},
			want: []brief{
				{ChangeSLUp, "cell FR1", "1", "2", false},
				{ChangeSLTarget, "cell FR5", "2", "3", false},
				{ChangeSLDown, "cell FR5", "2", "1", true},
			},
		},
		{
			name: "zones",
			new: func(sc *Scorecard) {
				sc.Zones[0].Name = "cell-2"
				sc.Requirements[0].Zones[0].Zone = "cell-2"
			},
			want: []brief{
				{ChangeZoneAdded, "|cell-2", "", "ot", false},
				{ChangeZoneRemoved, "|cell", "ot", "", false},
			},
		},
		{
			name: "new and closed gaps",
			new: func(sc *Scorecard) {
				sc.Gaps[0] = Gap{ID: "G-new", Status: GapOpen, Rule: "SLATE-CFG-001", Zone: "office", Subject: "device:sw", Severity: "high"}
				sc.Gaps = append(sc.Gaps, Gap{ID: "G-new-waived", Status: GapWaived, Rule: "SLATE-INV-001", Zone: "cell", Subject: "asset:drive-02"})
			},
			want: []brief{
				{ChangeGapNew, "G-new", "", "open", true},
				{ChangeGapNew, "G-new-waived", "", "waived", false},
				{ChangeGapClosed, "G-open", "open", "", false},
			},
		},
		{
			name: "a reworded gap is the same gap",
			new: func(sc *Scorecard) {
				sc.Gaps[0].ID, sc.Gaps[0].Message, sc.Gaps[0].Severity = "G-reworded", "a crosses again", "critical"
			},
			want: []brief{{ChangeGapChanged, "G-reworded", "G-open", "G-reworded", false}},
		},
		{
			name: "two rewordings of one subject are new and closed gaps",
			old: func(sc *Scorecard) {
				sc.Gaps = append(sc.Gaps, Gap{ID: "G-open-2", Status: GapOpen, Rule: "SLATE-NET-002", Zone: "office", Subject: "flow:a"})
			},
			new: func(sc *Scorecard) {
				sc.Gaps[0].ID = "G-x"
				sc.Gaps = append(sc.Gaps, Gap{ID: "G-y", Status: GapOpen, Rule: "SLATE-NET-002", Zone: "office", Subject: "flow:a"})
			},
			want: []brief{
				{ChangeGapNew, "G-x", "", "open", true},
				{ChangeGapNew, "G-y", "", "open", true},
				{ChangeGapClosed, "G-open", "open", "", false},
				{ChangeGapClosed, "G-open-2", "open", "", false},
			},
		},
		{
			name: "expired waiver reopens its gap",
			new: func(sc *Scorecard) {
				sc.Gaps[1].Status, sc.Gaps[1].Waivers, sc.Gaps[1].ExpiredWaivers = GapOpen, nil, []string{"drive"}
				sc.Waivers[0].Status = WaiverExpired
			},
			want: []brief{
				{ChangeWaiverExpired, "G-waived (drive)", "waived", "open", true},
				{ChangeWaiverExpired, "waiver drive", "active", "expired", true},
			},
		},
		{
			name: "only the waiver that expired since is named",
			old:  func(sc *Scorecard) { sc.Gaps[1].ExpiredWaivers = []string{"lapsed"} },
			new: func(sc *Scorecard) {
				sc.Gaps[1].Status, sc.Gaps[1].Waivers, sc.Gaps[1].ExpiredWaivers = GapOpen, nil, []string{"drive", "lapsed"}
			},
			want: []brief{{ChangeWaiverExpired, "G-waived (drive)", "waived", "open", true}},
		},
		{
			name: "gap waived no more without expiry",
			new: func(sc *Scorecard) {
				sc.Gaps[1].Status, sc.Gaps[1].Waivers = GapOpen, nil
				sc.Waivers = nil
			},
			want: []brief{
				{ChangeGapReopened, "G-waived", "waived", "open", true},
				{ChangeWaiverRemoved, "waiver drive", "active", "", false},
			},
		},
		{
			name: "gap waived now",
			new: func(sc *Scorecard) {
				sc.Gaps[0].Status, sc.Gaps[0].Waivers = GapWaived, []string{"flow"}
				sc.Waivers = append(sc.Waivers, Waiver{Name: "flow", Status: WaiverActive, Expires: "2027-01-01"})
			},
			want: []brief{
				{ChangeWaiverAdded, "G-open (flow)", "open", "waived", false},
				{ChangeWaiverAdded, "waiver flow", "", "active", false},
			},
		},
		{
			name: "waiver renewed",
			old:  func(sc *Scorecard) { sc.Waivers[0].Status, sc.Waivers[0].Expires = WaiverExpired, "2026-10-01" },
			want: []brief{{ChangeWaiverChanged, "waiver drive", "expired", "active", false}},
		},
		{
			name: "attestations",
			new: func(sc *Scorecard) {
				sc.Attestations[0].State, sc.Attestations[0].Used = AttestationExpired, false
				sc.Attestations = append(sc.Attestations, Attestation{Attestation: evidence.Attestation{ID: "row 2", Verdict: "fail"},
					Document: "attestation/site", State: AttestationValid})
			},
			want: []brief{
				{ChangeAttestationChanged, "attestation/site#pt", "valid pass used", "expired pass", false},
				{ChangeAttestationAdded, "attestation/site#row 2", "", "valid fail", false},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prev, next := diffBase(), diffBase()
			if tt.old != nil {
				tt.old(prev)
			}
			if tt.new != nil {
				tt.new(next)
			}
			d := Diff(prev, next)
			if diff := cmp.Diff(tt.want, briefs(d)); diff != "" {
				t.Errorf("changes (-want +got):\n%s", diff)
			}
			n := 0
			for _, b := range tt.want {
				if b.Regression {
					n++
				}
			}
			if d.Regressions != n {
				t.Errorf("Regressions = %d, want %d", d.Regressions, n)
			}
			total := 0
			for _, c := range d.Counts {
				total += c
			}
			if total != len(d.Changes) {
				t.Errorf("Counts add up to %d, want %d", total, len(d.Changes))
			}
		})
	}
}

// TestDiffPure checks Diff leaves its inputs alone and gives the same
// bytes every time.
func TestDiffPure(t *testing.T) {
	prev, next := diffBase(), diffBase()
	next.Requirements[0].Zones[0].Status = StatusFail
	next.Gaps = next.Gaps[1:]
	next.Waivers[0].Status = WaiverExpired
	before, after := clone(t, prev), clone(t, next)
	first, err := Diff(prev, next).Encode()
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		again, err := Diff(prev, next).Encode()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, again) {
			t.Fatalf("two diffs differ:\n%s\n%s", first, again)
		}
	}
	if diff := cmp.Diff(before, prev); diff != "" {
		t.Errorf("old scorecard changed (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(after, next); diff != "" {
		t.Errorf("new scorecard changed (-before +after):\n%s", diff)
	}
	var back Drift
	if err := json.Unmarshal(first, &back); err != nil {
		t.Fatal(err)
	}
	if back.Format != DriftFormat || back.Regressions != 2 {
		t.Errorf("decoded drift: format %q, %d regression(s); want %q, 2", back.Format, back.Regressions, DriftFormat)
	}
}

// TestDiffEmptyChanges checks an empty drift encodes its lists as [].
func TestDiffEmptyChanges(t *testing.T) {
	raw, err := Diff(diffBase(), diffBase()).Encode()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(raw, []byte(`"changes":[]`)) || !bytes.Contains(raw, []byte(`"counts":{}`)) {
		t.Errorf("empty drift: %s", raw)
	}
}
