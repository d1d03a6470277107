package advisory

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/slate-ot/slate/evidence/advisory/vers"
)

// Match statuses.
const (
	// StatusAffected: the asset's product and version are in an affected
	// range.
	StatusAffected = "affected"
	// StatusFixed: the product is named by the advisory and the asset
	// runs a fixed version (one listed as fixed, or outside the affected
	// range of a product with a vendor fix).
	StatusFixed = "fixed"
	// StatusNotAffected: the product is named and its version is known
	// not affected.
	StatusNotAffected = "not_affected"
	// StatusPossible: the product may be affected, but the match cannot
	// say: no version recorded, a range that cannot place a version, or a
	// match on the name only. Listed for review, never counted as a
	// failure.
	StatusPossible = "possible"
)

// Match confidences, best first.
const (
	// ConfidenceExact: an order or model number, CPE or package URL the
	// advisory names, or the very product name.
	ConfidenceExact = "exact"
	// ConfidenceFamily: the asset's model belongs to a product line the
	// advisory names as a whole ("S7-1500 CPU family").
	ConfidenceFamily = "family"
	// ConfidenceName: the words of the advisory's product name are in the
	// asset's model, nothing more.
	ConfidenceName = "name"
)

// Subject is one asset to match: an inventory record or a device identity
// read off the wire.
type Subject struct {
	// Ref names the asset in findings ("asset:plc-01").
	Ref string `json:"ref"`
	// Source is "inventory" or "wire".
	Source   string `json:"source"`
	Document string `json:"document"`
	Record   string `json:"record"`
	// File and Line locate an inventory record (its row, as the
	// inventory's own findings cite it); absent for the wire.
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Name   string `json:"name"`
	IP     string `json:"ip"`
	Zone   string `json:"zone"`
	Vendor string `json:"vendor"`
	Model  string `json:"model"`
	// OrderNumber is the order or catalogue number when the source gives
	// it apart from the model; order numbers in Model are found too.
	OrderNumber string `json:"order_number"`
	Firmware    string `json:"firmware"`
	CPE         string `json:"cpe"`
	PURL        string `json:"purl"`
	// From says, for an identity read off the wire, the protocol and the
	// attributes of the flow (Record) it was read from ("s7comm firmware,
	// module_type, order_number").
	From string `json:"from,omitempty"`
	// Banner is set when the identity comes from a banner (an SNMP
	// sysDescr, an HTTP Server header, an SSH version string, a TLS
	// certificate): free text that names software more often than the
	// device. Such a subject is affected only when the banner itself names
	// the vendor, the product exactly and the version; otherwise its
	// matches are possible.
	Banner bool `json:"banner,omitempty"`
}

// Match is what one advisory says of one asset.
type Match struct {
	Subject  Subject `json:"subject"`
	Advisory string  `json:"advisory"`
	Title    string  `json:"title"`
	// File and Document locate the advisory.
	File     string `json:"file"`
	Document string `json:"document"`
	// Product is the advisory's product name the asset matched, with its
	// id and range as written.
	Product    string `json:"product"`
	ProductID  string `json:"product_id"`
	Range      string `json:"range,omitempty"`
	Status     string `json:"status"`
	Confidence string `json:"confidence"`
	// Why says which fields matched and how the version was placed.
	Why []string `json:"why"`
	// CVEs are the vulnerabilities of the advisory behind Status, sorted.
	CVEs []string `json:"cves"`
	// CVSS is the highest base score among them, with its vector.
	CVSS   float64 `json:"cvss"`
	Vector string  `json:"vector,omitempty"`
	// KEV are those of CVEs in the Known Exploited Vulnerabilities
	// catalog; Ransomware is set when one is known to be used by
	// ransomware.
	KEV        []string `json:"kev"`
	Ransomware bool     `json:"ransomware,omitempty"`
	// FixAvailable is set when a vendor_fix applies to the product;
	// FixedVersion is the version it names, or the range's upper bound.
	FixAvailable bool   `json:"fix_available"`
	FixedVersion string `json:"fixed_version,omitempty"`
	// Remediations apply to the product for those CVEs, in advisory order
	// without repeats.
	Remediations []Remediation `json:"remediations"`
	// ReachableFrom, set by the caller that knows the traffic, are the
	// zones (or "external") flows to the asset come from.
	ReachableFrom []string `json:"reachable_from,omitempty"`
	// Note is a condition the range holds under ("if VP6E5000 is
	// installed") or a problem of the range.
	Note string `json:"note,omitempty"`
}

