package scorecard

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/slate-ot/slate/engine/catalog"
	"github.com/slate-ot/slate/engine/model"
	"github.com/slate-ot/slate/evidence"
)

// severityRank orders severities (evidence.Severities); higher is worse.
var severityRank = func() map[string]int {
	m := make(map[string]int, len(evidence.Severities))
	for i, s := range evidence.Severities {
		m[s] = i
	}
	return m
}()

// SeverityAtLeast reports whether sev is at or above threshold.
func SeverityAtLeast(sev, threshold string) bool {
	return severityRank[sev] >= severityRank[threshold]
}

// finding is a Finding with its rule, resolved severity/owner and the
// waivers that cover it, requirement by requirement.
type finding struct {
	// Finding is the check's, shared with its result: never changed here.
	*Finding
	// Severity and Owner are the finding's own, else its rule's.
	Severity, Owner string
	rule            *Rule
	gap             string
	// reqs are the requirements the finding fails: its own, else its
	// rule's.
	reqs []string
	// derived maps each NIST control the finding fails only through the
	// curated roll-up of its IEC requirements to those requirements.
	derived map[string][]string
	// waivedFor and expiredFor map a requirement key to the active (and
	// expired) waivers that name it and match the finding.
	waivedFor  map[string][]string
	expiredFor map[string][]string
	// cms are the assessment's countermeasures.
	cms []*countermeasure
}

