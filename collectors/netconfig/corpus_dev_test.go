//go:build devcorpus

// The tests in this file read configurations that are not redistributed
// with slate (GPL-3.0) from a developer corpus next to the checkout. They
// are built only with -tags devcorpus (make test-devcorpus), so the
// ordinary suite neither reads nor skips them; the committed, permissively
// licensed corpus covers the same parser paths.

package netconfig_test

import (
	"os"
	"testing"
)

// gplCorpus is where the developer corpus next to a checkout keeps the
// GPL-3.0 configurations (mpenning/ciscoconfparse fixtures, ccp_*), which
// are not redistributed with slate; only TestGPLCorpus reads them.
const gplCorpus = "../../../shared/corpus/netconfig"

// gplFiles returns the GPL-3.0 configurations of the developer corpus; a
// run that asks for them (-tags devcorpus) fails where there are none.
func gplFiles(t *testing.T) (string, []string) {
	t.Helper()
	if _, err := os.Stat(gplCorpus); err != nil {
		t.Fatalf("-tags devcorpus: the GPL-3.0 ciscoconfparse configurations are not redistributed with slate, and there are none next to this checkout at %s", gplCorpus)
	}
	return globCorpus(t, gplCorpus, "ccp_*")
}

// TestGPLCorpus does the same for the GPL-3.0 configurations next to a
// developer checkout.
func TestGPLCorpus(t *testing.T) {
	checkCorpus(t, gplFiles)
}

// TestGPLNoSecretsInEvidence does the same for the GPL-3.0 configurations.
func TestGPLNoSecretsInEvidence(t *testing.T) {
	checkNoSecrets(t, gplFiles)
}