// Ignored is an advisory left out of matching.
type Ignored struct {
	Advisory string `json:"advisory"`
	File     string `json:"file"`
	Date     string `json:"date"`
	Reason   string `json:"reason"`
}

// Result is the outcome of matching.
type Result struct {
	// Matches are sorted as SortMatches sorts them.
	Matches []Match `json:"matches"`
	// Ignored are sorted by advisory and file.
	Ignored []Ignored `json:"ignored"`
	// Advisories counts those matched against.
	Advisories int `json:"advisories"`
}

// Source is one advisory document as the index reads it: the advisory
// and the id of the evidence document that holds it.
type Source struct {
	Advisory Advisory
	Document string
}

// prodRef is one product of one advisory.
type prodRef struct {
	adv, prod int
}

// Index holds advisories for matching, by normalised vendor and product.
type Index struct {
	advs    []Source
	kev     map[string]KEV
	ignored []Ignored
	// lookups
	byModel  map[string][]prodRef // ModelKey of model numbers and SKUs
	byCPE    map[string][]prodRef // "vendor:product" of the CPE
	byPURL   map[string][]prodRef // purl without version
	byFamily map[string][]prodRef // vendor + "\x00" + family, family products only
	// byToken holds each product under its vendor and the rarest word
	// of its name among the vendor's products: a product matches by name
	// only when all its words are in the model, so it is found through
	// any one of them, and the rarest keeps the lists short.
	byToken    map[string][]prodRef
	tokenCount map[string]int
	prods      [][]prodInfo
	// vendorWords are the canonical vendors of the products, and the
	// aliases that lead to one, padded with spaces, for finding the
	// vendor a banner names (vendorIn).
	vendorWords map[string]string
}

// prodInfo is what matching needs of one product.
type prodInfo struct {
	vendors []string
	name    string // normalised product name
	tokens  []string
	family  []string
}

// NewIndex indexes advisories for matching at the assessment date asOf
// (YYYY-MM-DD): an advisory first published or revised after it is
// ignored and listed, so that a re-run with more advisories on disk gives
// the same result. Of two documents with one tracking id the later
// revision is kept.
func NewIndex(srcs []Source, kev []KEV, asOf string) *Index {
	ix := &Index{kev: map[string]KEV{}, byModel: map[string][]prodRef{}, byCPE: map[string][]prodRef{},
		byPURL: map[string][]prodRef{}, byFamily: map[string][]prodRef{}, byToken: map[string][]prodRef{},
		tokenCount: map[string]int{}, vendorWords: map[string]string{}}
	for _, k := range kev {
		ix.kev[k.CVE] = k
	}
	srcs = slices.Clone(srcs)
	slices.SortStableFunc(srcs, func(a, b Source) int {
		return cmp.Or(cmp.Compare(a.Advisory.ID, b.Advisory.ID), cmp.Compare(b.Advisory.CurrentRelease, a.Advisory.CurrentRelease),
			cmp.Compare(a.Advisory.File, b.Advisory.File))
	})
	kept := map[string]string{}
	for _, s := range srcs {
		a := s.Advisory
		day := func(t string) string { return t[:min(len(t), 10)] }
		switch {
		case asOf != "" && a.InitialRelease != "" && day(a.InitialRelease) > asOf:
			ix.ignored = append(ix.ignored, Ignored{a.ID, a.File, day(a.InitialRelease), "published after the assessment date " + asOf})
			continue
		case asOf != "" && a.CurrentRelease != "" && day(a.CurrentRelease) > asOf:
			ix.ignored = append(ix.ignored, Ignored{a.ID, a.File, day(a.CurrentRelease),
				"revised after the assessment date " + asOf + "; use the revision current then"})
			continue
		}
		if file, dup := kept[a.ID]; dup {
			ix.ignored = append(ix.ignored, Ignored{a.ID, a.File, day(a.CurrentRelease), "superseded by the later revision in " + file})
			continue
		}
		kept[a.ID] = a.File
		ix.add(s)
	}
	for ai, infos := range ix.prods {
		for pi, info := range infos {
			for _, v := range info.vendors {
				rare := ""
				for _, t := range info.tokens {
					if rare == "" || ix.tokenCount[v+"\x00"+t] < ix.tokenCount[v+"\x00"+rare] {
						rare = t
					}
				}
				if rare != "" {
					ix.byToken[v+"\x00"+rare] = append(ix.byToken[v+"\x00"+rare], prodRef{ai, pi})
				}
			}
		}
	}
	ix.tokenCount = nil
	for alias, v := range vendorAliases {
		if _, ok := ix.vendorWords[" "+v+" "]; ok {
			ix.vendorWords[" "+alias+" "] = v
		}
	}
	slices.SortFunc(ix.ignored, func(a, b Ignored) int {
		return cmp.Or(cmp.Compare(a.Advisory, b.Advisory), cmp.Compare(a.File, b.File))
	})
	return ix
}