// compensationsIn names the active countermeasures that compensate the
// finding in the cell of requirement key in zone ("" for every zone of
// zones): those that name key there, and for a NIST control the finding
// fails only through the roll-up, those that compensate every IEC
// requirement it is reached through.
func (fd *finding) compensationsIn(key, zone string, zones []string) []string {
	from, isDerived := fd.derived[key]
	if !isDerived {
		return compensatedIn(fd.cms, key, zone, zones)
	}
	var out []string
	for _, iec := range from {
		names := compensatedIn(fd.cms, iec, zone, zones)
		if len(names) == 0 {
			return compensatedIn(fd.cms, key, zone, zones)
		}
		out = append(out, names...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// requirements are the keys of every requirement the finding fails: its
// rule's, and the NIST controls they roll up to.
func (fd *finding) requirements() []string {
	out := slices.Clone(fd.reqs)
	for _, k := range slices.Sorted(maps.Keys(fd.derived)) {
		out = append(out, k)
	}
	return out
}

// fails reports whether the finding fails requirement key: one of its
// requirements, or a NIST control they roll up to.
func (fd *finding) fails(key string) bool {
	return slices.Contains(fd.reqs, key) || fd.derived[key] != nil
}

// waiversIn returns the active waivers that cover the finding in the cell
// of requirement key: those that name key, and for a NIST control the
// finding fails only through the roll-up, those that waive every IEC
// requirement it is reached through (the same risk, accepted once).
func (fd *finding) waiversIn(key string) []string {
	out := slices.Clone(fd.waivedFor[key])
	if from, ok := fd.derived[key]; ok {
		var via []string
		for _, iec := range from {
			if len(fd.waivedFor[iec]) == 0 {
				via = nil
				break
			}
			via = append(via, fd.waivedFor[iec]...)
		}
		out = append(out, via...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Build computes the scorecard. It fails closed: a requirement no check
// assessed with evidence is not_assessed, never pass.
func Build(in Input, cat *catalog.Catalog) (*Scorecard, error) {
	a := in.Assessment
	zones := make([]string, len(a.Zones))
	for i, z := range a.Zones {
		zones[i] = z.Name
	}
	sc := &Scorecard{
		Format: Format,
		Assessment: Assessment{
			Name: a.Name, Site: a.Site, AsOf: in.AsOf,
			File: path.Base(strings.ReplaceAll(a.File, "\\", "/")), Frameworks: a.Frameworks,
		},
		Engine:   in.Engine,
		Digests:  in.Digests,
		Policies: slices.Clone(in.Policies),
	}

	// Findings, with waivers applied.
	waivers := make([]Waiver, len(a.Waivers))
	for i, w := range a.Waivers {
		status := WaiverUnused
		if w.Expires < in.AsOf {
			status = WaiverExpired
		}
		waivers[i] = Waiver{Name: w.Name, Requirement: w.Requirement, Rule: w.Rule, Subject: w.Subject, Zone: w.Zone,
			Reason: w.Reason, ApprovedBy: w.ApprovedBy, Expires: w.Expires,
			CompensatingControl: w.CompensatingControl, Status: status}
	}
	// Attestations and countermeasures are stated first: the findings
	// need the countermeasures that may compensate them.
	atts, err := attestations(in)
	if err != nil {
		return nil, err
	}
	cms, err := countermeasures(a, in.AsOf, atts)
	if err != nil {
		return nil, err
	}
	// The findings of a large run are many: they are kept in one block,
	// each pointing at its result's finding, and the roll-up to NIST
	// controls is made once per distinct set of requirements.
	n := 0
	for i := range in.Results {
		n += len(in.Results[i].Findings)
	}
	block := make([]finding, n)
	all := make([]*finding, 0, n)
	byRule := map[string][]*finding{}
	rules := map[string]*Result{}
	rollUps := map[string]map[string][]string{}
	for i := range in.Results {
		res := &in.Results[i]
		rules[res.Rule.ID] = res
		for j := range res.Findings {
			f := &res.Findings[j]
			reqs := f.Requirements
			if len(reqs) == 0 {
				reqs = res.Rule.Requirements
			}
			key := strings.Join(reqs, "\x00")
			d, ok := rollUps[key]
			if !ok {
				d = derived(cat, a.Frameworks, reqs)
				rollUps[key] = d
			}
			fd := &block[len(all)]
			*fd = finding{Finding: f, rule: &res.Rule, reqs: reqs, derived: d, cms: cms}
			fd.Severity = cmp.Or(f.Severity, res.Rule.Severity)
			fd.Owner = cmp.Or(f.Owner, res.Rule.Owner)
			fd.gap = gapID(res.Rule.ID, *f)
			applyWaivers(fd, a.Waivers, waivers)
			all = append(all, fd)
			byRule[res.Rule.ID] = append(byRule[res.Rule.ID], fd)
		}
	}

	// Requirements: how each is covered and which checks evaluate it.
	ruleList := make([]Rule, len(in.Results))
	for i := range in.Results {
		ruleList[i] = in.Results[i].Rule
	}
	reqs, baselines := Requirements(cat, a.Frameworks)
	iec := slices.ContainsFunc(a.Frameworks, func(f model.Framework) bool { return f.ID == model.FrameworkIEC62443 })
	// NIST controls outside the baseline that a check cites are shown
	// too, marked not required.
	if len(baselines) > 0 {
		var extra []string
		for _, r := range ruleList {
			for _, key := range r.Requirements {
				id, ok := strings.CutPrefix(key, catalog.NIST+":")
				if ok && !baselines[id] && !slices.Contains(extra, key) {
					extra = append(extra, key)
				}
			}
		}
		cat.SortKeys(extra)
		for _, key := range extra {
			if r, ok := cat.Lookup(key); ok {
				reqs = append(reqs, r)
			}
		}
	}
	coverage := CoverageOf(cat, ruleList, reqs)

	// The gaps failed attestations open.
	sc.Attestations = atts
	attFindings := map[string][]*finding{} // requirement key → findings
	for i := range atts {
		at := &atts[i]
		if at.State != AttestationValid || at.Verdict != evidence.VerdictFail {
			continue
		}
		r, _ := cat.Lookup(at.Requirement)
		for _, fd := range attestationFindings(a, at, r) {
			fd.cms = cms
			applyWaivers(fd, a.Waivers, waivers)
			at.Used = true
			all = append(all, fd)
			attFindings[at.Requirement] = append(attFindings[at.Requirement], fd)
		}
	}
	sc.Waivers = waivers

	// Evidence, dated and judged against max_age: checks that read stale
	// evidence pass nothing.
	if in.Bundle != nil {
		for _, d := range in.Bundle.Documents {
			ev := Evidence{Document: d.ID, Kind: d.Kind, Source: d.Source,
				Collector: d.Provenance.Collector, CollectorVersion: d.Provenance.CollectorVersion,
				Files: d.Provenance.Files, RecordsRead: d.Provenance.RecordsRead,
				RecordsSkipped: d.Provenance.RecordsSkipped, Incomplete: d.Provenance.Incomplete,
				SnapshotDigest: d.Provenance.SnapshotDigest,
				Warnings:       []string{}}
			for _, w := range d.Provenance.Warnings {
				ev.Warnings = append(ev.Warnings, w.String())
			}
			freshness(&ev, d, a, in.AsOf)
			observation(&ev, d)
			sc.Evidence = append(sc.Evidence, ev)
		}
	}
	stale := staleReads(in.Results, sc.Evidence)
	noEvidence := unbacked(in.Results, sc.Evidence)

	status := map[string]map[string]string{} // key → zone → status
	reason := map[string]map[string]string{} // key → zone → reason
	present := map[string]bool{}
	for i, r := range reqs {
		key, cov := r.Key(), coverage[i]
		present[key] = true
		rr := Requirement{Framework: r.Framework, ID: r.ID, Title: r.Title, FR: r.FR, Kind: r.Kind,
			SL: r.SL, Baselines: r.Baselines, Coverage: cov.Class, Rules: cov.Rules, MappedRules: cov.Mapped}
		var evaluating []*Result
		for _, id := range slices.Concat(cov.Rules, cov.Mapped) {
			evaluating = append(evaluating, rules[id])
		}
		status[key], reason[key] = map[string]string{}, map[string]string{}
		for _, z := range a.Zones {
			required := baselines[r.ID] && r.Framework == catalog.NIST
			if r.Framework == catalog.IEC {
				required = r.MinSL > 0 && r.MinSL <= z.SLTarget[frIndex(r.FR)]
			}
			zs := zoneStatus(key, evaluating, byRule, stale, noEvidence, z.Name, zones)
			zs = decide(key, cellClass(cov, rules, noEvidence, z.Name), zs, pickAttestation(atts, key, z.Name), attFindings[key], zones)
			if r.Kind == "RE" && r.BaseSR != "" {
				base := catalog.IEC + ":" + r.BaseSR
				if status[base][z.Name] == StatusNotApplicable && zs.Status != StatusFail {
					zs.Status = StatusNotApplicable
					zs.Reason = fmt.Sprintf("not applicable: an RE applies only with its base requirement, and %s does not apply here (%s)", r.BaseSR, reason[base][z.Name])
					zs.Attestation = ""
				}
			}
			compensate(&zs, cms, key)
			zs.Required = required
			status[key][z.Name], reason[key][z.Name] = zs.Status, zs.Reason
			rr.Zones = append(rr.Zones, zs)
		}
		sc.Requirements = append(sc.Requirements, rr)
	}
	countCells(cms, sc.Requirements)
	sc.Countermeasures = make([]Countermeasure, len(cms))
	for i, c := range cms {
		sc.Countermeasures[i] = c.Countermeasure
	}
	sc.Overrides = slices.Clone(in.Overrides)

	// Security levels per zone and FR.
	if iec {
		for _, z := range a.Zones {
			zr := Zone{Name: z.Name, Kind: z.Kind, Owner: z.Owner, SLTarget: z.SLTarget, Required: map[string]int{}}
			for _, r := range cat.IEC {
				if r.MinSL > 0 && r.MinSL <= z.SLTarget[frIndex(r.FR)] {
					zr.Required[status[r.Key()][z.Name]]++
				}
			}
			for i, fr := range cat.FRs {
				f := securityLevel(cat, fr.ID, z.SLTarget[i], func(key string) string { return status[key][z.Name] })
				f.Name = fr.Name
				zr.SLAchieved[i], zr.SLReachable[i] = f.Achieved, f.Reachable
				zr.FRs = append(zr.FRs, f)
			}
			sc.Zones = append(sc.Zones, zr)
		}
	}

	// Gaps.
	sc.Gaps = make([]Gap, 0, len(all))
	for _, fd := range all {
		g := Gap{
			ID: fd.gap, Status: GapOpen, Rule: fd.rule.ID, Title: fd.rule.Title,
			Requirements: fd.reqs, Zone: fd.Zone, Subject: fd.Subject,
			Message: fd.Message, Severity: fd.Severity, Owner: fd.Owner,
			Remediation: fd.rule.Remediation, Evidence: fd.Evidence,
			Cause: fd.Cause, Exposure: fd.Exposure,
		}
		if fk, ok := fd.rule.Kind(fd.Kind); ok && fk.Remediation != "" {
			g.Remediation = fk.Remediation
		}
		coverGap(&g, fd, present, zones)
		sc.Gaps = append(sc.Gaps, g)
	}
	slices.SortFunc(sc.Gaps, func(x, y Gap) int {
		return cmp.Or(
			cmp.Compare(boolRank(x.Status != GapOpen), boolRank(y.Status != GapOpen)),
			-cmp.Compare(severityRank[x.Severity], severityRank[y.Severity]),
			cmp.Compare(x.Rule, y.Rule), cmp.Compare(x.Zone, y.Zone),
			cmp.Compare(x.Subject, y.Subject), cmp.Compare(x.ID, y.ID))
	})

	// Rules and evidence.
	for _, res := range in.Results {
		sc.Rules = append(sc.Rules, RuleSummary{Rule: res.Rule, Assessed: res.Assessed, Findings: len(res.Findings)})
	}
	slices.SortFunc(sc.Rules, func(x, y RuleSummary) int { return cmp.Compare(x.ID, y.ID) })
	sc.Totals = totals(sc)
	sc.normalise()
	sc.Advisories = listedAdvisories(in.Advisories)
	// Last, with the findings no longer needed: a run of a million
	// findings has as many root causes.
	sc.RootCauses = rootCauses(sc.Gaps, a.Zones)
	return sc, nil
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// cellClass is the coverage class of a requirement in one zone: an
// automated requirement is decided in full by checks only where a check
// that automates it assessed the zone; elsewhere the checks that cite it
// decide it in part (SR 7.8 is automated where discovery on the wire
// covered the zone, partial where only the inventory speaks). A check
// in noEvidence read no evidence and automates nothing.
func cellClass(cov Coverage, rules map[string]*Result, noEvidence map[string]string, zone string) string {
	if cov.Class != CoverageAutomated {
		return cov.Class
	}
	for _, id := range cov.Automates {
		if res := rules[id]; res != nil && noEvidence[id] == "" && (slices.Contains(res.Assessed, zone) || slices.Contains(res.Assessed, "*")) {
			return CoverageAutomated
		}
	}
	return CoveragePartial
}

// securityLevel computes SL-A against the target for one FR: the highest
// level whose required requirements all achieve (confirmed), the highest
// they would reach if every unknown passed (reachable), and what stands in
// the way. status gives the zone's status of a requirement key.
func securityLevel(cat *catalog.Catalog, frID string, target int, status func(string) string) FR {
	f := FR{ID: frID, Target: target, MissingForTarget: []string{}, MissingForNext: []string{}, Waived: []string{}, Compensated: []string{}}
	blocking := func(level int, blocks func(string) bool) []string {
		var out []string
		for _, r := range cat.IEC {
			if r.FR == frID && r.MinSL > 0 && r.MinSL <= level && blocks(status(r.Key())) {
				out = append(out, r.ID)
			}
		}
		return out
	}
	notAchieved := func(s string) bool { return !Achieves(s) }
	known := func(s string) bool { return !Achieves(s) && !Unknown(s) }
	for level := 1; level <= 4 && len(blocking(level, notAchieved)) == 0; level++ {
		f.Achieved = level
	}
	for level := 1; level <= 4 && len(blocking(level, known)) == 0; level++ {
		f.Reachable = level
	}
	f.MissingForTarget = append(f.MissingForTarget, blocking(f.Target, notAchieved)...)
	if f.Achieved < 4 {
		f.MissingForNext = append(f.MissingForNext, blocking(f.Achieved+1, notAchieved)...)
	}
	f.Waived = append(f.Waived, blocking(f.Target, func(s string) bool { return s == StatusWaived })...)
	f.Compensated = append(f.Compensated, blocking(f.Target, func(s string) bool { return s == StatusCompensated })...)
	switch {
	case f.Achieved >= f.Target:
		f.State = FRMet
	case f.Reachable >= f.Target:
		f.State = FRUndetermined
	default:
		f.State = FRBelow
	}
	return f
}

// derived maps the NIST controls that IEC requirements reqs roll up to
// (when a NIST framework is selected), and that reqs do not name
// themselves, to the IEC requirements they come from.
func derived(cat *catalog.Catalog, frameworks []model.Framework, reqs []string) map[string][]string {
	if !slices.ContainsFunc(frameworks, func(f model.Framework) bool { return f.ID == model.FrameworkNIST }) {
		return nil
	}
	var out map[string][]string
	for _, key := range reqs {
		id, ok := strings.CutPrefix(key, catalog.IEC+":")
		if !ok {
			continue
		}
		for _, nist := range cat.RollUp(id) {
			if slices.Contains(reqs, nist) {
				continue
			}
			if out == nil {
				out = map[string][]string{}
			}
			out[nist] = append(out[nist], key)
		}
	}
	return out
}

// coverGap sets the gap's status from what covers the finding in each
// requirement it fails (present: the requirements of the scorecard): open
// while one of them is neither waived nor compensated.
func coverGap(g *Gap, fd *finding, present map[string]bool, zones []string) {
	open := false
	anyWaiver := false
	reqs := fd.requirements()
	for _, key := range reqs {
		if !present[key] {
			continue
		}
		if names := fd.compensationsIn(key, fd.Zone, zones); len(names) > 0 {
			g.CompensatedFor = append(g.CompensatedFor, key)
			g.Countermeasures = append(g.Countermeasures, names...)
			continue
		}
		if w := fd.waiversIn(key); len(w) > 0 {
			g.WaivedFor = append(g.WaivedFor, key)
			g.Waivers = append(g.Waivers, w...)
			anyWaiver = true
			continue
		}
		open = true
	}
	for _, key := range reqs {
		g.ExpiredWaivers = append(g.ExpiredWaivers, fd.expiredFor[key]...)
	}
	for _, l := range []*[]string{&g.Waivers, &g.ExpiredWaivers, &g.Countermeasures} {
		slices.Sort(*l)
		*l = slices.Compact(*l)
	}
	switch {
	case open:
	case anyWaiver:
		g.Status = GapWaived
	case len(g.CompensatedFor) > 0:
		g.Status = GapCompensated
	}
}

func frIndex(fr string) int {
	var n int
	if _, err := fmt.Sscanf(fr, "FR%d", &n); err != nil || n < 1 || n > 7 {
		return 0
	}
	return n - 1
}

// zoneStatus decides one requirement × zone cell from the checks that
// evaluate the requirement. A check in stale (rule id → why its evidence
// is stale) counts as having no evidence, except for its findings: a
// problem seen in old evidence is still reported, a pass is not. A check
// in noEvidence (rule id → why) claims zones without having read any
// evidence: its claims are not counted either.
func zoneStatus(key string, results []*Result, byRule map[string][]*finding, stale map[string][]string, noEvidence map[string]string, zone string, zones []string) ZoneStatus {
	zs := ZoneStatus{Zone: zone}
	if len(results) == 0 {
		zs.Status, zs.Reason = StatusNotAssessed, "no check evaluates this requirement"
		return zs
	}
	var open []*finding
	var waived, compensated, assessed, manual, na, withheld, staleWhy, unbackedWhy []string
	for _, res := range results {
		o, w, c := count(&zs, byRule[res.Rule.ID], key, zones)
		open, waived, compensated = append(open, o...), append(waived, w...), append(compensated, c...)
		inZone := slices.Contains(res.Assessed, zone) || slices.Contains(res.Assessed, "*")
		naZone := slices.Contains(res.NotApplicable, zone) || slices.Contains(res.NotApplicable, "*")
		if why := stale[res.Rule.ID]; len(why) > 0 && (inZone || naZone) {
			withheld = append(withheld, res.Rule.ID)
			staleWhy = append(staleWhy, why...)
			continue
		}
		if why := noEvidence[res.Rule.ID]; why != "" && (inZone || naZone) {
			unbackedWhy = append(unbackedWhy, why)
			continue
		}
		if inZone {
			assessed = append(assessed, res.Rule.ID)
			if res.Rule.Manual {
				manual = append(manual, res.Rule.ID)
			}
		}
		// A requirement is not applicable in a zone only when every check
		// that evaluates it says so there.
		if naZone {
			na = append(na, res.Rule.ID)
		}
	}
	slices.Sort(zs.Gaps)
	zs.Gaps = slices.Compact(zs.Gaps)
	switch {
	case len(open) > 0:
		zs.Status = StatusFail
		zs.Reason = fmt.Sprintf("%d open finding(s)", len(open))
	case len(waived) > 0:
		slices.Sort(waived)
		zs.Status = StatusWaived
		zs.Reason = "waived by " + strings.Join(slices.Compact(waived), ", ")
	case len(compensated) > 0:
		slices.Sort(compensated)
		zs.Status = StatusCompensated
		zs.Countermeasure = strings.Join(slices.Compact(compensated), ", ")
		zs.Reason = fmt.Sprintf("%d finding(s), compensated by countermeasure %s of the requirement(s) they fail", zs.Findings, zs.Countermeasure)
	case len(manual) > 0 && len(manual) == len(assessed):
		zs.Status = StatusManual
		zs.Reason = "evidence is consistent; confirm by hand (" + strings.Join(manual, ", ") + ")"
	case len(assessed) > 0:
		zs.Status = StatusPass
		zs.Reason = "no findings from " + strings.Join(assessed, ", ")
		if len(withheld) > 0 {
			zs.Reason += "; not counted, their evidence is stale: " + strings.Join(withheld, ", ")
		}
		if len(unbackedWhy) > 0 {
			slices.Sort(unbackedWhy)
			zs.Reason += "; not counted: " + strings.Join(slices.Compact(unbackedWhy), "; ")
		}
	case len(na) == len(results):
		// Every check, none of them stale, declares the zone out of scope.
		zs.Status = StatusNotApplicable
		zs.Reason = "not applicable per " + strings.Join(na, ", ")
	case len(withheld) > 0:
		zs.Status = StatusNotAssessed
		zs.Reason = staleReason(staleWhy, withheld)
	case len(unbackedWhy) > 0:
		zs.Status = StatusNotAssessed
		slices.Sort(unbackedWhy)
		zs.Reason = "no evidence for this zone: " + strings.Join(slices.Compact(unbackedWhy), "; ")
	default:
		zs.Status = StatusNotAssessed
		ids := make([]string, len(results))
		for i, r := range results {
			ids[i] = r.Rule.ID
		}
		slices.Sort(ids)
		zs.Reason = "no evidence for this zone (checks: " + strings.Join(ids, ", ") + ")"
	}
	var notes []string
	for _, res := range results {
		notes = append(append(notes, res.Notes[zone]...), res.Notes["*"]...)
	}
	if slices.Sort(notes); len(notes) > 0 {
		zs.Reason += "; " + strings.Join(slices.Compact(notes), "; ")
	}
	return zs
}

// applyWaivers records on fd the waivers that cover it, by the
// requirement each names, and on each waiver the findings it matches; an
// expired waiver matches but covers nothing.
func applyWaivers(fd *finding, declared []model.Waiver, waivers []Waiver) {
	for wi := range waivers {
		w := &waivers[wi]
		if !waiverMatches(declared[wi], fd) {
			continue
		}
		w.Findings++
		if w.Status == WaiverExpired {
			fd.expiredFor = addTo(fd.expiredFor, w.Requirement, w.Name)
			continue
		}
		w.Status = WaiverActive
		fd.waivedFor = addTo(fd.waivedFor, w.Requirement, w.Name)
	}
}

func addTo(m map[string][]string, key, v string) map[string][]string {
	if m == nil {
		m = map[string][]string{}
	}
	m[key] = append(m[key], v)
	return m
}

// count adds to zs, the cell of requirement key, the findings of fds in
// its zone (or site-wide) and returns those still open there and the
// waivers that cover the others for this requirement.
func count(zs *ZoneStatus, fds []*finding, key string, zones []string) (open []*finding, waivers, compensated []string) {
	for _, fd := range fds {
		if (fd.Zone != "" && fd.Zone != zs.Zone) || !fd.fails(key) {
			continue
		}
		zs.Findings++
		zs.Gaps = append(zs.Gaps, fd.gap)
		if c := fd.compensationsIn(key, zs.Zone, zones); len(c) > 0 {
			compensated = append(compensated, c...)
		} else if w := fd.waiversIn(key); len(w) > 0 {
			waivers = append(waivers, w...)
		} else {
			open = append(open, fd)
		}
	}
	return open, waivers, compensated
}

// waiverMatches reports whether w matches finding fd: w names one of the
// requirements the finding fails (its rule's, or a NIST control they roll
// up to), its rule (when it names one) is the finding's, and its subject
// (a glob) and zone match. It covers the finding for that requirement only.
func waiverMatches(w model.Waiver, fd *finding) bool {
	f := fd.Finding
	if !fd.fails(w.Requirement) {
		return false
	}
	if w.Rule != "" && w.Rule != fd.rule.ID {
		return false
	}
	if w.Zone != "" && w.Zone != f.Zone {
		return false
	}
	if w.Subject == "" || w.Subject == "*" || w.Subject == f.Subject {
		return true
	}
	ok, err := path.Match(w.Subject, f.Subject)
	return err == nil && ok
}

func gapID(rule string, f Finding) string {
	sum := sha256.Sum256([]byte(rule + "\x00" + f.Zone + "\x00" + f.Subject + "\x00" + f.Message))
	return "G-" + hex.EncodeToString(sum[:])[:12]
}

func totals(sc *Scorecard) Totals {
	t := Totals{Statuses: map[string]map[string]int{}, OpenBySeverity: map[string]int{}, OpenByOwner: map[string]int{},
		Coverage: map[string]map[string]int{}}
	for _, r := range sc.Requirements {
		if t.Statuses[r.Framework] == nil {
			t.Statuses[r.Framework] = map[string]int{}
			t.Coverage[r.Framework] = map[string]int{}
		}
		t.Coverage[r.Framework][r.Coverage]++
		for _, z := range r.Zones {
			t.Statuses[r.Framework][z.Status]++
		}
	}
	for _, g := range sc.Gaps {
		switch g.Status {
		case GapWaived:
			t.Waived++
			continue
		case GapCompensated:
			t.Compensated++
			continue
		}
		t.OpenGaps++
		t.OpenBySeverity[g.Severity]++
		t.OpenByOwner[g.Owner]++
	}
	return t
}

// normalise replaces nil slices by empty ones so the JSON is the same
// whether or not a list happens to be empty.
func (sc *Scorecard) normalise() {
	if sc.Zones == nil {
		sc.Zones = []Zone{}
	}
	if sc.Requirements == nil {
		sc.Requirements = []Requirement{}
	}
	if sc.Gaps == nil {
		sc.Gaps = []Gap{}
	}
	if sc.Waivers == nil {
		sc.Waivers = []Waiver{}
	}
	if sc.Attestations == nil {
		sc.Attestations = []Attestation{}
	}
	if sc.Countermeasures == nil {
		sc.Countermeasures = []Countermeasure{}
	}
	if sc.Overrides == nil {
		sc.Overrides = []Override{}
	}
	for i := range sc.Attestations {
		if sc.Attestations[i].Zones == nil {
			sc.Attestations[i].Zones = []string{}
		}
	}
	if sc.Rules == nil {
		sc.Rules = []RuleSummary{}
	}
	if sc.Evidence == nil {
		sc.Evidence = []Evidence{}
	}
	if sc.Policies == nil {
		sc.Policies = []PolicyModule{}
	}
	for i := range sc.Rules {
		if sc.Rules[i].Assessed == nil {
			sc.Rules[i].Assessed = []string{}
		}
	}
	for i := range sc.Gaps {
		if sc.Gaps[i].Evidence == nil {
			sc.Gaps[i].Evidence = []evidence.Ref{}
		}
	}
	for i := range sc.Requirements {
		if sc.Requirements[i].Zones == nil {
			sc.Requirements[i].Zones = []ZoneStatus{}
		}
	}
}
