package returned

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"github.com/slate-ot/slate/engine/model"
	"github.com/slate-ot/slate/internal/workbook"
	"github.com/slate-ot/slate/reports/reporttest"
	"github.com/slate-ot/slate/reports/xlsx"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/xuri/excelize/v2"

	"github.com/slate-ot/slate/collectors/attestation"
	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
)

// importCard is a small scorecard with one requirement of every kind the
// import tells apart: automated, manual and partial, with statuses that
// await an attestation and statuses that do not.
func importCard() *scorecard.Scorecard {
	zs := func(pairs ...string) []scorecard.ZoneStatus {
		var out []scorecard.ZoneStatus
		for i := 0; i < len(pairs); i += 2 {
			out = append(out, scorecard.ZoneStatus{Zone: pairs[i], Status: pairs[i+1], Required: i == 0})
		}
		return out
	}
	return &scorecard.Scorecard{
		Format:     scorecard.Format,
		Assessment: scorecard.Assessment{Name: "t", Site: "Test site", AsOf: "2026-11-01", File: "assessment.hcl"},
		Engine:     scorecard.Engine{Name: "slate", Version: "test"},
		Digests:    scorecard.Digests{Bundle: "sha256:b1", Policies: "sha256:p1", Assessment: "sha256:a1"},
		Zones:      []scorecard.Zone{{Name: "cell", Kind: "ot"}, {Name: "control", Kind: "ot"}},
		Requirements: []scorecard.Requirement{
			{Framework: model.FrameworkIEC62443, ID: "SR 1.1", Title: "Human user identification", FR: "FR1", Coverage: scorecard.CoverageAutomated,
				SL: []int{1, 2}, Rules: []string{"SLATE-A"}, Zones: zs("cell", "pass", "control", "fail")},
			{Framework: model.FrameworkIEC62443, ID: "SR 1.3", Title: "Account management", FR: "FR1", Coverage: scorecard.CoverageManual,
				SL: []int{1}, Zones: zs("cell", "not_assessed", "control", "not_assessed")},
			{Framework: model.FrameworkIEC62443, ID: "SR 2.8", Title: "Auditable events", FR: "FR2", Coverage: scorecard.CoveragePartial,
				SL: []int{1}, Rules: []string{"SLATE-A"}, Zones: zs("cell", "manual", "control", "pass")},
			{Framework: model.FrameworkIEC62443, ID: "SR 5.1", Title: "Network segmentation", FR: "FR5", Coverage: scorecard.CoveragePartial,
				SL: []int{1}, Rules: []string{"SLATE-A"}, Zones: zs("cell", "fail", "control", "waived")},
			{Framework: model.FrameworkNIST, ID: "PE-3", Title: "Physical access control", FR: "PE", Coverage: scorecard.CoverageManual,
				Baselines: []string{"low"}, Zones: zs("cell", "not_assessed", "control", "pass")},
		},
		Gaps: []scorecard.Gap{{ID: "G-1", Status: scorecard.GapOpen, Rule: "SLATE-A", Requirements: []string{"iec62443-3-3:SR 1.1"},
			Zone: "control", Subject: "asset:plc-1", Message: "no login", Severity: "high", Owner: "OT"}},
		Waivers: []scorecard.Waiver{{Name: "w1", Requirement: "iec62443-3-3:SR 5.1", Zone: "control", Reason: "retrofit",
			ApprovedBy: "J. Meyer", Expires: "2027-01-01", Status: scorecard.WaiverActive, Findings: 1}},
		Attestations: []scorecard.Attestation{{Attestation: evidence.Attestation{ID: "row 2", Requirement: "nist-800-53r5:PE-3",
			Zones: []string{"control"}, Verdict: "pass", Evidence: "badge export", EvidenceType: "document", AttestedBy: "M. Keller",
			Date: "2026-10-01", Expires: "2027-10-01", File: "att.csv", Line: 2}, Document: "attestation/site", State: "valid", Used: true}},
		Advisories: []scorecard.AdvisoryMatch{{Subject: "asset:plc-1", Asset: "plc-1", Zone: "control", Source: "inventory",
			Firmware: "V2.8", Advisory: "ICSA-1", Document: "advisories/site", Product: "PLC V2 < V2.9", CVEs: []string{"CVE-2026-1"},
			CVSS: 9.8, FixedVersion: "V2.9", Remediation: "vendor_fix: Update to V2.9", Confidence: "exact", Status: scorecard.AdvisoryFixAvailable}},
		Rules:    []scorecard.RuleSummary{{Rule: scorecard.Rule{ID: "SLATE-A"}}},
		Evidence: []scorecard.Evidence{{Document: "assets/inv", Kind: "assets", Collector: "assets", CollectorVersion: "1"}},
	}
}

