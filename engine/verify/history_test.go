package verify

import (
	"bytes"
	"testing"

	"github.com/slate-ot/slate/engine"
	"github.com/slate-ot/slate/engine/scorecard"
)

// TestCarryHistory: what verify re-makes gets the signed history, so a run
// made with --history reproduces; a scorecard without one is left as is.
func TestCarryHistory(t *testing.T) {
	remade := func() *engine.Result {
		sc := &scorecard.Scorecard{Format: scorecard.Format, Assessment: scorecard.Assessment{Name: "a", AsOf: "2026-11-01"}}
		return &engine.Result{Scorecard: sc}
	}
	encode := func(res *engine.Result) []byte {
		raw, err := res.ScorecardJSON()
		if err != nil {
			t.Fatal(err)
		}
		return raw
	}
	signed := remade().Scorecard
	signed.History = []scorecard.HistoryPoint{{AsOf: "2026-10-01", Run: "w1", Scorecard: "sha256:1", Verified: true}}
	withHistory, err := signed.Encode()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		signed  []byte
		want    []byte
		wantErr bool
	}{
		{"history carried", withHistory, withHistory, false},
		{"no history", encode(remade()), encode(remade()), false},
		{"not a scorecard", []byte(`{"format":"x"}`), encode(remade()), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := remade()
			err := carryHistory(res, tt.signed)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if got := encode(res); !bytes.Equal(got, tt.want) {
				t.Errorf("scorecard JSON:\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
