package drift_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/engine/assessment"
	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/reports/drift"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// runs are two scorecards of a small site a week apart: a conduit lost a
// service (a new open gap and a new failure), a waiver expired, a firewall
// fix closed a gap and raised SL-A, the capture went stale, a policy file
// changed, an attestation was added, and two security advisories now find
// components affected (one with a CVE in KEV) besides one that already did.
func runs() (prev, next *scorecard.Scorecard) {
	mk := func() *scorecard.Scorecard {
		return &scorecard.Scorecard{
			Format: scorecard.Format,
			Assessment: scorecard.Assessment{Name: "plant-t", Site: "Plant T", AsOf: "2026-11-01", File: "assessment.hcl",
				Frameworks: []assessment.Framework{{ID: assessment.FrameworkIEC62443}}},
			Engine:   scorecard.Engine{Name: "slate", Version: "test"},
			Digests:  scorecard.Digests{Bundle: "sha256:" + sum('b'), Policies: "sha256:" + sum('p'), Assessment: "sha256:" + sum('a')},
			Policies: []scorecard.PolicyModule{{Path: "builtin/checks/network/conduits.rego", SHA256: "1", Builtin: true}},
			Zones: []scorecard.Zone{{Name: "cell", Kind: "ot", FRs: []scorecard.FR{
				{ID: "FR5", Target: 2, Achieved: 0, MissingForNext: []string{"SR 5.1"}},
			}}},
			Requirements: []scorecard.Requirement{
				{Framework: "iec62443-3-3", ID: "SR 5.1", Zones: []scorecard.ZoneStatus{
					{Zone: "cell", Status: scorecard.StatusFail, Reason: "1 open finding(s)", Gaps: []string{"G-000000000001"}},
					{Zone: "control", Status: scorecard.StatusPass, Reason: "no findings from SLATE-NET-002"},
				}},
				{Framework: "iec62443-3-3", ID: "SR 7.8", Zones: []scorecard.ZoneStatus{
					{Zone: "cell", Status: scorecard.StatusWaived, Reason: "waived by drive-firmware", Gaps: []string{"G-000000000002"}},
					{Zone: "control", Status: scorecard.StatusPass, Reason: "no findings from SLATE-INV-001"},
				}},
			},
			Gaps: []scorecard.Gap{
				{ID: "G-000000000001", Status: scorecard.GapOpen, Rule: "SLATE-CFG-008", Zone: "cell", Subject: "interface:fw/Gi1/4",
					Message: "fw interface Gi1/4 (zone cell) has no inbound ACL", Severity: "high", Owner: "OT"},
				{ID: "G-000000000002", Status: scorecard.GapWaived, Rule: "SLATE-INV-001", Zone: "cell", Subject: "asset:drive-01",
					Message: "drive-01 has no firmware in the inventory", Severity: "medium", Owner: "OT", Waivers: []string{"drive-firmware"}},
			},
			Waivers: []scorecard.Waiver{
				{Name: "drive-firmware", Requirement: "iec62443-3-3:SR 7.8", Subject: "asset:drive-01", Zone: "cell",
					ApprovedBy: "A. Okafor", Expires: "2026-11-05", Status: scorecard.WaiverActive, Findings: 1},
				{Name: "hmi | legacy", Requirement: "iec62443-3-3:SR 7.8", Subject: "asset:hmi-02", Zone: "control",
					ApprovedBy: "J. Meyer", Expires: "2027-03-31", Status: scorecard.WaiverUnused},
			},
		}
	}
	prev, next = mk(), mk()
	next.Assessment.AsOf = "2026-11-08"
	next.Digests.Bundle = "sha256:" + sum('c')
	next.Digests.Policies = "sha256:" + sum('q')
	next.Policies[0].SHA256 = "2"
	next.Zones[0].FRs[0].Achieved = 1
	next.Requirements[0].Zones = []scorecard.ZoneStatus{
		{Zone: "cell", Status: scorecard.StatusPass, Reason: "no findings from SLATE-CFG-008"},
		{Zone: "control", Status: scorecard.StatusFail, Reason: "1 open finding(s)", Gaps: []string{"G-000000000003"}},
	}
	next.Requirements[1].Zones = []scorecard.ZoneStatus{
		{Zone: "cell", Status: scorecard.StatusFail, Reason: "1 open finding(s)", Gaps: []string{"G-000000000002"}},
		{Zone: "control", Status: scorecard.StatusNotAssessed, Reason: scorecard.ReasonStale + ": span.pcap is 40 days old (max_age 30d)"},
	}
	next.Gaps = []scorecard.Gap{
		{ID: "G-000000000003", Status: scorecard.GapOpen, Rule: "SLATE-NET-002", Zone: "control", Subject: "flow:10.30.0.50->10.40.1.10/tcp/102",
			Message:  "10.30.0.50 in zone control reaches 10.40.1.10:102 in zone cell over tcp/102 (s7comm) with no conduit allowing it",
			Severity: "high", Owner: "OT"},
		{ID: "G-000000000002", Status: scorecard.GapOpen, Rule: "SLATE-INV-001", Zone: "cell", Subject: "asset:drive-01",
			Message: "drive-01 has no firmware in the inventory", Severity: "medium", Owner: "OT", ExpiredWaivers: []string{"drive-firmware"}},
	}
	next.Waivers[0].Status = scorecard.WaiverExpired
	next.Attestations = []scorecard.Attestation{{Attestation: evidence.Attestation{ID: "penetration-test",
		Requirement: "iec62443-3-3:SR 3.3", Verdict: "pass", AttestedBy: "M. Keller", Date: "2026-11-02", Expires: "2027-11-02"},
		Document: "attestation/site-review", State: scorecard.AttestationValid}}
	old := scorecard.AdvisoryMatch{Subject: "asset:plc-01", Asset: "plc-01", Zone: "cell", Advisory: "ICSA-23-012-08", CVEs: []string{"CVE-2022-38773"},
		CVSS: 4.6, Confidence: "exact", Status: scorecard.AdvisoryMitigationsOnly}
	prev.Advisories = []scorecard.AdvisoryMatch{old,
		{Subject: "asset:hmi-01", Asset: "hmi-01", Zone: "cell", Advisory: "ICSA-24-100-01", CVEs: []string{"CVE-2024-1"},
			CVSS: 9.1, Confidence: "name", Status: scorecard.AdvisoryPossible}}
	next.Advisories = []scorecard.AdvisoryMatch{old,
		{Subject: "asset:hmi-01", Asset: "hmi-01", Zone: "cell", Advisory: "ICSA-24-100-01", Title: "HMI | web server", CVEs: []string{"CVE-2024-1"},
			CVSS: 9.1, FixedVersion: "V2", Confidence: "exact", Status: scorecard.AdvisoryFixAvailable},
		{Subject: "asset:plc-02", Asset: "plc-02", Zone: "cell", Advisory: "ICSA-22-286-04", CVEs: []string{"CVE-2022-38465"},
			CVSS: 7.5, KEV: []string{"CVE-2022-38465"}, Confidence: "family", Status: scorecard.AdvisoryFixAvailable},
		{Subject: "ip:10.0.0.9", Asset: "10.0.0.9", Advisory: "ICSA-22-286-04", CVEs: []string{"CVE-2022-38465"},
			CVSS: 7.5, KEV: []string{"CVE-2022-38465"}, Confidence: "exact", Status: scorecard.AdvisoryFixAvailable},
		{Subject: "asset:plc-03", Asset: "plc-03", Zone: "cell", Advisory: "ICSA-99-000-00", CVEs: []string{"CVE-2099-1"},
			CVSS: 10, Confidence: "exact", Status: scorecard.AdvisoryFixed}}
	return prev, next
}

