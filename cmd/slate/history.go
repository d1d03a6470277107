package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/slate-ot/slate/engine"
	"github.com/slate-ot/slate/evidence/attest"
	"github.com/slate-ot/slate/reports/trend"
)

var (
	_ Options = (*HistoryKeyOptions)(nil)
	_ Options = (*HistoryOptions)(nil)
)

func newHistoryCmd() *cobra.Command {
	var (
		key    = HistoryKeyOptions{flag: "key"}
		format string
		out    string
	)
	cmd := &cobra.Command{
		Use:   "history DIR",
		Short: "Show the runs kept in a folder and the trend they make",
		Long: `history reads DIR, a folder with one sub-directory per past run of
'slate assess' (any names), and shows the runs by date with SL-achieved per
zone and open gaps by owner, then the trend: SL-achieved per zone, open gaps
by owner and by severity, and the requirement statuses, run after run.

With --key every run is verified with the public key as 'slate sign' left
it (signatures, attestation and digests; nothing is re-evaluated, that is
'slate verify'). Runs that are unsigned or fail verification are listed
with the reason and not used. Without --key the runs are used unverified,
and the output says so. Runs of another assessment than the newest run's
are listed and skipped.`,
		Example: `  slate history runs --key cosign.pub
  slate history runs --key cosign.pub --format md >> "$GITHUB_STEP_SUMMARY"
  slate history runs --key cosign.pub --out trend.json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			w, err := trend.Lookup(format)
			if err != nil {
				return withCode(ExitUsage, err)
			}
			opts, err := key.LoadOptions()
			if err != nil {
				return err
			}
			h, err := trend.Load(args[0], opts)
			if err != nil {
				return withCode(ExitUsage, err)
			}
			if out != "" {
				if err := writeHistoryJSON(out, h); err != nil {
					return err
				}
			}
			return w.Write(cmd.OutOrStdout(), h)
		},
	}
	key.AddFlags(cmd)
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: "+strings.Join(trend.Names(), ", "))
	cmd.Flags().StringVarP(&out, "out", "o", "", "also write the history and trend as canonical JSON to this file")
	_ = cmd.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return trend.Names(), cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

// writeHistoryJSON writes the history's canonical JSON to path.
func writeHistoryJSON(path string, h *trend.History) error {
	var b bytes.Buffer
	if err := trend.WriteJSON(&b, h); err != nil {
		return err
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		return withCode(ExitUsage, fmt.Errorf("write history: %w", err))
	}
	return nil
}

// HistoryKeyOptions name the public key past runs are verified with;
// without one they are used unverified.
type HistoryKeyOptions struct {
	Key string
	// flag is the flag's name: "key" on history, "history-key" on assess.
	flag string
}

// AddFlags adds the key flag.
func (o *HistoryKeyOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.Key, o.flag, "", "public key (e.g. cosign.pub) to verify each past run with; without it runs are used unverified")
	_ = cmd.MarkFlagFilename(o.flag)
}

// LoadOptions returns how to read the runs: with the key's verifier when
// a key is named.
func (o *HistoryKeyOptions) LoadOptions() (trend.LoadOptions, error) {
	opts := trend.LoadOptions{Known: knownOutputs()}
	if o.Key == "" {
		return opts, nil
	}
	raw, err := os.ReadFile(o.Key)
	if err != nil {
		return opts, withCode(ExitUsage, fmt.Errorf("--%s: read public key: %w", o.flag, err))
	}
	pub, err := attest.LoadPublicKey(raw)
	if err != nil {
		return opts, withCode(ExitUsage, fmt.Errorf("--%s %s: %w", o.flag, o.Key, err))
	}
	opts.Verifier = pub
	return opts, nil
}

// HistoryOptions name the folder of past runs whose trend `slate assess`
// embeds in the scorecard, so that every report can show it.
type HistoryOptions struct {
	Dir string
	Key HistoryKeyOptions
	// load are the options read by Validate.
	load trend.LoadOptions
}

// AddFlags adds --history and --history-key.
func (o *HistoryOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.Dir, "history", "",
		"folder of past runs (one sub-directory each) whose trend the scorecard and reports carry; see 'slate history'")
	_ = cmd.MarkFlagDirname("history")
	o.Key.flag = "history-key"
	o.Key.AddFlags(cmd)
}

// Validate checks the folder and reads the key before anything runs.
func (o *HistoryOptions) Validate() error {
	if o.Dir == "" {
		if o.Key.Key != "" {
			return withCode(ExitUsage, fmt.Errorf("--history-key needs --history DIR"))
		}
		return nil
	}
	if fi, err := os.Stat(o.Dir); err != nil || !fi.IsDir() {
		return withCode(ExitUsage, fmt.Errorf("--history %s: not a directory of past runs", o.Dir))
	}
	var err error
	o.load, err = o.Key.LoadOptions()
	return err
}

// Apply embeds in the run's scorecard the runs of the folder that are of
// the same assessment and dated before it. It returns the history read,
// nil without --history.
func (o *HistoryOptions) Apply(res *engine.Result) (*trend.History, error) {
	if o.Dir == "" {
		return nil, nil
	}
	opts := o.load
	opts.Assessment, opts.Before = res.Scorecard.Assessment.Name, res.Scorecard.Assessment.AsOf
	h, err := trend.Load(o.Dir, opts)
	if err != nil {
		return nil, withCode(ExitUsage, fmt.Errorf("--history: %w", err))
	}
	res.Scorecard.History = h.Points()
	return h, nil
}

// Warn prints a warning for every run of the folder that is not used, but
// for those not dated before this run, and says when runs are used
// unverified.
func (o *HistoryOptions) Warn(w io.Writer, h *trend.History) {
	if h == nil {
		return
	}
	unverified := 0
	for _, r := range h.Runs {
		switch r.State {
		case trend.StateUnverified:
			unverified++
		case trend.StateVerified, trend.StateNotEarlier:
		default:
			fmt.Fprintf(w, "warning: history: %s not used (%s): %s\n", filepath.Join(o.Dir, r.Name), r.State, r.Reason)
		}
	}
	if unverified > 0 {
		fmt.Fprintf(w, "warning: history: %d run(s) used unverified; pass --history-key to check their signatures\n", unverified)
	}
}
