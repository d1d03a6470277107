package traffic

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/slate-ot/slate/evidence"
)

// checkFlow holds flowWriter.appendFlow to evidence.AppendCanonical for
// one flow, appended after some bytes already in the buffer.
func checkFlow(t *testing.T, w *flowWriter, f *Flow) {
	t.Helper()
	var scratch bytes.Buffer
	want, err := evidence.AppendCanonical([]byte("x,"), &scratch, f)
	if err != nil {
		t.Fatal(err)
	}
	got, err := w.appendFlow([]byte("x,"), f)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("appendFlow(%#v):\n%s\nwant evidence.Canonical:\n%s", f, got, want)
	}
}

// TestAppendFlowDocuments writes every flow of the traffic documents
// under the repository's testdata (the capture collector's goldens, the
// bundles of the examples and of attestation) both ways.
func TestAppendFlowDocuments(t *testing.T) {
	var files []string
	for _, pattern := range []string{
		"../../collectors/pcap/testdata/golden/*.json",
		"../../testdata/golden/examples/*/bundle.json",
		"../../evidence/attest/testdata/out/bundle.json",
	} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	var w flowWriter
	flows := 0
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		// A document, or a bundle of documents.
		var doc struct {
			Data      *Data `json:"data"`
			Documents []struct {
				Data json.RawMessage `json:"data"`
			} `json:"documents"`
		}
		if err := json.Unmarshal(raw, &doc); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		var datas []Data
		if doc.Data != nil {
			datas = append(datas, *doc.Data)
		}
		for _, d := range doc.Documents {
			var td Data
			if json.Unmarshal(d.Data, &td) == nil {
				datas = append(datas, td)
			}
		}
		for _, d := range datas {
			for i := range d.Flows {
				checkFlow(t, &w, &d.Flows[i])
				flows++
			}
		}
	}
	// The goldens hold over 200 flows; far fewer means the files
	// were not found or not read as traffic documents.
	if flows < 200 {
		t.Errorf("%d flows in %d files, want at least 200", flows, len(files))
	}
}

// strs are strings that canonical JSON writes in every way it can: as
// they are, escaped (quotes, backslashes, control characters, U+2028),
// replaced (invalid UTF-8), and not ASCII; and keys that sort around the
// struct's own names.
var strs = []string{"", "a", "modbus", "10.0.0.1", "read", "z", "\"", "\\", "a\tb\nc\x00\x1f", "\u2028\u2029",
	"<&>", "\xff\xfe", "é", "日本", "a|b", "\x7f", "ops", "zone", "\U0001F600", "a\xc3"}

// source is where fill takes its choices from: the bytes of a fuzz input,
// then a seeded generator.
type source struct {
	in  []byte
	rnd *rand.Rand
}

func (s *source) next(n int) int {
	if len(s.in) > 0 {
		b := s.in[0]
		s.in = s.in[1:]
		return int(b) % n
	}
	return s.rnd.IntN(n)
}

// fill sets every field v has, found by reflection, so that a field added
// to Flow or what it holds is filled and written too: strings from strs
// or random bytes, numbers often zero (omitted) and sometimes negative or
// large, pointers, slices and maps nil, empty or filled.
func fill(v reflect.Value, s *source, depth int) {
	switch v.Kind() {
	case reflect.String:
		if s.next(4) == 0 {
			b := make([]byte, s.next(6))
			for i := range b {
				b[i] = byte(s.next(256))
			}
			v.SetString(string(b))
		} else {
			v.SetString(strs[s.next(len(strs))])
		}
	case reflect.Int, reflect.Int64:
		switch s.next(4) {
		case 0:
			v.SetInt(0)
		case 1:
			v.SetInt(int64(s.next(1000)) - 500)
		case 2:
			v.SetInt(int64(s.next(1<<16)) << 32)
		default:
			v.SetInt(int64(s.next(100)))
		}
	case reflect.Bool:
		v.SetBool(s.next(2) == 1)
	case reflect.Pointer:
		if s.next(3) > 0 && depth < 4 {
			v.Set(reflect.New(v.Type().Elem()))
			fill(v.Elem(), s, depth+1)
		}
	case reflect.Slice:
		switch n := s.next(5); n {
		case 0:
		case 1:
			v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		default:
			v.Set(reflect.MakeSlice(v.Type(), n-1, n-1))
			for i := range n - 1 {
				fill(v.Index(i), s, depth+1)
			}
		}
	case reflect.Map:
		switch n := s.next(6); n {
		case 0:
		case 1:
			v.Set(reflect.MakeMap(v.Type()))
		default:
			v.Set(reflect.MakeMap(v.Type()))
			for range n - 1 {
				k := reflect.New(v.Type().Key()).Elem()
				e := reflect.New(v.Type().Elem()).Elem()
				fill(k, s, depth+1)
				fill(e, s, depth+1)
				v.SetMapIndex(k, e)
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), s, depth+1)
		}
	default:
		panic("fill: no rule for " + v.Type().String())
	}
}

// TestAppendFlowGenerated writes generated flows both ways.
func TestAppendFlowGenerated(t *testing.T) {
	s := &source{rnd: rand.New(rand.NewPCG(1, 2))}
	var w flowWriter
	for range 5000 {
		var f Flow
		fill(reflect.ValueOf(&f).Elem(), s, 0)
		checkFlow(t, &w, &f)
	}
}

// FuzzAppendFlow writes flows made from the fuzzer's bytes both ways.
func FuzzAppendFlow(f *testing.F) {
	f.Add([]byte{})
	f.Add(bytes.Repeat([]byte{1, 2, 3, 4, 5}, 40))
	f.Add(bytes.Repeat([]byte{255, 7}, 100))
	f.Fuzz(func(t *testing.T, in []byte) {
		s := &source{in: in, rnd: rand.New(rand.NewPCG(uint64(len(in)), 0))}
		var w flowWriter
		var fl Flow
		fill(reflect.ValueOf(&fl).Elem(), s, 0)
		checkFlow(t, &w, &fl)
	})
}

// TestPlain holds plain to a byte at a time, for every byte at every
// place of a word and around it.
func TestPlain(t *testing.T) {
	slow := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
				return false
			}
		}
		return true
	}
	for n := range 20 {
		for at := range n {
			for c := range 256 {
				b := bytes.Repeat([]byte{'a'}, n)
				b[at] = byte(c)
				if got, want := plain(string(b)), slow(string(b)); got != want {
					t.Fatalf("plain(%q) = %v, want %v", b, got, want)
				}
			}
		}
	}
}
