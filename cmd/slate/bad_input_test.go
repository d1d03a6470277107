package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/internal/badinput"
)

// TestBadInput runs slate as a child process on every case of the
// bad-input suite (internal/badinput, listed in docs/bad-input.md): each
// ends with its documented exit code and a message naming the file and the
// place in it, leaves no output, and stays under 512 MiB of memory and a
// few seconds.
func TestBadInput(t *testing.T) {
	if testing.Short() {
		t.Skip("runs slate as a child process")
	}
	if badinput.Usage != ExitUsage || badinput.Evidence != ExitEvidence {
		t.Fatalf("the suite's exit codes %d and %d are not slate's %d and %d",
			badinput.Usage, badinput.Evidence, ExitUsage, ExitEvidence)
	}
	for _, tc := range badinput.Cases() {
		t.Run(tc.Name, func(t *testing.T) {
			t.Parallel()
			root := t.TempDir()
			if _, err := tc.Write(root); err != nil {
				t.Fatal(err)
			}
			if used := diskUse(t, root); used > 4<<20 {
				t.Fatalf("the case takes %d bytes of disk", used)
			}
			for i, args := range tc.Commands {
				out := filepath.Join(root, "out"+string(rune('0'+i)))
				expanded := make([]string, len(args))
				for j, a := range args {
					expanded[j] = badinput.Expand(a, root, out)
				}
				code, stderr, rss, took := child(t, expanded...)
				if tc.Incomplete {
					if code != ExitOK && code != ExitFindings {
						t.Errorf("slate %s: exit %d, want %d or %d\n%s", args[0], code, ExitOK, ExitFindings, stderr)
					}
					if !incomplete(t, filepath.Join(out, "bundle.json")) {
						t.Errorf("slate %s: bundle.json does not mark the document incomplete", args[0])
					}
				} else if code != tc.Exit {
					t.Errorf("slate %s: exit %d, want %d\n%s", args[0], code, tc.Exit, stderr)
				}
				for _, w := range tc.Want {
					if !strings.Contains(stderr, w) {
						t.Errorf("slate %s: stderr does not say %q:\n%s", args[0], w, stderr)
					}
				}
				if rss > maxRSS {
					t.Errorf("slate %s: peak memory %d MiB, more than %d MiB", args[0], rss>>20, maxRSS>>20)
				}
				if took > 30*time.Second {
					t.Errorf("slate %s took %v", args[0], took)
				}
				for _, o := range tc.Outputs {
					p := badinput.Expand(o, root, out)
					if _, err := os.Lstat(p); !errors.Is(err, os.ErrNotExist) {
						t.Errorf("slate %s left %s", args[0], p)
					}
				}
				t.Logf("slate %s: exit %d, %d MiB, %v", args[0], code, rss>>20, took.Round(time.Millisecond))
			}
		})
	}
}

// incomplete reports whether the one document of the bundle at path is
// marked incomplete.
func incomplete(t *testing.T, path string) bool {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Error(err)
		return false
	}
	var b evidence.Bundle
	if err := json.Unmarshal(raw, &b); err != nil {
		t.Error(err)
		return false
	}
	if len(b.Documents) != 1 {
		t.Errorf("%s holds %d documents, want 1", path, len(b.Documents))
		return false
	}
	return b.Documents[0].Provenance.Incomplete
}
