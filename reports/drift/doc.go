// Package drift writes what changed between two scorecards
// (scorecard.Drift) for people and for machines: plain text for the
// terminal, canonical JSON (drift.json) and Markdown (drift.md) for merge
// requests and CI job summaries, each with the security advisories new
// to the site since the baseline (scorecard.Drift.NewAdvisories). It
// also finds the waivers of a scorecard
// that need attention: expired, expiring soon, or matching nothing.
//
// Like the other report packages it reads only engine/scorecard values and
// must not import OPA, the engine's evaluation code or the collectors.
package drift
