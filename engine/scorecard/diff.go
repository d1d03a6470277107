package scorecard

import (
	"slices"
	"strconv"
	"strings"

	"github.com/slate-ot/slate/engine/model"
	"github.com/slate-ot/slate/evidence"
)

// DriftFormat names the version of the drift layout.
const DriftFormat = "slate.drift/v1"

// ReasonStale starts the reason of a requirement × zone cell that is
// not_assessed because the evidence behind it is older than its source's
// max_age, and the StaleReason of that evidence. Diff tells stale evidence
// from missing evidence by this prefix.
const ReasonStale = "evidence is stale"

// Change kinds. A kind marked "regression" makes Change.Regression true.
const (
	// Requirement × zone cells.
	ChangeNewFailure      = "new_failure"      // regression: now fail, was anything else
	ChangeFixed           = "fixed"            // was fail, now pass or not_applicable
	ChangeWaiverExpired   = "waiver_expired"   // regression: waived before, open now because the waiver expired
	ChangeWaiverAdded     = "waiver_added"     // waived now, was not
	ChangeEvidenceMissing = "evidence_missing" // regression: was assessed (pass, fail, waived), now not_assessed
	ChangeEvidenceStale   = "evidence_stale"   // regression: now not_assessed, the reason starting with ReasonStale
	ChangeCompensated     = "compensated"      // a countermeasure compensates it now, it did not before
	// ChangeCountermeasureLapsed is a regression: compensated before, not
	// now, because the countermeasure expired or lost its attestation (for
	// a countermeasure itself: it stopped being active).
	ChangeCountermeasureLapsed = "countermeasure_lapsed"
	ChangeStatusChanged        = "status_changed" // any other change of status

	// Inputs: the scorecard's digests and frameworks.
	ChangePolicyChanged     = "policy_changed"
	ChangeAssessmentChanged = "assessment_changed"
	ChangeEvidenceChanged   = "evidence_changed"
	ChangeFrameworkAdded    = "framework_added"
	ChangeFrameworkRemoved  = "framework_removed"

	// Zones and security levels.
	ChangeZoneAdded   = "zone_added"
	ChangeZoneRemoved = "zone_removed"
	ChangeSLUp        = "sl_up"
	ChangeSLDown      = "sl_down" // regression
	ChangeSLTarget    = "sl_target_changed"

	// Gaps, by id.
	ChangeGapNew      = "gap_new"      // regression when the new gap is open
	ChangeGapClosed   = "gap_closed"   // the finding is gone
	ChangeGapReopened = "gap_reopened" // regression: waived before, open now, for another reason than expiry
	ChangeGapChanged  = "gap_changed"  // same finding, other message, severity or owner

	// Waivers, by name.
	ChangeWaiverRemoved = "waiver_removed"
	ChangeWaiverChanged = "waiver_changed"

	// Countermeasures, by name (and ChangeCompensated,
	// ChangeCountermeasureLapsed).
	ChangeCountermeasureAdded   = "countermeasure_added"
	ChangeCountermeasureRemoved = "countermeasure_removed"
	ChangeCountermeasureChanged = "countermeasure_changed"

	// Attestations, by document and id.
	ChangeAttestationAdded   = "attestation_added"
	ChangeAttestationRemoved = "attestation_removed"
	ChangeAttestationChanged = "attestation_changed"
)

// Drift is what changed from one scorecard to the next.
type Drift struct {
	Format string    `json:"format"`
	Old    DriftSide `json:"old"`
	New    DriftSide `json:"new"`
	// Regressions counts the changes that are regressions.
	Regressions int `json:"regressions"`
	// Counts counts the changes by kind.
	Counts map[string]int `json:"counts"`
	// Changes are in a fixed order: inputs, zones, requirements, gaps,
	// waivers, attestations; within each, the order of the new scorecard,
	// then what only the old one has.
	Changes []Change `json:"changes"`
	// NewAdvisories are the security advisories that find a component of
	// the site affected now and found none in the baseline, KEV first,
	// then by CVSS. They are not changes: the gaps they raise are. The
	// field is absent when there are none, so that such a drift keeps its
	// bytes.
	NewAdvisories []NewAdvisory `json:"new_advisories,omitempty"`
}

// DriftSide identifies one of the two scorecards compared.
type DriftSide struct {
	Name    string  `json:"name"`
	Site    string  `json:"site"`
	AsOf    string  `json:"as_of"`
	Engine  Engine  `json:"engine"`
	Digests Digests `json:"digests"`
}

