package textin

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"
)

func TestReader(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		strict   bool // Legacy off
		want     string
		encoding string
		wantErr  *Error // Err compared by message prefix
		errMsg   string
	}{
		{name: "ascii", in: "a,b\nc,d\n", want: "a,b\nc,d\n", encoding: UTF8},
		{name: "empty", in: "", want: "", encoding: UTF8},
		{name: "utf-8 across reads", in: "Süd,Kühlturm\n€\n", want: "Süd,Kühlturm\n€\n", encoding: UTF8},
		{name: "bom dropped", in: "\xEF\xBB\xBFname\n", want: "name\n", encoding: UTF8BOM},
		{name: "bom only", in: "\xEF\xBB\xBF", want: "", encoding: UTF8BOM},
		{name: "utf-16le", in: "\xFF\xFEa\x00\n\x00\xAC\x20\n\x00", want: "a\n€\n", encoding: UTF16LE},
		{name: "utf-16be", in: "\xFE\xFF\x00a\x00\n\xD8\x3D\xDE\x00", want: "a\n😀", encoding: UTF16BE},
		{name: "utf-16le without bom", in: "a\x00,\x00b\x00\r\x00\n\x00", want: "a,b\r\n", encoding: UTF16LE},
		{name: "utf-16be without bom", in: "\x00a\x00,\x00b\x00\r", want: "a,b\n", encoding: UTF16BE},
		{name: "utf-16le without bom, a CJK unit with a zero low byte", in: "a\x00b\x00c\x00d\x00e\x00f\x00g\x00h\x00i\x00\x00\x4E", want: "abcdefghi一", encoding: UTF16LE},
		{name: "binary with NULs on both sides is not utf-16", in: "\x00\x00\x01\x00", encoding: UTF8, wantErr: &Error{Offset: 0}, errMsg: "binary content (NUL byte)"},
		{name: "an odd length is not utf-16", in: "ab\x00cd", encoding: UTF8, wantErr: &Error{Offset: 2}, errMsg: "binary content (NUL byte)"},
		{name: "latin-1", in: "a\nS\xFCd\n", want: "a\nSüd\n", encoding: Windows1252},
		{name: "latin-1 refused when strict", in: "a\nS\xFCd\n", strict: true, encoding: UTF8, wantErr: &Error{Line: 2, Column: 2}, errMsg: "invalid UTF-8 (byte 0xFC at byte 3, column 2 of the line)"},
		{name: "windows-1252 euro, quotes, dash", in: "\x80 5,\x93x\x94\x96\xA0\xFF\n", want: "€ 5,“x”–\u00a0ÿ\n", encoding: Windows1252},
		{name: "windows-1252 undefined byte kept as C1", in: "a\x81\n", want: "a\u0081\n", encoding: Windows1252},
		{name: "control bytes are not single-byte text", in: "a\x01\xFC\n", encoding: UTF8, wantErr: &Error{Line: 1, Column: 3}, errMsg: "invalid UTF-8 (byte 0xFC at byte 2, column 3 of the line)"},
		{name: "cut sequence at end", in: "a\n\xE2\x82", encoding: UTF8, wantErr: &Error{Line: 2, Column: 1}, errMsg: "invalid UTF-8 (byte 0xE2 at byte 2, column 1 of the line)"},
		{name: "CR-only line ends", in: "a,b\rc,d\r", want: "a,b\nc,d\n", encoding: UTF8},
		{name: "CRLF kept", in: "a,b\r\nc,d\r\n", want: "a,b\r\nc,d\r\n", encoding: UTF8},
		{name: "mixed line ends, CR at the end", in: "a\rb\r\nc\nd\r", want: "a\nb\r\nc\nd\n", encoding: UTF8},
		{name: "two CRs", in: "a\r\rb", want: "a\n\nb", encoding: UTF8},
		{name: "CR-only lines counted, bad byte past the sniffed start", in: "a\rb\r" + strings.Repeat("x", 65536) + "\rS\xC3\x28",
			encoding: UTF8, wantErr: &Error{Line: 4, Column: 2}, errMsg: "invalid UTF-8 (byte 0xC3 at byte 65542, column 2 of the line)"},
		{name: "column counts characters of a long line across reads", in: strings.Repeat("ü", 40000) + "\xFF",
			encoding: UTF8, wantErr: &Error{Line: 1, Column: 40001}, errMsg: "invalid UTF-8 (byte 0xFF at byte 80000, column 40001 of the line)"},
		{name: "CR-only windows-1252", in: "Name\rK\xFChlturm\r", want: "Name\nKühlturm\n", encoding: Windows1252},
		{name: "nul", in: "ab\x00", encoding: UTF8, wantErr: &Error{Offset: 2}, errMsg: "binary content (NUL byte)"},
		{name: "nul after bom", in: "\xEF\xBB\xBFab\x00", encoding: UTF8BOM, wantErr: &Error{Offset: 5}, errMsg: "binary content (NUL byte)"},
		{name: "nul in windows-1252 text past the sniffed start", in: "S\xFCd\n" + strings.Repeat("x", 65536) + "\n\x00", encoding: Windows1252, wantErr: &Error{Line: 3, Column: 1}, errMsg: "NUL character"},
		{name: "utf-16 odd length", in: "\xFF\xFEa\x00b", encoding: UTF16LE, wantErr: &Error{Line: 1}, errMsg: "invalid UTF-16: odd number of bytes"},
		{name: "utf-16 lone surrogate", in: "\xFF\xFE\x00\xD8a\x00", encoding: UTF16LE, wantErr: &Error{Line: 1}, errMsg: "invalid UTF-16: unpaired surrogate at byte 2"},
		{name: "utf-16 surrogate at the end", in: "\xFF\xFEa\x00\n\x00\x00\xD8", encoding: UTF16LE, wantErr: &Error{Line: 2}, errMsg: "invalid UTF-16: unpaired surrogate at the end"},
		{name: "utf-16 nul", in: "\xFF\xFEa\x00\n\x00\x00\x00", encoding: UTF16LE, wantErr: &Error{Line: 2, Column: 1}, errMsg: "NUL character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(iotest.OneByteReader(strings.NewReader(tt.in)), Options{Legacy: !tt.strict})
			if r.Encoding() != tt.encoding {
				t.Errorf("encoding %q, want %q", r.Encoding(), tt.encoding)
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
			te, ok := errors.AsType[*Error](err)
			if !ok {
				t.Fatalf("got %v, want an *Error", err)
			}
			if r.Err() != te {
				t.Errorf("Err() = %v, want the error Read returned", r.Err())
			}
			if te.Line != tt.wantErr.Line || te.Column != tt.wantErr.Column || te.Offset != tt.wantErr.Offset || !strings.HasPrefix(te.Error(), tt.errMsg) {
				t.Errorf("got line %d column %d offset %d %q; want line %d column %d offset %d %q…",
					te.Line, te.Column, te.Offset, te, tt.wantErr.Line, tt.wantErr.Column, tt.wantErr.Offset, tt.errMsg)
			}
		})
	}
}

