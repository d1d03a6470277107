package publish_test

import (
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/slate-ot/slate/internal/publish"
)

// version is the content of an output directory written by run n: the
// same names each time but for one that only some runs write, and files
// large enough that writing them takes a while.
func version(n int) map[string][]byte {
	files := map[string][]byte{}
	for i := range 12 {
		files[fmt.Sprintf("f%02d.json", i)] = []byte(strings.Repeat(fmt.Sprintf("run %d file %d\n", n, i), 8<<10))
	}
	files["sub/nested.txt"] = []byte(fmt.Sprintf("run %d\n", n))
	if n%2 == 1 {
		files["odd.md"] = []byte(fmt.Sprintf("run %d\n", n))
	}
	return files
}

// TestMain lets the test binary act as a writer child: with
// SLATE_PUBLISH_CHILD=DIR:N it replaces DIR with version N and exits.
func TestMain(m *testing.M) {
	if arg := os.Getenv("SLATE_PUBLISH_CHILD"); arg != "" {
		i := strings.LastIndex(arg, ":")
		var n int
		fmt.Sscan(arg[i+1:], &n)
		err := publish.ReplaceDir(arg[:i], version(n), nil)
		if be := (*publish.BusyError)(nil); errors.As(err, &be) {
			os.Exit(2)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func child(t *testing.T, dir string, n int) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), fmt.Sprintf("SLATE_PUBLISH_CHILD=%s:%d", dir, n))
	return cmd
}

// whichVersion tells which version dir holds, exactly: -1 when it does
// not exist, or fails the test when it holds a mix or anything else.
func whichVersion(t *testing.T, dir string, candidates ...int) int {
	t.Helper()
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		return -1
	}
	got := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		got[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range candidates {
		if maps.EqualFunc(got, version(n), func(a, b []byte) bool { return string(a) == string(b) }) {
			return n
		}
	}
	names := slices.Sorted(maps.Keys(got))
	t.Fatalf("%s holds neither of versions %v, but a mix: %v", dir, candidates, names)
	return 0
}

// leftovers are the staging directories and the like beside dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	left, err := filepath.Glob(filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".*-*"))
	if err != nil {
		t.Fatal(err)
	}
	return left
}

// TestReplaceDirKilled kills a writer at random points, 100 times: after
// each kill the directory holds the previous run or the new one, whole;
// the next run succeeds and removes what the killed one left.
func TestReplaceDirKilled(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if err := publish.ReplaceDir(dir, version(0), nil); err != nil {
		t.Fatal(err)
	}
	// How long a whole write takes here, start to exit: the kills fall
	// anywhere in it, and a little after.
	start := time.Now()
	if out, err := child(t, dir, 0).CombinedOutput(); err != nil {
		t.Fatalf("writer: %v\n%s", err, out)
	}
	span := time.Since(start) * 6 / 5
	r := rand.New(rand.NewPCG(1, 2))
	current, killedMidway := 0, 0
	for try := 1; try <= 100; try++ {
		cmd := child(t, dir, try)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(r.Int64N(int64(span))))
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		switch v := whichVersion(t, dir, current, try); v {
		case try:
			current = v
		case current:
			killedMidway++
		}
		// The next run completes, and nothing is left beside it.
		current = try + 1000
		if err := publish.ReplaceDir(dir, version(current), nil); err != nil {
			t.Fatalf("try %d: the run after a kill: %v", try, err)
		}
		whichVersion(t, dir, current)
		if left := leftovers(t, dir); len(left) > 0 {
			t.Fatalf("try %d: left beside the directory: %v", try, left)
		}
	}
	t.Logf("%d of 100 writers were killed before publishing", killedMidway)
}

// TestReplaceDirConcurrent runs two writers into one directory at once,
// 100 times: one may be refused as busy, and the directory ends holding
// one of the two versions whole.
func TestReplaceDirConcurrent(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	busy := 0
	for try := range 100 {
		a, b := 2*try+1, 2*try+2
		ca, cb := child(t, dir, a), child(t, dir, b)
		if err := ca.Start(); err != nil {
			t.Fatal(err)
		}
		if err := cb.Start(); err != nil {
			t.Fatal(err)
		}
		ea, eb := ca.Wait(), cb.Wait()
		for _, err := range []error{ea, eb} {
			var ee *exec.ExitError
			switch {
			case err == nil:
			case errors.As(err, &ee) && ee.ExitCode() == 2:
				busy++
			default:
				t.Fatalf("try %d: writer failed: %v", try, err)
			}
		}
		if ea != nil && eb != nil {
			t.Fatalf("try %d: both writers refused", try)
		}
		whichVersion(t, dir, a, b)
		if left := leftovers(t, dir); len(left) > 0 {
			t.Fatalf("try %d: left beside the directory: %v", try, left)
		}
	}
	t.Logf("%d of 200 writers found the directory busy", busy)
}

// TestReplaceDirKeeps: kept files are carried into the new content, and
// names neither written nor kept are gone.
func TestReplaceDirKeeps(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if err := publish.ReplaceDir(dir, map[string][]byte{"a": []byte("1"), "b": []byte("2"), "c": []byte("3")}, nil); err != nil {
		t.Fatal(err)
	}
	if err := publish.ReplaceDir(dir, map[string][]byte{"a.sig": []byte("s")}, []string{"a", "b"}); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"a": "1", "b": "2", "a.sig": "s"} {
		if got, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "c")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("c is still there: %v", err)
	}
	// A file where the directory should be is refused, and left alone.
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := publish.ReplaceDir(file, map[string][]byte{"a": nil}, nil); err == nil || !strings.Contains(err.Error(), "is a file") {
		t.Errorf("ReplaceDir on a file: %v", err)
	}
}
