package ci_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// ghWorkflow is the part of a GitHub Actions workflow the template uses.
// Decoding is strict: a key missing here fails the test.
type ghWorkflow struct {
	Name        string               `yaml:"name"`
	On          map[string]yaml.Node `yaml:"on"`
	Permissions map[string]string    `yaml:"permissions"`
	Concurrency yaml.Node            `yaml:"concurrency"`
	Env         map[string]string    `yaml:"env"`
	Defaults    struct {
		Run struct {
			Shell string `yaml:"shell"`
		} `yaml:"run"`
	} `yaml:"defaults"`
	Jobs map[string]ghJob `yaml:"jobs"`
}

type ghJob struct {
	RunsOn         string            `yaml:"runs-on"`
	TimeoutMinutes int               `yaml:"timeout-minutes"`
	Env            map[string]string `yaml:"env"`
	Steps          []ghStep          `yaml:"steps"`
}

type ghStep struct {
	ID              string            `yaml:"id"`
	Name            string            `yaml:"name"`
	If              string            `yaml:"if"`
	Uses            string            `yaml:"uses"`
	With            map[string]string `yaml:"with"`
	Run             string            `yaml:"run"`
	Shell           string            `yaml:"shell"`
	Env             map[string]string `yaml:"env"`
	ContinueOnError bool              `yaml:"continue-on-error"`
}

func (s ghStep) label() string {
	for _, l := range []string{s.Name, s.ID, s.Uses} {
		if l != "" {
			return l
		}
	}
	return "(unnamed step)"
}

// ghRunner plays one run of a workflow's job on a runner.
type ghRunner struct {
	t       *testing.T
	h       *harness
	work    string
	temp    string
	in      runInput
	outputs map[string]map[string]string // step id → outputs
	envFile map[string]string            // what steps wrote to GITHUB_ENV
	summary string                       // GITHUB_STEP_SUMMARY
	log     bytes.Buffer
}

// runGitHub runs the workflow's single job in work: every run step, in
// order, with the conditions and step outputs GitHub gives them; the
// actions it uses are played by the test (checkout by the harness, cache
// by the cache store, uploads by checking the files they would upload).
func runGitHub(t *testing.T, h *harness, work string, in runInput) runResult {
	var wf ghWorkflow
	decodeStrict(t, "github-actions.yml", &wf)
	checkGitHubTriggers(t, &wf)
	if wf.Defaults.Run.Shell != "bash" {
		t.Fatalf("defaults.run.shell is %q; the test runs steps as bash", wf.Defaults.Run.Shell)
	}
	if len(wf.Jobs) != 1 {
		t.Fatalf("%d jobs, want one", len(wf.Jobs))
	}
	var job ghJob
	for _, j := range wf.Jobs {
		job = j
	}
	r := &ghRunner{t: t, h: h, work: work, temp: t.TempDir(), in: in,
		outputs: map[string]map[string]string{}, envFile: map[string]string{}}
	r.summary = filepath.Join(r.temp, "step-summary.md")
	if err := os.WriteFile(r.summary, nil, 0o644); err != nil {
		t.Fatal(err)
	}

	failed := false
	for _, st := range job.Steps {
		run, err := r.cond(st.If, failed)
		if err != nil {
			t.Fatalf("step %q: if: %v", st.label(), err)
		}
		if !run {
			fmt.Fprintf(&r.log, "## skipped: %s\n", st.label())
			continue
		}
		fmt.Fprintf(&r.log, "## step: %s\n", st.label())
		var ok bool
		switch {
		case st.Uses != "" && st.Run != "":
			t.Fatalf("step %q has both uses and run", st.label())
		case st.Uses != "":
			ok = r.uses(st)
		default:
			ok = r.run(&wf, &job, st)
		}
		if !ok && !st.ContinueOnError {
			failed = true
		}
		if t.Failed() {
			break
		}
	}
	return runResult{failed: failed, log: r.log.String(), summary: readFile(t, r.summary)}
}