// encodings turns UTF-8 text into each encoding the reader detects.
var encodings = []struct {
	name, want string
	encode     func(string) []byte
}{
	{"utf-8", UTF8, func(s string) []byte { return []byte(s) }},
	{"utf-8 with bom", UTF8BOM, func(s string) []byte { return append([]byte{0xEF, 0xBB, 0xBF}, s...) }},
	{"utf-16le with bom", UTF16LE, func(s string) []byte { return append([]byte{0xFF, 0xFE}, encodeUTF16(s, false)...) }},
	{"utf-16be with bom", UTF16BE, func(s string) []byte { return append([]byte{0xFE, 0xFF}, encodeUTF16(s, true)...) }},
	{"utf-16le without bom", UTF16LE, func(s string) []byte { return encodeUTF16(s, false) }},
	{"utf-16be without bom", UTF16BE, func(s string) []byte { return encodeUTF16(s, true) }},
	{"windows-1252", Windows1252, encode1252},
}

func encodeUTF16(s string, bigEndian bool) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return b
}

// encode1252 writes the few non-ASCII characters the tests use.
func encode1252(s string) []byte {
	table := map[rune]byte{'ü': 0xFC, 'Ö': 0xD6, '€': 0x80, '–': 0x96}
	var b []byte
	for _, r := range s {
		if r < 0x80 {
			b = append(b, byte(r))
			continue
		}
		c, ok := table[r]
		if !ok {
			panic("no Windows-1252 byte for " + string(r))
		}
		b = append(b, c)
	}
	return b
}

