package oci

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
	"github.com/google/go-containerregistry/pkg/v1/static"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// The media types and annotations of slate's artifacts, in one place.
const (
	// PackLayerMediaType is the layer holding a policy pack's OPA bundle:
	// the one type OPA's OCI downloader takes a bundle from.
	PackLayerMediaType = types.OCILayer
	// PackConfigMediaType is a pack's config type, as OPA documents it;
	// the config is "{}".
	PackConfigMediaType = types.OCIConfigJSON
	// PackArtifactType says, in the manifest's artifactType, that the
	// artifact is a slate policy pack (OPA ignores it).
	PackArtifactType = "application/vnd.slate-ot.policy-pack.v1"
	// RunArtifactType is a run's artifactType.
	RunArtifactType = "application/vnd.slate-ot.run.v1"
	// RunConfigMediaType is a run's config: its manifest.json, as is.
	RunConfigMediaType types.MediaType = "application/vnd.slate-ot.run.manifest.v1+json"
	// RunFileMediaType is each file of a run, one layer per file.
	RunFileMediaType types.MediaType = "application/vnd.slate-ot.run.file.v1"
	// TitleAnnotation names a layer's file (the OCI annotation ORAS uses).
	TitleAnnotation = "org.opencontainers.image.title"
)

// packTitle is the file name a pack's layer carries, whatever the name of
// the file pushed, so that the same bundle gives the same digest.
const packTitle = "bundle.tar.gz"

// maxManifest and maxBlob bound what is read from a registry.
const (
	maxManifest = 4 << 20
	maxBlob     = 256 << 20
)

// Options say how to reach registries.
type Options struct {
	// Insecure allows plain HTTP to any registry. Registries on localhost,
	// loopback and private addresses are spoken to over HTTP without it.
	Insecure bool
	// Keychain finds credentials; nil is the docker config keychain
	// (authn.DefaultKeychain: ~/.docker/config.json, DOCKER_CONFIG and
	// credential helpers).
	Keychain authn.Keychain
	// Transport carries the requests; nil is http.DefaultTransport.
	Transport http.RoundTripper
}

func (o Options) remote(ctx context.Context) []remote.Option {
	kc := o.Keychain
	if kc == nil {
		kc = authn.DefaultKeychain
	}
	opts := []remote.Option{remote.WithContext(ctx), remote.WithAuthFromKeychain(kc)}
	if o.Transport != nil {
		opts = append(opts, remote.WithTransport(o.Transport))
	}
	return opts
}

// RefError is a reference that does not parse, or that is not of the
// form an operation needs.
type RefError struct {
	Ref string
	Err error
}

func (e *RefError) Error() string { return fmt.Sprintf("reference %q: %v", e.Ref, e.Err) }

func (e *RefError) Unwrap() error { return e.Err }

// DigestError is content whose digest is not the one it was asked for
// by: a registry that answered a pinned reference with other bytes.
type DigestError struct {
	Ref       string
	Want, Got string
}

func (e *DigestError) Error() string {
	return fmt.Sprintf("%s: the registry sent content with digest %s, not the pinned %s", e.Ref, e.Got, e.Want)
}

// ParseReference parses ref: REGISTRY/REPOSITORY with a :TAG, an
// @sha256:DIGEST or both; an "oci://" prefix is dropped. A reference
// without a registry is refused rather than sent to Docker Hub.
func (o Options) ParseReference(ref string) (name.Reference, error) {
	s := strings.TrimPrefix(ref, "oci://")
	if s == "" {
		return nil, &RefError{Ref: ref, Err: errors.New("empty")}
	}
	var nopts []name.Option
	if o.Insecure {
		nopts = append(nopts, name.Insecure)
	}
	if host, _, _ := strings.Cut(s, "/"); !strings.Contains(s, "/") || !strings.ContainsAny(host, ".:") && host != "localhost" {
		return nil, &RefError{Ref: ref, Err: errors.New("name the registry, like registry.example.com/packs/ot-extra:1.0 or localhost:5000/packs/ot-extra:1.0")}
	}
	// Without tag or digest, :latest, as for docker and cosign.
	var r name.Reference
	var err error
	if strings.Contains(s, "@") {
		r, err = name.NewDigest(s, nopts...)
	} else {
		r, err = name.NewTag(s, nopts...)
	}
	if err != nil {
		return nil, &RefError{Ref: ref, Err: err}
	}
	return r, nil
}

// PinnedDigest returns ref's digest reference; a reference without a
// digest (a tag only) is a RefError.
func (o Options) PinnedDigest(ref string) (name.Digest, error) {
	r, err := o.ParseReference(ref)
	if err != nil {
		return name.Digest{}, err
	}
	d, ok := r.(name.Digest)
	if !ok {
		return name.Digest{}, &RefError{Ref: ref, Err: errors.New("not pinned by digest: add @sha256:… (slate policy push prints it)")}
	}
	return d, nil
}

// rawManifest is a manifest to put as its bytes are.
type rawManifest struct {
	raw []byte
	mt  types.MediaType
}

func (m rawManifest) RawManifest() ([]byte, error)        { return m.raw, nil }
func (m rawManifest) MediaType() (types.MediaType, error) { return m.mt, nil }

// blob is one blob of an artifact and its descriptor.
type blob struct {
	data []byte
	desc v1.Descriptor
}

