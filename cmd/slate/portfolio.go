package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/sigstore/sigstore/pkg/signature"
	"github.com/spf13/cobra"

	"github.com/slate-ot/slate/engine/portfolio"
	"github.com/slate-ot/slate/engine/portfolio/aggregate"
	"github.com/slate-ot/slate/engine/verify"
	"github.com/slate-ot/slate/reports"
	pfreports "github.com/slate-ot/slate/reports/portfolio"
)

var _ Options = (*PortfolioOptions)(nil)

// PortfolioOptions are the flags of `slate portfolio`.
type PortfolioOptions struct {
	Out        string
	Key        string
	KeysFile   string
	AsOf       string
	Reevaluate bool
	Formats    []string
	Eval       EvalOptions
	Registry   RegistryOptions
}

// AddFlags adds the portfolio flags.
func (o *PortfolioOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringVarP(&o.Out, "out", "o", "", "folder to write the portfolio into (required)")
	_ = cmd.MarkFlagRequired("out")
	cmd.Flags().StringVar(&o.Key, "key", "", "public key (cosign.pub) every run is verified with")
	cmd.Flags().StringVar(&o.KeysFile, "keys", "", "keys file (HCL) giving each site's public key: site \"GLOB\" { key = \"FILE\" }")
	cmd.Flags().StringVar(&o.AsOf, "as-of", "", "date YYYY-MM-DD that freshness and waivers are judged on (default: the newest verified run's)")
	cmd.Flags().BoolVar(&o.Reevaluate, "reevaluate", false, "also evaluate each run again from its sealed evidence and policies, as 'slate verify' does")
	cmd.Flags().StringSliceVarP(&o.Formats, "format", "f", pfreports.Names(), "formats to write: "+strings.Join(pfreports.Names(), ", "))
	_ = cmd.MarkFlagFilename("key")
	_ = cmd.MarkFlagFilename("keys", "hcl")
	_ = cmd.MarkFlagDirname("out")
	o.Eval.AddFlags(cmd)
	o.Registry.AddFlags(cmd)
}

// fetch pulls a run named by an oci:// reference, as 'slate pull' does.
func (o *PortfolioOptions) fetch(ctx context.Context, ref, dir string) (string, error) {
	d, err := o.Registry.Client().PullRun(ctx, ref, dir)
	if err != nil {
		return "", err
	}
	return d.String(), nil
}

// Validate checks the flags and loads the keys.
func (o *PortfolioOptions) Validate() error {
	if (o.Key == "") == (o.KeysFile == "") {
		return withCode(ExitUsage, errors.New("give exactly one of --key FILE and --keys FILE"))
	}
	for _, f := range o.Formats {
		if _, err := pfreports.Lookup(f); err != nil {
			return withCode(ExitUsage, err)
		}
	}
	return o.Eval.Validate()
}

// keys loads the key or the keys file.
func (o *PortfolioOptions) keys() (*aggregate.Keys, error) {
	if o.Key != "" {
		k, err := aggregate.SingleKey(o.Key)
		return k, withCode(ExitUsage, err)
	}
	k, err := aggregate.LoadKeys(o.KeysFile)
	if err != nil {
		return nil, err // *assessment.DiagError: exit 2 with places
	}
	return k, nil
}

// verifier checks one run: its signatures and digests, and with
// --reevaluate its re-evaluation, as `slate verify` does.
func (o *PortfolioOptions) verifier(cmd *cobra.Command) aggregate.VerifyFunc {
	return func(ctx context.Context, dir string, key signature.Verifier) ([]byte, error) {
		recorded, err := reports.Recorded(dir)
		if err != nil {
			recorded = reports.Options{}
		}
		if !o.Reevaluate {
			v, err := verify.Signatures(dir, key, verifyReports(recorded))
			if err != nil {
				return nil, err
			}
			return v.Files["scorecard.json"], nil
		}
		res, err := verify.Dir(ctx, dir, key, verify.Options{
			Collectors: collectorsFor(cmd),
			Engine:     o.Eval.Engine(&RunOptions{}),
			Reports:    verifyReports(recorded),
		})
		if err != nil {
			return nil, err
		}
		return res.Scorecard, nil
	}
}

