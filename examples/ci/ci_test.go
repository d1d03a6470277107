package ci_test

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The password of the test's signing key, as the CI secret holds it.
const testPassword = "ci-test-password"

// The site's fingerprint key, as the CI secret holds it.
const testFingerprintKey = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

// A scenario is one scheduled run of a template, in order: each run finds
// the previous one's baseline in the cache, as on a CI service.
type scenario struct {
	name string
	// change prepares the run: a commit to the site repository, or a
	// tampered cache. It may be nil.
	change func(t *testing.T, h *harness)
	in     runInput
	// wantFailed is the job's outcome.
	wantFailed bool
	// wantLog and notLog are regexps matched against the job's output.
	wantLog, notLog []string
	// wantDrift: the run had a verified baseline and wrote drift.md.
	wantDrift bool
	// driftLines must be in drift.md.
	driftLines []string
}

// runInput is what a scheduled or manual run is given: the assessment
// date and the severity gate (empty for the template's default).
type runInput struct {
	asOf, failOn string
}

// runResult is what a template run left behind.
type runResult struct {
	failed bool
	// log is every command's output.
	log string
	// summary is where the template publishes the Markdown summary: the
	// GitHub job summary, the GitLab job log.
	summary string
	// out is the output folder of the run, from the repository root.
	out string
}

var scenarios = []scenario{
	{
		name:       "first run: no baseline, fails by the severity gate only",
		in:         runInput{asOf: "2026-11-01"},
		wantFailed: true,
		wantLog:    []string{`No previous run in the cache`, `slate: \d+ open gap\(s\) at or above high`},
		notLog:     []string{`regression\(s\) since`, `does not verify`},
	},
	{
		name:      "the same site again: baseline verified, nothing changed, gate passes at critical",
		in:        runInput{asOf: "2026-11-01", failOn: "critical"},
		wantLog:   []string{`Baseline: the signed previous run\.`, `Verified OK`, `(?m)^No change\.$`},
		notLog:    []string{`regression\(s\) since`, `open gap\(s\) at or above`, `does not verify`},
		wantDrift: true,
	},
	{
		name: "the control-cell conduit loses s7comm: the regression fails the run",
		change: func(t *testing.T, h *harness) {
			h.editSite(t, "assessment.hcl", `services = ["s7comm", "profinet", "ntp"]`, `services = ["profinet", "ntp"]`)
		},
		in:         runInput{asOf: "2026-11-01", failOn: "critical"},
		wantFailed: true,
		// The baseline was made from the previous commit's assessment file
		// and verifies with the copy sealed in it.
		wantLog:    []string{`Baseline: the signed previous run\.`, `slate: \d+ regression\(s\) since slate-baseline/scorecard\.json`},
		notLog:     []string{`open gap\(s\) at or above`, `does not verify`},
		wantDrift:  true,
		driftLines: []string{`new gap`, `s7comm`},
	},
	{
		name:    "a tampered baseline: the run goes on without one, and warns",
		change:  func(t *testing.T, h *harness) { h.tamperCache(t, "scorecard.json") },
		in:      runInput{asOf: "2026-11-01", failOn: "critical"},
		wantLog: []string{`(?i)warning.*the previous run does not verify`, `scorecard.json: digest`},
		notLog:  []string{`regression\(s\) since`, `Baseline: the signed run`},
	},
}

// TestTemplates runs each template's scenarios in order. Each run builds
// on the one before (its baseline is in the cache), so run a template's
// scenarios together: -run 'TestTemplates/gitlab'.
func TestTemplates(t *testing.T) {
	if testing.Short() {
		t.Skip("builds slate and runs the templates' commands")
	}
	for _, tc := range []struct {
		file string
		run  func(t *testing.T, h *harness, work string, in runInput) runResult
	}{
		{"github-actions.yml", runGitHub},
		{"gitlab-ci.yml", runGitLab},
	} {
		t.Run(tc.file, func(t *testing.T) {
			h := newHarness(t)
			for i, sc := range scenarios {
				ok := t.Run(sc.name, func(t *testing.T) {
					if sc.change != nil {
						sc.change(t, h)
					}
					work := h.checkout(t, fmt.Sprintf("run%d", i+1))
					res := tc.run(t, h, work, sc.in)
					if t.Failed() {
						return
					}
					h.check(t, sc, work, res)
					if t.Failed() {
						t.Logf("job output:\n%s", res.log)
					}
				})
				if !ok {
					return // later runs build on this one
				}
			}
		})
	}
}

