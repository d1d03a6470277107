package scorecard

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"

	"github.com/slate-ot/slate/engine/model"
)

// TopRisks is how many root causes the reports list as the top risks.
const TopRisks = 10

// RootCause is the fact behind one or more gaps: an account without MFA
// is one root cause however many checks and zones report it. Status is
// GapOpen while one of its gaps is open, GapCompensated when all are
// compensated, GapWaived when all are waived or compensated, some waived.
//
// The figures that rank it (Severity, Exposure, Factors, Score, Zones,
// Owners, and the lead gap that gives Title, Message and Remediation) are
// taken from its open gaps, or from all of them when every one is waived:
// accepted risk does not raise the rank of what is still open.
type RootCause struct {
	// ID is derived from Key.
	ID string `json:"id"`
	// Key is what its gaps share (see RootCauseKey).
	Key    string `json:"key"`
	Status string `json:"status"`
	// Title is the lead gap's rule title, Message its message.
	Title   string `json:"title"`
	Subject string `json:"subject"`
	Message string `json:"message"`
	// Zones are the zones of the gaps; empty when all are site-wide.
	Zones []string `json:"zones"`
	// Severity is the worst severity of the gaps.
	Severity string   `json:"severity"`
	Owners   []string `json:"owners"`
	// Score is Factors.Severity × Factors.Exposure × Factors.SLTarget.
	Score   int          `json:"score"`
	Factors ScoreFactors `json:"factors"`
	// Exposure is the worst of the gaps' exposures (see RootCauseExposure).
	Exposure Exposure `json:"exposure"`
	// Gaps are the ids of every gap of the root cause, in gap list order;
	// GapsOpen counts those still open.
	Gaps         []string `json:"gaps"`
	GapsOpen     int      `json:"gaps_open"`
	Rules        []string `json:"rules"`
	Requirements []string `json:"requirements"`
	// Remediation is the lead gap's: the first thing to do.
	Remediation string `json:"remediation"`
}

// ScoreFactors are the three numbers a risk score multiplies.
type ScoreFactors struct {
	Severity int `json:"severity"`
	Exposure int `json:"exposure"`
	SLTarget int `json:"sl_target"`
}

// severityWeight weighs a severity in the risk score: info 1 to
// critical 5, by rank; an unknown severity weighs as info.
func severityWeight(sev string) int { return severityRank[sev] + 1 }

// fromWeights weigh where a path starts; fromOrder lists origins from the
// least exposed.
var (
	fromWeights = map[string]int{FromExternal: 2, FromIT: 1, FromDMZ: 0, FromOT: 0}
	fromOrder   = []string{"", FromOT, FromDMZ, FromIT, FromExternal}
)

// ExposureWeight is the exposure factor of the risk score: 1, plus 1 when
// the path crosses a zone boundary, plus 2 when it starts outside the
// declared networks or 1 when it starts in an IT zone, plus 1 when it
// crosses on no declared conduit. It runs from 1 to 5.
func ExposureWeight(e Exposure) int {
	w := 1 + fromWeights[e.From]
	if e.CrossesBoundary {
		w++
	}
	if e.Conduit == ConduitUndeclared {
		w++
	}
	return w
}

// Score is the risk score of a finding of severity sev with exposure e in
// a zone whose highest SL-T is slt: severity weight (info 1 … critical 5)
// × ExposureWeight × SL-T (at least 1). Each factor only grows with what
// makes the risk worse, so the score does too.
func Score(sev string, e Exposure, slt int) (int, ScoreFactors) {
	f := ScoreFactors{Severity: severityWeight(sev), Exposure: ExposureWeight(e), SLTarget: max(slt, 1)}
	return f.Severity * f.Exposure * f.SLTarget, f
}

// MergeExposure returns the worse of two exposures, field by field; nil
// when both are nil.
func MergeExposure(a, b *Exposure) *Exposure {
	if a == nil || b == nil {
		if a == nil {
			return b
		}
		return a
	}
	m := worse(*a, *b)
	return &m
}

func worse(a, b Exposure) Exposure {
	a.CrossesBoundary = a.CrossesBoundary || b.CrossesBoundary
	if slices.Index(fromOrder, b.From) > slices.Index(fromOrder, a.From) {
		a.From = b.From
	}
	if b.Conduit == ConduitUndeclared || a.Conduit == "" {
		a.Conduit = cmp.Or(b.Conduit, a.Conduit)
	}
	return a
}

// RootCauseKey is what gaps of one root cause share:
//   - the finding's cause, when the check set one;
//   - else, for a user or a flow, the subject alone, whichever check and
//     zone report it: an account without MFA, or a conversation between two
//     hosts over one service, is one fact (user ids compare without case);
//   - else the rule and the subject: a device, interface or asset can
//     have many independent problems, each fixed on its own, so gaps of
//     one check on one subject group (across zones), and gaps of different
//     checks or different subjects do not.
func RootCauseKey(g Gap) string {
	subject := rootCauseSubject(g)
	if g.Cause != "" || strings.HasPrefix(subject, "user:") || strings.HasPrefix(subject, "flow:") {
		return subject
	}
	return g.Rule + " " + subject
}

// rootCauseSubject is the gap's cause, else its subject (a user's without
// case).
func rootCauseSubject(g Gap) string {
	switch {
	case g.Cause != "":
		return g.Cause
	case strings.HasPrefix(g.Subject, "user:"):
		return strings.ToLower(g.Subject)
	}
	return g.Subject
}

