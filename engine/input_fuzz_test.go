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
// index it adds), and fail, never panic, on text that is not JSON.
func checkPrepareInput(t *testing.T, src []byte) {
	got, err := prepareInput(src)
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
	if obj, ok := got.(ast.Object); ok {
		if _, isObj := want.(ast.Object); isObj {
			// Compare without the engine's index.
			stripped := ast.NewObject()
			obj.Foreach(func(k, v *ast.Term) {
				if !k.Equal(ast.StringTerm("index")) {
					stripped.Insert(k, v)
				}
			})
			wantObj := want.(ast.Object)
			if w := wantObj.Get(ast.StringTerm("index")); w != nil {
				return // an index in the text is replaced by design
			}
			got = stripped
		}
	}
	if got.Compare(want) != 0 {
		t.Fatalf("prepareInput(%q)\n got  %v\n want %v", src, got, want)
	}
}

func FuzzPrepareInput(f *testing.F) {
	for _, s := range []string{
		`{}`, `[]`, `"x"`, `1`, `null`, `{"a":1}`, `{"evidence":{}}`,
		`{"evidence":{"pcap":[]}}`, `{"evidence":{"pcap":[{"id":"pcap/a","data":{"flows":[]}}]}}`,
		`{"evidence":{"pcap":[{"id":"pcap/a","data":{"flows":[{"id":"f1","protocol":"telnet","client":{"zone":"a"},"server":{"zone":"b"}}]}}]}}`,
		`{"assessment":{"zones":[{"name":"z","networks":["10.0.0.0/8"]}]},"evidence":{"assets":[{"id":"assets/x","data":{"assets":[{"ip":"10.0.0.1","n":1.5e3,"t":true,"u":"\u00e9\ud83d\ude00","e":"a\"b\\c\/\n"}]}}]}}`,
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
