package textin

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"
)

// FuzzReader holds the reader to what it promises for any input: the same
// text and error whether read whole or byte by byte; valid UTF-8 without
// NUL or a lone CR when it succeeds; an *Error with a place when it fails;
// a line bound stopping at the line CheckLines names; and Sniff never
// panics on what it returns.
func FuzzReader(f *testing.F) {
	for _, s := range []string{
		"name,ip\r\nplc,1\r\n", "a;b\rc;d\r", "\xEF\xBB\xBFname|ip\n", "\xFF\xFEn\x00,\x00\n\x00",
		"\xFE\xFF\x00n\x00\t", "n\x00a\x00m\x00e\x00", "S\xFCd;\x80\n", "\"a\rb\",c\r", "ab\x00", "\xFF\xFE\x00\xD8",
	} {
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, raw []byte, strict bool) {
		o := Options{Legacy: !strict}
		whole, enc, err := Decode(raw, o)
		r := NewReader(iotest.OneByteReader(bytes.NewReader(raw)), o)
		bytewise, err2 := io.ReadAll(r)
		if enc != r.Encoding() || errString(err) != errString(err2) || (err == nil && !bytes.Equal(whole, bytewise)) {
			t.Fatalf("whole: %q %s %v; byte by byte: %q %s %v", whole, enc, err, bytewise, r.Encoding(), err2)
		}
		if err != nil {
			te, ok := errors.AsType[*Error](err)
			if !ok {
				t.Fatalf("error %v is not an *Error", err)
			}
			if te.Line == 0 && te.Offset == 0 && !strings.Contains(te.Error(), "byte") && enc == UTF8 && len(raw) > 0 && raw[0] != 0 {
				t.Fatalf("error %q has no place", te)
			}
			if te.Line > 0 && te.Line > bytes.Count(raw, []byte{'\n'})+bytes.Count(raw, []byte{'\r'})+1 {
				t.Fatalf("error on line %d of a file with fewer lines", te.Line)
			}
			return
		}
		if strict && enc == Windows1252 {
			t.Fatal("read as Windows-1252 with Legacy off")
		}
		if !utf8.Valid(whole) || bytes.IndexByte(whole, 0) >= 0 {
			t.Fatalf("text %q is not UTF-8 without NUL", whole)
		}
		for i, c := range whole {
			if c == '\r' && (i+1 == len(whole) || whole[i+1] != '\n') {
				t.Fatalf("lone CR at %d of %q", i, whole)
			}
		}
		// A line bound of 8 bytes: the streaming reader stops where
		// CheckLines finds the first long line of the decoded text, and
		// reads the whole text when it finds none.
		const max = 8
		bounded, err := io.ReadAll(NewReader(iotest.HalfReader(bytes.NewReader(raw)), Options{Legacy: !strict, MaxLine: max}))
		want := CheckLines(whole, max)
		te, _ := errors.AsType[*Error](err)
		switch {
		case want == nil && (err != nil || !bytes.Equal(bounded, whole)):
			t.Fatalf("MaxLine %d: %v, reading %q; CheckLines finds no long line in %q", max, err, bounded, whole)
		case want != nil && (te == nil || te.Line != want.Line):
			t.Fatalf("MaxLine %d: error %v; CheckLines finds line %d too long in %q", max, err, want.Line, whole)
		}
		d := Sniff(whole[:min(len(whole), SniffWindow)], 10, func(rec []string) (int, bool) { return len(rec), len(rec) > 2 })
		cr := csv.NewReader(bytes.NewReader(whole))
		cr.Comma, cr.FieldsPerRecord = d.Comma, -1
		for {
			if _, err := cr.Read(); err != nil {
				break
			}
		}
	})
}
