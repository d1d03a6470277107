package advisory

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/evidence/advisory/vers"
)

func product(id, vendor, name, version string, exact bool) Product {
	r := vers.Parse(version, exact)
	return Product{ID: id, Name: name + " " + version, Vendor: vendor, ProductName: name, Version: version, Range: &r}
}

// synthetic is an advisory written for these tests, with CPE and PURL
// identification helpers (no CISA document in the corpus has either).
func synthetic() Advisory {
	cpe := product("P-CPE", "Example Controls", "EX-100 Gateway", "vers:generic/>=2.0|<2.9.4", false)
	cpe.CPE = "cpe:2.3:h:example_controls:ex-100_gateway:-:*:*:*:*:*:*:*"
	purl := product("P-PURL", "Example Controls", "exlib", "vers:generic/<1.4.0", false)
	purl.PURLs = []string{"pkg:generic/example/exlib@1.4.0"}
	fixed := product("P-FIXED", "Example Controls", "EX-100 Gateway", "2.9.4", true)
	return Advisory{
		ID: "EX-2026-0001", Title: "Example Controls EX-100", InitialRelease: "2026-03-01T00:00:00Z", CurrentRelease: "2026-03-01T00:00:00Z",
		File: "ex.json", Products: []Product{cpe, purl, fixed},
		Vulnerabilities: []Vulnerability{{
			CVE: "CVE-2026-0001", Scores: []Score{{Version: "3.1", Base: 9.8, Vector: "CVSS:3.1/AV:N", Products: []string{"P-CPE", "P-PURL"}}},
			Status: Status{KnownAffected: []string{"P-CPE", "P-PURL"}, Fixed: []string{"P-FIXED"}},
			Remediations: []Remediation{
				{Category: "vendor_fix", Details: "Update to 2.9.4 or later", FixedVersion: "2.9.4", Products: []string{"P-CPE"}},
				{Category: "mitigation", Details: "Block port 502 from other zones", Products: []string{"P-CPE", "P-PURL"}},
			},
		}},
	}
}

// syntheticSoftware is an advisory for a piece of software that banners
// name (OpenSSH), identified by its NVD CPE, written for these tests.
func syntheticSoftware() Advisory {
	p := product("P-SSH", "OpenBSD", "OpenSSH", "vers:generic/<7.7", false)
	p.CPE = "cpe:2.3:a:openbsd:openssh:*:*:*:*:*:*:*:*"
	return Advisory{
		ID: "EX-2026-0002", Title: "OpenSSH user enumeration", InitialRelease: "2026-03-01T00:00:00Z", CurrentRelease: "2026-03-01T00:00:00Z",
		File: "ssh.json", Products: []Product{p},
		Vulnerabilities: []Vulnerability{{
			CVE: "CVE-2018-15473", Scores: []Score{{Version: "3.1", Base: 5.3, Vector: "CVSS:3.1/AV:N"}},
			Status:       Status{KnownAffected: []string{"P-SSH"}},
			Remediations: []Remediation{{Category: "vendor_fix", Details: "Update to 7.7 or later", FixedVersion: "7.7", Products: []string{"P-SSH"}}},
		}},
	}
}

func index(t *testing.T, asOf string, kev []KEV) *Index {
	t.Helper()
	var srcs []Source
	for _, a := range readCorpus(t) {
		srcs = append(srcs, Source{Advisory: a, Document: "advisories/cisa"})
	}
	srcs = append(srcs, Source{Advisory: synthetic(), Document: "advisories/synthetic"},
		Source{Advisory: syntheticSoftware(), Document: "advisories/synthetic"})
	return NewIndex(srcs, kev, asOf)
}

type got struct {
	Advisory, Status, Confidence, Fixed string
	KEV                                 bool
}

func summarise(ms []Match) []got {
	var out []got
	for _, m := range ms {
		out = append(out, got{m.Advisory, m.Status, m.Confidence, m.FixedVersion, len(m.KEV) > 0})
	}
	return out
}