func sum(c byte) string { return string(bytes.Repeat([]byte{c}, 64)) }

func TestWriters(t *testing.T) {
	prev, next := runs()
	r := &drift.Report{Drift: scorecard.Diff(prev, next), Waivers: drift.WaiverNotices(next, drift.DefaultWarnDays)}
	same := &drift.Report{Drift: scorecard.Diff(prev, prev)}
	tests := []struct {
		golden string
		r      *drift.Report
		write  func(w *bytes.Buffer, r *drift.Report) error
	}{
		{"drift.txt", r, func(w *bytes.Buffer, r *drift.Report) error { return drift.WriteText(w, r) }},
		{"summary.txt", r, func(w *bytes.Buffer, r *drift.Report) error { return drift.WriteSummary(w, r, 2) }},
		{"drift.md", r, func(w *bytes.Buffer, r *drift.Report) error { return drift.WriteMarkdown(w, r) }},
		{"drift.json", r, func(w *bytes.Buffer, r *drift.Report) error { return drift.WriteJSON(w, r) }},
		{"same.txt", same, func(w *bytes.Buffer, r *drift.Report) error { return drift.WriteText(w, r) }},
		{"same.md", same, func(w *bytes.Buffer, r *drift.Report) error { return drift.WriteMarkdown(w, r) }},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			var first, second bytes.Buffer
			if err := tt.write(&first, tt.r); err != nil {
				t.Fatal(err)
			}
			if err := tt.write(&second, tt.r); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first.Bytes(), second.Bytes()) {
				t.Fatal("two writes differ")
			}
			golden := filepath.Join("testdata", tt.golden)
			if *update {
				if err := os.WriteFile(golden, first.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), first.String()); diff != "" {
				t.Errorf("%s differs (-want +got; run with -update):\n%s", golden, diff)
			}
		})
	}
}

