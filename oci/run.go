package oci

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"

	"github.com/slate-ot/slate/evidence/attest"
	"github.com/slate-ot/slate/internal/publish"
)

// RunError is a run folder that cannot be pushed, or an artifact that is
// not a run, naming the files.
type RunError struct {
	Dir string
	Err error
}

func (e *RunError) Error() string { return fmt.Sprintf("%s: %v", e.Dir, e.Err) }

func (e *RunError) Unwrap() error { return e.Err }

// PushRun puts the run in dir (the output folder of `slate assess`,
// signed or not) at ref and returns its digest reference. The artifact's
// config is the run's manifest.json; each file of the folder is one
// layer, named by its path. A folder without a manifest, with a listed
// file changed, or holding a file that is not the run's is refused, as
// `slate sign` refuses it.
func (o Options) PushRun(ctx context.Context, dir, ref string) (name.Digest, error) {
	r, err := o.ParseReference(ref)
	if err != nil {
		return name.Digest{}, err
	}
	m, err := attest.ReadManifest(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return name.Digest{}, &RunError{Dir: dir, Err: fmt.Errorf("no %s: push the output folder of 'slate assess'", attest.ManifestFile)}
	}
	if err != nil {
		return name.Digest{}, &RunError{Dir: dir, Err: err}
	}
	if changed := m.Changed(dir); len(changed) > 0 {
		return name.Digest{}, &RunError{Dir: dir, Err: fmt.Errorf("not the bytes its %s lists: %s", attest.ManifestFile, strings.Join(changed, ", "))}
	}
	unlisted, err := m.Unlisted(dir)
	if err != nil {
		return name.Digest{}, err
	}
	if len(unlisted) > 0 {
		return name.Digest{}, &RunError{Dir: dir, Err: fmt.Errorf("holds files its run did not write: %s", strings.Join(unlisted, ", "))}
	}
	names, err := attest.ListDir(dir)
	if err != nil {
		return name.Digest{}, err
	}
	var layers []blob
	var config blob
	for _, n := range names {
		raw, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(n)))
		if err != nil {
			return name.Digest{}, err
		}
		if n == attest.ManifestFile {
			if config, err = newBlob(raw, RunConfigMediaType, nil); err != nil {
				return name.Digest{}, err
			}
		}
		l, err := newBlob(raw, RunFileMediaType, map[string]string{TitleAnnotation: n})
		if err != nil {
			return name.Digest{}, err
		}
		layers = append(layers, l)
	}
	return o.push(ctx, r, RunArtifactType, config, layers)
}

// PullRun writes the run at ref into dir, which must be empty or absent,
// and returns the digest reference of its manifest. Every file is checked
// before any is written: each layer names a file of the run its config
// lists (a listed file, the manifest, a signature file or the
// attestation), at most once, and the listed files have the listed
// digests. The files are the bytes pushed; `slate verify DIR` checks
// their signatures.
func (o Options) PullRun(ctx context.Context, ref, dir string) (name.Digest, error) {
	r, err := o.ParseReference(ref)
	if err != nil {
		return name.Digest{}, err
	}
	if names, err := attest.ListDir(dir); err != nil {
		return name.Digest{}, err
	} else if len(names) > 0 {
		return name.Digest{}, &RunError{Dir: dir, Err: fmt.Errorf("not empty (%s): pull a run into an empty or new folder", strings.Join(names, ", "))}
	}
	m, d, err := o.fetch(ctx, r)
	if err != nil {
		return name.Digest{}, err
	}
	notRun := func(err error) error { return &RunError{Dir: d.String(), Err: err} }
	if m.Config.MediaType != RunConfigMediaType {
		return name.Digest{}, notRun(fmt.Errorf("not a slate run: its config is a %s, not a %s", m.Config.MediaType, RunConfigMediaType))
	}
	rawConfig, err := o.blob(ctx, d.Context(), m.Config)
	if err != nil {
		return name.Digest{}, notRun(err)
	}
	run, err := attest.DecodeManifest("config", rawConfig)
	if err != nil {
		return name.Digest{}, notRun(err)
	}
	listed := map[string]string{}
	for _, e := range run.Files {
		listed[e.Name] = "sha256:" + e.SHA256
	}
	files := map[string][]byte{}
	var order []string
	for i, l := range m.Layers {
		title := l.Annotations[TitleAnnotation]
		switch {
		case l.MediaType != RunFileMediaType:
			return name.Digest{}, notRun(fmt.Errorf("layer %d is a %s, not a %s", i, l.MediaType, RunFileMediaType))
		case !fs.ValidPath(title) || title == "." || path.Clean(title) != title:
			return name.Digest{}, notRun(fmt.Errorf("layer %d: %q is not a relative file path", i, title))
		case !run.Owns(title):
			return name.Digest{}, notRun(fmt.Errorf("layer %d: %s is not a file of the run its manifest lists", i, title))
		case files[title] != nil:
			return name.Digest{}, notRun(fmt.Errorf("layer %d: %s twice", i, title))
		case listed[title] != "" && listed[title] != l.Digest.String():
			return name.Digest{}, notRun(fmt.Errorf("layer %d: %s is %s, the manifest lists %s", i, title, l.Digest, listed[title]))
		}
		raw, err := o.blob(ctx, d.Context(), l)
		if err != nil {
			return name.Digest{}, notRun(fmt.Errorf("%s: %w", title, err))
		}
		files[title] = raw
		order = append(order, title)
	}
	if string(files[attest.ManifestFile]) != string(rawConfig) {
		return name.Digest{}, notRun(fmt.Errorf("the %s layer is not the config", attest.ManifestFile))
	}
	var missing []string
	for _, e := range run.Files {
		if files[e.Name] == nil {
			missing = append(missing, e.Name)
		}
	}
	if len(missing) > 0 {
		return name.Digest{}, notRun(fmt.Errorf("no layer for the listed files %s", strings.Join(missing, ", ")))
	}
	// The folder appears whole, or not at all.
	if err := publish.ReplaceDir(dir, files, nil); err != nil {
		return name.Digest{}, err
	}
	return d, nil
}
