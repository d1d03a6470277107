// Package oscal writes the scorecard as OSCAL 1.1.3 for GRC tools: the
// assessment results (oscal-assessment-results.json) and the assessment
// plan they import (oscal-assessment-plan.json).
//
// Results: one observation per evidence document (its files and sha256 as
// relevant-evidence); one finding per requirement × zone whose target state
// is satisfied only for pass — not_assessed, manual, not_applicable, fail
// and waived are not-satisfied, with the scorecard status as the reason and
// a prop; one risk per gap: open gaps are open risks, waived gaps are
// deviation-approved risks whose risk-log entry names the waiver, its
// approver and expiry (compensating controls as mitigating factors).
//
// Plan: the controls of the selected frameworks and one activity per
// check, with the controls it assesses as related-controls; import-ssp
// names the assessment file, which describes the site (slate writes no
// system security plan).
//
// Control ids carry their framework (FrameworkControlID:
// "iec62443-3-3_sr-2.1", "nist-800-53r5_sr-2.1"), one control selection
// per framework: the bare catalog tokens of two frameworks can be equal.
//
// Every uuid is derived from content (UUID version 5: SHA-1 of a fixed
// namespace and a content key) and every date from the assessment's as_of,
// so the same scorecard gives the same bytes.
//
// It reads only the scorecard and must not import collectors or other
// report formats.
package oscal
