package cputime_test

import (
	"runtime"
	"testing"

	"github.com/slate-ot/slate/internal/cputime"
)

// TestProcessGrows spins until the process has used measurably more CPU
// time: a reading that never moves (or moves backwards) fails.
func TestProcessGrows(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("CPU time is not read on " + runtime.GOOS)
	}
	start := cputime.Process()
	if start <= 0 {
		t.Fatalf("Process() = %v at start, want > 0", start)
	}
	x := 0
	for i := 0; cputime.Process()-start < 5e6; i++ { // 5 ms
		x += i
		if i > 1e10 {
			t.Fatalf("CPU time stayed at %v", cputime.Process())
		}
	}
	_ = x
	if now := cputime.Process(); now < start {
		t.Fatalf("Process() went back from %v to %v", start, now)
	}
}
