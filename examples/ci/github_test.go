package ci_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path"
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
	Needs    yaml.Node `yaml:"needs"`
	If       string    `yaml:"if"`
	Strategy struct {
		FailFast *bool               `yaml:"fail-fast"`
		Matrix   map[string][]string `yaml:"matrix"`
	} `yaml:"strategy"`
	Environment    string            `yaml:"environment"`
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

// ghAction is a composite action's action.yml, decoded as strictly.
type ghAction struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	Inputs      map[string]struct {
		Description string  `yaml:"description"`
		Required    bool    `yaml:"required"`
		Default     *string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Description string `yaml:"description"`
		Value       string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string   `yaml:"using"`
		Steps []ghStep `yaml:"steps"`
	} `yaml:"runs"`
}

// slateAction is how a workflow names an action of this repository: the
// test runs the action.yml of this checkout at the path that follows.
const slateAction = "slate-ot/slate/"

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
	wf      *ghWorkflow
	job     *ghJob
	work    string
	temp    string
	in      runInput
	envFile map[string]string // what steps wrote to GITHUB_ENV
	path    []string          // what steps wrote to GITHUB_PATH, newest first
	summary string            // GITHUB_STEP_SUMMARY
	sarif   []string          // the SARIF files code scanning was given
	// out and site are the slate action's output folder and site.
	out, site string
	log       bytes.Buffer
	// matrix is the job's matrix combination, environment its GitHub
	// environment (whose secrets it reads) and runID the workflow run's
	// id, shared by the jobs of one run; all empty for a single job.
	matrix      map[string]string
	environment string
	runID       string
}

// ghScope is where a step runs: the workflow's job, or a composite
// action's steps, each with its own inputs and step outputs.
type ghScope struct {
	// action is the composite action's directory; "" in the workflow.
	action string
	// inputs are the action's inputs, defaults applied; in the workflow,
	// the workflow_dispatch inputs are the run's.
	inputs  map[string]string
	outputs map[string]map[string]string // step id → outputs
}

// runGitHub runs the workflow's single job in work: every step, in order,
// with the conditions, inputs and step outputs GitHub gives them, the
// composite action of this repository step by step, its run steps with
// bash as written. Only the actions of hosted services are played by the
// test (checkout by the harness, cache by the cache store), or not called
// and their inputs checked (code scanning, artifact uploads), each named
// in the log with the reason.
func runGitHub(t *testing.T, h *harness, work string, in runInput) runResult {
	var wf ghWorkflow
	decodeStrict(t, "github-actions.yml", &wf)
	checkGitHubTriggers(t, &wf)
	if len(wf.Jobs) != 1 {
		t.Fatalf("%d jobs, want one", len(wf.Jobs))
	}
	var job ghJob
	for _, j := range wf.Jobs {
		job = j
	}
	r := &ghRunner{t: t, h: h, wf: &wf, job: &job, work: work, temp: t.TempDir(), in: in, envFile: map[string]string{}}
	r.summary = filepath.Join(r.temp, "step-summary.md")
	if err := os.WriteFile(r.summary, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	ok := r.steps(&ghScope{outputs: map[string]map[string]string{}}, job.Steps)
	out := r.out
	if out == "" {
		t.Fatal("the workflow ran no slate action")
	}
	for _, f := range r.sarif {
		checkSARIF(t, filepath.Join(work, f), r.site)
	}
	if len(r.sarif) == 0 && !t.Failed() {
		t.Error("no SARIF was given to code scanning")
	}
	return runResult{failed: !ok, log: r.log.String(), summary: readFile(t, r.summary), out: out}
}

// steps runs steps in scope and reports whether they all succeeded (a
// step with continue-on-error does not count).
func (r *ghRunner) steps(sc *ghScope, steps []ghStep) bool {
	t := r.t
	failed := false
	for _, st := range steps {
		run, err := r.cond(sc, st.If, failed)
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
			ok = r.uses(sc, st)
		default:
			ok = r.run(sc, st)
		}
		if !ok && !st.ContinueOnError {
			failed = true
		}
		if t.Failed() {
			break
		}
	}
	return !failed
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
	compareRE   = regexp.MustCompile(`^([\w.-]+)\s*(==|!=)\s*'([^']*)'$`)
	literalRE   = regexp.MustCompile(`^'([^']*)'$`)
	majorRE     = regexp.MustCompile(`^v\d+$`)
	commitRE    = regexp.MustCompile(`^[0-9a-f]{40}$`)
)

// expand substitutes the ${{ }} expressions of s.
func (r *ghRunner) expand(sc *ghScope, s string) string {
	return exprRE.ReplaceAllStringFunc(s, func(m string) string {
		v, err := r.value(sc, exprRE.FindStringSubmatch(m)[1])
		if err != nil {
			r.t.Fatalf("%s: %v", m, err)
		}
		return v
	})
}

