package oscal

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/slate-ot/slate/engine/scorecard"
)

// BuildPlan turns sc into the OSCAL assessment plan that the results'
// import-ap points at: the controls of the selected frameworks, and one
// activity per check with the controls it assesses. Like the results,
// every uuid comes from content and every date from the assessment's
// as_of.
func BuildPlan(sc *scorecard.Scorecard) PlanDocument {
	a := sc.Assessment
	key := func(kind string, parts ...string) string {
		return UUID(append([]string{"slate", a.Name, a.Site, kind}, parts...)...)
	}
	at := dateTime(a.AsOf)
	var acts []Activity
	for _, r := range sc.Rules {
		ids := map[string][]string{}
		for _, q := range r.Requirements {
			if fw, id, ok := strings.Cut(q, ":"); ok {
				ids[fw] = append(ids[fw], id)
			}
		}
		act := Activity{
			UUID:        key("activity", r.ID),
			Title:       cmp.Or(r.Title, r.ID),
			Description: cmp.Or(r.Description, r.Title, r.ID),
			Props: props("rule", r.ID, "package", r.Package, "severity", r.Severity, "owner", r.Owner,
				"manual", fmt.Sprint(r.Manual), "policy-file", r.File),
			Remarks: "Automated by slate: evaluated by policy against the evidence collected from the site.",
		}
		if r.Manual {
			act.Remarks = "A passing result still needs a person to confirm it: its requirements show as manual."
		}
		if len(ids) > 0 {
			rc := reviewedControls(sc, ids, "The requirements this check speaks to.")
			act.RelatedControls = &rc
		}
		acts = append(acts, act)
	}
	p := AssessmentPlan{
		UUID: key("assessment-plan", a.AsOf),
		Metadata: Metadata{
			Title:        fmt.Sprintf("Assessment plan: %s (as of %s)", cmp.Or(a.Site, a.Name), a.AsOf),
			Published:    at,
			LastModified: at,
			Version:      a.AsOf,
			OSCALVersion: OSCALVersion,
			Props: props("engine", strings.TrimSpace(sc.Engine.Name+" "+sc.Engine.Version), "scorecard-format", sc.Format,
				"assessment", a.Name, "site", a.Site, "digest-assessment", sc.Digests.Assessment, "digest-policies", sc.Digests.Policies),
		},
		ImportSSP: ImportSSP{Href: cmp.Or(a.File, "assessment.hcl"),
			Remarks: "No OSCAL system security plan is written: the slate assessment file describes the site, its zones and conduits and its evidence sources."},
		ReviewedControls: reviewedControls(sc, requirementIDs(sc), "The requirements of the selected frameworks, each to be judged in every zone."),
	}
	if len(acts) > 0 {
		p.LocalDefinitions = &LocalDefinitions{Activities: acts}
	}
	return PlanDocument{AssessmentPlan: p}
}

// WritePlan writes the assessment plan of sc to w.
func WritePlan(w io.Writer, sc *scorecard.Scorecard) error {
	b, err := json.MarshalIndent(BuildPlan(sc), "", "  ")
	if err != nil {
		return fmt.Errorf("encode oscal assessment plan: %w", err)
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
