package publish

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// BusyError is an output directory another slate process is writing.
type BusyError struct {
	Dir string
	// Holder is what the lock file says of the process holding it ("pid
	// 1234"), or "" when it says nothing.
	Holder string
}

func (e *BusyError) Error() string {
	who := "another slate run"
	if e.Holder != "" {
		who += " (" + e.Holder + ")"
	}
	return fmt.Sprintf("%s is writing %s; wait for it to finish, or choose another --out", who, e.Dir)
}

// ReplaceDir makes dir hold exactly files (name → bytes; names may hold
// slashes) and the files already in dir that keep names, all at once:
// every reader, and every state a crash can leave, sees either the
// directory as it was or as it is now, never a mix.
//
// The new content is written into a private staging directory beside dir
// (so that a rename can move it), each file synced, and published with one
// rename: where dir does not exist, the staging directory is renamed to
// it; where it does, the two are exchanged atomically (renameat2
// RENAME_EXCHANGE on Linux; elsewhere dir is moved aside first, leaving a
// moment with no directory at all) and the old content removed. Kept
// files are hard-linked, or copied where links are not possible.
//
// One process at a time: ReplaceDir holds an exclusive lock on
// .NAME.lock beside dir while it works and returns a *BusyError when
// another holds it. A process killed part-way leaves only its staging
// directory (.NAME.staging-*) beside dir, which the next ReplaceDir on dir
// removes; the lock goes with the process.
//
// ReplaceDir is Begin, a Stage.WriteBytes for each file and Commit; a
// caller whose files are too large to hold in memory writes them into the
// Stage as they are made (Stage.Write).
func ReplaceDir(dir string, files map[string][]byte, keep []string) (err error) {
	st, err := Begin(dir)
	if err != nil {
		return err
	}
	defer st.Abort()
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := st.WriteBytes(name, files[name]); err != nil {
			return err
		}
	}
	return st.Commit(keep)
}

// Stage is the new content of an output directory being written: a
// private staging directory beside it, under the directory's lock. Write
// files into it, then Commit to publish them all at once, or Abort to
// drop them; either releases the lock.
type Stage struct {
	dir, parent, base, stage string
	unlock                   func()
	files                    map[string]Digest
	done                     bool
}

// Digest is what a Stage recorded of a file as it was written: its size
// and SHA-256 (hex).
type Digest struct {
	Size   int64
	SHA256 string
}

// Begin locks dir (see ReplaceDir), removes what interrupted runs left
// beside it and opens a staging directory for its new content.
func Begin(dir string) (*Stage, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		return nil, fmt.Errorf("output directory %s is a file", dir)
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create output directory: %w", err)
	}
	unlock, err := lockDir(parent, base)
	if err != nil {
		return nil, err
	}
	st := &Stage{dir: dir, parent: parent, base: base, unlock: unlock, files: map[string]Digest{}}
	// What killed runs left: only the lock holder makes these.
	for _, pattern := range []string{"." + base + ".staging-*", "." + base + ".old-*"} {
		left, _ := filepath.Glob(filepath.Join(parent, pattern))
		for _, p := range left {
			if err := os.RemoveAll(p); err != nil {
				unlock()
				return nil, fmt.Errorf("remove %s, left by an interrupted run: %w", p, err)
			}
		}
	}
	st.stage, err = os.MkdirTemp(parent, "."+base+".staging-")
	if err == nil {
		err = os.Chmod(st.stage, 0o755)
	}
	if err != nil {
		st.Abort()
		return nil, fmt.Errorf("write %s: %w", dir, err)
	}
	return st, nil
}

// Dir is the directory the Stage will replace.
func (st *Stage) Dir() string { return st.dir }

// Write writes the file name (slashes allowed) with write, synced, and
// records its digest. The file must not have been written before.
func (st *Stage) Write(name string, write func(io.Writer) error) error {
	if st.done {
		return fmt.Errorf("write %s: the stage is closed", name)
	}
	if _, dup := st.files[name]; dup {
		return fmt.Errorf("write %s: written twice", filepath.Join(st.dir, filepath.FromSlash(name)))
	}
	d, err := writeSynced(st.stage, name, write)
	if err != nil {
		return fmt.Errorf("write %s: %w", filepath.Join(st.dir, filepath.FromSlash(name)), err)
	}
	st.files[name] = d
	return nil
}

