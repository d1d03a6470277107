package engine

import (
	"bytes"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/traffic"
	"github.com/slate-ot/slate/internal/memlimit"
)

// TestMain runs the engine's tests with strictTraffic: traffic evidence
// the flow index cannot read fails them instead of being read the slow
// way. Benchmarks (-test.bench) measure what a run does, which checks no
// document against the model: that check decodes every flow into Go
// values, about 40 % of the conversion's CPU time and 60 % of what it
// allocates.
//
// Benchmarks run under the memory limit cmd/slate runs under
// (memlimit.Govern), so that their peak memory is a run's.
func TestMain(m *testing.M) {
	flag.Parse()
	benchmarking := flag.Lookup("test.bench").Value.String() != ""
	strictTraffic = !benchmarking
	stop := func() {}
	if benchmarking {
		stop = memlimit.Govern()
	}
	code := m.Run()
	stop()
	os.Exit(code)
}

// TestTrafficDrift: a traffic document with a member the model does not
// have, or a value of another type, is an error under a strict plan, and
// is read (every flow kept) under a lenient one; the collector's own
// evidence is read under both.
func TestTrafficDrift(t *testing.T) {
	a, b := exampleSite(t)
	var kinds []string
	for _, s := range a.Sources {
		kinds = append(kinds, s.Kind)
	}
	input, err := Input(a, b, b.AsOf, kinds)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := prepareInput(input, inputPlan{strict: true}); err != nil {
		t.Fatalf("the collector's evidence: %v", err)
	}
	for _, tc := range []struct{ name, from, to string }{
		{"unknown member", `"handshake":`, `"handshook":false,"handshake":`},
		{"wrong type", `"protocol":"modbus"`, `"protocol":502`},
		{"flows not a list", `"flows":[`, `"flows":{"x":[`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !bytes.Contains(input, []byte(tc.from)) {
				t.Fatalf("the example's input has no %s", tc.from)
			}
			drifted := bytes.Replace(input, []byte(tc.from), []byte(tc.to), 1)
			if tc.name == "flows not a list" {
				// Close the object where the list closed.
				i := bytes.Index(drifted, []byte(tc.to)) + len(tc.to) - 1
				j := closingBracket(drifted, i)
				if j < 0 {
					t.Fatal("the flows list of the example's input does not close")
				}
				drifted = slices.Concat(drifted[:j], []byte("]}"), drifted[j+1:])
			}
			if _, err := prepareInput(drifted, inputPlan{strict: true}); err == nil {
				t.Error("strict: no error")
			}
			if _, err := prepareInput(drifted, inputPlan{}); err != nil && tc.name != "flows not a list" {
				t.Errorf("lenient: %v", err)
			}
		})
	}
}

// closingBracket returns the offset of the bracket that closes the one at
// open in the JSON text b, or -1: strings, with their escapes, are passed
// over.
func closingBracket(b []byte, open int) int {
	depth, inString := 0, false
	for i := open; i < len(b); i++ {
		switch c := b[i]; {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return -1
}

// TestEngineReadsNoCollectorKeys: engine code reads traffic evidence by
// the model's names (trafficKeys), never by a string literal of one of
// them: a literal in a switch case, a comparison, an index or a list of
// names fails this test. The names of the document around the data
// (evidence.Document) are the evidence package's, not a collector's; a
// line that says "not traffic evidence" reads something else that shares
// a name (a policy's note, the inventory's records).
func TestEngineReadsNoCollectorKeys(t *testing.T) {
	names := trafficJSONNames()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, hit := range keyLiterals(t, path, src, names) {
			t.Errorf("%s reads traffic evidence by the literal key %s: use trafficKeys", hit.pos, hit.lit)
		}
	}
	// The check itself can fail.
	planted := `package engine
func f(name, key string, m map[string]int) bool {
	switch name {
	case "protocol":
	}
	_ = m["zone"]
	_ = []string{"inner_vlan"}
	return key == "client"
}`
	got := keyLiterals(t, "planted.go", []byte(planted), names)
	if len(got) != 4 {
		t.Errorf("planted reads: found %v, want the 4 of them", got)
	}
}

type keyHit struct {
	pos token.Position
	lit string
}

// keyLiterals finds string literals of names used as keys in src.
func keyLiterals(t *testing.T, path string, src []byte, names map[string]bool) []keyHit {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, 0)
	if err != nil {
		t.Fatal(err)
	}
	var hits []keyHit
	lines := strings.Split(string(src), "\n")
	check := func(e ast.Expr) {
		lit, ok := e.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return
		}
		pos := fset.Position(lit.Pos())
		if pos.Line <= len(lines) && strings.Contains(lines[pos.Line-1], "not traffic evidence") {
			return
		}
		s, err := strconv.Unquote(lit.Value)
		if err == nil && names[s] {
			hits = append(hits, keyHit{pos, lit.Value})
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CaseClause:
			for _, e := range n.List {
				check(e)
			}
		case *ast.BinaryExpr:
			if n.Op == token.EQL || n.Op == token.NEQ {
				check(n.X)
				check(n.Y)
			}
		case *ast.IndexExpr:
			check(n.Index)
		case *ast.CompositeLit:
			if at, ok := n.Type.(*ast.ArrayType); ok {
				if id, ok := at.Elt.(*ast.Ident); ok && id.Name == "string" {
					for _, e := range n.Elts {
						check(e)
					}
				}
			}
		}
		return true
	})
	return hits
}

// trafficJSONNames are the JSON names of every field of the traffic
// model, less those of the evidence document around it.
func trafficJSONNames() map[string]bool {
	names := map[string]bool{}
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(ty reflect.Type) {
		for ty.Kind() == reflect.Pointer || ty.Kind() == reflect.Slice || ty.Kind() == reflect.Map {
			ty = ty.Elem()
		}
		if ty.Kind() != reflect.Struct || seen[ty] {
			return
		}
		seen[ty] = true
		for f := range ty.Fields() {
			if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name != "" && name != "-" {
				names[name] = true
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeFor[traffic.Data]())
	doc := reflect.TypeFor[evidence.Document]()
	for f := range doc.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		delete(names, name)
	}
	return names
}
