package assessment

import (
	"strings"
	"testing"

	"github.com/slate-ot/slate/evidence"
)

func TestParseService(t *testing.T) {
	tests := []struct {
		in, want string
		detail   []string // fragments of the detail, when the service is refused
	}{
		{in: "modbus", want: "modbus"},
		{in: " VNC ", want: "vnc"},
		{in: "https", want: "https"},
		{in: "S7", want: "s7"},
		{in: "TCP/0443", want: "tcp/443"},
		{in: "udp/161-161", want: "udp/161"},
		{in: "tcp/5900-5903", want: "tcp/5900-5903"},
		{in: "modbuss", detail: []string{`"modbuss" is neither transport/port nor a protocol`, `Did you mean "modbus"?`, "vnc"}},
		{in: "vcn", detail: []string{`Did you mean "vnc"?`}},
		{in: "syslog", detail: []string{"not recognised in captured traffic", `"udp/514"`}},
		{in: "sftp", detail: []string{`"ssh" or "tcp/22"`}},
		{in: "icmp/8", detail: []string{`transport "icmp"`}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, detail := parseService(tt.in)
			if got != tt.want {
				t.Errorf("parseService(%q) = %q, want %q (detail %q)", tt.in, got, tt.want, detail)
			}
			if (detail != "") != (len(tt.detail) > 0) {
				t.Fatalf("parseService(%q) detail %q, want fragments %q", tt.in, detail, tt.detail)
			}
			for _, f := range tt.detail {
				if !strings.Contains(detail, f) {
					t.Errorf("detail %q lacks %q", detail, f)
				}
			}
		})
	}
}

// TestServiceNamesAccepted: every protocol name a capture can show, and
// every alias of one, is accepted as a conduit service, and the
// unrecognised names that get a hint are really not on the wire.
func TestServiceNamesAccepted(t *testing.T) {
	for _, name := range evidence.ServiceNames() {
		if got, detail := parseService(name); got != name {
			t.Errorf("parseService(%q) = %q, %q; want it accepted", name, got, detail)
		}
	}
	for name := range unwiredServices {
		for _, known := range evidence.ServiceNames() {
			if name == known {
				t.Errorf("%q has a hint for an unrecognised name but is a wire protocol", name)
			}
		}
	}
}