// WriteBytes is Write of data.
func (st *Stage) WriteBytes(name string, data []byte) error {
	return st.Write(name, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Digests are the files written so far, by name.
func (st *Stage) Digests() map[string]Digest { return maps.Clone(st.files) }

// Open opens a file written into the Stage, to read it back.
func (st *Stage) Open(name string) (*os.File, error) {
	if _, ok := st.files[name]; !ok {
		return nil, fmt.Errorf("%s: not written", name)
	}
	return os.Open(filepath.Join(st.stage, filepath.FromSlash(name)))
}

// Commit adds the files of dir that keep names (unless written anew),
// syncs, and publishes the Stage as dir's whole content, then releases the
// lock. On error nothing of the Stage is left.
func (st *Stage) Commit(keep []string) (err error) {
	if st.done {
		return errors.New("commit: the stage is closed")
	}
	defer st.Abort()
	for _, name := range keep {
		if _, dup := st.files[name]; dup {
			continue
		}
		if err := linkOrCopy(filepath.Join(st.dir, filepath.FromSlash(name)), filepath.Join(st.stage, filepath.FromSlash(name))); err != nil {
			return fmt.Errorf("keep %s: %w", filepath.Join(st.dir, filepath.FromSlash(name)), err)
		}
	}
	if err := syncDir(st.stage); err != nil {
		return err
	}
	if err := publish(st.stage, st.dir, st.parent, st.base); err != nil {
		return fmt.Errorf("write %s: %w", st.dir, err)
	}
	st.stage = "" // published: nothing to remove
	return syncDir(st.parent)
}

// Abort drops what the Stage holds and releases the lock; after Commit it
// does nothing.
func (st *Stage) Abort() {
	if st.done {
		return
	}
	st.done = true
	if st.stage != "" {
		os.RemoveAll(st.stage)
	}
	st.unlock()
}

// publish moves the staging directory into place at dir. On return stage
// no longer exists.
func publish(stage, dir, parent, base string) error {
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(stage, dir)
	}
	switch err := exchange(stage, dir); {
	case err == nil:
		return os.RemoveAll(stage) // the old content, now at stage
	case isBusy(err):
		// dir is a mount point, or otherwise cannot move: its content
		// is replaced file by file, which a crash can leave half done.
		return replaceInPlace(stage, dir)
	case !errors.Is(err, errNoExchange):
		return err
	}
	old, err := os.MkdirTemp(parent, "."+base+".old-")
	if err != nil {
		return err
	}
	if err := os.Remove(old); err != nil {
		return err
	}
	if err := os.Rename(dir, old); err != nil {
		return err
	}
	if err := os.Rename(stage, dir); err != nil {
		_ = os.Rename(old, dir)
		return err
	}
	return os.RemoveAll(old)
}

// replaceInPlace moves the files of stage into dir and removes those of
// dir that stage does not hold, then stage itself.
func replaceInPlace(stage, dir string) error {
	names, err := listFiles(stage)
	if err != nil {
		return err
	}
	old, err := listFiles(dir)
	if err != nil {
		return err
	}
	for _, n := range names {
		to := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		if err := os.Rename(filepath.Join(stage, filepath.FromSlash(n)), to); err != nil {
			return err
		}
	}
	for _, n := range old {
		if !slices.Contains(names, n) {
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(n))); err != nil {
				return err
			}
		}
	}
	return os.RemoveAll(stage)
}

// listFiles lists the regular files under dir, slash-separated, sorted.
func listFiles(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return err
	})
	slices.Sort(out)
	return out, err
}

// writeSynced writes root/name with write, synced, and returns its
// digest.
func writeSynced(root, name string, write func(io.Writer) error) (Digest, error) {
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return Digest{}, err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return Digest{}, err
	}
	h := sha256.New()
	bw := bufio.NewWriterSize(io.MultiWriter(f, h), 256<<10)
	cw := &countingWriter{w: bw}
	werr := write(cw)
	if werr == nil {
		werr = bw.Flush()
	}
	serr := f.Sync()
	if err := errors.Join(werr, serr, f.Close()); err != nil {
		return Digest{}, err
	}
	return Digest{Size: cw.n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func linkOrCopy(from, to string) error {
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	if os.Link(from, to) == nil {
		return nil
	}
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	_, err = writeSynced(filepath.Dir(to), filepath.Base(to), func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
	return err
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, errors.ErrUnsupported) && !isEINVAL(err) {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

// lockDir takes the exclusive lock of the output directory base in parent
// and writes this process's id into the lock file.
func lockDir(parent, base string) (unlock func(), err error) {
	path := filepath.Join(parent, "."+base+".lock")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", filepath.Join(parent, base), err)
	}
	if err := tryLock(f); err != nil {
		raw, _ := os.ReadFile(path)
		f.Close()
		if errors.Is(err, errLocked) {
			return nil, &BusyError{Dir: filepath.Join(parent, base), Holder: strings.TrimSpace(string(raw))}
		}
		return nil, fmt.Errorf("lock %s: %w", filepath.Join(parent, base), err)
	}
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte("pid "+strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return func() {
		_ = f.Truncate(0)
		unlockFile(f)
		f.Close()
	}, nil
}

// errNoExchange says the platform or file system cannot swap two
// directories atomically.
var errNoExchange = errors.New("atomic exchange not supported")
