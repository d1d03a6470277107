package attest_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/slate-ot/slate/evidence/attest"
)

// Sign an output directory, write the signature files next to the
// outputs, and verify the directory with the public key.
func ExampleSign() {
	dir, err := os.MkdirTemp("", "slate-out")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	names := []string{"bundle.json", "scorecard.json", "summary.md"}
	for _, name := range names {
		raw, err := os.ReadFile(filepath.Join("testdata/out", name))
		if err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), raw, 0o644); err != nil {
			log.Fatal(err)
		}
	}

	privPEM, pubPEM, err := attest.GenerateKeyPair([]byte("example password"))
	if err != nil {
		log.Fatal(err)
	}
	signer, err := attest.LoadPrivateKey(privPEM, []byte("example password"))
	if err != nil {
		log.Fatal(err)
	}
	signed, err := attest.Sign(dir, names, signer)
	if err != nil {
		log.Fatal(err)
	}
	for name, raw := range signed.Files {
		if err := os.WriteFile(filepath.Join(dir, name), raw, 0o644); err != nil {
			log.Fatal(err)
		}
	}

	verifier, err := attest.LoadPublicKey(pubPEM)
	if err != nil {
		log.Fatal(err)
	}
	verified, err := attest.Verify(dir, verifier, attest.VerifyOptions{Required: []string{"scorecard.json", "bundle.json"}})
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range verified.Statement.Subject {
		fmt.Printf("%s sha256:%.12s…\n", s.Name, s.Digest["sha256"])
	}
	fmt.Println(verified.Statement.PredicateType)
	// Output:
	// bundle.json sha256:16a0e1b2de7c…
	// scorecard.json sha256:a0ac86b21a4b…
	// summary.md sha256:038e5d0ba4e3…
	// https://slate-ot.dev/scorecard/v1
}