func TestMatch(t *testing.T) {
	kev := []KEV{{CVE: "CVE-2022-38773", DateAdded: "2024-01-01", Ransomware: "Known"}, {CVE: "CVE-2026-0001", DateAdded: "2026-04-01"}}
	ix := index(t, "2026-11-01", kev)
	tests := []struct {
		name string
		s    Subject
		want []got
	}{
		{"order number on the wire, all versions, vendor alias, KEV",
			Subject{Vendor: "Siemens AG", OrderNumber: "6ES7 516-3FN02-0AB0", Firmware: "V2.9.4"},
			[]got{{"ICSA-22-286-04", StatusFixed, ConfidenceFamily, "V2.9.2", false}, {"ICSA-23-012-08", StatusAffected, ConfidenceExact, "", true}}},
		{"family in range",
			Subject{Vendor: "Siemens", Model: "S7-1516F-3 PN/DP", Firmware: "V2.8.3"},
			[]got{{"ICSA-22-286-04", StatusAffected, ConfidenceFamily, "V2.9.2", false}}},
		{"family fixed",
			Subject{Vendor: "Siemens", Model: "S7-1516F-3 PN/DP", Firmware: "V2.9.7"},
			[]got{{"ICSA-22-286-04", StatusFixed, ConfidenceFamily, "V2.9.2", false}}},
		{"no firmware: possible, never affected",
			Subject{Vendor: "SIEMENS", Model: "S7-1516F-3 PN/DP"},
			[]got{{"ICSA-22-286-04", StatusPossible, ConfidenceFamily, "V2.9.2", false}}},
		{"model number in the model column",
			Subject{Vendor: "Siemens", Model: "SCALANCE X204-2 6GK5204-2BB10-2AA3", Firmware: "V5.2.5"},
			[]got{{"ICSA-22-195-01", StatusAffected, ConfidenceExact, "V5.2.6", false}}},
		{"exact product name, Rockwell alias and trailing space",
			Subject{Vendor: "Allen-Bradley", Model: "1756-EN2T", Firmware: "5.008"},
			nil},
		{"Schneider fixed product status",
			Subject{Vendor: "Schneider Electric SE", Model: "Data Center Expert", Firmware: "8.2"},
			[]got{{"ICSA-24-289-02", StatusFixed, ConfidenceExact, "8.2", false}}},
		{"Schneider affected",
			Subject{Vendor: "Schneider", Model: "Data Center Expert", Firmware: "8.1.1.3"},
			[]got{{"ICSA-24-289-02", StatusAffected, ConfidenceExact, "8.2", false}}},
		{"serial-number range stays possible",
			Subject{Vendor: "Mitsubishi Electric Corporation", Model: "MELSEC-Q Series Q03UDECPU", Firmware: "26000"},
			nil},
		{"CPE",
			Subject{CPE: "cpe:2.3:h:example_controls:ex-100_gateway:2.9.3:*:*:*:*:*:*:*"},
			[]got{{"EX-2026-0001", StatusAffected, ConfidenceExact, "2.9.4", true}}},
		{"PURL",
			Subject{PURL: "pkg:generic/example/exlib@1.3.9"},
			[]got{{"EX-2026-0001", StatusAffected, ConfidenceExact, "", true}}},
		{"PURL fixed version outside the range",
			Subject{PURL: "pkg:generic/example/exlib@1.4.0"},
			[]got{{"EX-2026-0001", StatusNotAffected, ConfidenceExact, "", false}}},
		{"name only is possible even in range",
			Subject{Vendor: "Example Controls Inc.", Model: "EX-100 Gateway rev B", Firmware: "2.5"},
			[]got{{"EX-2026-0001", StatusPossible, ConfidenceName, "2.9.4", true}}},
		{"exact name and fixed version listed as fixed",
			Subject{Vendor: "Example Controls", Model: "EX-100 Gateway", Firmware: "2.9.4"},
			[]got{{"EX-2026-0001", StatusFixed, ConfidenceExact, "2.9.4", false}}},
		{"sysDescr naming the vendor, the order number and the firmware: affected",
			Subject{Banner: true, Model: "Siemens, SIMATIC NET, SCALANCE X204-2, 6GK5 204-2BB10-2AA3, HW: Version 1, FW: Version V5.2.5", Firmware: "V5.2.5"},
			[]got{{"ICSA-22-195-01", StatusAffected, ConfidenceExact, "V5.2.6", false}}},
		{"sysDescr without the vendor: possible",
			Subject{Banner: true, Model: "SCALANCE X204-2, 6GK5 204-2BB10-2AA3, FW: V5.2.5", Firmware: "V5.2.5"},
			[]got{{"ICSA-22-195-01", StatusPossible, ConfidenceExact, "V5.2.6", false}}},
		{"sysDescr without a version: possible",
			Subject{Banner: true, Model: "Siemens, SIMATIC NET, SCALANCE X204-2, 6GK5 204-2BB10-2AA3"},
			[]got{{"ICSA-22-195-01", StatusPossible, ConfidenceExact, "V5.2.6", false}}},
		{"SSH banner: product and version by CPE, no vendor: possible",
			Subject{Banner: true, Model: "OpenSSH", Firmware: "7.4", CPE: "cpe:2.3:a:openbsd:openssh:7.4:*:*:*:*:*:*:*"},
			[]got{{"EX-2026-0002", StatusPossible, ConfidenceExact, "7.7", false}}},
		{"the same CPE from the inventory: affected",
			Subject{CPE: "cpe:2.3:a:openbsd:openssh:7.4:*:*:*:*:*:*:*"},
			[]got{{"EX-2026-0002", StatusAffected, ConfidenceExact, "7.7", false}}},
		{"SSH banner of a fixed version",
			Subject{Banner: true, Model: "OpenSSH", Firmware: "8.0", CPE: "cpe:2.3:a:openbsd:openssh:8.0:*:*:*:*:*:*:*"},
			[]got{{"EX-2026-0002", StatusFixed, ConfidenceExact, "7.7", false}}},
		{"other vendor, same model text",
			Subject{Vendor: "Acme", Model: "EX-100 Gateway", Firmware: "2.5"},
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.s.Ref = "asset:x"
			ms := ix.MatchOne(tt.s)
			g := summarise(ms)
			if tt.want == nil {
				// only the shape is asserted for these: see the named tests
				for _, m := range ms {
					if len(m.Why) < 2 {
						t.Errorf("match without reasons: %+v", m)
					}
				}
				return
			}
			if diff := cmp.Diff(tt.want, g); diff != "" {
				t.Errorf("(-want +got):\n%s\n%+v", diff, ms)
			}
		})
	}
}