// TestMatrix reads one table in every encoding, with every line end and
// every delimiter: the encoding, the delimiter, the records and the line
// each starts on must come out the same.
func TestMatrix(t *testing.T) {
	rows := [][]string{
		{"Hostname", "IP", "Note"},
		{"plc-1", "10.0.0.1", "Süd, Halle; Öl | €5"},
		{"", "", ""},
		{"hmi–2", "10.0.0.2", "two\nlines"},
		{"sw-3", "10.0.0.3", `said "ok"`},
	}
	wantLines := []int{1, 2, 4, 6}
	wantRecords := [][]string{rows[0], rows[1], rows[3], rows[4]}
	score := func(rec []string) (int, bool) {
		n := 0
		for _, c := range rec {
			if c == "Hostname" || c == "IP" || c == "Note" {
				n++
			}
		}
		return n, n >= 2
	}
	for _, enc := range encodings {
		for _, eol := range []string{"\n", "\r\n", "\r"} {
			for _, d := range Delimiters {
				name := enc.name + "/" + map[string]string{"\n": "LF", "\r\n": "CRLF", "\r": "CR"}[eol] + "/" + DelimiterName(d)
				t.Run(name, func(t *testing.T) {
					raw := enc.encode(writeTable(rows, d, eol))
					text, encoding, err := Decode(raw, Options{Legacy: true})
					if err != nil {
						t.Fatal(err)
					}
					if encoding != enc.want {
						t.Errorf("encoding %q, want %q", encoding, enc.want)
					}
					dialect := Sniff(text[:min(len(text), SniffWindow)], 10, score)
					if dialect.Comma != d || !dialect.Header || dialect.Score != 3 {
						t.Fatalf("sniffed %+v, want %q with a header of score 3", dialect, d)
					}
					got, lines := readAll(t, text, d)
					if diff := cmp.Diff(wantRecords, got); diff != "" {
						t.Errorf("records (-want +got):\n%s", diff)
					}
					if diff := cmp.Diff(wantLines, lines); diff != "" {
						t.Errorf("lines (-want +got):\n%s", diff)
					}
				})
			}
		}
	}
}

// writeTable writes rows as CSV, quoting fields that need it (a quoted
// field's own line breaks are always LF, as spreadsheets write them).
func writeTable(rows [][]string, d rune, eol string) string {
	var b strings.Builder
	for _, row := range rows {
		for i, f := range row {
			if i > 0 {
				b.WriteRune(d)
			}
			if strings.ContainsAny(f, "\"\n,;|\t") {
				f = `"` + strings.ReplaceAll(f, `"`, `""`) + `"`
			}
			b.WriteString(f)
		}
		b.WriteString(eol)
	}
	return b.String()
}

func TestSniff(t *testing.T) {
	known := map[string]bool{"name": true, "ip": true, "mac": true, "vendor": true}
	score := func(rec []string) (int, bool) {
		n := 0
		for _, c := range rec {
			if known[strings.ToLower(strings.TrimSpace(c))] {
				n++
			}
		}
		return n, n >= 2
	}
	tests := []struct {
		name string
		in   string
		want Dialect
	}{
		{"comma", "name,ip\na,1\n", Dialect{Comma: ',', Header: true, Score: 2}},
		{"semicolon with commas in values", "name;ip;vendor\n\"a,b\";1;Siemens, AG\n", Dialect{Comma: ';', Header: true, Score: 3}},
		{"tab", "name\tip\tmac\n", Dialect{Comma: '\t', Header: true, Score: 3}},
		{"pipe", "name|ip\na|1\n", Dialect{Comma: '|', Header: true, Score: 2}},
		{"quoted header with the other delimiters inside", "\"name;x\",\"ip|y\",vendor,mac\n", Dialect{Comma: ',', Header: true, Score: 2}},
		{"title rows before the header", "Plant inventory\nexported 2026-01-02\n\nname;ip\n", Dialect{Comma: ';', Header: true, Score: 2}},
		{"the header that names more columns wins", "name,ip;vendor;mac\n", Dialect{Comma: ';', Header: true, Score: 2}},
		{"no header: the widest first row", "a;b;c|d\n", Dialect{Comma: ';'}},
		{"no header, all alike: comma first", "abc\n", Dialect{Comma: ','}},
		{"empty", "", Dialect{Comma: ','}},
		{"unclosed quote", "\"name,ip\n", Dialect{Comma: ','}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Sniff([]byte(tt.in), 10, score)); diff != "" {
				t.Errorf("dialect (-want +got):\n%s", diff)
			}
		})
	}
}

