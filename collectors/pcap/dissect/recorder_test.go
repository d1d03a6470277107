package dissect

import (
	"encoding/json"
	"strings"
	"testing"

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
	r.Credential("ftp_login", "ops", []byte("hunter2"), false)
	r.Credential("ftp_login", "ops", []byte("hunter2"), false)
	r.Malformed()
	f := r.Facts()
	want := []Op{{ClassRead, "read_coils", 1, 3}, {ClassWrite, "write_single_coil", 5, 1}}
	if diff := cmp.Diff(want, f.Ops); diff != "" {
		t.Errorf("ops (-want +got):\n%s", diff)
	}
	if got := f.Attrs["security_mode"]; got != "None|SignAndEncrypt" {
		t.Errorf("security_mode = %q", got)
	}
	if len(f.Credentials) != 1 || f.Malformed != 1 {
		t.Errorf("credentials %v, malformed %d", f.Credentials, f.Malformed)
	}
	raw, _ := json.Marshal(f)
	if strings.Contains(string(raw), "hunter2") {
		t.Errorf("secret in facts: %s", raw)
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
