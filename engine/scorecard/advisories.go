package scorecard

import (
	"cmp"
	"slices"
	"strings"

	"github.com/slate-ot/slate/evidence"
)

// AdvisoryKind is the evidence kind of security advisories.
const AdvisoryKind = "advisories"

// AdvisoryGaps returns the open gaps that rest on security advisories
// (an evidence reference to a document of kind "advisories"), the worst
// first, then those with a CVE in the Known Exploited Vulnerabilities
// catalog, then by zone and subject: the reports' vulnerability lists.
func AdvisoryGaps(sc *Scorecard) []Gap {
	kinds := map[string]string{}
	for _, e := range sc.Evidence {
		kinds[e.Document] = e.Kind
	}
	var out []Gap
	for _, g := range sc.Gaps {
		if g.Status != GapOpen {
			continue
		}
		if slices.ContainsFunc(g.Evidence, func(r evidence.Ref) bool { return kinds[r.Document] == AdvisoryKind }) {
			out = append(out, g)
		}
	}
	// Worst first; an unknown severity after every known one.
	rank := func(s string) int { return -evidence.SeverityRank(s) }
	kev := func(g Gap) int {
		if strings.Contains(g.Message, "in CISA KEV") {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(out, func(a, b Gap) int {
		return cmp.Or(cmp.Compare(rank(a.Severity), rank(b.Severity)), cmp.Compare(kev(a), kev(b)),
			cmp.Compare(a.Zone, b.Zone), cmp.Compare(a.Subject, b.Subject), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// AdvisorySnapshots returns "document (digest)" for every advisory
// document the scorecard's evidence lists, in evidence order.
func AdvisorySnapshots(sc *Scorecard) []string {
	var out []string
	for _, e := range sc.Evidence {
		if e.Kind == AdvisoryKind && e.SnapshotDigest != "" {
			out = append(out, e.Document+" ("+e.SnapshotDigest+")")
		}
	}
	return out
}
