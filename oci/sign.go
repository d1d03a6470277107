package oci

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/static"
	"github.com/google/go-containerregistry/pkg/v1/types"
	"github.com/sigstore/sigstore/pkg/signature"
	"github.com/sigstore/sigstore/pkg/signature/payload"
)

// cosign's OCI layout of a key signature.
const (
	// SimpleSigningMediaType is the signature layer's type: its content
	// is the signed payload.
	SimpleSigningMediaType types.MediaType = "application/vnd.dev.cosign.simplesigning.v1+json"
	// SignatureAnnotation carries the base64 signature of the payload.
	SignatureAnnotation = "dev.cosignproject.cosign/signature"
	// signatureTagSuffix ends the tag of an artifact's signatures:
	// sha256-<hex>.sig.
	signatureTagSuffix = ".sig"
)

// SignatureError is a signature check that failed: no signature, or none
// that the key verifies for the artifact.
type SignatureError struct {
	Ref string
	Err error
}

func (e *SignatureError) Error() string { return fmt.Sprintf("%s: %v", e.Ref, e.Err) }

func (e *SignatureError) Unwrap() error { return e.Err }

// ErrNoSignature is the cause of a SignatureError for an artifact that
// has no signatures at all.
var ErrNoSignature = errors.New("no cosign signature")

// SignatureTag returns the tag under which cosign keeps d's signatures.
func SignatureTag(d name.Digest) name.Tag {
	return d.Context().Tag(strings.Replace(d.DigestStr(), ":", "-", 1) + signatureTagSuffix)
}

// Sign signs the artifact d with signer as `cosign sign --key` does: a
// simple-signing payload naming d's digest and repository, signed, added
// as a layer to the image tagged SignatureTag(d). Signatures already
// there stay; when one of them already verifies with signer's key for d,
// nothing is pushed (as cosign's duplicate detection does).
func (o Options) Sign(ctx context.Context, d name.Digest, signer signature.SignerVerifier) error {
	pl, err := payload.Cosign{Image: d}.MarshalJSON()
	if err != nil {
		return err
	}
	sig, err := signer.SignMessage(bytes.NewReader(pl))
	if err != nil {
		return fmt.Errorf("sign %s: %w", d, err)
	}
	tag := SignatureTag(d)
	ropts := o.remote(ctx)
	base, err := remote.Image(tag, ropts...)
	switch {
	case isNotFound(err):
		base = mutate.ConfigMediaType(mutate.MediaType(empty.Image, types.OCIManifestSchema1), types.OCIConfigJSON)
	case err != nil:
		return fmt.Errorf("read the signatures of %s: %w", d, err)
	default:
		if _, err := o.verifyImage(base, d, signer); err == nil {
			return nil
		}
	}
	img, err := mutate.Append(base, mutate.Addendum{
		Layer:       static.NewLayer(pl, SimpleSigningMediaType),
		Annotations: map[string]string{SignatureAnnotation: base64.StdEncoding.EncodeToString(sig)},
	})
	if err != nil {
		return err
	}
	if err := remote.Write(tag, img, ropts...); err != nil {
		return fmt.Errorf("push the signature of %s: %w", d, err)
	}
	return nil
}

// Verify checks that the artifact d carries a cosign signature that key
// verifies: a simple-signing layer of the image tagged SignatureTag(d)
// whose signature verifies over its payload and whose payload names d's
// digest (as `cosign verify --key` checks it; the payload's
// docker-reference is not compared, so an artifact copied to another
// repository with its signature still verifies). It returns the number of
// signatures that verify; none is a SignatureError.
func (o Options) Verify(ctx context.Context, d name.Digest, key signature.Verifier) (int, error) {
	img, err := remote.Image(SignatureTag(d), o.remote(ctx)...)
	if isNotFound(err) {
		return 0, &SignatureError{Ref: d.String(), Err: fmt.Errorf("%w (no tag %s)", ErrNoSignature, SignatureTag(d).TagStr())}
	}
	if err != nil {
		return 0, fmt.Errorf("read the signatures of %s: %w", d, err)
	}
	return o.verifyImage(img, d, key)
}

// verifyImage checks the signature layers of img (see Verify).
func (o Options) verifyImage(img v1.Image, d name.Digest, key signature.Verifier) (int, error) {
	m, err := img.Manifest()
	if err != nil {
		return 0, fmt.Errorf("read the signatures of %s: %w", d, err)
	}
	var problems []string
	ok := 0
	for i, l := range m.Layers {
		if l.MediaType != SimpleSigningMediaType {
			continue
		}
		if err := verifyLayer(img, l, d, key); err != nil {
			problems = append(problems, fmt.Sprintf("signature %d: %v", i+1, err))
			continue
		}
		ok++
	}
	if ok > 0 {
		return ok, nil
	}
	if len(problems) == 0 {
		return 0, &SignatureError{Ref: d.String(), Err: fmt.Errorf("%w: the signature image holds no %s layer", ErrNoSignature, SimpleSigningMediaType)}
	}
	return 0, &SignatureError{Ref: d.String(), Err: fmt.Errorf("no signature verifies with the key:\n  %s", strings.Join(problems, "\n  "))}
}

func verifyLayer(img v1.Image, desc v1.Descriptor, d name.Digest, key signature.Verifier) error {
	sig, err := base64.StdEncoding.DecodeString(desc.Annotations[SignatureAnnotation])
	if err != nil || len(sig) == 0 {
		return fmt.Errorf("no base64 %s annotation", SignatureAnnotation)
	}
	if desc.Size > maxManifest {
		return fmt.Errorf("a payload of %d bytes", desc.Size)
	}
	l, err := img.LayerByDigest(desc.Digest)
	if err != nil {
		return err
	}
	rc, err := l.Compressed()
	if err != nil {
		return err
	}
	defer rc.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(rc); err != nil {
		return err
	}
	pl := buf.Bytes()
	if h, _, _ := v1.SHA256(bytes.NewReader(pl)); h != desc.Digest {
		return fmt.Errorf("payload digest %s, manifest says %s", h, desc.Digest)
	}
	if err := key.VerifySignature(bytes.NewReader(sig), bytes.NewReader(pl)); err != nil {
		return fmt.Errorf("the key does not verify it: %w", err)
	}
	var ss payload.SimpleContainerImage
	if err := json.Unmarshal(pl, &ss); err != nil {
		return fmt.Errorf("payload: %w", err)
	}
	if got := ss.Critical.Image.DockerManifestDigest; got != d.DigestStr() {
		return fmt.Errorf("it signs %q, not %s", got, d.DigestStr())
	}
	return nil
}
