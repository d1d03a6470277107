package drift

import (
	"fmt"

	"github.com/slate-ot/slate/engine/scorecard"
)

// DefaultWarnDays is how many days before its expiry a waiver is flagged.
const DefaultWarnDays = scorecard.WaiverWarnDays

// Waiver notice states.
const (
	NoticeExpired  = scorecard.AttentionExpired
	NoticeExpiring = scorecard.AttentionExpiring
	NoticeUnused   = scorecard.AttentionUnused
)

// WaiverNotice is a waiver that needs attention on the assessment date.
type WaiverNotice = scorecard.WaiverNote

// WaiverNotices lists, in the scorecard's order, the waivers that have
// expired, that expire within days of the assessment date, or that match
// no finding.
func WaiverNotices(sc *scorecard.Scorecard, days int) []WaiverNotice {
	var out []WaiverNotice
	for _, n := range sc.WaiverNotes(days) {
		if n.State != "" {
			out = append(out, n)
		}
	}
	return out
}

// NoticeMessage is the notice as one sentence for a warning line; file names the
// assessment file the waiver is declared in.
func NoticeMessage(n WaiverNotice, file string) string {
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
