package evidence

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

// Redacted stands in for a secret wherever one would have been written.
const Redacted = "[redacted]"

// Fingerprint returns a short keyed digest of a secret, so that policies can
// tell that two devices or sessions use the same credential without the
// credential being stored. salt is the source's Salt; the result is
// "fp:" and 16 hex digits (64 bits): enough to spot reuse within a site,
// too short to serve as a stored hash. Weak secrets can still be confirmed
// by someone who has the bundle and the salt: fingerprints are facts for
// the assessor, not a safe.
func Fingerprint(salt []byte, secret []byte) string {
	mac := hmac.New(sha256.New, salt)
	mac.Write([]byte("slate-fingerprint-v1\x00"))
	mac.Write(secret)
	return "fp:" + hex.EncodeToString(mac.Sum(nil)[:8])
}
