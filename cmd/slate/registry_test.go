package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/registry"
	"github.com/rogpeppe/go-internal/testscript"
)

// interopTools are the real tools a script may ask for with the
// condition [interop:NAME]. Without the tool the condition is false (the
// script skips), except under CI=true, where .ci/run installs them and a
// missing one fails the script.
var interopTools = map[string]string{
	"cosign":          "go install github.com/sigstore/cosign/v2/cmd/cosign@v2.6.5",
	"docker-registry": "apt-get install docker-registry",
	"opa":             "go install github.com/open-policy-agent/opa",
}

// interopCondition answers [interop:NAME].
func interopCondition(cond string) (bool, error) {
	tool, ok := strings.CutPrefix(cond, "interop:")
	if !ok {
		return false, fmt.Errorf("unknown condition %q", cond)
	}
	install, known := interopTools[tool]
	if !known {
		return false, fmt.Errorf("unknown interop tool %q", tool)
	}
	if _, err := exec.LookPath(tool); err != nil {
		if os.Getenv("CI") == "true" {
			return false, fmt.Errorf("%s is not on PATH; CI=true requires it (%s)", tool, install)
		}
		return false, nil
	}
	return true, nil
}

// memRegistry starts go-containerregistry's in-memory registry on
// 127.0.0.1 for the script and sets $REGISTRY to its host:port.
func memRegistry(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: memregistry")
	}
	srv := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0))))
	ts.Defer(srv.Close)
	ts.Setenv("REGISTRY", strings.TrimPrefix(srv.URL, "http://"))
}

// listening is the line the distribution registry logs once it serves.
var listening = regexp.MustCompile(`listening on (127\.0\.0\.1:\d+)`)

// dockerRegistry starts Debian's docker-registry (distribution v2) on a
// free port of 127.0.0.1, storing in the script's work directory, and
// sets $REGISTRY to its host:port. It is stopped when the script ends.
func dockerRegistry(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: registry")
	}
	dir := ts.MkAbs(".registry")
	ts.Check(os.MkdirAll(dir, 0o755))
	config := filepath.Join(dir, "config.yml")
	ts.Check(os.WriteFile(config, fmt.Appendf(nil, `version: 0.1
log:
  level: info
  formatter: text
storage:
  filesystem:
    rootdirectory: %s
http:
  addr: 127.0.0.1:0
`, filepath.Join(dir, "data")), 0o644))
	pr, pw, err := os.Pipe()
	ts.Check(err)
	cmd := exec.Command("docker-registry", "serve", config)
	cmd.Stdout, cmd.Stderr = pw, pw
	ts.Check(cmd.Start())
	pw.Close()
	ts.Defer(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		pr.Close()
	})
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		sent := false
		for sc.Scan() {
			if m := listening.FindStringSubmatch(sc.Text()); m != nil && !sent {
				found <- m[1]
				sent = true
			}
		}
		if !sent {
			close(found)
		}
	}()
	select {
	case addr, ok := <-found:
		if !ok {
			ts.Fatalf("docker-registry exited without serving")
		}
		ts.Setenv("REGISTRY", addr)
		ts.Logf("docker-registry serves on %s", addr)
	case <-time.After(30 * time.Second):
		ts.Fatalf("docker-registry did not start within 30s")
	}
}

// envFromStdout NAME sets $NAME to the last command's stdout, trimmed.
func envFromStdout(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: env-from-stdout NAME")
	}
	ts.Setenv(args[0], strings.TrimSpace(ts.ReadFile("stdout")))
}

// opaOCI REF KEY QUERY WANT starts the real OPA server with the pack at
// REF as an OCI bundle, downloaded by OPA's own OCI downloader and its
// .signatures.json verified by OPA with the public key file KEY, and
// checks that the data at QUERY (like slate/checks/acme/backups/assessed),
// given the input {"assessment":{"zones":[{"name":"cell"}]}}, is the JSON
// WANT.
func opaOCI(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 4 {
		ts.Fatalf("usage: opa-oci REF KEY QUERY WANT")
	}
	ref, query, want := args[0], args[2], args[3]
	pub, err := os.ReadFile(ts.MkAbs(args[1]))
	ts.Check(err)
	host, _, _ := strings.Cut(ref, "/")
	dir := ts.MkAbs(".opa")
	ts.Check(os.MkdirAll(dir, 0o755))
	// JSON is YAML: OPA reads it as its configuration file.
	raw, err := json.Marshal(map[string]any{
		"services": map[string]any{"registry": map[string]any{"url": "http://" + host, "type": "oci"}},
		"keys":     map[string]any{"slate": map[string]any{"algorithm": "ES256", "key": string(pub)}},
		"bundles": map[string]any{"pack": map[string]any{
			"service": "registry", "resource": ref, "persist": false,
			"signing": map[string]any{"keyid": "slate"},
		}},
		"persistence_directory": filepath.Join(dir, "persist"),
	})
	ts.Check(err)
	config := filepath.Join(dir, "config.yaml")
	ts.Check(os.WriteFile(config, raw, 0o644))
	addr := freeAddr(ts)
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, "opa", "run", "--server", "--addr", addr, "--config-file", config)
	logf, err := os.Create(filepath.Join(dir, "opa.log"))
	ts.Check(err)
	cmd.Stdout, cmd.Stderr = logf, logf
	ts.Check(cmd.Start())
	defer func() {
		cancel()
		_ = cmd.Wait()
		logf.Close()
	}()
	input := `{"input":{"assessment":{"zones":[{"name":"cell"}]}}}`
	deadline := time.Now().Add(30 * time.Second)
	var last string
	for time.Now().Before(deadline) {
		// ?bundles is healthy once every configured bundle is active.
		if resp, err := http.Get("http://" + addr + "/health?bundles"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				resp, err := http.Post("http://"+addr+"/v1/data/"+query, "application/json", strings.NewReader(input))
				ts.Check(err)
				var got struct {
					Result json.RawMessage `json:"result"`
				}
				err = json.NewDecoder(resp.Body).Decode(&got)
				resp.Body.Close()
				ts.Check(err)
				if string(got.Result) != want {
					ts.Fatalf("opa: data.%s is %s, want %s", strings.ReplaceAll(query, "/", "."), got.Result, want)
				}
				return
			}
			last = resp.Status
		}
		time.Sleep(200 * time.Millisecond)
	}
	logged, _ := os.ReadFile(filepath.Join(dir, "opa.log"))
	var errs []string
	for _, line := range strings.Split(string(logged), "\n") {
		if strings.Contains(line, `"level":"error"`) {
			errs = append(errs, line)
		}
	}
	ts.Fatalf("opa did not activate the bundle %s within 30s (health: %s)\n%s", ref, last, strings.Join(errs, "\n"))
}

// freeAddr returns a 127.0.0.1 address with a port free a moment ago.
func freeAddr(ts *testscript.TestScript) string {
	srv := httptest.NewUnstartedServer(nil)
	addr := srv.Listener.Addr().String()
	srv.Listener.Close()
	return addr
}
