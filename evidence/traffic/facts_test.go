package traffic

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestMergeFactsTimes: one flow read from two files keeps the earliest
// first time and the latest last time of each operation, and a time seen
// in one file only.
func TestMergeFactsTimes(t *testing.T) {
	a := &Facts{Ops: []Op{
		{Class: "write", Name: "write_var", Code: 5, Count: 1, FirstSeen: "2026-10-28T08:00:02.000000000Z", LastSeen: "2026-10-28T08:00:02.000000000Z"},
		{Class: "read", Name: "read_var", Code: 4, Count: 2},
	}}
	b := &Facts{Ops: []Op{
		{Class: "write", Name: "write_var", Code: 5, Count: 2, FirstSeen: "2026-10-28T08:00:01.000000000Z", LastSeen: "2026-10-28T08:00:03.000000000Z"},
		{Class: "control", Name: "plc_stop", Code: 41, Count: 1, FirstSeen: "2026-10-28T09:00:00.000000000Z", LastSeen: "2026-10-28T09:00:00.000000000Z"},
		{Class: "read", Name: "read_var", Code: 4, Count: 1},
	}}
	want := []Op{
		{Class: "control", Name: "plc_stop", Code: 41, Count: 1, FirstSeen: "2026-10-28T09:00:00.000000000Z", LastSeen: "2026-10-28T09:00:00.000000000Z"},
		{Class: "read", Name: "read_var", Code: 4, Count: 3},
		{Class: "write", Name: "write_var", Code: 5, Count: 3, FirstSeen: "2026-10-28T08:00:01.000000000Z", LastSeen: "2026-10-28T08:00:03.000000000Z"},
	}
	if diff := cmp.Diff(want, MergeFacts(a, b).Ops); diff != "" {
		t.Errorf("merged ops (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, MergeFacts(b, a).Ops); diff != "" {
		t.Errorf("merged ops, files the other way (-want +got):\n%s", diff)
	}
}
