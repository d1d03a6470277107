package scorecard

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/slate-ot/slate/engine/model"
	"github.com/slate-ot/slate/evidence"
)

// allKinds in a check's Reads stands for every evidence kind.
const allKinds = "*"

// Withheld cells and stale evidence give reasons that start with
// ReasonStale (declared in diff.go, which matches on it).

// freshness dates ev, the summary of document d, and judges it against
// the max_age of its source on asOf. Staleness is decided here, on the
// assessment date, and not when the evidence is collected: a saved bundle
// evaluated on another date, or under an assessment file with another
// max_age, is judged anew.
func freshness(ev *Evidence, d evidence.Document, a *model.Assessment, asOf string) {
	i := slices.IndexFunc(a.Sources, func(s model.Source) bool { return s.Kind == d.Kind && s.Name == d.Source })
	var src model.Source
	if i >= 0 {
		src = a.Sources[i]
	}
	date := src.Collected
	if date == "" {
		date = d.Provenance.EvidenceDate
	}
	day, err := time.Parse(time.DateOnly, date)
	if err != nil {
		date = ""
	}
	ev.Date, ev.MaxAge = date, src.MaxAge
	if src.MaxAge == "" {
		return
	}
	if date == "" {
		ev.Stale = true
		ev.StaleReason = fmt.Sprintf("%s: %s has no date to hold against max_age %s; set collected on the source", ReasonStale, d.ID, src.MaxAge)
		return
	}
	at, err := time.Parse(time.DateOnly, asOf)
	if err != nil {
		return
	}
	if age := int(at.Sub(day).Hours() / 24); age > src.MaxAgeDays {
		ev.Stale = true
		ev.StaleReason = fmt.Sprintf("%s: %s dated %s is older than max_age %s as of %s", ReasonStale, d.ID, date, src.MaxAge, asOf)
	}
}

// staleReads returns, for each check that reads a kind with stale
// evidence, why each such document is stale (without the ReasonStale
// prefix), in document order.
func staleReads(results []Result, ev []Evidence) map[string][]string {
	byKind := map[string][]string{}
	var every []string
	for _, e := range ev {
		if e.Stale {
			why := strings.TrimPrefix(e.StaleReason, ReasonStale+": ")
			byKind[e.Kind] = append(byKind[e.Kind], why)
			every = append(every, why)
		}
	}
	out := map[string][]string{}
	if len(every) == 0 {
		return out
	}
	for _, res := range results {
		var why []string
		if slices.Contains(res.Reads, allKinds) {
			why = every
		} else {
			for _, k := range res.Reads {
				why = append(why, byKind[k]...)
			}
		}
		if len(why) > 0 {
			out[res.Rule.ID] = why
		}
	}
	return out
}

// staleReason is the reason of a cell whose checks' evidence is stale.
func staleReason(why, checks []string) string {
	why, checks = slices.Clone(why), slices.Clone(checks)
	slices.Sort(why)
	slices.Sort(checks)
	return fmt.Sprintf("%s: %s (checks: %s)", ReasonStale,
		strings.Join(slices.Compact(why), "; "), strings.Join(slices.Compact(checks), ", "))
}

// unbacked returns, for each check that claims a zone (assessed or not
// applicable) but reads no kind of evidence the bundle holds, why its
// claim is not counted. A verdict needs evidence: a check that read
// nothing (`assessed contains "*"` and no input read, or only kinds no
// source collected) cannot pass a zone, nor declare it out of scope,
// whatever its METADATA automates. Its findings still count.
func unbacked(results []Result, ev []Evidence) map[string]string {
	have := map[string]bool{}
	for _, e := range ev {
		have[e.Kind] = true
	}
	out := map[string]string{}
	for _, res := range results {
		if len(res.Assessed) == 0 && len(res.NotApplicable) == 0 {
			continue
		}
		switch {
		case len(res.Reads) == 0:
			out[res.Rule.ID] = res.Rule.ID + " reads no evidence"
		case slices.Contains(res.Reads, allKinds):
			if len(ev) == 0 {
				out[res.Rule.ID] = res.Rule.ID + " read no evidence: none was collected"
			}
		case !slices.ContainsFunc(res.Reads, func(k string) bool { return have[k] }):
			out[res.Rule.ID] = fmt.Sprintf("%s read no evidence: no %s document was collected", res.Rule.ID, strings.Join(res.Reads, " or "))
		}
	}
	return out
}
