// Package xlsx writes the auditor's workbook, all from one scorecard: an
// Overview, the Top risks, a Summary of SL-achieved against SL-target, a
// Trend sheet when the scorecard carries history, one sheet per IEC
// 62443-3-3 foundational requirement, the NIST SP 800-53 controls, the
// Gaps, the Vulnerabilities (the components security advisories find
// affected, fixed or possibly affected, when advisories were collected),
// the Waivers, the Countermeasures, the Attestations, the Evidence and the
// Sign-off. The requirement sheets give each zone a status, a verdict and
// a comment column (RequirementHeader); the Gaps, Waivers and
// Countermeasures sheets end with AuditorVerdict and AuditorComment.
// The auditor's cells are left unlocked and every other sheet but the
// Attestations is protected; every sheet prints landscape, one page wide,
// with its header row and first column repeated (printSetup), and rows
// are as tall as their wrapped text. reports/xlsx/returned reads a
// returned workbook back, against this package's layout and rendering.
//
// The output is byte for byte reproducible: excelize's zip is rewritten
// with sorted entries, the assessment's as_of as the only timestamp and
// sorted content types. It reads the scorecard only, never evidence
// files, and imports nothing of the project but engine/scorecard and
// evidence.
package xlsx
