package it

import (
	"fmt"
	"slices"
	"testing"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// TestTelnetManySessions: dissector state belongs to each flow, so every
// login of 10,000 telnet sessions open at once is recorded, and two runs
// record the same: nothing depends on how many other flows are pending.
func TestTelnetManySessions(t *testing.T) {
	const sessions = 10_000
	run := func() []string {
		recs := make([]*dissect.Recorder, sessions)
		for i := range recs {
			recs[i] = dissect.NewRecorder([]byte("k"))
		}
		var d Telnet
		step := func(dir dissect.Direction, text func(int) string) {
			for i, rec := range recs {
				d.Dissect(dissect.TCP, dir, []byte(text(i)), rec)
			}
		}
		// Every session is prompted before any answers.
		step(dissect.ToClient, func(int) string { return "\r\nlogin: " })
		step(dissect.ToServer, func(i int) string { return fmt.Sprintf("user%d\r\n", i) })
		step(dissect.ToClient, func(int) string { return "Password: " })
		step(dissect.ToServer, func(i int) string { return fmt.Sprintf("secret-%d\r\n", i) })
		var got []string
		for i, rec := range recs {
			for _, c := range rec.Facts().Credentials {
				got = append(got, fmt.Sprintf("%d %s %s %s", i, c.Kind, c.User, c.Fingerprint))
			}
		}
		return got
	}
	first := run()
	if len(first) != sessions {
		t.Fatalf("%d of %d logins recorded", len(first), sessions)
	}
	if second := run(); !slices.Equal(first, second) {
		t.Error("two runs recorded different logins")
	}
}
