package logfile

import (
	"bytes"
	"compress/gzip"
	"errors"
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

func TestReader(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		live  bool
		cut   bool // the caller could not read the last line whole
		lines []string
		err   string // "line N" of the error
		cutAt int
	}{
		{name: "plain", in: "a\r\nb\n\nc\n", lines: []string{"a", "b", "c"}},
		{name: "last line without end, finished file", in: "a\nb", lines: []string{"a", "b"}},
		{name: "live, whole last line", in: "a\nb", live: true, lines: []string{"a", "b"}},
		{name: "live, cut last line", in: "a\nb", live: true, cut: true, lines: []string{"a", "b"}, cutAt: 2},
		{name: "gzip", in: gz("a\nb\n"), lines: []string{"a", "b"}},
		{name: "gzip is never live", in: gz("a\nb"), live: true, cut: true, lines: []string{"a", "b"}},
		{name: "gzip truncated", in: gz(strings.Repeat("abcdefgh\n", 100))[:40], err: "line 1"},
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
