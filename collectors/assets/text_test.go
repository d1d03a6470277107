package assets

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
)

func TestTextReader(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     string
		encoding string
		wantErr  *textError // Err compared by message prefix
		errMsg   string
	}{
		{name: "ascii", in: "a,b\nc,d\n", want: "a,b\nc,d\n", encoding: "utf-8"},
		{name: "utf-8 across reads", in: "Süd,Kühlturm\n€\n", want: "Süd,Kühlturm\n€\n", encoding: "utf-8"},
		{name: "bom dropped", in: "\xEF\xBB\xBFname\n", want: "name\n", encoding: "utf-8-bom"},
		{name: "utf-16le", in: "\xFF\xFEa\x00\n\x00\xAC\x20\n\x00", want: "a\n€\n", encoding: "utf-16le"},
		{name: "utf-16be", in: "\xFE\xFF\x00a\x00\n\xD8\x3D\xDE\x00", want: "a\n😀", encoding: "utf-16be"},
		{name: "latin-1", in: "a\nS\xFCd\n", encoding: "utf-8", wantErr: &textError{Line: 2}, errMsg: "invalid UTF-8 (byte 0xFC at byte 3)"},
		{name: "cut sequence at end", in: "a\n\xE2\x82", encoding: "utf-8", wantErr: &textError{Line: 2}, errMsg: "invalid UTF-8 (byte 0xE2 at byte 2)"},
		{name: "nul", in: "ab\x00", encoding: "utf-8", wantErr: &textError{Offset: 2}, errMsg: "binary content (NUL byte)"},
		{name: "nul after bom", in: "\xEF\xBB\xBFab\x00", encoding: "utf-8-bom", wantErr: &textError{Offset: 5}, errMsg: "binary content (NUL byte)"},
		{name: "utf-16 odd length", in: "\xFF\xFEa\x00b", encoding: "utf-16le", wantErr: &textError{Line: 1}, errMsg: "invalid UTF-16: odd number of bytes"},
		{name: "utf-16 lone surrogate", in: "\xFF\xFE\x00\xD8a\x00", encoding: "utf-16le", wantErr: &textError{Line: 1}, errMsg: "invalid UTF-16: unpaired surrogate"},
		{name: "utf-16 nul", in: "\xFF\xFEa\x00\n\x00\x00\x00", encoding: "utf-16le", wantErr: &textError{Line: 2}, errMsg: "NUL character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, enc := newTextReader(iotest.OneByteReader(strings.NewReader(tt.in)))
			if enc != tt.encoding {
				t.Errorf("encoding %q, want %q", enc, tt.encoding)
			}
			got, err := io.ReadAll(r)
			if tt.wantErr == nil {
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(tt.want, string(got)); diff != "" {
					t.Errorf("text (-want +got):\n%s", diff)
				}
				return
			}
			var te *textError
			if !errors.As(err, &te) {
				t.Fatalf("got %v, want a textError", err)
			}
			if te.Line != tt.wantErr.Line || te.Offset != tt.wantErr.Offset || !strings.HasPrefix(te.Error(), tt.errMsg) {
				t.Errorf("got line %d offset %d %q; want line %d offset %d %q…", te.Line, te.Offset, te, tt.wantErr.Line, tt.wantErr.Offset, tt.errMsg)
			}
		})
	}
}