// TestChunking reads the same input whole and byte by byte: the text and
// the error must be the same.
func TestChunking(t *testing.T) {
	for _, in := range []string{"a\rb\r\n\xFC", "\xFF\xFEa\x00\r\x00", "x\r", "\xEF\xBB\xBFa\rb\x00"} {
		whole, _, err1 := Decode([]byte(in), Options{Legacy: true})
		r := NewReader(iotest.OneByteReader(bytes.NewReader([]byte(in))), Options{Legacy: true})
		bytewise, err2 := io.ReadAll(r)
		if errString(err1) != errString(err2) || err1 == nil && string(whole) != string(bytewise) {
			t.Errorf("%q: whole %q, %v; byte by byte %q, %v", in, whole, err1, bytewise, err2)
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// readAll reads CSV records with their start lines.
func readAll(t *testing.T, text []byte, d rune) ([][]string, []int) {
	t.Helper()
	cr := csv.NewReader(bytes.NewReader(text))
	cr.Comma, cr.FieldsPerRecord = d, -1
	var recs [][]string
	var lines []int
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return recs, lines
		}
		if err != nil {
			t.Fatal(err)
		}
		if IsBlank(rec) {
			continue
		}
		line, _ := cr.FieldPos(0)
		recs, lines = append(recs, rec), append(lines, line)
	}
}

// TestMaxLine: a line one byte over MaxLine is refused at its line, in
// UTF-8 and UTF-16 alike, whatever the read sizes; a line of exactly
// MaxLine, with CRLF or a lone CR, is read; CheckLines agrees.
func TestMaxLine(t *testing.T) {
	const max = 16
	utf16le := func(s string) string {
		var b bytes.Buffer
		b.WriteString("\xFF\xFE")
		for _, u := range utf16.Encode([]rune(s)) {
			b.WriteByte(byte(u))
			b.WriteByte(byte(u >> 8))
		}
		return b.String()
	}
	fits := strings.Repeat("x", max)
	over := strings.Repeat("x", max+1)
	tests := []struct {
		name, in string
		wantLine int // 0: read whole
	}{
		{"fits, LF", "a\n" + fits + "\nb\n", 0},
		{"fits, CRLF", "a\r\n" + fits + "\r\nb\r\n", 0},
		{"fits, lone CR", "a\r" + fits + "\rb\r", 0},
		{"fits at the end, no line end", "a\n" + fits, 0},
		{"over, LF", "a\nb\n" + over + "\n", 3},
		{"over, CRLF", "a\r\n" + over + "\r\n", 2},
		{"over at the end", "a\n" + over, 2},
		{"over in UTF-8 characters", "a\n" + strings.Repeat("é", max/2) + "x\n", 2},
		{"over in UTF-16", utf16le("a\n" + over + "\n"), 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := NewReader(iotest.OneByteReader(strings.NewReader(tc.in)), Options{MaxLine: max})
			_, err := io.ReadAll(r)
			te, _ := errors.AsType[*Error](err)
			switch {
			case tc.wantLine == 0 && err != nil:
				t.Fatalf("Reader: %v", err)
			case tc.wantLine != 0 && (te == nil || te.Line != tc.wantLine || !strings.Contains(te.Error(), "line longer than 16 bytes")):
				t.Fatalf("Reader: error %v (%+v), want line %d too long", err, te, tc.wantLine)
			}
			text, _, err := Decode([]byte(tc.in), Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := 0
			if te := CheckLines(text, max); te != nil {
				got = te.Line
			}
			if got != tc.wantLine {
				t.Errorf("CheckLines: line %d, want %d", got, tc.wantLine)
			}
		})
	}
	if got := LineTooLong(3, MaxCSVLine).Error(); !strings.Contains(got, "1 MiB") {
		t.Errorf("LineTooLong(3, MaxCSVLine) = %q, does not name 1 MiB", got)
	}
}
