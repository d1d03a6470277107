package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// cliDocsHeader opens every generated page, so nobody edits one by hand.
const cliDocsHeader = "<!-- Generated from the slate command tree by `make docs`; do not edit. -->\n\n"

// newDocsCmd is the hidden command `make docs` uses to write the
// command-line reference. It is hidden because users read the pages, not
// write them.
func newDocsCmd() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:    "docs",
		Short:  "Write the command-line reference in Markdown, one page per command",
		Hidden: true,
		Long: `docs writes one Markdown page per command into --dir, named after the
command path (slate.md, slate_assess.md, slate_policy_test.md, …) and
linked to each other with relative links. Pages of commands that no longer
exist are removed; other files in the directory are left alone.`,
		Example: `  slate docs --dir docs/cli`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			pages, err := renderCLIDocs()
			if err != nil {
				return err
			}
			removed, err := writeCLIDocs(dir, pages)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "wrote %d page(s) to %s, removed %d stale page(s)\n", len(pages), dir, removed)
			return err
		},
	}
	cmd.Flags().StringVar(&dir, "dir", filepath.Join("docs", "cli"), "directory to write the pages into (created if missing)")
	_ = cmd.MarkFlagDirname("dir")
	return cmd
}

// renderCLIDocs renders the reference of a fresh command tree, keyed by
// file name. The tree is built as a run builds it, with the completion
// command cobra adds on execution, so the pages describe what users get.
func renderCLIDocs() (map[string][]byte, error) {
	root := newRootCmd()
	root.InitDefaultCompletionCmd()
	pages := map[string][]byte{}
	var walk func(c *cobra.Command) error
	walk = func(c *cobra.Command) error {
		// The footer would carry today's date; the pages must not change
		// unless the commands do.
		c.DisableAutoGenTag = true
		var b bytes.Buffer
		b.WriteString(cliDocsHeader)
		if err := doc.GenMarkdownCustom(c, &b, func(link string) string { return link }); err != nil {
			return fmt.Errorf("render %s: %w", c.CommandPath(), err)
		}
		pages[cliDocsFile(c)] = b.Bytes()
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() && !sub.IsAdditionalHelpTopicCommand() {
				if err := walk(sub); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := walk(root); err != nil {
		return nil, err
	}
	return pages, nil
}

// cliDocsFile is the page name cobra/doc links to for c.
func cliDocsFile(c *cobra.Command) string {
	return strings.ReplaceAll(c.CommandPath(), " ", "_") + ".md"
}

// isCLIDocsPage reports whether a file name is one renderCLIDocs could
// have written: slate.md or slate_….md.
func isCLIDocsPage(name string) bool {
	return name == "slate.md" || strings.HasPrefix(name, "slate_") && strings.HasSuffix(name, ".md")
}

// writeCLIDocs writes pages into dir and removes the pages of commands
// that are gone. It returns how many it removed.
func writeCLIDocs(dir string, pages map[string][]byte) (int, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, withCode(ExitUsage, fmt.Errorf("docs: %w", err))
	}
	stale, err := staleCLIDocs(dir, pages)
	if err != nil {
		return 0, err
	}
	for _, name := range slices.Sorted(maps.Keys(pages)) {
		if err := os.WriteFile(filepath.Join(dir, name), pages[name], 0o644); err != nil {
			return 0, fmt.Errorf("docs: %w", err)
		}
	}
	for _, name := range stale {
		if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return 0, fmt.Errorf("docs: %w", err)
		}
	}
	return len(stale), nil
}

// staleCLIDocs lists the pages in dir that pages does not have, sorted.
func staleCLIDocs(dir string, pages map[string][]byte) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("docs: %w", err)
	}
	var stale []string
	for _, e := range entries {
		if _, ok := pages[e.Name()]; !ok && e.Type().IsRegular() && isCLIDocsPage(e.Name()) {
			stale = append(stale, e.Name())
		}
	}
	return stale, nil
}
