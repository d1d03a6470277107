package zeek

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// jsonScan reads one flat JSON object, as Zeek's JSON writer writes a log
// record, without building a generic map: keys and values are sliced out
// of the line itself, in the reader's buffer, not copied (lineString),
// and the column map is reused while lines name the same keys in the
// same order. It accepts a subset of
// JSON: strings, numbers, true, false, null, arrays of those (nested
// arrays flattened) and nested objects (their keys joined with "."), so
// that it gives exactly what the encoding/json path gives; on anything
// else it gives up and that path decides (FuzzJSONScan holds the two to
// the same result).
type jsonScan struct {
	s   string // the line
	i   int
	buf []byte
	key []byte // current key path
}

// fast reads line b into j.rec; false when the line is left to slow.
func (j *jsonReader) fast(b []byte) bool {
	sc := &j.scan
	sc.s, sc.i = lineString(b), 0
	sc.key = sc.key[:0]
	vals := j.rec.vals[:0]
	n := 0 // keys read so far on this line
	same := j.ncols != nil
	var newKeys, newToks []string
	var ok bool
	depth := 0 // of nested objects: their keys are joined with "."
	var add func() bool
	add = func() bool {
		// One object: '{' already consumed.
		sc.ws()
		if sc.peek() == '}' {
			sc.i++
			return true
		}
		for {
			sc.ws()
			// A line with the keys of the last, as Zeek writes them: the
			// key n, quoted, and its colon are the line's next bytes.
			if same && depth == 0 && n < len(j.toks) && j.toks[n] != "" && strings.HasPrefix(sc.s[sc.i:], j.toks[n]) {
				sc.i += len(j.toks[n])
				sc.ws()
				if sc.peek() != '{' {
					vals = append(vals, value{})
					if !sc.value(&vals[len(vals)-1]) {
						return false
					}
					n++
					sc.ws()
					switch sc.peek() {
					case ',':
						sc.i++
						continue
					case '}':
						sc.i++
						return true
					default:
						return false
					}
				}
				sc.i -= len(j.toks[n]) // an object: read its key below
			}
			kstart, kend, esc, good := sc.str()
			if !good || esc {
				return false
			}
			sc.ws()
			if sc.peek() != ':' {
				return false
			}
			sc.i++
			sc.ws()
			base := len(sc.key)
			if depth > 0 {
				sc.key = append(sc.key, '.')
				sc.key = append(sc.key, sc.s[kstart:kend]...)
			}
			if sc.peek() == '{' {
				if depth == 0 {
					sc.key = append(sc.key, sc.s[kstart:kend]...)
				}
				sc.i++
				depth++
				if !add() {
					return false
				}
				depth--
			} else {
				vals = append(vals, value{})
				if !sc.value(&vals[len(vals)-1]) {
					return false
				}
				// The key: the line's own bytes at the top level, the
				// joined path in a nested object.
				if same {
					if n >= len(j.keys) {
						same = false
					} else if depth == 0 {
						same = j.keys[n] == sc.s[kstart:kend]
					} else {
						same = j.keys[n] == string(sc.key)
					}
				}
				if !same {
					if newKeys == nil {
						newKeys = make([]string, n, n+8)
						copy(newKeys, j.keys[:n])
						newToks = make([]string, n, n+8)
						copy(newToks, j.toks[:n])
					}
					if depth == 0 {
						newKeys = append(newKeys, strings.Clone(sc.s[kstart:kend]))
						newToks = append(newToks, sc.s[kstart-1:kend+1]+":")
					} else {
						newKeys = append(newKeys, string(sc.key))
						newToks = append(newToks, "")
					}
				}
				n++
			}
			sc.key = sc.key[:base]
			sc.ws()
			switch sc.peek() {
			case ',':
				sc.i++
			case '}':
				sc.i++
				return true
			default:
				return false
			}
		}
	}
	sc.i = 1
	ok = add()
	if !ok {
		return false
	}
	sc.ws()
	if sc.i != len(sc.s) {
		return false
	}
	if same && n != len(j.keys) {
		same = false
		newKeys, newToks = j.keys[:n], j.toks[:n]
	}
	if !same {
		if newKeys == nil {
			newKeys, newToks = []string{}, []string{}
		}
		if nestedConflict(newKeys) {
			// A repeated key, or "a" and "a.b" on one line: the
			// encoding/json path decides.
			return false
		}
		j.keys, j.toks = newKeys, newToks
		j.ncols, j.schema = make(map[string]int, len(newKeys)), nextSchema()
		for i, k := range newKeys {
			j.ncols[k] = i // a repeated key: the last wins, as in a map
		}
	}
	j.rec.vals, j.rec.cols, j.rec.Line, j.rec.schema = vals, j.ncols, j.lr.n, j.schema
	j.rec.Path = j.name
	if i, ok := j.ncols["_path"]; ok && vals[i].set && !vals[i].isL {
		j.rec.Path = j.path(vals[i].s)
	}
	return true
}

