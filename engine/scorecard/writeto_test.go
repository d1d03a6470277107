package scorecard

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/slate-ot/slate/evidence"
)

// randomText mixes what JSON escapes, what canonical JSON keeps as it is
// and what looks like the member WriteTo looks for.
func randomText(r *rand.Rand) string {
	parts := []string{"", "a", `"gaps":null`, `\`, `"`, "<&>", "\u2028", "é", "\n", "{", "]", ",", "G-1", " "}
	var b bytes.Buffer
	for range r.IntN(5) {
		b.WriteString(parts[r.IntN(len(parts))])
	}
	return b.String()
}

func randomScorecard(r *rand.Rand) *Scorecard {
	sc := &Scorecard{Format: Format, Assessment: Assessment{Name: randomText(r), Site: randomText(r)}}
	switch r.IntN(3) {
	case 0: // nil gaps: "gaps":null
	case 1:
		sc.Gaps = []Gap{}
	default:
		for i := range r.IntN(6) {
			g := Gap{ID: fmt.Sprintf("G-%d", i), Status: GapOpen, Message: randomText(r), Subject: randomText(r),
				Requirements: []string{randomText(r)}, Evidence: []evidence.Ref{{Document: randomText(r), Line: r.IntN(9)}}}
			if r.IntN(2) == 0 {
				g.Exposure = &Exposure{From: randomText(r)}
				g.Waivers = []string{randomText(r)}
			}
			sc.Gaps = append(sc.Gaps, g)
		}
	}
	for range r.IntN(3) {
		z := ZoneStatus{Zone: randomText(r), Reason: randomText(r)}
		for _, g := range sc.Gaps {
			z.Gaps = append(z.Gaps, g.ID)
		}
		sc.Requirements = append(sc.Requirements, Requirement{ID: randomText(r), Zones: []ZoneStatus{z}})
		sc.RootCauses = append(sc.RootCauses, RootCause{Key: randomText(r), Gaps: z.Gaps})
	}
	return sc
}

// TestWriteToIsCanonical: the scorecard written a gap at a time is the
// bytes of evidence.Canonical of the whole, for the example site and for
// random small scorecards whose text holds what the writer looks for.
func TestWriteToIsCanonical(t *testing.T) {
	raw, err := os.ReadFile("../../testdata/golden/examples/plant-a/scorecard.json")
	if err != nil {
		t.Fatal(err)
	}
	example, err := Decode("scorecard.json", raw)
	if err != nil {
		t.Fatal(err)
	}
	cards := []*Scorecard{example, {}}
	r := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		cards = append(cards, randomScorecard(r))
	}
	for i, sc := range cards {
		want, err := evidence.Canonical(sc)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		n, err := sc.WriteTo(&buf)
		if err != nil {
			t.Fatalf("scorecard %d: %v", i, err)
		}
		if !bytes.Equal(buf.Bytes(), want) || n != int64(len(want)) {
			t.Fatalf("scorecard %d: WriteTo wrote %d bytes\n%s\nwant Canonical\n%s", i, n, buf.Bytes(), want)
		}
	}
}
