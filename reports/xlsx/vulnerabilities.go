package xlsx

import (
	"strings"

	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
)

// SheetVulnerabilities lists the components security advisories find
// affected, fixed or possibly affected, one match a row, in the
// scorecard's order (scorecard.SortAdvisories: KEV first, then affected
// before possible before fixed, then by CVSS); the workbook has it only when
// advisories were collected.
const SheetVulnerabilities = "Vulnerabilities"

// VulnerabilitiesHeader is the header row of the Vulnerabilities sheet.
var VulnerabilitiesHeader = []string{"Asset", "Zone", "Seen in", "Vendor and model", "Firmware", "Advisory", "Product", "CVEs", "CVSS", "KEV",
	"Fixed version", "Remediation", "Match confidence", "Status"}

// vulnerabilityStyles colour a row's status as the severity of the gap
// it makes: a fix not applied is high, mitigations only medium, a
// possible match is for review and a fixed one is informational.
var vulnerabilityStyles = map[string]string{
	scorecard.AdvisoryFixAvailable:    evidence.SeverityHigh,
	scorecard.AdvisoryMitigationsOnly: evidence.SeverityMedium,
	scorecard.AdvisoryPossible:        evidence.SeverityLow,
	scorecard.AdvisoryFixed:           evidence.SeverityInfo,
}

// hasAdvisories reports whether the scorecard's evidence holds security
// advisories or it lists matches.
func hasAdvisories(sc *scorecard.Scorecard) bool {
	if len(sc.Advisories) > 0 {
		return true
	}
	for _, e := range sc.Evidence {
		if e.Kind == scorecard.AdvisoryKind {
			return true
		}
	}
	return false
}

func (b *book) vulnerabilities() error {
	if !hasAdvisories(b.sc) {
		return nil
	}
	if _, err := b.f.NewSheet(SheetVulnerabilities); err != nil {
		return err
	}
	var rows [][]cell
	for _, m := range b.sc.Advisories {
		kev := "no"
		if len(m.KEV) > 0 {
			kev = "yes: " + strings.Join(m.KEV, ", ")
		}
		advisory := m.Advisory
		if m.Title != "" {
			advisory += "\n" + m.Title
		}
		model := strings.TrimSpace(m.Vendor + " " + m.Model)
		cvss := any(m.CVSS)
		if m.CVSS == 0 {
			cvss = ""
		}
		rows = append(rows, []cell{{v: m.Asset}, {v: m.Zone}, {v: m.Source}, {v: model}, {v: m.Firmware},
			{v: advisory}, {v: m.Product}, {v: strings.Join(m.CVEs, ", ")}, {v: cvss}, {v: kev},
			{v: m.FixedVersion}, {v: m.Remediation}, {v: m.Confidence},
			{v: m.Status, style: b.severity[vulnerabilityStyles[m.Status]]}})
	}
	return b.table(SheetVulnerabilities, VulnerabilitiesHeader, []float64{20, 10, 10, 26, 11, 36, 36, 22, 6, 14, 12, 60, 11, 16}, rows)
}
