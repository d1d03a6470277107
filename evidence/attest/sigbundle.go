package attest

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"

	protobundle "github.com/sigstore/protobuf-specs/gen/pb-go/bundle/v1"
	protocommon "github.com/sigstore/protobuf-specs/gen/pb-go/common/v1"
	"github.com/sigstore/sigstore/pkg/signature"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/slate-ot/slate/evidence"
)

// BundleMediaType is the media type of the Sigstore bundles slate writes.
const BundleMediaType = "application/vnd.dev.sigstore.bundle.v0.3+json"

// SigstoreBundle returns the .sigstore.json for data signed with sig (the
// raw signature, not its base64): a message signature with the sha256 of
// data and a hint naming the public key. It carries no transparency log
// entry and no timestamp: slate signs offline, and the key is the trust
// root.
func SigstoreBundle(pub signature.PublicKeyProvider, data, sig []byte) ([]byte, error) {
	digest := sha256.Sum256(data)
	return sigstoreBundle(pub, digest[:], sig)
}

// sigstoreBundle is SigstoreBundle of the data whose SHA-256 is digest.
func sigstoreBundle(pub signature.PublicKeyProvider, digest, sig []byte) ([]byte, error) {
	key, err := pub.PublicKey()
	if err != nil {
		return nil, err
	}
	hint, err := KeyHint(key)
	if err != nil {
		return nil, err
	}
	b := &protobundle.Bundle{
		MediaType: BundleMediaType,
		VerificationMaterial: &protobundle.VerificationMaterial{
			Content: &protobundle.VerificationMaterial_PublicKey{
				PublicKey: &protocommon.PublicKeyIdentifier{Hint: hint},
			},
		},
		Content: &protobundle.Bundle_MessageSignature{
			MessageSignature: &protocommon.MessageSignature{
				MessageDigest: &protocommon.HashOutput{Algorithm: protocommon.HashAlgorithm_SHA2_256, Digest: digest},
				Signature:     sig,
			},
		},
	}
	return encodeSigstoreBundle(b)
}

// encodeSigstoreBundle writes b as canonical JSON. protojson varies its
// white space from run to run on purpose; canonicalising removes that.
func encodeSigstoreBundle(b *protobundle.Bundle) ([]byte, error) {
	raw, err := protojson.Marshal(b)
	if err != nil {
		return nil, fmt.Errorf("encode sigstore bundle: %w", err)
	}
	return evidence.CanonicalJSON(raw)
}

// VerifySigstoreBundle checks a .sigstore.json against data and the
// public key: the media type, the key hint, the digest and the signature.
// It need not be in slate's canonical form (cosign sign-blob
// --new-bundle-format writes another key order and white space), but it
// must hold nothing besides what its fields say: the JSON, with keys
// sorted and white space removed, must be the bundle's own encoding. So
// no byte of a bundle slate wrote can change, and the bundle still read
// the same: another spelling of a base64 value or a field name, an
// unknown or a repeated field, is refused.
func VerifySigstoreBundle(v signature.Verifier, data, bundleFile []byte) error {
	var b protobundle.Bundle
	if err := protojson.Unmarshal(bundleFile, &b); err != nil {
		return fmt.Errorf("not a sigstore bundle: %w", err)
	}
	canon, err := encodeSigstoreBundle(&b)
	if err != nil {
		return err
	}
	given, err := evidence.CanonicalJSON(bundleFile)
	if err != nil {
		return fmt.Errorf("not a sigstore bundle: %w", err)
	}
	if !bytes.Equal(canon, given) {
		return errors.New("the sigstore bundle holds more than its fields say, or spells them another way (edited after signing?)")
	}
	if b.GetMediaType() != BundleMediaType {
		return fmt.Errorf("media type %q is not %q", b.GetMediaType(), BundleMediaType)
	}
	key, err := v.PublicKey()
	if err != nil {
		return err
	}
	want, err := KeyHint(key)
	if err != nil {
		return err
	}
	pk := b.GetVerificationMaterial().GetPublicKey()
	if pk == nil {
		return errors.New("the bundle names no public key")
	}
	if pk.GetHint() != want {
		return fmt.Errorf("the bundle names key %s, not the public key given (%s)", pk.GetHint(), want)
	}
	if n := len(b.GetVerificationMaterial().GetTlogEntries()); n != 0 {
		return fmt.Errorf("the bundle has %d transparency log entries; slate bundles are offline and have none", n)
	}
	ms := b.GetMessageSignature()
	if ms == nil {
		return errors.New("the bundle holds no message signature")
	}
	d := ms.GetMessageDigest()
	if d.GetAlgorithm() != protocommon.HashAlgorithm_SHA2_256 {
		return fmt.Errorf("digest algorithm %s is not SHA2_256", d.GetAlgorithm())
	}
	sum := sha256.Sum256(data)
	if !bytes.Equal(d.GetDigest(), sum[:]) {
		return errors.New("the bundle's message digest is not the file's sha256")
	}
	if err := v.VerifySignature(bytes.NewReader(ms.GetSignature()), bytes.NewReader(data)); err != nil {
		return errors.New("the bundle's signature does not match the file and the public key")
	}
	return nil
}
