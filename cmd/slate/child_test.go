package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// maxRSS is the most memory a run on a hostile workbook may take.
const maxRSS = 512 << 20

// child runs this test binary as slate (testscript.Main dispatches on the
// program name) and returns its exit code, stderr and peak memory.
func child(t *testing.T, args ...string) (code int, stderr string, rss int64, took time.Duration) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Args[0] = "slate"
	var errBuf bytes.Buffer
	cmd.Stderr = &errBuf
	start := time.Now()
	err = cmd.Run()
	took = time.Since(start)
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("run slate: %v", err)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Skip("no resource usage on this system")
	}
	return cmd.ProcessState.ExitCode(), errBuf.String(), ru.Maxrss * 1024, took
}

// diskUse is the disk the files under root take, holes not counted.
func diskUse(t *testing.T, root string) int64 {
	t.Helper()
	var used int64
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if st, ok := info.Sys().(*syscall.Stat_t); ok {
			used += st.Blocks * 512
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return used
}
