package engine

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/slate-ot/slate/collectors"
	"github.com/slate-ot/slate/engine/assessment"
	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
)

// TestFlowIndexMatchesRego holds the engine's index of capture flows
// (flowindex.go) to policies/lib/flowindex.rego, which computes it when
// the input has none: every built-in check must find the same on the
// example site and on a generated one (a few hundred violations of each
// check) whether it reads the engine's index, with the flows left out of
// its input, or the Rego one over every flow.
func TestFlowIndexMatchesRego(t *testing.T) {
	ctx := context.Background()
	for _, site := range []struct {
		name string
		load func(t *testing.T) (*assessment.Assessment, *evidence.Bundle)
	}{
		{"plant-a", func(t *testing.T) (*assessment.Assessment, *evidence.Bundle) {
			res, err := Collect(ctx, "../examples/plant-a", collectors.Default, Options{Getenv: func(string) string { return "" }})
			if err != nil {
				t.Fatal(err)
			}
			return res.Assessment, res.Bundle
		}},
		{"generated", func(t *testing.T) (*assessment.Assessment, *evidence.Bundle) {
			a, err := Load(writeScaleSite(t), collectors.Default)
			if err != nil {
				t.Fatal(err)
			}
			b, err := scaleBundle(scaleSize{assets: 1_000, flows: 10_000, devices: 10, users: 300}, a.SHA256)
			if err != nil {
				t.Fatal(err)
			}
			return a, b
		}},
	} {
		t.Run(site.name, func(t *testing.T) {
			a, b := site.load(t)
			ps, err := LoadPolicies(a.Dir, a.PolicyPaths)
			if err != nil {
				t.Fatal(err)
			}
			var kinds []string
			for _, s := range a.Sources {
				kinds = append(kinds, s.Kind)
			}
			input, err := Input(a, b, b.AsOf, kinds)
			if err != nil {
				t.Fatal(err)
			}
			at, err := time.Parse(time.DateOnly, b.AsOf)
			if err != nil {
				t.Fatal(err)
			}
			var zones []string
			for _, z := range a.Zones {
				zones = append(zones, z.Name)
			}
			// On the collector's evidence the selections are the same,
			// not only supersets of what the checks need.
			lean, err := prepareInput(input, inputPlan{})
			if err != nil {
				t.Fatal(err)
			}
			whole, err := prepareInput(input, inputPlan{allFlows: true, noIndex: true})
			if err != nil {
				t.Fatal(err)
			}
			goIndex, err := ast.JSON(lean.(ast.Object).Get(ast.StringTerm("index")).Value.(ast.Object).Get(ast.StringTerm("pcap")).Value)
			if err != nil {
				t.Fatal(err)
			}
			rs, err := rego.New(rego.Compiler(ps.compiler), rego.Query("data.slate.lib.flowindex.pcap"), rego.ParsedInput(whole)).Eval(ctx)
			if err != nil || len(rs) != 1 {
				t.Fatalf("data.slate.lib.flowindex.pcap: %v, %v", rs, err)
			}
			if diff := cmp.Diff(rs[0].Expressions[0].Value, goIndex); diff != "" {
				t.Errorf("index.pcap from flowindex.rego (-) and from the engine (+):\n%s", diff)
			}
			results := map[string][]scorecard.Result{}
			for name, plan := range map[string]inputPlan{
				"engine index": {},
				"rego index":   {allFlows: true, noIndex: true},
			} {
				value, err := prepareInput(input, plan)
				if err != nil {
					t.Fatal(err)
				}
				res, err := ps.evaluateValue(ctx, value, at, zones, time.Minute)
				if err != nil {
					t.Fatal(err)
				}
				results[name] = res
			}
			findings := 0
			for _, r := range results["engine index"] {
				findings += len(r.Findings)
			}
			if findings == 0 {
				t.Fatal("no findings: the comparison would prove nothing")
			}
			if diff := cmp.Diff(results["rego index"], results["engine index"]); diff != "" {
				t.Errorf("findings with the Rego index (-) and the engine's (+):\n%s", diff)
			}
		})
	}
}

// TestBundleInputMatchesText holds the input made from the documents as
// they lie (bundleInput, what the engine evaluates) to the input text
// (Input) converted, with and without the flows.
func TestBundleInputMatchesText(t *testing.T) {
	for _, site := range []string{"../examples/plant-a", "generated"} {
		var a *assessment.Assessment
		var b *evidence.Bundle
		if site == "generated" {
			var err error
			if a, err = Load(writeScaleSite(t), collectors.Default); err != nil {
				t.Fatal(err)
			}
			if b, err = scaleBundle(scaleSize{assets: 500, flows: 5_000, devices: 10, users: 100}, a.SHA256); err != nil {
				t.Fatal(err)
			}
		} else {
			res, err := Collect(context.Background(), site, collectors.Default, Options{Getenv: func(string) string { return "" }})
			if err != nil {
				t.Fatal(err)
			}
			a, b = res.Assessment, res.Bundle
		}
		kinds := []string{"assets", "attestation", "mfa", "netconfig", "pcap"}
		text, err := Input(a, b, b.AsOf, kinds)
		if err != nil {
			t.Fatal(err)
		}
		for _, plan := range []inputPlan{{}, {allFlows: true}, {allFlows: true, noIndex: true}} {
			want, err := prepareInput(text, plan)
			if err != nil {
				t.Fatal(err)
			}
			got, err := bundleInput(a, b, b.AsOf, kinds, plan)
			if err != nil {
				t.Fatal(err)
			}
			if got.Compare(want) != 0 {
				t.Errorf("%s, %+v: the input made from the documents differs from the input text's", site, plan)
			}
		}
	}
}
