package mfa_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// expectedFacts is a hand-written expected-facts file beside a public
// identity export under testdata/realworld/identity. Each listed object
// names a subset of the fields of one policy, user or method as the
// evidence JSON shows them; every object the collector produces must be
// listed (matched by id, or name for methods), and every listed field
// must match. Warnings are substrings, one per expected warning.
type expectedFacts struct {
	Format   string           `json:"format"`
	Policies []map[string]any `json:"policies"`
	Users    []map[string]any `json:"users"`
	Methods  []map[string]any `json:"methods"`
	Warnings []string         `json:"warnings"`
}

func TestRealWorldIdentity(t *testing.T) {
	dir := abs(t, "..", "..", "testdata", "realworld", "identity")
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, path := range files {
		if strings.HasSuffix(path, ".expected.json") {
			continue
		}
		n++
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(strings.TrimSuffix(path, ".json") + ".expected.json")
			if err != nil {
				t.Fatalf("every fixture needs an expected-facts file: %v", err)
			}
			var want expectedFacts
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
			doc, data, err := collect(t, newSource(dir, []string{path}, nil))
			if err != nil {
				t.Fatalf("collect: %v", err)
			}
			if len(data.Files) != 1 || data.Files[0].Format != want.Format {
				t.Errorf("files = %+v, want one file of format %s", data.Files, want.Format)
			}
			compareFacts(t, "policy", "id", want.Policies, data.Policies)
			compareFacts(t, "user", "id", want.Users, data.Users)
			compareFacts(t, "method", "name", want.Methods, data.Methods)
			var got []string
			for _, w := range doc.Provenance.Warnings {
				got = append(got, w.Message)
			}
			if len(got) != len(want.Warnings) {
				t.Errorf("warnings = %q, want %d matching %q", got, len(want.Warnings), want.Warnings)
			}
			for i := range min(len(got), len(want.Warnings)) {
				if !strings.Contains(got[i], want.Warnings[i]) {
					t.Errorf("warning %d = %q, want it to contain %q", i, got[i], want.Warnings[i])
				}
			}
		})
	}
	if n < 7 {
		t.Errorf("%d identity fixtures, want at least 7", n)
	}
}

// compareFacts checks that got has exactly the objects of want (by key)
// and that each field want names has the value want gives. Lists compare
// without regard to order.
func compareFacts[T any](t *testing.T, what, key string, want []map[string]any, got []T) {
	t.Helper()
	byKey := map[string]map[string]any{}
	for _, g := range got {
		raw, err := json.Marshal(g)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		k, _ := m[key].(string)
		byKey[k] = m
	}
	if len(got) != len(want) {
		t.Errorf("%d %ss, want %d (got %v)", len(got), what, len(want), slices.Sorted(mapKeys(byKey)))
	}
	for _, w := range want {
		k, _ := w[key].(string)
		g, ok := byKey[k]
		if !ok {
			t.Errorf("%s %s missing", what, k)
			continue
		}
		for field, wv := range w {
			gv, ok := g[field]
			if !ok {
				// omitempty fields: absent is the zero value.
				gv = zeroLike(wv)
			}
			if diff := cmp.Diff(normal(wv), normal(gv)); diff != "" {
				t.Errorf("%s %s: %s (-want +got):\n%s", what, k, field, diff)
			}
		}
	}
}

func mapKeys(m map[string]map[string]any) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func zeroLike(v any) any {
	switch v.(type) {
	case string:
		return ""
	case bool:
		return false
	case []any:
		return []any{}
	}
	return nil
}

// normal sorts lists of strings so that order does not count.
func normal(v any) any {
	l, ok := v.([]any)
	if !ok {
		return v
	}
	var s []string
	for _, e := range l {
		str, ok := e.(string)
		if !ok {
			return v
		}
		s = append(s, str)
	}
	slices.Sort(s)
	if s == nil {
		s = []string{}
	}
	return s
}
