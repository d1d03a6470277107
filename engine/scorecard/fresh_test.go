package scorecard

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/engine/catalog"
	"github.com/slate-ot/slate/engine/model"
	"github.com/slate-ot/slate/evidence"
)

// freshCell is what a test expects of one requirement × zone cell: its
// status and a substring of its reason.
type freshCell struct {
	Status string
	Reason string
}

// TestStaleEvidence builds a site with a capture dated by its last packet
// (2026-10-28) and an inventory with no date of its own, and checks which
// cells keep their status as max_age and collected change. As of
// 2026-11-01 the capture is 4 days old.
func TestStaleEvidence(t *testing.T) {
	const (
		sr51  = "iec62443-3-3:SR 5.1" // decided by the capture check alone
		sr78  = "iec62443-3-3:SR 7.8" // decided by the inventory check alone
		sr33  = "iec62443-3-3:SR 3.3" // the capture check found a problem in cell
		sr13  = "iec62443-3-3:SR 1.3" // capture and inventory checks both
		sr51n = "iec62443-3-3:SR 5.2" // the capture check says not applicable
	)
	results := func() []Result {
		return []Result{
			{Rule: rule("NET", sr51, sr13), Assessed: []string{"*"}, Reads: []string{"pcap"}},
			{Rule: rule("NETF", sr33), Assessed: []string{"*"}, Reads: []string{"pcap"},
				Findings: []Finding{{Subject: "flow:1", Zone: "cell", Message: "telnet"}}},
			{Rule: rule("NETNA", sr51n), NotApplicable: []string{"*"}, Reads: []string{"pcap"}},
			{Rule: rule("INV", sr78, sr13), Assessed: []string{"cell"}, Reads: []string{"assets"}},
			{Rule: rule("ANY", "iec62443-3-3:SR 2.8"), Assessed: []string{"*"}, Reads: []string{"*"}},
		}
	}
	docs := []evidence.Document{
		{ID: "assets/inventory", Kind: "assets", Source: "inventory", Data: []byte("{}")},
		{ID: "pcap/span", Kind: "pcap", Source: "span", Data: []byte("{}"),
			Provenance: evidence.Provenance{EvidenceDate: "2026-10-28"}},
	}
	type cells map[string]freshCell // "requirement zone" → cell
	passed := freshCell{StatusPass, "no findings from"}
	stale := func(what string) freshCell { return freshCell{StatusNotAssessed, ReasonStale + ": " + what} }
	const pcapStale = "pcap/span dated 2026-10-28 is older than max_age 3d as of 2026-11-01"
	tests := []struct {
		name    string
		sources []model.Source
		// stale are the documents expected stale, with their reason.
		stale map[string]string
		want  cells
	}{
		{
			name: "no max_age",
			want: cells{
				sr51 + " cell": passed, sr51 + " office": passed,
				sr33 + " cell": {StatusFail, "1 open finding"}, sr33 + " office": passed,
				sr51n + " cell": {StatusNotApplicable, "not applicable per NETNA"},
				sr78 + " cell":  passed, sr78 + " office": {StatusNotAssessed, "no evidence for this zone"},
				sr13 + " cell": passed, "iec62443-3-3:SR 2.8 cell": passed,
			},
		},
		{
			name: "capture within max_age",
			sources: []model.Source{
				{Kind: "pcap", Name: "span", MaxAge: "4d", MaxAgeDays: 4},
			},
			want: cells{sr51 + " cell": passed, sr51n + " office": {StatusNotApplicable, "not applicable"}, "iec62443-3-3:SR 2.8 cell": passed},
		},
		{
			name: "capture older than max_age",
			sources: []model.Source{
				{Kind: "pcap", Name: "span", MaxAge: "3d", MaxAgeDays: 3},
			},
			stale: map[string]string{"pcap/span": "evidence is stale: pcap/span dated 2026-10-28 is older than max_age 3d as of 2026-11-01"},
			want: cells{
				sr51 + " cell":   stale(pcapStale + " (checks: NET)"),
				sr51 + " office": stale("pcap/span dated 2026-10-28"),
				// Findings from stale evidence still count.
				sr33 + " cell":   {StatusFail, "1 open finding"},
				sr33 + " office": stale(pcapStale + " (checks: NETF)"),
				sr51n + " cell":  stale(pcapStale + " (checks: NETNA)"),
				// The inventory is not stale: its checks still pass.
				sr78 + " cell":   passed,
				sr78 + " office": {StatusNotAssessed, "no evidence for this zone"},
				// A pass from fresh evidence stands, and says what it left out.
				sr13 + " cell":   {StatusPass, "no findings from INV; not counted, their evidence is stale: NET"},
				sr13 + " office": stale(pcapStale + " (checks: NET)"),
				// A check reading every kind reads the capture too.
				"iec62443-3-3:SR 2.8 cell": stale(pcapStale + " (checks: ANY)"),
			},
		},
		{
			name: "collected overrides the content's date",
			sources: []model.Source{
				{Kind: "pcap", Name: "span", MaxAge: "3d", MaxAgeDays: 3, Collected: "2026-10-30"},
			},
			want: cells{sr51 + " cell": passed},
		},
		{
			name: "no date to hold max_age against",
			sources: []model.Source{
				{Kind: "assets", Name: "inventory", MaxAge: "2w", MaxAgeDays: 14},
			},
			stale: map[string]string{"assets/inventory": "evidence is stale: assets/inventory has no date to hold against max_age 2w; set collected on the source"},
			want: cells{
				sr78 + " cell": stale("assets/inventory has no date"),
				sr51 + " cell": passed,
				sr13 + " cell": {StatusPass, "no findings from NET; not counted, their evidence is stale: INV"},
			},
		},
		{
			name: "collected within max_age",
			sources: []model.Source{
				{Kind: "assets", Name: "inventory", MaxAge: "2w", MaxAgeDays: 14, Collected: "2026-10-18"},
			},
			want: cells{sr78 + " cell": passed},
		},
		{
			name: "collected a day too early",
			sources: []model.Source{
				{Kind: "assets", Name: "inventory", MaxAge: "2w", MaxAgeDays: 14, Collected: "2026-10-17"},
			},
			stale: map[string]string{"assets/inventory": "evidence is stale: assets/inventory dated 2026-10-17 is older than max_age 2w as of 2026-11-01"},
			want:  cells{sr78 + " cell": stale("assets/inventory dated 2026-10-17")},
		},
	}
	cat, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := testAssessment()
			a.Sources = tt.sources
			sc, err := Build(Input{Assessment: a, AsOf: "2026-11-01", Results: results(), Bundle: &evidence.Bundle{Documents: docs}}, cat)
			if err != nil {
				t.Fatal(err)
			}
			gotStale := map[string]string{}
			for _, ev := range sc.Evidence {
				if ev.Stale {
					gotStale[ev.Document] = ev.StaleReason
				}
			}
			if tt.stale == nil {
				tt.stale = map[string]string{}
			}
			if diff := cmp.Diff(tt.stale, gotStale); diff != "" {
				t.Errorf("stale evidence (-want +got):\n%s", diff)
			}
			for key, want := range tt.want {
				i := strings.LastIndex(key, " ")
				req, zone := key[:i], key[i+1:]
				got := cellOf(sc, req, zone)
				if got.Status != want.Status || !strings.Contains(got.Reason, want.Reason) {
					t.Errorf("%s in %s = %s (%q); want %s with reason containing %q", req, zone, got.Status, got.Reason, want.Status, want.Reason)
				}
			}
		})
	}
}