func (ix *Index) add(s Source) {
	ai := len(ix.advs)
	ix.advs = append(ix.advs, s)
	infos := make([]prodInfo, len(s.Advisory.Products))
	for pi, p := range s.Advisory.Products {
		ref := prodRef{ai, pi}
		name := cmp.Or(p.ProductName, p.Name)
		info := prodInfo{vendors: Vendors(p.Vendor), name: normName(stripVendor(name, p.Vendor)), tokens: tokens(stripVendor(name, p.Vendor))}
		if isFamily(name) || isFamily(p.Family) {
			info.family = Families(name, p.Family)
		}
		infos[pi] = info
		for _, m := range append(slices.Clone(p.ModelNumbers), p.SKUs...) {
			if k := ModelKey(m); k != "" {
				ix.byModel[k] = append(ix.byModel[k], ref)
			}
		}
		if k := cpeKey(p.CPE); k != "" {
			ix.byCPE[k] = append(ix.byCPE[k], ref)
		}
		for _, u := range p.PURLs {
			if k := purlKey(u); k != "" {
				ix.byPURL[k] = append(ix.byPURL[k], ref)
			}
		}
		for _, v := range info.vendors {
			ix.vendorWords[" "+v+" "] = v
			for _, f := range info.family {
				ix.byFamily[v+"\x00"+f] = append(ix.byFamily[v+"\x00"+f], ref)
			}
			for _, t := range info.tokens {
				ix.tokenCount[v+"\x00"+t]++
			}
		}
	}
	ix.prods = append(ix.prods, infos)
}

// stripVendor drops the vendor's name from the start of a product name
// ("Rockwell Automation  ControlLogix" is "ControlLogix").
func stripVendor(name, vendor string) string {
	v := strings.TrimSpace(vendor)
	if v != "" && len(name) > len(v) && strings.EqualFold(name[:len(v)], v) {
		return strings.TrimSpace(name[len(v):])
	}
	return name
}

// cpeKey is "vendor:product" of a CPE 2.3 or 2.2 name.
func cpeKey(cpe string) string {
	cpe = strings.ToLower(strings.TrimSpace(cpe))
	var parts []string
	switch {
	case strings.HasPrefix(cpe, "cpe:2.3:"):
		parts = strings.Split(cpe, ":")[3:]
	case strings.HasPrefix(cpe, "cpe:/"):
		parts = strings.Split(cpe[5:], ":")[1:]
	default:
		return ""
	}
	if len(parts) < 2 || parts[0] == "" || parts[1] == "" || parts[0] == "*" || parts[1] == "*" {
		return ""
	}
	return parts[0] + ":" + parts[1]
}