// value evaluates the expressions the templates may use: context values,
// string literals and ||. Anything else is an error, so a template
// cannot use an expression the test would get wrong.
func (r *ghRunner) value(sc *ghScope, expr string) (string, error) {
	for _, alt := range strings.Split(expr, "||") {
		alt = strings.TrimSpace(alt)
		var v string
		if m := literalRE.FindStringSubmatch(alt); m != nil {
			v = m[1]
		} else {
			var err error
			if v, err = r.context(sc, alt); err != nil {
				return "", err
			}
		}
		if v != "" {
			return v, nil
		}
	}
	return "", nil
}

func (r *ghRunner) context(sc *ghScope, ref string) (string, error) {
	parts := strings.Split(ref, ".")
	switch {
	case ref == "github.run_id" && r.runID != "":
		return r.runID, nil
	case ref == "github.run_id":
		return filepath.Base(r.work), nil
	case len(parts) == 2 && parts[0] == "matrix":
		v, ok := r.matrix[parts[1]]
		if !ok {
			return "", fmt.Errorf("the job's matrix has no %q", parts[1])
		}
		return v, nil
	case ref == "github.run_attempt":
		return "1", nil
	case ref == "github.action_path" && sc.action != "":
		return sc.action, nil
	case len(parts) == 2 && parts[0] == "inputs" && sc.action != "":
		v, ok := sc.inputs[parts[1]]
		if !ok {
			return "", fmt.Errorf("the action has no input %q", parts[1])
		}
		return v, nil
	case ref == "inputs.as_of":
		return r.in.asOf, nil
	case ref == "vars.SLATE_FAIL_ON":
		return r.in.failOn, nil
	case ref == "secrets.COSIGN_PASSWORD":
		return testPassword, nil
	case ref == "secrets.SLATE_FINGERPRINT_KEY":
		return testFingerprintKey, nil
	case ref == "secrets.COSIGN_PRIVATE_KEY" && r.environment != "":
		// The environment's secret: the site's own key.
		key, ok := r.h.siteKeys[r.environment]
		if !ok {
			return "", fmt.Errorf("no environment %q with the secret COSIGN_PRIVATE_KEY", r.environment)
		}
		return string(key), nil
	case ref == "secrets.COSIGN_PRIVATE_KEY":
		return string(r.h.keyPEM), nil
	case len(parts) == 4 && parts[0] == "steps" && parts[2] == "outputs":
		return sc.outputs[parts[1]][parts[3]], nil
	}
	return "", fmt.Errorf("the test does not know %q", ref)
}

// cond evaluates a step's if: status functions, comparisons of a context
// value with a string and hashFiles tests, joined by &&; without a status
// function success() is implied, as on GitHub.
func (r *ghRunner) cond(sc *ghScope, expr string, failed bool) (bool, error) {
	status, hasStatus, rest := !failed, false, true
	if strings.TrimSpace(expr) == "" {
		return status, nil
	}
	// An if: may be wrapped in ${{ }} (it must be when it starts with !,
	// which YAML reads as a tag).
	if m := exprRE.FindStringSubmatch(strings.TrimSpace(expr)); m != nil && m[0] == strings.TrimSpace(expr) {
		expr = m[1]
	}
	for _, term := range strings.Split(expr, "&&") {
		switch term = strings.TrimSpace(term); {
		case term == "always()":
			status, hasStatus = true, true
		case term == "!cancelled()":
			// The test cancels no run.
			status, hasStatus = true, true
		case term == "success()":
			status, hasStatus = !failed, true
		case term == "failure()":
			status, hasStatus = failed, true
		case hashFilesRE.MatchString(term):
			_, err := os.Stat(filepath.Join(r.work, hashFilesRE.FindStringSubmatch(term)[1]))
			rest = rest && err == nil
		case compareRE.MatchString(term):
			m := compareRE.FindStringSubmatch(term)
			v, err := r.context(sc, m[1])
			if err != nil {
				return false, err
			}
			rest = rest && (v == m[3]) == (m[2] == "==")
		default:
			return false, fmt.Errorf("the test does not know %q", term)
		}
	}
	if !hasStatus {
		status = !failed
	}
	return status && rest, nil
}