// TestStaleEvidenceDates checks the dates the evidence list shows.
func TestStaleEvidenceDates(t *testing.T) {
	a := testAssessment()
	a.Sources = []model.Source{{Kind: "pcap", Name: "span", MaxAge: "1w", MaxAgeDays: 7}, {Kind: "assets", Name: "inventory", Collected: "2026-10-01"}}
	docs := []evidence.Document{
		{ID: "assets/inventory", Kind: "assets", Source: "inventory", Data: []byte("{}")},
		{ID: "mfa/vpn", Kind: "mfa", Source: "vpn", Data: []byte("{}")},
		{ID: "pcap/span", Kind: "pcap", Source: "span", Data: []byte("{}"), Provenance: evidence.Provenance{EvidenceDate: "2026-10-25"}},
	}
	cat, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	sc, err := Build(Input{Assessment: a, AsOf: "2026-11-01", Bundle: &evidence.Bundle{Documents: docs}}, cat)
	if err != nil {
		t.Fatal(err)
	}
	type dated struct{ Document, Date, MaxAge string }
	var got []dated
	for _, ev := range sc.Evidence {
		got = append(got, dated{ev.Document, ev.Date, ev.MaxAge})
		if ev.Stale {
			t.Errorf("%s is stale (%s); 7 days old with max_age 1w is not", ev.Document, ev.StaleReason)
		}
	}
	want := []dated{{"assets/inventory", "2026-10-01", ""}, {"mfa/vpn", "", ""}, {"pcap/span", "2026-10-25", "1w"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("evidence dates (-want +got):\n%s", diff)
	}
}

func cellOf(sc *Scorecard, key, zone string) ZoneStatus {
	for _, r := range sc.Requirements {
		if r.Framework+":"+r.ID == key {
			for _, z := range r.Zones {
				if z.Zone == zone {
					return z
				}
			}
		}
	}
	return ZoneStatus{Status: "missing"}
}

// TestNoPassWithoutEvidence checks that a check's claim on a zone (assessed
// or not applicable) counts only when the check read a kind of evidence the
// bundle holds; its findings count whatever it read.
func TestNoPassWithoutEvidence(t *testing.T) {
	const (
		sr32 = "iec62443-3-3:SR 3.2"
		sr51 = "iec62443-3-3:SR 5.1"
		sr11 = "iec62443-3-3:SR 1.1"
	)
	inventory := evidence.Document{ID: "assets/inventory", Kind: "assets", Source: "inventory", Data: []byte("{}")}
	tests := []struct {
		name   string
		result Result
		docs   []evidence.Document
		want   freshCell // of the requirement in zone cell
	}{
		{"reads nothing", Result{Rule: rule("X", sr32), Assessed: []string{"*"}},
			[]evidence.Document{inventory}, freshCell{StatusNotAssessed, "no evidence for this zone: X reads no evidence"}},
		{"reads a kind not collected", Result{Rule: rule("X", sr32), Assessed: []string{"*"}, Reads: []string{"mfa", "pcap"}},
			[]evidence.Document{inventory}, freshCell{StatusNotAssessed, "X read no evidence: no mfa or pcap document was collected"}},
		{"reads every kind, none collected", Result{Rule: rule("X", sr32), Assessed: []string{"cell"}, Reads: []string{"*"}},
			nil, freshCell{StatusNotAssessed, "X read no evidence: none was collected"}},
		{"not applicable without evidence", Result{Rule: rule("X", sr51), NotApplicable: []string{"*"}, Reads: []string{"pcap"}},
			[]evidence.Document{inventory}, freshCell{StatusNotAssessed, "no pcap document was collected"}},
		{"manual without evidence", Result{Rule: func() Rule { r := rule("X", sr11); r.Manual = true; return r }(), Assessed: []string{"*"}},
			[]evidence.Document{inventory}, freshCell{StatusNotAssessed, "X reads no evidence"}},
		{"a finding counts without evidence", Result{Rule: rule("X", sr32), Assessed: []string{"*"},
			Findings: []Finding{{Subject: "a", Zone: "cell", Message: "m"}}},
			nil, freshCell{StatusFail, "1 open finding"}},
		{"reads a kind collected", Result{Rule: rule("X", sr32), Assessed: []string{"*"}, Reads: []string{"assets", "pcap"}},
			[]evidence.Document{inventory}, freshCell{StatusPass, "no findings from X"}},
		{"reads every kind, one collected", Result{Rule: rule("X", sr32), Assessed: []string{"*"}, Reads: []string{"*"}},
			[]evidence.Document{inventory}, freshCell{StatusPass, "no findings from X"}},
	}
	cat, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc, err := Build(Input{Assessment: testAssessment(), AsOf: "2026-11-01", Results: []Result{tt.result},
				Bundle: &evidence.Bundle{Documents: tt.docs}}, cat)
			if err != nil {
				t.Fatal(err)
			}
			key := tt.result.Rule.Requirements[0]
			got := cellOf(sc, key, "cell")
			if got.Status != tt.want.Status || !strings.Contains(got.Reason, tt.want.Reason) {
				t.Errorf("%s in cell = %s (%q); want %s with reason containing %q", key, got.Status, got.Reason, tt.want.Status, tt.want.Reason)
			}
		})
	}
}
