package main

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/cobra"
)

// cliDocsDir is the checked-in reference, relative to this package.
var cliDocsDir = filepath.Join("..", "..", "docs", "cli")

// TestCLIDocsUpToDate fails while docs/cli differs from what the command
// tree renders now: a page changed, is missing, or belongs to a command
// that is gone.
func TestCLIDocsUpToDate(t *testing.T) {
	want, err := renderCLIDocs()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]byte{}
	entries, err := os.ReadDir(cliDocsDir)
	if err != nil {
		t.Fatalf("%v; run `make docs` and commit docs/cli", err)
	}
	for _, e := range entries {
		if !isCLIDocsPage(e.Name()) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(cliDocsDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		got[e.Name()] = b
	}
	if diff := cmp.Diff(slices.Sorted(maps.Keys(want)), slices.Sorted(maps.Keys(got))); diff != "" {
		t.Errorf("docs/cli has other pages than the commands (-want +got):\n%s\nrun `make docs` and commit docs/cli", diff)
	}
	for _, name := range slices.Sorted(maps.Keys(want)) {
		if g, ok := got[name]; ok && !bytes.Equal(g, want[name]) {
			t.Errorf("docs/cli/%s is stale (-checked in +rendered):\n%s\nrun `make docs` and commit docs/cli",
				name, cmp.Diff(string(g), string(want[name])))
		}
	}
}

// TestCLIDocsPages checks what every rendered page must hold.
func TestCLIDocsPages(t *testing.T) {
	pages, err := renderCLIDocs()
	if err != nil {
		t.Fatal(err)
	}
	again, err := renderCLIDocs()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(pages, again); diff != "" {
		t.Errorf("two renderings differ:\n%s", diff)
	}

	// Every command a user can run has a page; the hidden docs command
	// and cobra's help command do not.
	var commands []string
	var walk func(c *cobra.Command)
	root := newRootCmd()
	root.InitDefaultCompletionCmd()
	walk = func(c *cobra.Command) {
		commands = append(commands, cliDocsFile(c))
		for _, sub := range c.Commands() {
			if !sub.Hidden && sub.Name() != "help" {
				walk(sub)
			}
		}
	}
	walk(root)
	slices.Sort(commands)
	if diff := cmp.Diff(commands, slices.Sorted(maps.Keys(pages))); diff != "" {
		t.Errorf("pages differ from the visible commands (-commands +pages):\n%s", diff)
	}
	for _, name := range []string{"slate.md", "slate_assess.md", "slate_policy_test.md", "slate_completion_bash.md", "slate_import-workbook.md"} {
		if _, ok := pages[name]; !ok {
			t.Errorf("no page %s", name)
		}
	}

	link := regexp.MustCompile(`\]\(([^)]*)\)`)
	for _, tc := range []struct {
		page string
		want []string
	}{
		{"slate.md", []string{"## slate\n", "* [slate assess](slate_assess.md)", "* [slate verify](slate_verify.md)", "-q, --quiet"}},
		{"slate_assess.md", []string{"## slate assess\n", "slate assess [DIR|FILE] [flags]", "--fail-on string", "--baseline string", "* [slate](slate.md)"}},
		{"slate_policy_test.md", []string{"## slate policy test\n", "* [slate policy](slate_policy.md)", "--fail-under"}},
		{"slate_sign.md", []string{"COSIGN_PASSWORD", "--key string"}},
	} {
		t.Run(tc.page, func(t *testing.T) {
			text := string(pages[tc.page])
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("%s lacks %q", tc.page, w)
				}
			}
		})
	}
	for name, b := range pages {
		text := string(b)
		if !strings.HasPrefix(text, cliDocsHeader) {
			t.Errorf("%s does not start with the generated-file header", name)
		}
		for _, bad := range []string{"Auto generated", "slate docs", "slate_docs.md", "slate help"} {
			if strings.Contains(text, bad) {
				t.Errorf("%s mentions %q", name, bad)
			}
		}
		for _, m := range link.FindAllStringSubmatch(text, -1) {
			if _, ok := pages[m[1]]; !ok || strings.Contains(m[1], "/") {
				t.Errorf("%s links to %q, which is not a page next to it", name, m[1])
			}
		}
	}
}

// TestDocsCommand runs the hidden command: it writes the pages, removes
// pages of commands that are gone, keeps other files, and refuses a
// directory it cannot create.
func TestDocsCommand(t *testing.T) {
	want, err := renderCLIDocs()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		setup    func(t *testing.T, dir string) string // returns --dir
		code     int
		stdout   string
		stderr   string
		keptFile string
	}{
		{
			name:   "empty directory is created",
			setup:  func(t *testing.T, dir string) string { return filepath.Join(dir, "new", "cli") },
			stdout: fmt.Sprintf("wrote %d page(s)", len(want)),
		},
		{
			name: "stale page removed, other files kept",
			setup: func(t *testing.T, dir string) string {
				for name, body := range map[string]string{"slate_gone.md": "old", "README.md": "keep", "slate.md": "old"} {
					if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				return dir
			},
			stdout:   "removed 1 stale page(s)",
			keptFile: "README.md",
		},
		{
			name: "directory is a file",
			setup: func(t *testing.T, dir string) string {
				p := filepath.Join(dir, "file")
				if err := os.WriteFile(p, nil, 0o644); err != nil {
					t.Fatal(err)
				}
				return p
			},
			code:   ExitUsage,
			stderr: "file: not a directory",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := tc.setup(t, t.TempDir())
			var stdout, stderr bytes.Buffer
			code := runWith(context.Background(), []string{"docs", "--dir", dir}, &stdout, &stderr)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tc.code, stderr.String())
			}
			if !strings.Contains(stdout.String(), tc.stdout) || !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("stdout %q, stderr %q; want %q and %q", stdout.String(), stderr.String(), tc.stdout, tc.stderr)
			}
			if tc.code != ExitOK {
				return
			}
			got := map[string][]byte{}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if e.Name() == tc.keptFile {
					continue
				}
				if got[e.Name()], err = os.ReadFile(filepath.Join(dir, e.Name())); err != nil {
					t.Fatal(err)
				}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("written pages differ from the rendering (-want +got):\n%s", diff)
			}
			if tc.keptFile != "" {
				if _, err := os.Stat(filepath.Join(dir, tc.keptFile)); err != nil {
					t.Errorf("%s was removed: %v", tc.keptFile, err)
				}
			}
		})
	}
}

// TestDocsCommandHidden: the command runs but is not offered in help.
func TestDocsCommandHidden(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := runWith(context.Background(), []string{"--help"}, &stdout, &stderr); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if regexp.MustCompile(`(?m)^\s+docs\s`).MatchString(stdout.String()) {
		t.Errorf("slate --help lists the docs command:\n%s", stdout.String())
	}
}
