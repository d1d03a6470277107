package publish_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slate-ot/slate/internal/publish"
)

// TestStage: files written into a Stage as they are made are recorded
// with their size and sha256, read back, and published at Commit; a file
// written twice is refused; Abort leaves the directory as it was, no
// staging directory beside it, and the lock free for the next run.
func TestStage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if err := publish.ReplaceDir(dir, map[string][]byte{"old.txt": []byte("old\n")}, nil); err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("a line of a large report\n", 100_000)

	st, err := publish.Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Write("big.json", func(w io.Writer) error {
		for line := range strings.Lines(big) {
			if _, err := io.WriteString(w, line); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := st.WriteBytes("big.json", nil); err == nil {
		t.Error("a file written twice was accepted")
	}
	failed := errors.New("the writer failed")
	if err := st.Write("broken.json", func(w io.Writer) error { return failed }); !errors.Is(err, failed) {
		t.Errorf("a failing writer gave %v", err)
	}
	sum := sha256.Sum256([]byte(big))
	if got, want := st.Digests()["big.json"], (publish.Digest{Size: int64(len(big)), SHA256: hex.EncodeToString(sum[:])}); got != want {
		t.Errorf("digest %+v, want %+v", got, want)
	}
	f, err := st.Open("big.json")
	if err != nil {
		t.Fatal(err)
	}
	back, err := io.ReadAll(f)
	f.Close()
	if err != nil || string(back) != big {
		t.Errorf("read back %d bytes, %v", len(back), err)
	}
	st.Abort()
	if got, err := os.ReadFile(filepath.Join(dir, "old.txt")); err != nil || string(got) != "old\n" {
		t.Errorf("after Abort old.txt = %q, %v", got, err)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".out.staging-*")); len(left) > 0 {
		t.Errorf("Abort left %v", left)
	}

	st, err = publish.Begin(dir) // the lock is free again
	if err != nil {
		t.Fatal(err)
	}
	if err := st.WriteBytes("new.txt", []byte("new\n")); err != nil {
		t.Fatal(err)
	}
	if err := st.Commit(nil); err != nil {
		t.Fatal(err)
	}
	st.Abort() // after Commit: nothing
	names, err := os.ReadDir(dir)
	if err != nil || len(names) != 1 || names[0].Name() != "new.txt" {
		t.Errorf("after Commit the directory holds %v, %v", names, err)
	}
}
