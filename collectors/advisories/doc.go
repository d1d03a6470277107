// Package advisories reads security advisories in CSAF 2.0 form
// (csaf_security_advisory and csaf_vex profiles, as CISA, vendors' PSIRTs
// and CERTs publish them) into one evidence document of kind
// "advisories".
//
// Every file is validated against the CSAF 2.0 JSON schema (embedded, see
// schema/NOTICE.md) before it is read; a file that is not CSAF, or not
// valid, is an *evidence.InputError naming it, and every such file of a
// source is reported at once. The document's data is the typed model of
// evidence/advisory, with the digest of the whole snapshot.
//
// It describes what the advisories say and never matches them against
// assets (the engine does, at the assessment's date). From this project
// it imports only evidence and evidence/advisory.
package advisories
