package scorecard

import (
	"fmt"

	"github.com/slate-ot/slate/engine/model"
)

// Progress is how far one zone is toward the target of one foundational
// requirement: of the IEC 62443-3-3 requirements the zone's target
// selects (Needed), how many count toward it (Met: pass, compensated or
// not applicable). It shows movement that SL-A, held at 0 by a single
// missing requirement, does not.
type Progress struct {
	Met    int `json:"met"`
	Needed int `json:"needed"`
}

// String renders "17 of 24 met".
func (p Progress) String() string { return fmt.Sprintf("%d of %d met", p.Met, p.Needed) }

// Percent is Met as a whole percentage of Needed; 100 when nothing is
// needed.
func (p Progress) Percent() int {
	if p.Needed == 0 {
		return 100
	}
	return p.Met * 100 / p.Needed
}

// ProgressOf counts the progress of zone toward the target of FR fr.
func (sc *Scorecard) ProgressOf(zone, fr string) Progress {
	var p Progress
	for _, r := range sc.Requirements {
		if r.FR != fr || r.Framework != model.FrameworkIEC62443 {
			continue
		}
		for _, zs := range r.Zones {
			if zs.Zone != zone || !zs.Required {
				continue
			}
			p.Needed++
			if Achieves(zs.Status) {
				p.Met++
			}
		}
	}
	return p
}
