// Package kev reads the CISA Known Exploited Vulnerabilities catalog (its
// JSON form) into one evidence document of kind "kev", validated against
// the catalog's own schema (embedded, see schema/NOTICE.md). Several
// catalog files of one source are merged, the later catalog version
// winning for a CVE listed twice.
//
// It never matches the catalog against anything: the engine joins it to
// the advisories' CVEs. From this project it imports only evidence and
// evidence/advisory.
package kev
