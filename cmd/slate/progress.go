package main

import (
	"os"
	"sync"

	"github.com/spf13/cobra"

	"github.com/slate-ot/slate/collectors"
	"github.com/slate-ot/slate/evidence"
)

// collectorsFor returns the collector registry for a command: with
// progress bars on stderr for the collectors that report progress when
// stderr is a terminal and --quiet is not set, plain otherwise (CI logs
// stay clean).
func collectorsFor(cmd *cobra.Command) collectors.Registry {
	quiet, _ := cmd.Flags().GetBool("quiet")
	f, ok := cmd.ErrOrStderr().(*os.File)
	if quiet || !ok || !isTerminal(f) {
		return collectors.Default
	}
	var mu sync.Mutex // one terminal line at a time
	return collectors.Registry{Progress: func(src evidence.Source) (func(read, total int64), func()) {
		bar := &ProgressBar{W: f, Label: src.Name}
		update := func(read, total int64) {
			mu.Lock()
			bar.Update(read, total)
			mu.Unlock()
		}
		done := func() {
			mu.Lock()
			bar.Done()
			mu.Unlock()
		}
		return update, done
	}}
}

func isTerminal(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
