// Package xlsx writes the auditor's workbook: an Overview, a Summary of
// SL-achieved against SL-target, one sheet per IEC 62443-3-3 foundational
// requirement, the NIST SP 800-53 controls, the Gaps, the Waivers and the
// Evidence, all from one scorecard.
//
// The output is byte for byte reproducible: excelize's zip is rewritten
// with sorted entries, the assessment's as_of as the only timestamp and
// sorted content types. It reads the scorecard only, never evidence
// files, and imports nothing of the project but engine/scorecard and
// evidence.
package xlsx
