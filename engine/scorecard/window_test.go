package scorecard

import (
	"testing"
	"time"
)

// TestDuration: the windows are written as policies/lib/network.rego
// writes them in its notes (its tests in checks/joined/inventory_drift).
func TestDuration(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0ms"},
		{124500 * time.Microsecond, "125ms"},
		{40 * time.Second, "40s"},
		{20 * time.Minute, "20m"},
		{20*time.Minute + 5*time.Second, "20m5s"},
		{90 * time.Minute, "1h30m"},
		{12 * time.Hour, "12h"},
		{25 * time.Hour, "25h"},
		{73 * time.Hour, "3d1h"},
		{7 * 24 * time.Hour, "7d"},
	} {
		if got := Duration(tc.d); got != tc.want {
			t.Errorf("Duration(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}
