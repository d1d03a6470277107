package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/slate-ot/slate/engine"
	"github.com/slate-ot/slate/evidence"
)

func newCollectCmd() *cobra.Command {
	var (
		runOpts RunOptions
		out     OutOptions
	)
	cmd := &cobra.Command{
		Use:   "collect [DIR|FILE]",
		Short: "Collect the evidence into a bundle without evaluating it",
		Long: `collect reads every evidence source of the assessment into
DIR/bundle.json. 'slate evaluate --bundle DIR/bundle.json' then gives the
same scorecard as 'slate assess'.`,
		Example: `  slate collect examples/plant-a --out evidence-out --as-of 2026-11-01`,
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			res, err := engine.Collect(cmd.Context(), assessmentArg(args), collectorsFor(cmd), runOpts.Engine())
			if err != nil {
				return err
			}
			printWarnings(cmd.ErrOrStderr(), res.Warnings)
			dir, err := out.Dir(res.Assessment)
			if err != nil {
				return err
			}
			digest, err := writeBundle(dir, res.Bundle)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "%d evidence document(s), bundle %s\n", len(res.Bundle.Documents), digest)
			return err
		},
	}
	runOpts.AddFlags(cmd)
	out.AddFlags(cmd)
	return cmd
}

// writeBundle writes dir/bundle.json, the bundle's canonical JSON, as
// Bundle.WriteTo makes it, so that it is never in memory whole (on a
// large site it is as big as the evidence), and returns its digest. The
// file is written under a temporary name and renamed into place once
// complete and synced; the other files of dir are left as they are. On
// failure no new file is left behind, and dir is removed again if this
// created it.
func writeBundle(dir string, b *evidence.Bundle) (digest string, err error) {
	const name = "bundle.json"
	created := false
	if _, statErr := os.Stat(dir); errors.Is(statErr, os.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", fmt.Errorf("create output directory: %w", err)
		}
		created = true
	}
	f, err := os.CreateTemp(dir, "."+name+".*.tmp")
	if err != nil {
		return "", fmt.Errorf("write %s: %w", name, err)
	}
	defer func() {
		if err == nil {
			return
		}
		os.Remove(f.Name())
		if created {
			os.RemoveAll(dir)
		}
	}()
	h := sha256.New()
	bw := bufio.NewWriterSize(io.MultiWriter(f, h), 256<<10)
	_, werr := b.WriteTo(bw)
	if werr == nil {
		werr = bw.Flush()
	}
	serr := f.Sync()
	if err := errors.Join(werr, serr, f.Close()); err != nil {
		return "", fmt.Errorf("write %s: %w", filepath.Join(dir, name), err)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return "", err
	}
	if err := os.Rename(f.Name(), filepath.Join(dir, name)); err != nil {
		return "", fmt.Errorf("write %s: %w", filepath.Join(dir, name), err)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
}
