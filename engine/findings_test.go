package engine

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
)

// TestMergeFindings holds the merging of findings that say the same thing
// to the order and grouping of their zone, subject and message joined by
// NUL bytes, also when a field holds a NUL itself.
func TestMergeFindings(t *testing.T) {
	ref := func(rec string) []evidence.Ref { return []evidence.Ref{{Document: "d", Record: rec}} }
	tests := []struct {
		name string
		in   []scorecard.Finding
		want []scorecard.Finding
	}{
		{"sorted by zone, subject, message", []scorecard.Finding{
			{Zone: "b", Subject: "s", Message: "m", Evidence: ref("1")},
			{Zone: "a", Subject: "t", Message: "m", Evidence: ref("2")},
			{Zone: "a", Subject: "s", Message: "n", Evidence: ref("3")},
		}, []scorecard.Finding{
			{Zone: "a", Subject: "s", Message: "n", Evidence: ref("3")},
			{Zone: "a", Subject: "t", Message: "m", Evidence: ref("2")},
			{Zone: "b", Subject: "s", Message: "m", Evidence: ref("1")},
		}},
		{"the same fact merged", []scorecard.Finding{
			{Zone: "a", Subject: "s", Message: "m", Severity: "low", Evidence: ref("2")},
			{Zone: "a", Subject: "s", Message: "m", Severity: "high", Evidence: ref("1")},
		}, []scorecard.Finding{
			{Zone: "a", Subject: "s", Message: "m", Severity: "high", Evidence: append(ref("1"), ref("2")...)},
		}},
		{"site-wide before zones, a prefix first", []scorecard.Finding{
			{Zone: "a", Subject: "ss", Message: "m"},
			{Zone: "", Subject: "s", Message: "m"},
			{Zone: "a", Subject: "s", Message: "m"},
		}, []scorecard.Finding{
			{Zone: "", Subject: "s", Message: "m"},
			{Zone: "a", Subject: "s", Message: "m"},
			{Zone: "a", Subject: "ss", Message: "m"},
		}},
		{"NUL in a field: ordered and merged by the joined key", []scorecard.Finding{
			{Zone: "a", Subject: "s\x00b", Message: "m", Evidence: ref("1")},
			{Zone: "a", Subject: "s", Message: "\x00b", Evidence: ref("2")},
			{Zone: "a", Subject: "s", Message: "a", Evidence: ref("3")},
			{Zone: "a", Subject: "s\x00", Message: "b", Evidence: ref("4")},
		}, []scorecard.Finding{
			{Zone: "a", Subject: "s", Message: "\x00b", Evidence: append(ref("2"), ref("4")...)},
			{Zone: "a", Subject: "s", Message: "a", Evidence: ref("3")},
			{Zone: "a", Subject: "s\x00b", Message: "m", Evidence: ref("1")},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, mergeFindings(tt.in)); diff != "" {
				t.Errorf("mergeFindings (-want +got):\n%s", diff)
			}
		})
	}
}
