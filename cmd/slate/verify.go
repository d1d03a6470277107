package main

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/engine/verify"
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

  - manifest.json is attested and lists exactly the attested files, and
    DIR holds no other file.

Then it re-evaluates: the signed bundle.json is evaluated again with the
assessment file and the policy set sealed in DIR (assessment.tar.gz,
policies.tar.gz) on the signed date, and the scorecard and every signed
report must come out byte for byte as signed. DIR needs nothing else: copy
it anywhere and verify it there. --assessment FILE|DIR re-evaluates with
that assessment file and its policies instead; their digests must be the
signed ones. The engine version must be the one recorded.

Exit 0 when everything holds, 4 naming each file and check that failed.
verify never uses the network; --offline is accepted for scripts that
say so.`,
		Example: `  slate verify out --key cosign.pub
  slate verify out --key cosign.pub --assessment examples/plant-a`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
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
			// Reports are made again as they were written (the SARIF log's
			// base); a file that does not say is remade plain and differs.
			recorded, err := reports.Recorded(args[0])
			if err != nil {
				recorded = reports.Options{}
			}
			// Offline: packs pinned in registries are not fetched; the
			// sealed policies hold their modules.
			eopts := evalOpts.Engine(&RunOptions{})
			eopts.Packs = nil
			res, err := verify.Dir(cmd.Context(), args[0], pub, verify.Options{
				Assessment: assessment,
				Collectors: collectorsFor(cmd),
				Engine:     eopts,
				Reports:    verifyReports(recorded),
			})
			if _, bad := errors.AsType[*verify.Error](err); bad {
				return withCode(ExitVerify, err)
			}
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "Verified OK: %d file(s) in %s signed, attested and reproduced\n", len(res.Files), args[0])
			return err
		},
	}
	key.AddFlags(cmd)
	evalOpts.AddFlags(cmd)
	cmd.Flags().StringVar(&assessment, "assessment", "", "assessment file or its directory to re-evaluate the bundle with, instead of the one sealed in DIR (its digest must be the signed one)")
	cmd.Flags().BoolVar(&offline, "offline", false, "never use the network (verify never does; key-based verification is offline)")
	return cmd
}

// verifyReports are the files of every report format of the table,
// written with o, for verify.Options.
func verifyReports(o reports.Options) []verify.Report {
	var out []verify.Report
	for _, name := range reports.Names() {
		f, err := reports.Lookup(name)
		if err != nil {
			continue
		}
		for _, output := range f.Outputs(o) {
			out = append(out, verify.Report{File: output.File, Render: func(sc *scorecard.Scorecard) ([]byte, error) {
				var buf bytes.Buffer
				err := output.Write(&buf, sc)
				return buf.Bytes(), err
			}})
		}
	}
	return out
}
