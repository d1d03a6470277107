package attestation

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/slate-ot/slate/evidence"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// decodeText returns a file's content as UTF-8 text. A UTF-8 byte order
// mark is dropped and UTF-16 with a byte order mark (what spreadsheets
// write as "Unicode text") is converted; anything else must be UTF-8
// without NUL characters. An error comes with the line it is on, when it
// has one.
func decodeText(raw []byte) (string, int, error) {
	switch {
	case bytes.HasPrefix(raw, bomUTF8):
		raw = raw[len(bomUTF8):]
	case bytes.HasPrefix(raw, bomUTF16LE), bytes.HasPrefix(raw, bomUTF16BE):
		var err error
		if raw, err = fromUTF16(raw[2:], bytes.HasPrefix(raw, bomUTF16BE)); err != nil {
			return "", 0, err
		}
	}
	if i := bytes.IndexByte(raw, 0); i >= 0 {
		line, _ := evidence.LineCol(raw, int64(i))
		return "", line, errors.New("binary content (a NUL character): save the attestations as text")
	}
	if !utf8.Valid(raw) {
		i := firstInvalid(raw)
		line, _ := evidence.LineCol(raw, int64(i))
		return "", line, fmt.Errorf("invalid UTF-8 (byte 0x%02X): save the file as UTF-8 text", raw[i])
	}
	return string(raw), 0, nil
}

// firstInvalid returns the offset of the first byte of raw that is not
// part of valid UTF-8.
func firstInvalid(raw []byte) int {
	for i := 0; i < len(raw); {
		r, size := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(raw)
}

// fromUTF16 converts UTF-16 text to UTF-8, refusing an odd length and
// unpaired surrogates.
func fromUTF16(b []byte, bigEndian bool) ([]byte, error) {
	if len(b)%2 != 0 {
		return nil, errors.New("invalid UTF-16: odd number of bytes")
	}
	units := make([]uint16, len(b)/2)
	for i := range units {
		if bigEndian {
			units[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			units[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
		}
	}
	out := make([]byte, 0, len(units))
	for i := 0; i < len(units); i++ {
		r := rune(units[i])
		if utf16.IsSurrogate(r) {
			if i+1 == len(units) {
				return nil, errors.New("invalid UTF-16: unpaired surrogate at the end of the file")
			}
			r = utf16.DecodeRune(r, rune(units[i+1]))
			if r == utf8.RuneError {
				return nil, fmt.Errorf("invalid UTF-16: unpaired surrogate at byte %d", 2+2*i)
			}
			i++
		}
		out = utf8.AppendRune(out, r)
	}
	return out, nil
}
