package evidence

import (
	"bytes"
	"encoding/json"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestCanonical(t *testing.T) {
	type inner struct {
		Z string `json:"z"`
		A int    `json:"a"`
	}
	for _, tc := range []struct {
		name string
		in   any
		want string
	}{
		{"sorted keys", map[string]any{"b": 1, "a": []int{3, 1}}, `{"a":[3,1],"b":1}`},
		{"struct fields sorted", inner{Z: "z", A: 1}, `{"a":1,"z":"z"}`},
		{"no html escaping", map[string]string{"k": "<a&b>"}, `{"k":"<a&b>"}`},
		{"numbers kept", json.RawMessage(`{"n":1.50,"m":10000000000000000001}`), `{"m":10000000000000000001,"n":1.50}`},
		{"nested raw", map[string]json.RawMessage{"d": json.RawMessage(`{ "y" : 1 , "x" : [ ] }`)}, `{"d":{"x":[],"y":1}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Canonical(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func TestZoneOf(t *testing.T) {
	zones := []Zone{
		{Name: "plant", Networks: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}},
		{Name: "cell", Networks: []netip.Prefix{netip.MustParsePrefix("10.40.1.0/24"), netip.MustParsePrefix("fd00::/64")}},
	}
	for addr, want := range map[string]string{
		"10.40.1.7": "cell", "10.40.2.7": "plant", "192.168.0.1": "", "fd00::1": "cell",
	} {
		if got := ZoneOf(zones, netip.MustParseAddr(addr)); got != want {
			t.Errorf("ZoneOf(%s) = %q, want %q", addr, got, want)
		}
	}
}

func TestDecodeBundleErrors(t *testing.T) {
	good := `{"as_of":"2026-11-01","assessment":{"file":"a.hcl","name":"n","sha256":"x","site":"s"},"documents":[{"data":{},"id":"assets/inv","kind":"assets","provenance":{"collector":"assets","collector_version":"1","files":[],"incomplete":false,"records_read":0,"records_skipped":0,"warnings":[]},"source":"inv"}],"format":"slate.evidence/v1"}`
	if _, err := DecodeBundle("b.json", []byte(good)); err != nil {
		t.Fatalf("good bundle: %v", err)
	}
	for _, tc := range []struct {
		name, in, want string
	}{
		{"empty", ``, "b.json: line 1, column 1"},
		{"truncated", good[:120], "b.json: line 1, column 121"},
		{"not json", "\n\nhello", "b.json: line 3, column 1"},
		{"wrong type", strings.Replace(good, `"records_read":0`, `"records_read":"0"`, 1), "records_read"},
		{"unknown field", strings.Replace(good, `{"as_of"`, `{"extra":1,"as_of"`, 1), `unknown field "extra"`},
		{"wrong format", strings.Replace(good, `slate.evidence/v1`, `slate.evidence/v0`, 1), `format "slate.evidence/v0"`},
		{"id mismatch", strings.Replace(good, `"id":"assets/inv"`, `"id":"assets/other"`, 1), `does not match`},
		{"trailing data", good + `{}`, "data after the bundle"},
		{"bad evidence date", strings.Replace(good, `"incomplete":false`, `"evidence_date":"2026-13-01","incomplete":false`, 1), `evidence_date "2026-13-01"`},
		{"timestamp as evidence date", strings.Replace(good, `"incomplete":false`, `"evidence_date":"2026-10-28T08:00:00Z","incomplete":false`, 1), `is not a date`},
		{"duplicate document", strings.Replace(good, `"documents":[{`, `"documents":[{"data":{},"id":"assets/inv","kind":"assets","provenance":{"collector":"assets","collector_version":"1","files":[],"incomplete":false,"records_read":0,"records_skipped":0,"warnings":[]},"source":"inv"},{`, 1), "appears twice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeBundle("b.json", []byte(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestHashFileAndRelPath(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "f.csv")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("abc"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := HashFile(dir, path)
	if err != nil {
		t.Fatal(err)
	}
	want := File{Path: "sub/f.csv", Size: 3, SHA256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}
	if f != want {
		t.Errorf("got %+v, want %+v", f, want)
	}
	if got := RelPath(filepath.Join(dir, "sub"), path); got != "f.csv" {
		t.Errorf("RelPath = %q", got)
	}
}

func TestNewDocumentSortsProvenance(t *testing.T) {
	doc, err := NewDocument(Source{Kind: "assets", Name: "inv"}, Provenance{
		Files:    []File{{Path: "b"}, {Path: "a"}},
		Warnings: []Warning{{File: "b", Line: 2, Message: "x"}, {File: "a", Line: 9, Message: "y"}, {File: "a", Line: 3, Message: "z"}},
	}, map[string]int{"n": 1})
	if err != nil {
		t.Fatal(err)
	}
	if doc.ID != "assets/inv" || doc.Provenance.Files[0].Path != "a" || doc.Provenance.Warnings[0].Line != 3 || doc.Provenance.Warnings[2].File != "b" {
		t.Errorf("not sorted: %+v", doc)
	}
	if !bytes.Equal(doc.Data, []byte(`{"n":1}`)) {
		t.Errorf("data %s", doc.Data)
	}
}

// TestBundleWriteTo: the bundle's JSON written in pieces, encoded and
// digested is Canonical(b), whether a document's data is still what
// NewDocument made (written as it is) or was replaced since (made
// canonical again); data that is not JSON is an error naming the document.
func TestBundleWriteTo(t *testing.T) {
	doc := func(name string, data any) Document {
		d, err := NewDocument(Source{Kind: "assets", Name: name}, Provenance{}, data)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	replaced := doc("replaced", map[string]int{"n": 1})
	replaced.Data = json.RawMessage(`{ "z": 1.0, "a": [ "\u00e9" ] }`)
	var decoded Document
	if err := json.Unmarshal([]byte(`{"id":"assets/decoded","data":{"b":2, "a":1}}`), &decoded); err != nil {
		t.Fatal(err)
	}
	broken := doc("broken", 1)
	broken.Data = json.RawMessage(`{"a":`)
	for _, tc := range []struct {
		name    string
		docs    []Document
		wantErr string
	}{
		{"none", nil, ""},
		{"empty", []Document{}, ""},
		{"made by NewDocument", []Document{doc("a", map[string]any{"z": []int{1}, "a": "é"}), doc("b", nil), doc("c", []string{"x"})}, ""},
		{"replaced and decoded", []Document{doc("a", 1), replaced, decoded, {ID: "assets/nil"}}, ""},
		{"not JSON", []Document{doc("a", 1), broken}, "document assets/broken: data"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := &Bundle{Format: BundleFormat, AsOf: "2026-11-01", Documents: tc.docs}
			enc, err := b.Encode()
			digest, derr := b.Digest()
			if tc.wantErr != "" {
				if err == nil || derr == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("Encode: %v, Digest: %v, want %q", err, derr, tc.wantErr)
				}
				return
			}
			want, werr := Canonical(b)
			if err != nil || werr != nil || !bytes.Equal(enc, want) {
				t.Fatalf("Encode gives %s (%v), Canonical %s (%v)", enc, err, want, werr)
			}
			if derr != nil || digest != DigestBytes(want) {
				t.Errorf("Digest %s (%v), want %s", digest, derr, DigestBytes(want))
			}
			var buf bytes.Buffer
			n, err := b.WriteTo(&buf)
			if err != nil || n != int64(len(want)) || !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("WriteTo wrote %d bytes (%v), want %d", n, err, len(want))
			}
		})
	}
}

// FuzzDecodeBundle: any bytes give a bundle or an error, never a panic, and
// a bundle that decodes re-encodes to bytes that decode to the same bundle.
func FuzzDecodeBundle(f *testing.F) {
	f.Add([]byte(`{"as_of":"2026-11-01","assessment":{"file":"a.hcl","name":"n","sha256":"x","site":"s"},"documents":[],"format":"slate.evidence/v1"}`))
	f.Add([]byte(`{"format":"slate.evidence/v1","documents":[{"id":"a/b","kind":"a","source":"b","data":[1,2]}]}`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`{"format":"slate.evidence/v1","documents":[{"id":"a/b","kind":"a","source":"b","data":{ "z" : [1.0, "\u00e9\/"], "a":{"data":0,"id":1}} },{"id":"c/d","data":null},{"id":"e/f"}]}`))
	if raw, err := os.ReadFile("../testdata/golden/examples/plant-a/bundle.json"); err == nil {
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		b, err := DecodeBundle("f.json", raw)
		if err != nil {
			return
		}
		enc, err := b.Encode()
		want, werr := Canonical(b)
		if (err == nil) != (werr == nil) || err == nil && !bytes.Equal(enc, want) {
			t.Fatalf("Encode gives %q (%v), Canonical %q (%v)", enc, err, want, werr)
		}
		if err != nil {
			return // data that is not valid JSON inside a RawMessage cannot occur, but do not panic
		}
		b2, err := DecodeBundle("f.json", enc)
		if err != nil {
			t.Fatalf("re-encoded bundle does not decode: %v\n%s", err, enc)
		}
		enc2, err := b2.Encode()
		if err != nil || !bytes.Equal(enc, enc2) {
			t.Fatalf("encoding is not stable:\n%s\n%s", enc, enc2)
		}
	})
}

// canonicalByMaps is the plain definition of canonical JSON that
// CanonicalJSON must agree with: decode into generic values, re-encode.
func canonicalByMaps(src []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, io.ErrUnexpectedEOF
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte{'\n'}), nil
}

// FuzzCanonicalJSON: for every valid JSON text, the byte-level
// canonicaliser gives exactly what the decode/re-encode definition gives,
// and it rejects what encoding/json rejects.
func FuzzCanonicalJSON(f *testing.F) {
	for _, s := range []string{
		`{"b":1,"a":[true,false,null],"c":{"z":"\u0041\n","y":-1.5e3}}`,
		`{"a":1,"a":2}`, `[]`, `{}`, `"<&>"`, `"\ud83d\ude00"`, `  [1, {"x" : "y"} ]  `,
		`{"é":1,"e":2,"\u00e9x":3}`, `{"a":`, `[1,]`, `01`, `"\x"`, `{"a" 1}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		want, wantErr := canonicalByMaps(src)
		got, err := CanonicalJSON(src)
		if !json.Valid(src) {
			if err == nil {
				t.Fatalf("accepted %q, which encoding/json rejects", src)
			}
			return
		}
		if wantErr != nil {
			t.Fatalf("the decode/re-encode definition rejects valid JSON %q: %v", src, wantErr)
		}
		if err != nil {
			t.Fatalf("rejected valid JSON %q: %v", src, err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("CanonicalJSON(%q)\n got %s\nwant %s", src, got, want)
		}
	})
}

func TestSourceUniqueFiles(t *testing.T) {
	src := Source{Files: []string{"/a/x.csv", "/a/y.csv", "/a/x.csv", "/a/z.csv", "/a/y.csv"}}
	got := src.UniqueFiles()
	want := []string{"/a/x.csv", "/a/y.csv", "/a/z.csv"}
	if !slices.Equal(got, want) {
		t.Errorf("UniqueFiles() = %q, want %q", got, want)
	}
	if got := (Source{}).UniqueFiles(); len(got) != 0 {
		t.Errorf("no files: got %q", got)
	}
}
