// Package trend reads a folder of past runs of an assessment and shows
// how the site moved over time: which runs count (signed and verified,
// or used unverified when no key is given), SL-achieved per zone, open
// gaps by owner and severity, and status totals, run after run.
//
// A run is a directory as `slate assess` (and `slate sign`) left it. Load
// checks the signatures and digests of each with evidence/attest but never
// re-evaluates a run: that is `slate verify`'s work and needs the
// assessment file. The writers render the result as text, canonical JSON
// and Markdown.
//
// Like the other report packages it reads engine/scorecard values and
// must not import OPA, the engine's evaluation code or the collectors.
package trend