// cpeVersion is the version field of a CPE name, "" when any.
func cpeVersion(cpe string) string {
	cpe = strings.ToLower(strings.TrimSpace(cpe))
	var parts []string
	switch {
	case strings.HasPrefix(cpe, "cpe:2.3:"):
		parts = strings.Split(cpe, ":")[3:]
	case strings.HasPrefix(cpe, "cpe:/"):
		parts = strings.Split(cpe[5:], ":")[1:]
	}
	if len(parts) < 3 || parts[2] == "*" || parts[2] == "-" {
		return ""
	}
	return parts[2]
}

// purlKey is a package URL without version, qualifiers and subpath.
func purlKey(u string) string {
	u = strings.TrimSpace(u)
	if !strings.HasPrefix(u, "pkg:") {
		return ""
	}
	u, _, _ = strings.Cut(u, "#")
	u, _, _ = strings.Cut(u, "?")
	if i := strings.LastIndex(u, "@"); i > 0 {
		u = u[:i]
	}
	return strings.ToLower(u)
}

// purlVersion is the version of a package URL, "" when it has none.
func purlVersion(u string) string {
	u, _, _ = strings.Cut(u, "#")
	u, _, _ = strings.Cut(u, "?")
	if i := strings.LastIndex(u, "@"); i > 0 {
		return u[i+1:]
	}
	return ""
}

// Ignored returns the advisories left out, sorted.
func (ix *Index) Ignored() []Ignored { return slices.Clone(ix.ignored) }

// candidate is one product a subject may be, with how it matched.
type candidate struct {
	ref        prodRef
	confidence string
	why        string
}

var confidenceRank = map[string]int{ConfidenceExact: 3, ConfidenceFamily: 2, ConfidenceName: 1}
var statusRank = map[string]int{StatusAffected: 4, StatusPossible: 3, StatusFixed: 2, StatusNotAffected: 1}

// Match matches every subject against the index. It is safe for
// concurrent use.
func (ix *Index) Match(subjects []Subject) Result {
	res := Result{Matches: []Match{}, Ignored: ix.Ignored(), Advisories: len(ix.advs)}
	if res.Ignored == nil {
		res.Ignored = []Ignored{}
	}
	// Subjects are independent: they are matched side by side, in
	// chunks, and the matches sorted after.
	workers := runtime.GOMAXPROCS(0)
	chunk := (len(subjects) + workers - 1) / max(workers, 1)
	parts := make([][]Match, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*chunk, min((w+1)*chunk, len(subjects))
		if lo >= hi {
			break
		}
		wg.Go(func() {
			for _, s := range subjects[lo:hi] {
				parts[w] = append(parts[w], ix.MatchOne(s)...)
			}
		})
	}
	wg.Wait()
	for _, p := range parts {
		res.Matches = append(res.Matches, p...)
	}
	SortMatches(res.Matches)
	return res
}

// SortMatches sorts matches by subject ref, advisory, source, record and
// product id.
func SortMatches(ms []Match) {
	slices.SortFunc(ms, func(a, b Match) int {
		return cmp.Or(cmp.Compare(a.Subject.Ref, b.Subject.Ref), cmp.Compare(a.Advisory, b.Advisory),
			cmp.Compare(a.Subject.Source, b.Subject.Source), cmp.Compare(a.Subject.Record, b.Subject.Record), cmp.Compare(a.ProductID, b.ProductID))
	})
}

// vendorIn returns the one vendor of the index a banner's text names as
// words ("Siemens, SIMATIC NET, SCALANCE X204-2..."), "" when it names
// none or several.
func (ix *Index) vendorIn(text string) string {
	t := " " + normName(text) + " "
	found := ""
	for w, v := range ix.vendorWords {
		if strings.Contains(t, w) {
			if found != "" && found != v {
				return ""
			}
			found = v
		}
	}
	return found
}

