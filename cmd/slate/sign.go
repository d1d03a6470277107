package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/sigstore/sigstore/pkg/signature"
	"github.com/spf13/cobra"

	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence/attest"
	"github.com/slate-ot/slate/internal/publish"
	"github.com/slate-ot/slate/reports"
)

var _ Options = (*KeyOptions)(nil)

// KeyOptions name the key file of sign (private) or verify (public).
type KeyOptions struct {
	Key string
	// what is "private" or "public"; example a default file name.
	what, example string
}

// AddFlags adds --key (required).
func (o *KeyOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.Key, "key", "", o.what+" key file, e.g. "+o.example+" (required)")
	_ = cmd.MarkFlagRequired("key")
	_ = cmd.MarkFlagFilename("key")
}

// Read returns the key file's bytes.
func (o *KeyOptions) Read() ([]byte, error) {
	raw, err := os.ReadFile(o.Key)
	if err != nil {
		return nil, withCode(ExitUsage, fmt.Errorf("read %s key: %w", o.what, err))
	}
	return raw, nil
}

// Signer reads the private key file and decrypts it with the password
// from COSIGN_PASSWORD or a prompt.
func (o *KeyOptions) Signer(cmd *cobra.Command) (signature.SignerVerifier, error) {
	raw, err := o.Read()
	if err != nil {
		return nil, err
	}
	password, err := readPassword(cmd, false)
	if err != nil {
		return nil, err
	}
	signer, err := attest.LoadPrivateKey(raw, password)
	if err != nil {
		return nil, withCode(ExitUsage, fmt.Errorf("%s: %w", o.Key, err))
	}
	return signer, nil
}

