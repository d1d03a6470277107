package drift

import (
	"fmt"
	"time"

	"github.com/slate-ot/slate/engine/scorecard"
)

// DefaultWarnDays is how many days before its expiry a waiver is flagged.
const DefaultWarnDays = 30

// Waiver notice states.
const (
	NoticeExpired  = "expired"
	NoticeExpiring = "expiring"
	NoticeUnused   = "unused"
)

// WaiverNotice is a waiver that needs attention on the assessment date.
type WaiverNotice struct {
	scorecard.Waiver
	// State is expired, expiring or unused.
	State string `json:"state"`
	// Days is the number of days from the assessment date to the expiry
	// of an expiring waiver (0: it expires on that day).
	Days int `json:"days"`
}

// WaiverNotices lists, in the scorecard's order, the waivers that have
// expired, that expire within days of the assessment date, or that match
// no finding. A waiver whose dates cannot be read is left out; the
// assessment file's loader has already refused it.
func WaiverNotices(sc *scorecard.Scorecard, days int) []WaiverNotice {
	asOf, err := time.Parse(time.DateOnly, sc.Assessment.AsOf)
	var out []WaiverNotice
	for _, w := range sc.Waivers {
		switch w.Status {
		case scorecard.WaiverExpired:
			out = append(out, WaiverNotice{Waiver: w, State: NoticeExpired})
			continue
		case scorecard.WaiverUnused:
			out = append(out, WaiverNotice{Waiver: w, State: NoticeUnused})
			continue
		}
		exp, perr := time.Parse(time.DateOnly, w.Expires)
		if err != nil || perr != nil || exp.Before(asOf) {
			continue
		}
		if left := int(exp.Sub(asOf).Hours() / 24); left <= days {
			out = append(out, WaiverNotice{Waiver: w, State: NoticeExpiring, Days: left})
		}
	}
	return out
}

// Message is the notice as one sentence for a warning line; file names the
// assessment file the waiver is declared in.
func (n WaiverNotice) Message(file string) string {
	switch n.State {
	case NoticeExpired:
		return fmt.Sprintf("%s: waiver %q expired on %s and waives nothing; its findings are open gaps again", file, n.Name, n.Expires)
	case NoticeExpiring:
		when := fmt.Sprintf("in %d day(s)", n.Days)
		if n.Days == 0 {
			when = "today"
		}
		return fmt.Sprintf("%s: waiver %q expires on %s, %s; renew it (approved by %s) or close the gaps it covers",
			file, n.Name, n.Expires, when, n.ApprovedBy)
	default:
		return fmt.Sprintf("%s: waiver %q matches no finding (requirement %s, subject %s, zone %s); correct or remove it",
			file, n.Name, n.Requirement, orAny(n.Subject), orAny(n.Zone))
	}
}

func orAny(s string) string {
	if s == "" || s == "*" {
		return "any"
	}
	return s
}
