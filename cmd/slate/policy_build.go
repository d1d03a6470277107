package main

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/slate-ot/slate/engine"
	"github.com/slate-ot/slate/evidence/attest"
)

var _ Options = (*PackOptions)(nil)

// PackOptions are the flags of policy build.
type PackOptions struct {
	Output string
	// Key is the private key that signs the pack, "" for none.
	Key string
}

// AddFlags adds -o (required) and --key.
func (o *PackOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringVarP(&o.Output, "output", "o", "", "the bundle file to write, e.g. pack.tar.gz (required)")
	_ = cmd.MarkFlagRequired("output")
	cmd.Flags().StringVar(&o.Key, "key", "", "sign the pack with this private key (cosign.key; the password comes from COSIGN_PASSWORD or a prompt)")
	_ = cmd.MarkFlagFilename("key")
}

// signingKey returns the PEM (PKCS #8) of the decrypted private key, nil
// without --key.
func (o *PackOptions) signingKey(cmd *cobra.Command) ([]byte, error) {
	if o.Key == "" {
		return nil, nil
	}
	raw, err := os.ReadFile(o.Key)
	if err != nil {
		return nil, withCode(ExitUsage, fmt.Errorf("read private key: %w", err))
	}
	password, err := readPassword(cmd, false)
	if err != nil {
		return nil, err
	}
	priv, err := attest.LoadECDSAPrivateKey(raw, password)
	if err != nil {
		return nil, withCode(ExitUsage, fmt.Errorf("%s: %w", o.Key, err))
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}

func newPolicyBuildCmd() *cobra.Command {
	var o PackOptions
	cmd := &cobra.Command{
		Use:   "build DIR -o pack.tar.gz",
		Short: "Build a policy pack: custom checks as an OPA bundle, optionally signed",
		Long: `build compiles the custom policies in DIR as an assessment would (beside the
built-in ones, strict, with their METADATA checked) and writes them as an OPA
bundle: each module at its path in DIR, an empty data.json and a .manifest
whose revision is the digest of the modules and whose roots are their
packages. The same modules give the same bytes wherever they are checked out.

With --key the bundle carries a .signatures.json as OPA defines it (a JWT,
ES256, over the hashes of its files), which an assessment verifies with the
public key its policies block names (bundle_key = "cosign.pub"), as does
'opa run --verification-key'. A signed pack's signature differs from one
build to the next (ECDSA); its other files do not.`,
		Example: `  slate policy build site-policies -o packs/ot-extra.tar.gz
  COSIGN_PASSWORD=… slate policy build site-policies -o packs/ot-extra.tar.gz --key cosign.key`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			key, err := o.signingKey(cmd)
			if err != nil {
				return err
			}
			raw, err := engine.BuildPack(args[0], key)
			if err != nil {
				return err
			}
			if err := os.WriteFile(o.Output, raw, 0o644); err != nil {
				return err
			}
			signed := "unsigned"
			if key != nil {
				signed = "signed"
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "wrote %s (%s)\n", o.Output, signed)
			return err
		},
	}
	o.AddFlags(cmd)
	return cmd
}
