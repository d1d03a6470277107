package reports

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/reports/junit"
	"github.com/slate-ot/slate/reports/oscal"
	"github.com/slate-ot/slate/reports/reporttest"
	"github.com/slate-ot/slate/reports/sarif"
)

// whole are the writers as they were before they streamed: the whole
// document built, then encoded at once. Kept here only to hold the
// streaming writers to their bytes.
var whole = map[string]func(io.Writer, *scorecard.Scorecard) error{
	"scorecard.json": func(w io.Writer, sc *scorecard.Scorecard) error {
		raw, err := evidence.Canonical(sc)
		if err == nil {
			_, err = w.Write(raw)
		}
		return err
	},
	oscal.FileName: func(w io.Writer, sc *scorecard.Scorecard) error {
		return indented(w, oscal.Build(sc, ""))
	},
	sarif.FileName: func(w io.Writer, sc *scorecard.Scorecard) error {
		return indented(w, sarif.Build(sc, sarif.Options{}))
	},
	junit.FileName: func(w io.Writer, sc *scorecard.Scorecard) error {
		if _, err := io.WriteString(w, xml.Header); err != nil {
			return err
		}
		enc := xml.NewEncoder(w)
		enc.Indent("", "  ")
		if err := enc.Encode(junit.Build(sc)); err != nil {
			return err
		}
		_, err := io.WriteString(w, "\n")
		return err
	},
}

func indented(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err == nil {
		_, err = w.Write(append(b, '\n'))
	}
	return err
}

// TestStreamedMatchesWhole: every machine-read writer, which writes its
// document a part at a time, gives the bytes of the whole document
// encoded at once, for the example site and for 200 random variants of it.
func TestStreamedMatchesWhole(t *testing.T) {
	r := rand.New(rand.NewPCG(24, 7))
	for i := range 201 {
		sc := reporttest.Load(t, reporttest.Example)
		if i > 0 {
			sc = reporttest.Random(r, sc)
		}
		for _, name := range []string{"json", "junit", "oscal", "sarif"} {
			f, err := Lookup(name)
			if err != nil {
				t.Fatal(err)
			}
			out := f.Outputs(Options{})[0]
			old, ok := whole[out.File]
			if !ok {
				t.Fatalf("no whole-document writer for %s", out.File)
			}
			want := reporttest.Render(t, old, sc)
			got := reporttest.Render(t, out.Write, sc)
			if !bytes.Equal(got, want) {
				t.Fatalf("variant %d: %s streamed differs from the whole document:\n%s", i, out.File, firstDiff(got, want))
			}
		}
		o := sarif.Options{Base: "plants/plant-a"}
		want := reporttest.Render(t, func(w io.Writer, sc *scorecard.Scorecard) error { return indented(w, sarif.Build(sc, o)) }, sc)
		if got := reporttest.Render(t, o.Write, sc); !bytes.Equal(got, want) {
			t.Fatalf("variant %d: %s with a base streamed differs from the whole document:\n%s", i, sarif.FileName, firstDiff(got, want))
		}
	}
}

// firstDiff shows where a and b part.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-200)
	return "streamed: …" + string(a[from:min(len(a), i+200)]) + "\nwhole:    …" + string(b[from:min(len(b), i+200)])
}