// run runs a run step with bash, as written, and reads what it wrote to
// GITHUB_OUTPUT, GITHUB_ENV and GITHUB_PATH. It reports whether the step
// succeeded.
func (r *ghRunner) run(sc *ghScope, st ghStep) bool {
	t := r.t
	switch shell := st.Shell; {
	case sc.action != "" && shell != "bash":
		// A composite action's run steps must name their shell.
		t.Fatalf("action step %q: shell %q; want bash", st.label(), shell)
	case shell == "" && r.wf.Defaults.Run.Shell != "bash", shell != "" && shell != "bash":
		t.Fatalf("step %q: shell %q (defaults %q); the test runs bash", st.label(), shell, r.wf.Defaults.Run.Shell)
	}
	output := filepath.Join(r.temp, "output")
	envFile := filepath.Join(r.temp, "env")
	pathFile := filepath.Join(r.temp, "path")
	for _, f := range []string{output, envFile, pathFile} {
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	vars := map[string]string{
		"CI": "true", "GITHUB_ACTIONS": "true",
		"GITHUB_WORKSPACE": r.work, "RUNNER_TEMP": r.temp,
		"GITHUB_OUTPUT": output, "GITHUB_ENV": envFile, "GITHUB_PATH": pathFile,
		"GITHUB_STEP_SUMMARY": r.summary,
	}
	if sc.action != "" {
		vars["GITHUB_ACTION_PATH"] = sc.action
	}
	for _, m := range []map[string]string{r.wf.Env, r.job.Env, r.envFile, st.Env} {
		for k, v := range m {
			vars[k] = r.expand(sc, v)
		}
	}
	env := envList(r.h.env, vars)
	if len(r.path) > 0 {
		env = append(env, "PATH="+strings.Join(r.path, string(os.PathListSeparator))+string(os.PathListSeparator)+r.h.path)
	}
	code := shell(t, r.work, env, r.expand(sc, st.Run), &r.log)
	if code != 0 {
		fmt.Fprintf(&r.log, "## step %q exited %d\n", st.label(), code)
	}
	if st.ID != "" {
		sc.outputs[st.ID] = parseGitHubFile(t, output)
	}
	for k, v := range parseGitHubFile(t, envFile) {
		r.envFile[k] = v
	}
	for _, p := range strings.Split(strings.TrimSpace(readFile(t, pathFile)), "\n") {
		if p != "" {
			r.path = append([]string{p}, r.path...)
		}
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

// uses runs the composite action of this repository step by step, and
// plays the actions of hosted services. An action the test does not know
// fails it.
func (r *ghRunner) uses(sc *ghScope, st ghStep) bool {
	t := r.t
	action, version, _ := strings.Cut(st.Uses, "@")
	with := map[string]string{}
	for k, v := range st.With {
		with[k] = r.expand(sc, v)
	}
	if rest, ok := strings.CutPrefix(action, slateAction); ok {
		// Pinned to a commit, or following the default branch.
		if version != "main" && !commitRE.MatchString(version) {
			t.Errorf("step %q: pin %s to a commit (or main), not %q", st.label(), action, version)
		}
		return r.composite(sc, st, rest, with)
	}
	if !majorRE.MatchString(version) {
		t.Errorf("step %q: pin %s to a major version tag, not %q", st.label(), action, version)
	}
	switch action {
	case "actions/checkout":
		// The harness cloned the repository with its history; a job that
		// assesses needs it for the baseline's commit.
		if with["fetch-depth"] != "0" && usesAssess(r.job) {
			t.Errorf("checkout: fetch-depth %q; the baseline's commit must be fetched (0)", with["fetch-depth"])
		}
		fmt.Fprintln(&r.log, "(played: the test cloned the site repository with its history)")
	case "actions/setup-go":
		if !strings.HasPrefix(with["go-version"], "1.26") {
			t.Errorf("setup-go: go-version %q, want 1.26.x", with["go-version"])
		}
		fmt.Fprintln(&r.log, "(played: the go on the test's PATH)")
	case "actions/cache/restore":
		var prefixes []string
		for _, p := range strings.Split(with["restore-keys"], "\n") {
			if p = strings.TrimSpace(p); p != "" {
				prefixes = append(prefixes, p)
			}
		}
		hit := r.h.cache.restore(t, r.work, with["path"], with["key"], prefixes)
		fmt.Fprintf(&r.log, "(played: the test's cache) restore %s: hit %v\n", with["path"], hit)
	case "actions/cache/save":
		r.h.cache.save(t, r.work, with["path"], with["key"], false)
		fmt.Fprintf(&r.log, "(played: the test's cache) save %s as %s\n", with["path"], with["key"])
	case "github/codeql-action/upload-sarif":
		// Checked once the run is over: that it is SARIF 2.1.0 whose
		// paths start at the repository root.
		r.sarif = append(r.sarif, with["sarif_file"])
		fmt.Fprintf(&r.log, "(not called: code scanning is a hosted service; %s is checked instead)\n", with["sarif_file"])
	case "actions/upload-artifact":
		if with["name"] == "" {
			t.Errorf("upload-artifact: no name")
		}
		src := filepath.Join(r.work, with["path"])
		if _, err := os.Stat(src); err != nil {
			t.Errorf("upload-artifact %s: %v", with["name"], err)
			break
		}
		// Artifact names are unique within a workflow run (v4 refuses a
		// second upload under a name): the jobs of a matrix need their own.
		dst := filepath.Join(r.h.artifacts, with["name"])
		if _, err := os.Stat(dst); err == nil {
			t.Errorf("upload-artifact: %s uploaded twice in one run", with["name"])
			break
		}
		if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&r.log, "(played: the test's artifact store) upload %s as %s\n", with["path"], with["name"])
	case "actions/download-artifact":
		// v4: every artifact whose name matches pattern, each into a
		// folder of its name under path.
		if with["pattern"] == "" || with["path"] == "" || with["merge-multiple"] == "true" {
			t.Errorf("download-artifact: want pattern and path, each artifact in its own folder; got %v", with)
			break
		}
		entries, _ := os.ReadDir(r.h.artifacts)
		n := 0
		for _, e := range entries {
			if ok, err := path.Match(with["pattern"], e.Name()); err != nil || !ok {
				continue
			}
			if err := os.CopyFS(filepath.Join(r.work, with["path"], e.Name()), os.DirFS(filepath.Join(r.h.artifacts, e.Name()))); err != nil {
				t.Fatal(err)
			}
			n++
		}
		fmt.Fprintf(&r.log, "(played: the test's artifact store) downloaded %d artifact(s) matching %s into %s\n", n, with["pattern"], with["path"])
	default:
		t.Fatalf("step %q: the test does not know the action %s", st.label(), action)
	}
	return !t.Failed()
}

// composite runs the composite action at path (from the repository root)
// of this checkout with the inputs with: the inputs checked against its
// declaration and defaults applied, then its steps in their own scope, its
// outputs set as the calling step's.
func (r *ghRunner) composite(caller *ghScope, st ghStep, path string, with map[string]string) bool {
	t := r.t
	dir, err := filepath.Abs(filepath.Join("..", "..", filepath.FromSlash(path)))
	if err != nil {
		t.Fatal(err)
	}
	var a ghAction
	decodeStrict(t, filepath.Join(dir, "action.yml"), &a)
	if a.Runs.Using != "composite" {
		t.Fatalf("%s: runs.using %q, want composite", path, a.Runs.Using)
	}
	sc := &ghScope{action: dir, inputs: map[string]string{}, outputs: map[string]map[string]string{}}
	for name, in := range a.Inputs {
		v, given := with[name]
		switch {
		case given:
		case in.Required:
			t.Fatalf("step %q: the required input %s of %s is not given", st.label(), name, path)
		case in.Default != nil:
			v = *in.Default
		}
		sc.inputs[name] = v
	}
	for name := range with {
		if _, ok := a.Inputs[name]; !ok {
			t.Fatalf("step %q: %s has no input %q", st.label(), path, name)
		}
	}
	r.out, r.site = sc.inputs["out"], sc.inputs["site"]
	ok := r.steps(sc, a.Runs.Steps)
	if st.ID != "" {
		outs := map[string]string{}
		for name, o := range a.Outputs {
			outs[name] = r.expand(sc, o.Value)
		}
		caller.outputs[st.ID] = outs
	}
	return ok
}

// checkSARIF checks what code scanning would be given: SARIF 2.1.0 whose
// assessment directory is site under the repository root, so that alerts
// open the evidence files.
func checkSARIF(t *testing.T, file, site string) {
	t.Helper()
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Bases map[string]struct {
				URI       string `json:"uri"`
				URIBaseID string `json:"uriBaseId"`
			} `json:"originalUriBaseIds"`
		} `json:"runs"`
	}
	raw, err := os.ReadFile(file)
	if err == nil {
		err = json.Unmarshal(raw, &log)
	}
	if err != nil || log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("upload-sarif: %s is not a SARIF 2.1.0 log of one run (%v)", file, err)
	}
	want := strings.Trim(site, "./") + "/"
	if got := log.Runs[0].Bases["ASSESSMENTDIR"]; got.URI != want || got.URIBaseID != "%SRCROOT%" {
		t.Errorf("upload-sarif: %s: ASSESSMENTDIR is %+v, want %q under %%SRCROOT%% (--sarif-root)", file, got, want)
	}
}

// usesAssess says whether job runs slate's assess action.
func usesAssess(job *ghJob) bool {
	for _, st := range job.Steps {
		if strings.HasPrefix(st.Uses, slateAction+".github/actions/assess@") {
			return true
		}
	}
	return false
}
