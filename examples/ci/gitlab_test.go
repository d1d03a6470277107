package ci_test

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// glPipeline is the site's .gitlab-ci.yml: stages and the include of
// slate's template. Decoding is strict: a key missing here fails the test.
type glPipeline struct {
	Stages  []string `yaml:"stages"`
	Include []struct {
		Remote string            `yaml:"remote"`
		Inputs map[string]string `yaml:"inputs"`
	} `yaml:"include"`
	// Jobs are the pipeline's own jobs, and its overrides of the
	// template's (merged as GitLab merges a job of the same name).
	Jobs map[string]glJob `yaml:",inline"`
}

// glSpec is the header of a template with inputs.
type glSpec struct {
	Spec struct {
		Inputs map[string]struct {
			Description string  `yaml:"description"`
			Default     *string `yaml:"default"`
		} `yaml:"inputs"`
	} `yaml:"spec"`
}

// glFile is the body of the template: its jobs, decoded as strictly.
type glFile struct {
	Jobs map[string]glJob `yaml:",inline"`
}

type glJob struct {
	Stage    string `yaml:"stage"`
	Image    string `yaml:"image"`
	Parallel struct {
		Matrix []map[string][]string `yaml:"matrix"`
	} `yaml:"parallel"`
	Environment struct {
		Name   string `yaml:"name"`
		Action string `yaml:"action"`
	} `yaml:"environment"`
	Needs []struct {
		Job       string `yaml:"job"`
		Artifacts bool   `yaml:"artifacts"`
	} `yaml:"needs"`
	Rules []struct {
		If   string `yaml:"if"`
		When string `yaml:"when"`
	} `yaml:"rules"`
	ResourceGroup string            `yaml:"resource_group"`
	Variables     map[string]string `yaml:"variables"`
	Cache         struct {
		Key   string   `yaml:"key"`
		Paths []string `yaml:"paths"`
		When  string   `yaml:"when"`
	} `yaml:"cache"`
	BeforeScript []string `yaml:"before_script"`
	Script       []string `yaml:"script"`
	AfterScript  []string `yaml:"after_script"`
	Artifacts    struct {
		Name     string   `yaml:"name"`
		When     string   `yaml:"when"`
		ExpireIn string   `yaml:"expire_in"`
		Paths    []string `yaml:"paths"`
		Reports  struct {
			JUnit string `yaml:"junit"`
		} `yaml:"reports"`
	} `yaml:"artifacts"`
}

// slateRemote starts the address of a file of slate's repository at a
// commit: the test reads the file of this checkout instead.
const slateRemote = "https://raw.githubusercontent.com/slate-ot/slate/"

var inputRE = regexp.MustCompile(`\$\[\[\s*(.*?)\s*\]\]`)

