package scorecard

import (
	"fmt"
	"slices"
	"strings"

	"github.com/slate-ot/slate/engine/model"
	"github.com/slate-ot/slate/evidence"
)

// countermeasure is a Countermeasure being applied to the cells.
type countermeasure struct {
	Countermeasure
}

func (c *countermeasure) covers(key, zone string) bool {
	return slices.Contains(c.Requirements, key) && slices.Contains(c.Zones, zone)
}

// countermeasures states each countermeasure of the assessment on asOf:
// active when unexpired and backed by evidence files or a valid, passing
// attestation; expired or unattested otherwise. A countermeasure naming
// an attestation no source records is an error of the assessment.
func countermeasures(a *model.Assessment, asOf string, atts []Attestation) ([]*countermeasure, error) {
	out := make([]*countermeasure, 0, len(a.Countermeasures))
	for _, cm := range a.Countermeasures {
		c := &countermeasure{Countermeasure{
			Name: cm.Name, Requirements: slices.Clone(cm.Requirements), Zones: slices.Clone(cm.Zones),
			Description: cm.Description, Evidence: slices.Clone(cm.Evidence), Attestation: cm.Attestation,
			ApprovedBy: cm.ApprovedBy, Expires: cm.Expires, Status: CountermeasureActive,
		}}
		if c.Evidence == nil {
			c.Evidence = []model.EvidenceFile{}
		}
		if cm.Attestation != "" {
			i := slices.IndexFunc(atts, func(at Attestation) bool { return at.ID == cm.Attestation })
			if i < 0 {
				return nil, fmt.Errorf("countermeasure %q names attestation %q, which no attestation source records", cm.Name, cm.Attestation)
			}
			at := &atts[i]
			switch {
			case at.State != AttestationValid:
				c.Status, c.Reason = CountermeasureUnattested, fmt.Sprintf("attestation %s is %s on %s", at.ID, at.State, asOf)
			case at.Verdict != evidence.VerdictPass:
				c.Status, c.Reason = CountermeasureUnattested, fmt.Sprintf("attestation %s records %s, not pass", at.ID, at.Verdict)
			default:
				at.Used = true
			}
		}
		if len(cm.EvidenceMissing) > 0 {
			c.Status, c.Reason = CountermeasureUnattested, "its evidence is missing: "+strings.Join(cm.EvidenceMissing, ", ")
		}
		if cm.Expires < asOf {
			c.Status, c.Reason = CountermeasureExpired, fmt.Sprintf("expired on %s", cm.Expires)
		}
		out = append(out, c)
	}
	return out, nil
}

// compensate makes the cell zs of requirement key compensated when an
// active countermeasure names key in its zone and the cell does not
// already pass or stand outside scope; a countermeasure that is not
// active says so in the reason and changes nothing.
func compensate(zs *ZoneStatus, cms []*countermeasure, key string) {
	if zs.Status == StatusPass || zs.Status == StatusNotApplicable {
		return
	}
	done := false
	for _, c := range cms {
		if !c.covers(key, zs.Zone) {
			continue
		}
		if c.Status != CountermeasureActive {
			zs.Reason += fmt.Sprintf("; countermeasure %s compensates nothing: %s", c.Name, c.Reason)
			continue
		}
		if done {
			continue
		}
		without := zs.Reason
		if zs.Status == StatusCompensated {
			without = fmt.Sprintf("%d open finding(s)", zs.Findings)
		}
		zs.Reason = fmt.Sprintf("compensated by countermeasure %s (approved by %s, until %s): %s; without it: %s",
			c.Name, c.ApprovedBy, c.Expires, c.Description, without)
		zs.Status, zs.Countermeasure = StatusCompensated, c.Name
		done = true
	}
}

// countCells counts, on each countermeasure, the requirement × zone cells
// it compensates.
func countCells(cms []*countermeasure, reqs []Requirement) {
	for _, r := range reqs {
		for _, z := range r.Zones {
			if z.Status != StatusCompensated {
				continue
			}
			for _, c := range cms {
				if slices.Contains(strings.Split(z.Countermeasure, ", "), c.Name) {
					c.Cells++
				}
			}
		}
	}
}

// compensatedIn names the active countermeasures that compensate a finding
// in zone (every zone of zones for a site-wide finding) for requirement key.
func compensatedIn(cms []*countermeasure, key, zone string, zones []string) []string {
	var out []string
	for _, c := range cms {
		if c.Status != CountermeasureActive {
			continue
		}
		ok := zone != "" && c.covers(key, zone)
		if zone == "" {
			ok = !slices.ContainsFunc(zones, func(z string) bool { return !c.covers(key, z) })
		}
		if ok {
			out = append(out, c.Name)
		}
	}
	return out
}