// edit renders sc, applies fn to the workbook as an auditor's program
// would, and returns the saved bytes.
func edit(t *testing.T, sc *scorecard.Scorecard, fn func(f *excelize.File)) []byte {
	t.Helper()
	f := open(t, write(t, sc))
	if fn != nil {
		fn(f)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func set(t *testing.T, f *excelize.File, sheet, cell string, v any) {
	t.Helper()
	if err := f.SetCellValue(sheet, cell, v); err != nil {
		t.Fatal(err)
	}
}

// rowOf finds the row of a requirement on a sheet.
func rowOf(t *testing.T, f *excelize.File, sheet, id string) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 0 && r[0] == id {
			return i + 1
		}
	}
	t.Fatalf("%s: no row %s", sheet, id)
	return 0
}

// verdict writes a verdict and comment on a requirement row in the
// given zones, or in both zones of importCard. Zone i's verdict and
// comment are columns LeadColumns+ZoneColumns*i+2 and +3.
func verdict(t *testing.T, f *excelize.File, sheet, id, v, comment string, zones ...string) {
	t.Helper()
	r := rowOf(t, f, sheet, id)
	if len(zones) == 0 {
		zones = []string{"cell", "control"}
	}
	for _, z := range zones {
		i := slices.Index([]string{"cell", "control"}, z)
		vc, _ := excelize.CoordinatesToCellName(xlsx.LeadColumns+xlsx.ZoneColumns*i+2, r)
		cc, _ := excelize.CoordinatesToCellName(xlsx.LeadColumns+xlsx.ZoneColumns*i+3, r)
		set(t, f, sheet, vc, v)
		set(t, f, sheet, cc, comment)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// addRow appends values to the Attestations sheet below its last row.
func addRow(t *testing.T, f *excelize.File, vals map[string]any) {
	t.Helper()
	rows, err := f.GetRows(xlsx.SheetAttest)
	if err != nil {
		t.Fatal(err)
	}
	r := len(rows) + 1
	for name, v := range vals {
		cell, _ := excelize.CoordinatesToCellName(slices.Index(attestHeader, name)+1, r)
		set(t, f, xlsx.SheetAttest, cell, v)
	}
}

func importBytes(raw []byte, sc *scorecard.Scorecard) (*Verdicts, error) {
	return Import("audit.xlsx", bytes.NewReader(raw), sc, workbook.Limits{})
}

func TestImportUntouched(t *testing.T) {
	sc := importCard()
	raw := write(t, sc)
	for _, with := range []*scorecard.Scorecard{sc, nil} {
		v, err := importBytes(raw, with)
		if err != nil {
			t.Fatalf("scorecard %v: %v", with != nil, err)
		}
		if v.Checked != (with != nil) {
			t.Errorf("Checked = %v", v.Checked)
		}
		if diff := cmp.Diff(IdentityOf(sc), v.Identity); diff != "" {
			t.Errorf("identity (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{"cell", "control"}, v.Zones); diff != "" {
			t.Errorf("zones (-want +got):\n%s", diff)
		}
		if len(v.Reviews) != 0 || len(v.Added) != 0 {
			t.Errorf("untouched workbook gave %d reviews, %d added rows", len(v.Reviews), len(v.Added))
		}
	}
}

// TestImportExample imports the example site's workbook untouched: the
// Overview items and sheet layout the import relies on are those the
// writer writes.
func TestImportExample(t *testing.T) {
	sc := load(t)
	for _, with := range []*scorecard.Scorecard{sc, nil} {
		if _, err := importBytes(example(t), with); err != nil {
			t.Errorf("scorecard %v: %v", with != nil, err)
		}
	}
}

func TestImportVerdicts(t *testing.T) {
	opts := AttestOptions{Auditor: "R. Auditor", ValidFor: 365}
	tests := []struct {
		name string
		edit func(t *testing.T, f *excelize.File)
		opts AttestOptions
		want []evidence.Attestation
		outs []string // Outcome.Cell + " " + Action
	}{
		{
			name: "two zones, two verdicts: agree passes one zone, disagree fails the other",
			edit: func(t *testing.T, f *excelize.File) {
				verdict(t, f, "FR1", "SR 1.3", "Agree", "Procedure OT-SEC-07 rev 3", "cell")
				verdict(t, f, "FR1", "SR 1.3", "Disagree", "Shared operator account on HMI-2", "control")
			},
			want: []evidence.Attestation{
				{Requirement: "iec62443-3-3:SR 1.3", Scope: "zones", Zones: []string{"cell"}, Verdict: "pass",
					Evidence: "Procedure OT-SEC-07 rev 3", EvidenceType: "other", AttestedBy: "R. Auditor", Date: "2026-11-01", Expires: "2027-11-01",
					Note: "auditor verdict Agree, audit.xlsx FR1!E3"},
				{Requirement: "iec62443-3-3:SR 1.3", Scope: "zones", Zones: []string{"control"}, Verdict: "fail",
					Evidence: "auditor review, audit.xlsx FR1!H3", EvidenceType: "other", AttestedBy: "R. Auditor", Date: "2026-11-01", Expires: "2027-11-01",
					Note: "Shared operator account on HMI-2"},
			},
			outs: []string{"FR1!E3 attested pass in cell", "FR1!H3 attested fail in control"},
		},
		{
			name: "agree on a partial requirement attests the manual zone only; the verdict's case does not matter",
			edit: func(t *testing.T, f *excelize.File) {
				verdict(t, f, "FR2", "SR 2.8", "agree", "Log review with the OT lead", "cell")
			},
			opts: AttestOptions{Auditor: "R. Auditor", ValidFor: 30, Date: "2026-11-05"},
			want: []evidence.Attestation{{Requirement: "iec62443-3-3:SR 2.8", Scope: "zones", Zones: []string{"cell"}, Verdict: "pass",
				Evidence: "Log review with the OT lead", EvidenceType: "other", AttestedBy: "R. Auditor", Date: "2026-11-05", Expires: "2026-12-05",
				Note: "auditor verdict Agree, audit.xlsx FR2!E2"}},
			outs: []string{"FR2!E2 attested pass in cell"},
		},
		{
			name: "agree on an automated requirement confirms only, and needs no comment",
			edit: func(t *testing.T, f *excelize.File) {
				verdict(t, f, "FR1", "SR 1.1", "Agree", "", "cell")
			},
			outs: []string{"FR1!E2 confirmed; nothing awaits an attestation"},
		},
		{
			name: "disagree attests fail where slate shows met or undecided",
			edit: func(t *testing.T, f *excelize.File) {
				verdict(t, f, xlsx.SheetNIST, "PE-3", "Disagree", "The badge reader at the control room door is out of order", "control")
				verdict(t, f, "FR5", "SR 5.1", "Disagree", "The waiver is too generous", "control")
			},
			want: []evidence.Attestation{{Requirement: "nist-800-53r5:PE-3", Scope: "zones", Zones: []string{"control"}, Verdict: "fail",
				Evidence: "auditor review, audit.xlsx 'NIST 800-53'!H2", EvidenceType: "other", AttestedBy: "R. Auditor", Date: "2026-11-01",
				Expires: "2027-11-01", Note: "The badge reader at the control room door is out of order"}},
			outs: []string{"FR5!H2 listed for follow-up: slate shows the zone neither met nor undecided", "'NIST 800-53'!H2 attested fail in control"},
		},
		{
			name: "needs evidence and a lone comment record nothing",
			edit: func(t *testing.T, f *excelize.File) {
				verdict(t, f, "FR1", "SR 1.3", "Needs evidence", "Show the joiner/leaver procedure", "cell")
				r := rowOf(t, f, "FR2", "SR 2.8")
				set(t, f, "FR2", "I"+itoa(r), "Looks fine")
			},
			outs: []string{"FR1!E3 listed: the auditor needs more evidence", "FR2!H2 comment only; no verdict"},
		},
		{
			name: "an added Attestations row becomes an attestation; dates may be Excel dates",
			edit: func(t *testing.T, f *excelize.File) {
				addRow(t, f, map[string]any{attID: "door-check", attRequirement: "PE-3", attZones: "cell", attVerdict: "Pass",
					attEvidence: "Photo P-0142", attType: "photo", attDate: time.Date(2026, 10, 20, 0, 0, 0, 0, time.UTC)})
				addRow(t, f, map[string]any{attRequirement: "iec62443-3-3:SR 1.3", attZones: "Site-wide", attVerdict: "n/a",
					attEvidence: "No accounts in the cell", attAttestedBy: "M. Keller", attDate: "2026-10-01", attExpires: "2027-04-01", attNote: "walked through"})
			},
			want: []evidence.Attestation{
				{Requirement: "nist-800-53r5:PE-3", Scope: "zones", Zones: []string{"cell"}, Verdict: "pass", Evidence: "Photo P-0142", EvidenceType: "photo",
					AttestedBy: "R. Auditor", Date: "2026-10-20", Expires: "2027-10-20", Note: `added in audit.xlsx Attestations!A3 as "door-check"`},
				{Requirement: "iec62443-3-3:SR 1.3", Scope: "site", Zones: []string{}, Verdict: "not_applicable", Evidence: "No accounts in the cell", EvidenceType: "document",
					AttestedBy: "M. Keller", Date: "2026-10-01", Expires: "2027-04-01", Note: "walked through; added in audit.xlsx Attestations!A4"},
			},
			outs: []string{"Attestations!A3 attested pass in cell", "Attestations!A4 attested not_applicable in site-wide"},
		},
		{
			name: "sorting a requirement sheet changes nothing",
			edit: func(t *testing.T, f *excelize.File) {
				// Swap the two FR1 rows as a sort by status would.
				rows, _ := f.GetRows("FR1")
				for c := range rows[1] {
					a, _ := excelize.CoordinatesToCellName(c+1, 2)
					b, _ := excelize.CoordinatesToCellName(c+1, 3)
					set(t, f, "FR1", a, cellAt(rows[2], c))
					set(t, f, "FR1", b, cellAt(rows[1], c))
				}
				verdict(t, f, "FR1", "SR 1.3", "Agree", "Procedure OT-SEC-07 rev 3", "cell")
			},
			want: []evidence.Attestation{{Requirement: "iec62443-3-3:SR 1.3", Scope: "zones", Zones: []string{"cell"}, Verdict: "pass",
				Evidence: "Procedure OT-SEC-07 rev 3", EvidenceType: "other", AttestedBy: "R. Auditor", Date: "2026-11-01", Expires: "2027-11-01",
				Note: "auditor verdict Agree, audit.xlsx FR1!E2"}},
			outs: []string{"FR1!E2 attested pass in cell"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := importCard()
			raw := edit(t, sc, func(f *excelize.File) { tt.edit(t, f) })
			o := tt.opts
			if o.Auditor == "" {
				o = opts
			}
			// With and without the scorecard the result is the same.
			for _, with := range []*scorecard.Scorecard{sc, nil} {
				v, err := importBytes(raw, with)
				if err != nil {
					t.Fatalf("import (scorecard %v): %v", with != nil, err)
				}
				atts, outs, err := v.Attestations(o)
				if err != nil {
					t.Fatalf("attestations: %v", err)
				}
				if diff := cmp.Diff(tt.want, atts, cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("attestations, scorecard %v (-want +got):\n%s", with != nil, diff)
				}
				var got []string
				for _, o := range outs {
					got = append(got, o.Cell+" "+o.Action)
				}
				if diff := cmp.Diff(tt.outs, got); diff != "" {
					t.Errorf("outcomes, scorecard %v (-want +got):\n%s", with != nil, diff)
				}
			}
		})
	}
}

func TestImportRefused(t *testing.T) {
	other := importCard()
	other.Assessment.AsOf = "2026-12-01"
	tests := []struct {
		name string
		edit func(t *testing.T, f *excelize.File)
		// noCard imports without the scorecard.
		noCard  bool
		foreign bool
		want    []string // problem cells
	}{
		{
			name: "a status changed",
			edit: func(t *testing.T, f *excelize.File) { set(t, f, "FR1", "G2", "pass") },
			want: []string{"FR1!G2"},
		},
		{
			name: "a title changed on the NIST sheet, and a gap's owner",
			edit: func(t *testing.T, f *excelize.File) {
				set(t, f, xlsx.SheetNIST, "B2", "Physical access")
				set(t, f, xlsx.SheetGaps, "C2", "IT")
			},
			want: []string{"'NIST 800-53'!B2", "Gaps!C2"},
		},
		{
			name: "a vulnerability's fixed version changed",
			edit: func(t *testing.T, f *excelize.File) { set(t, f, xlsx.SheetVulnerabilities, "K2", "V3.0") },
			want: []string{"Vulnerabilities!K2"},
		},
		{
			name: "a recorded attestation changed",
			edit: func(t *testing.T, f *excelize.File) { set(t, f, xlsx.SheetAttest, "D2", "fail") },
			want: []string{"Attestations!D2"},
		},
		{
			name: "a recorded attestation's source cleared: the row counts as added and the original is missing",
			edit: func(t *testing.T, f *excelize.File) { set(t, f, xlsx.SheetAttest, "M2", "") },
			want: []string{"Attestations", "Attestations!E2", "Attestations!F2"},
		},
		{
			name: "a requirement row added",
			edit: func(t *testing.T, f *excelize.File) {
				set(t, f, "FR1", "A4", "SR 1.4")
				set(t, f, "FR1", "H4", "Agree")
			},
			want: []string{"FR1!A4"},
		},
		{
			name: "a requirement row repeated",
			edit: func(t *testing.T, f *excelize.File) {
				rows, _ := f.GetRows("FR1")
				for c, v := range rows[1] {
					cell, _ := excelize.CoordinatesToCellName(c+1, 4)
					set(t, f, "FR1", cell, v)
				}
			},
			want: []string{"FR1!A4"},
		},
		{
			name:    "a digest changed",
			edit:    func(t *testing.T, f *excelize.File) { set(t, f, xlsx.SheetOverview, "B9", "sha256:other") },
			foreign: true,
			want:    []string{"Overview!B9"},
		},
		{
			name:    "not slate's: no Overview",
			edit:    func(t *testing.T, f *excelize.File) { _ = f.SetSheetName(xlsx.SheetOverview, "Cover") },
			foreign: true, noCard: true,
			want: []string{"audit.xlsx"},
		},
		{
			name:    "not slate's: a digest item missing",
			edit:    func(t *testing.T, f *excelize.File) { set(t, f, xlsx.SheetOverview, "A10", "Assessment") },
			foreign: true, noCard: true,
			want: []string{"Overview"},
		},
		{
			name: "without a scorecard: a header changed and an unknown status",
			edit: func(t *testing.T, f *excelize.File) {
				set(t, f, "FR2", "G1", "Notes")
				set(t, f, "FR1", "D3", "passed")
				set(t, f, "FR1", "E3", "Agree")
			},
			noCard: true,
			want:   []string{"FR2!G1"},
		},
		{
			name: "without a scorecard: an unknown status on a reviewed row",
			edit: func(t *testing.T, f *excelize.File) {
				set(t, f, "FR1", "D3", "passed")
				set(t, f, "FR1", "E3", "Agree")
			},
			noCard: true,
			want:   []string{"FR1!D3"},
		},
		{
			name: "a verdict outside the list",
			edit: func(t *testing.T, f *excelize.File) { verdict(t, f, "FR1", "SR 1.3", "Maybe", "x", "control") },
			want: []string{"FR1!H3"},
		},
		{
			name: "added rows with problems",
			edit: func(t *testing.T, f *excelize.File) {
				addRow(t, f, map[string]any{attRequirement: "SR 9.9", attZones: "cell;plant", attVerdict: "passed",
					attEvidence: "", attType: "video", attDate: "01/11/2026", attState: "valid"})
			},
			want: []string{"Attestations!E3", "Attestations!B3", "Attestations!C3", "Attestations!D3", "Attestations!K3", "Attestations!J3", "Attestations!H3"},
		},
		{
			name: "an added row must say where it holds",
			edit: func(t *testing.T, f *excelize.File) {
				addRow(t, f, map[string]any{attRequirement: "PE-3", attZones: "", attVerdict: "pass", attEvidence: "Photo P-0142"})
			},
			want: []string{"Attestations!C3"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := importCard()
			raw := edit(t, sc, func(f *excelize.File) { tt.edit(t, f) })
			with := sc
			if tt.noCard {
				with = nil
			}
			_, err := importBytes(raw, with)
			var re *RefusedError
			if !errors.As(err, &re) {
				t.Fatalf("got %v, want a refusal", err)
			}
			if re.Foreign != tt.foreign {
				t.Errorf("Foreign = %v, want %v", re.Foreign, tt.foreign)
			}
			var cells []string
			for _, p := range re.Problems {
				cells = append(cells, p.Cell)
			}
			if diff := cmp.Diff(tt.want, cells); diff != "" {
				t.Errorf("problem cells (-want +got):\n%s\n%v", diff, err)
			}
		})
	}

	t.Run("another scorecard", func(t *testing.T) {
		_, err := importBytes(write(t, importCard()), other)
		var re *RefusedError
		if !errors.As(err, &re) || !re.Foreign {
			t.Fatalf("got %v, want a foreign refusal", err)
		}
		if !strings.Contains(err.Error(), `Overview!B4: As of is "2026-11-01", the scorecard's is "2026-12-01"`) {
			t.Errorf("error does not name the as of cell:\n%v", err)
		}
	})
}

func TestImportNotAWorkbook(t *testing.T) {
	_, err := importBytes([]byte("requirement,verdict\n"), nil)
	var ie *evidence.InputError
	if !errors.As(err, &ie) || ie.Path != "audit.xlsx" {
		t.Fatalf("got %v, want an input error for audit.xlsx", err)
	}
}

// TestImportEveryProblemAtOnce: a workbook with problems of every kind —
// a generated cell changed, a verdict outside the list, a verdict that
// needs a comment, a bad added row, a note on the Gaps sheet with a bad
// verdict and a bad opinion on the Sign-off sheet — is refused once,
// listing them all, so the auditor fixes everything in one round trip.
func TestImportEveryProblemAtOnce(t *testing.T) {
	sc := importCard()
	raw := edit(t, sc, func(f *excelize.File) {
		set(t, f, "FR1", "B2", "Human users")
		verdict(t, f, "FR1", "SR 1.3", "Agree", "", "cell")
		verdict(t, f, xlsx.SheetNIST, "PE-3", "Disagree", "", "control")
		verdict(t, f, "FR5", "SR 5.1", "Perhaps", "", "cell")
		addRow(t, f, map[string]any{attRequirement: "PE-3", attZones: "cell", attVerdict: "pass", attEvidence: "Photo",
			attDate: "2026-10-01", attExpires: "2026-09-01"})
		set(t, f, xlsx.SheetGaps, "Q2", "Sure")
		set(t, f, xlsx.SheetSignOff, "B5", "Fine by me")
	})
	_, err := importBytes(raw, sc)
	var re *RefusedError
	if !errors.As(err, &re) {
		t.Fatalf("got %v, want a refusal", err)
	}
	var cells []string
	for _, p := range re.Problems {
		cells = append(cells, p.Cell)
	}
	want := []string{"FR1!B2", "FR1!F3", "FR5!E2", "'NIST 800-53'!I2", "Gaps!Q2", "Attestations!I3", "'Sign-off'!B5"}
	if diff := cmp.Diff(want, cells); diff != "" {
		t.Errorf("problem cells (-want +got):\n%s\n%v", diff, err)
	}
	for _, o := range []AttestOptions{{ValidFor: 1}, {Auditor: "A"}, {Auditor: "A", ValidFor: 1, Date: "1.11.2026"}} {
		if _, _, err := (&Verdicts{Identity: Identity{AsOf: "2026-11-01"}}).Attestations(o); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
}

// TestImportSignOffAndNotes reads the Sign-off sheet and the auditor's
// notes on the Gaps sheet.
func TestImportSignOffAndNotes(t *testing.T) {
	sc := importCard()
	raw := edit(t, sc, func(f *excelize.File) {
		set(t, f, xlsx.SheetSignOff, "B2", "R. Auditor")
		set(t, f, xlsx.SheetSignOff, "B4", "2026-11-20")
		set(t, f, xlsx.SheetSignOff, "B5", "agree with reservations")
		set(t, f, xlsx.SheetSignOff, "C10", "Disagree")
		set(t, f, xlsx.SheetSignOff, "D10", "Remote access not reviewed")
		set(t, f, xlsx.SheetGaps, "Q2", "Agree")
		set(t, f, xlsx.SheetGaps, "R2", "Owner confirmed")
	})
	v, err := importBytes(raw, sc)
	if err != nil {
		t.Fatal(err)
	}
	want := SignOff{Auditor: "R. Auditor", Date: "2026-11-20", Opinion: "Agree with reservations",
		Zones: []ZoneOpinion{{Zone: "control", Opinion: "Disagree", Comment: "Remote access not reviewed"}}}
	if diff := cmp.Diff(want, v.SignOff); diff != "" {
		t.Errorf("sign-off (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]Note{{Cell: "Gaps!Q2", Sheet: xlsx.SheetGaps, Key: "G-1", Verdict: "Agree", Comment: "Owner confirmed"}}, v.Notes); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
	_, outs, err := v.Attestations(AttestOptions{Auditor: "R. Auditor", ValidFor: 365})
	if err != nil {
		t.Fatal(err)
	}
	if len(outs) != 1 || outs[0].Cell != "Gaps!Q2" {
		t.Errorf("outcomes %+v, want the gap's note", outs)
	}
}

// TestAttestationCSVCollected writes attestations in the collector's CSV
// format and reads them back with the attestation collector.
func TestAttestationCSVCollected(t *testing.T) {
	atts := []evidence.Attestation{
		{Requirement: "iec62443-3-3:SR 1.3", Scope: "zones", Zones: []string{"cell", "control"}, Verdict: "pass", Evidence: "Procedure \"OT-SEC-07\", rev 3",
			EvidenceType: "other", AttestedBy: "R. Auditor, ACME", Date: "2026-11-01", Expires: "2027-11-01", Note: "line one\nline two"},
		{Requirement: "nist-800-53r5:PE-3", Scope: "site", Zones: []string{}, Verdict: "fail", Evidence: "review", EvidenceType: "document",
			AttestedBy: "R. Auditor", Date: "2026-11-01", Expires: "2027-11-01"},
	}
	var buf bytes.Buffer
	if err := WriteAttestationCSV(&buf, atts); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "attestations.csv")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := attestation.New().Collect(context.Background(), evidence.Source{
		Kind: attestation.Kind, Name: "audit", Dir: dir, Files: []string{path},
		Zones: []evidence.Zone{{Name: "cell"}, {Name: "control"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	var data evidence.AttestationData
	if err := json.Unmarshal(doc.Data, &data); err != nil {
		t.Fatal(err)
	}
	want := atts
	want[0].ID, want[0].File, want[0].Line = "row 2", "attestations.csv", 2
	want[1].ID, want[1].File, want[1].Line = "row 4", "attestations.csv", 4
	if diff := cmp.Diff(want, data.Attestations, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("collected (-want +got):\n%s", diff)
	}
}

// TestImportOtherWorkbooks refuses spreadsheets slate did not write, with
// or without a scorecard, and never panics on them.
func TestImportOtherWorkbooks(t *testing.T) {
	tests := []struct {
		name string
		fill func(f *excelize.File)
	}{
		{"empty", func(*excelize.File) {}},
		{"an Overview without digests", func(f *excelize.File) {
			_ = f.SetSheetName("Sheet1", xlsx.SheetOverview)
			_ = f.SetCellValue(xlsx.SheetOverview, "A2", "As of")
			_ = f.SetCellValue(xlsx.SheetOverview, "B2", "2026-11-01")
		}},
		{"an Overview of another format", func(f *excelize.File) {
			_ = f.SetSheetName("Sheet1", xlsx.SheetOverview)
			for i, kv := range IdentityOf(importCard()).fields() {
				_ = f.SetCellValue(xlsx.SheetOverview, "A"+strconv.Itoa(i+1), kv[0])
				_ = f.SetCellValue(xlsx.SheetOverview, "B"+strconv.Itoa(i+1), kv[1])
			}
			_ = f.SetCellValue(xlsx.SheetOverview, "B1", "slate.scorecard/v0")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := excelize.NewFile()
			defer f.Close()
			tt.fill(f)
			buf, err := f.WriteToBuffer()
			if err != nil {
				t.Fatal(err)
			}
			for _, with := range []*scorecard.Scorecard{importCard(), nil} {
				_, err := importBytes(buf.Bytes(), with)
				var re *RefusedError
				if !errors.As(err, &re) || !re.Foreign {
					t.Errorf("scorecard %v: got %v, want a foreign refusal", with != nil, err)
				}
			}
		})
	}
}

func load(t *testing.T) *scorecard.Scorecard {
	t.Helper()
	return reporttest.Load(t, reporttest.Example)
}

func write(t *testing.T, sc *scorecard.Scorecard) []byte {
	t.Helper()
	return reporttest.Render(t, xlsx.Write, sc)
}

var (
	exampleOnce sync.Once
	exampleRaw  []byte
)

// example returns the workbook of the example site, built once.
func example(t *testing.T) []byte {
	t.Helper()
	exampleOnce.Do(func() { exampleRaw = write(t, load(t)) })
	if exampleRaw == nil {
		t.Fatal("example workbook not built")
	}
	return exampleRaw
}

func open(t *testing.T, raw []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestImportWithTrend: a workbook written with a Trend sheet (a run with
// history) comes back through the import as written.
func TestImportWithTrend(t *testing.T) {
	sc := load(t)
	old := scorecard.PointOf(sc, "week-1", "sha256:1", true)
	old.AsOf = "2026-10-01"
	sc.History = []scorecard.HistoryPoint{old}
	raw := write(t, sc)
	if idx, _ := open(t, raw).GetSheetIndex(xlsx.SheetTrend); idx < 0 {
		t.Fatal("no Trend sheet: the test would not test the import of one")
	}
	if _, err := importBytes(raw, sc); err != nil {
		t.Errorf("import of an untouched workbook with a trend: %v", err)
	}
}
