package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/reports"
	"github.com/slate-ot/slate/reports/sarif"
)

var _ Options = (*SARIFRootOptions)(nil)

// SARIFRootOptions place results.sarif in the repository: GitHub code
// scanning reads artifact paths from the repository root, the scorecard's
// are relative to the assessment directory.
type SARIFRootOptions struct {
	Root string
}

// AddFlags adds --sarif-root.
func (o *SARIFRootOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.Root, "sarif-root", "",
		"repository root that results.sarif names evidence files from, as GitHub code scanning reads them (default: paths from the assessment directory)")
	_ = cmd.MarkFlagDirname("sarif-root")
}

// Options returns the report options for an assessment in dir: its path
// under --sarif-root as the SARIF base.
func (o *SARIFRootOptions) Options(dir string) (reports.Options, error) {
	if o.Root == "" {
		return reports.Options{}, nil
	}
	root, err := realDir(o.Root)
	if err != nil {
		return reports.Options{}, withCode(ExitUsage, fmt.Errorf("--sarif-root: %w", err))
	}
	at, err := realDir(dir)
	if err != nil {
		return reports.Options{}, withCode(ExitUsage, err)
	}
	rel, err := filepath.Rel(root, at)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return reports.Options{}, withCode(ExitUsage, fmt.Errorf("--sarif-root %s: the assessment directory %s is not inside it", o.Root, dir))
	}
	if rel == "." {
		rel = ""
	}
	return reports.Options{SARIF: sarif.Options{Base: filepath.ToSlash(rel)}}, nil
}

// realDir is dir made absolute with its symbolic links resolved.
func realDir(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(abs)
}

// ForScorecard returns the report options for a saved scorecard: the
// assessment directory is where its assessment file (the name and
// sha256 the scorecard records) lies, in the scorecard's folder or above.
func (o *SARIFRootOptions) ForScorecard(path string, sc *scorecard.Scorecard) (reports.Options, error) {
	if o.Root == "" {
		return reports.Options{}, nil
	}
	name := filepath.Base(filepath.FromSlash(sc.Assessment.File))
	dir, err := realDir(filepath.Dir(path))
	if err != nil {
		return reports.Options{}, withCode(ExitUsage, err)
	}
	for {
		raw, err := os.ReadFile(filepath.Join(dir, name))
		if sum := sha256.Sum256(raw); err == nil && "sha256:"+hex.EncodeToString(sum[:]) == sc.Digests.Assessment {
			return o.Options(dir)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return reports.Options{}, withCode(ExitUsage, fmt.Errorf(
				"--sarif-root: %s (%s) is in no folder from %s up, so the assessment directory is unknown: write results.sarif with 'slate assess --sarif-root'",
				name, sc.Digests.Assessment, filepath.Dir(path)))
		}
		dir = parent
	}
}
