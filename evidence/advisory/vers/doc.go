// Package vers reads the version ranges of security advisories and compares
// firmware versions.
//
// Advisories write ranges two ways: as vers ("vers:generic/>=2.0|<2.9.4",
// "vers:all/<V5.5.2", "vers:all/*") and as prose ("< V21.9",
// "<= HiOS 07.0.02", ">= 2.0 | <= 2.7", "<  rev. 8.3.0",
// ">= R6.01.10 | <= R6.09.00 - (if VP6E5000 is installed)",
// ">FW19_up_to_and_including_FW26"). Parse turns both into one Range; a
// range that cannot be held against a firmware version (serial-number
// ranges, contradictory bounds) is kept with the reason and only ever
// answers Unknown, so that a match on it stays "possible".
//
// Compare orders versions of the forms OT vendors use: semver-ish
// ("2.9.4"), V-prefixed ("V4.2.3"), dotted firmware ("07.0.02",
// "2.26.2.4"), release letters ("R9.90", "SV3.51") and letter suffixes
// ("8.1x", "7.5 SP2").
//
// It imports nothing of the project.
package vers
