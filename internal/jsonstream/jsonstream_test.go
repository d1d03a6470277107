package jsonstream

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

type inner struct {
	A string            `json:"a"`
	B []int             `json:"b,omitempty"`
	M map[string]string `json:"m,omitempty"`
}

type outer struct {
	Name  string  `json:"name"`
	Empty []inner `json:"empty"`
	Items []inner `json:"items"`
	Tail  inner   `json:"tail"`
	Nest  struct {
		List []inner `json:"list"`
	} `json:"nest"`
}

// TestMatchesMarshalIndent: an object written member by member, its lists
// element by element, is the bytes MarshalIndent gives for the whole.
func TestMatchesMarshalIndent(t *testing.T) {
	items := []inner{
		{A: "x <&> \u2028"},
		{A: "y", B: []int{1, 2}, M: map[string]string{"z": "1", "a": "2"}},
		{},
	}
	for n := range len(items) + 1 {
		v := outer{Name: "n\n\"q\"", Empty: []inner{}, Items: items[:n], Tail: items[n%len(items)]}
		v.Nest.List = items[:n]
		want, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		w := NewWriter(&buf)
		o := w.Object(0)
		o.Member("name", v.Name)
		o.Array("empty").End()
		a := o.Array("items")
		for _, it := range v.Items {
			a.Elem(it)
		}
		a.End()
		o.Member("tail", v.Tail)
		nest := o.Object("nest")
		l := nest.Array("list")
		for _, it := range v.Nest.List {
			e := l.Object()
			e.Member("a", it.A)
			if len(it.B) > 0 {
				b := e.Array("b")
				for _, x := range it.B {
					b.Elem(x)
				}
				b.End()
			}
			if len(it.M) > 0 {
				e.Member("m", it.M)
			}
			e.End()
		}
		l.End()
		nest.End()
		o.End()
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(want), buf.String()); diff != "" {
			t.Errorf("%d items (-MarshalIndent +streamed):\n%s", n, diff)
		}
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, bytes.ErrTooLarge }

// TestFirstErrorSticks: a failing writer's error comes back from Flush.
func TestFirstErrorSticks(t *testing.T) {
	w := NewWriter(failWriter{})
	a := w.Array(0)
	for range 100_000 {
		a.Elem("some text to fill the buffer")
	}
	a.End()
	if err := w.Flush(); err != bytes.ErrTooLarge {
		t.Fatalf("Flush = %v, want %v", err, bytes.ErrTooLarge)
	}
}
