package scorecard

import (
	"fmt"
	"time"

	"github.com/slate-ot/slate/evidence"
)

// observation copies the observation window of document d (a capture's
// first and last packet) into ev, its summary, with its length written as
// the policies write it in their notes.
func observation(ev *Evidence, d evidence.Document) {
	p := d.Provenance
	if p.ObservedFrom == "" || p.ObservedTo == "" {
		return
	}
	ev.ObservedFrom, ev.ObservedTo = p.ObservedFrom, p.ObservedTo
	from, err1 := time.Parse(time.RFC3339Nano, p.ObservedFrom)
	to, err2 := time.Parse(time.RFC3339Nano, p.ObservedTo)
	if err1 == nil && err2 == nil && !to.Before(from) {
		ev.Window = Duration(to.Sub(from))
	}
}

// Duration writes d for people in two units at most, the smaller one left
// out when it is 0: "125ms", "40s", "1m30s", "1h30m", "30h", "3d1h"
// (milliseconds rounded, the other units cut down). It is the
// duration of policies/lib/network.rego, which writes the notes on
// capture windows.
func Duration(d time.Duration) string {
	two := func(n, per int64, big, small string) string {
		if n%per == 0 {
			return fmt.Sprintf("%d%s", n/per, big)
		}
		return fmt.Sprintf("%d%s%d%s", n/per, big, n%per, small)
	}
	switch {
	case d < time.Second:
		return fmt.Sprintf("%dms", d.Round(time.Millisecond).Milliseconds())
	case d < time.Minute:
		return fmt.Sprintf("%ds", int64(d/time.Second))
	case d < time.Hour:
		return two(int64(d/time.Second), 60, "m", "s")
	case d < 48*time.Hour:
		return two(int64(d/time.Minute), 60, "h", "m")
	default:
		return two(int64(d/time.Hour), 24, "d", "h")
	}
}
