// Command slate assesses an OT/ICS site against IEC 62443-3-3 and the NIST
// SP 800-53r5 baselines of SP 800-53B from the evidence the plant already
// has.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/slate-ot/slate/internal/memlimit"
)

func main() {
	// SIGINT (Ctrl-C) and SIGTERM (a scheduler stopping the job) cancel
	// the run: collection and evaluation stop, and nothing is published.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// A large site's evaluation holds gigabytes live: the collector's
	// headroom above that is bounded (unless GOGC or GOMEMLIMIT is set).
	unlimit := memlimit.Govern()
	code := run(ctx, os.Args[1:])
	unlimit()
	stop()
	os.Exit(code)
}
