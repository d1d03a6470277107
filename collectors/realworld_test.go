package collectors_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/slate-ot/slate/collectors"
	"github.com/slate-ot/slate/evidence"
)

// realworldDir holds public evidence files, one directory per kind, each
// file beside a hand-written FILE.expected.json (NOTICE.md names their
// sources and licences).
const realworldDir = "../testdata/realworld"

// realworldKinds maps each directory of realworldDir to the collector kind
// that reads it, and to the path every fact of that kind is relative to
// (a configuration is one device of the netconfig document).
var realworldKinds = []struct{ dir, kind, root string }{
	{"assets", "assets", ""},
	{"captures", "pcap", ""},
	{"configs", "netconfig", "devices.0"},
	{"identity", "mfa", ""},
}

// expectedFacts is a FILE.expected.json: facts read from FILE by hand, not
// from slate's output.
//
// Each fact names a dotted path into the collector's evidence data (list
// elements by index) and one of:
//   - equals: the value;
//   - exactly: a list holding these elements and no others, in any order;
//   - contains: a list holding at least these elements;
//   - count: the length of the list, of the elements matching where if given.
//
// An expected object matches an actual one when every field it names
// matches (a field the output omits is its zero value); nested lists match
// element for element in any order. Warnings, when given, are the
// substrings of every warning the collector gives, in order.
type expectedFacts struct {
	Note     string         `json:"note"`
	Options  map[string]any `json:"options"`
	Facts    []expectedFact `json:"facts"`
	Warnings *[]string      `json:"warnings"`
}

type expectedFact struct {
	Path     string          `json:"path"`
	Equals   json.RawMessage `json:"equals"`
	Exactly  []any           `json:"exactly"`
	Contains []any           `json:"contains"`
	Count    *int            `json:"count"`
	Where    map[string]any  `json:"where"`
}

// score counts facts: true positives (asserted and right), false
// positives (asserted by the collector and wrong or not in the file) and
// false negatives (in the file and not asserted).
type score struct{ tp, fp, fn int }

func (s *score) add(o score) { s.tp, s.fp, s.fn = s.tp+o.tp, s.fp+o.fp, s.fn+o.fn }

