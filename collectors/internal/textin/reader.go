package textin

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// The encodings a Reader reports.
const (
	UTF8        = "utf-8"
	UTF8BOM     = "utf-8-bom"
	UTF16LE     = "utf-16le"
	UTF16BE     = "utf-16be"
	Windows1252 = "windows-1252"
)

// LegacyWarning is what a collector warns when text was read as
// Windows-1252, so that every collector says it alike.
const LegacyWarning = "not UTF-8 text: read as Windows-1252 (Latin-1); save the file as UTF-8 if names look wrong"

// SniffWindow is how much of a file decides its encoding, and how much a
// caller should hand Sniff.
const SniffWindow = 64 << 10

// Error is a byte that makes a file not text, with its place: Line (and
// Column, in characters, where it is known) for a decoding problem in
// otherwise readable text, or Offset, a byte offset of the file, for
// binary content in UTF-8 input (Line is then 0).
type Error struct {
	Line, Column int
	Offset       int64
	Err          error
}

func (e *Error) Error() string { return e.Err.Error() }

func (e *Error) Unwrap() error { return e.Err }

// Options say what a reader may accept.
type Options struct {
	// Legacy reads text that is not UTF-8 but holds no control byte as
	// Windows-1252 instead of refusing it. Formats that must be UTF-8
	// (JSON, HCL) leave it off.
	Legacy bool
	// MaxLine, when above 0, is the most bytes of text one line may hold
	// (its line end not counted); a longer line is an *Error at its line.
	// Delimited text sets it (MaxCSVLine), so that a file with no line
	// ends costs no more than one line's worth of memory.
	MaxLine int
}

// MaxCSVLine is the most one line of a CSV file may hold: 1 MiB, far
// beyond a row of any inventory or export. docs/limits.md says so.
const MaxCSVLine = 1 << 20

// LineTooLong is the error of a line longer than max bytes.
func LineTooLong(line, max int) *Error {
	return &Error{Line: line, Err: fmt.Errorf("line longer than %s, the most one line of a CSV file may hold: not a CSV export, or a field holding a whole file", sizeName(max))}
}

// CheckLines returns a LineTooLong error for the first line of text
// longer than max bytes, or nil. Readers that hold a file's text whole
// check it so before parsing it as CSV.
func CheckLines(text []byte, max int) *Error {
	for line := 1; len(text) > 0; line++ {
		i := bytes.IndexByte(text, '\n')
		if i < 0 {
			i = len(text)
		}
		if n := len(bytes.TrimSuffix(text[:i], []byte("\r"))); n > max {
			return LineTooLong(line, max)
		}
		text = text[min(i+1, len(text)):]
	}
	return nil
}

