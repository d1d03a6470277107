package main

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/slate-ot/slate/engine"
	"github.com/slate-ot/slate/evidence/attest"
	"github.com/slate-ot/slate/internal/publish"
	"github.com/slate-ot/slate/reports"
)

// writeRun writes a run into the output directory: the reports (outs,
// each written from the scorecard straight into the run's staging
// directory, so that a scorecard of a million gaps is never held as
// text), files (other outputs made already, such as drift.json), the
// evidence bundle, the sealed assessment and policy set and the run
// manifest, and their signatures when signKey holds a key. The directory
// must hold no file this run does not write, except, with --clean, the
// files of the previous run, which go when the new ones are published.
// The run replaces the directory's whole content at once
// (publish.Stage). Both assess and evaluate write their runs this way,
// so that 'slate sign' and 'slate verify' treat them alike.
func writeRun(cmd *cobra.Command, res *engine.Result, outs []reports.Output, files map[string][]byte, out *OutOptions, clean *CleanOptions, signKey *SignKeyOptions) error {
	sealed, err := engine.Seal(res)
	if err != nil {
		return err
	}
	var names []string
	for _, o := range outs {
		names = append(names, o.File)
	}
	names = slices.Concat(names, slices.Collect(maps.Keys(files)), slices.Collect(maps.Keys(sealed)), []string{attest.BundleFile})
	slices.Sort(names)
	for i := 1; i < len(names); i++ {
		if names[i] == names[i-1] {
			return fmt.Errorf("%s is written twice", names[i])
		}
	}
	names = append(names, attest.ManifestFile)
	dir, err := out.Dir(res.Assessment)
	if err != nil {
		return err
	}
	// Prepare refuses a directory holding anything but this run's files
	// and, with --clean, the previous run's.
	if _, err := clean.Prepare(dir, append(names, signKey.Names(names)...)); err != nil {
		return err
	}
	st, err := publish.Begin(dir)
	if err != nil {
		return publishErr(err)
	}
	defer st.Abort()
	for _, o := range outs {
		if err := st.Write(o.File, func(w io.Writer) error { return o.Write(w, res.Scorecard) }); err != nil {
			return fmt.Errorf("report %s: %w", o.File, err)
		}
	}
	if err := st.Write(attest.BundleFile, func(w io.Writer) error {
		_, err := res.Bundle.WriteTo(w)
		return err
	}); err != nil {
		return err
	}
	for _, m := range []map[string][]byte{files, sealed} {
		for _, name := range slices.Sorted(maps.Keys(m)) {
			if err := st.WriteBytes(name, m[name]); err != nil {
				return err
			}
		}
	}
	manifest, err := attest.NewManifestDigests(fileDigests(st))
	if err != nil {
		return err
	}
	if err := st.WriteBytes(attest.ManifestFile, manifest); err != nil {
		return err
	}
	if err := signKey.SignStage(cmp.Or(out.Out, "the output directory"), res.Scorecard, st); err != nil {
		return err
	}
	printWarnings(cmd.ErrOrStderr(), res.Warnings)
	return publishErr(st.Commit(nil))
}

// fileDigests are the digests of the files written into st so far.
func fileDigests(st *publish.Stage) map[string]attest.FileDigest {
	out := map[string]attest.FileDigest{}
	for name, d := range st.Digests() {
		out[name] = attest.FileDigest{Size: d.Size, SHA256: d.SHA256}
	}
	return out
}

// publishErr gives a busy output directory the usage exit code.
func publishErr(err error) error {
	if be := (*publish.BusyError)(nil); errors.As(err, &be) {
		return withCode(ExitUsage, err)
	}
	return err
}

var _ Options = (*CleanOptions)(nil)

// CleanOptions say what assess does with an output directory that holds
// files of an earlier run.
type CleanOptions struct {
	Clean bool
}

// AddFlags adds --clean.
func (o *CleanOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&o.Clean, "clean", false, "remove the files of the previous run in the output directory (those its manifest.json lists, and their signatures) that this run does not write")
}

// Prepare checks that the output directory dir holds no file the run
// (files, the names it writes) will not write, so that nothing stale sits among its outputs.
// With --clean the previous run's files (those its manifest lists, and
// their signatures) are allowed: Prepare returns them, and they go when
// the new run replaces the directory's content. Any other file is
// refused, naming it; nothing is removed then.
func (o *CleanOptions) Prepare(dir string, files []string) ([]string, error) {
	names, err := attest.ListDir(dir)
	if err != nil {
		return nil, err
	}
	stale := slices.DeleteFunc(names, func(n string) bool { return slices.Contains(files, n) })
	if len(stale) == 0 {
		return nil, nil
	}
	if !o.Clean {
		return nil, withCode(ExitUsage, fmt.Errorf("%s holds files this run does not write: %s\n"+
			"They would sit among its outputs, and 'slate sign' would refuse them. Pass --clean to remove the files of the previous run (those its %s lists, and their signatures), move them away, or choose another --out.",
			dir, strings.Join(stale, ", "), attest.ManifestFile))
	}
	prev, err := attest.ReadManifest(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, withCode(ExitUsage, fmt.Errorf("--clean: %w", err))
	}
	var others []string
	for _, n := range stale {
		if prev == nil || !prev.Owns(n) {
			others = append(others, n)
		}
	}
	if len(others) > 0 {
		why := "the previous run's " + attest.ManifestFile + " does not list them"
		if prev == nil {
			why = "there is no " + attest.ManifestFile + " of a previous run"
		}
		return nil, withCode(ExitUsage, fmt.Errorf("%s holds files no earlier run of slate wrote: %s\n"+
			"--clean removes only the files of the previous run, and %s. Move them away or choose another --out.",
			dir, strings.Join(others, ", "), why))
	}
	return stale, nil
}
