package oui

import "testing"

func TestVendor(t *testing.T) {
	if Len() < 10000 {
		t.Fatalf("table has %d prefixes", Len())
	}
	for _, tc := range []struct {
		mac  [6]byte
		want bool
	}{
		{[6]byte{0x00, 0x1b, 0x1b, 1, 2, 3}, true},  // Siemens
		{[6]byte{0x00, 0x00, 0xbc, 1, 2, 3}, true},  // Rockwell
		{[6]byte{0x01, 0x0c, 0xcd, 1, 0, 1}, false}, // multicast
		{[6]byte{0x02, 0, 0, 0, 0, 1}, false},       // local
	} {
		if got := Vendor(tc.mac); (got != "") != tc.want {
			t.Errorf("Vendor(%x) = %q", tc.mac, got)
		}
	}
	if got := Vendor([6]byte{0x00, 0x1b, 0x1b}); got != "Siemens" {
		t.Errorf("Vendor(00:1b:1b) = %q, want Siemens", got)
	}
}
