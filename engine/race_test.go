//go:build race

package engine

// raceEnabled is set when the tests run under the race detector, which
// makes Rego evaluation five to ten times slower.
const raceEnabled = true
