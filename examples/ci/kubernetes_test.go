package ci_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log"
	"maps"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/registry"
	"go.yaml.in/yaml/v3"
)

// k8sContainer is a container of a pod, or an Argo script template (its
// source instead of args), decoded strictly.
type k8sContainer struct {
	Name    string   `yaml:"name"`
	Image   string   `yaml:"image"`
	Command []string `yaml:"command"`
	Args    []string `yaml:"args"`
	Source  string   `yaml:"source"`
	Env     []struct {
		Name  string `yaml:"name"`
		Value string `yaml:"value"`
	} `yaml:"env"`
	EnvFrom []struct {
		ConfigMapRef struct {
			Name string `yaml:"name"`
		} `yaml:"configMapRef"`
	} `yaml:"envFrom"`
	VolumeMounts []struct {
		Name      string `yaml:"name"`
		MountPath string `yaml:"mountPath"`
		ReadOnly  bool   `yaml:"readOnly"`
	} `yaml:"volumeMounts"`
	MirrorVolumeMounts bool `yaml:"mirrorVolumeMounts"`
}

type k8sVolume struct {
	Name     string    `yaml:"name"`
	EmptyDir *struct{} `yaml:"emptyDir"`
	Secret   *struct {
		SecretName  string `yaml:"secretName"`
		DefaultMode int    `yaml:"defaultMode"`
		Items       []struct {
			Key  string `yaml:"key"`
			Path string `yaml:"path"`
		} `yaml:"items"`
	} `yaml:"secret"`
	PersistentVolumeClaim *struct {
		ClaimName string `yaml:"claimName"`
	} `yaml:"persistentVolumeClaim"`
}

// k8sDoc is a ConfigMap or a Job of the examples.
type k8sDoc struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Metadata   struct {
		Name string `yaml:"name"`
	} `yaml:"metadata"`
	Data map[string]string `yaml:"data"`
	Spec struct {
		CompletionMode          string `yaml:"completionMode"`
		Completions             int    `yaml:"completions"`
		Parallelism             int    `yaml:"parallelism"`
		BackoffLimit            int    `yaml:"backoffLimit"`
		TTLSecondsAfterFinished int    `yaml:"ttlSecondsAfterFinished"`
		Template                struct {
			Spec struct {
				RestartPolicy  string         `yaml:"restartPolicy"`
				InitContainers []k8sContainer `yaml:"initContainers"`
				Containers     []k8sContainer `yaml:"containers"`
				Volumes        []k8sVolume    `yaml:"volumes"`
			} `yaml:"spec"`
		} `yaml:"template"`
	} `yaml:"spec"`
}

// argoWorkflow is the Argo example, decoded strictly.
type argoWorkflow struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Metadata   struct {
		GenerateName string `yaml:"generateName"`
	} `yaml:"metadata"`
	Spec struct {
		Entrypoint string `yaml:"entrypoint"`
		Arguments  struct {
			Parameters []argoParam `yaml:"parameters"`
		} `yaml:"arguments"`
		Volumes   []k8sVolume    `yaml:"volumes"`
		Templates []argoTemplate `yaml:"templates"`
	} `yaml:"spec"`
}

type argoTemplate struct {
	Name string `yaml:"name"`
	DAG  *struct {
		Tasks []struct {
			Name      string   `yaml:"name"`
			Template  string   `yaml:"template"`
			Depends   string   `yaml:"depends"`
			WithItems []string `yaml:"withItems"`
			Arguments struct {
				Parameters []argoParam `yaml:"parameters"`
			} `yaml:"arguments"`
		} `yaml:"tasks"`
	} `yaml:"dag"`
	Inputs struct {
		Parameters []argoParam `yaml:"parameters"`
	} `yaml:"inputs"`
	InitContainers []k8sContainer `yaml:"initContainers"`
	Script         *k8sContainer  `yaml:"script"`
	Volumes        []k8sVolume    `yaml:"volumes"`
}

type argoParam struct {
	Name  string `yaml:"name"`
	Value string `yaml:"value"`
}