// Change is one difference between two scorecards. Which of Requirement,
// Zone, FR, Gap, Waiver, Attestation and Input are set depends on the kind.
type Change struct {
	Kind       string `json:"kind"`
	Regression bool   `json:"regression"`
	// Requirement is qualified: "iec62443-3-3:SR 5.1".
	Requirement string `json:"requirement,omitempty"`
	Zone        string `json:"zone,omitempty"`
	FR          string `json:"fr,omitempty"`
	Gap         string `json:"gap,omitempty"`
	Waiver      string `json:"waiver,omitempty"`
	// Countermeasure names the countermeasure of a countermeasure change.
	Countermeasure string `json:"countermeasure,omitempty"`
	// Attestation is "<document>#<id>".
	Attestation string `json:"attestation,omitempty"`
	// Input is policies, assessment, bundle or frameworks.
	Input string `json:"input,omitempty"`
	// From and To are the old and new value: a status, a level, a digest.
	From string `json:"from"`
	To   string `json:"to"`
	// Detail says why: the cell's new reason, the gap's message, the
	// waiver's expiry, the policy modules that differ.
	Detail string `json:"detail,omitempty"`
	// Rule, Subject, Severity and Owner describe the gap of a gap change.
	Rule     string `json:"rule,omitempty"`
	Subject  string `json:"subject,omitempty"`
	Severity string `json:"severity,omitempty"`
	Owner    string `json:"owner,omitempty"`
}

// regressions are the kinds that always count as a regression; a new gap
// counts when it is open.
var regressions = []string{ChangeNewFailure, ChangeWaiverExpired, ChangeEvidenceMissing,
	ChangeEvidenceStale, ChangeSLDown, ChangeGapReopened, ChangeCountermeasureLapsed}

// IsRegression reports whether a change of this kind makes things worse.
func (c Change) IsRegression() bool {
	if c.Kind == ChangeGapNew {
		return c.To == GapOpen
	}
	return slices.Contains(regressions, c.Kind)
}

// Encode returns the drift's canonical JSON.
func (d *Drift) Encode() ([]byte, error) { return evidence.Canonical(d) }

// Diff compares two scorecards of the same site. It is pure and
// deterministic: the same two scorecards give the same drift.
func Diff(prev, next *Scorecard) *Drift {
	d := &Drift{Format: DriftFormat, Old: side(prev), New: side(next), Counts: map[string]int{}, Changes: []Change{}}
	dc := &differ{d: d}
	dc.inputs(prev, next)
	dc.zones(prev, next)
	dc.requirements(prev, next)
	dc.gaps(prev, next)
	dc.waivers(prev, next)
	dc.countermeasures(prev, next)
	dc.attestations(prev, next)
	if n := newAdvisories(prev, next); len(n) > 0 {
		d.NewAdvisories = n
	}
	return d
}

func side(sc *Scorecard) DriftSide {
	return DriftSide{Name: sc.Assessment.Name, Site: sc.Assessment.Site, AsOf: sc.Assessment.AsOf,
		Engine: sc.Engine, Digests: sc.Digests}
}

type differ struct{ d *Drift }

func (dc *differ) add(c Change) {
	c.Regression = c.IsRegression()
	dc.d.Changes = append(dc.d.Changes, c)
	dc.d.Counts[c.Kind]++
	if c.Regression {
		dc.d.Regressions++
	}
}

func (dc *differ) inputs(prev, next *Scorecard) {
	if prev.Digests.Policies != next.Digests.Policies {
		dc.add(Change{Kind: ChangePolicyChanged, Input: "policies", From: prev.Digests.Policies, To: next.Digests.Policies,
			Detail: policyModules(prev.Policies, next.Policies)})
	}
	if prev.Digests.Assessment != next.Digests.Assessment {
		dc.add(Change{Kind: ChangeAssessmentChanged, Input: "assessment", From: prev.Digests.Assessment, To: next.Digests.Assessment})
	}
	if prev.Digests.Bundle != next.Digests.Bundle {
		dc.add(Change{Kind: ChangeEvidenceChanged, Input: "bundle", From: prev.Digests.Bundle, To: next.Digests.Bundle})
	}
	frameworks := func(sc *Scorecard) []string {
		var out []string
		for _, f := range sc.Assessment.Frameworks {
			id, _ := model.CanonicalFramework(f.ID) // a run from before the rename is the same framework
			if f.Baseline != "" {
				out = append(out, id+" (baseline "+f.Baseline+")")
				continue
			}
			out = append(out, id)
		}
		return out
	}
	oldF, newF := frameworks(prev), frameworks(next)
	for _, f := range newF {
		if !slices.Contains(oldF, f) {
			dc.add(Change{Kind: ChangeFrameworkAdded, Input: "frameworks", To: f})
		}
	}
	for _, f := range oldF {
		if !slices.Contains(newF, f) {
			dc.add(Change{Kind: ChangeFrameworkRemoved, Input: "frameworks", From: f})
		}
	}
}

