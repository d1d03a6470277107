package policies_test

import (
	"os/exec"
	"testing"
)

// TestOPACLI: the library is plain Rego v1 — the real `opa` CLI tests and
// strictly checks it as it is. Skips when opa is not on PATH (.ci/run
// installs the version go.mod pins).
func TestOPACLI(t *testing.T) {
	opa, err := exec.LookPath("opa")
	if err != nil {
		t.Skip("opa not on PATH")
	}
	for _, args := range [][]string{{"test", "."}, {"check", "--strict", "."}} {
		out, err := exec.Command(opa, args...).CombinedOutput()
		if err != nil {
			t.Errorf("opa %v: %v\n%s", args, err, out)
		}
	}
}
