// Package html writes the CISO's one-page scorecard (scorecard.html): a
// single self-contained file with inline CSS and inline SVG and no
// external resource of any kind, because plants are air-gapped. Status is
// always written as text and marked by pattern, never by colour alone.
//
// It reads the scorecard only and imports nothing of the project but
// engine/scorecard, the assessment's plain data (engine/model) and the
// severities of evidence.
package html
