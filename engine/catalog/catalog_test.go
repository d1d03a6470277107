package catalog

import (
	"slices"
	"strings"
	"testing"
)

func TestCatalogCounts(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	count := func(pred func(Requirement) bool) int {
		n := 0
		for _, r := range c.IEC {
			if pred(r) {
				n++
			}
		}
		return n
	}
	for _, tc := range []struct {
		name      string
		got, want int
	}{
		{"IEC SRs", count(func(r Requirement) bool { return r.Kind == "SR" }), 51},
		{"IEC REs", count(func(r Requirement) bool { return r.Kind == "RE" }), 49},
		{"selected at SL1", count(func(r Requirement) bool { return r.MinSL == 1 }), 37},
		{"first selected at SL2", count(func(r Requirement) bool { return r.MinSL == 2 }), 23},
		{"first selected at SL3", count(func(r Requirement) bool { return r.MinSL == 3 }), 30},
		{"first selected at SL4", count(func(r Requirement) bool { return r.MinSL == 4 }), 10},
		{"FRs", len(c.FRs), 7},
		{"NIST low", len(c.Baseline("low")), 149},
		{"NIST moderate", len(c.Baseline("moderate")), 287},
		{"NIST high", len(c.Baseline("high")), 370},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, tc.got, tc.want)
		}
	}
	for _, r := range c.IEC {
		if r.Kind == "RE" && !c.Known(IEC+":"+r.BaseSR) {
			t.Errorf("%s enhances unknown %q", r.ID, r.BaseSR)
		}
		if len(r.SL) == 0 || r.SL[0] != r.MinSL || r.SL[len(r.SL)-1] != 4 {
			t.Errorf("%s: SL %v, min %d: once selected, a requirement stays selected up to SL4", r.ID, r.SL, r.MinSL)
		}
	}
}

func TestQualifyAndKnown(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		in, key string
		known   bool
	}{
		{"SR 7.8", "iec62443-3-3:SR 7.8", true},
		{"SR 1.1 RE 2", "iec62443-3-3:SR 1.1 RE 2", true},
		{"CM-8", "nist-800-53r5:CM-8", true},
		{"AC-2(4)", "nist-800-53r5:AC-2(4)", true},
		{"iec62443-3-3:SR 5.1", "iec62443-3-3:SR 5.1", true},
		{"SR 9.9", "iec62443-3-3:SR 9.9", false},
		{"ZZ-1", "nist-800-53r5:ZZ-1", false},
	} {
		if got := Qualify(tc.in); got != tc.key {
			t.Errorf("Qualify(%q) = %q, want %q", tc.in, got, tc.key)
		}
		if got := c.Known(tc.key); got != tc.known {
			t.Errorf("Known(%q) = %v, want %v", tc.key, got, tc.known)
		}
	}
	keys := []string{"nist-800-53r5:CM-8", "zz:unknown", "iec62443-3-3:SR 7.8", "iec62443-3-3:SR 1.1", "nist-800-53r5:AC-2"}
	c.SortKeys(keys)
	want := []string{"iec62443-3-3:SR 1.1", "iec62443-3-3:SR 7.8", "nist-800-53r5:AC-2", "nist-800-53r5:CM-8", "zz:unknown"}
	if !slices.Equal(keys, want) {
		t.Errorf("SortKeys = %v, want %v", keys, want)
	}
	if got := c.NISTFor("SR 7.8"); !slices.Contains(got, "CM-8") {
		t.Errorf("NISTFor(SR 7.8) = %v, want CM-8 among them", got)
	}
}

func TestRollUp(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		iec  string
		want []string
	}{
		{"SR 7.8", []string{"nist-800-53r5:CM-8"}},
		{"SR 5.1", []string{"nist-800-53r5:AC-4", "nist-800-53r5:SC-7"}},
		{"SR 4.1", []string{"nist-800-53r5:SC-8"}}, // SC-28 is left out
		{"SR 9.9", []string{}},
	} {
		if got := c.RollUp(tc.iec); !slices.Equal(got, tc.want) {
			t.Errorf("RollUp(%q) = %v, want %v", tc.iec, got, tc.want)
		}
	}
	// Every excluded row exists as a curated row: a stale exclusion would
	// hide nothing and mislead the reader of docs/mapping.md.
	for row := range NotRolledUp() {
		iec, nist, _ := strings.Cut(row, " > ")
		if !slices.Contains(c.NISTFor(iec), nist) {
			t.Errorf("excluded row %q is not in the mapping", row)
		}
	}
}
