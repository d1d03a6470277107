package main

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/slate-ot/slate/engine"
	"github.com/slate-ot/slate/evidence/attest"
	"github.com/slate-ot/slate/internal/publish"
)

// writeRun writes a run into the output directory: files (the reports)
// with the evidence bundle, the sealed assessment and policy set and the
// run manifest added, signed when signKey holds a key. The directory must
// hold no file this run does not write, except, with --clean, the files of
// the previous run, which are removed once the new ones are written. Both
// assess and evaluate write their runs this way, so that 'slate sign' and
// 'slate verify' treat them alike.
func writeRun(cmd *cobra.Command, res *engine.Result, files map[string][]byte, out *OutOptions, clean *CleanOptions, signKey *SignKeyOptions) error {
	var err error
	if files[attest.BundleFile], err = res.BundleJSON(); err != nil {
		return err
	}
	if err := sealRun(res, files); err != nil {
		return err
	}
	if err := signKey.Sign(cmp.Or(out.Out, "the output directory"), files); err != nil {
		return err
	}
	dir, err := out.Dir(res.Assessment)
	if err != nil {
		return err
	}
	// Prepare refuses a directory holding anything but this run's files
	// and, with --clean, the previous run's: the run then replaces the
	// directory's whole content at once (publish.ReplaceDir).
	if _, err := clean.Prepare(dir, files); err != nil {
		return err
	}
	printWarnings(cmd.ErrOrStderr(), res.Warnings)
	return publishErr(publish.ReplaceDir(dir, files, nil))
}

// publishErr gives a busy output directory the usage exit code.
func publishErr(err error) error {
	if be := (*publish.BusyError)(nil); errors.As(err, &be) {
		return withCode(ExitUsage, err)
	}
	return err
}

// sealRun adds to the files of a run the sealed assessment and policy set
// (engine.Seal) and the run manifest listing every file, itself excepted.
func sealRun(res *engine.Result, files map[string][]byte) error {
	sealed, err := engine.Seal(res)
	if err != nil {
		return err
	}
	for name, raw := range sealed {
		if _, dup := files[name]; dup {
			return fmt.Errorf("%s is written twice", name)
		}
		files[name] = raw
	}
	files[attest.ManifestFile], err = attest.NewManifest(files)
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
// (files) will not write, so that nothing stale sits among its outputs.
// With --clean the previous run's files (those its manifest lists, and
// their signatures) are allowed: Prepare returns them, and they go when
// the new run replaces the directory's content. Any other file is
// refused, naming it; nothing is removed then.
func (o *CleanOptions) Prepare(dir string, files map[string][]byte) ([]string, error) {
	names, err := attest.ListDir(dir)
	if err != nil {
		return nil, err
	}
	stale := slices.DeleteFunc(names, func(n string) bool { _, ok := files[n]; return ok })
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
