//go:build !unix

package advisory

import "time"

// cpuTime is not measured here: the scale test then checks the count only.
func cpuTime() (time.Duration, bool) { return 0, false }
