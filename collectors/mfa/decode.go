package mfa

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/slate-ot/slate/evidence"
)

// parseJSON reads one JSON value. A syntax error names the line and column
// of the decoded text (the same lines as the file, whatever its encoding).
func parseJSON(text []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		var se *json.SyntaxError
		off := int64(-1)
		switch {
		case errors.As(err, &se):
			off = max(se.Offset-1, 0)
		case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
			off = int64(len(text))
			err = errors.New("unexpected end of JSON input (truncated file?)")
		}
		if off < 0 {
			return nil, err
		}
		return nil, &lineError{line: lineOf(text, off), msg: fmt.Sprintf("column %d: %v", colOf(text, off), err)}
	}
	if _, err := dec.Token(); err != io.EOF {
		off := dec.InputOffset()
		return nil, &lineError{line: lineOf(text, off), msg: fmt.Sprintf("column %d: data after the JSON value", colOf(text, off))}
	}
	return v, nil
}

// lineError is an error at a line of the decoded text.
type lineError struct {
	line int
	msg  string
}

func (e *lineError) Error() string { return e.msg }

func lineOf(text []byte, off int64) int { l, _ := evidence.LineCol(text, off); return l }
func colOf(text []byte, off int64) int  { _, c := evidence.LineCol(text, off); return c }

// jv is a decoded JSON value with its path from the document root, such as
// $.conditions.users.
type jv struct {
	v any
	p string
}

func root(v any) jv { return jv{v: v, p: "$"} }

// field returns the member name of an object, matched exactly or else
// without regard to case (Graph writes camelCase, ScubaGear PascalCase).
// A missing member, or a field of a non-object, is null.
func (j jv) field(name string) jv {
	p := j.p + "." + name
	m, ok := j.v.(map[string]any)
	if !ok {
		return jv{p: p}
	}
	if v, ok := m[name]; ok {
		return jv{v: v, p: p}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		if strings.EqualFold(k, name) {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return jv{p: p}
	}
	slices.Sort(keys)
	return jv{v: m[keys[0]], p: p}
}

// path follows several members.
func (j jv) path(names ...string) jv {
	for _, n := range names {
		j = j.field(n)
	}
	return j
}

func (j jv) null() bool { return j.v == nil }

func (j jv) isObject() bool { _, ok := j.v.(map[string]any); return ok }

func (j jv) isArray() bool { _, ok := j.v.([]any); return ok }

// has reports whether the object has the member (any case), even null.
func (j jv) has(name string) bool {
	m, ok := j.v.(map[string]any)
	if !ok {
		return false
	}
	for k := range m {
		if strings.EqualFold(k, name) {
			return true
		}
	}
	return false
}

// shape reads values out of jv and keeps the first mismatch between the
// JSON and the shape expected, as "$.path: expected an object".
type shape struct{ err error }

func (s *shape) fail(j jv, want string) {
	if s.err == nil {
		s.err = fmt.Errorf("%s: expected %s, found %s", j.p, want, kindOf(j.v))
	}
}

func kindOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	default:
		return "a number"
	}
}

// object checks that j is an object or null; it reports whether it is an
// object.
func (s *shape) object(j jv) bool {
	if j.null() {
		return false
	}
	if !j.isObject() {
		s.fail(j, "an object")
		return false
	}
	return true
}

// array returns the elements of an array (null is empty).
func (s *shape) array(j jv) []jv {
	if j.null() {
		return nil
	}
	a, ok := j.v.([]any)
	if !ok {
		s.fail(j, "an array")
		return nil
	}
	out := make([]jv, len(a))
	for i, v := range a {
		out[i] = jv{v: v, p: fmt.Sprintf("%s[%d]", j.p, i)}
	}
	return out
}

// str returns a string, or "" for null; numbers are written as in the file.
func (s *shape) str(j jv) string {
	switch v := j.v.(type) {
	case nil:
		return ""
	case string:
		return v
	case json.Number:
		return v.String()
	}
	s.fail(j, "a string")
	return ""
}

// boolean returns a boolean and whether it was given.
func (s *shape) boolean(j jv) (value, given bool) {
	switch v := j.v.(type) {
	case nil:
		return false, false
	case bool:
		return v, true
	case string:
		switch strings.ToLower(v) {
		case "true":
			return true, true
		case "false":
			return false, true
		}
	}
	s.fail(j, "a boolean")
	return false, false
}

// strs returns an array of strings (null is empty); a single string is a
// one-element list, as PowerShell writes one-item collections.
func (s *shape) strs(j jv) []string {
	if v, ok := j.v.(string); ok {
		return []string{v}
	}
	var out []string
	for _, e := range s.array(j) {
		if e.null() {
			continue
		}
		if str, ok := e.v.(string); ok {
			out = append(out, str)
			continue
		}
		s.fail(e, "a string")
	}
	return out
}

// listOf returns the objects of a list: a JSON array, a Graph list
// response {"value": [...]}, or one object.
func listOf(j jv) []jv {
	if j.isArray() {
		var s shape
		return s.array(j)
	}
	if j.isObject() && j.field("value").isArray() && !j.has("id") {
		var s shape
		return s.array(j.field("value"))
	}
	if j.isObject() {
		return []jv{j}
	}
	return nil
}
