package main

import (
	"archive/zip"
	"bytes"
	"context"
	"html"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// needCosign returns the path of the cosign CLI. Without it the test is
// skipped, except under CI=true, where the interop it proves is required
// (.ci/run installs the pinned cosign).
func needCosign(t *testing.T) string {
	t.Helper()
	cosign, err := exec.LookPath("cosign")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("cosign is not on PATH; CI=true requires it (go install github.com/sigstore/cosign/v2/cmd/cosign@v2.6.5)")
		}
		t.Skip("cosign is not on PATH")
	}
	return cosign
}

// verifyCommand finds verification commands in text: a cosign verify… or
// slate verify command line, up to the end of its line, inline code or
// shell comment.
var verifyCommand = regexp.MustCompile("(?:cosign verify[a-z-]*|slate verify) [^`<\n]*")

// printedCommands returns the verification commands in text that are
// meant to be run as they stand: they name a key, and are not a synopsis
// ("[--assessment FILE]") or an elision ("…").
func printedCommands(text string) []string {
	var out []string
	for _, c := range verifyCommand.FindAllString(text, -1) {
		if i := strings.Index(c, " #"); i >= 0 {
			c = c[:i]
		}
		c = strings.TrimSpace(c)
		if !strings.Contains(c, "--key") || strings.ContainsAny(c, "[…|<") {
			continue
		}
		out = append(out, c)
	}
	return out
}

// xlsxText returns the XML of every part of a workbook, unescaped.
func xlsxText(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var b strings.Builder
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		raw, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(html.UnescapeString(string(raw)))
		b.WriteByte('\n')
	}
	return b.String()
}

// TestPrintedCommands runs every verification command slate prints — in
// the README, docs/*.md, the generated CLI reference (the commands' help),
// the HTML scorecard and the workbook — as it is printed, against signed
// runs made for the purpose, with the real cosign CLI and offline. The
// trusted root is the one docs/signing.md gives. A command that needs the
// network, a flag cosign does not know or a file slate does not write
// fails here.
func TestPrintedCommands(t *testing.T) {
	cosign := needCosign(t)
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	signing, err := os.ReadFile(filepath.Join(repo, "docs", "signing.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(signing, []byte(minimalTrustedRoot)) {
		t.Fatalf("docs/signing.md does not give the trusted root %s", minimalTrustedRoot)
	}

	// The printed commands name out/, DIR/ (the HTML page and the
	// workbook), examples/plant-a, cosign.pub and trusted_root.json in
	// the working directory; the page's and the workbook's cosign commands
	// run in the signed directory, where they are kept.
	work := t.TempDir()
	if err := os.CopyFS(filepath.Join(work, "examples", "plant-a"), os.DirFS(filepath.Join(repo, "examples", "plant-a"))); err != nil {
		t.Fatal(err)
	}
	t.Chdir(work)
	t.Setenv("COSIGN_PASSWORD", "printed")
	slate(t, 0, "keygen")
	for _, dir := range []string{"out", "DIR"} {
		slate(t, 0, "assess", "examples/plant-a", "--out", dir, "--as-of", "2026-11-01", "--quiet")
		slate(t, 0, "sign", dir, "--key", "cosign.key")
	}
	if err := os.WriteFile("trusted_root.json", []byte(minimalTrustedRoot), 0o644); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(work, "page")
	if err := os.CopyFS(page, os.DirFS("out")); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"cosign.pub", "trusted_root.json"} {
		raw, _ := os.ReadFile(f)
		if err := os.WriteFile(filepath.Join(page, f), raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	type source struct {
		name string
		text string
		// dir is where its cosign commands run.
		dir string
	}
	var sources []source
	docs, err := filepath.Glob(filepath.Join(repo, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	cli, err := filepath.Glob(filepath.Join(repo, "docs", "cli", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range append(append([]string{filepath.Join(repo, "README.md")}, docs...), cli...) {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(repo, p)
		sources = append(sources, source{rel, string(raw), work})
	}
	pageHTML, err := os.ReadFile(filepath.Join("out", "scorecard.html"))
	if err != nil {
		t.Fatal(err)
	}
	sources = append(sources,
		source{"scorecard.html", html.UnescapeString(string(pageHTML)), page},
		source{"scorecard.xlsx", xlsxText(t, filepath.Join("out", "scorecard.xlsx")), page})

	found := map[string]int{}
	for _, src := range sources {
		for _, c := range printedCommands(src.text) {
			found[src.name]++
			t.Run(src.name+"/"+c, func(t *testing.T) {
				args := strings.Fields(c)
				if args[0] == "slate" {
					var stdout, stderr bytes.Buffer
					if got := runWith(context.Background(), args[1:], &stdout, &stderr); got != 0 {
						t.Fatalf("%s: exit %d\n%s%s", c, got, stdout.String(), stderr.String())
					}
					return
				}
				cmd := exec.Command(cosign, args[1:]...)
				cmd.Dir = src.dir
				// No proxy, no TUF cache: offline means offline.
				cmd.Env = append(os.Environ(), "HOME="+t.TempDir(), "HTTPS_PROXY=http://127.0.0.1:9", "HTTP_PROXY=http://127.0.0.1:9")
				out, err := cmd.CombinedOutput()
				if err != nil || !strings.Contains(string(out), "Verified OK") {
					t.Fatalf("%s (in %s): %v\n%s", c, src.name, err, out)
				}
			})
		}
	}
	// Each place that prints commands is searched: a change that hides
	// them from the search must fail here, not pass with nothing run.
	for _, name := range []string{"README.md", "docs/signing.md", "docs/cli/slate_sign.md", "docs/cli/slate_verify.md", "scorecard.html", "scorecard.xlsx"} {
		if found[filepath.FromSlash(name)] == 0 && found[name] == 0 {
			t.Errorf("no verification command found in %s", name)
		}
	}
	t.Logf("commands run: %v", found)
}