// MatchOne returns the matches of one subject: at most one per advisory,
// the product it matches best.
func (ix *Index) MatchOne(s Subject) []Match {
	var named string
	if s.Banner && s.Vendor == "" {
		if v := ix.vendorIn(s.Model); v != "" {
			s.Vendor, named = v, v
		}
	}
	cands := ix.candidates(s)
	if len(cands) == 0 {
		return nil
	}
	best := map[int]Match{}
	for _, c := range cands {
		m, ok := ix.judge(s, c)
		if !ok {
			continue
		}
		if named != "" {
			m.Why = slices.Insert(m.Why, 0, fmt.Sprintf("the banner names the vendor %q", named))
		}
		old, seen := best[c.ref.adv]
		if !seen || better(m, old) {
			best[c.ref.adv] = m
		}
	}
	out := make([]Match, 0, len(best))
	for _, m := range best {
		out = append(out, m)
	}
	SortMatches(out)
	return out
}

// better prefers the surer match, then the worse status, then the first
// product.
func better(a, b Match) bool {
	if c := cmp.Compare(confidenceRank[a.Confidence], confidenceRank[b.Confidence]); c != 0 {
		return c > 0
	}
	if c := cmp.Compare(statusRank[a.Status], statusRank[b.Status]); c != 0 {
		return c > 0
	}
	return a.ProductID < b.ProductID
}

// candidates finds the products a subject may be.
func (ix *Index) candidates(s Subject) []candidate {
	var out []candidate
	seen := map[prodRef]int{}
	add := func(refs []prodRef, conf, why string, vendorCheck bool, subjVendors []string) {
		for _, r := range refs {
			if vendorCheck && len(subjVendors) > 0 && !overlaps(ix.prods[r.adv][r.prod].vendors, subjVendors) {
				continue
			}
			if i, ok := seen[r]; ok {
				if confidenceRank[conf] > confidenceRank[out[i].confidence] {
					out[i] = candidate{r, conf, why}
				}
				continue
			}
			seen[r] = len(out)
			out = append(out, candidate{r, conf, why})
		}
	}
	vendors := Vendors(s.Vendor)
	numbers := OrderNumbers(s.Model)
	if s.OrderNumber != "" {
		numbers = append([]string{s.OrderNumber}, numbers...)
	}
	for _, n := range numbers {
		add(ix.byModel[ModelKey(n)], ConfidenceExact, fmt.Sprintf("order number %q is a model number of the product", n), false, nil)
	}
	if k := ModelKey(s.Model); k != "" && len(numbers) == 0 {
		add(ix.byModel[k], ConfidenceExact, fmt.Sprintf("model %q is a model number of the product", s.Model), false, nil)
	}
	if k := cpeKey(s.CPE); k != "" {
		add(ix.byCPE[k], ConfidenceExact, fmt.Sprintf("CPE %s names the product", k), false, nil)
	}
	if k := purlKey(s.PURL); k != "" {
		add(ix.byPURL[k], ConfidenceExact, fmt.Sprintf("package URL %s names the product", k), false, nil)
	}
	if len(vendors) == 0 {
		return out
	}
	fams := Families(append([]string{s.Model, s.OrderNumber}, numbers...)...)
	mtoks := tokens(s.Model)
	mname := normName(stripVendor(s.Model, s.Vendor))
	for _, v := range vendors {
		for _, f := range fams {
			add(ix.byFamily[v+"\x00"+f], ConfidenceFamily, fmt.Sprintf("vendor %q and model %q of the %s family the product names", s.Vendor, s.Model, f), true, vendors)
		}
		for _, t := range mtoks {
			for _, r := range ix.byToken[v+"\x00"+t] {
				info := ix.prods[r.adv][r.prod]
				switch {
				case info.name != "" && (info.name == mname || sameSet(info.tokens, mtoks)):
					add([]prodRef{r}, ConfidenceExact, fmt.Sprintf("vendor %q and model %q are the product's name", s.Vendor, s.Model), true, vendors)
				case len(info.tokens) > 0 && subset(info.tokens, mtoks):
					add([]prodRef{r}, ConfidenceName, fmt.Sprintf("vendor %q and the words %q of the product's name are in model %q",
						s.Vendor, strings.Join(info.tokens, " "), s.Model), true, vendors)
				}
			}
		}
	}
	return out
}

