package dissect

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestRecorder(t *testing.T) {
	r := NewRecorder([]byte("salt"))
	r.Op(ClassRead, "read_coils", 1)
	r.Op(ClassRead, "read_coils", 1)
	r.Op(ClassWrite, "write_single_coil", 5)
	r.Op(ClassRead, "read_coils", 1)
	r.Attr("security_mode", "None")
	r.Attr("security_mode", "SignAndEncrypt")
	r.Attr("security_mode", "None")
	r.AttrBytes("security_mode", []byte("SignAndEncrypt"))
	r.AttrBytes("security_mode", []byte("Sign"))
	r.Credential("ftp_login", "ops", []byte("hunter2"), false)
	r.Credential("ftp_login", "ops", []byte("hunter2"), false)
	r.Malformed()
	f := r.Facts()
	want := []Op{{Class: ClassRead, Name: "read_coils", Code: 1, Count: 3}, {Class: ClassWrite, Name: "write_single_coil", Code: 5, Count: 1}}
	if diff := cmp.Diff(want, f.Ops); diff != "" {
		t.Errorf("ops (-want +got):\n%s", diff)
	}
	if got := f.Attrs["security_mode"]; got != "None|Sign|SignAndEncrypt" {
		t.Errorf("security_mode = %q", got)
	}
	if len(f.Credentials) != 1 || f.Malformed != 1 {
		t.Errorf("credentials %v, malformed %d", f.Credentials, f.Malformed)
	}
	raw, _ := json.Marshal(f)
	if strings.Contains(string(raw), "hunter2") {
		t.Errorf("secret in facts: %s", raw)
	}
	// Take gives the same facts, once.
	r.Credential("ftp_login", "admin", []byte("x"), true)
	r.Event("restart", "cold start")
	want2 := r.Facts()
	if diff := cmp.Diff(want2, r.Take()); diff != "" {
		t.Errorf("Take differs from Facts (-Facts +Take):\n%s", diff)
	}
	if diff := cmp.Diff(Facts{}, r.Take()); diff != "" {
		t.Errorf("a second Take (-want +got):\n%s", diff)
	}
}

// TestRecorderTimes: once the reader gives times, the operations that
// change a device carry the first and last time they were seen, events
// the time they were seen; reads carry none.
func TestRecorderTimes(t *testing.T) {
	r := NewRecorder(nil)
	at := func(s string) int64 {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm.UnixNano()
	}
	r.SetTime(at("2026-10-28T08:00:02Z"))
	r.Op(ClassWrite, "write_var", 5)
	r.Op(ClassRead, "read_var", 4)
	r.SetTime(at("2026-10-28T08:00:01Z"))
	r.Op(ClassWrite, "write_var", 5)
	r.SetTime(at("2026-10-28T08:00:03Z"))
	r.Op(ClassWrite, "write_var", 5)
	r.Op(ClassControl, "plc_stop", 0x29)
	r.Event("s7_plc_stop", "PLC stop requested")
	f := r.Facts()
	want := []Op{
		{Class: ClassControl, Name: "plc_stop", Code: 0x29, Count: 1,
			FirstSeen: "2026-10-28T08:00:03.000000000Z", LastSeen: "2026-10-28T08:00:03.000000000Z"},
		{Class: ClassRead, Name: "read_var", Code: 4, Count: 1},
		{Class: ClassWrite, Name: "write_var", Code: 5, Count: 3,
			FirstSeen: "2026-10-28T08:00:01.000000000Z", LastSeen: "2026-10-28T08:00:03.000000000Z"},
	}
	if diff := cmp.Diff(want, f.Ops); diff != "" {
		t.Errorf("ops (-want +got):\n%s", diff)
	}
	if len(f.Events) != 1 || f.Events[0].Time != "2026-10-28T08:00:03.000000000Z" {
		t.Errorf("events %v", f.Events)
	}
	// Without times, nothing is stamped.
	r = NewRecorder(nil)
	r.Op(ClassWrite, "write_var", 5)
	r.Event("e", "m")
	if f := r.Facts(); f.Ops[0].FirstSeen != "" || f.Events[0].Time != "" {
		t.Errorf("untimed recorder stamped %v", f)
	}
}

func TestRecorderBounds(t *testing.T) {
	r := NewRecorder(nil)
	for i := range MaxOps + 10 {
		r.Op(ClassRead, "op", i)
	}
	for i := range MaxEvents + 3 {
		r.Event("e", string(rune('a'+i)))
	}
	f := r.Facts()
	if len(f.Ops) != MaxOps || len(f.Events) != MaxEvents || f.Dropped != 13 {
		t.Errorf("ops %d events %d dropped %d", len(f.Ops), len(f.Events), f.Dropped)
	}
}

// TestRecorderLookup records operations in an order that revisits earlier
// ones, with few distinct operations (looked up in order) and with many
// (indexed by a map once past smallOps), and checks every count.
func TestRecorderLookup(t *testing.T) {
	for _, distinct := range []int{3, smallOps, smallOps + 1, MaxOps} {
		r := NewRecorder(nil)
		want := map[Op]int{}
		for i := range 2000 {
			j := (i * 7) % distinct
			class, name := ClassRead, "read"
			if j%2 == 1 {
				class, name = ClassWrite, "write"
			}
			// Strings equal in value but not in memory must count as one.
			name = string([]byte(name))
			r.Op(class, name, j/2)
			if i%5 == 0 {
				r.Op(class, name, j/2) // the same again
				want[Op{Class: class, Name: name, Code: j / 2}]++
			}
			want[Op{Class: class, Name: name, Code: j / 2}]++
		}
		f := r.Facts()
		if len(f.Ops) != len(want) || f.Dropped != 0 {
			t.Fatalf("%d distinct: %d ops, want %d; dropped %d", distinct, len(f.Ops), len(want), f.Dropped)
		}
		for _, op := range f.Ops {
			n := op.Count
			op.Count = 0
			if want[op] != n {
				t.Errorf("%d distinct: %+v counted %d, want %d", distinct, op, n, want[op])
			}
		}
	}
}
