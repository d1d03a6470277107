// Package reports writes what an assessment produced: one writer per
// format, each reading the scorecard (and the bundle for evidence tables)
// and writing bytes deterministically, plus the atomic writing of a set of
// output files. It never reads raw evidence files.
package reports
