package ci_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// fanoutSites are the example sites the fan-out templates assess, one
// job (or pod) each.
var fanoutSites = []string{"plant-a", "water-utility", "packaging-plant"}

// fanoutDate is the assessment date of the fan-out runs.
const fanoutDate = "2026-11-01"

// newFanoutHarness makes a repository of several sites: each example site
// under sites/, its public key under keys/ and keys.hcl mapping each
// assessment name to its key, committed; each site's private key stays
// outside it, as that site's secret.
func newFanoutHarness(t *testing.T) *harness {
	t.Helper()
	h := newBaseHarness(t)
	h.siteKeys = map[string][]byte{}
	secrets := filepath.Join(h.root, "keys")
	if err := os.MkdirAll(filepath.Join(h.origin, "keys"), 0o755); err != nil {
		t.Fatal(err)
	}
	var hcl strings.Builder
	hcl.WriteString("# Which public key each site signs its runs with (first match wins).\n")
	for _, site := range fanoutSites {
		prefix := filepath.Join(secrets, site)
		if err := os.MkdirAll(secrets, 0o755); err != nil {
			t.Fatal(err)
		}
		if out, err := h.slate(secrets, "keygen", "--output-key-prefix", prefix); err != nil {
			t.Fatalf("slate keygen: %v\n%s", err, out)
		}
		h.siteKeys[site] = readBytes(t, prefix+".key")
		if err := os.WriteFile(filepath.Join(h.origin, "keys", site+".pub"), readBytes(t, prefix+".pub"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.CopyFS(filepath.Join(h.origin, "sites", site), os.DirFS(filepath.Join("..", site))); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&hcl, "site %q {\n  key = \"keys/%s.pub\"\n}\n", site, site)
	}
	if err := os.WriteFile(filepath.Join(h.origin, "keys.hcl"), []byte(hcl.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	h.git(t, h.origin, "init", "-q", "-b", "main")
	h.git(t, h.origin, "add", "-A")
	h.git(t, h.origin, "commit", "-q", "-m", "sites")
	return h
}

// fanoutJob is one job of a fan-out run: a matrix combination (or index)
// that assessed a site, or the job that built the portfolio.
type fanoutJob struct {
	name   string
	site   string // "" for the portfolio job
	failed bool
	log    string
	work   string
	out    string // the run or portfolio folder, from work
}

// portfolioFile is what the tests read of portfolio.json.
type portfolioFile struct {
	Verified   int `json:"verified"`
	Unverified int `json:"unverified"`
	Sites      []struct {
		Assessment string `json:"assessment"`
	} `json:"sites"`
	Runs []struct {
		Path       string `json:"path"`
		Assessment string `json:"assessment"`
		Verified   bool   `json:"verified"`
		Reason     string `json:"reason"`
		Signer     *struct {
			Entry string `json:"entry"`
		} `json:"signer"`
	} `json:"runs"`
}

// checkPortfolio reads dir/portfolio.json and checks that it lists the
// fan-out sites, each with verified runs signed by the key its keys.hcl
// entry names, and wantLeftOut runs left out.
func checkPortfolio(t *testing.T, dir string, wantVerified, wantLeftOut int) portfolioFile {
	t.Helper()
	var p portfolioFile
	if err := json.Unmarshal(readBytes(t, filepath.Join(dir, "portfolio.json")), &p); err != nil {
		t.Fatal(err)
	}
	var sites []string
	for _, s := range p.Sites {
		sites = append(sites, s.Assessment)
	}
	slices.Sort(sites)
	want := slices.Sorted(slices.Values(fanoutSites))
	if wantLeftOut > 0 {
		want = nil
		for _, r := range p.Runs {
			if r.Verified && !slices.Contains(want, r.Assessment) {
				want = append(want, r.Assessment)
			}
		}
		slices.Sort(want)
	}
	if !slices.Equal(sites, want) {
		t.Errorf("portfolio sites %v, want %v", sites, want)
	}
	if p.Verified != wantVerified || p.Unverified != wantLeftOut {
		t.Errorf("portfolio: %d verified, %d left out; want %d and %d", p.Verified, p.Unverified, wantVerified, wantLeftOut)
	}
	for _, r := range p.Runs {
		switch {
		case r.Verified && (r.Signer == nil || !strings.Contains(r.Signer.Entry, fmt.Sprintf(`site \"%s\"`, r.Assessment)) && !strings.Contains(r.Signer.Entry, fmt.Sprintf(`site "%s"`, r.Assessment))):
			t.Errorf("run %s of %s: signer %+v is not its site's keys.hcl entry", r.Path, r.Assessment, r.Signer)
		case !r.Verified && r.Reason == "":
			t.Errorf("run %s left out without a reason", r.Path)
		}
	}
	return p
}

// sortedJobs returns a workflow's job names, jobs before those that need
// them.
func sortedJobs(t *testing.T, jobs map[string]ghJob) []string {
	t.Helper()
	var order []string
	done := map[string]bool{}
	for len(order) < len(jobs) {
		progress := false
		for _, name := range slices.Sorted(maps.Keys(jobs)) {
			if done[name] {
				continue
			}
			job := jobs[name]
			ready := true
			for _, n := range needsOf(t, &job) {
				ready = ready && done[n]
			}
			if ready {
				order, done[name], progress = append(order, name), true, true
			}
		}
		if !progress {
			t.Fatalf("jobs: a cycle in needs")
		}
	}
	return order
}

// needsOf reads a job's needs: one name or a list.
func needsOf(t *testing.T, job *ghJob) []string {
	t.Helper()
	if job.Needs.Kind == 0 {
		return nil
	}
	var one string
	if err := job.Needs.Decode(&one); err == nil {
		return []string{one}
	}
	var many []string
	if err := job.Needs.Decode(&many); err != nil {
		t.Fatalf("needs: %v", err)
	}
	return many
}

// matrixOf expands a job's matrix into its combinations, in the order
// GitHub lists them (the first key varies slowest); one empty combination
// without a matrix.
func matrixOf(job *ghJob) []map[string]string {
	combos := []map[string]string{{}}
	for _, k := range slices.Sorted(maps.Keys(job.Strategy.Matrix)) {
		var next []map[string]string
		for _, c := range combos {
			for _, v := range job.Strategy.Matrix[k] {
				m := maps.Clone(c)
				m[k] = v
				next = append(next, m)
			}
		}
		combos = next
	}
	return combos
}

// runGitHubFanout runs a fan-out workflow's jobs in order, each matrix
// combination as a job of its own in a fresh checkout (its own runner),
// with the artifacts of earlier jobs in the store, and returns every job.
// between, if set, runs after the jobs of the first stage (the matrix),
// before the jobs that need them: a test may change the stored artifacts
// there.
func runGitHubFanout(t *testing.T, h *harness, file, runID string, in runInput, between func()) []fanoutJob {
	t.Helper()
	var wf ghWorkflow
	decodeStrict(t, file, &wf)
	checkGitHubTriggers(t, &wf)
	var jobs []fanoutJob
	failed := map[string]bool{}
	for _, name := range sortedJobs(t, wf.Jobs) {
		job := wf.Jobs[name]
		needs := needsOf(t, &job)
		if len(needs) > 0 && between != nil {
			between()
			between = nil
		}
		if len(job.Strategy.Matrix) > 0 && (job.Strategy.FailFast == nil || *job.Strategy.FailFast) {
			t.Errorf("job %s: fail-fast must be false, or one site's gaps cancel the others", name)
		}
		anyFailed := false
		for _, n := range needs {
			anyFailed = anyFailed || failed[n]
		}
		for _, combo := range matrixOf(&job) {
			label := name
			for _, k := range slices.Sorted(maps.Keys(combo)) {
				label += "-" + combo[k]
			}
			work := h.checkout(t, runID+"-"+label)
			r := &ghRunner{t: t, h: h, wf: &wf, job: &job, work: work, temp: t.TempDir(), in: in,
				envFile: map[string]string{}, matrix: combo, runID: runID}
			sc := &ghScope{outputs: map[string]map[string]string{}}
			run, err := r.cond(sc, job.If, anyFailed)
			if err != nil {
				t.Fatalf("job %s: if: %v", name, err)
			}
			if !run {
				t.Logf("job %s skipped", label)
				continue
			}
			r.environment = r.expand(sc, job.Environment)
			r.summary = filepath.Join(r.temp, "step-summary.md")
			if err := os.WriteFile(r.summary, nil, 0o644); err != nil {
				t.Fatal(err)
			}
			ok := r.steps(sc, job.Steps)
			for _, f := range r.sarif {
				checkSARIF(t, filepath.Join(work, f), r.site)
			}
			failed[name] = failed[name] || !ok
			jobs = append(jobs, fanoutJob{name: label, site: combo["site"], failed: !ok,
				log: r.log.String() + "\n## job summary\n" + readFile(t, r.summary), work: work, out: r.out})
		}
	}
	return jobs
}

// TestFanout runs the fan-out templates for the three example sites:
// the matrix (or indexed) jobs each assess one site and sign its run with
// that site's own key, the runs travel to the last job (as artifacts
// through the test's store, or through an in-memory OCI registry), and the
// last job builds the portfolio, which must list the three sites, each run
// verified with its site's key. A run tampered with on its way is listed
// as not verified and left out.
func TestFanout(t *testing.T) {
	if testing.Short() {
		t.Skip("builds slate and runs the templates' commands")
	}
	t.Run("github-fanout.yml", func(t *testing.T) {
		h := newFanoutHarness(t)
		in := runInput{asOf: fanoutDate}
		jobs := runGitHubFanout(t, h, "github-fanout.yml", "100", in, nil)
		checkFanout(t, h, jobs, 3, 0)

		// The same workflow again, with one site's artifact changed
		// between the jobs: the portfolio leaves that run out.
		h.artifacts = filepath.Join(h.root, "artifacts-2")
		jobs = runGitHubFanout(t, h, "github-fanout.yml", "200", in, func() {
			tamper(t, filepath.Join(h.artifacts, "slate-run-water-utility-200-1", "scorecard.json"))
		})
		checkFanout(t, h, jobs, 2, 1)
	})
	t.Run("gitlab-fanout.yml", func(t *testing.T) {
		h := newFanoutHarness(t)
		in := runInput{asOf: fanoutDate}
		jobs := runGitLabFanout(t, h, "gitlab-fanout.yml", "100", in, nil)
		checkFanout(t, h, jobs, 3, 0)

		h.artifacts = filepath.Join(h.root, "artifacts-2")
		jobs = runGitLabFanout(t, h, "gitlab-fanout.yml", "200", in, func() {
			tamper(t, filepath.Join(h.artifacts, "200", "slate-assess packaging-plant", "runs", "packaging-plant", "scorecard.json"))
		})
		checkFanout(t, h, jobs, 2, 1)
	})
	// The cluster examples push to a registry: go-containerregistry's
	// in-memory registry, served on 127.0.0.1 by the test.
	t.Run("kubernetes/job.yaml", func(t *testing.T) {
		h := newFanoutHarness(t)
		c := newCluster(t, h)
		// Between the Jobs, someone with write access to the registry
		// replaces one site's run with an unsigned one under its tag.
		jobs := runKubernetesJobs(t, c, func() {
			run := filepath.Join(h.root, "unsigned")
			if out, err := h.slate(h.origin, "assess", "sites/water-utility", "--out", run, "--as-of", fanoutDate, "--format", "json"); err != nil && !strings.Contains(err.Error(), "exit status 1") {
				t.Fatalf("slate assess: %v\n%s", err, out)
			}
			if out, err := h.slate(h.root, "push", run, c.registry+"/slate/runs/water-utility:"+fanoutDate); err != nil {
				t.Fatalf("slate push: %v\n%s", err, out)
			}
		})
		p := checkFanout(t, h, jobs, 2, 1)
		for _, r := range p.Runs {
			if !strings.HasPrefix(r.Path, "oci://"+c.registry+"/slate/runs/") || !strings.Contains(r.Path, "@sha256:") {
				t.Errorf("run %s is not named by its reference pinned by digest", r.Path)
			}
			if !r.Verified && (r.Assessment != "water-utility" || !strings.Contains(r.Reason, "attestation: missing")) {
				t.Errorf("run %s of %s left out for %q; want the unsigned water-utility run", r.Path, r.Assessment, r.Reason)
			}
		}
	})
	t.Run("kubernetes/argo-workflow.yaml", func(t *testing.T) {
		h := newFanoutHarness(t)
		c := newCluster(t, h)
		checkFanout(t, h, runArgo(t, c, nil), 3, 0)
	})
}

// checkFanout checks a fan-out run: one job per site, each run verified
// with that site's key, and a last job whose portfolio lists them.
func checkFanout(t *testing.T, h *harness, jobs []fanoutJob, wantVerified, wantLeftOut int) portfolioFile {
	t.Helper()
	var assessed []string
	var last *fanoutJob
	for i, j := range jobs {
		if j.site == "" {
			last = &jobs[i]
			continue
		}
		assessed = append(assessed, j.site)
		// Each site's run verifies with that site's public key, and with
		// no other site's.
		if out, err := h.slate(j.work, "verify", j.out, "--key", filepath.Join("keys", j.site+".pub")); err != nil {
			t.Errorf("%s: slate verify with its key: %v\n%s", j.name, err, out)
		}
		other := fanoutSites[(slices.Index(fanoutSites, j.site)+1)%len(fanoutSites)]
		if _, err := h.slate(j.work, "verify", j.out, "--key", filepath.Join("keys", other+".pub")); err == nil {
			t.Errorf("%s: the run verifies with %s's key", j.name, other)
		}
	}
	slices.Sort(assessed)
	if want := slices.Sorted(slices.Values(fanoutSites)); !slices.Equal(assessed, want) {
		t.Errorf("sites assessed %v, want one job each for %v", assessed, want)
	}
	if last == nil {
		t.Fatal("no job built the portfolio")
	}
	if last.failed {
		t.Errorf("the portfolio job failed:\n%s", last.log)
	}
	p := checkPortfolio(t, filepath.Join(last.work, last.out), wantVerified, wantLeftOut)
	if !strings.Contains(last.log, "# Portfolio") {
		t.Errorf("the portfolio was not published:\n%s", last.log)
	}
	if t.Failed() {
		for _, j := range jobs {
			t.Logf("job %s output:\n%s", j.name, j.log)
		}
	}
	return p
}

// tamper changes one byte of a file.
func tamper(t *testing.T, file string) {
	t.Helper()
	b := readBytes(t, file)
	if err := os.WriteFile(file, append(b, ' '), 0o644); err != nil {
		t.Fatal(err)
	}
}

// glMatrix expands a job's parallel:matrix into its combinations: each
// entry of the list the product of its variables' values; one empty
// combination without a matrix.
func glMatrix(job *glJob) []map[string]string {
	if len(job.Parallel.Matrix) == 0 {
		return []map[string]string{{}}
	}
	var all []map[string]string
	for _, entry := range job.Parallel.Matrix {
		combos := []map[string]string{{}}
		for _, k := range slices.Sorted(maps.Keys(entry)) {
			var next []map[string]string
			for _, c := range combos {
				for _, v := range entry[k] {
					m := maps.Clone(c)
					m[k] = v
					next = append(next, m)
				}
			}
			combos = next
		}
		all = append(all, combos...)
	}
	return all
}

// glEnvironmentPrefix starts the environment a site's job runs in: its
// CI/CD variables are scoped to slate/SITE.
const glEnvironmentPrefix = "slate/"

// runGitLabFanout runs a fan-out pipeline stage by stage: the template's
// job merged with the pipeline's keys once per matrix combination, each in
// a fresh checkout with the key of its environment's scope, then the jobs
// that need them with their artifacts extracted into the checkout.
// between, if set, runs before the first job that needs others.
func runGitLabFanout(t *testing.T, h *harness, file, pipelineID string, in runInput, between func()) []fanoutJob {
	t.Helper()
	p, f := includeTemplate(t, file)
	all := maps.Clone(f.Jobs)
	maps.Copy(all, p.Jobs)
	var jobs []fanoutJob
	for _, stage := range p.Stages {
		for _, name := range slices.Sorted(maps.Keys(all)) {
			job := all[name]
			if job.Stage != stage {
				continue
			}
			if len(job.Needs) > 0 {
				if between != nil {
					between()
					between = nil
				}
				// It must run when a site's job failed on its gaps.
				for _, r := range job.Rules {
					if r.When != "always" {
						t.Errorf("job %s: rule %q: when %q; want always, or a site with gaps stops the portfolio", name, r.If, r.When)
					}
				}
			} else {
				checkGitLabJob(t, p, job)
			}
			for _, combo := range glMatrix(&job) {
				label := name
				for _, k := range slices.Sorted(maps.Keys(combo)) {
					label += "-" + combo[k]
				}
				work := h.checkout(t, pipelineID+"-"+label)
				run := glRun{pipelineID: pipelineID, matrix: combo}
				if job.Environment.Name != "" {
					env := os.Expand(job.Environment.Name, func(k string) string { return combo[k] })
					site, ok := strings.CutPrefix(env, glEnvironmentPrefix)
					if !ok || h.siteKeys[site] == nil {
						t.Fatalf("job %s: environment %q holds no site's key", label, env)
					}
					run.keyPEM = h.siteKeys[site]
				}
				for _, need := range job.Needs {
					if !need.Artifacts {
						continue
					}
					entries, _ := os.ReadDir(filepath.Join(h.artifacts, pipelineID))
					for _, e := range entries {
						if e.Name() == need.Job || strings.HasPrefix(e.Name(), need.Job+" ") {
							if err := os.CopyFS(work, os.DirFS(filepath.Join(h.artifacts, pipelineID, e.Name()))); err != nil {
								t.Fatalf("job %s: the artifacts of %s: %v", label, e.Name(), err)
							}
						}
					}
				}
				res := runGitLabJob(t, h, work, name, job, run, in)
				out := res.out
				if out == "" && len(job.Artifacts.Paths) > 0 {
					out = strings.TrimSuffix(job.Artifacts.Paths[0], "/")
				}
				jobs = append(jobs, fanoutJob{name: label, site: combo["SLATE_SITE"], failed: res.failed, log: res.log, work: work, out: out})
			}
		}
	}
	return jobs
}