// policyModules names the policy files added, removed or changed.
func policyModules(prev, next []PolicyModule) string {
	old := map[string]string{}
	for _, p := range prev {
		old[p.Path] = p.SHA256
	}
	seen := map[string]bool{}
	var parts []string
	for _, p := range next {
		seen[p.Path] = true
		switch sum, ok := old[p.Path]; {
		case !ok:
			parts = append(parts, p.Path+" added")
		case sum != p.SHA256:
			parts = append(parts, p.Path+" changed")
		}
	}
	for _, p := range prev {
		if !seen[p.Path] {
			parts = append(parts, p.Path+" removed")
		}
	}
	slices.Sort(parts)
	return strings.Join(parts, "; ")
}

func (dc *differ) zones(prev, next *Scorecard) {
	old := map[string]*Zone{}
	for i := range prev.Zones {
		old[prev.Zones[i].Name] = &prev.Zones[i]
	}
	seen := map[string]bool{}
	for _, z := range next.Zones {
		seen[z.Name] = true
		oz, ok := old[z.Name]
		if !ok {
			dc.add(Change{Kind: ChangeZoneAdded, Zone: z.Name, To: z.Kind})
			continue
		}
		ofr := map[string]FR{}
		for _, f := range oz.FRs {
			ofr[f.ID] = f
		}
		for _, f := range z.FRs {
			of, ok := ofr[f.ID]
			if !ok {
				continue
			}
			if of.Target != f.Target {
				dc.add(Change{Kind: ChangeSLTarget, Zone: z.Name, FR: f.ID, From: strconv.Itoa(of.Target), To: strconv.Itoa(f.Target)})
			}
			switch {
			case f.Achieved > of.Achieved:
				dc.add(Change{Kind: ChangeSLUp, Zone: z.Name, FR: f.ID, From: strconv.Itoa(of.Achieved), To: strconv.Itoa(f.Achieved)})
			case f.Achieved < of.Achieved:
				dc.add(Change{Kind: ChangeSLDown, Zone: z.Name, FR: f.ID, From: strconv.Itoa(of.Achieved), To: strconv.Itoa(f.Achieved),
					Detail: missing(f.MissingForNext)})
			}
		}
	}
	for _, z := range prev.Zones {
		if !seen[z.Name] {
			dc.add(Change{Kind: ChangeZoneRemoved, Zone: z.Name, From: z.Kind})
		}
	}
	// Zones of a scorecard without IEC 62443 have no SL results but still
	// hold requirement cells; their arrival and departure show there.
	if len(prev.Zones) == 0 && len(next.Zones) == 0 {
		oldZ, newZ := cellZones(prev), cellZones(next)
		for _, z := range newZ {
			if !slices.Contains(oldZ, z) {
				dc.add(Change{Kind: ChangeZoneAdded, Zone: z})
			}
		}
		for _, z := range oldZ {
			if !slices.Contains(newZ, z) {
				dc.add(Change{Kind: ChangeZoneRemoved, Zone: z})
			}
		}
	}
}

func missing(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	return "not passing: " + strings.Join(ids, ", ")
}

// cellZones are the zones of the requirement cells, in scorecard order.
func cellZones(sc *Scorecard) []string {
	var out []string
	for _, r := range sc.Requirements {
		for _, z := range r.Zones {
			if !slices.Contains(out, z.Zone) {
				out = append(out, z.Zone)
			}
		}
	}
	return out
}