func (s score) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s score) recall() float64    { return ratio(s.tp, s.tp+s.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// TestRealWorldPrecisionRecall runs each kind's collector over every
// public file of its directory, compares the evidence with the facts
// written by hand from the file, and reports precision and recall per kind.
// Both must be 100%.
func TestRealWorldPrecisionRecall(t *testing.T) {
	dir, err := filepath.Abs(realworldDir)
	if err != nil {
		t.Fatal(err)
	}
	var summary []string
	total := 0
	for _, k := range realworldKinds {
		spec, ok := collectors.Lookup(k.kind)
		if !ok {
			t.Fatalf("no collector of kind %q", k.kind)
		}
		files := fixtures(t, filepath.Join(dir, k.dir))
		var kind score
		for _, f := range files {
			t.Run(k.dir+"/"+filepath.Base(f), func(t *testing.T) {
				s := checkFixture(t, spec.New(collectors.Config{}), k.kind, k.root, f)
				kind.add(s)
			})
		}
		total += len(files)
		line := fmt.Sprintf("%s (%s): %d files, precision %.1f%% (%d/%d), recall %.1f%% (%d/%d)",
			k.dir, k.kind, len(files), 100*kind.precision(), kind.tp, kind.tp+kind.fp,
			100*kind.recall(), kind.tp, kind.tp+kind.fn)
		t.Log(line)
		summary = append(summary, line)
		if kind.fp != 0 || kind.fn != 0 || kind.tp == 0 {
			t.Errorf("%s: want 100%% precision and recall over at least one fact", line)
		}
	}
	t.Logf("real-world facts, %d files: %s", total, strings.Join(summary, "; "))
	if total < 25 {
		t.Errorf("%d real-world files, want at least 25", total)
	}
}

// fixtures lists the evidence files of dir and checks that each has an
// expected-facts file and each expected-facts file a fixture.
func fixtures(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	have := map[string]bool{}
	for _, e := range entries {
		have[e.Name()] = true
	}
	for _, e := range entries {
		n := e.Name()
		if base, ok := strings.CutSuffix(n, ".expected.json"); ok {
			if !have[base] {
				t.Errorf("%s: no fixture %s beside it", n, base)
			}
			continue
		}
		if e.IsDir() || strings.HasSuffix(n, ".md") {
			continue
		}
		if !have[n+".expected.json"] {
			t.Errorf("%s: every fixture needs %s.expected.json", n, n)
		}
		files = append(files, filepath.Join(dir, n))
	}
	if len(files) == 0 {
		t.Errorf("no fixtures in %s", dir)
	}
	return files
}

func checkFixture(t *testing.T, c collectors.Collector, kind, root, file string) score {
	t.Helper()
	raw, err := os.ReadFile(file + ".expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var want expectedFacts
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&want); err != nil {
		t.Fatalf("%s.expected.json: %v", filepath.Base(file), err)
	}
	opts := want.Options
	if opts == nil {
		opts = map[string]any{}
	}
	src := evidence.Source{Kind: kind, Name: "realworld", Dir: filepath.Dir(file), Files: []string{file},
		Options: opts, FingerprintKey: []byte("realworld-fingerprint-key-32-bytes!!")}
	doc, err := c.Collect(context.Background(), src)
	if err != nil {
		t.Fatalf("collect: %v", err)
	}
	var data any
	if err := json.Unmarshal(doc.Data, &data); err != nil {
		t.Fatal(err)
	}
	var s score
	for _, f := range want.Facts {
		path := f.Path
		if root != "" {
			path = root + "." + path
		}
		s.add(checkFact(t, data, path, f))
	}
	if want.Warnings != nil {
		var got []string
		for _, w := range doc.Provenance.Warnings {
			got = append(got, w.Message)
		}
		s.add(checkWarnings(t, got, *want.Warnings))
	}
	return s
}

// errorer is the part of testing.T the checks report through.
type errorer interface {
	Helper()
	Errorf(format string, args ...any)
}

// quiet counts errors instead of failing a test.
type quiet struct{ n int }

func (*quiet) Helper()                 {}
func (q *quiet) Errorf(string, ...any) { q.n++ }

// checkFact scores one expected fact against data and reports what
// differs.
func checkFact(t errorer, data any, path string, f expectedFact) score {
	t.Helper()
	v, found := lookup(data, path)
	switch {
	case f.Count != nil:
		list, _ := v.([]any)
		n := 0
		for _, e := range list {
			if f.Where == nil || match(f.Where, e) {
				n++
			}
		}
		if n == *f.Count {
			return score{tp: 1}
		}
		t.Errorf("%s where %s: %d elements, want %d", path, js(f.Where), n, *f.Count)
		return score{fp: 1, fn: 1}
	case f.Exactly != nil || f.Contains != nil:
		want, exact := f.Contains, false
		if f.Exactly != nil {
			want, exact = f.Exactly, true
		}
		list, _ := v.([]any)
		if !found || (v != nil && list == nil) {
			t.Errorf("%s: got %s, want a list", path, js(v))
		}
		got, missing, extra := pair(want, list)
		s := score{tp: got, fn: len(missing)}
		for _, m := range missing {
			t.Errorf("%s: expected element not found: %s", path, js(m))
		}
		if exact {
			s.fp = len(extra)
			for _, e := range extra {
				t.Errorf("%s: element not in the file: %s", path, js(e))
			}
		}
		return s
	default:
		var w any
		if len(f.Equals) == 0 {
			t.Errorf("%s: a fact needs equals, exactly, contains or count", path)
			return score{fn: 1}
		}
		if err := json.Unmarshal(f.Equals, &w); err != nil {
			t.Errorf("%s: %v", path, err)
			return score{fn: 1}
		}
		if match(w, v) {
			return score{tp: 1}
		}
		t.Errorf("%s: got %s, want %s", path, js(v), js(w))
		if !found || isZero(v) {
			return score{fn: 1}
		}
		return score{fp: 1, fn: 1}
	}
}

func checkWarnings(t errorer, got, want []string) score {
	t.Helper()
	var s score
	for i := range max(len(got), len(want)) {
		switch {
		case i >= len(want):
			s.fp++
			t.Errorf("warning not expected: %q", got[i])
		case i >= len(got):
			s.fn++
			t.Errorf("warning missing: want one containing %q", want[i])
		case strings.Contains(got[i], want[i]):
			s.tp++
		default:
			s.fp++
			s.fn++
			t.Errorf("warning %d = %q, want it to contain %q", i, got[i], want[i])
		}
	}
	return s
}

// lookup follows a dotted path through objects and (by index) lists.
func lookup(v any, path string) (any, bool) {
	for _, k := range strings.Split(path, ".") {
		switch o := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = o[k]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(o) {
				return nil, false
			}
			v = o[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// pair matches each wanted element to a distinct element of got and
// returns how many matched, the wanted elements left and the elements of
// got left. It tries every assignment when greedy matching fails, so that
// an element matching two wanted ones cannot hide a third.
func pair(want, got []any) (matched int, missing, extra []any) {
	used := make([]bool, len(got))
	assign := make([]int, len(want))
	var try func(i int, seen []bool) bool
	try = func(i int, seen []bool) bool {
		for j, g := range got {
			if seen[j] || !match(want[i], g) {
				continue
			}
			seen[j] = true
			if !used[j] {
				used[j], assign[i] = true, j
				return true
			}
			for k := range want {
				if assign[k] == j && k != i && try(k, seen) {
					assign[i] = j
					return true
				}
			}
		}
		return false
	}
	for i := range assign {
		assign[i] = -1
	}
	for i := range want {
		if try(i, make([]bool, len(got))) {
			matched++
		} else {
			missing = append(missing, want[i])
		}
	}
	for j, g := range got {
		if !used[j] {
			extra = append(extra, g)
		}
	}
	return matched, missing, extra
}

// match reports whether want matches got: objects on the fields want names
// (a field got omits is its zero value), lists of the same length element
// for element in any order, other values equal.
func match(want, got any) bool {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return false
		}
		for k, wv := range w {
			gv, ok := g[k]
			if !ok {
				if !isZero(wv) {
					return false
				}
				continue
			}
			if !match(wv, gv) {
				return false
			}
		}
		return true
	case []any:
		g, _ := got.([]any)
		if got != nil && g == nil {
			return false
		}
		if len(g) != len(w) {
			return false
		}
		n, _, _ := pair(w, g)
		return n == len(w)
	}
	return reflect.DeepEqual(want, got)
}

// isZero reports whether v is what an omitted JSON field stands for.
func isZero(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case bool:
		return !x
	case float64:
		return x == 0
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}

func js(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// TestFactMatching holds the matcher and the score to failing when they
// should.
func TestFactMatching(t *testing.T) {
	parse := func(s string) any {
		var v any
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tc := range []struct {
		name, want, got string
		ok              bool
	}{
		{"subset of fields", `{"a":1}`, `{"a":1,"b":2}`, true},
		{"different value", `{"a":2}`, `{"a":1}`, false},
		{"omitted field is zero", `{"a":false,"b":""}`, `{}`, true},
		{"omitted field is not a value", `{"a":true}`, `{}`, false},
		{"list in any order", `{"l":["x","y"]}`, `{"l":["y","x"]}`, true},
		{"list longer than expected", `{"l":["x"]}`, `{"l":["x","y"]}`, false},
		{"one element cannot match two", `[{"k":"a"},{"k":"a"}]`, `[{"k":"a","n":1},{"k":"b"}]`, false},
		{"assignment found past a greedy choice", `[{"k":"a"},{"k":"a","n":1}]`, `[{"k":"a","n":1},{"k":"a","n":2}]`, true},
		{"no assignment", `[{"k":"a"},{"k":"a","n":3}]`, `[{"k":"a","n":1},{"k":"a","n":2}]`, false},
	} {
		if got := match(parse(tc.want), parse(tc.got)); got != tc.ok {
			t.Errorf("%s: match = %v, want %v", tc.name, got, tc.ok)
		}
	}

	data := parse(`{"l":[{"k":"a"},{"k":"b"},{"k":"c"}],"s":"x"}`)
	ft := &quiet{}
	for _, tc := range []struct {
		name string
		fact expectedFact
		want score
	}{
		{"exactly, one extra", expectedFact{Path: "l", Exactly: []any{parse(`{"k":"a"}`), parse(`{"k":"b"}`)}}, score{tp: 2, fp: 1}},
		{"contains, one missing", expectedFact{Path: "l", Contains: []any{parse(`{"k":"a"}`), parse(`{"k":"z"}`)}}, score{tp: 1, fn: 1}},
		{"equals, wrong", expectedFact{Path: "s", Equals: json.RawMessage(`"y"`)}, score{fp: 1, fn: 1}},
		{"equals, absent", expectedFact{Path: "t", Equals: json.RawMessage(`"y"`)}, score{fn: 1}},
		{"count where", expectedFact{Path: "l", Count: ptr(1), Where: map[string]any{"k": "c"}}, score{tp: 1}},
		{"index path", expectedFact{Path: "l.1.k", Equals: json.RawMessage(`"b"`)}, score{tp: 1}},
	} {
		ft.n = 0
		got := checkFact(ft, data, tc.fact.Path, tc.fact)
		if got != tc.want {
			t.Errorf("%s: score %+v, want %+v", tc.name, got, tc.want)
		}
		if (ft.n == 0) != (got.fp == 0 && got.fn == 0) {
			t.Errorf("%s: %d errors reported for score %+v", tc.name, ft.n, got)
		}
	}
	if got := checkWarnings(ft, []string{"file a.csv: x", "extra"}, []string{"a.csv"}); got != (score{tp: 1, fp: 1}) {
		t.Errorf("warnings score %+v, want 1 true and 1 false positive", got)
	}
	if !slices.Equal([]float64{score{tp: 3, fp: 1}.precision(), score{tp: 1, fn: 3}.recall()}, []float64{0.75, 0.25}) {
		t.Error("precision or recall computed wrong")
	}
}

func ptr[T any](v T) *T { return &v }
