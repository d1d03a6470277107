package scorecard

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/slate-ot/slate/engine/catalog"
	"github.com/slate-ot/slate/engine/model"
	"github.com/slate-ot/slate/evidence"
)

// AttestationRule is the rule id of the gaps failed attestations open.
const AttestationRule = "SLATE-ATTESTED"

// attestations reads the attestation documents of the bundle and states
// each attestation on the as_of date.
func attestations(in Input) ([]Attestation, error) {
	out := []Attestation{}
	if in.Bundle == nil {
		return out, nil
	}
	for _, d := range in.Bundle.Documents {
		if d.Kind != evidence.AttestationKind {
			continue
		}
		list, err := evidence.DecodeAttestations(d)
		if err != nil {
			return nil, err
		}
		for _, at := range list {
			state := AttestationValid
			switch {
			case at.Date > in.AsOf:
				state = AttestationFuture
			case at.Expires < in.AsOf:
				state = AttestationExpired
			}
			out = append(out, Attestation{Attestation: at, Document: d.ID, State: state})
		}
	}
	return out, nil
}

// attestationRef names an attestation in a zone cell.
func attestationRef(at *Attestation) string { return at.Document + "#" + at.ID }

// attestationFindings turns a failed attestation into one finding per zone
// it names, or one site-wide finding when its scope is the site, citing the
// attestation's file line.
func attestationFindings(a *model.Assessment, at *Attestation, req catalog.Requirement) []*finding {
	rule := &Rule{
		ID:           AttestationRule,
		Title:        "Attested as not met: " + cmp.Or(req.Title, at.Requirement),
		Requirements: []string{at.Requirement},
		Severity:     cmp.Or(at.Severity, "medium"),
		Remediation:  cmp.Or(at.Remediation, "Remedy what the attestation records, then record a new attestation."),
		File:         at.File, Line: at.Line,
	}
	what := cmp.Or(at.Note, at.Evidence)
	zones := at.Zones
	if at.Scope == evidence.ScopeSite {
		zones = []string{""}
	}
	var out []*finding
	for _, z := range zones {
		owner := at.Owner
		if owner == "" {
			owner = "OT"
			if i := slices.IndexFunc(a.Zones, func(x model.Zone) bool { return x.Name == z }); i >= 0 && a.Zones[i].Owner != "" {
				owner = a.Zones[i].Owner
			}
		}
		f := Finding{
			Subject:  "attestation:" + at.ID,
			Zone:     z,
			Message:  fmt.Sprintf("%s attests that %s is not met: %s", at.AttestedBy, req.ID, what),
			Evidence: []evidence.Ref{{Document: at.Document, Record: at.ID, File: at.File, Line: at.Line}},
		}
		fd := &finding{Finding: &f, rule: rule, reqs: rule.Requirements}
		fd.Severity, fd.Owner = rule.Severity, owner
		fd.gap = gapID(AttestationRule+"\x00"+at.Requirement, f)
		out = append(out, fd)
	}
	return out
}

// cellAttestations are the attestations that speak to one requirement in
// one zone: the valid one that decides it (the latest pass or
// not_applicable; failures act through their findings) and, for the
// reason, the latest stale one.
type cellAttestations struct {
	valid, stale *Attestation
}

func pickAttestation(atts []Attestation, key, zone string) cellAttestations {
	var c cellAttestations
	later := func(x, y *Attestation) bool { // x is later than y
		return y == nil || cmp.Or(cmp.Compare(x.Date, y.Date), cmp.Compare(x.ID, y.ID)) > 0
	}
	for i := range atts {
		at := &atts[i]
		if at.Requirement != key || !holdsIn(at, zone) {
			continue
		}
		switch {
		case at.State != AttestationValid:
			if later(at, c.stale) {
				c.stale = at
			}
		case at.Verdict != evidence.VerdictFail:
			if later(at, c.valid) {
				c.valid = at
			}
		}
	}
	return c
}

// holdsIn says whether an attestation speaks for a zone: a site-wide one
// for every zone, any other only for the zones it lists. An attestation
// without a scope (from an older bundle) lists no zone and holds nowhere:
// it is never widened to the whole site by omission.
func holdsIn(at *Attestation, zone string) bool {
	return at.Scope == evidence.ScopeSite || slices.Contains(at.Zones, zone)
}

// decide combines what the checks found in a zone (checks) with the
// requirement's coverage class, the attestations and the findings of
// failed attestations into the cell's status. A failure from either side
// fails the cell; a manual requirement needs a valid attestation, and a
// partial one needs an attestation besides passing checks.
func decide(key, class string, checks ZoneStatus, att cellAttestations, attFails []*finding, zones []string) ZoneStatus {
	zs := checks
	failed, waived, _ := count(&zs, attFails, key, zones)
	var open []string
	for _, fd := range failed {
		open = append(open, strings.TrimPrefix(fd.Subject, "attestation:"))
	}
	slices.Sort(zs.Gaps)
	zs.Gaps = slices.Compact(zs.Gaps)
	useAtt := func(status, reason string) ZoneStatus {
		att.valid.Used = true
		zs.Status, zs.Reason, zs.Attestation = status, reason, attestationRef(att.valid)
		return zs
	}
	attested := func() string {
		return fmt.Sprintf("attested by %s on %s (%s: %s)", att.valid.AttestedBy, att.valid.Date, att.valid.ID, att.valid.Evidence)
	}
	missing := func(what string) string {
		if s := att.stale; s != nil {
			if s.State == AttestationExpired {
				return fmt.Sprintf("%s: attestation %s expired on %s", what, s.ID, s.Expires)
			}
			return fmt.Sprintf("%s: attestation %s is dated %s, after the assessment", what, s.ID, s.Date)
		}
		return what + ": no attestation recorded"
	}
	switch {
	case checks.Status == StatusFail:
		if len(open) > 0 {
			zs.Reason += fmt.Sprintf("; attested as not met (%s)", strings.Join(open, ", "))
		}
		return zs
	case len(open) > 0:
		zs.Status = StatusFail
		zs.Reason = "attested as not met (" + strings.Join(open, ", ") + ")"
		return zs
	case len(waived) > 0 || checks.Status == StatusWaived:
		if len(waived) > 0 {
			slices.Sort(waived)
			zs.Status, zs.Reason = StatusWaived, "waived by "+strings.Join(slices.Compact(waived), ", ")
		}
		return zs
	}
	verdict := func() string {
		if att.valid.Verdict == evidence.VerdictNotApplicable {
			return StatusNotApplicable
		}
		return StatusPass
	}
	switch class {
	case CoverageManual:
		if att.valid != nil {
			return useAtt(verdict(), attested())
		}
		zs.Status, zs.Reason = StatusNotAssessed, missing("decided by attestation only")
	case CoveragePartial:
		switch {
		case checks.Status == StatusNotApplicable:
		case att.valid != nil && checks.Status == StatusNotAssessed:
			why := "the checks had no evidence here"
			if strings.HasPrefix(checks.Reason, ReasonStale) {
				why = "the checks' " + checks.Reason
			}
			return useAtt(verdict(), attested()+"; "+why)
		case att.valid != nil:
			return useAtt(StatusPass, checks.Reason+"; the rest "+attested())
		case checks.Status == StatusPass || checks.Status == StatusManual:
			zs.Status, zs.Reason = StatusManual, missing(checks.Reason+"; the rest needs an attestation")
		}
	case CoverageAutomated:
		if att.valid != nil && (checks.Status == StatusNotAssessed || checks.Status == StatusManual) {
			return useAtt(verdict(), attested())
		}
	}
	return zs
}
