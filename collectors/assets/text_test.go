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
		{name: "latin-1", in: "a\nS\xFCd\n", want: "a\nSüd\n", encoding: "windows-1252"},
		{name: "windows-1252 euro, quotes, dash", in: "\x80 5,\x93x\x94\x96\xA0\xFF\n", want: "€ 5,“x”–\u00a0ÿ\n", encoding: "windows-1252"},
		{name: "windows-1252 undefined byte kept as C1", in: "a\x81\n", want: "a\u0081\n", encoding: "windows-1252"},
		{name: "control bytes are not single-byte text", in: "a\x01\xFC\n", encoding: "utf-8", wantErr: &textError{Line: 1}, errMsg: "invalid UTF-8 (byte 0xFC at byte 2, column 3 of the line)"},
		{name: "cut sequence at end", in: "a\n\xE2\x82", encoding: "utf-8", wantErr: &textError{Line: 2}, errMsg: "invalid UTF-8 (byte 0xE2 at byte 2, column 1 of the line)"},
		{name: "CR-only line ends", in: "a,b\rc,d\r", want: "a,b\nc,d\n", encoding: "utf-8"},
		{name: "CRLF kept", in: "a,b\r\nc,d\r\n", want: "a,b\r\nc,d\r\n", encoding: "utf-8"},
		{name: "mixed line ends, CR at the end", in: "a\rb\r\nc\nd\r", want: "a\nb\r\nc\nd\n", encoding: "utf-8"},
		{name: "two CRs", in: "a\r\rb", want: "a\n\nb", encoding: "utf-8"},
		{name: "CR-only lines counted, bad byte past the sniffed start", in: "a\rb\r" + strings.Repeat("x", 65536) + "\rS\xC3\x28",
			encoding: "utf-8", wantErr: &textError{Line: 4}, errMsg: "invalid UTF-8 (byte 0xC3 at byte 65542, column 2 of the line)"},
		{name: "column counts characters of a long line across reads", in: strings.Repeat("ü", 40000) + "\xFF",
			encoding: "utf-8", wantErr: &textError{Line: 1}, errMsg: "invalid UTF-8 (byte 0xFF at byte 80000, column 40001 of the line)"},
		{name: "CR-only windows-1252", in: "Name\rK\xFChlturm\r", want: "Name\nKühlturm\n", encoding: "windows-1252"},
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
