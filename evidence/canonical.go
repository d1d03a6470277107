package evidence

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"unicode/utf8"
)

// Canonical encodes v as canonical JSON: object keys sorted, no
// insignificant white space, no HTML escaping, strings in encoding/json's
// escaping, numbers as written. Struct field order does not matter; slices
// keep their order, so callers sort them first.
func Canonical(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return CanonicalJSON(buf.Bytes())
}

// CanonicalJSON rewrites a JSON text in canonical form (see Canonical). It
// works on the bytes, without building maps, so large evidence documents
// are canonicalised at the cost of a copy.
func CanonicalJSON(src []byte) ([]byte, error) {
	return appendCanonicalJSON(make([]byte, 0, len(src)), src)
}

// AppendCanonical appends Canonical(v) to dst, encoding v in scratch
// (reset first): for a collector that writes a large document one part at
// a time instead of encoding it whole and copying it.
func AppendCanonical(dst []byte, scratch *bytes.Buffer, v any) ([]byte, error) {
	scratch.Reset()
	enc := json.NewEncoder(scratch)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return dst, err
	}
	return appendCanonicalJSON(dst, scratch.Bytes())
}

func appendCanonicalJSON(dst, src []byte) ([]byte, error) {
	c := canonicaliser{src: src, dst: dst}
	c.skipSpace()
	if err := c.value(0); err != nil {
		return nil, err
	}
	c.skipSpace()
	if c.i != len(c.src) {
		return nil, fmt.Errorf("canonical json: byte %d: data after the value", c.i)
	}
	return c.dst, nil
}

// maxDepth bounds nesting, as encoding/json does, so hostile input cannot
// exhaust the stack.
const maxDepth = 10000

type canonicaliser struct {
	src     []byte
	i       int
	dst     []byte
	scratch []byte
	stack   []member
}

type member struct {
	key        []byte
	start, end int // the member's bytes in dst, key included
}

func (c *canonicaliser) skipSpace() {
	for c.i < len(c.src) {
		switch c.src[c.i] {
		case ' ', '\t', '\n', '\r':
			c.i++
		default:
			return
		}
	}
}

func (c *canonicaliser) errorf(format string, args ...any) error {
	return fmt.Errorf("canonical json: byte %d: %s", c.i, fmt.Sprintf(format, args...))
}

func (c *canonicaliser) value(depth int) error {
	if depth > maxDepth {
		return c.errorf("nested too deeply")
	}
	if c.i >= len(c.src) {
		return c.errorf("unexpected end of input")
	}
	switch b := c.src[c.i]; {
	case b == '{':
		return c.object(depth)
	case b == '[':
		return c.array(depth)
	case b == '"':
		_, err := c.str()
		return err
	case b == 't':
		return c.literal("true")
	case b == 'f':
		return c.literal("false")
	case b == 'n':
		return c.literal("null")
	case b == '-' || (b >= '0' && b <= '9'):
		return c.number()
	default:
		return c.errorf("invalid character %q", b)
	}
}

func (c *canonicaliser) literal(lit string) error {
	if !bytes.HasPrefix(c.src[c.i:], []byte(lit)) {
		return c.errorf("invalid literal")
	}
	c.dst = append(c.dst, lit...)
	c.i += len(lit)
	return nil
}

func (c *canonicaliser) number() error {
	start := c.i
	for c.i < len(c.src) {
		b := c.src[c.i]
		if (b >= '0' && b <= '9') || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E' {
			c.i++
			continue
		}
		break
	}
	if !validNumber(c.src[start:c.i]) {
		c.i = start
		return c.errorf("invalid number")
	}
	c.dst = append(c.dst, c.src[start:c.i]...)
	return nil
}

