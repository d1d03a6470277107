package aggregate

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/engine/portfolio/portfoliotest"
	"github.com/slate-ot/slate/engine/scorecard"
)

// TestCardDecode pins the portfolio's partial decoding to the whole one:
// the example sites' golden scorecards and synthetic ones (root causes,
// waivers, KEV advisories, stale evidence) give the same trend point and
// the same detail either way. A field reduce starts to use without card
// decoding it fails here.
func TestCardDecode(t *testing.T) {
	inputs := map[string][]byte{}
	for _, site := range []string{"plant-a", "water-utility", "packaging-plant"} {
		raw, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "golden", "examples", site, "scorecard.json"))
		if err != nil {
			t.Fatal(err)
		}
		inputs[site] = raw
	}
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	for _, s := range []int{3, 4, 5} {
		sc := portfoliotest.Scorecard(s, 10, start)
		raw, err := sc.Encode()
		if err != nil {
			t.Fatal(err)
		}
		inputs[sc.Assessment.Name] = raw
	}
	for name, raw := range inputs {
		t.Run(name, func(t *testing.T) {
			full, err := scorecard.Decode(name, raw)
			if err != nil {
				t.Fatal(err)
			}
			part, err := decodeCard(name, raw)
			if err != nil {
				t.Fatal(err)
			}
			if len(full.Requirements) == 0 || len(full.Gaps) == 0 || len(full.RootCauses) == 0 {
				t.Fatalf("%s: no requirements, gaps or root causes to compare", name)
			}
			opt := cmp.AllowUnexported(detail{})
			// The whole decoding is encoding/json's: the partial one, by
			// another decoder, must agree with it.
			if diff := cmp.Diff(reduce(full, "run"), reduce(part, "run"), opt); diff != "" {
				t.Errorf("detail (-whole +partial):\n%s", diff)
			}
			if diff := cmp.Diff(scorecard.PointOf(full, "run", "d", true), scorecard.PointOf(part, "run", "d", true)); diff != "" {
				t.Errorf("trend point (-whole +partial):\n%s", diff)
			}
		})
	}
	if _, err := decodeCard("x.json", []byte(`{"format":"other"}`)); err == nil {
		t.Error("a scorecard of another format decoded")
	}
}

// TestCardDecodeBadInput: truncated and altered scorecards are errors or
// decode, but never panic (the file is decoded before it is verified).
func TestCardDecodeBadInput(t *testing.T) {
	raw, err := portfoliotest.Scorecard(4, 10, time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)).Encode()
	if err != nil {
		t.Fatal(err)
	}
	bad := 0
	for i := 0; i < len(raw); i += 7 {
		for _, in := range [][]byte{
			raw[:i],
			append(append(append([]byte{}, raw[:i]...), "\x00{[\"\\u12"[i%6]), raw[i+1:]...),
		} {
			if _, err := decodeCard("scorecard.json", in); err != nil {
				bad++
			}
		}
	}
	if bad == 0 {
		t.Fatal("no altered scorecard was refused")
	}
}