func (sc *jsonScan) peek() byte {
	if sc.i < len(sc.s) {
		return sc.s[sc.i]
	}
	return 0
}

func (sc *jsonScan) ws() {
	for sc.i < len(sc.s) {
		switch sc.s[sc.i] {
		case ' ', '\t', '\n', '\r':
			sc.i++
		default:
			return
		}
	}
}

// str reads a string at sc.i: the bounds of its contents and whether it
// has escapes; ok is false when it is not a valid JSON string the scanner
// takes (control characters, invalid UTF-8).
func (sc *jsonScan) str() (start, end int, esc, ok bool) {
	if sc.peek() != '"' {
		return 0, 0, false, false
	}
	sc.i++
	start = sc.i
	ascii := true
	for sc.i < len(sc.s) {
		// Plain bytes in one tight loop; the others below.
		for sc.i < len(sc.s) && !strStop[sc.s[sc.i]] {
			sc.i++
		}
		if sc.i >= len(sc.s) {
			break
		}
		c := sc.s[sc.i]
		switch {
		case c == '"':
			end = sc.i
			sc.i++
			if !ascii && !utf8.ValidString(sc.s[start:end]) {
				return 0, 0, false, false
			}
			return start, end, esc, true
		case c == '\\':
			esc = true
			sc.i += 2
		case c < 0x20:
			return 0, 0, false, false
		default:
			if c >= 0x80 {
				ascii = false
			}
			sc.i++
		}
	}
	return 0, 0, false, false
}

// strStop marks the bytes a string's plain run stops at: the quote, a
// backslash, control characters and the bytes of non-ASCII UTF-8.
var strStop = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c == '"' || c == '\\' || c < 0x20 || c >= 0x80
	}
	return t
}()

// unquote decodes the escapes of a string's contents.
func (sc *jsonScan) unquote(s string) (string, bool) {
	b := sc.buf[:0]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			b = append(b, c)
			continue
		}
		i++
		if i >= len(s) {
			return "", false
		}
		switch s[i] {
		case '"', '\\', '/':
			b = append(b, s[i])
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, ok := hex4At(s, i+1)
			if !ok {
				return "", false
			}
			i += 4
			if utf16.IsSurrogate(r) {
				r2, ok := rune(0), false
				if i+2 < len(s) && s[i+1] == '\\' && s[i+2] == 'u' {
					r2, ok = hex4At(s, i+3)
				}
				if d := utf16.DecodeRune(r, r2); ok && d != utf8.RuneError {
					r = d
					i += 6
				} else {
					r = utf8.RuneError
				}
			}
			b = utf8.AppendRune(b, r)
		default:
			return "", false
		}
	}
	sc.buf = b
	return string(b), true
}

func hex4At(s string, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	n, err := strconv.ParseUint(s[i:i+4], 16, 32)
	return rune(n), err == nil
}

