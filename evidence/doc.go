// Package evidence is slate's evidence model: documents with provenance, the
// bundle that holds them, canonical JSON encoding and digests.
//
// Every stage depends on this package and it depends on no other package of
// the project. It is data: it never reads evidence files (collectors do) and
// never decides compliance (policies do).
package evidence