func newBlob(data []byte, mt types.MediaType, annotations map[string]string) (blob, error) {
	h, n, err := v1.SHA256(bytes.NewReader(data))
	if err != nil {
		return blob{}, err
	}
	return blob{data: data, desc: v1.Descriptor{MediaType: mt, Size: n, Digest: h, Annotations: annotations}}, nil
}

// push uploads config and layers to the repository of ref and puts the
// manifest (its bytes depend only on them) at ref. It returns the
// manifest's digest reference.
func (o Options) push(ctx context.Context, ref name.Reference, artifactType string, config blob, layers []blob) (name.Digest, error) {
	m := v1.Manifest{
		SchemaVersion: 2,
		MediaType:     types.OCIManifestSchema1,
		ArtifactType:  artifactType,
		Config:        config.desc,
	}
	ropts := o.remote(ctx)
	for _, b := range append([]blob{config}, layers...) {
		if err := remote.WriteLayer(ref.Context(), static.NewLayer(b.data, b.desc.MediaType), ropts...); err != nil {
			return name.Digest{}, fmt.Errorf("push to %s: %w", ref.Context(), err)
		}
	}
	for _, l := range layers {
		m.Layers = append(m.Layers, l.desc)
	}
	raw, err := json.Marshal(m)
	if err != nil {
		return name.Digest{}, err
	}
	h, _, err := v1.SHA256(bytes.NewReader(raw))
	if err != nil {
		return name.Digest{}, err
	}
	if d, ok := ref.(name.Digest); ok && d.DigestStr() != h.String() {
		return name.Digest{}, &DigestError{Ref: ref.String(), Want: d.DigestStr(), Got: h.String()}
	}
	if err := remote.Put(ref, rawManifest{raw, types.OCIManifestSchema1}, ropts...); err != nil {
		return name.Digest{}, fmt.Errorf("push %s: %w", ref, err)
	}
	return ref.Context().Digest(h.String()), nil
}

// fetch returns the manifest at ref, checked against ref's digest when
// it has one, and its digest reference.
func (o Options) fetch(ctx context.Context, ref name.Reference) (*v1.Manifest, name.Digest, error) {
	desc, err := remote.Get(ref, o.remote(ctx)...)
	if err != nil {
		return nil, name.Digest{}, fmt.Errorf("pull %s: %w", ref, err)
	}
	if len(desc.Manifest) > maxManifest {
		return nil, name.Digest{}, fmt.Errorf("pull %s: the manifest is larger than %d bytes", ref, maxManifest)
	}
	h, _, err := v1.SHA256(bytes.NewReader(desc.Manifest))
	if err != nil {
		return nil, name.Digest{}, err
	}
	if d, ok := ref.(name.Digest); ok && d.DigestStr() != h.String() {
		return nil, name.Digest{}, &DigestError{Ref: ref.String(), Want: d.DigestStr(), Got: h.String()}
	}
	switch desc.MediaType {
	case types.OCIManifestSchema1, types.DockerManifestSchema2:
	default:
		return nil, name.Digest{}, fmt.Errorf("pull %s: a %s, not an artifact manifest (%s)", ref, desc.MediaType, types.OCIManifestSchema1)
	}
	m, err := v1.ParseManifest(bytes.NewReader(desc.Manifest))
	if err != nil {
		return nil, name.Digest{}, fmt.Errorf("pull %s: %w", ref, err)
	}
	return m, ref.Context().Digest(h.String()), nil
}

// blob returns the bytes of the blob desc describes in repo, checked
// against its digest and size.
func (o Options) blob(ctx context.Context, repo name.Repository, desc v1.Descriptor) ([]byte, error) {
	if desc.Size < 0 || desc.Size > maxBlob {
		return nil, fmt.Errorf("blob %s: size %d is out of bounds (at most %d bytes)", desc.Digest, desc.Size, maxBlob)
	}
	l, err := remote.Layer(repo.Digest(desc.Digest.String()), o.remote(ctx)...)
	if err != nil {
		return nil, fmt.Errorf("blob %s: %w", desc.Digest, err)
	}
	rc, err := l.Compressed()
	if err != nil {
		return nil, fmt.Errorf("blob %s: %w", desc.Digest, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, desc.Size+1))
	if err != nil {
		return nil, fmt.Errorf("blob %s: %w", desc.Digest, err)
	}
	h, n, err := v1.SHA256(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if h != desc.Digest || n != desc.Size {
		return nil, &DigestError{Ref: repo.Digest(desc.Digest.String()).String(), Want: desc.Digest.String(), Got: h.String()}
	}
	return data, nil
}

// isNotFound reports whether err is a registry's "no such manifest".
func isNotFound(err error) bool {
	var terr *transport.Error
	return errors.As(err, &terr) && terr.StatusCode == http.StatusNotFound
}

// Resolve returns the digest reference ref names now: ref itself when it
// is pinned, else what the registry says its tag points to.
func (o Options) Resolve(ctx context.Context, ref name.Reference) (name.Digest, error) {
	if d, ok := ref.(name.Digest); ok {
		return d, nil
	}
	desc, err := remote.Head(ref, o.remote(ctx)...)
	if err != nil {
		return name.Digest{}, fmt.Errorf("resolve %s: %w", ref, err)
	}
	return ref.Context().Digest(desc.Digest.String()), nil
}
