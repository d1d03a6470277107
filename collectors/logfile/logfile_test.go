package logfile

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func gz(s string) string {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.String()
}

// corrupt sets byte i of s to one that makes its deflate block invalid
// (a reserved block type).
func corrupt(s string, i int) string {
	b := []byte(s)
	b[i] = 0xff
	return string(b)
}

func TestReader(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		live  bool
		cut   bool // the caller could not read the last line whole
		lines []string
		err   string // "line N" of the error
		// gzipAt is the byte of the compressed input a *GzipError names:
		// this one or, where the data goes on past a corrupt byte, one
		// after it that the decompressor read.
		gzipAt int64
		cutAt  int
	}{
		{name: "plain", in: "a\r\nb\n\nc\n", lines: []string{"a", "b", "c"}},
		{name: "last line without end, finished file", in: "a\nb", lines: []string{"a", "b"}},
		{name: "live, whole last line", in: "a\nb", live: true, lines: []string{"a", "b"}},
		{name: "live, cut last line", in: "a\nb", live: true, cut: true, lines: []string{"a", "b"}, cutAt: 2},
		{name: "gzip", in: gz("a\nb\n"), lines: []string{"a", "b"}},
		{name: "gzip is never live", in: gz("a\nb"), live: true, cut: true, lines: []string{"a", "b"}},
		{name: "gzip truncated", in: gz(strings.Repeat("abcdefgh\n", 100))[:40], gzipAt: 40},
		{name: "gzip truncated after whole lines", in: gz(strings.Repeat("abcdefgh\n", 1000) + strings.Repeat("x", 1<<18) + "\n")[:300], gzipAt: 300},
		{name: "gzip with a corrupt block", in: corrupt(gz(strings.Repeat("abcdefgh\n", 100)+"end\n"), 12), gzipAt: 13},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := NewReader(strings.NewReader(tt.in), Options{Live: tt.live})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			var rerr error
			for {
				l, err := r.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					rerr = err
					break
				}
				got = append(got, string(l))
			}
			if tt.gzipAt > 0 {
				var ge *GzipError
				if !errors.As(rerr, &ge) || ge.Offset < tt.gzipAt || ge.Offset > int64(len(tt.in)) {
					t.Fatalf("error %v, want a gzip error at byte %d", rerr, tt.gzipAt)
				}
				if !strings.Contains(ge.Error(), fmt.Sprintf("at byte %d of the file, after line %d", ge.Offset, len(got))) {
					t.Errorf("error %q does not name the byte and the lines read", ge)
				}
				return
			}
			if tt.err != "" {
				var le *LineError
				if !errors.As(rerr, &le) || !strings.HasPrefix(le.Error(), tt.err) {
					t.Fatalf("error %v, want %s", rerr, tt.err)
				}
				return
			}
			if rerr != nil {
				t.Fatal(rerr)
			}
			if diff := cmp.Diff(tt.lines, got); diff != "" {
				t.Errorf("lines (-want +got):\n%s", diff)
			}
			if tt.cut {
				if r.Cut() != (tt.cutAt > 0) {
					t.Errorf("Cut() = %v", !(tt.cutAt > 0))
				}
			}
			if r.CutShort() != tt.cutAt {
				t.Errorf("CutShort() = %d, want %d", r.CutShort(), tt.cutAt)
			}
			f, err := r.Finish("x")
			if err != nil || f.Size != int64(len(tt.in)) || len(f.SHA256) != 64 {
				t.Errorf("Finish: %+v %v", f, err)
			}
		})
	}
}
