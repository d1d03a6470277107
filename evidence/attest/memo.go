package attest

import (
	"bytes"
	"crypto"
	"crypto/sha256"
	"io"
	"sync"

	"github.com/sigstore/sigstore/pkg/signature"
	"github.com/sigstore/sigstore/pkg/signature/options"
)

// memoVerifier remembers the (message, signature) pairs its verifier
// accepted. A run signs each file once and writes the signature twice,
// in the .sig file and in the Sigstore bundle; with the memo the second
// check of the same bytes against the same key costs a hash, not a second
// ECDSA verification. Only successes are remembered, and only the exact
// signature bytes over a message with the same SHA-256: what verified once
// verifies again, so no check is weakened.
type memoVerifier struct {
	signature.Verifier
	mu sync.Mutex
	ok map[memoKey]struct{}
}

type memoKey struct {
	message [sha256.Size]byte
	sig     string
}

func newMemoVerifier(v signature.Verifier) *memoVerifier {
	if m, ok := v.(*memoVerifier); ok {
		return m
	}
	return &memoVerifier{Verifier: v, ok: map[memoKey]struct{}{}}
}

// VerifySignature verifies as the wrapped verifier does, once per pair.
// The message is hashed as it is read, never copied: the wrapped verifier
// is given its SHA-256 (slate's verifiers are ECDSA over SHA-256, see
// LoadPublicKey); any other verifier is called as it is.
func (m *memoVerifier) VerifySignature(sig, message io.Reader, opts ...signature.VerifyOption) error {
	switch m.Verifier.(type) {
	case *signature.ECDSAVerifier, *signature.ECDSASignerVerifier, lowSSigner:
	default:
		return m.Verifier.VerifySignature(sig, message, opts...)
	}
	if len(opts) > 0 || sig == nil || message == nil {
		return m.Verifier.VerifySignature(sig, message, opts...)
	}
	s, err := io.ReadAll(sig)
	if err != nil {
		return err
	}
	h := sha256.New()
	if _, err := io.Copy(h, message); err != nil {
		return err
	}
	k := memoKey{sig: string(s)}
	h.Sum(k.message[:0])
	m.mu.Lock()
	_, done := m.ok[k]
	m.mu.Unlock()
	if done {
		return nil
	}
	err = m.Verifier.VerifySignature(bytes.NewReader(s), nil,
		options.WithDigest(k.message[:]), options.WithCryptoSignerOpts(crypto.SHA256))
	if err != nil {
		return err
	}
	m.mu.Lock()
	m.ok[k] = struct{}{}
	m.mu.Unlock()
	return nil
}
