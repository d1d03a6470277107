package traffic

import (
	"bytes"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/slate-ot/slate/evidence"
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

// cloneFacts copies f deeply enough that merging into the copy leaves f
// as it was.
func cloneFacts(f *Facts) *Facts {
	c := *f
	c.Ops, c.Events, c.Credentials = slices.Clone(f.Ops), slices.Clone(f.Events), slices.Clone(f.Credentials)
	c.Attrs = maps.Clone(f.Attrs)
	return &c
}

// TestMergeFactsInto holds MergeFactsInto to MergeFacts on generated
// facts (every field filled, see fill) that share operations, attribute
// keys and credentials, and checks that b is left as it was.
func TestMergeFactsInto(t *testing.T) {
	s := &source{rnd: rand.New(rand.NewPCG(5, 6))}
	gen := func() *Facts {
		var f Facts
		fill(reflect.ValueOf(&f).Elem(), s, 0)
		for i := range f.Ops {
			f.Ops[i].Code = s.next(3)
		}
		for k, v := range f.Attrs {
			if s.next(2) == 0 {
				f.Attrs[k] = v + "|" + strs[s.next(len(strs))]
			}
		}
		SortOps(f.Ops)
		return &f
	}
	for range 5000 {
		a, b := gen(), gen()
		if len(a.Ops) > 0 && s.next(2) == 0 {
			b.Ops = append(b.Ops, a.Ops[0])
		}
		if len(a.Credentials) > 0 && s.next(2) == 0 {
			b.Credentials = append(b.Credentials, a.Credentials[0])
		}
		bWas, _ := evidence.Canonical(b)
		want, err := evidence.Canonical(MergeFacts(cloneFacts(a), b))
		if err != nil {
			t.Fatal(err)
		}
		dst := cloneFacts(a)
		MergeFactsInto(dst, b)
		got, err := evidence.Canonical(dst)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("MergeFactsInto:\n%s\nwant MergeFacts:\n%s", got, want)
		}
		if bNow, _ := evidence.Canonical(b); !bytes.Equal(bNow, bWas) {
			t.Fatalf("MergeFactsInto changed b:\n%s\nwas:\n%s", bNow, bWas)
		}
	}
	dst := &Facts{Dropped: 1}
	MergeFactsInto(dst, nil)
	if dst.Dropped != 1 || dst.Ops != nil {
		t.Errorf("MergeFactsInto(dst, nil) changed dst: %+v", dst)
	}
}
