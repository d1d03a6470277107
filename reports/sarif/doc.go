// Package sarif writes results.sarif: the scorecard's gaps as a SARIF 2.1.0
// log for code-scanning views (GitHub code scanning, GitLab, IDEs).
//
// Each scorecard rule becomes a tool.driver.rules entry; each gap one
// result pointing at the evidence file (and line, when known) it came from.
// Waived gaps stay in the log as results with an accepted external
// suppression that names the waivers. Artifact URIs are relative to the
// assessment directory, as in the scorecard.
//
// It reads only the scorecard and must not import collectors or other
// report formats.
package sarif
