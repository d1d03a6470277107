// Package examples holds complete, runnable assessment sites. Its test runs
// each of them through the whole pipeline and compares the scorecard and
// bundle with the golden files under testdata/golden/examples.
package examples
