package main

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/slate-ot/slate/engine"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/attest"
	"github.com/slate-ot/slate/reports"
)

func newVerifyCmd() *cobra.Command {
	var (
		key        = KeyOptions{what: "public", example: "cosign.pub"}
		evalOpts   EvalOptions
		assessment string
		offline    bool
	)
	cmd := &cobra.Command{
		Use:   "verify DIR",
		Short: "Verify a signed output directory and re-evaluate its scorecard",
		Long: `verify checks DIR as 'slate sign' left it, with the public key:

  - slate.intoto.json: the DSSE signature, the statement and predicate type;
  - every attested file: its sha256 is the attested one, its .sig and its
    .sigstore.json verify; scorecard.json and bundle.json are attested and
    no report sits in DIR unsigned;
  - the predicate is the one scorecard.json gives; bundle.json is the
    bundle the scorecard names.

Then it re-evaluates: the signed bundle.json is evaluated again with the
assessment file (--assessment, default the current directory, as for
'slate assess') on the signed date, and the scorecard and every signed
report must come out byte for byte as signed. The engine version, the
policies and the assessment file must be the ones recorded.

Exit 0 when everything holds, 4 naming each file and check that failed.
verify never uses the network; --offline is accepted for scripts that
say so.`,
		Example: `  slate verify out --key cosign.pub --assessment examples/plant-a`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[0]
			if err := evalOpts.Validate(); err != nil {
				return err
			}
			raw, err := key.Read()
			if err != nil {
				return err
			}
			pub, err := attest.LoadPublicKey(raw)
			if err != nil {
				return withCode(ExitUsage, fmt.Errorf("%s: %w", key.Key, err))
			}
			verified, err := attest.Verify(dir, pub, attest.VerifyOptions{
				Required: []string{attest.ScorecardFile, attest.BundleFile},
				Known:    knownOutputs(),
			})
			if err != nil {
				return withCode(ExitVerify, fmt.Errorf("verification failed:\n%w", err))
			}
			if err := reproduce(cmd, dir, assessment, verified, evalOpts.Engine(&RunOptions{})); err != nil {
				return err
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "Verified OK: %d file(s) in %s signed, attested and reproduced\n", len(verified.Files), dir)
			return err
		},
	}
	key.AddFlags(cmd)
	evalOpts.AddFlags(cmd)
	cmd.Flags().StringVar(&assessment, "assessment", ".", "assessment file or its directory, to re-evaluate the bundle with")
	cmd.Flags().BoolVar(&offline, "offline", false, "never use the network (verify never does; key-based verification is offline)")
	return cmd
}

// reproduce evaluates the verified bundle again and compares the
// scorecard and every signed report with the signed bytes.
func reproduce(cmd *cobra.Command, dir, assessment string, v *attest.Verified, opts engine.Options) error {
	pred := v.Statement.Predicate
	if pred.Engine.Version != engine.Version {
		return withCode(ExitVerify, &attest.VerifyError{
			File: filepath.Join(dir, attest.ScorecardFile), Check: "re-evaluation",
			Err: fmt.Errorf("made by slate engine %s, this is %s: only the same version reproduces its bytes", pred.Engine.Version, engine.Version),
		})
	}
	b, err := evidence.DecodeBundle(filepath.Join(dir, attest.BundleFile), v.Files[attest.BundleFile])
	if err != nil {
		return withCode(ExitVerify, err)
	}
	// The signed date, not the bundle's or the environment's.
	opts.AsOf = pred.Assessment.AsOf
	res, err := engine.EvaluateBundle(cmd.Context(), assessment, b, collectorsFor(cmd), opts)
	if err != nil {
		return err
	}
	// The history a run embedded comes from earlier runs, not from the
	// bundle: carry the signed one over before comparing.
	if err := carryHistory(res, v.Files[attest.ScorecardFile]); err != nil {
		return withCode(ExitVerify, err)
	}
	var errs []error
	for _, d := range []struct{ what, signed, remade string }{
		{"assessment file", pred.Digests.Assessment, res.Scorecard.Digests.Assessment},
		{"policy set", pred.Digests.Policies, res.Scorecard.Digests.Policies},
	} {
		if d.signed != d.remade {
			errs = append(errs, &attest.VerifyError{
				File: filepath.Join(dir, attest.ScorecardFile), Check: "re-evaluation",
				Err: fmt.Errorf("the %s differs: signed %s, now %s (%s)", d.what, d.signed, d.remade, res.Assessment.File),
			})
		}
	}
	errs = append(errs, attest.CheckReproduced(dir, attest.ScorecardFile, v.Files[attest.ScorecardFile], res.ScorecardJSON))
	for _, name := range reports.Names() {
		f, _ := reports.Lookup(name)
		signed, ok := v.Files[f.File]
		if !ok || f.File == attest.ScorecardFile {
			continue
		}
		files, err := reports.Render(res.Scorecard, []string{name})
		if err != nil {
			return err
		}
		errs = append(errs, attest.CheckReproduced(dir, f.File, signed, files[f.File]))
	}
	if err := errors.Join(errs...); err != nil {
		return withCode(ExitVerify, fmt.Errorf("verification failed:\n%w", err))
	}
	return nil
}
