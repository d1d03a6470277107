package main

import (
	"errors"
	"fmt"
	"github.com/slate-ot/slate/reports"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/slate-ot/slate/engine/assessment"
)

func newInitCmd() *cobra.Command {
	var (
		name  string
		force bool
	)
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Write a commented starter assessment.hcl",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := assessmentArg(args)
			if name == "" {
				abs, err := filepath.Abs(dir)
				if err != nil {
					return err
				}
				name = filepath.Base(abs)
			}
			path := filepath.Join(dir, "assessment.hcl")
			if _, err := os.Stat(path); err == nil && !force {
				return withCode(ExitUsage, fmt.Errorf("%s exists; use --force to overwrite it", path))
			} else if err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(path, assessment.Starter(name, reports.Names(), reports.StarterNames()), 0o644); err != nil {
				return err
			}
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "wrote %s; edit it, then run 'slate validate %s'\n", path, dir)
			return err
		},
	}
	cmd.Flags().StringVar(&name, "name", "", "assessment name (default: the directory's name)")
	cmd.Flags().BoolVar(&force, "force", false, "overwrite an existing assessment.hcl")
	return cmd
}
