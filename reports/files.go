package reports

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
)

// WriteFiles writes every file of files (name → bytes) into dir, all or
// nothing: each is written to a temporary name first and renamed into
// place only when all were written. On failure no new file is left behind,
// and dir is removed again if WriteFiles created it.
func WriteFiles(dir string, files map[string][]byte) (err error) {
	created := false
	if _, statErr := os.Stat(dir); errors.Is(statErr, os.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("create output directory: %w", err)
		}
		created = true
	}
	var temps []string
	defer func() {
		if err == nil {
			return
		}
		for _, t := range temps {
			os.Remove(t)
		}
		if created {
			os.RemoveAll(dir)
		}
	}()
	names := slices.Sorted(maps.Keys(files))
	for _, name := range names {
		f, err := os.CreateTemp(dir, "."+name+".*.tmp")
		if err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
		temps = append(temps, f.Name())
		_, werr := f.Write(files[name])
		cerr := f.Close()
		if err := errors.Join(werr, cerr); err != nil {
			return fmt.Errorf("write %s: %w", filepath.Join(dir, name), err)
		}
		if err := os.Chmod(f.Name(), 0o644); err != nil {
			return err
		}
	}
	for i, name := range names {
		if err := os.Rename(temps[i], filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("write %s: %w", filepath.Join(dir, name), err)
		}
	}
	return nil
}
