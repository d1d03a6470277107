package assets

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// textError is a byte that makes a file not text. Line is set for a
// decoding problem in otherwise readable text; Offset for binary content.
type textError struct {
	Line   int
	Offset int64
	Err    error
}

func (e *textError) Error() string { return e.Err.Error() }

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// newTextReader returns UTF-8 text from r: a UTF-8 byte order mark is
// dropped and UTF-16 with a byte order mark (what Excel's "Unicode text"
// writes) is converted. Text whose first 64 KiB are not UTF-8 but hold no
// control character but tab and line ends is read as Windows-1252 (what Excel's "CSV" writes on Western
// European Windows; a superset of Latin-1's printable characters).
// Anything else must be valid UTF-8 without NUL bytes; the returned reader
// fails with a *textError at the first byte that is not. Line ends may be
// LF, CRLF or a lone CR (old spreadsheet exports): a lone CR is read as LF,
// so lines are counted and split alike.
func newTextReader(r io.Reader) (*textReader, string) {
	br := bufio.NewReaderSize(r, sniffWindow)
	head, _ := br.Peek(3)
	t := &textReader{line: 1}
	switch {
	case bytes.HasPrefix(head, bomUTF8):
		_, _ = br.Discard(len(bomUTF8))
		t.r, t.offset = br, int64(len(bomUTF8))
		return t, "utf-8-bom"
	case bytes.HasPrefix(head, bomUTF16LE):
		_, _ = br.Discard(2)
		t.r = &utf16Reader{r: br, order: littleEndian, offset: 2}
		t.utf16 = true
		return t, "utf-16le"
	case bytes.HasPrefix(head, bomUTF16BE):
		_, _ = br.Discard(2)
		t.r = &utf16Reader{r: br, order: bigEndian, offset: 2}
		t.utf16 = true
		return t, "utf-16be"
	}
	if head, _ := br.Peek(sniffWindow); isSingleByteText(head) {
		t.r = &cp1252Reader{r: br}
		t.utf16 = true // offsets in the decoded text mean nothing to the user
		return t, "windows-1252"
	}
	t.r = br
	return t, "utf-8"
}

// sniffWindow is how much of a file decides its encoding.
const sniffWindow = 64 << 10

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

// cp1252 maps bytes 0x80-0x9F of Windows-1252 to runes; the five bytes the
// code page leaves undefined map to the C1 control of the same value, as
// the WHATWG encoding standard does. 0xA0-0xFF are Latin-1.
var cp1252 = [32]rune{
	0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
	0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
}

// cp1252Reader converts Windows-1252 to UTF-8.
type cp1252Reader struct {
	r   *bufio.Reader
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
			switch {
			case b < 0x80:
				c.out = append(c.out, b)
			case b < 0xA0:
				c.out = utf8.AppendRune(c.out, cp1252[b-0x80])
			default:
				c.out = utf8.AppendRune(c.out, rune(b))
			}
		}
	}
	n := copy(p, c.out)
	c.out = c.out[n:]
	return n, nil
}

// textReader passes text through unchanged while checking it, counting
// lines so that a bad byte can be reported where the user can find it.
type textReader struct {
	r      io.Reader
	line   int
	col    int    // characters read of the current line
	offset int64  // file offset of the next byte, for UTF-8 input
	utf16  bool   // decoded input: NUL bytes are placed by line, not offset
	tail   []byte // an incomplete UTF-8 sequence at the end of the last read
	heldCR bool   // a CR ended the last read; what follows decides its fate
	err    error
}

func (t *textReader) Read(p []byte) (int, error) {
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
	loneCR(p[:n], err != nil)
	if verr := t.check(p[:n], err == io.EOF); verr != nil {
		t.err = verr
		return 0, verr
	}
	if err != nil && err != io.EOF {
		var te *textError
		if errors.As(err, &te) {
			te.Line = t.line
			t.err = te
			return 0, te
		}
	}
	return n, err
}

func (t *textReader) check(b []byte, eof bool) error {
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
				if t.utf16 {
					return &textError{Line: t.line, Err: errors.New("NUL character: not a text file")}
				}
				return &textError{Offset: t.offset + int64(i),
					Err: errors.New("binary content (NUL byte): not a CSV text file or an XLSX workbook")}
			case '\n':
				t.line++
				t.col = -1
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
			return &textError{Line: t.line, Err: fmt.Errorf(
				"invalid UTF-8 (byte 0x%02X at byte %d, column %d of the line): save the file as UTF-8 text",
				buf[i], t.offset+int64(i), t.col+1)}
		}
		t.col++
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

type byteOrder int

const (
	littleEndian byteOrder = iota
	bigEndian
)

// utf16Reader converts UTF-16 to UTF-8, refusing unpaired surrogates.
type utf16Reader struct {
	r      *bufio.Reader
	order  byteOrder
	offset int64
	out    []byte
	err    error
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
					u.err = &textError{Err: errors.New("invalid UTF-16: unpaired surrogate at the end of the file")}
				}
				return
			}
			r = utf16.DecodeRune(r, rune(c2))
			if r == utf8.RuneError {
				u.err = &textError{Err: fmt.Errorf("invalid UTF-16: unpaired surrogate at byte %d", u.offset-4)}
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
		u.err = &textError{Err: errors.New("invalid UTF-16: odd number of bytes")}
		return 0, false
	case err != nil:
		u.err = err
		return 0, false
	}
	if u.order == littleEndian {
		return uint16(b[0]) | uint16(b[1])<<8, true
	}
	return uint16(b[1]) | uint16(b[0])<<8, true
}
