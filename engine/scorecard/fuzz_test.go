package scorecard_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/slate-ot/slate/engine/scorecard"
)

// FuzzDecode reads fuzzed scorecards (slate diff, import-workbook
// --scorecard and the portfolio read them from files anyone may hand
// over): no panic, and a scorecard accepted encodes to canonical JSON
// that decodes and encodes to the same bytes.
func FuzzDecode(f *testing.F) {
	raw, err := os.ReadFile("../../evidence/attest/testdata/out/scorecard.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw)
	f.Add([]byte(`{"format":"` + scorecard.Format + `","zones":[{"name":"cell"}],"gaps":[{"id":"G-1","requirements":["x"]}]}`))
	f.Add([]byte(`{"format":"slate.scorecard/v0"}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		sc, err := scorecard.Decode("scorecard.json", raw)
		if err != nil {
			return
		}
		enc, err := sc.Encode()
		if err != nil {
			return // a number JSON cannot hold canonically, say
		}
		again, err := scorecard.Decode("scorecard.json", enc)
		if err != nil {
			t.Fatalf("the encoding of an accepted scorecard does not decode: %v", err)
		}
		enc2, err := again.Encode()
		if err != nil || !bytes.Equal(enc, enc2) {
			t.Fatalf("encode, decode, encode differs: %v\n%s\n%s", err, enc, enc2)
		}
	})
}
