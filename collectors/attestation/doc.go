// Package attestation reads the attestations a consultant records for
// requirements that no evidence file can decide — physical security,
// procedures, training — into one evidence document of kind "attestation"
// per source, holding evidence.AttestationData.
//
// A source's files may mix two formats, chosen by extension:
//
//   - .hcl: attestation "name" { requirement = "SR 1.1" ... } blocks, decoded
//     strictly (an unknown argument is an error). requirements = [...]
//     records the same verdict for several requirements at once.
//   - .csv: a header row naming the columns (in any order and case), then
//     one attestation per row. The delimiter (comma, semicolon, tab or
//     pipe) is the one under which the header names the most columns.
//
// Both are read through collectors/internal/textin, as assets and identity
// exports are: UTF-8 with or without a byte order mark, UTF-16 with one or
// without (recognised by its zero bytes), LF, CRLF or CR-only line ends
// (CR-only lines are counted). A CSV file that is not UTF-8 but holds no
// control bytes is read as Windows-1252 with a warning; HCL must be UTF-8,
// and a byte that is not is reported by line and column.
//
// It owns checking what an attestation says: the requirement exists in the
// catalogs, the verdict, dates and zones are valid, ids are unique, and it
// says where it holds — zones = [...] or scope = "site", exactly one (in
// CSV a zones or a scope cell). It reports every problem of a source at
// once as an *Error, which unwraps to an *evidence.InputError, and also to
// an *evidence.ScopeError when an attestation names neither or both: that
// is a decision of the assessment left open, not a damaged file. It never decides whether an attestation has
// expired: the engine does that against the assessment's as_of, so this
// package never reads the clock.
//
// From this project it imports the evidence package, textin and, for
// requirement ids, the catalog.
package attestation