// TestNewAdvisories: an advisory counts as new when it finds a component
// affected now and found none in the baseline (a possible match there
// does not count); fixed and possible matches now are not new.
func TestNewAdvisories(t *testing.T) {
	prev, next := runs()
	d := scorecard.Diff(prev, next)
	var got []string
	for _, a := range d.NewAdvisories {
		got = append(got, a.Advisory+" "+strings.Join(a.Assets, ", "))
	}
	want := []string{"ICSA-22-286-04 10.0.0.9, plc-02 (cell)", "ICSA-24-100-01 hmi-01 (cell)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("new advisories (-want +got):\n%s", diff)
	}
	if n := scorecard.Diff(next, next).NewAdvisories; n != nil {
		t.Errorf("a scorecard against itself has new advisories: %v", n)
	}
	if n := scorecard.Diff(next, prev).NewAdvisories; n != nil {
		t.Errorf("going back to the baseline has new advisories: %v", n)
	}
}

func TestWaiverNotices(t *testing.T) {
	sc := &scorecard.Scorecard{Assessment: scorecard.Assessment{AsOf: "2026-11-01"}, Waivers: []scorecard.Waiver{
		{Name: "gone", Expires: "2026-10-31", Status: scorecard.WaiverExpired},
		{Name: "today", Expires: "2026-11-01", Status: scorecard.WaiverActive},
		{Name: "soon", Expires: "2026-12-01", Status: scorecard.WaiverActive},
		{Name: "later", Expires: "2026-12-02", Status: scorecard.WaiverActive},
		{Name: "nothing", Expires: "2027-01-01", Status: scorecard.WaiverUnused},
	}}
	type got struct {
		Name, State string
		Days        int
	}
	tests := []struct {
		days int
		want []got
	}{
		{30, []got{{"gone", "expired", 0}, {"today", "expiring", 0}, {"soon", "expiring", 30}, {"nothing", "unused", 0}}},
		{31, []got{{"gone", "expired", 0}, {"today", "expiring", 0}, {"soon", "expiring", 30}, {"later", "expiring", 31}, {"nothing", "unused", 0}}},
		{0, []got{{"gone", "expired", 0}, {"today", "expiring", 0}, {"nothing", "unused", 0}}},
	}
	for _, tt := range tests {
		var list []got
		for _, n := range drift.WaiverNotices(sc, tt.days) {
			list = append(list, got{n.Name, n.State, n.Days})
		}
		if diff := cmp.Diff(tt.want, list); diff != "" {
			t.Errorf("%d days (-want +got):\n%s", tt.days, diff)
		}
	}
}

func TestWaiverMessage(t *testing.T) {
	tests := []struct {
		n    drift.WaiverNotice
		want string
	}{
		{drift.WaiverNotice{Waiver: scorecard.Waiver{Name: "w", Expires: "2026-11-20", ApprovedBy: "J. M."}, State: drift.NoticeExpiring, Days: 19},
			`assessment.hcl: waiver "w" expires on 2026-11-20, in 19 day(s); renew it (approved by J. M.) or close the gaps it covers`},
		{drift.WaiverNotice{Waiver: scorecard.Waiver{Name: "w", Expires: "2026-11-01", ApprovedBy: "J. M."}, State: drift.NoticeExpiring},
			`assessment.hcl: waiver "w" expires on 2026-11-01, today; renew it (approved by J. M.) or close the gaps it covers`},
		{drift.WaiverNotice{Waiver: scorecard.Waiver{Name: "w", Requirement: "iec62443-3-3:SR 7.8", Subject: "asset:x"}, State: drift.NoticeUnused},
			`assessment.hcl: waiver "w" matches no finding (requirement iec62443-3-3:SR 7.8, subject asset:x, zone any); correct or remove it`},
		{drift.WaiverNotice{Waiver: scorecard.Waiver{Name: "w", Expires: "2026-10-01"}, State: drift.NoticeExpired},
			`assessment.hcl: waiver "w" expired on 2026-10-01 and waives nothing; its findings are open gaps again`},
	}
	for _, tt := range tests {
		if got := drift.NoticeMessage(tt.n, "assessment.hcl"); got != tt.want {
			t.Errorf("Message:\n got %s\nwant %s", got, tt.want)
		}
	}
}

func TestLookup(t *testing.T) {
	if diff := cmp.Diff([]string{"json", "md", "text"}, drift.Names()); diff != "" {
		t.Errorf("Names (-want +got):\n%s", diff)
	}
	for _, name := range drift.Names() {
		if f, err := drift.Lookup(name); err != nil || f.Name != name {
			t.Errorf("Lookup(%q) = %q, %v", name, f.Name, err)
		}
	}
	if _, err := drift.Lookup("html"); err == nil {
		t.Error("Lookup(html) succeeded")
	}
}