// checkGitHubTriggers: the workflow runs on a schedule and by hand.
func checkGitHubTriggers(t *testing.T, wf *ghWorkflow) {
	t.Helper()
	var schedule []struct {
		Cron string `yaml:"cron"`
	}
	node, ok := wf.On["schedule"]
	if !ok {
		t.Fatal("on: no schedule")
	}
	if err := node.Decode(&schedule); err != nil || len(schedule) == 0 || len(strings.Fields(schedule[0].Cron)) != 5 {
		t.Fatalf("on.schedule: want a five-field cron (%v)", err)
	}
	if _, ok := wf.On["workflow_dispatch"]; !ok {
		t.Fatal("on: no workflow_dispatch")
	}
	if wf.Permissions["security-events"] != "write" {
		t.Error("permissions: upload-sarif needs security-events: write")
	}
}

var (
	exprRE      = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)
	hashFilesRE = regexp.MustCompile(`^hashFiles\('([^']+)'\) != ''$`)
	literalRE   = regexp.MustCompile(`^'([^']*)'$`)
)

// expand substitutes the ${{ }} expressions of s.
func (r *ghRunner) expand(s string) string {
	return exprRE.ReplaceAllStringFunc(s, func(m string) string {
		v, err := r.value(exprRE.FindStringSubmatch(m)[1])
		if err != nil {
			r.t.Fatalf("%s: %v", m, err)
		}
		return v
	})
}

// value evaluates the expressions the template may use: context values,
// string literals and ||. Anything else is an error, so the template
// cannot use an expression the test would get wrong.
func (r *ghRunner) value(expr string) (string, error) {
	for _, alt := range strings.Split(expr, "||") {
		alt = strings.TrimSpace(alt)
		var v string
		if m := literalRE.FindStringSubmatch(alt); m != nil {
			v = m[1]
		} else {
			var err error
			if v, err = r.context(alt); err != nil {
				return "", err
			}
		}
		if v != "" {
			return v, nil
		}
	}
	return "", nil
}

func (r *ghRunner) context(ref string) (string, error) {
	parts := strings.Split(ref, ".")
	switch {
	case ref == "github.run_id":
		return filepath.Base(r.work), nil
	case ref == "github.run_attempt":
		return "1", nil
	case ref == "inputs.as_of":
		return r.in.asOf, nil
	case ref == "vars.SLATE_FAIL_ON":
		return r.in.failOn, nil
	case ref == "secrets.COSIGN_PASSWORD":
		return testPassword, nil
	case ref == "secrets.SLATE_FINGERPRINT_KEY":
		return testFingerprintKey, nil
	case ref == "secrets.COSIGN_PRIVATE_KEY":
		return string(r.h.keyPEM), nil
	case len(parts) == 4 && parts[0] == "steps" && parts[2] == "outputs":
		return r.outputs[parts[1]][parts[3]], nil
	}
	return "", fmt.Errorf("the test does not know %q", ref)
}

// cond evaluates a step's if: status functions and hashFiles tests joined
// by &&; without a status function success() is implied, as on GitHub.
func (r *ghRunner) cond(expr string, failed bool) (bool, error) {
	status, hasStatus, files := !failed, false, true
	if strings.TrimSpace(expr) == "" {
		return status, nil
	}
	for _, term := range strings.Split(expr, "&&") {
		switch term = strings.TrimSpace(term); {
		case term == "always()":
			status, hasStatus = true, true
		case term == "success()":
			status, hasStatus = !failed, true
		case term == "failure()":
			status, hasStatus = failed, true
		case hashFilesRE.MatchString(term):
			_, err := os.Stat(filepath.Join(r.work, hashFilesRE.FindStringSubmatch(term)[1]))
			files = files && err == nil
		default:
			return false, fmt.Errorf("the test does not know %q", term)
		}
	}
	if !hasStatus {
		status = !failed
	}
	return status && files, nil
}

