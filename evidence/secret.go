package evidence

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// Redacted stands in for a secret wherever one would have been written.
const Redacted = "[redacted]"

// Strength classes of a secret seen in clear (on the wire or in a
// configuration), weakest first. Only a SecretLong secret is fingerprinted;
// the others are recorded by class alone.
const (
	SecretEmpty      = "empty"       // no secret at all
	SecretDefault    = "default"     // a vendor default or well-known word
	SecretShort      = "short"       // fewer than MinFingerprintLen bytes
	SecretLowEntropy = "low_entropy" // long enough but digits only, or few distinct bytes
	SecretLong       = "long"        // none of the above: fingerprinted when a key is set
)

// MinFingerprintLen is the shortest secret that gets a fingerprint.
const MinFingerprintLen = 12

// MinKeyLen is the shortest fingerprint key accepted, in bytes.
const MinKeyLen = 32

// SecretStrength classes a secret. isDefault is the collector's verdict
// that the secret is a vendor default or a known word.
func SecretStrength(secret []byte, isDefault bool) string {
	switch {
	case len(secret) == 0:
		return SecretEmpty
	case isDefault:
		return SecretDefault
	case len(secret) < MinFingerprintLen:
		return SecretShort
	}
	digits := true
	distinct := map[byte]bool{}
	for _, c := range secret {
		digits = digits && c >= '0' && c <= '9'
		distinct[c] = true
	}
	if digits || len(distinct) < 6 {
		return SecretLowEntropy
	}
	return SecretLong
}

// Fingerprint returns a short keyed digest of a secret, so that policies can
// tell that two devices or sessions use the same credential without the
// credential being stored: "fp:" and 16 hex digits (64 bits), enough to
// spot reuse within a site, too short to serve as a stored hash.
//
// key is the site's fingerprint key (Source.FingerprintKey), which never
// enters any output, so nobody holding only the outputs can test guesses
// against a fingerprint. Fingerprint returns "" when there is no key or
// the secret is not SecretLong: a weak secret could be confirmed by anyone
// who learned the key, so it gets its class and nothing more.
func Fingerprint(key []byte, secret []byte, isDefault bool) string {
	if len(key) == 0 || SecretStrength(secret, isDefault) != SecretLong {
		return ""
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte("slate-fingerprint-v2\x00"))
	mac.Write(secret)
	return "fp:" + hex.EncodeToString(mac.Sum(nil)[:8])
}

// ParseFingerprintKey decodes a fingerprint key written in hex or base64
// (standard or URL alphabet, padded or not), surrounding space ignored. It
// must decode to at least MinKeyLen bytes.
func ParseFingerprintKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, errors.New("empty fingerprint key")
	}
	var key []byte
	if b, err := hex.DecodeString(s); err == nil {
		key = b
	} else {
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
			if b, err := enc.DecodeString(s); err == nil {
				key = b
				break
			}
		}
		if key == nil {
			return nil, errors.New("fingerprint key is neither hex nor base64")
		}
	}
	if len(key) < MinKeyLen {
		return nil, fmt.Errorf("fingerprint key is %d bytes; at least %d are needed (e.g. 64 hex digits)", len(key), MinKeyLen)
	}
	return key, nil
}