func (dc *differ) requirements(prev, next *Scorecard) {
	oldZones := cellZones(prev)
	old := map[string]*Requirement{}
	for i := range prev.Requirements {
		r := &prev.Requirements[i]
		old[r.Framework+":"+r.ID] = r
	}
	newGaps := map[string]*Gap{}
	for i := range next.Gaps {
		newGaps[next.Gaps[i].ID] = &next.Gaps[i]
	}
	for _, r := range next.Requirements {
		key := r.Framework + ":" + r.ID
		or := old[key]
		if or == nil {
			// The requirement is new to the selection: the framework or
			// its baseline changed, which the input changes say once.
			continue
		}
		cells := map[string]ZoneStatus{}
		for _, z := range or.Zones {
			cells[z.Zone] = z
		}
		for _, z := range r.Zones {
			oz, ok := cells[z.Zone]
			if !ok || !slices.Contains(oldZones, z.Zone) {
				continue
			}
			if c, ok := cellChange(key, oz, z, newGaps); ok {
				dc.add(c)
			}
		}
	}
}

// cellChange classifies the change of one requirement × zone cell.
func cellChange(key string, prev, next ZoneStatus, gaps map[string]*Gap) (Change, bool) {
	if prev.Status == next.Status {
		return Change{}, false
	}
	c := Change{Requirement: key, Zone: next.Zone, From: prev.Status, To: next.Status, Detail: next.Reason}
	assessed := prev.Status == StatusPass || prev.Status == StatusFail || prev.Status == StatusWaived || prev.Status == StatusCompensated
	switch {
	case prev.Status == StatusCompensated && next.Status != StatusPass && next.Status != StatusNotApplicable:
		c.Kind = ChangeCountermeasureLapsed
	case next.Status == StatusCompensated:
		c.Kind = ChangeCompensated
	case next.Status == StatusFail && prev.Status == StatusWaived && slices.ContainsFunc(next.Gaps, func(id string) bool {
		g := gaps[id]
		return g != nil && len(g.ExpiredWaivers) > 0
	}):
		c.Kind = ChangeWaiverExpired
	case next.Status == StatusFail:
		c.Kind = ChangeNewFailure
	case next.Status == StatusWaived:
		// A waived cell still has its finding: it is not fixed.
		c.Kind = ChangeWaiverAdded
	case prev.Status == StatusFail && (next.Status == StatusPass || next.Status == StatusNotApplicable):
		c.Kind = ChangeFixed
	case next.Status == StatusNotAssessed && strings.HasPrefix(next.Reason, ReasonStale):
		c.Kind = ChangeEvidenceStale
	case next.Status == StatusNotAssessed && assessed:
		c.Kind = ChangeEvidenceMissing
	default:
		c.Kind = ChangeStatusChanged
	}
	return c, true
}

// gapKey identifies a finding apart from its message, which may quote the
// assessment date or a value that moved.
func gapKey(g *Gap) string { return g.Rule + "\x00" + g.Zone + "\x00" + g.Subject }

func (dc *differ) gaps(prev, next *Scorecard) {
	old := map[string]*Gap{}
	for i := range prev.Gaps {
		old[prev.Gaps[i].ID] = &prev.Gaps[i]
	}
	cur := map[string]bool{}
	for _, g := range next.Gaps {
		cur[g.ID] = true
	}
	// Gaps whose id changed but whose rule, zone and subject did not are
	// the same finding reworded, when exactly one such gap is on each side.
	gone, added := map[string][]*Gap{}, map[string][]*Gap{}
	for i := range prev.Gaps {
		if g := &prev.Gaps[i]; !cur[g.ID] {
			gone[gapKey(g)] = append(gone[gapKey(g)], g)
		}
	}
	for i := range next.Gaps {
		if g := &next.Gaps[i]; old[g.ID] == nil {
			added[gapKey(g)] = append(added[gapKey(g)], g)
		}
	}
	paired := map[string]*Gap{} // new id → old gap
	pairedOld := map[string]bool{}
	for k, news := range added {
		if olds := gone[k]; len(news) == 1 && len(olds) == 1 {
			paired[news[0].ID] = olds[0]
			pairedOld[olds[0].ID] = true
		}
	}

	for i := range next.Gaps {
		g := &next.Gaps[i]
		og := old[g.ID]
		if og == nil {
			og = paired[g.ID]
		}
		base := Change{Gap: g.ID, Zone: g.Zone, Rule: g.Rule, Subject: g.Subject, Severity: g.Severity, Owner: g.Owner, Detail: g.Message}
		if og == nil {
			c := base
			c.Kind, c.To = ChangeGapNew, g.Status
			dc.add(c)
			continue
		}
		if og.Status != g.Status {
			c := base
			c.From, c.To = og.Status, g.Status
			switch {
			case g.Status == GapCompensated:
				c.Kind = ChangeCompensated
				c.Countermeasure = strings.Join(g.Countermeasures, ", ")
			case og.Status == GapCompensated:
				c.Kind = ChangeCountermeasureLapsed
				c.Countermeasure = strings.Join(og.Countermeasures, ", ")
			case g.Status == GapWaived:
				c.Kind = ChangeWaiverAdded
				c.Waiver = strings.Join(g.Waivers, ", ")
			case og.Status == GapWaived && len(g.ExpiredWaivers) > 0:
				c.Kind = ChangeWaiverExpired
				c.Waiver = strings.Join(expiredSince(og, g), ", ")
			default:
				c.Kind = ChangeGapReopened
			}
			dc.add(c)
		} else if c, ok := coverChange(base, og, g); ok {
			dc.add(c)
		}
		var what []string
		if og.Message != g.Message {
			what = append(what, "was: "+og.Message)
		}
		if og.Severity != g.Severity {
			what = append(what, "severity "+og.Severity+" → "+g.Severity)
		}
		if og.Owner != g.Owner {
			what = append(what, "owner "+og.Owner+" → "+g.Owner)
		}
		if len(what) > 0 {
			c := base
			c.Kind, c.From, c.To = ChangeGapChanged, og.ID, g.ID
			c.Detail = g.Message + " (" + strings.Join(what, "; ") + ")"
			dc.add(c)
		}
	}
	for _, g := range prev.Gaps {
		if cur[g.ID] || pairedOld[g.ID] {
			continue
		}
		dc.add(Change{Kind: ChangeGapClosed, Gap: g.ID, Zone: g.Zone, Rule: g.Rule, Subject: g.Subject,
			Severity: g.Severity, Owner: g.Owner, From: g.Status, Detail: g.Message})
	}
}

