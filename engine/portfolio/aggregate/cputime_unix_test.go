//go:build unix

package aggregate_test

import (
	"syscall"
	"time"
)

// cpuTime is the processor time (user and system) the process has used
// so far: on a machine shared with other work, the benchmark reports it
// beside the wall time, which depends on what else runs.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