// number reads a JSON number at sc.i and returns its text.
func (sc *jsonScan) number() (string, bool) {
	start := sc.i
	if sc.peek() == '-' {
		sc.i++
	}
	switch c := sc.peek(); {
	case c == '0':
		sc.i++
	case c >= '1' && c <= '9':
		for c := sc.peek(); c >= '0' && c <= '9'; c = sc.peek() {
			sc.i++
		}
	default:
		return "", false
	}
	if sc.peek() == '.' {
		sc.i++
		if c := sc.peek(); c < '0' || c > '9' {
			return "", false
		}
		for c := sc.peek(); c >= '0' && c <= '9'; c = sc.peek() {
			sc.i++
		}
	}
	if c := sc.peek(); c == 'e' || c == 'E' {
		sc.i++
		if c := sc.peek(); c == '+' || c == '-' {
			sc.i++
		}
		if c := sc.peek(); c < '0' || c > '9' {
			return "", false
		}
		for c := sc.peek(); c >= '0' && c <= '9'; c = sc.peek() {
			sc.i++
		}
	}
	return sc.s[start:sc.i], true
}

func (sc *jsonScan) literal(word string) bool {
	if len(sc.s)-sc.i >= len(word) && sc.s[sc.i:sc.i+len(word)] == word {
		sc.i += len(word)
		return true
	}
	return false
}

// scalar reads a string, number, true, false or null into v, which is
// the zero value; null reads as unset.
func (sc *jsonScan) scalar(v *value) bool {
	switch c := sc.peek(); {
	case c == '"':
		start, end, esc, ok := sc.str()
		if !ok {
			return false
		}
		v.set = true
		if !esc {
			v.s = sc.s[start:end]
			return true
		}
		v.s, ok = sc.unquote(sc.s[start:end])
		return ok
	case c == '-' || c >= '0' && c <= '9':
		n, ok := sc.number()
		v.set, v.s = true, n
		return ok
	case c == 't':
		v.set, v.s = true, "T"
		return sc.literal("true")
	case c == 'f':
		v.set, v.s = true, "F"
		return sc.literal("false")
	case c == 'n':
		return sc.literal("null")
	}
	return false
}

// value reads a scalar or an array of scalars and arrays (flattened,
// nulls dropped) into v, which is the zero value.
func (sc *jsonScan) value(v *value) bool {
	if sc.peek() != '[' {
		return sc.scalar(v)
	}
	l := []string{}
	var arr func() bool
	arr = func() bool {
		sc.i++ // '['
		sc.ws()
		if sc.peek() == ']' {
			sc.i++
			return true
		}
		for {
			sc.ws()
			if sc.peek() == '[' {
				if !arr() {
					return false
				}
			} else {
				var e value
				if !sc.scalar(&e) {
					return false
				}
				if e.set {
					l = append(l, e.s)
				}
			}
			sc.ws()
			switch sc.peek() {
			case ',':
				sc.i++
			case ']':
				sc.i++
				return true
			default:
				return false
			}
		}
	}
	if !arr() {
		return false
	}
	v.set, v.isL, v.list = true, true, l
	return true
}

// nestedConflict reports whether a key repeats or is also the prefix of
// a nested key ("a" and "a.b"): which value wins then depends on how the
// object is read.
func nestedConflict(keys []string) bool {
	if len(keys) < 2 {
		return false
	}
	sorted := slices.Clone(keys)
	slices.Sort(sorted)
	for i := 0; i+1 < len(sorted); i++ {
		if k := sorted[i]; sorted[i+1] == k || strings.HasPrefix(sorted[i+1], k+".") {
			return true
		}
		// "a" < "a-b" < "a.b": look past keys that only share the prefix.
		for j := i + 2; j < len(sorted) && strings.HasPrefix(sorted[j], sorted[i]); j++ {
			if strings.HasPrefix(sorted[j], sorted[i]+".") {
				return true
			}
		}
	}
	return false
}
