package engine

import (
	"context"
	"fmt"
	"net"
	"testing"

	"github.com/open-policy-agent/opa/v1/rego"
)

// TestACLMatchersMatchRego holds the engine's reading of ACL addresses and
// ports (aclindex.go) to data.slate.lib.joined's, form by form, including
// the forms the example sites do not use.
func TestACLMatchersMatchRego(t *testing.T) {
	ps, err := LoadPolicies(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	status := []string{"no", "maybe", "yes"}
	eval := func(t *testing.T, query string) string {
		t.Helper()
		rs, err := rego.New(rego.Compiler(ps.compiler), rego.Query(query)).Eval(ctx)
		if err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		if len(rs) == 0 {
			return "undefined"
		}
		return fmt.Sprint(rs[0].Expressions[0].Value)
	}
	for _, tc := range []struct {
		spec, ip string
		wildcard bool
	}{
		{"any", "10.0.0.1", true},
		{"", "10.0.0.1", true},
		{"0.0.0.0 0.0.0.0", "10.0.0.1", true},
		{"10.20.0.0 0.0.0.255", "10.20.0.9", true},
		{"10.20.0.0 0.0.0.255", "10.21.0.9", true},
		{"10.20.0.0 255.255.255.0", "10.20.0.9", false},
		{"10.20.0.0 255.255.255.0", "10.20.1.9", false},
		{"10.20.0.5 0", "10.20.0.5", true},
		{"10.20.0.5 0", "10.20.0.6", true},
		{"10.20.0.0 0.0.0.255", "fd00::1", true},
		{"10.20.0.0/16", "10.20.3.4", true},
		{"10.20.0.0/16", "10.21.3.4", true},
		{"10.20.0.1 10.30.0.0/24", "10.30.0.7", true},
		{"fd00:40::/32", "fd00:40::5", true},
		{"fd00:40::/32", "10.0.0.1", true},
		{"fd00:40::5", "fd00:40::5", true},
		{"10.20.0.7", "10.20.0.7", true},
		{"object-group OT", "10.0.0.1", true},
		{"host 10.0.0.1", "10.0.0.1", true},
		{"10.20.0.0 24", "10.20.0.1", true},
		{"010.0.0.1 0.0.0.255", "10.0.0.1", true},
		{"10.0.0.0  0.0.0.255", "10.0.0.1", true},
	} {
		t.Run("address "+tc.spec+" "+tc.ip, func(t *testing.T) {
			m, ok := compileAddress(tc.spec, tc.wildcard)
			if !ok {
				t.Fatal("not compiled")
			}
			got := status[m.match(tc.ip, net.ParseIP(tc.ip))]
			want := eval(t, fmt.Sprintf("data.slate.lib.joined.address_status(%q, %q, %v)", tc.spec, tc.ip, tc.wildcard))
			if got != want {
				t.Errorf("engine %s, policies %s", got, want)
			}
		})
	}
	for _, tc := range []struct {
		spec string
		port int
	}{
		{"", 502}, {"eq 502", 502}, {"eq 502", 503}, {"eq 80 443", 443}, {"eq www", 80},
		{"neq 502", 502}, {"neq 502", 80}, {"lt 1024", 80}, {"lt 1024", 1024}, {"gt 1023", 1024},
		{"range 5900 5903", 5901}, {"range 5900 5903", 5904}, {"range 5900", 5900}, {"eq foo", 1},
		{"eq", 1}, {"object-group WEB", 80}, {"portgroup P", 80}, {"502", 502}, {"502-503", 503},
		{"ssh", 22}, {"ftp-data", 20}, {"502 foo", 502}, {"502 foo", 80}, {"foo", 80}, {"1-2-3", 2},
	} {
		t.Run(fmt.Sprintf("port %q %d", tc.spec, tc.port), func(t *testing.T) {
			var r aclRule
			if !r.compilePorts(tc.spec) {
				t.Fatal("not compiled")
			}
			got := status[r.portStatus(tc.port)]
			want := eval(t, fmt.Sprintf("data.slate.lib.joined.port_status(%q, %d)", tc.spec, tc.port))
			if got != want {
				t.Errorf("engine %s, policies %s", got, want)
			}
		})
	}
	for _, p := range []string{"", "ip", "TCP", "udp", "tcp-udp", "6", "17", "icmp", "object-group X", "match:esp", "Object"} {
		for _, transport := range []string{"tcp", "udp"} {
			t.Run("protocol "+p+" "+transport, func(t *testing.T) {
				var r aclRule
				r.compileProtocol(p)
				got := status[r.protocolStatus(transport)]
				want := eval(t, fmt.Sprintf("data.slate.lib.joined.protocol_status(%q, %q)", p, transport))
				if got != want {
					t.Errorf("engine %s, policies %s", got, want)
				}
			})
		}
	}
}