// sizeName writes n bytes as "1 MiB" where it is whole mebibytes or
// kibibytes.
func sizeName(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// Reader returns UTF-8 text with LF or CRLF line ends from a file in any
// of the encodings the package reads. It fails with an *Error at the first
// byte that is not text.
type Reader struct {
	r        io.Reader
	encoding string
	line     int
	col      int    // characters read of the current line
	offset   int64  // file offset of the next byte, for UTF-8 input
	decoded  bool   // the text is converted: offsets mean nothing to the user
	tail     []byte // an incomplete UTF-8 sequence at the end of the last read
	heldCR   bool   // a CR ended the last read; what follows decides its fate
	maxLine  int    // Options.MaxLine
	lineLen  int    // bytes read of the current line
	err      error
}

// NewReader detects the encoding of r from its first bytes (at most
// SniffWindow) and returns a reader of its text.
func NewReader(r io.Reader, o Options) *Reader {
	br := bufio.NewReaderSize(r, SniffWindow)
	t := &Reader{line: 1, encoding: UTF8, maxLine: o.MaxLine}
	head, _ := br.Peek(3)
	switch {
	case bytes.HasPrefix(head, bomUTF8):
		_, _ = br.Discard(len(bomUTF8))
		t.r, t.offset, t.encoding = br, int64(len(bomUTF8)), UTF8BOM
		return t
	case bytes.HasPrefix(head, bomUTF16LE):
		_, _ = br.Discard(2)
		t.r, t.decoded, t.encoding = &utf16Reader{r: br, offset: 2}, true, UTF16LE
		return t
	case bytes.HasPrefix(head, bomUTF16BE):
		_, _ = br.Discard(2)
		t.r, t.decoded, t.encoding = &utf16Reader{r: br, bigEndian: true, offset: 2}, true, UTF16BE
		return t
	}
	head, _ = br.Peek(SniffWindow)
	if le, ok := bomlessUTF16(head); ok {
		t.r, t.decoded = &utf16Reader{r: br, bigEndian: !le}, true
		t.encoding = UTF16BE
		if le {
			t.encoding = UTF16LE
		}
		return t
	}
	if o.Legacy && isSingleByteText(head) {
		t.r, t.decoded, t.encoding = &cp1252Reader{r: br}, true, Windows1252
		return t
	}
	t.r = br
	return t
}

// Encoding is the encoding the text was read in: UTF8, UTF8BOM, UTF16LE,
// UTF16BE or Windows1252.
func (t *Reader) Encoding() string { return t.encoding }

// Err is the *Error that ended reading, or nil.
func (t *Reader) Err() *Error {
	e, _ := t.err.(*Error)
	return e
}

// Decode reads all of raw as NewReader would.
func Decode(raw []byte, o Options) (text []byte, encoding string, err error) {
	r := NewReader(bytes.NewReader(raw), o)
	text, err = io.ReadAll(r)
	return text, r.Encoding(), err
}

// bomlessUTF16 reports whether head looks like UTF-16 without a byte
// order mark, and which: text is never NUL, so NUL bytes in at least half
// of the code units, on one side (a few on the other, as in U+4E00, are
// allowed), are the zero high bytes of ASCII and Latin-1 characters.
// Binary files have NULs on both sides alike.
func bomlessUTF16(head []byte) (littleEndian, ok bool) {
	units := len(head) / 2
	if units < 2 || len(head) < SniffWindow && len(head)%2 != 0 {
		return false, false // an odd number of bytes in all is not UTF-16
	}
	var even, odd int
	for i := 0; i < 2*units; i += 2 {
		if head[i] == 0 {
			even++
		}
		if head[i+1] == 0 {
			odd++
		}
	}
	switch {
	case odd*2 >= units && even*8 < odd:
		return true, true
	case even*2 >= units && odd*8 < even:
		return false, true
	}
	return false, false
}

// isSingleByteText reports whether head is not UTF-8 (ignoring a sequence
// cut at its end) yet has no NUL byte: text in a single-byte code page.
func isSingleByteText(head []byte) bool {
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return false // NUL or another control: binary, not text
		}
	}
	for i := len(head) - 1; i >= 0 && i >= len(head)-3; i-- {
		if utf8.RuneStart(head[i]) {
			if !utf8.FullRune(head[i:]) {
				head = head[:i]
			}
			break
		}
	}
	return !utf8.Valid(head)
}

// cp1252Reader converts Windows-1252 to UTF-8. The five bytes the code
// page leaves undefined map to the C1 control of the same value, as the
// WHATWG encoding standard does (x/text gives U+FFFD for them, which would
// lose the byte).
type cp1252Reader struct {
	r   io.Reader
	out []byte
}

func (c *cp1252Reader) Read(p []byte) (int, error) {
	if len(c.out) == 0 {
		var in [2 << 10]byte
		n, err := c.r.Read(in[:])
		if n == 0 {
			return 0, err
		}
		c.out = c.out[:0]
		for _, b := range in[:n] {
			if b < utf8.RuneSelf {
				c.out = append(c.out, b)
				continue
			}
			r := charmap.Windows1252.DecodeByte(b)
			if r == utf8.RuneError {
				r = rune(b)
			}
			c.out = utf8.AppendRune(c.out, r)
		}
	}
	n := copy(p, c.out)
	c.out = c.out[n:]
	return n, nil
}

// Read reads text. Its error after the first is the same.
func (t *Reader) Read(p []byte) (int, error) {
	if t.err != nil {
		return 0, t.err
	}
	if len(p) < 2 {
		return 0, io.ErrShortBuffer
	}
	off := 0
	if t.heldCR {
		p[0], off, t.heldCR = '\r', 1, false
	}
	n, err := t.r.Read(p[off:])
	n += off
	if err == nil && n > 0 && p[n-1] == '\r' {
		t.heldCR = true
		n--
	}
	// A CR now last is followed by the held one: it is lone too.
	loneCR(p[:n], err != nil || t.heldCR)
	if verr := t.check(p[:n], err == io.EOF); verr != nil {
		t.err = verr
		return 0, verr
	}
	if err != nil && err != io.EOF {
		if te, ok := errors.AsType[*Error](err); ok {
			te.Line = t.line
			err = te
		}
		t.err = err
		return 0, err
	}
	return n, err
}

