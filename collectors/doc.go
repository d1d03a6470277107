// Package collectors turns evidence files into evidence documents. Each
// evidence kind is one sub-package behind the small Collector interface, and
// the table in registry.go is the one place a kind is added.
//
// Collectors describe what they read; they never decide compliance, and they
// import only the evidence package of this project.
package collectors
