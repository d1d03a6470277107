package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/sigstore/sigstore/pkg/signature"
	"github.com/spf13/cobra"

	"github.com/slate-ot/slate/engine"
	"github.com/slate-ot/slate/evidence/attest"
	"github.com/slate-ot/slate/oci"
)

var (
	_ Options = (*RegistryOptions)(nil)
	_ Options = (*OCIKeyOptions)(nil)
	// The registry client is what the engine fetches pinned packs with.
	_ engine.PackFetcher = oci.PackFetcher{}
)

// RegistryOptions say how to reach a registry.
type RegistryOptions struct {
	AllowInsecure bool
}

// AddFlags adds --allow-insecure-registry.
func (o *RegistryOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&o.AllowInsecure, "allow-insecure-registry", false,
		"allow plain HTTP to the registry (localhost, loopback and private addresses always use it)")
}

// Client returns the library options: credentials from the docker config
// (~/.docker/config.json, DOCKER_CONFIG, credential helpers).
func (o *RegistryOptions) Client() oci.Options {
	return oci.Options{Insecure: o.AllowInsecure}
}

// OCIKeyOptions name the key that signs what is pushed (private) or
// verifies what is pulled (public); both are optional.
type OCIKeyOptions struct {
	Key string
	// public says which kind of key --key is.
	public bool
}

// AddFlags adds --key.
func (o *OCIKeyOptions) AddFlags(cmd *cobra.Command) {
	usage := "sign the pushed artifact in cosign's OCI layout with this private key (cosign.key; the password comes from COSIGN_PASSWORD or a prompt)"
	if o.public {
		usage = "verify the artifact's cosign signature with this public key (cosign.pub) before writing anything"
	}
	cmd.Flags().StringVar(&o.Key, "key", "", usage)
	_ = cmd.MarkFlagFilename("key")
}

// signer returns the signer of --key, nil without it.
func (o *OCIKeyOptions) signer(cmd *cobra.Command) (signature.SignerVerifier, error) {
	if o.Key == "" {
		return nil, nil
	}
	k := KeyOptions{Key: o.Key, what: "private"}
	return k.Signer(cmd)
}

// verifier returns the verifier of --key, nil without it.
func (o *OCIKeyOptions) verifier() (signature.Verifier, error) {
	if o.Key == "" {
		return nil, nil
	}
	raw, err := (&KeyOptions{Key: o.Key, what: "public"}).Read()
	if err != nil {
		return nil, err
	}
	pub, err := attest.LoadPublicKey(raw)
	if err != nil {
		return nil, withCode(ExitUsage, fmt.Errorf("%s: %w", o.Key, err))
	}
	return pub, nil
}

// ociCode gives registry errors their exit codes: a bad reference or
// folder is a usage error; a signature or digest that does not hold is a
// failed verification.
func ociCode(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := errors.AsType[*oci.SignatureError](err); ok {
		return withCode(ExitVerify, err)
	}
	if _, ok := errors.AsType[*oci.DigestError](err); ok {
		return withCode(ExitVerify, err)
	}
	return withCode(ExitUsage, err)
}

// pushed signs d with --key when given and prints d, the reference to
// pin, alone on stdout.
func pushed(cmd *cobra.Command, reg *RegistryOptions, signer signature.SignerVerifier, d name.Digest) error {
	if signer != nil {
		if err := reg.Client().Sign(cmd.Context(), d, signer); err != nil {
			return ociCode(err)
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "signed %s (signatures: %s)\n", d, oci.SignatureTag(d))
	}
	_, err := fmt.Fprintln(cmd.OutOrStdout(), d)
	return err
}

// verified checks the cosign signature of d with --key, when given.
func verified(cmd *cobra.Command, reg *RegistryOptions, key *OCIKeyOptions, d name.Digest) error {
	pub, err := key.verifier()
	if err != nil || pub == nil {
		return err
	}
	if _, err := reg.Client().Verify(cmd.Context(), d, pub); err != nil {
		return ociCode(err)
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "verified the cosign signature of %s with %s\n", d, key.Key)
	return nil
}

func newPolicyPushCmd() *cobra.Command {
	var (
		reg RegistryOptions
		key OCIKeyOptions
	)
	cmd := &cobra.Command{
		Use:   "push PACK REF",
		Short: "Push a policy pack to an OCI registry, optionally signed with cosign's layout",
		Long: `push stores the policy pack PACK (an OPA bundle, as 'slate policy build' or
'opa build' writes it) at REF as an OCI artifact that OPA's own OCI
downloader reads: one ` + string(oci.PackLayerMediaType) + ` layer
holding the bundle's bytes and a "{}" ` + string(oci.PackConfigMediaType) + `
config (artifactType ` + oci.PackArtifactType + `). The same bundle gives
the same digest. It prints the reference pinned by digest, to put in an
assessment's policies { oci = [...] }.

With --key the artifact is signed as 'cosign sign --key' signs it (a
simple-signing payload under the tag sha256-<hex>.sig), so that cosign
(cosign verify --key cosign.pub --insecure-ignore-tlog=true REF@sha256:…)
and assessments that name a bundle_key verify it. Credentials come from the
docker config (docker login).`,
		Example: `  slate policy push packs/ot-extra.tar.gz registry.example.com/packs/ot-extra:1.0 --key cosign.key`,
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			signer, err := key.signer(cmd)
			if err != nil {
				return err
			}
			pack, err := os.ReadFile(args[0])
			if err != nil {
				return withCode(ExitUsage, fmt.Errorf("read policy pack: %w", err))
			}
			d, err := reg.Client().PushPack(cmd.Context(), args[1], pack)
			if err != nil {
				return ociCode(fmt.Errorf("%s: %w", args[0], err))
			}
			return pushed(cmd, &reg, signer, d)
		},
	}
	reg.AddFlags(cmd)
	key.AddFlags(cmd)
	return cmd
}

