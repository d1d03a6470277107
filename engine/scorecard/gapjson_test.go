package scorecard

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/slate-ot/slate/evidence"
)

// TestAppendGap holds appendGap to evidence.Canonical on gaps with every
// member empty, nil or set, and text that JSON escapes (quotes, control
// characters, HTML-significant and non-ASCII characters, U+2028, bytes
// that are not UTF-8).
func TestAppendGap(t *testing.T) {
	texts := []string{"", "plain", `q"uote`, `back\slash`, "<&>", "line\nbreak", "tab\there", "\x01\x1f\x7f", "\u2028\u2029", "é ü", "\xff\xfe bad", "a\x00b", "  spaced  "}
	r := rand.New(rand.NewPCG(1, 2))
	text := func() string { return texts[r.IntN(len(texts))] }
	list := func() []string {
		switch r.IntN(3) {
		case 0:
			return nil
		case 1:
			return []string{}
		}
		l := make([]string, 1+r.IntN(3))
		for i := range l {
			l[i] = text()
		}
		return l
	}
	var scratch bytes.Buffer
	for i := range 2000 {
		g := Gap{ID: text(), Status: text(), Rule: text(), Title: text(), Requirements: list(), Zone: text(), Subject: text(),
			Message: text(), Severity: text(), Owner: text(), Remediation: text(), Waivers: list(), WaivedFor: list(),
			ExpiredWaivers: list(), Cause: text(), Countermeasures: list(), CompensatedFor: list()}
		switch r.IntN(3) {
		case 0:
		case 1:
			g.Evidence = []evidence.Ref{}
		default:
			for range 1 + r.IntN(3) {
				g.Evidence = append(g.Evidence, evidence.Ref{Document: text(), Record: text(), File: text(), Line: r.IntN(3) - 1})
			}
		}
		if r.IntN(2) == 0 {
			g.Exposure = &Exposure{CrossesBoundary: r.IntN(2) == 0, From: text(), Conduit: text()}
		}
		want, err := evidence.Canonical(&g)
		if err != nil {
			t.Fatal(err)
		}
		got, err := appendGap(nil, &scratch, &g)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("gap %d:\n got %s\nwant %s", i, got, want)
		}
	}
}
