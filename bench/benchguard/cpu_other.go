//go:build !unix

package main

import "time"

var start = time.Now()

// cpuTime is the time since the start: without getrusage the reference
// workload is timed by the clock.
func cpuTime() time.Duration { return time.Since(start) }
