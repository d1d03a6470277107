//go:build !unix

package publish

import (
	"errors"
	"os"
)

var errLocked = errors.New("locked")

// Without flock there is no lock: one process at a time per output
// directory is the user's care on such a platform.
func tryLock(*os.File) error { return nil }

func unlockFile(*os.File) {}

func isEINVAL(error) bool { return false }

func isBusy(error) bool { return false }
