// Package verify checks a signed output directory as `slate sign` left it
// and re-evaluates it: the signatures and digests (evidence/attest), then
// the signed evidence bundle evaluated again with the assessment file on
// the signed date (engine.EvaluateBundle), whose scorecard and reports
// must come out byte for byte as signed. `slate verify` is a thin command
// over Dir; another program can call it the same way.
//
// Like the engine, it imports neither collectors nor reports: the caller
// passes the collectors (engine.Collectors) and the reports that can be
// re-made (Options.Reports, from the reports package's table).
package verify
