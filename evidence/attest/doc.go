// Package attest signs and verifies the files of an assessment's output
// directory in the formats of the sigstore project, so that the cosign CLI
// verifies them too and an auditor can check them offline, months later:
//
//   - keys: an ECDSA P-256 pair in cosign's format (the private key PEM
//     "ENCRYPTED SIGSTORE PRIVATE KEY", PKCS #8 encrypted with scrypt and
//     NaCl secretbox; the public key a PKIX "PUBLIC KEY" PEM);
//   - FILE.sig: the base64 ECDSA signature of the file's bytes, what
//     `cosign verify-blob --signature` reads;
//   - FILE.sigstore.json: a Sigstore bundle (v0.3) with the same signature,
//     the file's digest and a hint naming the key, without a transparency
//     log entry;
//   - slate.intoto.json: one in-toto Statement, DSSE-signed, whose subjects
//     are every signed file with its sha256 and whose predicate
//     (PredicateType) ties them to the assessment, the engine, the policies
//     and the evidence.
//
// ECDSA signatures are randomised, so two signing runs give different
// .sig, .sigstore.json and envelope bytes; everything else (statement,
// file names, order) is deterministic.
//
// attest reads and writes bytes only: it imports the evidence package for
// canonical JSON and nothing else of the project. Re-evaluating a scorecard
// is the caller's business (engine), done on the bytes Verify returns.
package attest
