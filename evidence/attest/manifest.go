package attest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/slate-ot/slate/evidence"
)

// ManifestFile is the run manifest: every file one `slate assess` wrote
// into its output directory, with its size and sha256.
const ManifestFile = "manifest.json"

// ManifestType is the manifest's _type.
const ManifestType = "https://slate-ot.dev/run-manifest/v1"

// Manifest lists the files of one run, sorted by name. The manifest does
// not list itself; the signature files of a signed run are not listed
// either (they are written after it).
type Manifest struct {
	Type  string          `json:"_type"`
	Files []ManifestEntry `json:"files"`
}

// ManifestEntry is one file of a run.
type ManifestEntry struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// NewManifest returns the canonical JSON of the manifest of files (plain
// file name → the bytes written under it).
func NewManifest(files map[string][]byte) ([]byte, error) {
	digests := map[string]FileDigest{}
	for name, data := range files {
		digests[name] = FileDigest{Size: int64(len(data)), SHA256: sha256Hex(data)}
	}
	return NewManifestDigests(digests)
}

// NewManifestDigests is NewManifest of files known by their digests (plain
// file name → size and sha256), for files written as they were made.
func NewManifestDigests(files map[string]FileDigest) ([]byte, error) {
	m := Manifest{Type: ManifestType, Files: []ManifestEntry{}}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := checkName(name); err != nil {
			return nil, err
		}
		if name == ManifestFile {
			return nil, fmt.Errorf("%q is the manifest, not an output", name)
		}
		m.Files = append(m.Files, ManifestEntry{Name: name, Size: files[name].Size, SHA256: files[name].SHA256})
	}
	return evidence.Canonical(m)
}

// DecodeManifest reads a manifest; name is its path, for errors. Every
// entry must be a plain output file name, listed once, with a sha256.
func DecodeManifest(name string, raw []byte) (*Manifest, error) {
	var m Manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("%s: not a run manifest: %w", name, err)
	}
	if m.Type != ManifestType {
		return nil, fmt.Errorf("%s: _type %q is not %q", name, m.Type, ManifestType)
	}
	seen := map[string]bool{}
	for i, e := range m.Files {
		if err := checkName(e.Name); err != nil || e.Name == ManifestFile {
			return nil, fmt.Errorf("%s: file %d: %q is not an output file name", name, i, e.Name)
		}
		if seen[e.Name] {
			return nil, fmt.Errorf("%s: %s is listed twice", name, e.Name)
		}
		seen[e.Name] = true
		if len(e.SHA256) != 64 {
			return nil, fmt.Errorf("%s: %s: the sha256 is not 64 hex digits", name, e.Name)
		}
	}
	return &m, nil
}

// ReadManifest reads dir's manifest. A directory without one gives an
// error wrapping fs.ErrNotExist.
func ReadManifest(dir string) (*Manifest, error) {
	path := filepath.Join(dir, ManifestFile)
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return DecodeManifest(path, raw)
}

// Names returns the names of the listed files, sorted.
func (m *Manifest) Names() []string {
	out := make([]string, len(m.Files))
	for i, e := range m.Files {
		out[i] = e.Name
	}
	slices.Sort(out)
	return out
}

// Owns reports whether name belongs to the run m lists: a listed file,
// the manifest, the signature file of either, or the attestation.
func (m *Manifest) Owns(name string) bool {
	base := name
	for _, suffix := range []string{SigSuffix, BundleSuffix} {
		if b, ok := strings.CutSuffix(name, suffix); ok {
			base = b
			break
		}
	}
	if name == AttestationFile || base == ManifestFile {
		return true
	}
	return slices.ContainsFunc(m.Files, func(e ManifestEntry) bool { return e.Name == base })
}

// Changed returns the listed files of dir whose bytes are not the
// listed ones (or that are missing), sorted.
func (m *Manifest) Changed(dir string) []string {
	var out []string
	for _, e := range m.Files {
		raw, err := os.ReadFile(filepath.Join(dir, e.Name))
		if err != nil || sha256Hex(raw) != e.SHA256 {
			out = append(out, e.Name)
		}
	}
	slices.Sort(out)
	return out
}

// ListDir returns every file below dir (anything but a directory), as
// slash-separated paths relative to dir, sorted. A dir that does not exist
// has no files.
func ListDir(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	slices.Sort(out)
	return out, err
}

// Unlisted returns the files of dir that do not belong to the run m
// lists (see Owns), sorted: in a signed directory, files nobody signed.
func (m *Manifest) Unlisted(dir string) ([]string, error) {
	names, err := ListDir(dir)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(names, m.Owns), nil
}