// check asserts what every run must leave: the job's outcome and output,
// the summary published, a signed output directory that verifies, and
// that directory kept in the cache as the next baseline.
func (h *harness) check(t *testing.T, sc scenario, work string, res runResult) {
	t.Helper()
	if res.failed != sc.wantFailed {
		t.Errorf("job failed = %v, want %v", res.failed, sc.wantFailed)
	}
	for _, re := range sc.wantLog {
		if !regexp.MustCompile(re).MatchString(res.log) {
			t.Errorf("job output lacks %s", re)
		}
	}
	for _, re := range sc.notLog {
		if m := regexp.MustCompile(re).FindString(res.log); m != "" {
			t.Errorf("job output has %q", m)
		}
	}
	if res.out == "" {
		t.Fatal("the run names no output folder")
	}
	out := filepath.Join(work, res.out)
	summary := readFile(t, filepath.Join(out, "summary.md"))
	if first, _, _ := strings.Cut(summary, "\n"); first == "" || !strings.Contains(res.summary, first) {
		t.Errorf("the summary (%q) was not published", first)
	}
	drift, err := os.ReadFile(filepath.Join(out, "drift.md"))
	switch {
	case sc.wantDrift && err != nil:
		t.Errorf("no drift.md: %v", err)
	case !sc.wantDrift && err == nil:
		t.Errorf("drift.md written without a verified baseline:\n%s", drift)
	case sc.wantDrift:
		first, _, _ := strings.Cut(string(drift), "\n")
		if !strings.Contains(res.summary, first) {
			t.Errorf("the drift (%q) was not published", first)
		}
		for _, w := range sc.driftLines {
			if !strings.Contains(string(drift), w) {
				t.Errorf("drift.md lacks %q:\n%s", w, drift)
			}
		}
	}
	// The archived directory verifies with the public key alone, as an
	// auditor would check it.
	if outp, err := h.slate(work, "verify", res.out, "--key", "cosign.pub"); err != nil {
		t.Errorf("slate verify %s: %v\n%s", res.out, err, outp)
	}
	// This run is the next one's baseline.
	latest := h.cache.latest(t)
	if latest == nil || !bytes.Equal(readBytes(t, filepath.Join(latest.dir, "scorecard.json")), readBytes(t, filepath.Join(out, "scorecard.json"))) {
		t.Errorf("the cache does not hold this run as the next baseline")
	}
}

// harness is a site repository, a signing key, a slate binary and a cache
// that outlives the runs.
type harness struct {
	root   string
	bin    string // directory holding slate, built by the test
	path   string // PATH without it: a template installs its own slate
	origin string // the site repository
	keyPEM []byte // cosign.key, as the secret holds it
	// siteKeys are each site's cosign.key, as the site's secret holds it,
	// when the repository holds several sites.
	siteKeys map[string][]byte
	cache    *cacheStore
	// artifacts is the CI service's artifact storage: one folder per
	// artifact, by name.
	artifacts string
	env       []string // the environment every command starts from
}

var (
	buildOnce sync.Once
	buildDir  string
	buildErr  error
)

// buildSlate builds cmd/slate from this checkout once per test binary.
func buildSlate(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "slate-ci-bin-")
		if err != nil {
			buildErr = err
			return
		}
		buildDir = dir
		cmd := exec.Command("go", "build", "-o", filepath.Join(dir, "slate"), "./cmd/slate")
		cmd.Dir = filepath.Join("..", "..")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build ./cmd/slate: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return buildDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// newBaseHarness makes what every template run needs: a root folder, the