// RootCauseExposure is the exposure a gap counts with: its own, or, when
// the check set none, the zone's: not crossing, from the zone's kind (""
// for a site-wide gap).
func RootCauseExposure(g Gap, kinds map[string]string) Exposure {
	if g.Exposure != nil {
		return *g.Exposure
	}
	return Exposure{From: kinds[g.Zone]}
}

// rootCauses groups gaps (in gap list order) by RootCauseKey and ranks
// them: open before waived, then by score, severity, first rule, subject
// and id, highest first.
func rootCauses(gaps []Gap, zones []model.Zone) []RootCause {
	kinds := map[string]string{}
	slt := map[string]int{}
	siteSLT := 0
	for _, z := range zones {
		kinds[z.Name] = z.Kind
		slt[z.Name] = slices.Max(z.SLTarget[:])
		siteSLT = max(siteSLT, slt[z.Name])
	}
	slt[""] = siteSLT

	// The gaps are grouped by sorting their indexes by key (then gap list
	// order), not copied into a map: a run of a million gaps has as many
	// root causes.
	keys := make([]string, len(gaps))
	order := make([]int32, len(gaps))
	for i := range gaps {
		keys[i] = RootCauseKey(gaps[i])
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int { return cmp.Or(strings.Compare(keys[x], keys[y]), cmp.Compare(x, y)) })
	out := []RootCause{}
	var gs []*Gap
	for i := 0; i < len(order); {
		key := keys[order[i]]
		gs = gs[:0]
		for ; i < len(order) && keys[order[i]] == key; i++ {
			gs = append(gs, &gaps[order[i]])
		}
		out = append(out, rootCause(key, gs, kinds, slt))
	}
	slices.SortFunc(out, func(x, y RootCause) int {
		return cmp.Or(
			cmp.Compare(boolRank(x.Status != GapOpen), boolRank(y.Status != GapOpen)),
			-cmp.Compare(x.Score, y.Score),
			-cmp.Compare(severityRank[x.Severity], severityRank[y.Severity]),
			cmp.Compare(x.Rules[0], y.Rules[0]), cmp.Compare(x.Subject, y.Subject), cmp.Compare(x.ID, y.ID))
	})
	return out
}

func rootCause(key string, gs []*Gap, kinds map[string]string, slt map[string]int) RootCause {
	sum := sha256.Sum256([]byte(key))
	rc := RootCause{ID: "RC-" + hex.EncodeToString(sum[:])[:12], Key: key, Status: GapWaived,
		Zones: []string{}, Owners: []string{}, Gaps: make([]string, 0, len(gs)), Rules: []string{}, Requirements: []string{}}
	var open []*Gap
	for _, g := range gs {
		rc.Gaps = append(rc.Gaps, g.ID)
		rc.Rules = append(rc.Rules, g.Rule)
		rc.Requirements = append(rc.Requirements, g.Requirements...)
		if g.Status == GapOpen {
			open = append(open, g)
		}
	}
	rc.GapsOpen = len(open)
	counted := gs
	switch {
	case len(open) > 0:
		rc.Status, counted = GapOpen, open
	case !slices.ContainsFunc(gs, func(g *Gap) bool { return g.Status != GapCompensated }):
		rc.Status = GapCompensated
	}

	lead := &Gap{}
	leadScore, worstSLT := -1, 0
	for _, g := range counted {
		e := RootCauseExposure(*g, kinds)
		rc.Exposure = worse(rc.Exposure, e)
		if severityRank[g.Severity] > severityRank[rc.Severity] || rc.Severity == "" {
			rc.Severity = g.Severity
		}
		worstSLT = max(worstSLT, slt[g.Zone])
		if g.Zone != "" {
			rc.Zones = append(rc.Zones, g.Zone)
		}
		rc.Owners = append(rc.Owners, g.Owner)
		// The lead gap scores highest on its own; ties go to severity,
		// then rule, zone and id.
		s, _ := Score(g.Severity, e, slt[g.Zone])
		if c := cmp.Or(cmp.Compare(s, leadScore), cmp.Compare(severityRank[g.Severity], severityRank[lead.Severity]),
			-cmp.Compare(g.Rule, lead.Rule), -cmp.Compare(g.Zone, lead.Zone), -cmp.Compare(g.ID, lead.ID)); c > 0 || leadScore < 0 {
			lead, leadScore = g, s
		}
	}
	rc.Score, rc.Factors = Score(rc.Severity, rc.Exposure, worstSLT)
	rc.Title, rc.Message, rc.Remediation = lead.Title, lead.Message, lead.Remediation
	rc.Subject = rootCauseSubject(*lead)
	for _, l := range []*[]string{&rc.Zones, &rc.Owners, &rc.Rules, &rc.Requirements} {
		slices.Sort(*l)
		*l = slices.Compact(*l)
	}
	return rc
}

// TopRootCauses returns the n open root causes of highest risk, in rank
// order: the list every report shows as its top risks.
func (sc *Scorecard) TopRootCauses(n int) []RootCause {
	var top []RootCause
	for _, rc := range sc.RootCauses {
		if len(top) == n {
			break
		}
		if rc.Status == GapOpen {
			top = append(top, rc)
		}
	}
	return top
}

// WaivedRootCauses returns the root causes none of whose gaps is open:
// all waived (or compensated, Status says which).
func (sc *Scorecard) WaivedRootCauses() []RootCause {
	var out []RootCause
	for _, rc := range sc.RootCauses {
		if rc.Status != GapOpen {
			out = append(out, rc)
		}
	}
	return out
}

// Where names the zones of the root cause for people, comma-separated:
// SiteWide when all its gaps are site-wide.
func (rc RootCause) Where() string {
	if len(rc.Zones) == 0 {
		return SiteWide
	}
	return strings.Join(rc.Zones, ", ")
}