// coverChange reports a gap whose status stayed the same but which lost
// part of its cover: a waiver that expired, or a countermeasure that
// lapsed, for some of the requirements it fails (the gap stays open for
// its other requirements either way).
func coverChange(base Change, og, g *Gap) (Change, bool) {
	lost := func(was, now []string) []string {
		var out []string
		for _, k := range was {
			if !slices.Contains(now, k) {
				out = append(out, k)
			}
		}
		return out
	}
	label := func(what string, keys []string) string {
		if len(keys) == 0 {
			return "not " + what
		}
		return what + " for " + strings.Join(keys, ", ")
	}
	c := base
	switch {
	case len(lost(og.CompensatedFor, g.CompensatedFor)) > 0:
		c.Kind = ChangeCountermeasureLapsed
		c.Countermeasure = strings.Join(og.Countermeasures, ", ")
		c.From, c.To = label("compensated", og.CompensatedFor), label("compensated", g.CompensatedFor)
	case len(lost(og.WaivedFor, g.WaivedFor)) > 0 && len(g.ExpiredWaivers) > 0:
		c.Kind = ChangeWaiverExpired
		c.Waiver = strings.Join(expiredSince(og, g), ", ")
		c.From, c.To = label("waived", og.WaivedFor), label("waived", g.WaivedFor)
	default:
		return Change{}, false
	}
	return c, true
}

// expiredSince names the waivers of g that expired after og was made;
// all its expired waivers when the old gap does not say.
func expiredSince(og, g *Gap) []string {
	var out []string
	for _, w := range g.ExpiredWaivers {
		if !slices.Contains(og.ExpiredWaivers, w) {
			out = append(out, w)
		}
	}
	if len(out) == 0 {
		return g.ExpiredWaivers
	}
	return out
}

func (dc *differ) waivers(prev, next *Scorecard) {
	old := map[string]*Waiver{}
	for i := range prev.Waivers {
		old[prev.Waivers[i].Name] = &prev.Waivers[i]
	}
	seen := map[string]bool{}
	for _, w := range next.Waivers {
		seen[w.Name] = true
		ow := old[w.Name]
		detail := "expires " + w.Expires + ", approved by " + w.ApprovedBy
		switch {
		case ow == nil:
			dc.add(Change{Kind: ChangeWaiverAdded, Waiver: w.Name, Requirement: w.Requirement, Zone: w.Zone, Subject: w.Subject,
				To: w.Status, Detail: detail})
		case ow.Status != WaiverExpired && w.Status == WaiverExpired:
			dc.add(Change{Kind: ChangeWaiverExpired, Waiver: w.Name, Requirement: w.Requirement, Zone: w.Zone, Subject: w.Subject,
				From: ow.Status, To: w.Status, Detail: detail})
		case ow.Status != w.Status || ow.Expires != w.Expires || ow.ApprovedBy != w.ApprovedBy ||
			ow.Requirement != w.Requirement || ow.Subject != w.Subject || ow.Zone != w.Zone:
			if ow.Expires != w.Expires {
				detail = "expires " + ow.Expires + " → " + w.Expires + ", approved by " + w.ApprovedBy
			}
			dc.add(Change{Kind: ChangeWaiverChanged, Waiver: w.Name, Requirement: w.Requirement, Zone: w.Zone, Subject: w.Subject,
				From: ow.Status, To: w.Status, Detail: detail})
		}
	}
	for _, w := range prev.Waivers {
		if !seen[w.Name] {
			dc.add(Change{Kind: ChangeWaiverRemoved, Waiver: w.Name, Requirement: w.Requirement, Zone: w.Zone, Subject: w.Subject,
				From: w.Status, Detail: "expired " + w.Expires + ", approved by " + w.ApprovedBy})
		}
	}
}

