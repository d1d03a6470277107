// Package oscal writes oscal-assessment-results.json: the scorecard as an
// OSCAL 1.1.3 assessment-results document for GRC tools.
//
// Mapping: one observation per evidence document (its files and sha256 as
// relevant-evidence); one finding per requirement × zone whose target state
// is satisfied only for pass — not_assessed, manual, not_applicable, fail
// and waived are not-satisfied, with the scorecard status as the reason and
// a prop; one risk per gap: open gaps are open risks, waived gaps are
// deviation-approved risks whose risk-log entry names the waiver, its
// approver and expiry (compensating controls as mitigating factors).
//
// Every uuid is derived from content (UUID version 5: SHA-1 of a fixed
// namespace and a content key), so the same scorecard gives the same bytes.
//
// It reads only the scorecard and must not import collectors or other
// report formats.
package oscal