// slate binary, the environment commands start from, a cache and an
// artifact store. The site repository is the caller's to make.
func newBaseHarness(t *testing.T) *harness {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	root := t.TempDir()
	h := &harness{root: root, bin: buildSlate(t), origin: filepath.Join(root, "origin")}
	home := filepath.Join(root, "home")
	if err := os.MkdirAll(home, 0o755); err != nil {
		t.Fatal(err)
	}
	h.path = os.Getenv("PATH")
	h.env = []string{
		"PATH=" + h.path,
		"HOME=" + home,
		"LANG=C.UTF-8",
		"TZ=UTC",
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=slate ci test", "GIT_AUTHOR_EMAIL=ci@example.invalid",
		"GIT_COMMITTER_NAME=slate ci test", "GIT_COMMITTER_EMAIL=ci@example.invalid",
		// A template that builds slate does so offline, from the module
		// and build caches this test was built with.
		"GOPROXY=off", "GOTOOLCHAIN=local",
	}
	for _, name := range []string{"GOCACHE", "GOMODCACHE", "GOPATH"} {
		out, err := exec.Command("go", "env", name).Output()
		if err != nil {
			t.Fatalf("go env %s: %v", name, err)
		}
		h.env = append(h.env, name+"="+strings.TrimSpace(string(out)))
	}
	h.cache = &cacheStore{dir: filepath.Join(root, "cache")}
	h.artifacts = filepath.Join(root, "artifacts")
	return h
}