func newPortfolioCmd() *cobra.Command {
	var o PortfolioOptions
	cmd := &cobra.Command{
		Use:   "portfolio RUNS... --out DIR (--key cosign.pub | --keys keys.hcl)",
		Short: "Verify many sites' signed runs and build one view across sites and time",
		Long: `portfolio reads run folders as 'slate assess --out' and 'slate sign' leave
them (a RUNS argument that is not a run is searched for runs below it) or
as 'slate push' stores them in an OCI registry (a RUNS argument
oci://REGISTRY/REPOSITORY[:TAG][@sha256:DIGEST] is pulled into a temporary
folder and named by its digest), verifies each with its site's public key (--key for all, or --keys mapping
assessment names to keys), and builds one view of the runs that verify:

  - per site, zone and FR the SL-A range against SL-T (a heat map);
  - sites ranked by risk: sites with KEV-affected assets first, then by the
    sum of the risk scores of their open root causes;
  - open gaps by owner and severity, and each site's top risks;
  - fleet-wide patterns: a requirement failing at many sites;
  - each site's trend over its runs (SL-A, open gaps, stale evidence);
  - stale evidence and waivers expired, expiring or unused on the
    portfolio date (--as-of, default the newest run's);
  - every run with the key that signed it, and every run that did not
    verify with the reason. Those are left out of every figure.

Sites are told apart by the assessment name in the scorecard, runs of one
site by their date. Verification checks the signatures, the attestation,
every digest and the manifest (as 'slate verify' does before it
re-evaluates); --reevaluate also evaluates each run again and requires the
same bytes. The output (portfolio.json, .md, .html, .xlsx) is the same
bytes for the same runs, whatever the order they are read in.

Exit 0 when the portfolio is written, even with runs left out (each is
named on stderr); 4 when no run verifies; 2 for bad flags or keys file.`,
		Example: `  slate portfolio runs/* --out out/portfolio --key cosign.pub
  slate portfolio runs --out out/portfolio --keys keys.hcl --as-of 2026-12-01
  slate portfolio oci://registry.example.com/runs/plant-a@sha256:… runs --out out/portfolio --keys keys.hcl
  slate portfolio runs --out out/portfolio --keys keys.hcl --reevaluate --format json,md`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := o.Validate(); err != nil {
				return err
			}
			keys, err := o.keys()
			if err != nil {
				return err
			}
			runs, err := aggregate.Discover(args)
			if err != nil {
				return withCode(ExitUsage, err)
			}
			p, err := aggregate.Build(cmd.Context(), runs, aggregate.Options{
				Keys: keys, Verify: o.verifier(cmd), Reevaluated: o.Reevaluate, AsOf: o.AsOf, Fetch: o.fetch,
			})
			if err != nil {
				return withCode(ExitUsage, err)
			}
			files, err := pfreports.Write(o.Out, p, o.Formats)
			if err != nil {
				return err
			}
			return printPortfolio(cmd.OutOrStdout(), cmd.ErrOrStderr(), o.Out, files, p)
		},
	}
	o.AddFlags(cmd)
	return cmd
}

// printPortfolio says what was written and names every run left out.
func printPortfolio(out, errw io.Writer, dir string, files []string, p *portfolio.Portfolio) error {
	for _, r := range p.Runs {
		if !r.Verified {
			fmt.Fprintf(errw, "warning: %s left out: %s\n", r.Path, r.Reason)
		}
	}
	fmt.Fprintf(out, "Portfolio: %d site(s) as of %s; %d run(s) verified, %d left out\n", len(p.Sites), p.AsOf, p.Verified, p.Unverified)
	for _, s := range p.Sites {
		fmt.Fprintf(out, "  %d. %-20s risk %d, %d open gap(s), %d FR cell(s) below target, %d KEV asset(s)\n", s.Rank, s.Assessment, s.Risk, s.OpenGaps, s.Below, len(s.KEVAssets))
	}
	for _, f := range files {
		fmt.Fprintf(out, "Wrote %s\n", filepath.Join(dir, f))
	}
	if p.Verified == 0 {
		return withCode(ExitVerify, errors.New("no run verified"))
	}
	return nil
}