// run runs a run step with bash and reads what it wrote to GITHUB_OUTPUT
// and GITHUB_ENV. It reports whether the step succeeded.
func (r *ghRunner) run(wf *ghWorkflow, job *ghJob, st ghStep) bool {
	t := r.t
	if st.Shell != "" && st.Shell != "bash" {
		t.Fatalf("step %q: shell %q; the test runs bash", st.label(), st.Shell)
	}
	if st.ID == "install" {
		onlyInstall(t, "step install", st.Run)
		fmt.Fprintln(&r.log, "(slate is the binary built from this checkout)")
		return true
	}
	output := filepath.Join(r.temp, "output")
	envFile := filepath.Join(r.temp, "env")
	for _, f := range []string{output, envFile} {
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	vars := map[string]string{
		"CI": "true", "GITHUB_ACTIONS": "true",
		"GITHUB_WORKSPACE": r.work, "RUNNER_TEMP": r.temp,
		"GITHUB_OUTPUT": output, "GITHUB_ENV": envFile, "GITHUB_STEP_SUMMARY": r.summary,
	}
	for _, m := range []map[string]string{wf.Env, job.Env, r.envFile, st.Env} {
		for k, v := range m {
			vars[k] = r.expand(v)
		}
	}
	code := shell(t, r.work, envList(r.h.env, vars), r.expand(st.Run), &r.log)
	if code != 0 {
		fmt.Fprintf(&r.log, "## step %q exited %d\n", st.label(), code)
	}
	if st.ID != "" {
		r.outputs[st.ID] = parseGitHubFile(t, output)
	}
	for k, v := range parseGitHubFile(t, envFile) {
		r.envFile[k] = v
	}
	return code == 0
}

// parseGitHubFile reads GITHUB_OUTPUT or GITHUB_ENV: NAME=value lines and
// NAME<<DELIMITER blocks.
func parseGitHubFile(t *testing.T, path string) map[string]string {
	t.Helper()
	m := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(readBytes(t, path)))
	for sc.Scan() {
		line := sc.Text()
		if name, delim, ok := strings.Cut(line, "<<"); ok && !strings.Contains(name, "=") {
			var lines []string
			for sc.Scan() && sc.Text() != delim {
				lines = append(lines, sc.Text())
			}
			m[name] = strings.Join(lines, "\n")
			continue
		}
		name, value, ok := strings.Cut(line, "=")
		if !ok || name == "" {
			t.Fatalf("%s: %q is neither NAME=value nor NAME<<DELIMITER", filepath.Base(path), line)
		}
		m[name] = value
	}
	return m
}

// uses plays the actions the template uses. An action the test does not
// know fails it.
func (r *ghRunner) uses(st ghStep) bool {
	t := r.t
	action, version, _ := strings.Cut(st.Uses, "@")
	if !regexp.MustCompile(`^v\d+$`).MatchString(version) {
		t.Errorf("step %q: pin %s to a major version tag, not %q", st.label(), action, version)
	}
	with := map[string]string{}
	for k, v := range st.With {
		with[k] = r.expand(v)
	}
	switch action {
	case "actions/checkout":
		// The harness cloned the repository with its history.
		if with["fetch-depth"] != "0" {
			t.Errorf("checkout: fetch-depth %q; the baseline's commit must be fetched (0)", with["fetch-depth"])
		}
	case "actions/setup-go":
		if !strings.HasPrefix(with["go-version"], "1.26") {
			t.Errorf("setup-go: go-version %q, want 1.26.x", with["go-version"])
		}
	case "actions/cache/restore":
		var prefixes []string
		for _, p := range strings.Split(with["restore-keys"], "\n") {
			if p = strings.TrimSpace(p); p != "" {
				prefixes = append(prefixes, p)
			}
		}
		hit := r.h.cache.restore(t, r.work, with["path"], with["key"], prefixes)
		fmt.Fprintf(&r.log, "cache restore %s: hit %v\n", with["path"], hit)
	case "actions/cache/save":
		r.h.cache.save(t, r.work, with["path"], with["key"], false)
	case "github/codeql-action/upload-sarif":
		var sarif struct {
			Version string `json:"version"`
		}
		raw, err := os.ReadFile(filepath.Join(r.work, with["sarif_file"]))
		if err != nil || json.Unmarshal(raw, &sarif) != nil || sarif.Version != "2.1.0" {
			t.Errorf("upload-sarif: %s is not SARIF 2.1.0 (%v)", with["sarif_file"], err)
		}
	case "actions/upload-artifact":
		if with["name"] == "" {
			t.Errorf("upload-artifact: no name")
		}
		if _, err := os.Stat(filepath.Join(r.work, with["path"])); err != nil {
			t.Errorf("upload-artifact %s: %v", with["name"], err)
		}
	default:
		t.Fatalf("step %q: the test does not know the action %s", st.label(), action)
	}
	return !t.Failed()
}
