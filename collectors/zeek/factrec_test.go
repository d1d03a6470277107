package zeek

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
	"github.com/slate-ot/slate/evidence/traffic"
)

// TestFactRecFold: a reused factRec folded file by file gives what a
// dissect.Recorder per file gives, merged by traffic.MergeFacts: the same
// operations (past MaxOps too), attribute joins (values with "|" too),
// events past MaxEvents, credentials past MaxCredentials and times.
func TestFactRecFold(t *testing.T) {
	tests := []struct {
		name              string
		files, perFile    int
		ops, attrs, evals int
	}{
		{name: "few of each", files: 3, perFile: 20, ops: 5, attrs: 4, evals: 3},
		{name: "over the bounds", files: 4, perFile: 400, ops: 90, attrs: 40, evals: 6},
		{name: "one file", files: 1, perFile: 50, ops: 20, attrs: 8, evals: 4},
		{name: "many small files", files: 30, perFile: 3, ops: 70, attrs: 35, evals: 3},
	}
	key := []byte("fingerprint key")
	for seed, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(seed), 7))
			classes := []string{traffic.ClassRead, traffic.ClassWrite, traffic.ClassControl, traffic.ClassResponse}
			r := newFactRec(key)
			var got *traffic.Facts
			var want *traffic.Facts
			for range tt.files {
				d := dissect.NewRecorder(key)
				for range tt.perFile {
					switch n := rng.IntN(10); {
					case n == 0:
						ts := rng.Int64N(1e12)
						if rng.IntN(4) == 0 {
							ts = 0 // a record without a time
						} else {
							d.SetTime(ts)
							r.SetTime(ts)
						}
					case n < 6:
						c, name, code := classes[rng.IntN(len(classes))], fmt.Sprintf("op%d", rng.IntN(tt.ops)), rng.IntN(3)-1
						d.Op(c, name, code)
						r.Op(c, name, code)
					case n < 8:
						k := fmt.Sprintf("a%d", rng.IntN(tt.attrs))
						v := []string{"x", "y", "z|x", "x|x", "", "w"}[rng.IntN(tt.evals)]
						d.Attr(k, v)
						r.Attr(k, v)
					case n == 8:
						m := fmt.Sprintf("m%d", rng.IntN(50))
						d.Event("e", m)
						r.Event("e", m)
					default:
						u, s := fmt.Sprintf("u%d", rng.IntN(12)), []byte(fmt.Sprintf("secret-%d-long-enough", rng.IntN(12)))
						d.Credential("ftp_login", u, s, false)
						r.Credential("ftp_login", u, s, false)
					}
				}
				f := d.Facts()
				want = traffic.MergeFacts(want, &f)
				got = r.fold(got)
				r.reset()
			}
			if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("facts (-Recorder and MergeFacts +factRec):\n%s", diff)
			}
		})
	}
}