func TestMatchAliasesAndCorpus(t *testing.T) {
	ix := index(t, "2026-11-01", nil)
	statusOf := func(s Subject, adv string) (string, Match) {
		for _, m := range ix.MatchOne(s) {
			if m.Advisory == adv {
				return m.Status, m
			}
		}
		return "", Match{}
	}
	cases := []struct {
		s      Subject
		adv    string
		status string
	}{
		// "Rockwell Automation " with a trailing space in the advisory
		{Subject{Vendor: "Allen-Bradley", Model: "ControlLogix 5580", Firmware: "32.011"}, "ICSA-24-256-18", StatusAffected},
		{Subject{Vendor: "Rockwell Automation", Model: "ControlLogix 5580", Firmware: "32.012"}, "ICSA-24-256-18", ""},
		// joint vendor "Hirschmann Automation and Control GmbH, Belden Inc."
		{Subject{Vendor: "Belden", Model: "EAGLE20/30", Firmware: "03.2.00"}, "ICSA-20-091-01", StatusAffected},
		{Subject{Vendor: "Hirschmann", Model: "EAGLE20/30", Firmware: "HiSecOS 03.3.00"}, "ICSA-20-091-01", StatusNotAffected},
		// "General Electric (GE) and Emerson"
		{Subject{Vendor: "Emerson", Model: "PACSystems RX3i CPE305", Firmware: "R9.85"}, "ICSA-20-014-01", ""},
		// Mitsubishi serial-number ranges: possible only
		{Subject{Vendor: "Mitsubishi", Model: "Q03UDECPU", Firmware: "26000"}, "ICSA-24-074-14", ""},
		// Unitronics: KEV advisory
		{Subject{Vendor: "Unitronics", Model: "Vision", Firmware: "9.8"}, "ICSA-23-348-15", ""},
		// WAGO firmware numbers
		{Subject{Vendor: "WAGO Kontakttechnik GmbH & Co. KG", Model: "PFC200 Series", Firmware: "03.10.08(22)"}, "ICSA-23-325-01", StatusAffected},
	}
	for _, c := range cases {
		got, m := statusOf(c.s, c.adv)
		if c.status != "" && got != c.status {
			t.Errorf("%+v against %s: %q, want %q (%+v)", c.s, c.adv, got, c.status, m)
		}
	}
}

func TestAsOf(t *testing.T) {
	a := synthetic()
	revised := synthetic()
	revised.CurrentRelease = "2026-12-01T00:00:00Z"
	revised.File = "revised.json"
	later := synthetic()
	later.ID, later.InitialRelease, later.CurrentRelease, later.File = "EX-2027-0001", "2027-01-05T00:00:00Z", "2027-01-05T00:00:00Z", "later.json"
	older := synthetic()
	older.CurrentRelease, older.File = "2026-02-01T00:00:00Z", "older.json"
	ix := NewIndex([]Source{{Advisory: a}, {Advisory: later}, {Advisory: revised}, {Advisory: older}}, nil, "2026-11-01")
	want := []Ignored{
		{"EX-2026-0001", "older.json", "2026-02-01", "superseded by the later revision in ex.json"},
		{"EX-2026-0001", "revised.json", "2026-12-01", "revised after the assessment date 2026-11-01; use the revision current then"},
		{"EX-2027-0001", "later.json", "2027-01-05", "published after the assessment date 2026-11-01"},
	}
	if diff := cmp.Diff(want, ix.Ignored()); diff != "" {
		t.Errorf("ignored (-want +got):\n%s", diff)
	}
	res := ix.Match([]Subject{{Ref: "a", CPE: "cpe:2.3:h:example_controls:ex-100_gateway:2.5"}})
	if len(res.Matches) != 1 || res.Matches[0].File != "ex.json" || res.Advisories != 1 {
		t.Errorf("%+v", res)
	}
}

