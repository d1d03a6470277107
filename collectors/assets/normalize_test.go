package assets

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseIPs(t *testing.T) {
	tests := []struct {
		in      string
		want    []string
		wantBad []string
	}{
		{in: "10.0.0.1", want: []string{"10.0.0.1"}},
		{in: " 10.0.0.1/24 ", want: []string{"10.0.0.1"}},
		{in: "10.0.0.1, 10.0.0.2;10.0.0.3 10.0.0.4", want: []string{"10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"}},
		{in: "10.0.0.1,10.0.0.1/32", want: []string{"10.0.0.1"}},
		{in: "::ffff:192.168.1.5", want: []string{"192.168.1.5"}},
		{in: "::ffff:192.168.1.5/120", want: []string{"192.168.1.5"}},
		{in: "2001:DB8::1/64", want: []string{"2001:db8::1"}},
		{in: "fe80::1%eth0", want: []string{"fe80::1%eth0"}},
		{in: "10.0.0.300", wantBad: []string{"10.0.0.300"}},
		{in: "010.0.0.1", wantBad: []string{"010.0.0.1"}},
		{in: "10.0.0.1/33", wantBad: []string{"10.0.0.1/33"}},
		{in: "10.0.0.1 (mgmt)", want: []string{"10.0.0.1"}, wantBad: []string{"(mgmt)"}},
		{in: "plc-01.local", wantBad: []string{"plc-01.local"}},
		{in: "", want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			addrs, bad := parseIPs(tt.in)
			var got []string
			for _, a := range addrs {
				got = append(got, a.String())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("addresses (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantBad, bad); diff != "" {
				t.Errorf("bad parts (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseMAC(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"00:1D:9C:C8:03:E1", "00:1d:9c:c8:03:e1"},
		{"00-1d-9c-c8-03-e1", "00:1d:9c:c8:03:e1"},
		{"001d.9cc8.03e1", "00:1d:9c:c8:03:e1"},
		{"001D-9CC8-03E1", "00:1d:9c:c8:03:e1"},
		{"001d9cc803e1", "00:1d:9c:c8:03:e1"},
		{"00 1d 9c c8 03 e1", "00:1d:9c:c8:03:e1"},
		{" 00:1d:9c:c8:03:e1 ", "00:1d:9c:c8:03:e1"},
		{"00:1d:9c:c8:03", ""},
		{"00:1d:9c:c8:03:zz", ""},
		{"00:1d-9c:c8:03:e1", ""},
		{"0:1d:9c:c8:3:e1", ""},
		{"001d9cc803e1ff", ""},
		{"00:1d:9c:c8:03:e1:00:01", ""},
		{"001d.9cc8-03e1", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseMAC(tt.in)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("parseMAC(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"2024-03-01", "2024-03-01"},
		{"2024-3-1", "2024-03-01"},
		{"2024/03/01", "2024-03-01"},
		{"2024.03.01", "2024-03-01"},
		{"01.03.2024", "2024-03-01"},
		{"1.3.2024", "2024-03-01"},
		{"2024-03-01T23:30:00Z", "2024-03-01"},
		{"2024-03-01T23:30:00+05:00", "2024-03-01"},
		{"2024-03-01T23:30:00.123Z", "2024-03-01"},
		{"2024-03-01T23:30:00", "2024-03-01"},
		{"2024-03-01 23:30:00", "2024-03-01"},
		{"2024-03-01 23:30", "2024-03-01"},
		{"1 Mar 2024", "2024-03-01"},
		{"01-Mar-2024", "2024-03-01"},
		{"March 1, 2024", "2024-03-01"},
		{"Dec 31, 2029", "2029-12-31"},
		// Ambiguous or not dates: refused.
		{"03/01/2024", ""},
		{"27/10/2028", ""},
		{"10/27/28", ""},
		{"01.03.24", ""},
		{"2024-13-01", ""},
		{"2023-02-29", ""},
		{"45352", ""},
		{"soon", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseDate(tt.in)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("parseDate(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
			}
		})
	}
}

func TestParseExcelDate(t *testing.T) {
	tests := []struct {
		raw      string
		date1904 bool
		want     string
	}{
		{"45352", false, "2024-03-01"},
		{"45352.75", false, "2024-03-01"},
		{"43890", false, "2020-02-29"},
		{"1", false, "1900-01-01"},
		{"59", false, "1900-02-28"},
		{"60", false, ""},
		{"61", false, "1900-03-01"},
		{"43890", true, "2024-03-01"},
		{"0", false, ""},
		{"-5", false, ""},
		{"2958466", false, ""},
		{"NaN", false, ""},
		{"1e308", false, ""},
		{"2024-03-01", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			got, ok := parseExcelDate(tt.raw, tt.date1904)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("parseExcelDate(%q, %v) = %q, %v; want %q", tt.raw, tt.date1904, got, ok, tt.want)
			}
		})
	}
}
