// Package aggregate builds a portfolio.Portfolio from run folders: it
// finds them (Discover), verifies each with the key its site is signed
// with (Keys, from one key or a keys file), and aggregates the runs that
// verify. Runs that do not verify are listed with the reason and left out
// of every figure.
//
// Runs are read and verified in parallel by a bounded number of workers;
// each scorecard is reduced as soon as it is read, so memory grows with
// the number of runs, not with the size of their scorecards.
//
// It imports neither the evaluation (OPA) nor collectors nor reports:
// verifying (and re-evaluating) a run is a function the caller passes.
package aggregate
