// Package collectors turns evidence files into evidence documents. Each
// evidence kind is one sub-package behind the small Collector interface,
// and the table in registry.go is the one list of kinds: the assessment
// loader (through the engine), docgen, `slate collect --help` and `slate
// policy new` all read it. A collector is made with a Config, whose
// Progress callback it may call while it reads; how progress is shown is
// the CLI's business.
//
// Collectors describe what they read; they never decide compliance. From
// this project they import the evidence package and, for requirement ids
// (attestations), the catalogs of engine/catalog; never the rest of the
// engine or reports.
package collectors
