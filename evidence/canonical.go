package evidence

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
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
	c := canonicaliser{src: src, dst: make([]byte, 0, len(src))}
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
}

type member struct {
	key        string
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
	if !json.Valid(c.src[start:c.i]) {
		c.i = start
		return c.errorf("invalid number")
	}
	c.dst = append(c.dst, c.src[start:c.i]...)
	return nil
}

// str copies a string and returns its decoded value. A string without
// escapes is copied as it is; one with escapes or invalid UTF-8 is decoded
// and re-encoded so that equal strings always have equal bytes.
func (c *canonicaliser) str() (string, error) {
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
				if !json.Valid(raw) {
					c.i = start
					return "", c.errorf("invalid string")
				}
				c.dst = append(c.dst, raw...)
				return string(raw[1 : len(raw)-1]), nil
			}
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				c.i = start
				return "", c.errorf("invalid string: %v", err)
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			_ = enc.Encode(s)
			c.dst = append(c.dst, bytes.TrimSuffix(buf.Bytes(), []byte{'\n'})...)
			return s, nil
		case b < 0x20:
			return "", c.errorf("control character in string")
		}
		c.i++
	}
	return "", c.errorf("unterminated string")
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
	var members []member
	for {
		c.skipSpace()
		if c.i >= len(c.src) || c.src[c.i] != '"' {
			return c.errorf("expected a string key in object")
		}
		if len(members) > 0 {
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
		members = append(members, member{key: key, start: start, end: len(c.dst)})
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
	inOrder := true
	for k := 1; k < len(members) && inOrder; k++ {
		inOrder = members[k-1].key < members[k].key
	}
	if !inOrder {
		slices.SortStableFunc(members, func(a, b member) int { return strings.Compare(a.key, b.key) })
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
		if k+1 < len(ms) && ms[k+1].key == m.key {
			continue
		}
		out = append(out, m)
	}
	return out
}
