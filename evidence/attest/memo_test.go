package attest

import (
	"bytes"
	"testing"
)

// TestMemoVerifier: the memo answers only for the exact (message,
// signature) pair that verified; a changed message, a changed signature or
// a pair that failed is checked, and fails, every time.
func TestMemoVerifier(t *testing.T) {
	priv, _, err := GenerateKeyPair([]byte("pw"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := LoadPrivateKey(priv, []byte("pw"))
	if err != nil {
		t.Fatal(err)
	}
	msg := []byte(`{"a":1}`)
	sig, err := s.SignMessage(bytes.NewReader(msg))
	if err != nil {
		t.Fatal(err)
	}
	other := append([]byte(nil), sig...)
	other[len(other)-1] ^= 1
	m := newMemoVerifier(s)
	if newMemoVerifier(m) != m {
		t.Error("a memo wrapped again is a second memo")
	}
	for i := range 2 {
		if err := m.VerifySignature(bytes.NewReader(sig), bytes.NewReader(msg)); err != nil {
			t.Errorf("round %d: the signed pair: %v", i, err)
		}
		if err := m.VerifySignature(bytes.NewReader(sig), bytes.NewReader([]byte(`{"a":2}`))); err == nil {
			t.Errorf("round %d: another message verified with the remembered signature", i)
		}
		if err := m.VerifySignature(bytes.NewReader(other), bytes.NewReader(msg)); err == nil {
			t.Errorf("round %d: a changed signature verified", i)
		}
	}
	if len(m.ok) != 1 {
		t.Errorf("the memo holds %d pairs, want the one that verified", len(m.ok))
	}
}
