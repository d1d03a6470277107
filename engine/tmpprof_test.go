//go:build tmpprof

package engine

import (
	"context"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"testing"
	"time"
	"strings"

	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/slate-ot/slate/collectors"
)

func TestTmpEval(t *testing.T) {
	size := scaleSize{assets: 100_000, flows: 1_000_000, devices: 1_000, users: 3_000}
	dir := writeScaleSite(t)
	a, err := Load(dir, collectors.Default)
	if err != nil {
		t.Fatal(err)
	}
	bundle, err := scaleBundle(size, a.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	debug.FreeOSMemory()
	f, _ := os.Create("/tmp/eval.cpu")
	pprof.StartCPUProfile(f)
	t0 := time.Now()
	opts := Options{Getenv: func(string) string { return "" }, PolicyTimeout: time.Hour}
	if _, err := EvaluateBundle(context.Background(), dir, bundle, collectors.Default, opts); err != nil {
		t.Fatal(err)
	}
	pprof.StopCPUProfile()
	t.Logf("evaluate %s", time.Since(t0))
}

func TestTmpQuery(t *testing.T) {
	size := scaleSize{assets: 100_000, flows: 1_000_000, devices: 1_000, users: 3_000}
	dir := writeScaleSite(t)
	a, err := Load(dir, collectors.Default)
	if err != nil {
		t.Fatal(err)
	}
	bundle, err := scaleBundle(size, a.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := LoadPolicies(a.Dir, a.PolicyPaths)
	if err != nil {
		t.Fatal(err)
	}
	view, err := bundleInput(a, bundle, bundle.AsOf, []string{"assets", "mfa", "netconfig", "pcap"}, ps.plan())
	if err != nil {
		t.Fatal(err)
	}
	asOf, _ := time.Parse(time.DateOnly, bundle.AsOf)
	for _, q := range strings.Split(os.Getenv("QUERY"), ";;") {
		t0 := time.Now()
		rs, err := rego.New(rego.Compiler(ps.compiler), rego.Query(q), rego.ParsedInput(view), rego.Time(asOf)).Eval(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			t.Logf("%s %s: %.300v", time.Since(t0).Round(time.Millisecond), q, r.Bindings)
		}
	}
}

func TestTmpConvert(t *testing.T) {
	size := scaleSize{assets: 100_000, flows: 1_000_000, devices: 1_000, users: 3_000}
	dir := writeScaleSite(t)
	a, err := Load(dir, collectors.Default)
	if err != nil {
		t.Fatal(err)
	}
	bundle, err := scaleBundle(size, a.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := LoadPolicies(a.Dir, a.PolicyPaths)
	if err != nil {
		t.Fatal(err)
	}
	for range 4 {
		runtime.GC()
		t0 := time.Now()
		if _, err := bundleInput(a, bundle, bundle.AsOf, []string{"assets", "mfa", "netconfig", "pcap"}, ps.plan()); err != nil {
			t.Fatal(err)
		}
		t.Logf("convert %s", time.Since(t0))
	}
}