// validNumber reports whether n is a JSON number:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func validNumber(n []byte) bool {
	i := 0
	digits := func() int {
		k := 0
		for i < len(n) && n[i] >= '0' && n[i] <= '9' {
			i++
			k++
		}
		return k
	}
	if i < len(n) && n[i] == '-' {
		i++
	}
	first := i
	if k := digits(); k == 0 || k > 1 && n[first] == '0' {
		return false
	}
	if i < len(n) && n[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(n) && (n[i] == 'e' || n[i] == 'E') {
		i++
		if i < len(n) && (n[i] == '+' || n[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(n)
}

// str copies a string and returns its decoded value, valid until the
// source changes. A string without escapes is copied as it is (it has no
// control character and is valid UTF-8, so it is valid JSON); one with
// escapes or invalid UTF-8 is decoded and re-encoded so that equal strings
// always have equal bytes.
func (c *canonicaliser) str() ([]byte, error) {
	start := c.i
	c.i++
	escaped := false
	for c.i < len(c.src) {
		switch b := c.src[c.i]; {
		case b == '\\':
			escaped = true
			c.i += 2
			continue
		case b == '"':
			c.i++
			raw := c.src[start:c.i]
			if !escaped && utf8.Valid(raw) {
				c.dst = append(c.dst, raw...)
				return raw[1 : len(raw)-1], nil
			}
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				c.i = start
				return nil, c.errorf("invalid string: %v", err)
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			_ = enc.Encode(s)
			c.dst = append(c.dst, bytes.TrimSuffix(buf.Bytes(), []byte{'\n'})...)
			return []byte(s), nil
		case b < 0x20:
			return nil, c.errorf("control character in string")
		}
		c.i++
	}
	return nil, c.errorf("unterminated string")
}

func (c *canonicaliser) array(depth int) error {
	c.dst = append(c.dst, '[')
	c.i++
	c.skipSpace()
	if c.i < len(c.src) && c.src[c.i] == ']' {
		c.i++
		c.dst = append(c.dst, ']')
		return nil
	}
	for {
		c.skipSpace()
		if err := c.value(depth + 1); err != nil {
			return err
		}
		c.skipSpace()
		if c.i >= len(c.src) {
			return c.errorf("unterminated array")
		}
		switch c.src[c.i] {
		case ',':
			c.i++
			c.dst = append(c.dst, ',')
		case ']':
			c.i++
			c.dst = append(c.dst, ']')
			return nil
		default:
			return c.errorf("expected , or ] in array")
		}
	}
}

func (c *canonicaliser) object(depth int) error {
	open := len(c.dst)
	c.dst = append(c.dst, '{')
	c.i++
	c.skipSpace()
	if c.i < len(c.src) && c.src[c.i] == '}' {
		c.i++
		c.dst = append(c.dst, '}')
		return nil
	}
	// Members are kept on one stack for every object being read: a nested
	// object's are gone before its parent adds its next.
	base := len(c.stack)
	defer func() { c.stack = c.stack[:base] }()
	for {
		c.skipSpace()
		if c.i >= len(c.src) || c.src[c.i] != '"' {
			return c.errorf("expected a string key in object")
		}
		if len(c.stack) > base {
			c.dst = append(c.dst, ',')
		}
		start := len(c.dst)
		key, err := c.str()
		if err != nil {
			return err
		}
		c.skipSpace()
		if c.i >= len(c.src) || c.src[c.i] != ':' {
			return c.errorf("expected : after object key")
		}
		c.i++
		c.dst = append(c.dst, ':')
		c.skipSpace()
		if err := c.value(depth + 1); err != nil {
			return err
		}
		c.stack = append(c.stack, member{key: key, start: start, end: len(c.dst)})
		c.skipSpace()
		if c.i >= len(c.src) {
			return c.errorf("unterminated object")
		}
		if c.src[c.i] == '}' {
			c.i++
			break
		}
		if c.src[c.i] != ',' {
			return c.errorf("expected , or } in object")
		}
		c.i++
	}
	// Strictly increasing keys are already canonical; otherwise sort, keep
	// the last of duplicate keys (as encoding/json does) and rewrite.
	members := c.stack[base:]
	inOrder := true
	for k := 1; k < len(members) && inOrder; k++ {
		inOrder = bytes.Compare(members[k-1].key, members[k].key) < 0
	}
	if !inOrder {
		slices.SortStableFunc(members, func(a, b member) int { return bytes.Compare(a.key, b.key) })
		members = dedupeLast(members)
		c.scratch = append(c.scratch[:0], c.dst[open+1:]...)
		c.dst = c.dst[:open+1]
		for k, m := range members {
			if k > 0 {
				c.dst = append(c.dst, ',')
			}
			c.dst = append(c.dst, c.scratch[m.start-open-1:m.end-open-1]...)
		}
	}
	c.dst = append(c.dst, '}')
	return nil
}

func dedupeLast(ms []member) []member {
	out := ms[:0]
	for k, m := range ms {
		if k+1 < len(ms) && bytes.Equal(ms[k+1].key, m.key) {
			continue
		}
		out = append(out, m)
	}
	return out
}
