package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/engine"
	"github.com/slate-ot/slate/engine/scorecard"
)

// TestScaffoldEveryKind: for every evidence kind the scaffold's tests pass,
// it compiles with the built-in library, and evaluated over its own
// example input it reports the bad record, and only that, in every zone
// judged.
func TestScaffoldEveryKind(t *testing.T) {
	for _, k := range checkKinds {
		t.Run(k.Kind, func(t *testing.T) {
			o := NewPolicyOptions{Dir: t.TempDir(), Requirements: []string{"SR 7.8", "CM-8"}, Severity: "high", Owner: "ot", Evidence: k.Kind}
			files, err := o.Scaffold("sample_check")
			if err != nil {
				t.Fatal(err)
			}
			again, err := o.Scaffold("sample_check")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(files, again); diff != "" {
				t.Errorf("two scaffolds differ (-first +second):\n%s", diff)
			}
			if err := o.write(files); err != nil {
				t.Fatal(err)
			}

			rep, err := engine.RunRegoTests(context.Background(), false, []string{o.Dir})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Passed != 3 || rep.Failed != 0 {
				t.Errorf("Rego tests: %d passed, %d failed %v; want 3 passed", rep.Passed, rep.Failed, rep.Failures)
			}

			ps, err := engine.LoadPolicies(o.Dir, []string{o.Dir})
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(ps.Rules, func(r engine.Rule) bool { return r.ID == "CUSTOM-SAMPLE-CHECK" })
			if i < 0 {
				t.Fatalf("no rule CUSTOM-SAMPLE-CHECK among %d", len(ps.Rules))
			}
			rule := ps.Rules[i]
			wantRule := engine.Rule{
				ID: "CUSTOM-SAMPLE-CHECK", Package: "slate.checks.custom.sample_check", Title: k.Title,
				Requirements: []string{"iec62443-3-3:SR 7.8", "nist-800-53r5:CM-8"}, Severity: "high", Owner: "OT",
			}
			got := engine.Rule{ID: rule.ID, Package: rule.Package, Title: rule.Title, Requirements: rule.Requirements, Severity: rule.Severity, Owner: rule.Owner}
			if diff := cmp.Diff(wantRule, got); diff != "" {
				t.Errorf("rule METADATA (-want +got):\n%s", diff)
			}

			input, err := os.ReadFile(filepath.Join(o.Dir, "testdata", "sample_check_input.json"))
			if err != nil {
				t.Fatal(err)
			}
			zones := []string{"cell", "control", "enterprise"}
			results, err := ps.Evaluate(context.Background(), input, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), zones, 0)
			if err != nil {
				t.Fatal(err)
			}
			res := results[slices.IndexFunc(results, func(r scorecard.Result) bool { return r.Rule.ID == rule.ID })]
			if diff := cmp.Diff(zones, res.Assessed); diff != "" {
				t.Errorf("assessed zones (-want +got):\n%s", diff)
			}
			if len(res.Findings) != 1 {
				t.Fatalf("findings %+v, want one", res.Findings)
			}
			f := res.Findings[0]
			if f.Subject != k.WantSubject || f.Zone != k.WantZone || len(f.Evidence) != 1 || f.Evidence[0].Document != k.Kind+"/example" {
				t.Errorf("finding %+v, want subject %s in zone %s citing %s/example", f, k.WantSubject, k.WantZone, k.Kind)
			}
		})
	}
}

func TestSnakeName(t *testing.T) {
	for _, tc := range []struct {
		in, want, err string
	}{
		{in: "backup_verified", want: "backup_verified"},
		{in: "BackupVerified", want: "backup_verified"},
		{in: "OTVPNUsers", want: "otvpn_users"},
		{in: "sr7_8Inventory", want: "sr7_8_inventory"},
		{in: "Telnet__Off_", want: "telnet_off"},
		{in: "backup-verified", err: `check name "backup-verified": use letters, digits and _ only, starting with a letter (e.g. "backup_verified")`},
		{in: "7zip", err: `check name "7zip": use letters, digits and _ only, starting with a letter (e.g. "check_7zip")`},
		{in: "", err: `check name "": use letters, digits and _ only, starting with a letter (e.g. "check")`},
		{in: "Input", err: `check name "Input" is a Rego keyword; choose another`},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := snakeName(tc.in)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if got != tc.want || gotErr != tc.err {
				t.Errorf("snakeName(%q) = %q, %q; want %q, %q", tc.in, got, gotErr, tc.want, tc.err)
			}
		})
	}
}

func TestRegoLiteral(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   any
		want string
	}{
		{"scalar", "a\"b", `"a\"b"`},
		{"short object inline", map[string]any{"b": 1, "a": []int{1, 2}}, `{"a": [1, 2], "b": 1}`},
		{"struct keeps field order", struct {
			Z string `json:"z"`
			A int    `json:"a"`
		}{"x", 1}, `{"z": "x", "a": 1}`},
		{"long array one per line", []string{
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "cccccccccccccccccccccccccccccc", "dddddddddddddddddddd",
		}, "[\n\t\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\n\t\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\",\n\t\"cccccccccccccccccccccccccccccc\",\n\t\"dddddddddddddddddddd\",\n]"},
		{"empty", map[string]any{"l": []int{}, "m": map[string]int{}}, `{"l": [], "m": {}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := regoLiteral(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestWrapComment(t *testing.T) {
	text := "Fill in the owner column of the inventory for every component, and keep it current when responsibilities change."
	got := wrapComment(text, "#   ")
	for _, line := range bytes.Split([]byte(got), []byte("\n")) {
		if len(line) > 76 || !bytes.HasPrefix(line, []byte("#   ")) {
			t.Errorf("line %q is longer than 76 columns or lacks the prefix", line)
		}
	}
	if want := "#   Fill in the owner column of the inventory for every component, and keep\n#   it current when responsibilities change."; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
