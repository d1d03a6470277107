package scorecard

import "strings"

// labels are the words people read for the machine values of the
// scorecard: statuses, FR states and the states of waivers and
// countermeasures. scorecard.json keeps the machine values.
var labels = map[string]string{
	StatusPass:               "Pass",
	StatusFail:               "Fail",
	StatusWaived:             "Waived",
	StatusCompensated:        "Compensated",
	StatusNotAssessed:        "Not assessed",
	StatusManual:             "Awaiting confirmation",
	StatusNotApplicable:      "Not applicable",
	FRMet:                    "Met",
	FRBelow:                  "Below target",
	FRUndetermined:           "Undetermined",
	WaiverActive:             "Active",
	WaiverExpired:            "Expired",
	WaiverUnused:             "Unused",
	CountermeasureUnattested: "Unattested",
	AttentionExpiring:        "Expiring",
}

// Label is the human label of a machine value; a value without one is
// shown with its underscores as spaces and its first letter capital.
func Label(value string) string {
	if l, ok := labels[value]; ok {
		return l
	}
	s := strings.ReplaceAll(value, "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// SLLegendWords is SLLegend with the statuses in words, for reports
// people read.
var SLLegendWords = strings.ReplaceAll(SLLegend, "manual or not_assessed", "awaiting confirmation or not assessed")
