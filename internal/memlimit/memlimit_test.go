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
		{0, Least + slack},                     // GOGC's own goal is lower
		{Least, 2*Least + slack},               // GOGC's own goal, twice what is live
		{1500 << 20, 2524<<20 + slack},         // 1 GiB above what is live
		{2000 << 20, 3024<<20 + slack},         // 1 GiB is more than 35 %
		{3000 << 20, 4050<<20 + slack},         // 35 % is more than 1 GiB
		{4000 << 20, 5400<<20 + slack},         // however large
		{2925 << 20, 2925<<20 + Least + slack}, // 35 % is 1,023.75 MiB: just under
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
	if got := debug.SetMemoryLimit(-1); got < Least || got == before {
		t.Errorf("limit while governed = %d, want at least %d", got, Least)
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
