package scorecard

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
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
	order := AdvisoryGapOrder(sc)
	var out []Gap
	for _, i := range order {
		out = append(out, sc.Gaps[i])
	}
	return out
}

// AdvisoryGapOrder is AdvisoryGaps as indexes into sc.Gaps, for a writer
// that lists them one at a time: a run of a million such gaps costs eight
// bytes each here rather than a copy of each gap.
func AdvisoryGapOrder(sc *Scorecard) []int {
	kinds := map[string]string{}
	for _, e := range sc.Evidence {
		kinds[e.Document] = e.Kind
	}
	var out []int
	for i := range sc.Gaps {
		g := &sc.Gaps[i]
		if g.Status != GapOpen {
			continue
		}
		if slices.ContainsFunc(g.Evidence, func(r evidence.Ref) bool { return kinds[r.Document] == AdvisoryKind }) {
			out = append(out, i)
		}
	}
	// Worst first; an unknown severity after every known one.
	rank := func(s string) int { return -evidence.SeverityRank(s) }
	kev := func(g *Gap) int {
		if strings.Contains(g.Message, "in CISA KEV") {
			return 0
		}
		return 1
	}
	slices.SortFunc(out, func(i, j int) int {
		a, b := &sc.Gaps[i], &sc.Gaps[j]
		return cmp.Or(cmp.Compare(rank(a.Severity), rank(b.Severity)), cmp.Compare(kev(a), kev(b)),
			cmp.Compare(a.Zone, b.Zone), cmp.Compare(a.Subject, b.Subject), cmp.Compare(a.ID, b.ID), cmp.Compare(i, j))
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

// Advisory match statuses, as reports list them.
const (
	// AdvisoryFixAvailable: the component runs an affected version and
	// the vendor has released a fix.
	AdvisoryFixAvailable = "affected, fix available"
	// AdvisoryMitigationsOnly: the component runs an affected version and
	// only mitigations or workarounds exist.
	AdvisoryMitigationsOnly = "affected, mitigations only"
	// AdvisoryPossible: the match could not be confirmed (no version
	// recorded, a range that cannot place it, a name-only match).
	AdvisoryPossible = "possible"
	// AdvisoryFixed: the component runs a version the advisory names as
	// fixed.
	AdvisoryFixed = "fixed"
)

// AdvisoryMatch is what one security advisory says of one component of
// the site: the engine's match (evidence/advisory.Match) reduced to what
// the reports list.
type AdvisoryMatch struct {
	// Subject names the component as findings do ("asset:plc-01",
	// "ip:10.0.0.5"); Asset is its label.
	Subject string `json:"subject"`
	Asset   string `json:"asset"`
	Zone    string `json:"zone,omitempty"`
	IP      string `json:"ip,omitempty"`
	// Source is "inventory" or "wire".
	Source   string `json:"source"`
	Vendor   string `json:"vendor,omitempty"`
	Model    string `json:"model,omitempty"`
	Firmware string `json:"firmware,omitempty"`
	Advisory string `json:"advisory"`
	Title    string `json:"title,omitempty"`
	// Document is the evidence document that holds the advisory.
	Document string   `json:"document"`
	Product  string   `json:"product,omitempty"`
	CVEs     []string `json:"cves"`
	CVSS     float64  `json:"cvss"`
	// KEV are the CVEs in the Known Exploited Vulnerabilities catalog.
	KEV          []string `json:"kev,omitempty"`
	FixedVersion string   `json:"fixed_version,omitempty"`
	// Remediation is the advisory's remediations for the product, one a
	// line, each "category: details".
	Remediation string `json:"remediation,omitempty"`
	// Confidence is how the match was made: "exact", "family" or "name"
	// (evidence/advisory).
	Confidence string `json:"confidence"`
	// Status is one of the Advisory* statuses.
	Status string `json:"status"`
	// Evidence locates the match: the component's record (an inventory
	// row, or the flow its identity was read from) and the advisory's
	// file, as the check's findings cite them.
	Evidence []evidence.Ref `json:"evidence,omitempty"`
	// From says, for a component seen on the wire, the protocol and the
	// attributes its identity was read from ("ssh server_software").
	From string `json:"from,omitempty"`
}

// AdvisoryCheck is the id of the built-in check that makes findings of
// the matches (policies/checks/inventory/advisories.rego): the reports
// list the matches that make none, the possible ones, under its rule.
const AdvisoryCheck = "SLATE-INV-004"

// ID is a stable id of the match: "A-" and 12 hex digits of SHA-256 over
// its subject, advisory, document and product.
func (m AdvisoryMatch) ID() string {
	sum := sha256.Sum256([]byte(m.Subject + "\x00" + m.Advisory + "\x00" + m.Document + "\x00" + m.Product))
	return "A-" + hex.EncodeToString(sum[:6])
}

// AdvisoryOf returns the match a gap rests on: the listed match of the
// gap's subject whose advisory the gap cites (an evidence reference to
// the advisory's document with the advisory's id as record); ok is false
// for a gap of anything else.
func AdvisoryOf(sc *Scorecard, g Gap) (AdvisoryMatch, bool) {
	for _, m := range sc.Advisories {
		if m.Subject != g.Subject || m.Status == AdvisoryPossible || m.Status == AdvisoryFixed {
			continue
		}
		if slices.ContainsFunc(g.Evidence, func(r evidence.Ref) bool { return r.Document == m.Document && r.Record == m.Advisory }) {
			return m, true
		}
	}
	return AdvisoryMatch{}, false
}

// advisoryStatusRank orders statuses as the reports list them.
var advisoryStatusRank = map[string]int{AdvisoryFixAvailable: 0, AdvisoryMitigationsOnly: 1, AdvisoryPossible: 2, AdvisoryFixed: 3}

// listedAdvisories keeps the matches a report lists (every status but
// not affected) and sorts them.
func listedAdvisories(in []AdvisoryMatch) []AdvisoryMatch {
	var out []AdvisoryMatch
	for _, m := range in {
		if _, ok := advisoryStatusRank[m.Status]; ok {
			m.CVEs = nonNilStrings(m.CVEs)
			out = append(out, m)
		}
	}
	SortAdvisories(out)
	return out
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// SortAdvisories sorts matches as the reports list them: a CVE in KEV
// on a component not fixed first, then by what the match stands for
// (affected with a fix available, affected with mitigations only,
// possible, fixed: the severity of the finding it makes), then the
// highest CVSS, then by zone, asset and advisory.
func SortAdvisories(ms []AdvisoryMatch) {
	kev := func(m AdvisoryMatch) int {
		if len(m.KEV) > 0 && m.Status != AdvisoryFixed {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(ms, func(a, b AdvisoryMatch) int {
		return cmp.Or(cmp.Compare(kev(a), kev(b)), cmp.Compare(advisoryStatusRank[a.Status], advisoryStatusRank[b.Status]),
			cmp.Compare(b.CVSS, a.CVSS), cmp.Compare(a.Zone, b.Zone), cmp.Compare(a.Asset, b.Asset), cmp.Compare(a.Subject, b.Subject),
			cmp.Compare(a.Advisory, b.Advisory), cmp.Compare(a.Document, b.Document), cmp.Compare(a.Product, b.Product))
	})
}

// AffectingAdvisories returns the ids of the advisories that find a
// component affected (with a fix or mitigations only), sorted, without
// repeats.
func AffectingAdvisories(sc *Scorecard) []string {
	var out []string
	for _, m := range sc.Advisories {
		if m.Status == AdvisoryFixAvailable || m.Status == AdvisoryMitigationsOnly {
			out = append(out, m.Advisory)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// NewAdvisory is a security advisory that finds a component of the site
// affected in the newer of two scorecards and found none affected in the
// older one (Drift.NewAdvisories).
type NewAdvisory struct {
	Advisory string `json:"advisory"`
	Title    string `json:"title,omitempty"`
	// CVEs, CVSS and KEV are over the affected components' matches: the
	// CVEs, the highest base score, the CVEs in KEV.
	CVEs []string `json:"cves"`
	CVSS float64  `json:"cvss"`
	KEV  []string `json:"kev,omitempty"`
	// Assets are the affected components, "asset (zone)" or "asset" when
	// its zone is not known, sorted.
	Assets []string `json:"assets"`
}

// newAdvisories lists the advisories that find a component of next
// affected and none of prev, KEV first, then by CVSS and id. A baseline
// without advisories (none collected, or a scorecard from before they
// were listed) makes every affecting advisory new.
func newAdvisories(prev, next *Scorecard) []NewAdvisory {
	old := AffectingAdvisories(prev)
	byID := map[string]*NewAdvisory{}
	var ids []string
	for _, m := range next.Advisories {
		if m.Status != AdvisoryFixAvailable && m.Status != AdvisoryMitigationsOnly {
			continue
		}
		if _, found := slices.BinarySearch(old, m.Advisory); found {
			continue
		}
		a := byID[m.Advisory]
		if a == nil {
			a = &NewAdvisory{Advisory: m.Advisory, Title: m.Title}
			byID[m.Advisory] = a
			ids = append(ids, m.Advisory)
		}
		a.CVEs = append(a.CVEs, m.CVEs...)
		a.KEV = append(a.KEV, m.KEV...)
		a.CVSS = max(a.CVSS, m.CVSS)
		asset := m.Asset
		if m.Zone != "" {
			asset += " (" + m.Zone + ")"
		}
		a.Assets = append(a.Assets, asset)
	}
	out := make([]NewAdvisory, 0, len(ids))
	for _, id := range ids {
		a := byID[id]
		for _, s := range []*[]string{&a.CVEs, &a.KEV, &a.Assets} {
			slices.Sort(*s)
			*s = slices.Compact(*s)
		}
		a.CVEs = nonNilStrings(a.CVEs)
		if len(a.KEV) == 0 {
			a.KEV = nil
		}
		out = append(out, *a)
	}
	slices.SortFunc(out, func(a, b NewAdvisory) int {
		return cmp.Or(cmp.Compare(min(len(b.KEV), 1), min(len(a.KEV), 1)), cmp.Compare(b.CVSS, a.CVSS), cmp.Compare(a.Advisory, b.Advisory))
	})
	return out
}
