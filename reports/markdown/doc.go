// Package markdown writes summary.md, the scorecard as GitHub-flavoured
// Markdown for CI job summaries and merge-request comments.
//
// It reads only the scorecard (engine/scorecard) and must not import the
// collectors, the engine's evaluation code or other report formats.
package markdown
