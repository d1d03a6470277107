package engine

import (
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// TestObjectOf: objectOf makes the object OPA makes of the same members
// inserted in turn (of two members with one key the later wins), whatever
// their order and kinds of key.
func TestObjectOf(t *testing.T) {
	s, n := ast.StringTerm, ast.IntNumberTerm
	for _, tc := range []struct {
		name    string
		members [][2]*ast.Term
	}{
		{"none", nil},
		{"one", [][2]*ast.Term{{s("a"), n(1)}}},
		{"ascending", [][2]*ast.Term{{s("a"), n(1)}, {s("b"), n(2)}, {s("c"), n(3)}}},
		{"one added at the end", [][2]*ast.Term{{s("a"), n(1)}, {s("c"), n(3)}, {s("b"), n(2)}}},
		{"descending", [][2]*ast.Term{{s("c"), n(3)}, {s("b"), n(2)}, {s("a"), n(1)}}},
		{"a key twice", [][2]*ast.Term{{s("a"), n(1)}, {s("b"), n(2)}, {s("a"), n(3)}}},
		{"a key three times", [][2]*ast.Term{{s("b"), n(1)}, {s("b"), n(2)}, {s("a"), n(0)}, {s("b"), n(3)}}},
		{"adjacent twice", [][2]*ast.Term{{s("a"), n(1)}, {s("a"), n(2)}}},
		{"a number key", [][2]*ast.Term{{s("a"), n(1)}, {n(2), n(2)}, {n(2), n(3)}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := ast.NewObject()
			for _, m := range tc.members {
				want.Insert(m[0], m[1])
			}
			members := append([][2]*ast.Term(nil), tc.members...)
			got := objectOf(members)
			if got.Compare(want) != 0 || got.Len() != want.Len() || got.Hash() != want.Hash() {
				t.Fatalf("objectOf(%v) = %v, want %v", tc.members, got, want)
			}
			for _, k := range want.Keys() {
				if v := got.Get(k); v == nil || !v.Equal(want.Get(k)) {
					t.Errorf("member %v = %v, want %v", k, v, want.Get(k))
				}
			}
		})
	}
}
