// Package policies is slate's built-in Rego library, embedded in the binary.
//
// Checks live under checks/ in packages slate.checks.<area>.<name>, one
// check per package with its METADATA (requirement ids, severity, owner,
// remediation); shared helpers live under lib/ in slate.lib.*. Each module
// sits next to its _test.rego. The files are plain Rego v1: `opa test
// policies/` and `opa check --strict policies/` work on them as they are.
package policies

import "embed"

// FS holds every .rego file of the library, tests included.
//
//go:embed checks lib
var FS embed.FS