func newSignCmd() *cobra.Command {
	key := KeyOptions{what: "private", example: "cosign.key"}
	cmd := &cobra.Command{
		Use:   "sign DIR",
		Short: "Sign an output directory: signatures, Sigstore bundles and an in-toto attestation",
		Long: `sign signs the run 'slate assess' or 'slate evaluate' wrote in DIR:
exactly the files its manifest.json lists (the scorecard, the bundle, the
reports, the sealed assessment and policies) and the manifest. A file in DIR that the run did
not write, or a listed file changed since, is refused (exit 2) with its
name. For each signed file it writes FILE.sig (what
'cosign verify-blob --signature' reads) and FILE.sigstore.json (a Sigstore
bundle), and for all of them slate.intoto.json: a DSSE-signed in-toto
statement whose subjects are the files' sha256 and whose predicate
(` + attest.PredicateType + `) names the assessment, its date, the engine
version and the digests of the evidence, the policies and the assessment
file. The password is read from COSIGN_PASSWORD, else asked for. The files
on disk are signed as they are; the signature files are written all or none.`,
		Example: `  slate assess examples/plant-a --out out
  slate sign out --key cosign.key
  cosign verify-blob --key cosign.pub --signature out/scorecard.json.sig --insecure-ignore-tlog=true out/scorecard.json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[0]
			names, err := runNames(dir)
			if err != nil {
				return err
			}
			signer, err := key.Signer(cmd)
			if err != nil {
				return err
			}
			signed, err := attest.Sign(dir, names, signer)
			if err != nil {
				return withCode(ExitUsage, err)
			}
			// The run and its signatures appear at once: no state with
			// some signatures written and others not.
			all, err := attest.ListDir(dir)
			if err != nil {
				return err
			}
			if err := publishErr(publish.ReplaceDir(dir, signed.Files, all)); err != nil {
				return err
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "signed %d file(s) in %s: %s\nattestation: %s\n",
				len(names), dir, strings.Join(names, ", "), filepath.Join(dir, attest.AttestationFile))
			return err
		},
	}
	key.AddFlags(cmd)
	return cmd
}

// runNames lists the files of the run in dir that slate signs: those its
// manifest.json lists, and the manifest. A directory without a manifest,
// with a listed file changed since it was written, or holding any file
// that is not the run's (see attest.Manifest.Owns) is refused, naming the
// files.
func runNames(dir string) ([]string, error) {
	m, err := attest.ReadManifest(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, withCode(ExitUsage, fmt.Errorf("%s has no %s: sign the output directory of 'slate assess' or 'slate evaluate'", dir, attest.ManifestFile))
	}
	if err != nil {
		return nil, withCode(ExitUsage, err)
	}
	if changed := m.Changed(dir); len(changed) > 0 {
		return nil, withCode(ExitUsage, fmt.Errorf("%s: not the bytes its %s lists (changed or missing since slate wrote them): %s",
			dir, attest.ManifestFile, strings.Join(changed, ", ")))
	}
	unlisted, err := m.Unlisted(dir)
	if err != nil {
		return nil, err
	}
	if len(unlisted) > 0 {
		return nil, withCode(ExitUsage, fmt.Errorf("%s holds files its run did not write: %s\n"+
			"sign signs exactly the files %s lists; move the others away, or assess again with --clean.",
			dir, strings.Join(unlisted, ", "), attest.ManifestFile))
	}
	names := append(m.Names(), attest.ManifestFile)
	slices.Sort(names)
	return names, nil
}

// knownOutputs are the names of every file slate writes into an output
// directory: the bundle and each format's file, sorted.
func knownOutputs() []string {
	out := []string{attest.BundleFile}
	for _, n := range reports.Names() {
		f, err := reports.Lookup(n)
		if err != nil {
			continue
		}
		for _, o := range f.Outputs(reports.Options{}) {
			out = append(out, o.File)
		}
	}
	slices.Sort(out)
	return out
}

var _ Options = (*SignKeyOptions)(nil)

// SignKeyOptions let assess sign its outputs as it writes them.
type SignKeyOptions struct {
	Key    string
	signer signature.SignerVerifier
}

// AddFlags adds --sign-key.
func (o *SignKeyOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.Key, "sign-key", "", "sign the outputs with this private key (cosign.key) as 'slate sign' would; the password comes from COSIGN_PASSWORD or a prompt")
	_ = cmd.MarkFlagFilename("sign-key")
}

// Load reads and decrypts the key when --sign-key is set, before the
// assessment runs, so that a wrong password costs no assessment.
func (o *SignKeyOptions) Load(cmd *cobra.Command) error {
	if o.Key == "" {
		return nil
	}
	key := KeyOptions{Key: o.Key, what: "private"}
	var err error
	o.signer, err = key.Signer(cmd)
	return err
}

// Names are the signature files SignStage adds for the files names (every
// file of the run, its manifest among them); none without a key.
func (o *SignKeyOptions) Names(names []string) []string {
	if o.signer == nil {
		return nil
	}
	out := []string{attest.AttestationFile}
	for _, n := range names {
		out = append(out, n+attest.SigSuffix, n+attest.BundleSuffix)
	}
	return out
}

// SignStage adds to the files written into st (every file of the run,
// its manifest among them) their signature files, as 'slate sign' signs
// them, each file read back once from st; sc is the run's scorecard,
// whose predicate the attestation carries, and dir names the files in
// errors.
func (o *SignKeyOptions) SignStage(dir string, sc *scorecard.Scorecard, st *publish.Stage) error {
	if o.signer == nil {
		return nil
	}
	// The predicate is read from the scorecard's assessment, engine,
	// digests and evidence: encode those, not its gaps.
	head := *sc
	head.Gaps, head.Requirements, head.RootCauses = nil, nil, nil
	raw, err := head.Encode()
	if err != nil {
		return err
	}
	pred, err := attest.PredicateFromScorecard(filepath.Join(dir, attest.ScorecardFile), raw)
	if err != nil {
		return err
	}
	sig, err := attest.SignDigests(dir, pred, fileDigests(st), func(name string) (io.ReadCloser, error) { return st.Open(name) }, o.signer)
	if err != nil {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(sig.Files)) {
		if err := st.WriteBytes(name, sig.Files[name]); err != nil {
			return err
		}
	}
	return nil
}