func TestVendors(t *testing.T) {
	for in, want := range map[string][]string{
		"Siemens AG":                       {"siemens"},
		"Rockwell Automation ":             {"rockwell automation"},
		"Allen-Bradley":                    {"rockwell automation"},
		"Schneider Electric Software, LLC": {"schneider electric"},
		"Hirschmann Automation and Control GmbH, Belden Inc.": {"hirschmann"},
		"General Electric (GE) and Emerson":                   {"general electric", "emerson"},
		"PHOENIX CONTACT, Innominate Security Technologies":   {"phoenix contact", "innominate security technologies"},
		"WAGO Kontakttechnik GmbH & Co. KG":                   {"wago"},
		"":                                                    nil,
	} {
		if got := Vendors(in); !slices.Equal(got, want) {
			t.Errorf("Vendors(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMatchWhy: every match says why, with the fields and the range.
func TestMatchWhy(t *testing.T) {
	ix := index(t, "2026-11-01", nil)
	ms := ix.MatchOne(Subject{Ref: "asset:plc", Vendor: "Siemens", Model: "S7-1516F-3 PN/DP", Firmware: "V2.8"})
	if len(ms) != 1 {
		t.Fatalf("%+v", ms)
	}
	why := strings.Join(ms[0].Why, "; ")
	for _, s := range []string{`"S7-1516F-3 PN/DP"`, "s7-1500 family", `version "V2.8" is in "< V2.9.2"`} {
		if !strings.Contains(why, s) {
			t.Errorf("why %q lacks %q", why, s)
		}
	}
	if len(ms[0].Remediations) == 0 || !ms[0].FixAvailable || ms[0].CVSS < 9 {
		t.Errorf("%+v", ms[0])
	}
}

func ExampleIndex_Match() {
	r := vers.Parse("< V2.9.2", false)
	a := Advisory{ID: "ICSA-22-286-04", Products: []Product{{ID: "P1", Vendor: "Siemens",
		ProductName: "SIMATIC S7-1500 CPU family", Version: "< V2.9.2", Range: &r}},
		Vulnerabilities: []Vulnerability{{CVE: "CVE-2022-38465", Status: Status{KnownAffected: []string{"P1"}},
			Remediations: []Remediation{{Category: "vendor_fix", Details: "Update to V2.9.2 or later version", FixedVersion: "V2.9.2"}}}}}
	ix := NewIndex([]Source{{Advisory: a}}, nil, "2026-11-01")
	res := ix.Match([]Subject{
		{Ref: "asset:plc-01", Vendor: "Siemens AG", Model: "S7-1516F-3 PN/DP", Firmware: "V2.8.3"},
		{Ref: "asset:plc-02", Vendor: "Siemens AG", Model: "S7-1516F-3 PN/DP"},
	})
	for _, m := range res.Matches {
		fmt.Println(m.Subject.Ref, m.Advisory, m.Status, m.Confidence, m.FixedVersion)
	}
	// Output:
	// asset:plc-01 ICSA-22-286-04 affected family V2.9.2
	// asset:plc-02 ICSA-22-286-04 possible family V2.9.2
}

func TestMergeByRef(t *testing.T) {
	ms := []Match{
		{Subject: Subject{Ref: "asset:plc", Source: "inventory", Record: "r1", Firmware: "V2.9.7"}, Advisory: "A", Status: StatusFixed, Confidence: ConfidenceFamily, Why: []string{"inv"}},
		{Subject: Subject{Ref: "asset:plc", Source: "wire", Record: "f1", Firmware: "V2.8"}, Advisory: "A", Status: StatusAffected, Confidence: ConfidenceExact, Why: []string{"wire"}},
		{Subject: Subject{Ref: "asset:plc", Source: "wire", Record: "f1"}, Advisory: "B", Status: StatusPossible},
	}
	SortMatches(ms)
	got := MergeByRef(ms)
	if len(got) != 2 || got[0].Status != StatusAffected || got[0].Subject.Source != "wire" ||
		got[0].Why[1] != `the inventory record (r1, version "V2.9.7") is fixed` {
		t.Errorf("%+v", got)
	}
}
