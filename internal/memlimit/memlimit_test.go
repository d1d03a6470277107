package memlimit

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestLimit(t *testing.T) {
	for _, tc := range []struct {
		live, want int64
	}{
		{0, Floor},
		{1 << 30, Floor},               // 1.35 GiB and slack: under the floor
		{2000 << 20, 2700<<20 + slack}, // 35 % above what is live
		{4000 << 20, 5400<<20 + slack}, // however large
		{Floor / 2, Floor},             // GOGC's own goal is the floor
		{1460 << 20, Floor},            // 1,971 MiB and slack: just under
		{1480 << 20, 1998<<20 + slack}, // just over
	} {
		if got := Limit(tc.live); got != tc.want {
			t.Errorf("Limit(%d) = %d, want %d", tc.live, got, tc.want)
		}
	}
}

// TestGovern: the limit is set at once and after collections, and stop
// restores the one set before; GOGC or GOMEMLIMIT in the environment
// leave it alone.
func TestGovern(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetMemoryLimit(-1)
	stop := Govern()
	if got := debug.SetMemoryLimit(-1); got < Floor || got == before {
		t.Errorf("limit while governed = %d, want at least %d", got, Floor)
	}
	// Another's limit is replaced after the next collection.
	debug.SetMemoryLimit(1 << 40)
	deadline := time.Now().Add(10 * time.Second)
	for debug.SetMemoryLimit(-1) == 1<<40 && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if got := debug.SetMemoryLimit(-1); got == 1<<40 {
		t.Error("the limit was not updated after a collection")
	}
	stop()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit after stop = %d, want %d", got, before)
	}
	runtime.GC()
	runtime.GC()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit after stop and a collection = %d, want %d", got, before)
	}

	t.Setenv("GOMEMLIMIT", "1GiB")
	stop = Govern()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit with GOMEMLIMIT set = %d, want %d (untouched)", got, before)
	}
	stop()
}
