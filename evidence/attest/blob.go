package attest

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"

	"github.com/sigstore/sigstore/pkg/signature"
)

// SignBlob signs data and returns the content of its .sig file: the base64
// of the ASN.1 DER ECDSA signature over the SHA-256 of data, which is what
// `cosign sign-blob` writes and `cosign verify-blob --signature` reads.
func SignBlob(s signature.Signer, data []byte) ([]byte, error) {
	sig, err := s.SignMessage(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	return []byte(encodeSig(sig)), nil
}

// encodeSig is the .sig spelling of a raw signature.
func encodeSig(sig []byte) string { return base64.StdEncoding.EncodeToString(sig) }

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }

// VerifyBlob checks the content of a .sig file (SignBlob's, or cosign
// sign-blob's) against data. The signature must be strict base64 (one
// trailing newline is allowed), so no byte of the file can change without
// the check failing.
func VerifyBlob(v signature.Verifier, data, sigFile []byte) error {
	sig, err := decodeSig(sigFile)
	if err != nil {
		return err
	}
	if err := v.VerifySignature(bytes.NewReader(sig), bytes.NewReader(data)); err != nil {
		return errors.New("the signature does not match the file and the public key")
	}
	return nil
}

// decodeSig decodes a base64 signature and refuses any other spelling of
// the same bytes (line breaks, non-zero padding bits).
func decodeSig(sigFile []byte) ([]byte, error) {
	text := bytes.TrimSuffix(sigFile, []byte("\n"))
	sig, err := base64.StdEncoding.Strict().DecodeString(string(text))
	if err != nil {
		return nil, fmt.Errorf("not a base64 signature: %w", err)
	}
	if base64.StdEncoding.EncodeToString(sig) != string(text) {
		return nil, errors.New("not a base64 signature: the encoding is not canonical")
	}
	if len(sig) == 0 {
		return nil, errors.New("empty signature")
	}
	return sig, nil
}

// sha256Hex returns the hex sha256 of data.
func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return fmt.Sprintf("%x", sum[:])
}
