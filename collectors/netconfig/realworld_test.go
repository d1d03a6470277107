package netconfig_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/slate-ot/slate/collectors/netconfig"
	"github.com/slate-ot/slate/evidence"
)

// realworldDir holds public configurations with hand-written expected
// facts (testdata/realworld/NOTICE.md names their sources).
const realworldDir = "../../testdata/realworld/configs"

// expectedFacts is a FILE.expected.json: facts read from FILE by hand.
// Each fact names a dotted path into the device model and one of: equals
// (the value), exactly (a list with these elements and no others, in any
// order) or contains (a list holding at least these). An expected object
// is a subset of the actual one: only the fields it names are compared.
type expectedFacts struct {
	Note string `json:"note"`
	// Vendor is set, as in a source block, for a file too short to
	// detect.
	Vendor string `json:"vendor"`
	Facts  []struct {
		Path     string `json:"path"`
		Equals   any    `json:"equals"`
		Exactly  []any  `json:"exactly"`
		Contains []any  `json:"contains"`
	} `json:"facts"`
}

// TestRealWorldConfigs reads every public configuration and compares the
// device model with the facts written by hand from the file.
func TestRealWorldConfigs(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(realworldDir, "*.expected.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no expected-facts files in %s (%v)", realworldDir, err)
	}
	for _, exp := range files {
		cfg := strings.TrimSuffix(exp, ".expected.json")
		t.Run(filepath.Base(cfg), func(t *testing.T) {
			var want expectedFacts
			raw, err := os.ReadFile(exp)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatalf("%s: %v", exp, err)
			}
			text, err := os.ReadFile(cfg)
			if err != nil {
				t.Fatal(err)
			}
			d, err := netconfig.ParseDevice(evidence.Source{FingerprintKey: []byte("realworld-fingerprint-key-32-bytes!!")}, filepath.Base(cfg), text, want.Vendor)
			if err != nil {
				t.Fatal(err)
			}
			var got map[string]any
			b, _ := json.Marshal(d)
			if err := json.Unmarshal(b, &got); err != nil {
				t.Fatal(err)
			}
			for _, f := range want.Facts {
				v, ok := lookup(got, f.Path)
				if !ok {
					t.Errorf("%s: no such field", f.Path)
					continue
				}
				switch {
				case f.Exactly != nil:
					list, _ := v.([]any)
					if len(list) != len(f.Exactly) || !containsAll(list, f.Exactly) {
						t.Errorf("%s: got %s, want exactly %s", f.Path, js(v), js(f.Exactly))
					}
				case f.Contains != nil:
					list, _ := v.([]any)
					if !containsAll(list, f.Contains) {
						t.Errorf("%s: got %s, want it to contain %s", f.Path, js(v), js(f.Contains))
					}
				default:
					if !reflect.DeepEqual(v, f.Equals) {
						t.Errorf("%s: got %s, want %s", f.Path, js(v), js(f.Equals))
					}
				}
			}
		})
	}
}

func lookup(m map[string]any, path string) (any, bool) {
	var v any = m
	for _, k := range strings.Split(path, ".") {
		o, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = o[k]; !ok {
			return nil, false
		}
	}
	return v, true
}

// containsAll matches every wanted element to a distinct element of got.
func containsAll(got, want []any) bool {
	used := make([]bool, len(got))
	for _, w := range want {
		found := false
		for i, g := range got {
			if !used[i] && subset(w, g) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// subset reports whether want matches got: objects on the fields want
// names, lists element by element in order, other values equal.
func subset(want, got any) bool {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return false
		}
		for k, wv := range w {
			if gv, ok := g[k]; !ok || !subset(wv, gv) {
				return false
			}
		}
		return true
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for i := range w {
			if !subset(w[i], g[i]) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(want, got)
}

func js(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
