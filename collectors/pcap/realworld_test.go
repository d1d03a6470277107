package pcap_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// expectedFacts is a hand-written expected-facts file of
// testdata/realworld/captures: flows as the collector's evidence JSON
// shows them, each giving only the fields it asserts.
type expectedFacts struct {
	FlowCounts map[string]int `json:"flow_counts"`
	Protocols  []string       `json:"protocols"`
	Flows      []any          `json:"flows"`
}

// TestRealWorldCaptures reads each public capture under
// testdata/realworld/captures and requires every fact of its
// .expected.json: each expected flow is matched by a flow of the output
// holding all its fields (objects by subset, lists element by element).
func TestRealWorldCaptures(t *testing.T) {
	dir, _ := filepath.Abs("../../testdata/realworld/captures")
	files, _ := filepath.Glob(filepath.Join(dir, "*.pcap"))
	if len(files) == 0 {
		t.Fatal("no captures in", dir)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(strings.TrimSuffix(f, ".pcap") + ".expected.json")
			if err != nil {
				t.Fatal(err)
			}
			var want expectedFacts
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			_, data, err := collect(t, newSource(dir, []string{f}))
			if err != nil {
				t.Fatal(err)
			}
			counts := map[string]int{}
			for _, fl := range data.Flows {
				counts[fl.Transport]++
			}
			for tr, n := range want.FlowCounts {
				if counts[tr] != n {
					t.Errorf("%s flows: got %d, want %d", tr, counts[tr], n)
				}
			}
			var protos []string
			for _, p := range data.Protocols {
				if p.Name != "" && p.Name != "unknown" {
					protos = append(protos, p.Name)
				}
			}
			if !slices.Equal(protos, want.Protocols) {
				t.Errorf("protocols: got %v, want %v", protos, want.Protocols)
			}
			raw, _ := json.Marshal(data.Flows)
			var got []any
			if err := json.Unmarshal(raw, &got); err != nil {
				t.Fatal(err)
			}
			for i, wf := range want.Flows {
				if !slices.ContainsFunc(got, func(g any) bool { return subset(wf, g) }) {
					w, _ := json.Marshal(wf)
					t.Errorf("expected flow %d not found: %s", i, w)
				}
			}
		})
	}
}

// subset reports whether want's fields all appear in got with the same
// values; each element of a list in want must be a subset of a distinct
// element of got's list.
func subset(want, got any) bool {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return false
		}
		for k, v := range w {
			gv, ok := g[k]
			if !ok || !subset(v, gv) {
				return false
			}
		}
		return true
	case []any:
		g, ok := got.([]any)
		if !ok {
			return false
		}
		used := make([]bool, len(g))
	next:
		for _, wv := range w {
			for i, gv := range g {
				if !used[i] && subset(wv, gv) {
					used[i] = true
					continue next
				}
			}
			return false
		}
		return true
	default:
		return want == got
	}
}

// TestSubset holds the matcher to failing when it should.
func TestSubset(t *testing.T) {
	var a, b any
	json.Unmarshal([]byte(`{"x":1,"l":[{"k":"a"},{"k":"a"}]}`), &a)
	json.Unmarshal([]byte(`{"x":1,"y":2,"l":[{"k":"a","n":1}]}`), &b)
	if subset(a, b) {
		t.Error("two expected list elements matched one")
	}
	json.Unmarshal([]byte(`{"x":1,"l":[{"k":"a"}]}`), &a)
	if !subset(a, b) {
		t.Error("subset not found")
	}
	json.Unmarshal([]byte(`{"x":2}`), &a)
	if subset(a, b) {
		t.Error("different value matched")
	}
}
