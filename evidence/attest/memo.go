package attest

import (
	"bytes"
	"crypto/sha256"
	"io"
	"sync"

	"github.com/sigstore/sigstore/pkg/signature"
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
func (m *memoVerifier) VerifySignature(sig, message io.Reader, opts ...signature.VerifyOption) error {
	if len(opts) > 0 {
		return m.Verifier.VerifySignature(sig, message, opts...)
	}
	s, err := readAll(sig)
	if err != nil {
		return err
	}
	msg, err := readAll(message)
	if err != nil {
		return err
	}
	k := memoKey{message: sha256.Sum256(msg), sig: string(s)}
	m.mu.Lock()
	_, done := m.ok[k]
	m.mu.Unlock()
	if done {
		return nil
	}
	if err := m.Verifier.VerifySignature(bytes.NewReader(s), bytes.NewReader(msg)); err != nil {
		return err
	}
	m.mu.Lock()
	m.ok[k] = struct{}{}
	m.mu.Unlock()
	return nil
}

// readAll reads r whole, in one allocation when r knows its length (as
// the bytes.Reader the checks pass does).
func readAll(r io.Reader) ([]byte, error) {
	if l, ok := r.(interface{ Len() int }); ok {
		b := make([]byte, l.Len())
		_, err := io.ReadFull(r, b)
		return b, err
	}
	return io.ReadAll(r)
}