// check counts lines and characters of b and finds the first byte that
// is not text.
func (t *Reader) check(b []byte, eof bool) error {
	buf := b
	if len(t.tail) > 0 {
		buf = append(t.tail, b...)
		t.tail = nil
	}
	for i := 0; i < len(buf); {
		c := buf[i]
		if c < utf8.RuneSelf {
			switch c {
			case 0:
				if t.decoded {
					return &Error{Line: t.line, Column: t.col + 1, Err: errors.New("NUL character: not a text file")}
				}
				return &Error{Offset: t.offset + int64(i), Err: errors.New("binary content (NUL byte): not a text file")}
			case '\n':
				t.line++
				t.col = -1
				t.lineLen = -1
			case '\r':
				t.lineLen-- // a CR before the LF is the line end
			}
			t.lineLen++
			if t.maxLine > 0 && t.lineLen > t.maxLine {
				return LineTooLong(t.line, t.maxLine)
			}
			t.col++
			i++
			continue
		}
		r, size := utf8.DecodeRune(buf[i:])
		if r == utf8.RuneError && size == 1 {
			if !eof && !utf8.FullRune(buf[i:]) {
				t.tail = append([]byte(nil), buf[i:]...)
				t.offset += int64(i)
				return nil
			}
			return &Error{Line: t.line, Column: t.col + 1, Err: fmt.Errorf(
				"invalid UTF-8 (byte 0x%02X at byte %d, column %d of the line): save the file as UTF-8 text",
				buf[i], t.offset+int64(i), t.col+1)}
		}
		t.col++
		t.lineLen += size
		if t.maxLine > 0 && t.lineLen > t.maxLine {
			return LineTooLong(t.line, t.maxLine)
		}
		i += size
	}
	t.offset += int64(len(buf))
	return nil
}

// loneCR turns every CR not followed by LF into LF. A CR at the end of b
// is lone only when nothing follows (eof); the caller holds such a CR back
// otherwise.
func loneCR(b []byte, eof bool) {
	for i, c := range b {
		if c == '\r' && (i+1 < len(b) && b[i+1] != '\n' || i+1 == len(b) && eof) {
			b[i] = '\n'
		}
	}
}

// utf16Reader converts UTF-16 to UTF-8, refusing unpaired surrogates.
type utf16Reader struct {
	r         *bufio.Reader
	bigEndian bool
	offset    int64
	out       []byte
	err       error
}

func (u *utf16Reader) Read(p []byte) (int, error) {
	for len(u.out) == 0 {
		if u.err != nil {
			return 0, u.err
		}
		u.fill()
	}
	n := copy(p, u.out)
	u.out = u.out[n:]
	return n, nil
}

// fill decodes up to 4 KiB of input into u.out, or sets u.err.
func (u *utf16Reader) fill() {
	u.out = u.out[:0]
	for len(u.out) < 4<<10 {
		c, ok := u.unit()
		if !ok {
			return
		}
		r := rune(c)
		if utf16.IsSurrogate(r) {
			c2, ok := u.unit()
			if !ok {
				if u.err == io.EOF {
					u.err = &Error{Err: errors.New("invalid UTF-16: unpaired surrogate at the end of the file")}
				}
				return
			}
			r = utf16.DecodeRune(r, rune(c2))
			if r == utf8.RuneError {
				u.err = &Error{Err: fmt.Errorf("invalid UTF-16: unpaired surrogate at byte %d", u.offset-4)}
				return
			}
		}
		u.out = utf8.AppendRune(u.out, r)
	}
}

func (u *utf16Reader) unit() (uint16, bool) {
	var b [2]byte
	n, err := io.ReadFull(u.r, b[:])
	u.offset += int64(n)
	switch {
	case err == io.EOF:
		u.err = io.EOF
		return 0, false
	case err == io.ErrUnexpectedEOF:
		u.err = &Error{Err: errors.New("invalid UTF-16: odd number of bytes (a truncated file?)")}
		return 0, false
	case err != nil:
		u.err = err
		return 0, false
	}
	if u.bigEndian {
		return uint16(b[1]) | uint16(b[0])<<8, true
	}
	return uint16(b[0]) | uint16(b[1])<<8, true
}