func (dc *differ) countermeasures(prev, next *Scorecard) {
	old := map[string]*Countermeasure{}
	for i := range prev.Countermeasures {
		old[prev.Countermeasures[i].Name] = &prev.Countermeasures[i]
	}
	seen := map[string]bool{}
	for _, c := range next.Countermeasures {
		seen[c.Name] = true
		oc := old[c.Name]
		detail := strings.Join(c.Requirements, ", ") + " in " + strings.Join(c.Zones, ", ") + "; expires " + c.Expires + ", approved by " + c.ApprovedBy
		if c.Reason != "" {
			detail += "; " + c.Reason
		}
		base := Change{Countermeasure: c.Name, To: c.Status, Detail: detail}
		switch {
		case oc == nil:
			base.Kind = ChangeCountermeasureAdded
			dc.add(base)
		case oc.Status == CountermeasureActive && c.Status != CountermeasureActive:
			base.Kind, base.From = ChangeCountermeasureLapsed, oc.Status
			dc.add(base)
		case oc.Status != c.Status || oc.Expires != c.Expires || oc.ApprovedBy != c.ApprovedBy ||
			!slices.Equal(oc.Requirements, c.Requirements) || !slices.Equal(oc.Zones, c.Zones):
			base.Kind, base.From = ChangeCountermeasureChanged, oc.Status
			dc.add(base)
		}
	}
	for _, c := range prev.Countermeasures {
		if !seen[c.Name] {
			dc.add(Change{Kind: ChangeCountermeasureRemoved, Countermeasure: c.Name, From: c.Status,
				Detail: strings.Join(c.Requirements, ", ") + " in " + strings.Join(c.Zones, ", ")})
		}
	}
}

func attestationKey(a *Attestation) string { return a.Document + "#" + a.ID }

// attestationState renders what of an attestation can change.
func attestationState(a *Attestation) string {
	s := a.State + " " + a.Verdict
	if a.Used {
		s += " used"
	}
	return s
}

func (dc *differ) attestations(prev, next *Scorecard) {
	old := map[string]*Attestation{}
	for i := range prev.Attestations {
		old[attestationKey(&prev.Attestations[i])] = &prev.Attestations[i]
	}
	seen := map[string]bool{}
	for i := range next.Attestations {
		a := &next.Attestations[i]
		key := attestationKey(a)
		seen[key] = true
		oa := old[key]
		detail := a.Requirement + ", attested by " + a.AttestedBy + " on " + a.Date + ", expires " + a.Expires
		switch {
		case oa == nil:
			dc.add(Change{Kind: ChangeAttestationAdded, Attestation: key, Requirement: a.Requirement,
				To: attestationState(a), Detail: detail})
		case attestationState(oa) != attestationState(a) || oa.Requirement != a.Requirement ||
			oa.Date != a.Date || oa.Expires != a.Expires || oa.Scope != a.Scope || !slices.Equal(oa.Zones, a.Zones):
			dc.add(Change{Kind: ChangeAttestationChanged, Attestation: key, Requirement: a.Requirement,
				From: attestationState(oa), To: attestationState(a), Detail: detail})
		}
	}
	for i := range prev.Attestations {
		a := &prev.Attestations[i]
		if key := attestationKey(a); !seen[key] {
			dc.add(Change{Kind: ChangeAttestationRemoved, Attestation: key, Requirement: a.Requirement,
				From: attestationState(a), Detail: a.Requirement + ", attested by " + a.AttestedBy + " on " + a.Date})
		}
	}
}
