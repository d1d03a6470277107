package ci_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// glFile is the part of a .gitlab-ci.yml the template uses. Decoding is
// strict: a key missing here fails the test.
type glFile struct {
	Stages    []string          `yaml:"stages"`
	Variables map[string]string `yaml:"variables"`
	Jobs      map[string]glJob  `yaml:",inline"`
}

type glJob struct {
	Stage string `yaml:"stage"`
	Image string `yaml:"image"`
	Rules []struct {
		If string `yaml:"if"`
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

// runGitLab runs the template's job in work as a GitLab runner with a
// shell executor would: the cache restored, the script's lines in one
// bash with errexit and pipefail, after_script in another, the cache
// saved, the artifacts collected. before_script only installs slate; the
// test puts the binary built from this checkout on PATH instead.
func runGitLab(t *testing.T, h *harness, work string, in runInput) runResult {
	var f glFile
	decodeStrict(t, "gitlab-ci.yml", &f)
	if len(f.Jobs) != 1 {
		t.Fatalf("%d jobs, want one", len(f.Jobs))
	}
	var (
		name string
		job  glJob
	)
	for n, j := range f.Jobs {
		name, job = n, j
	}
	checkGitLabJob(t, &f, job)

	// Variables, lowest precedence first: the file's, the job's, then the
	// project's CI/CD variables and the pipeline's (the schedule's form).
	keyFile := filepath.Join(t.TempDir(), "COSIGN_PRIVATE_KEY")
	if err := os.WriteFile(keyFile, h.keyPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{
		"CI": "true", "GITLAB_CI": "true",
		"CI_PROJECT_DIR": work, "CI_JOB_NAME": name, "CI_PIPELINE_SOURCE": "schedule",
		"CI_PIPELINE_ID": filepath.Base(work), "CI_COMMIT_REF_SLUG": "main",
		"CI_COMMIT_SHA": h.git(t, work, "rev-parse", "HEAD"),
	}
	expand := func(s string) string { return os.Expand(s, func(k string) string { return vars[k] }) }
	for _, m := range []map[string]string{f.Variables, job.Variables} {
		for k, v := range m {
			vars[k] = expand(v)
		}
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
	env := envList(h.env, vars)

	var log bytes.Buffer
	cacheKey := expand(job.Cache.Key)
	for _, p := range job.Cache.Paths {
		p = strings.TrimSuffix(p, "/")
		hit := h.cache.restore(t, work, p, cacheKey, nil)
		fmt.Fprintf(&log, "cache restore %s (%s): hit %v\n", p, cacheKey, hit)
	}
	for i, line := range job.BeforeScript {
		onlyInstall(t, fmt.Sprintf("before_script[%d]", i), line)
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
		for _, p := range append(job.Artifacts.Paths, job.Artifacts.Reports.JUnit) {
			if _, err := os.Stat(filepath.Join(work, p)); err != nil {
				t.Errorf("artifact %s: %v", p, err)
			}
		}
	}
	return runResult{failed: code != 0, log: log.String(), summary: log.String()}
}

// checkGitLabJob: the job runs on a schedule, keeps the baseline whatever
// the outcome, and archives for a while what it made.
func checkGitLabJob(t *testing.T, f *glFile, job glJob) {
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
