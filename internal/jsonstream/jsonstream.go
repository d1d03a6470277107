package jsonstream

import (
	"bufio"
	"encoding/json"
	"io"
	"strings"
)

// indent is the indentation of one level, as the reports use it.
const indent = "  "

// Writer writes indented JSON to an io.Writer through a buffer. The first
// error sticks: later writes do nothing, and Flush returns it.
type Writer struct {
	bw  *bufio.Writer
	err error
}

// NewWriter returns a Writer on w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{bw: bufio.NewWriterSize(w, 64<<10)}
}

// Flush writes what is buffered and returns the first error met.
func (w *Writer) Flush() error {
	if w.err != nil {
		return w.err
	}
	w.err = w.bw.Flush()
	return w.err
}

// Raw writes s as it is.
func (w *Writer) Raw(s string) {
	if w.err == nil {
		_, w.err = w.bw.WriteString(s)
	}
}

// Value writes v as json.MarshalIndent writes it at nesting depth: its
// inner lines indented by depth levels more than MarshalIndent's own.
func (w *Writer) Value(depth int, v any) {
	if w.err != nil {
		return
	}
	b, err := json.MarshalIndent(v, strings.Repeat(indent, depth), indent)
	if err != nil {
		w.err = err
		return
	}
	_, w.err = w.bw.Write(b)
}

func (w *Writer) newline(depth int) {
	w.Raw("\n")
	for range depth {
		w.Raw(indent)
	}
}

// Object opens an object at nesting depth: "{" now, its members as they
// come, and "}" at End ("{}" when it has none).
func (w *Writer) Object(depth int) *Object {
	w.Raw("{")
	return &Object{w: w, depth: depth}
}

// Object is an object being written.
type Object struct {
	w     *Writer
	depth int
	n     int
}

// key writes the separator and the key of the next member. Keys are the
// program's own names, plain ASCII that JSON needs no escape for.
func (o *Object) key(k string) {
	if o.n > 0 {
		o.w.Raw(",")
	}
	o.n++
	o.w.newline(o.depth + 1)
	o.w.Raw(`"` + k + `": `)
}

// Member writes the member k with the value v, encoded whole.
func (o *Object) Member(k string, v any) {
	o.key(k)
	o.w.Value(o.depth+1, v)
}

// Object opens the member k, an object.
func (o *Object) Object(k string) *Object {
	o.key(k)
	return o.w.Object(o.depth + 1)
}

// Array opens the member k, an array.
func (o *Object) Array(k string) *Array {
	o.key(k)
	return o.w.array(o.depth + 1)
}

// End closes the object.
func (o *Object) End() {
	if o.n > 0 {
		o.w.newline(o.depth)
	}
	o.w.Raw("}")
}

func (w *Writer) array(depth int) *Array {
	w.Raw("[")
	return &Array{w: w, depth: depth}
}

// Array opens an array at nesting depth.
func (w *Writer) Array(depth int) *Array { return w.array(depth) }

// Array is an array being written.
type Array struct {
	w     *Writer
	depth int
	n     int
}

func (a *Array) next() {
	if a.n > 0 {
		a.w.Raw(",")
	}
	a.n++
	a.w.newline(a.depth + 1)
}

// Elem writes the next element, v encoded whole.
func (a *Array) Elem(v any) {
	a.next()
	a.w.Value(a.depth+1, v)
}

// Object opens the next element, an object.
func (a *Array) Object() *Object {
	a.next()
	return a.w.Object(a.depth + 1)
}

// Len is the number of elements written so far.
func (a *Array) Len() int { return a.n }

// End closes the array ("[]" when it has no element).
func (a *Array) End() {
	if a.n > 0 {
		a.w.newline(a.depth)
	}
	a.w.Raw("]")
}