// includeTemplate reads the site's pipeline and the template it includes
// from this checkout, and returns the template's jobs with the inputs
// interpolated as GitLab does when it creates the pipeline: every input
// declared, required ones given, defaults applied, and no $[[ ]] but
// inputs.NAME.
func includeTemplate(t *testing.T, file string) (*glPipeline, *glFile) {
	t.Helper()
	var p glPipeline
	decodeStrict(t, file, &p)
	if len(p.Include) != 1 {
		t.Fatalf("%s: %d includes, want slate's template", file, len(p.Include))
	}
	inc := p.Include[0]
	rest, ok := strings.CutPrefix(inc.Remote, slateRemote)
	if !ok {
		t.Fatalf("include %s: not a file of %s", inc.Remote, slateRemote)
	}
	ref, path, _ := strings.Cut(rest, "/")
	if ref != "main" && !commitRE.MatchString(ref) {
		t.Errorf("include %s: pin a commit (or main), not %q", inc.Remote, ref)
	}
	if v := inc.Inputs["slate-version"]; v != ref {
		t.Errorf("include: slate-version %q is not the commit the template comes from, %q", v, ref)
	}
	raw := readFile(t, filepath.Join("..", "..", filepath.FromSlash(path)))
	header, body, ok := strings.Cut(raw, "\n---\n")
	if !ok {
		t.Fatalf("%s: no spec header ending in ---", path)
	}
	var spec glSpec
	dec := yaml.NewDecoder(strings.NewReader(header))
	dec.KnownFields(true)
	if err := dec.Decode(&spec); err != nil {
		t.Fatalf("%s: header: %v", path, err)
	}
	values := map[string]string{}
	for name, in := range spec.Spec.Inputs {
		v, given := inc.Inputs[name]
		switch {
		case given:
		case in.Default == nil:
			t.Fatalf("%s: the required input %s is not given", path, name)
		default:
			v = *in.Default
		}
		values[name] = v
	}
	for name := range inc.Inputs {
		if _, ok := values[name]; !ok {
			t.Fatalf("include: %s has no input %q", path, name)
		}
	}
	body = inputRE.ReplaceAllStringFunc(body, func(m string) string {
		name, ok := strings.CutPrefix(inputRE.FindStringSubmatch(m)[1], "inputs.")
		v, known := values[name]
		if !ok || !known {
			t.Fatalf("%s: %s names no input", path, m)
		}
		return v
	})
	// The pipeline's jobs of the template's names are merged into them,
	// as GitLab merges included configuration: maps key by key, the
	// pipeline's values (lists included) replacing the template's.
	var tmpl, own map[string]any
	if err := yaml.Unmarshal([]byte(body), &tmpl); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if err := yaml.Unmarshal(readBytes(t, file), &own); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	for name := range tmpl {
		if o, ok := own[name].(map[string]any); ok {
			tmpl[name] = mergeYAML(tmpl[name], o)
			delete(p.Jobs, name)
		}
	}
	merged, err := yaml.Marshal(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	var f glFile
	dec = yaml.NewDecoder(bytes.NewReader(merged))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return &p, &f
}

// mergeYAML merges over into base as GitLab merges a job into the
// included job of its name: maps deeply, anything else replaced.
func mergeYAML(base, over any) any {
	b, ok1 := base.(map[string]any)
	o, ok2 := over.(map[string]any)
	if !ok1 || !ok2 {
		return over
	}
	for k, v := range o {
		b[k] = mergeYAML(b[k], v)
	}
	return b
}

// runGitLab runs the template's job in work as a GitLab runner with a
// shell executor would: the cache restored, the script's lines in one
// bash with errexit and pipefail, after_script in another, the cache
// saved, the artifacts collected. before_script only installs slate with
// go install from the module proxy, a hosted service; the test puts the
// binary built from this checkout on PATH instead.
func runGitLab(t *testing.T, h *harness, work string, in runInput) runResult {
	p, f := includeTemplate(t, "gitlab-ci.yml")
	if len(f.Jobs) != 1 || len(p.Jobs) != 0 {
		t.Fatalf("%d template jobs and %d of the pipeline, want the template's one", len(f.Jobs), len(p.Jobs))
	}
	var (
		name string
		job  glJob
	)
	for n, j := range f.Jobs {
		name, job = n, j
	}
	checkGitLabJob(t, p, job)
	return runGitLabJob(t, h, work, name, job, glRun{pipelineID: filepath.Base(work), keyPEM: h.keyPEM}, in)
}

// glRun is what a job of a pipeline gets besides its definition: the
// pipeline's id, its matrix combination's variables, the signing key the
// project's (or the job's environment's) CI/CD variable holds.
type glRun struct {
	pipelineID string
	matrix     map[string]string
	keyPEM     []byte
}

// runGitLabJob runs job in work as a GitLab runner with a shell executor
// would, and keeps its artifacts in the harness's store under the job's
// name (the matrix values appended).
func runGitLabJob(t *testing.T, h *harness, work, name string, job glJob, run glRun, in runInput) runResult {
	// Variables, lowest precedence first: the job's, then the project's
	// CI/CD variables and the pipeline's (the schedule's form).
	keyFile := filepath.Join(t.TempDir(), "COSIGN_PRIVATE_KEY")
	if err := os.WriteFile(keyFile, run.keyPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{
		"CI": "true", "GITLAB_CI": "true",
		"CI_PROJECT_DIR": work, "CI_JOB_NAME": name, "CI_PIPELINE_SOURCE": "schedule",
		"CI_PIPELINE_ID": run.pipelineID, "CI_COMMIT_REF_SLUG": "main",
		"CI_COMMIT_SHA": h.git(t, work, "rev-parse", "HEAD"),
	}
	expand := func(s string) string { return os.Expand(s, func(k string) string { return vars[k] }) }
	maps.Copy(vars, run.matrix)
	for _, k := range slices.Sorted(maps.Keys(job.Variables)) {
		vars[k] = expand(job.Variables[k])
	}
	vars["COSIGN_PASSWORD"] = testPassword
	vars["SLATE_FINGERPRINT_KEY"] = testFingerprintKey
	vars["COSIGN_PRIVATE_KEY"] = keyFile // a "File" variable holds a path
	if in.asOf != "" {
		vars["AS_OF"] = in.asOf
	}
	if in.failOn != "" {
		vars["FAIL_ON"] = in.failOn
	}
	var log bytes.Buffer
	for i, line := range job.BeforeScript {
		onlyInstall(t, fmt.Sprintf("before_script[%d]", i), line)
	}
	fmt.Fprintln(&log, "(not run: go install from the module proxy, a hosted service; slate is the binary built from this checkout)")
	vars["PATH"] = h.bin + string(os.PathListSeparator) + h.path
	env := envList(h.env, vars)

	cacheKey := expand(job.Cache.Key)
	for _, p := range job.Cache.Paths {
		p = strings.TrimSuffix(p, "/")
		hit := h.cache.restore(t, work, p, cacheKey, nil)
		fmt.Fprintf(&log, "(played: the test's cache) restore %s (%s): hit %v\n", p, cacheKey, hit)
	}
	code := shell(t, work, env, strings.Join(job.Script, "\n"), &log)
	fmt.Fprintf(&log, "## script exited %d\n", code)
	if len(job.AfterScript) > 0 {
		shell(t, work, env, strings.Join(job.AfterScript, "\n"), &log)
	}
	if job.Cache.When == "always" || code == 0 {
		for _, p := range job.Cache.Paths {
			h.cache.save(t, work, strings.TrimSuffix(p, "/"), cacheKey, true)
		}
	}
	if job.Artifacts.When == "always" || code == 0 {
		// The runner expands variables in artifact paths.
		label := name
		for _, k := range slices.Sorted(maps.Keys(run.matrix)) {
			label += " " + run.matrix[k]
		}
		// One folder per pipeline: a job's artifacts are its run's.
		store := filepath.Join(h.artifacts, run.pipelineID, label)
		for _, p := range append(job.Artifacts.Paths, job.Artifacts.Reports.JUnit) {
			if p == "" {
				continue
			}
			p = strings.TrimSuffix(expand(p), "/")
			src := filepath.Join(work, filepath.FromSlash(p))
			fi, err := os.Stat(src)
			switch {
			case err != nil:
				t.Errorf("artifact %s: %v", p, err)
			case fi.IsDir():
				if err := os.CopyFS(filepath.Join(store, filepath.FromSlash(p)), os.DirFS(src)); err != nil {
					t.Fatal(err)
				}
			default:
				dst := filepath.Join(store, filepath.FromSlash(p))
				if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(dst, readBytes(t, src), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		fmt.Fprintf(&log, "(played: the test's artifact store) the job's artifacts kept as %q\n", filepath.Base(store))
	}
	return runResult{failed: code != 0, log: log.String(), summary: log.String(), out: vars["OUT"]}
}

// checkGitLabJob: the job runs on a schedule, keeps the baseline whatever
// the outcome, and archives for a while what it made.
func checkGitLabJob(t *testing.T, f *glPipeline, job glJob) {
	t.Helper()
	scheduled := false
	for _, r := range job.Rules {
		scheduled = scheduled || r.If == `$CI_PIPELINE_SOURCE == "schedule"`
	}
	if !scheduled {
		t.Error("rules: the job does not run in scheduled pipelines")
	}
	if len(f.Stages) == 0 || job.Stage != f.Stages[0] {
		t.Errorf("stage %q is not one of %v", job.Stage, f.Stages)
	}
	if !strings.HasPrefix(job.Image, "golang:1.26") {
		t.Errorf("image %q, want golang:1.26", job.Image)
	}
	if job.Variables["GIT_DEPTH"] != "0" {
		t.Error("variables: GIT_DEPTH must be 0 so the baseline's commit is fetched")
	}
	if job.Cache.When != "always" {
		t.Error("cache: when: always, or a failing run keeps no baseline")
	}
	a := job.Artifacts
	if a.When != "always" || a.ExpireIn == "" || a.Reports.JUnit == "" || len(a.Paths) == 0 {
		t.Errorf("artifacts: want when: always, expire_in, paths and reports: junit; got %+v", a)
	}
}

// TestGoInstallable checks what the GitLab template's go install needs of
// this module, which the template test cannot run offline: the module
// path the template names, no replace or exclude directive (go install
// pkg@version refuses a module that has one) and a main package at
// cmd/slate.
func TestGoInstallable(t *testing.T) {
	const module = "github.com/slate-ot/slate"
	for _, file := range []string{"gitlab-ci.yml", "gitlab-fanout.yml"} {
		p, f := includeTemplate(t, file)
		// The pipeline's own jobs install the version the template does.
		version := p.Include[0].Inputs["slate-version"]
		for name, j := range f.Jobs {
			for _, line := range j.BeforeScript {
				if !strings.Contains(line, `"`+module+`/cmd/slate@`) {
					t.Errorf("%s: %s: before_script %q does not install %s/cmd/slate", file, name, line, module)
				}
			}
		}
		for name, j := range p.Jobs {
			for _, line := range j.BeforeScript {
				if line != `go install "`+module+`/cmd/slate@`+version+`"` {
					t.Errorf("%s: %s: before_script %q does not install %s/cmd/slate@%s, the template's version", file, name, line, module, version)
				}
			}
		}
	}
	gomod := readFile(t, filepath.Join("..", "..", "go.mod"))
	if first, _, _ := strings.Cut(gomod, "\n"); first != "module "+module {
		t.Errorf("go.mod: %q, want module %s", first, module)
	}
	for i, line := range strings.Split(gomod, "\n") {
		if f := strings.Fields(line); len(f) > 0 && (f[0] == "replace" || f[0] == "exclude") {
			t.Errorf("go.mod:%d: %s: go install %s/cmd/slate@version would refuse the module", i+1, f[0], module)
		}
	}
	if src := readFile(t, filepath.Join("..", "..", "cmd", "slate", "main.go")); !strings.HasPrefix(src, "package main\n") && !strings.Contains(src, "\npackage main\n") {
		t.Error("cmd/slate/main.go is not package main")
	}
}