func newPolicyPullCmd() *cobra.Command {
	var (
		reg    RegistryOptions
		key    = OCIKeyOptions{public: true}
		output string
	)
	cmd := &cobra.Command{
		Use:   "pull REF -o pack.tar.gz",
		Short: "Pull a policy pack from an OCI registry",
		Long: `pull writes the OPA bundle of the policy pack at REF to the -o file: the one
` + string(oci.PackLayerMediaType) + ` layer, as OPA's OCI downloader
takes it (packs pushed with 'oras push' as OPA documents it pull too). A
REF pinned by digest (@sha256:…) must get exactly that artifact. With
--key its cosign signature must verify first (exit 4 otherwise) and
nothing is written until it does. It prints the pinned reference.`,
		Example: `  slate policy pull registry.example.com/packs/ot-extra:1.0 -o packs/ot-extra.tar.gz --key cosign.pub`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			pack, d, err := reg.Client().PullPack(cmd.Context(), args[0])
			if err != nil {
				return ociCode(err)
			}
			if err := verified(cmd, &reg, &key, d); err != nil {
				return err
			}
			if err := os.WriteFile(output, pack, 0o644); err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s\n", output)
			_, err = fmt.Fprintln(cmd.OutOrStdout(), d)
			return err
		},
	}
	reg.AddFlags(cmd)
	key.AddFlags(cmd)
	cmd.Flags().StringVarP(&output, "output", "o", "", "the bundle file to write, e.g. pack.tar.gz (required)")
	_ = cmd.MarkFlagRequired("output")
	return cmd
}

func newPushCmd() *cobra.Command {
	var (
		reg RegistryOptions
		key OCIKeyOptions
	)
	cmd := &cobra.Command{
		Use:   "push DIR REF",
		Short: "Push a run (the output folder of assess, signed or not) to an OCI registry",
		Long: `push stores the run in DIR at REF as one OCI artifact (artifactType
` + oci.RunArtifactType + `): its config is the run's manifest.json
(` + string(oci.RunConfigMediaType) + `) and each file of DIR is one
` + string(oci.RunFileMediaType) + ` layer named by its path in the
org.opencontainers.image.title annotation. 'slate pull' writes the same
bytes back, so 'slate verify' passes on the pulled folder as on DIR.
DIR is checked as 'slate sign' checks it: a folder without manifest.json,
with a listed file changed, or holding a file the run did not write is
refused (exit 2). It prints the reference pinned by digest.

With --key the artifact is also signed in cosign's OCI layout, so that
cosign accepts it (cosign verify --key cosign.pub --insecure-ignore-tlog=true REF@sha256:…);
the files' own signatures ('slate sign') travel inside the artifact
either way.`,
		Example: `  slate sign out --key cosign.key
  slate push out registry.example.com/runs/plant-a:2026-11-01 --key cosign.key`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			signer, err := key.signer(cmd)
			if err != nil {
				return err
			}
			d, err := reg.Client().PushRun(cmd.Context(), args[0], args[1])
			if err != nil {
				return ociCode(err)
			}
			return pushed(cmd, &reg, signer, d)
		},
	}
	reg.AddFlags(cmd)
	key.AddFlags(cmd)
	return cmd
}

func newPullCmd() *cobra.Command {
	var (
		reg    RegistryOptions
		key    = OCIKeyOptions{public: true}
		output string
	)
	cmd := &cobra.Command{
		Use:   "pull REF -o DIR",
		Short: "Pull a run from an OCI registry into an empty folder",
		Long: `pull writes the run at REF into DIR, which must be empty or absent: every
file as it was pushed. Each layer must name a file of the run its
manifest lists, once, with the listed digest; nothing is written unless
all do. With --key the artifact's cosign signature must verify first
(exit 4 otherwise). Then 'slate verify' checks the run itself, offline, as
in the example. It prints the pinned reference.`,
		Example: `  slate pull registry.example.com/runs/plant-a:2026-11-01 -o out --key cosign.pub
  slate verify out --key cosign.pub`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c := reg.Client()
			r, err := c.ParseReference(args[0])
			if err != nil {
				return ociCode(err)
			}
			if key.Key != "" {
				// The signature is checked before any file is written, on
				// the digest the reference resolves to now.
				d, err := c.Resolve(cmd.Context(), r)
				if err != nil {
					return ociCode(err)
				}
				if err := verified(cmd, &reg, &key, d); err != nil {
					return err
				}
				r = d
			}
			d, err := c.PullRun(cmd.Context(), r.String(), output)
			if err != nil {
				return ociCode(err)
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "wrote the run into %s\n", output)
			_, err = fmt.Fprintln(cmd.OutOrStdout(), d)
			return err
		},
	}
	reg.AddFlags(cmd)
	key.AddFlags(cmd)
	cmd.Flags().StringVarP(&output, "output", "o", "", "the folder to write the run into, empty or new (required)")
	_ = cmd.MarkFlagRequired("output")
	_ = cmd.MarkFlagDirname("output")
	return cmd
}
