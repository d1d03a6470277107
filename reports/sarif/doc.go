// Package sarif writes results.sarif: the scorecard's gaps as a SARIF 2.1.0
// log for code-scanning views (GitHub code scanning, GitLab, IDEs).
//
// Each scorecard rule becomes a tool.driver.rules entry with a helpUri (a
// built-in check's source and METADATA in the repository, docs/policies.md
// for a site's own checks) and properties.security-severity, the score
// GitHub ranks security alerts by (critical 9.5, high 8.0, medium 5.5,
// low 2.0, info 0.0). Each gap is one result pointing at the evidence file
// (and a region with its line, when known) it came from. Waived gaps stay
// in the log as results with an accepted external suppression that names
// the waivers.
//
// Artifact paths are relative to %SRCROOT%, the repository root, which
// GitHub resolves relative paths from: the scorecard's paths (relative to
// the assessment directory) are prefixed with Options.Base, the
// assessment directory's path in the repository, recorded in
// originalUriBaseIds as ASSESSMENTDIR so that Recorded can read it back and
// the log can be made again from the scorecard alone.
//
// It reads only the scorecard and must not import collectors or other
// report formats.
package sarif