// newHarness makes the site repository: examples/plant-a as site/ and the
// public key at the root, committed; the private key stays outside it, as
// a CI secret.
func newHarness(t *testing.T) *harness {
	t.Helper()
	h := newBaseHarness(t)
	root := h.root

	keys := filepath.Join(root, "keys")
	if err := os.MkdirAll(keys, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := h.slate(keys, "keygen"); err != nil {
		t.Fatalf("slate keygen: %v\n%s", err, out)
	}
	h.keyPEM = readBytes(t, filepath.Join(keys, "cosign.key"))

	if err := os.CopyFS(filepath.Join(h.origin, "site"), os.DirFS(filepath.Join("..", "plant-a"))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(h.origin, "cosign.pub"), readBytes(t, filepath.Join(keys, "cosign.pub")), 0o644); err != nil {
		t.Fatal(err)
	}
	h.git(t, h.origin, "init", "-q", "-b", "main")
	h.git(t, h.origin, "add", "-A")
	h.git(t, h.origin, "commit", "-q", "-m", "site")
	return h
}

// slate runs the built slate in dir.
func (h *harness) slate(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command(filepath.Join(h.bin, "slate"), args...)
	cmd.Dir = dir
	cmd.Env = append(slices.Clone(h.env), "COSIGN_PASSWORD="+testPassword)
	return cmd.CombinedOutput()
}

func (h *harness) git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = h.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// checkout clones the site repository with its history, as the
// templates' checkout does.
func (h *harness) checkout(t *testing.T, name string) string {
	t.Helper()
	work := filepath.Join(h.root, name)
	h.git(t, h.root, "clone", "-q", h.origin, work)
	return work
}

func (h *harness) head(t *testing.T) string { return h.git(t, h.origin, "rev-parse", "HEAD") }

// editSite replaces old by new in a file of the site and commits it.
func (h *harness) editSite(t *testing.T, name, old, new string) {
	t.Helper()
	path := filepath.Join(h.origin, "site", name)
	text := readFile(t, path)
	if strings.Count(text, old) != 1 {
		t.Fatalf("%s: %q is not there exactly once", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(text, old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	h.git(t, h.origin, "commit", "-q", "-am", "edit "+name)
}

// tamperCache changes one byte of a file of the newest cached baseline.
func (h *harness) tamperCache(t *testing.T, name string) {
	t.Helper()
	e := h.cache.latest(t)
	if e == nil {
		t.Fatal("no baseline in the cache to tamper with")
	}
	path := filepath.Join(e.dir, name)
	b := readBytes(t, path)
	if err := os.WriteFile(path, append(b, ' '), 0o644); err != nil {
		t.Fatal(err)
	}
}

// cacheStore plays the CI service's cache: entries saved under a key and
// a path, restored by exact key or by the newest entry under a prefix.
type cacheStore struct {
	dir     string
	entries []*cacheEntry
	saved   int // entries ever saved, to name their directories
}

type cacheEntry struct {
	key, path, dir string
}

// save stores work/path under key. GitHub's entries are immutable (a
// second save under a key is refused); GitLab's are replaced.
func (c *cacheStore) save(t *testing.T, work, path, key string, replace bool) {
	t.Helper()
	src := filepath.Join(work, filepath.FromSlash(path))
	if _, err := os.Stat(src); err != nil {
		t.Logf("cache: nothing to save at %s", path)
		return
	}
	for i, e := range c.entries {
		if e.key == key && e.path == path {
			if !replace {
				t.Fatalf("cache: key %s saved twice", key)
			}
			c.entries = slices.Delete(c.entries, i, i+1)
			break
		}
	}
	c.saved++
	e := &cacheEntry{key: key, path: path, dir: filepath.Join(c.dir, fmt.Sprint(c.saved))}
	if err := os.CopyFS(e.dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	c.entries = append(c.entries, e)
}

// restore copies the entry for key, else the newest under one of the
// prefixes, into work; it reports whether one was found.
func (c *cacheStore) restore(t *testing.T, work, path, key string, prefixes []string) bool {
	t.Helper()
	var found *cacheEntry
	for _, e := range slices.Backward(c.entries) {
		if e.path != path {
			continue
		}
		if e.key == key {
			found = e
			break
		}
		if found == nil && slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(e.key, p) }) {
			found = e
		}
	}
	if found == nil {
		return false
	}
	if err := os.CopyFS(filepath.Join(work, filepath.FromSlash(path)), os.DirFS(found.dir)); err != nil {
		t.Fatal(err)
	}
	return true
}

func (c *cacheStore) latest(t *testing.T) *cacheEntry {
	if len(c.entries) == 0 {
		return nil
	}
	return c.entries[len(c.entries)-1]
}

// shell runs script with bash the way both services do for these
// templates (errexit and pipefail), in dir, and returns its exit code.
func shell(t *testing.T, dir string, env []string, script string, log *bytes.Buffer) int {
	t.Helper()
	f := filepath.Join(t.TempDir(), "step.sh")
	if err := os.WriteFile(f, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", f)
	cmd.Dir = dir
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = log, log
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		return ee.ExitCode()
	case err != nil:
		t.Fatalf("bash: %v", err)
	}
	return 0
}

// onlyInstall fails unless every line of script installs slate with go
// install from the module proxy: the one piece of the GitLab template the
// test replaces (by the binary built from this tree), as the module proxy
// is a hosted service (TestGoInstallable checks what it needs).
func onlyInstall(t *testing.T, where, script string) {
	t.Helper()
	for _, line := range strings.Split(strings.TrimSpace(script), "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), `go install "github.com/slate-ot/slate/cmd/slate@`) {
			t.Fatalf("%s: %q is not the slate install the test replaces", where, line)
		}
	}
}

// decodeStrict reads a template, refusing keys the test does not know,
// so a template cannot grow a setting its test ignores.
func decodeStrict(t *testing.T, file string, v any) {
	t.Helper()
	raw := readBytes(t, file)
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

func readBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readFile(t *testing.T, path string) string { return string(readBytes(t, path)) }

// envList turns a map into KEY=VALUE pairs after base, sorted, so later
// keys win in exec's handling of duplicates.
func envList(base []string, m map[string]string) []string {
	env := slices.Clone(base)
	for _, k := range slices.Sorted(maps.Keys(m)) {
		env = append(env, k+"="+m[k])
	}
	return env
}
