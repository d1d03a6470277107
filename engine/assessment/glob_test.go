package assessment

import (
	"errors"
	"io/fs"
	"testing"
	"testing/fstest"
)

// failingDirFS is a file system where reading one directory fails, as an
// unreadable one does for a user without root.
type failingDirFS struct {
	fstest.MapFS
	bad string
}

func (f failingDirFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == f.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.ReadDir(name)
}

// TestGlobUnreadableDirectory: a "**" pattern that walks into a directory
// it cannot read fails naming it, rather than leaving its evidence out.
func TestGlobUnreadableDirectory(t *testing.T) {
	fsys := failingDirFS{MapFS: fstest.MapFS{
		"evidence/a/x.csv": {Data: []byte("a\n")},
		"evidence/b/y.csv": {Data: []byte("b\n")},
	}, bad: "evidence/b"}
	got, err := glob(fsys, "evidence/**/*.csv")
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Path != "evidence/b" || !errors.Is(err, fs.ErrPermission) {
		t.Fatalf("glob = %v, %v; want an error naming evidence/b, permission denied", got, err)
	}
	fsys.bad = ""
	if got, err := glob(fsys, "evidence/**/*.csv"); err != nil || len(got) != 2 {
		t.Errorf("readable: glob = %v, %v; want both files", got, err)
	}
	// A pattern whose fixed start does not exist matches nothing.
	if got, err := glob(fsys, "none/**/*.csv"); err != nil || len(got) != 0 {
		t.Errorf("missing root: glob = %v, %v; want no match and no error", got, err)
	}
}
