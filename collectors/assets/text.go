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
// writes) is converted. Anything else must be valid UTF-8 without NUL bytes;
// the returned reader fails with a *textError at the first byte that is not.
func newTextReader(r io.Reader) (*textReader, string) {
	br := bufio.NewReaderSize(r, 64<<10)
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
	t.r = br
	return t, "utf-8"
}

// textReader passes text through unchanged while checking it, counting
// lines so that a bad byte can be reported where the user can find it.
type textReader struct {
	r      io.Reader
	line   int
	offset int64 // file offset of the next byte, for UTF-8 input
	utf16  bool
	tail   []byte // an incomplete UTF-8 sequence at the end of the last read
	err    error
}

func (t *textReader) Read(p []byte) (int, error) {
	if t.err != nil {
		return 0, t.err
	}
	n, err := t.r.Read(p)
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
			}
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
				"invalid UTF-8 (byte 0x%02X at byte %d): save the file as UTF-8 text", buf[i], t.offset+int64(i))}
		}
		i += size
	}
	t.offset += int64(len(buf))
	return nil
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
