// Package model holds an assessment as plain data: the site, frameworks,
// zones, conduits, sources, waivers, countermeasures, maintenance windows
// and outputs that engine/assessment loads and checks from assessment.hcl.
//
// It has no parser and imports nothing of the project, so that the
// scorecard, the reports and whoever reads a scorecard see the assessment
// without pulling in HCL (engine/scorecard's dependency test says so).
package model