// exampleRegistryHost is the registry host the examples name; the test
// serves go-containerregistry's in-memory registry in its place.
const exampleRegistryHost = "registry.example.com"

// pod is one pod the test plays: its containers as written, the volumes
// it mounts, and what the cluster gives it.
type pod struct {
	name     string
	init     []k8sContainer
	main     k8sContainer
	volumes  []k8sVolume
	config   map[string]string // the ConfigMap its envFrom names
	extraEnv map[string]string // set by the cluster: JOB_COMPLETION_INDEX
	// params substitutes Argo's {{…}} in env values.
	params map[string]string
}

// cluster plays what a cluster gives the pods: the sites repository (the
// harness's origin), the secrets, a registry and a persistent volume.
type cluster struct {
	h         *harness
	registry  string // host:port of the in-memory registry
	keys      string // the slate-site-keys secret, as files
	auth      string // the slate-registry secret, as config.json
	portfolio string // the slate-portfolio volume
}

func newCluster(t *testing.T, h *harness) *cluster {
	t.Helper()
	srv := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0))))
	t.Cleanup(srv.Close)
	c := &cluster{h: h, registry: strings.TrimPrefix(srv.URL, "http://"),
		keys: filepath.Join(h.root, "secret-site-keys"), auth: filepath.Join(h.root, "secret-registry"),
		portfolio: filepath.Join(h.root, "pvc-portfolio")}
	for _, dir := range []string{c.keys, c.auth, c.portfolio} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for site, key := range h.siteKeys {
		for name, b := range map[string][]byte{".key": key, ".password": []byte(testPassword), ".fingerprint": []byte(testFingerprintKey)} {
			if err := os.WriteFile(filepath.Join(c.keys, site+name), b, 0o400); err != nil {
				t.Fatal(err)
			}
		}
	}
	// The in-memory registry asks for no credentials.
	if err := os.WriteFile(filepath.Join(c.auth, "config.json"), []byte(`{"auths":{}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	return c
}

var argoParamRE = regexp.MustCompile(`\{\{\s*([\w.-]+)\s*\}\}`)

// run plays the pod: each init container must only install slate (the
// module proxy is a hosted service; the test's build is on PATH instead),
// each volume is a folder of the test, the main container's script runs
// with bash as written. It returns the log, whether it failed, and the
// folder each mount path stands for.
func (c *cluster) run(t *testing.T, p pod) (string, bool, map[string]string) {
	t.Helper()
	for _, ic := range p.init {
		if len(ic.Command) != 2 || ic.Command[0] != "bash" || ic.Command[1] != "-c" || len(ic.Args) != 1 {
			t.Fatalf("%s: init container %s: want bash -c and one command", p.name, ic.Name)
		}
		onlyInstall(t, p.name+": init container "+ic.Name, ic.Args[0])
	}
	script := p.main.Source
	if len(p.main.Args) > 0 {
		script = p.main.Args[0]
	}
	cmd := strings.Join(p.main.Command, " ")
	if cmd != "bash -eo pipefail -c" && cmd != "bash -eo pipefail" {
		t.Fatalf("%s: command %q; the test runs bash -eo pipefail", p.name, cmd)
	}
	mounts := map[string]string{}
	for _, m := range p.main.VolumeMounts {
		i := slices.IndexFunc(p.volumes, func(v k8sVolume) bool { return v.Name == m.Name })
		if i < 0 {
			t.Fatalf("%s: mount of %s: no such volume", p.name, m.Name)
		}
		v := p.volumes[i]
		var dir string
		switch {
		case v.EmptyDir != nil:
			dir = t.TempDir()
		case v.Secret != nil && v.Secret.SecretName == "slate-site-keys":
			dir = c.keys
		case v.Secret != nil && v.Secret.SecretName == "slate-registry":
			dir = c.auth
		case v.PersistentVolumeClaim != nil && v.PersistentVolumeClaim.ClaimName == "slate-portfolio":
			dir = c.portfolio
		default:
			t.Fatalf("%s: volume %s: the test knows no such volume", p.name, v.Name)
		}
		mounts[m.MountPath] = dir
	}
	vars := map[string]string{}
	for _, ef := range p.main.EnvFrom {
		if p.config == nil {
			t.Fatalf("%s: envFrom %s: no such ConfigMap", p.name, ef.ConfigMapRef.Name)
		}
		for k, v := range p.config {
			vars[k] = v
		}
	}
	for _, e := range p.main.Env {
		vars[e.Name] = argoParamRE.ReplaceAllStringFunc(e.Value, func(m string) string {
			v, ok := p.params[argoParamRE.FindStringSubmatch(m)[1]]
			if !ok {
				t.Fatalf("%s: %s: the test does not know %s", p.name, e.Name, m)
			}
			return v
		})
	}
	for k, v := range p.extraEnv {
		vars[k] = v
	}
	for k, v := range vars {
		switch {
		case k == "PATH":
			// The install step's folder first: the test's build stands in.
			first, _, _ := strings.Cut(v, ":")
			if _, ok := mounts[first]; !ok {
				t.Fatalf("%s: PATH does not start with the folder slate is installed to", p.name)
			}
			vars[k] = c.h.bin + string(os.PathListSeparator) + c.h.path
		case k == "SITES_REPO":
			vars[k] = c.h.origin
		case k == "REGISTRY":
			host, rest, _ := strings.Cut(v, "/")
			if host != exampleRegistryHost {
				t.Fatalf("%s: REGISTRY %q is not on %s", p.name, v, exampleRegistryHost)
			}
			vars[k] = c.registry + "/" + rest
		case strings.HasPrefix(v, "/"):
			dir, ok := mounts[v]
			if !ok {
				t.Fatalf("%s: %s=%s is no mounted volume", p.name, k, v)
			}
			vars[k] = dir
		}
	}
	var log bytes.Buffer
	code := shell(t, t.TempDir(), envList(c.h.env, vars), script, &log)
	return fmt.Sprintf("## pod %s exited %d\n%s", p.name, code, log.String()), code != 0, mounts
}

// decodeDocs reads the YAML documents of a file strictly, into v's type,
// one value per document.
func decodeDocs[T any](t *testing.T, file string) []T {
	t.Helper()
	dec := yaml.NewDecoder(bytes.NewReader(readBytes(t, file)))
	dec.KnownFields(true)
	var out []T
	for {
		var v T
		err := dec.Decode(&v)
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		out = append(out, v)
	}
}

// runKubernetesJobs applies job.yaml (the ConfigMap and the indexed Job:
// one pod per index, JOB_COMPLETION_INDEX set as Kubernetes sets it),
// then, as the README says once that Job is complete, portfolio-job.yaml.
// between runs after the first Job.
func runKubernetesJobs(t *testing.T, c *cluster, between func()) []fanoutJob {
	t.Helper()
	var config map[string]string
	var jobs []fanoutJob
	for _, file := range []string{"kubernetes/job.yaml", "kubernetes/portfolio-job.yaml"} {
		for _, d := range decodeDocs[k8sDoc](t, file) {
			switch d.Kind {
			case "ConfigMap":
				config = d.Data
				// The date is the test's.
				config["AS_OF"] = fanoutDate
				continue
			case "Job":
			default:
				t.Fatalf("%s: kind %s", file, d.Kind)
			}
			ps := d.Spec.Template.Spec
			if ps.RestartPolicy != "Never" || len(ps.Containers) != 1 {
				t.Fatalf("%s: job %s: want restartPolicy Never and one container", file, d.Metadata.Name)
			}
			indexes := []string{""}
			if d.Spec.CompletionMode == "Indexed" {
				sites := strings.Fields(config["SITES"])
				if d.Spec.Completions != len(sites) || d.Spec.Parallelism != len(sites) {
					t.Errorf("%s: completions %d and parallelism %d, want one per site of %v", file, d.Spec.Completions, d.Spec.Parallelism, sites)
				}
				indexes = nil
				for i := range d.Spec.Completions {
					indexes = append(indexes, fmt.Sprint(i))
				}
			} else if between != nil {
				between()
				between = nil
			}
			for _, index := range indexes {
				p := pod{name: d.Metadata.Name + "-" + index, init: ps.InitContainers, main: ps.Containers[0], volumes: ps.Volumes, config: config}
				site := ""
				if index != "" {
					p.extraEnv = map[string]string{"JOB_COMPLETION_INDEX": index}
					i := 0
					fmt.Sscan(index, &i)
					site = strings.Fields(config["SITES"])[i]
				}
				jobs = append(jobs, c.fanoutJob(t, p, site))
			}
		}
	}
	return jobs
}

// fanoutJob runs p and says what it left: for a site, its signed run in
// the pod's work folder; for the portfolio, the portfolio under its date.
func (c *cluster) fanoutJob(t *testing.T, p pod, site string) fanoutJob {
	t.Helper()
	log, failed, mounts := c.run(t, p)
	j := fanoutJob{name: p.name, site: site, failed: failed, log: log}
	if site != "" {
		j.work = filepath.Join(mounts["/work"], "repo")
		j.out = filepath.Join(mounts["/work"], "run")
	} else {
		j.work, j.out = c.portfolio, fanoutDate
	}
	return j
}

// runArgo runs the workflow's DAG: each task once per item, its template's
// script with the item as parameter, tasks after those they depend on.
// between runs before the first task that depends on others.
func runArgo(t *testing.T, c *cluster, between func()) []fanoutJob {
	t.Helper()
	wfs := decodeDocs[argoWorkflow](t, "kubernetes/argo-workflow.yaml")
	if len(wfs) != 1 || wfs[0].Kind != "Workflow" {
		t.Fatal("argo-workflow.yaml: want one Workflow")
	}
	wf := wfs[0]
	params := map[string]string{}
	for _, a := range wf.Spec.Arguments.Parameters {
		params["workflow.parameters."+a.Name] = a.Value
	}
	params["workflow.parameters.as-of"] = fanoutDate
	i := slices.IndexFunc(wf.Spec.Templates, func(x argoTemplate) bool { return x.Name == wf.Spec.Entrypoint })
	if i < 0 || wf.Spec.Templates[i].DAG == nil {
		t.Fatalf("entrypoint %q is no DAG template", wf.Spec.Entrypoint)
	}
	var jobs []fanoutJob
	done := map[string]bool{}
	for len(done) < len(wf.Spec.Templates[i].DAG.Tasks) {
		progress := false
		for _, task := range wf.Spec.Templates[i].DAG.Tasks {
			if done[task.Name] || (task.Depends != "" && !done[task.Depends]) {
				continue
			}
			if task.Depends != "" && between != nil {
				between()
				between = nil
			}
			k := slices.IndexFunc(wf.Spec.Templates, func(x argoTemplate) bool { return x.Name == task.Template })
			if k < 0 || wf.Spec.Templates[k].Script == nil {
				t.Fatalf("task %s: template %q is no script template", task.Name, task.Template)
			}
			tmpl := wf.Spec.Templates[k]
			items := task.WithItems
			if len(items) == 0 {
				items = []string{""}
			}
			for _, item := range items {
				p := pod{name: task.Name + "-" + item, main: *tmpl.Script, init: tmpl.InitContainers,
					volumes: append(slices.Clone(wf.Spec.Volumes), tmpl.Volumes...), params: maps.Clone(params)}
				for _, ic := range p.init {
					if !ic.MirrorVolumeMounts {
						t.Errorf("task %s: init container %s does not mirror the volume mounts (slate's folder)", task.Name, ic.Name)
					}
				}
				for _, a := range task.Arguments.Parameters {
					p.params["inputs.parameters."+a.Name] = strings.ReplaceAll(a.Value, "{{item}}", item)
				}
				jobs = append(jobs, c.fanoutJob(t, p, p.params["inputs.parameters.site"]))
			}
			done[task.Name], progress = true, true
		}
		if !progress {
			t.Fatal("the DAG's dependencies do not resolve")
		}
	}
	return jobs
}
