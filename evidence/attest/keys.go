package attest

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"

	"github.com/secure-systems-lab/go-securesystemslib/encrypted"
	"github.com/sigstore/sigstore/pkg/cryptoutils"
	"github.com/sigstore/sigstore/pkg/signature"
)

// PEM block types of private keys. cosign writes SigstorePrivateKeyType
// since v2; older versions wrote CosignPrivateKeyType. Both hold the same
// thing: encrypted.Encrypt of a PKCS #8 DER key.
const (
	SigstorePrivateKeyType = "ENCRYPTED SIGSTORE PRIVATE KEY"
	CosignPrivateKeyType   = "ENCRYPTED COSIGN PRIVATE KEY"
	publicKeyType          = "PUBLIC KEY"
)

// ErrWrongPassword is returned by LoadPrivateKey when the key does not
// decrypt with the password given.
var ErrWrongPassword = errors.New("the password does not decrypt the private key")

// GenerateKeyPair makes a new ECDSA P-256 key pair, as `cosign
// generate-key-pair` does: the private key PEM-encoded and encrypted with
// password, the public key PEM-encoded. An empty password is allowed, as
// it is by cosign, but still encrypts.
func GenerateKeyPair(password []byte) (privPEM, pubPEM []byte, err error) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, fmt.Errorf("generate key: %w", err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return nil, nil, fmt.Errorf("encode private key: %w", err)
	}
	enc, err := encrypted.Encrypt(der, password)
	if err != nil {
		return nil, nil, fmt.Errorf("encrypt private key: %w", err)
	}
	pubPEM, err = cryptoutils.MarshalPublicKeyToPEM(priv.Public())
	if err != nil {
		return nil, nil, fmt.Errorf("encode public key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: SigstorePrivateKeyType, Bytes: enc}), pubPEM, nil
}

// LoadPrivateKey decrypts a private key written by GenerateKeyPair or by
// cosign and returns a signer that signs SHA-256 digests with it, every
// signature in its low-S form (see LowS).
func LoadPrivateKey(pemBytes, password []byte) (signature.SignerVerifier, error) {
	priv, err := LoadECDSAPrivateKey(pemBytes, password)
	if err != nil {
		return nil, err
	}
	sv, err := signature.LoadECDSASignerVerifier(priv, crypto.SHA256)
	if err != nil {
		return nil, err
	}
	return lowSSigner{sv, priv.Curve.Params().N}, nil
}

// lowSSigner is an ECDSA signer whose signatures are in their low-S form.
type lowSSigner struct {
	*signature.ECDSASignerVerifier
	n *big.Int
}

func (l lowSSigner) SignMessage(message io.Reader, opts ...signature.SignOption) ([]byte, error) {
	sig, err := l.ECDSASignerVerifier.SignMessage(message, opts...)
	if err != nil {
		return nil, err
	}
	return LowS(sig, l.n)
}

// LowS returns the ASN.1 ECDSA signature sig of a curve of order n with s
// replaced by n−s when s is above n/2. (r, s) and (r, n−s) verify alike:
// writing only the low form, as Bitcoin and Ethereum require, gives each
// signed content one signature value per signing. Verification accepts
// both forms, as cosign's does: Go's crypto/ecdsa (and so cosign) signs
// with a high s about half of the time.
func LowS(sig []byte, n *big.Int) ([]byte, error) {
	var v struct{ R, S *big.Int }
	rest, err := asn1.Unmarshal(sig, &v)
	if err != nil || len(rest) > 0 {
		return nil, fmt.Errorf("not an ASN.1 ECDSA signature: %v", err)
	}
	half := new(big.Int).Rsh(n, 1)
	if v.S.Cmp(half) <= 0 {
		return sig, nil
	}
	v.S.Sub(n, v.S)
	return asn1.Marshal(v)
}

// LoadECDSAPrivateKey decrypts a private key written by GenerateKeyPair or
// by cosign and returns the ECDSA P-256 key itself, for signing in formats
// other than slate's own (OPA bundle signatures).
func LoadECDSAPrivateKey(pemBytes, password []byte) (*ecdsa.PrivateKey, error) {
	block, rest := pem.Decode(pemBytes)
	if block == nil {
		return nil, errors.New("no PEM block: not a cosign private key")
	}
	if len(bytes.TrimSpace(rest)) != 0 {
		return nil, errors.New("data after the PEM block")
	}
	if block.Type != SigstorePrivateKeyType && block.Type != CosignPrivateKeyType {
		return nil, fmt.Errorf("PEM block %q is not an encrypted cosign private key (%q)", block.Type, SigstorePrivateKeyType)
	}
	der, err := encrypted.Decrypt(block.Bytes, password)
	if err != nil {
		if isDecryptFailure(err) {
			return nil, ErrWrongPassword
		}
		return nil, fmt.Errorf("decrypt private key: %w", err)
	}
	key, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		return nil, fmt.Errorf("parse private key: %w", err)
	}
	priv, ok := key.(*ecdsa.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("the private key is %s; slate signs with ECDSA P-256 keys only (cosign's default)", keyKind(key))
	}
	if priv.Curve != elliptic.P256() {
		return nil, fmt.Errorf("the private key is ECDSA %s; slate signs with ECDSA P-256 keys only (cosign's default)", priv.Curve.Params().Name)
	}
	return priv, nil
}

// LoadPublicKey parses a PKIX public key PEM (cosign.pub) and returns a
// verifier of SHA-256 ECDSA signatures.
func LoadPublicKey(pemBytes []byte) (*signature.ECDSAVerifier, error) {
	block, rest := pem.Decode(pemBytes)
	if block == nil {
		return nil, errors.New("no PEM block: not a public key")
	}
	if len(bytes.TrimSpace(rest)) != 0 {
		return nil, errors.New("data after the PEM block")
	}
	if block.Type != publicKeyType {
		return nil, fmt.Errorf("PEM block %q is not a %q", block.Type, publicKeyType)
	}
	key, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("parse public key: %w", err)
	}
	pub, ok := key.(*ecdsa.PublicKey)
	if !ok {
		return nil, fmt.Errorf("the public key is %s; slate verifies ECDSA P-256 keys only (cosign's default)", keyKind(key))
	}
	if pub.Curve != elliptic.P256() {
		return nil, fmt.Errorf("the public key is ECDSA %s; slate verifies ECDSA P-256 keys only (cosign's default)", pub.Curve.Params().Name)
	}
	return signature.LoadECDSAVerifier(pub, crypto.SHA256)
}

// KeyHint names a public key the way cosign does in a Sigstore bundle: the
// base64 of the sha256 of its PKIX DER encoding.
func KeyHint(pub crypto.PublicKey) (string, error) {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return "", fmt.Errorf("encode public key: %w", err)
	}
	sum := sha256.Sum256(der)
	return base64.StdEncoding.EncodeToString(sum[:]), nil
}

// isDecryptFailure tells a wrong password (secretbox refuses the
// ciphertext) from a malformed key file. The encrypted package reports the
// former with a fixed message.
func isDecryptFailure(err error) bool {
	return err != nil && err.Error() == "encrypted: decryption failed"
}

// keyKind names the algorithm of a key that is not ECDSA P-256.
func keyKind(key any) string {
	switch k := key.(type) {
	case *rsa.PrivateKey:
		return fmt.Sprintf("RSA %d", k.N.BitLen())
	case *rsa.PublicKey:
		return fmt.Sprintf("RSA %d", k.N.BitLen())
	case ed25519.PrivateKey, ed25519.PublicKey:
		return "Ed25519"
	default:
		return fmt.Sprintf("of type %T", key)
	}
}
