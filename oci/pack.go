package oci

import (
	"bytes"
	"context"
	"fmt"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/sigstore/sigstore/pkg/signature"

	"github.com/slate-ot/slate/evidence/attest"
)

// packConfig is a pack's config blob, as OPA's documentation suggests.
var packConfig = []byte("{}")

// PushPack puts the policy pack pack (an OPA bundle, as `slate policy
// build` or `opa build` writes it) at ref, as an artifact OPA's OCI
// downloader reads, and returns its digest reference. The same bundle
// gives the same digest.
func (o Options) PushPack(ctx context.Context, ref string, pack []byte) (name.Digest, error) {
	r, err := o.ParseReference(ref)
	if err != nil {
		return name.Digest{}, err
	}
	if _, err := bundle.NewReader(bytes.NewReader(pack)).WithSkipBundleVerification(true).Read(); err != nil {
		return name.Digest{}, fmt.Errorf("not an OPA bundle: %w", err)
	}
	config, err := newBlob(packConfig, PackConfigMediaType, nil)
	if err != nil {
		return name.Digest{}, err
	}
	layer, err := newBlob(pack, PackLayerMediaType, map[string]string{TitleAnnotation: packTitle})
	if err != nil {
		return name.Digest{}, err
	}
	return o.push(ctx, r, PackArtifactType, config, []blob{layer})
}

// PullPack returns the OPA bundle of the pack at ref (the one layer of
// type PackLayerMediaType, as OPA takes it: packs pushed by `oras push`
// as OPA documents it pull too) and the digest reference of its
// manifest. A ref pinned by digest must get that manifest.
func (o Options) PullPack(ctx context.Context, ref string) ([]byte, name.Digest, error) {
	r, err := o.ParseReference(ref)
	if err != nil {
		return nil, name.Digest{}, err
	}
	m, d, err := o.fetch(ctx, r)
	if err != nil {
		return nil, name.Digest{}, err
	}
	var layers []int
	for i, l := range m.Layers {
		if l.MediaType == PackLayerMediaType {
			layers = append(layers, i)
		}
	}
	if len(layers) != 1 {
		return nil, name.Digest{}, fmt.Errorf("%s: %d layers of type %s; a policy pack has one", d, len(layers), PackLayerMediaType)
	}
	raw, err := o.blob(ctx, d.Context(), m.Layers[layers[0]])
	if err != nil {
		return nil, name.Digest{}, fmt.Errorf("%s: %w", d, err)
	}
	return raw, d, nil
}

// PackFetcher fetches the policy packs an assessment pins by digest
// (engine.PackFetcher), with the options its Options give.
type PackFetcher struct {
	Options
}

// FetchPack returns the OPA bundle of the pack ref pins; a reference that
// is not pinned by digest is refused. With publicKey (PEM, like
// cosign.pub) the artifact's cosign signature must verify with it.
func (f PackFetcher) FetchPack(ctx context.Context, ref string, publicKey []byte) ([]byte, error) {
	d, err := f.PinnedDigest(ref)
	if err != nil {
		return nil, err
	}
	var key signature.Verifier
	if publicKey != nil {
		if key, err = attest.LoadPublicKey(publicKey); err != nil {
			return nil, fmt.Errorf("the bundle key: %w", err)
		}
	}
	raw, _, err := f.PullPack(ctx, d.String())
	if err != nil {
		return nil, err
	}
	if key != nil {
		if _, err := f.Verify(ctx, d, key); err != nil {
			return nil, err
		}
	}
	return raw, nil
}
