// Package oci ships policy packs and signed runs through OCI registries,
// and signs and verifies them in cosign's OCI layout, with
// go-containerregistry as the registry client.
//
// A policy pack is an artifact OPA's own OCI downloader reads: one
// application/vnd.oci.image.layer.v1.tar+gzip layer holding the OPA
// bundle's bytes and an application/vnd.oci.image.config.v1+json config
// ("{}"). A run is one artifact of its own type whose config is the run's
// manifest.json and whose layers are its files, one layer each, named by
// the org.opencontainers.image.title annotation (as ORAS names files), so
// that a pulled run is byte for byte the folder that was pushed.
//
// Signatures are cosign's: a simple-signing payload naming the manifest
// digest, signed with the ECDSA key, stored as a layer of the image tagged
// sha256-<hex>.sig in the same repository, the base64 signature in the
// layer's dev.cosignproject.cosign/signature annotation. `cosign verify
// --key` reads them, and Verify reads what `cosign sign --key` writes.
//
// oci imports evidence/attest (the run manifest) and nothing of the engine
// or the reports; the engine reaches it through engine.PackFetcher.
package oci
