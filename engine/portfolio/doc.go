// Package portfolio builds one view of many sites' signed runs: it reads
// run folders (`slate assess --out`), verifies each with the key its site
// is signed with, and aggregates the runs that verify — per site, zone and
// FR the SL-A range against SL-T, sites ranked by risk, open gaps by owner
// and severity, requirements failing at many sites, each site's trend,
// stale evidence and waivers, and who signed each run. Runs that do not
// verify are listed with the reason and left out of every figure.
//
// Runs are read and verified in parallel by a bounded number of workers;
// each scorecard is reduced as soon as it is read, so the memory used does
// not grow with the size of the scorecards, only with their number.
//
// It reads scorecards (engine/scorecard) and signatures (evidence/attest);
// it imports neither the engine's evaluation (OPA) nor collectors nor
// reports: re-evaluating a run is a function the caller passes.
package portfolio