func sameSet(a, b []string) bool { return len(a) > 0 && len(a) == len(b) && subset(a, b) }

func overlaps(a, b []string) bool {
	for _, x := range a {
		if contains(b, x) {
			return true
		}
	}
	return false
}

func subset(small, big []string) bool {
	for _, x := range small {
		if !contains(big, x) {
			return false
		}
	}
	return true
}

// judge decides what the advisory says of the subject as the candidate
// product; ok is false when it says nothing (the product is not listed in
// any status that fits the version).
func (ix *Index) judge(s Subject, c candidate) (Match, bool) {
	src := ix.advs[c.ref.adv]
	a := src.Advisory
	p := a.Products[c.ref.prod]
	m := Match{Subject: s, Advisory: a.ID, Title: a.Title, File: a.File, Document: src.Document,
		Product: cmp.Or(p.Name, p.ProductName), ProductID: p.ID, Range: p.Version,
		Confidence: c.confidence, Why: []string{c.why}, CVEs: []string{}, KEV: []string{}, Remediations: []Remediation{}}
	version := s.Firmware
	if version == "" {
		version = cmp.Or(cpeVersion(s.CPE), purlVersion(s.PURL))
	}
	verdict := vers.Unknown
	var rng vers.Range
	if p.Range != nil {
		rng = *p.Range
		verdict = rng.Contains(version)
		m.Note = strings.Join(nonEmpty(rng.Note, rng.Problem), "; ")
	}
	placed := func() string {
		switch {
		case version == "":
			return "no firmware version recorded for the asset"
		case p.Range == nil:
			return "the advisory gives no version for the product"
		case verdict == vers.Unknown:
			return fmt.Sprintf("version %q cannot be placed in %q", version, p.Version)
		case verdict == vers.In:
			return fmt.Sprintf("version %q is in %q", version, p.Version)
		}
		return fmt.Sprintf("version %q is outside %q", version, p.Version)
	}()
	m.Why = append(m.Why, placed)
	// What each vulnerability says of the product at this version.
	byStatus := map[string][]int{}
	for vi, v := range a.Vulnerabilities {
		st := ""
		switch {
		case has(v.Status.KnownAffected, p.ID) || has(v.Status.FirstAffected, p.ID) || has(v.Status.LastAffected, p.ID):
			switch verdict {
			case vers.In:
				st = StatusAffected
			case vers.Out:
				st = StatusNotAffected
				if hasFix(v, p.ID) {
					st = StatusFixed
				}
			default:
				st = StatusPossible
			}
		case has(v.Status.UnderInvestigation, p.ID):
			st = StatusPossible
		case has(v.Status.Fixed, p.ID) || has(v.Status.FirstFixed, p.ID):
			switch verdict {
			case vers.In:
				st = StatusFixed
			case vers.Unknown:
				st = StatusPossible
			}
		case has(v.Status.KnownNotAffected, p.ID):
			if verdict == vers.In {
				st = StatusNotAffected
			}
		}
		if st == StatusAffected && (c.confidence == ConfidenceName || s.Banner && !bannerSure(s, c)) {
			st = StatusPossible
		}
		if st != "" {
			byStatus[st] = append(byStatus[st], vi)
		}
	}
	for _, st := range []string{StatusAffected, StatusPossible, StatusFixed, StatusNotAffected} {
		if len(byStatus[st]) > 0 {
			m.Status = st
			break
		}
	}
	if m.Status == "" {
		return Match{}, false
	}
	switch {
	case m.Status == StatusPossible && c.confidence == ConfidenceName && verdict == vers.In:
		m.Why = append(m.Why, "matched on the product's name only: confirm the model before treating it as affected")
	case m.Status == StatusPossible && s.Banner && verdict == vers.In:
		m.Why = append(m.Why, "read from a banner that does not name the vendor, the exact product and the version together: "+
			"confirm on the device (distributions patch software without changing the version a banner shows)")
	}
	for _, vi := range byStatus[m.Status] {
		v := a.Vulnerabilities[vi]
		id := v.CVE
		if id == "" && len(v.IDs) > 0 {
			id = v.IDs[0]
		}
		if id != "" && !contains(m.CVEs, id) {
			m.CVEs = append(m.CVEs, id)
		}
		for _, sc := range v.Scores {
			if (len(sc.Products) == 0 || has(sc.Products, p.ID)) && sc.Base > m.CVSS {
				m.CVSS, m.Vector = sc.Base, sc.Vector
			}
		}
		for _, r := range v.Remediations {
			if len(r.Products) > 0 && !has(r.Products, p.ID) {
				continue
			}
			if r.Category == "vendor_fix" {
				m.FixAvailable = true
				if m.FixedVersion == "" {
					m.FixedVersion = r.FixedVersion
				}
			}
			if !slices.ContainsFunc(m.Remediations, func(x Remediation) bool { return x.Category == r.Category && x.Details == r.Details }) {
				m.Remediations = append(m.Remediations, Remediation{Category: r.Category, Details: r.Details, URL: r.URL,
					FixedVersion: r.FixedVersion, Products: []string{p.ID}})
			}
		}
		if k, ok := ix.kev[v.CVE]; ok && v.CVE != "" && !contains(m.KEV, v.CVE) && (m.Status == StatusAffected || m.Status == StatusPossible) {
			m.KEV = append(m.KEV, v.CVE)
			if k.Ransomware == "Known" {
				m.Ransomware = true
			}
		}
	}
	if m.FixAvailable && m.FixedVersion == "" {
		for _, c := range rng.Constraints {
			if c.Op == "<" {
				m.FixedVersion = c.Version
			}
		}
	}
	slices.Sort(m.CVEs)
	slices.Sort(m.KEV)
	if len(m.KEV) > 0 {
		m.Why = append(m.Why, fmt.Sprintf("%s in the Known Exploited Vulnerabilities catalog", strings.Join(m.KEV, ", ")))
	}
	return m, true
}

