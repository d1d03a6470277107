package engine

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// prepareInput parses input text with its own scanner, for speed; it must
// read every input exactly as OPA's own JSON reader does (apart from the
// index it adds, and the flows it leaves out when no check reads them),
// and fail, never panic, on text that is not JSON.
func checkPrepareInput(t *testing.T, src []byte) {
	got, err := prepareInput(src, inputPlan{allFlows: true, allLists: true})
	lean, leanErr := prepareInput(src, inputPlan{})
	if (err == nil) != (leanErr == nil) {
		t.Fatalf("prepareInput(%q): %v with every flow, %v without", src, err, leanErr)
	}
	if !bytes.HasPrefix(bytes.TrimLeft(src, " \t\r\n"), []byte("{")) {
		return // not an input object: read by OPA's own reader
	}
	if !json.Valid(src) {
		if err == nil {
			t.Fatalf("prepareInput accepted invalid JSON %q", src)
		}
		return
	}
	want, werr := ast.ValueFromReader(bytes.NewReader(src))
	if werr != nil {
		// Valid JSON that OPA refuses (numbers it cannot hold): ours may
		// refuse it too.
		return
	}
	if err != nil {
		t.Fatalf("prepareInput(%q): %v; OPA reads it as %v", src, err, want)
	}
	wantObj, ok := want.(ast.Object)
	if !ok {
		if got.Compare(want) != 0 {
			t.Fatalf("prepareInput(%q)\n got  %v\n want %v", src, got, want)
		}
		return
	}
	if wantObj.Get(ast.StringTerm("index")) != nil {
		return // an index in the text is replaced by design
	}
	indexOf := func(v ast.Value, kind string) *ast.Term {
		return v.(ast.Object).Get(ast.StringTerm("index")).Value.(ast.Object).Get(ast.StringTerm(kind))
	}
	index := func(v ast.Value) *ast.Term { return indexOf(v, "pcap") }
	if a, b := index(got), index(lean); (a == nil) != (b == nil) || a != nil && !a.Equal(b) {
		t.Fatalf("prepareInput(%q): the index differs when the flows are left out\n with    %v\n without %v", src, a, b)
	}
	if a, b := indexOf(got, "assets"), indexOf(lean, "assets"); (a == nil) != (b == nil) || a != nil && !a.Equal(b) {
		t.Fatalf("prepareInput(%q): the inventory index differs when the lists are left out\n with    %v\n without %v", src, a, b)
	}
	if diff := withoutIndex(got).Compare(wantObj); diff != 0 {
		t.Fatalf("prepareInput(%q)\n got  %v\n want %v", src, got, want)
	}
	// Without the flows: the capture documents' data lose their flows
	// and the devices seen when the input has an index of them, the
	// inventory documents' data their records when it has an index of
	// those, else nothing is left out.
	if index(lean) != nil {
		wantObj = withoutData(wantObj, "pcap", "flows")
		wantObj = withoutData(wantObj, "pcap", "assets")
	}
	if indexOf(lean, "assets") != nil {
		wantObj = withoutData(wantObj, "assets", "assets")
	}
	if withoutIndex(lean).Compare(wantObj) != 0 {
		t.Fatalf("prepareInput(%q) without the flows\n got  %v\n want %v", src, lean, wantObj)
	}
}

// withoutIndex is the input value without the engine's index.
func withoutIndex(v ast.Value) ast.Object {
	out := ast.NewObject()
	v.(ast.Object).Foreach(func(k, v *ast.Term) {
		if !k.Equal(ast.StringTerm("index")) {
			out.Insert(k, v)
		}
	})
	return out
}

// withoutData is the input without the member key of the data of its
// documents of the kind.
func withoutData(in ast.Object, kind, key string) ast.Object {
	out, err := in.Map(func(k, v *ast.Term) (*ast.Term, *ast.Term, error) {
		if !k.Equal(ast.StringTerm("evidence")) {
			return k, v, nil
		}
		ev := v.Value.(ast.Object)
		docs := ev.Get(ast.StringTerm(kind)).Value.(*ast.Array)
		lean := make([]*ast.Term, 0, docs.Len())
		for i := range docs.Len() {
			doc := docs.Elem(i).Value.(ast.Object)
			d, err := doc.Map(func(k, v *ast.Term) (*ast.Term, *ast.Term, error) {
				data, ok := v.Value.(ast.Object)
				if !k.Equal(ast.StringTerm("data")) || !ok {
					return k, v, nil
				}
				out := ast.NewObject()
				data.Foreach(func(k, v *ast.Term) {
					if !k.Equal(ast.StringTerm(key)) {
						out.Insert(k, v)
					}
				})
				return k, ast.NewTerm(out), nil
			})
			if err != nil {
				panic(err)
			}
			lean = append(lean, ast.NewTerm(d))
		}
		copy := ast.NewObject()
		ev.Foreach(func(k, v *ast.Term) { copy.Insert(k, v) })
		copy.Insert(ast.StringTerm(kind), ast.ArrayTerm(lean...))
		return k, ast.NewTerm(copy), nil
	})
	if err != nil {
		panic(err)
	}
	return out
}

func FuzzPrepareInput(f *testing.F) {
	for _, s := range []string{
		`{}`, `[]`, `"x"`, `1`, `null`, `{"a":1}`, `{"evidence":{}}`,
		`{"evidence":{"pcap":[]}}`, `{"evidence":{"pcap":[{"id":"pcap/a","data":{"flows":[]}}]}}`,
		`{"evidence":{"pcap":[{"id":"pcap/a","data":{"flows":[{"id":"f1","protocol":"telnet","client":{"zone":"a"},"server":{"zone":"b"}}]}}]}}`,
		`{"assessment":{"zones":[{"name":"z","networks":["10.0.0.0/8"]}]},"evidence":{"assets":[{"id":"assets/x","data":{"assets":[{"ip":"10.0.0.1","n":1.5e3,"t":true,"u":"\u00e9\ud83d\ude00","e":"a\"b\\c\/\n"}]}}]}}`,
		`{"assessment":{"zones":[{"name":"z","kind":"ot","networks":["10.0.0.0/8"]}]},"evidence":{"netconfig":[{"id":"netconfig/n","data":{"devices":[{"file":"a.cfg","vendor":"cisco","role":"switch","interfaces":[{"name":"g1","zone":"z","mode":"access"},{"name":"g2","zone":"z","acl_in":"in1"}],"acls":[{"name":"in1","rules":[{"action":"deny","protocol":"ip","source":"any","destination":"any"}]}]}]}}]}}`,
		`{"a":[1,2,{"b":[]}],"a":2}`, `{"x":-0.0,"y":12345678901234567890}`, `{"s":"\u0000"}`,
		`{"evidence":{"pcap":{"not":"a list"}}}`, `{"evidence":[1,2]}`, `{"index":{"pcap":1},"evidence":{}}`,
		`{`, `{"a":}`, `{"a":1,}`, `[1,]`, `"\x"`, `{"a":1} x`, `nul`, `{"a":"\ud800"}`,
	} {
		f.Add([]byte(s))
	}
	if raw, err := os.ReadFile("../testdata/golden/examples/plant-a/bundle.json"); err == nil {
		f.Add(raw)
	}
	f.Fuzz(checkPrepareInput)
}
