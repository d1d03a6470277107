package engine_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/engine"
	"github.com/slate-ot/slate/engine/scorecard"
)

// TestStaleCapture runs the example capture (last packet 2026-10-28) as of
// 2026-11-01 with several max_age values. Past max_age, every requirement
// × zone cell the capture's checks passed becomes not_assessed with
// the stale reason, while failures and gaps stay; within it, the
// scorecard is the one without max_age.
func TestStaleCapture(t *testing.T) {
	capture, err := os.ReadFile("../examples/plant-a/evidence/span-control-cell.pcap")
	if err != nil {
		t.Fatal(err)
	}
	siteWith := func(maxAge string) string {
		src := `
assessment "t" {
  site  = "Test site"
  as_of = "2026-11-01"
}
framework "iec62443-3-3" {}
zone "control" {
  kind      = "ot"
  owner     = "OT"
  networks  = ["10.30.0.0/24"]
  sl_target = 2
}
zone "cell" {
  kind      = "ot"
  owner     = "OT"
  networks  = ["10.40.1.0/24"]
  sl_target = 2
}
source "pcap" "span" {
  files = ["span.pcap"]
`
		if maxAge != "" {
			src += "  max_age = \"" + maxAge + "\"\n"
		}
		return src + "}\n"
	}
	run := func(maxAge string) *engine.Result {
		t.Helper()
		res, err := assess(t, writeSite(t, siteWith(maxAge), map[string]string{"span.pcap": string(capture)}))
		if err != nil {
			t.Fatal(err)
		}
		return res
	}

	ps, err := engine.LoadPolicies("", nil)
	if err != nil {
		t.Fatal(err)
	}
	reads := ps.Reads()
	readsPcap := map[string]bool{}
	for _, r := range ps.Rules {
		readsPcap[r.ID] = slices.Contains(reads[r.Package], "pcap") || slices.Contains(reads[r.Package], engine.AllEvidence)
	}

	base := run("")
	for _, ev := range base.Scorecard.Evidence {
		if ev.Document == "pcap/span" && (ev.Date != "2026-10-28" || ev.Stale) {
			t.Fatalf("capture dated %q, stale %v; want 2026-10-28, not stale", ev.Date, ev.Stale)
		}
	}
	for _, maxAge := range []string{"4d", "1w", "52w"} {
		t.Run("within "+maxAge, func(t *testing.T) {
			res := run(maxAge)
			if diff := cmp.Diff(base.Scorecard.Requirements, res.Scorecard.Requirements); diff != "" {
				t.Errorf("requirements changed (-without max_age +with):\n%s", diff)
			}
			if slices.ContainsFunc(res.Warnings, func(w string) bool { return strings.Contains(w, scorecard.ReasonStale) }) {
				t.Errorf("warnings %q; want none about stale evidence", res.Warnings)
			}
		})
	}
	for _, maxAge := range []string{"3d", "0d"} {
		t.Run("past "+maxAge, func(t *testing.T) {
			res := run(maxAge)
			why := "evidence is stale: pcap/span dated 2026-10-28 is older than max_age " + maxAge + " as of 2026-11-01"
			if !slices.ContainsFunc(res.Warnings, func(w string) bool { return strings.HasPrefix(w, why) }) {
				t.Errorf("warnings %q; want one starting %q", res.Warnings, why)
			}
			if diff := cmp.Diff(base.Scorecard.Gaps, res.Scorecard.Gaps); diff != "" {
				t.Errorf("gaps changed; findings from stale evidence must stay (-fresh +stale):\n%s", diff)
			}
			withheld := 0
			for i, r := range res.Scorecard.Requirements {
				// The capture is the site's only evidence: whatever a
				// check decided came from a check that reads it.
				readsCapture := slices.ContainsFunc(slices.Concat(r.Rules, r.MappedRules), func(id string) bool { return readsPcap[id] })
				for j, got := range r.Zones {
					was := base.Scorecard.Requirements[i].Zones[j]
					switch {
					case was.Status == scorecard.StatusFail:
						if got.Status != scorecard.StatusFail {
							t.Errorf("%s in %s: %s, was fail; a failure from stale evidence stands", r.ID, got.Zone, got.Status)
						}
					case readsCapture && (was.Status == scorecard.StatusPass || was.Status == scorecard.StatusManual || was.Status == scorecard.StatusNotApplicable):
						withheld++
						if got.Status != scorecard.StatusNotAssessed || !strings.HasPrefix(got.Reason, why) {
							t.Errorf("%s in %s: %s (%q), was %s; want not_assessed, %q", r.ID, got.Zone, got.Status, got.Reason, was.Status, why)
						}
					case got.Status != was.Status && got.Status != scorecard.StatusNotAssessed:
						t.Errorf("%s in %s: %s, was %s; stale evidence only withholds", r.ID, got.Zone, got.Status, was.Status)
					}
				}
			}
			if withheld == 0 {
				t.Error("no cell was withheld; the capture's checks passed nothing to begin with")
			}
		})
	}
}