// bannerSure reports whether a banner is sure enough to call its device
// affected: it names the vendor, its version, and the product exactly
// (an order number, a model number or the very product name), not only
// a piece of software a CPE stands for.
func bannerSure(s Subject, c candidate) bool {
	return s.Vendor != "" && s.Firmware != "" && c.confidence == ConfidenceExact && s.CPE == ""
}

func nonEmpty(s ...string) []string {
	var out []string
	for _, x := range s {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}

func has(ids []string, id string) bool { return slices.Contains(ids, id) }

func hasFix(v Vulnerability, pid string) bool {
	for _, r := range v.Remediations {
		if r.Category == "vendor_fix" && (len(r.Products) == 0 || has(r.Products, pid)) {
			return true
		}
	}
	return false
}

// MergeByRef keeps one match per asset and advisory when an asset is seen
// twice (its inventory record and its identity on the wire): the one with
// the worse status, then the surer confidence; the other's status and
// version are added to its reasons. ms must be sorted (SortMatches).
func MergeByRef(ms []Match) []Match {
	var out []Match
	for _, m := range ms {
		if n := len(out); n > 0 && out[n-1].Subject.Ref == m.Subject.Ref && out[n-1].Advisory == m.Advisory {
			keep, other := out[n-1], m
			if statusRank[m.Status] > statusRank[keep.Status] ||
				statusRank[m.Status] == statusRank[keep.Status] && confidenceRank[m.Confidence] > confidenceRank[keep.Confidence] {
				keep, other = m, keep
			}
			keep.Why = append(slices.Clone(keep.Why), fmt.Sprintf("the %s record (%s, version %q) is %s", other.Subject.Source,
				other.Subject.Record, other.Subject.Firmware, other.Status))
			out[n-1] = keep
			continue
		}
		out = append(out, m)
	}
	return out
}
