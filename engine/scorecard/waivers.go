package scorecard

import "time"

// WaiverWarnDays is how many days before its expiry a waiver is flagged,
// unless the reader asks for another window.
const WaiverWarnDays = 30

// Waiver attention states.
const (
	AttentionExpired  = "expired"
	AttentionExpiring = "expiring"
	AttentionUnused   = "unused"
)

// WaiverNote is a waiver with what it asks of people on the assessment
// date.
type WaiverNote struct {
	Waiver
	// State is expired, expiring (within the window) or unused; "" when
	// the waiver needs nothing.
	State string `json:"state"`
	// Days is the number of days from the assessment date to the expiry
	// of an expiring waiver (0: it expires on that day).
	Days int `json:"days"`
}

// WaiverNotes returns every waiver of the scorecard, in its order, with its
// attention state on the assessment date for a window of days. A waiver whose dates cannot be read
// needs nothing here: the assessment file's loader has refused it already.
func (sc *Scorecard) WaiverNotes(days int) []WaiverNote {
	return sc.WaiverNotesOn(sc.Assessment.AsOf, days)
}

// WaiverNotesOn is WaiverNotes on another date, YYYY-MM-DD: a waiver
// active on the assessment date is expired on a later date past its
// expiry.
func (sc *Scorecard) WaiverNotesOn(date string, days int) []WaiverNote {
	asOf, err := time.Parse(time.DateOnly, date)
	out := make([]WaiverNote, 0, len(sc.Waivers))
	for _, w := range sc.Waivers {
		n := WaiverNote{Waiver: w}
		switch w.Status {
		case WaiverExpired:
			n.State = AttentionExpired
		case WaiverUnused:
			n.State = AttentionUnused
		default:
			exp, perr := time.Parse(time.DateOnly, w.Expires)
			if err == nil && perr == nil && exp.Before(asOf) {
				// Active when the run was made, past its expiry on the
				// date asked about (a portfolio's, after the run).
				n.State = AttentionExpired
			} else if err == nil && perr == nil {
				if left := int(exp.Sub(asOf).Hours() / 24); left <= days {
					n.State, n.Days = AttentionExpiring, left
				}
			}
		}
		out = append(out, n)
	}
	return out
}
