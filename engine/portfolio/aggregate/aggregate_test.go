package aggregate_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sigstore/sigstore/pkg/signature"

	"github.com/slate-ot/slate/engine/assessment"
	"github.com/slate-ot/slate/engine/portfolio"
	"github.com/slate-ot/slate/engine/portfolio/aggregate"
	"github.com/slate-ot/slate/engine/portfolio/portfoliotest"
	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/engine/verify"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/attest"
	"github.com/slate-ot/slate/internal/cputime"
)

var start = time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)

// signatures verifies a run as `slate portfolio` does without --reevaluate.
func signatures(_ context.Context, dir string, key signature.Verifier) ([]byte, error) {
	v, err := verify.Signatures(dir, key, nil)
	if err != nil {
		return nil, err
	}
	return v.Files[attest.ScorecardFile], nil
}

// fleet writes sites × weeks signed runs under dir/runs, sites 0 and 1
// signed with key a, the others with key b, and a keys file mapping them;
// it returns the keys file.
func fleet(t testing.TB, dir string, sites, weeks int) string {
	t.Helper()
	a, aPub, err := portfoliotest.KeyPair(dir, "a")
	if err != nil {
		t.Fatal(err)
	}
	b, bPub, err := portfoliotest.KeyPair(dir, "b")
	if err != nil {
		t.Fatal(err)
	}
	keys := filepath.Join(dir, "keys.hcl")
	hcl := fmt.Sprintf("site \"site-00[01]\" {\n  key = %q\n}\nsite \"*\" {\n  key = %q\n}\n", filepath.Base(aPub), filepath.Base(bPub))
	if err := os.WriteFile(keys, []byte(hcl), 0o644); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, sites)
	for s := range sites {
		wg.Go(func() {
			signer := b
			if s < 2 {
				signer = a
			}
			for w := range weeks {
				sc := portfoliotest.Scorecard(s, w, start)
				if err := portfoliotest.WriteRun(filepath.Join(dir, "runs", sc.Assessment.Name, sc.Assessment.AsOf), sc, signer); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	return keys
}

func build(t testing.TB, runs []string, keysFile string, workers int) *portfolio.Portfolio {
	t.Helper()
	keys, err := aggregate.LoadKeys(keysFile)
	if err != nil {
		t.Fatal(err)
	}
	p, err := aggregate.Build(context.Background(), runs, aggregate.Options{Keys: keys, Verify: signatures, Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestBuild: runs that verify make the figures; an unsigned run, a run
// changed after signing and a run signed with another site's key are
// listed with the reason and counted nowhere else; the result is the same
// bytes whatever the number of workers.
func TestBuild(t *testing.T) {
	dir := t.TempDir()
	keys := fleet(t, dir, 5, 3)
	// An unsigned run, a tampered one, one signed with the wrong key.
	unsigned := portfoliotest.Scorecard(2, 3, start)
	if err := portfoliotest.WriteRun(filepath.Join(dir, "runs", "extra", "unsigned"), unsigned, nil); err != nil {
		t.Fatal(err)
	}
	tampered := filepath.Join(dir, "runs", "site-003", start.AddDate(0, 0, 14).Format(time.DateOnly), attest.ScorecardFile)
	raw, err := os.ReadFile(tampered)
	if err != nil {
		t.Fatal(err)
	}
	raw = bytes.Replace(raw, []byte(`"open_gaps":`), []byte(`"open_gaps" :`), 1)
	if err := os.WriteFile(tampered, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	other, _, err := portfoliotest.KeyPair(dir, "other")
	if err != nil {
		t.Fatal(err)
	}
	if err := portfoliotest.WriteRun(filepath.Join(dir, "runs", "extra", "wrongkey"), portfoliotest.Scorecard(0, 4, start), other); err != nil {
		t.Fatal(err)
	}

	runs, err := aggregate.Discover([]string{filepath.Join(dir, "runs")})
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 17 {
		t.Fatalf("discovered %d runs, want 17", len(runs))
	}
	p := build(t, runs, keys, 1)
	if p.Verified != 14 || p.Unverified != 3 {
		t.Fatalf("verified %d, unverified %d; want 14, 3", p.Verified, p.Unverified)
	}
	// 5 sites × 3 weeks = 15 signed runs, one of them tampered: 14.
	reasons := map[string]string{}
	for _, r := range p.Runs {
		if !r.Verified {
			reasons[filepath.Base(r.Path)] = r.Reason
		}
	}
	for run, want := range map[string]string{
		"unsigned":   "slate.intoto.json: attestation: missing",
		"2026-01-19": "scorecard.json: digest",
		"wrongkey":   "attestation",
	} {
		if !strings.Contains(reasons[run], want) {
			t.Errorf("run %s: reason %q, want it to name %q", run, reasons[run], want)
		}
	}
	if p.AsOf != "2026-01-19" {
		t.Errorf("as_of %s, want the newest verified run's 2026-01-19", p.AsOf)
	}
	for _, s := range p.Sites {
		want := 3
		if s.Assessment == "site-003" {
			want = 2 // the tampered run is left out
		}
		if got := len(s.Trend.Runs); got != want {
			t.Errorf("%s: %d runs in the trend, want %d", s.Assessment, got, want)
		}
		if s.AsOf == "2026-02-02" {
			t.Errorf("%s: an unverified run is the newest", s.Assessment)
		}
	}
	// KEV sites (0 and 4) first, then by risk.
	var order []string
	for _, s := range p.Sites {
		order = append(order, s.Assessment)
	}
	if diff := cmp.Diff([]string{"site-004", "site-000", "site-003", "site-002", "site-001"}, order); diff != "" {
		t.Errorf("ranking (-want +got):\n%s", diff)
	}
	// SR 1.1 fails at every site; SR 1.13 at all but site-000.
	if len(p.Patterns) < 2 || p.Patterns[0].Requirement != "iec62443-3-3:SR 1.1" || len(p.Patterns[0].Failing) != 5 || p.Patterns[0].Of != 5 ||
		p.Patterns[1].Requirement != "iec62443-3-3:SR 1.13" || len(p.Patterns[1].Failing) != 4 {
		t.Errorf("patterns: %+v", p.Patterns[:min(2, len(p.Patterns))])
	}
	signedWith := map[string]string{}
	for _, r := range p.Runs {
		if r.Verified {
			signedWith[r.Assessment] = r.Signer.Entry
		}
	}
	if !strings.Contains(signedWith["site-001"], `keys.hcl:1 site "site-00[01]"`) || !strings.Contains(signedWith["site-002"], `keys.hcl:4 site "*"`) {
		t.Errorf("signers: %v", signedWith)
	}

	one, err := evidence.Canonical(p)
	if err != nil {
		t.Fatal(err)
	}
	many, err := evidence.Canonical(build(t, runs, keys, 4))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(one, many) {
		t.Error("the portfolio differs between 1 and 4 workers")
	}
}

// TestRank: KEV-affected sites first, then risk, then open gaps, then name.
func TestRank(t *testing.T) {
	tests := []struct {
		name  string
		sites []portfolio.Site
		want  []string
	}{
		{"risk", []portfolio.Site{{Assessment: "a", Risk: 1}, {Assessment: "b", Risk: 9}}, []string{"b", "a"}},
		{"kev outranks risk", []portfolio.Site{{Assessment: "a", Risk: 90}, {Assessment: "b", Risk: 1, KEVAssets: []string{"plc"}}}, []string{"b", "a"}},
		{"open gaps break a tie", []portfolio.Site{{Assessment: "a", Risk: 5, OpenGaps: 1}, {Assessment: "b", Risk: 5, OpenGaps: 2}}, []string{"b", "a"}},
		{"then the name", []portfolio.Site{{Assessment: "b"}, {Assessment: "a"}}, []string{"a", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			aggregate.Rank(tt.sites)
			var got []string
			for i, s := range tt.sites {
				got = append(got, s.Assessment)
				if s.Rank != i+1 {
					t.Errorf("%s: rank %d, want %d", s.Assessment, s.Rank, i+1)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestFreshnessOnPortfolioDate: evidence fresh on its run's date is stale
// on a later portfolio date past its max_age; a waiver active then is
// expired or expiring.
func TestFreshnessOnPortfolioDate(t *testing.T) {
	dir := t.TempDir()
	signer, pub, err := portfoliotest.KeyPair(dir, "k")
	if err != nil {
		t.Fatal(err)
	}
	sc := portfoliotest.Scorecard(1, 0, start) // inventory dated start, max_age 90d; waiver expires start+6 months
	if err := portfoliotest.WriteRun(filepath.Join(dir, "run"), sc, signer); err != nil {
		t.Fatal(err)
	}
	keys, err := aggregate.SingleKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		asOf       string
		stale      int
		waiverNote string
	}{
		{"2026-01-05", 0, ""},
		{"2026-04-05", 0, ""},
		{"2026-04-06", 1, ""},
		{"2026-06-10", 1, scorecard.AttentionExpiring},
		{"2026-07-06", 1, scorecard.AttentionExpired},
	}
	for _, tt := range tests {
		t.Run(tt.asOf, func(t *testing.T) {
			p, err := aggregate.Build(context.Background(), []string{filepath.Join(dir, "run")}, aggregate.Options{Keys: keys, Verify: signatures, AsOf: tt.asOf})
			if err != nil {
				t.Fatal(err)
			}
			s := p.Sites[0]
			if len(s.Stale) != tt.stale {
				t.Errorf("stale %v, want %d", s.Stale, tt.stale)
			}
			got := ""
			if len(s.Waivers) > 0 {
				got = s.Waivers[0].State
			}
			if got != tt.waiverNote {
				t.Errorf("waiver state %q, want %q", got, tt.waiverNote)
			}
		})
	}
}

// TestLoadKeys: every bad entry of a keys file is an error naming its
// place.
func TestLoadKeys(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := portfoliotest.KeyPair(dir, "good"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.pub"), []byte("not a key"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, src string
		wantErr   []string
	}{
		{"good", "site \"plant-*\" {\n  key = \"good.pub\"\n}\n", nil},
		{"no key", "site \"a\" {\n}\n", []string{"keys.hcl:1", "key"}},
		{"bad glob", "site \"[\" {\n  key = \"good.pub\"\n}\n", []string{"keys.hcl:1", "Invalid site pattern"}},
		{"bad key file", "site \"a\" {\n  key = \"good.pub\"\n}\nsite \"b\" {\n  key = \"bad.pub\"\n}\n", []string{"keys.hcl:4", "Unusable public key"}},
		{"missing key file", "site \"a\" {\n  key = \"none.pub\"\n}\n", []string{"keys.hcl:1", "none.pub"}},
		{"unknown argument", "site \"a\" {\n  key = \"good.pub\"\n  owner = \"x\"\n}\n", []string{"keys.hcl:3", "owner"}},
		{"unknown block", "key \"a\" {}\n", []string{"keys.hcl:1"}},
		{"empty", "", []string{"No site keys"}},
		{"syntax", "site \"a\" {\n", []string{"keys.hcl:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(dir, "keys.hcl")
			if err := os.WriteFile(file, []byte(tt.src), 0o644); err != nil {
				t.Fatal(err)
			}
			keys, err := aggregate.LoadKeys(file)
			if tt.wantErr == nil {
				if err != nil {
					t.Fatal(err)
				}
				k, ok := keys.For("plant-b")
				if !ok || !strings.HasSuffix(k.Entry, `keys.hcl:1 site "plant-*"`) || k.Fingerprint == "" {
					t.Errorf("For(plant-b) = %+v, %v", k, ok)
				}
				if _, ok := keys.For("water"); ok {
					t.Error("a name no glob matches has a key")
				}
				return
			}
			if _, ok := err.(*assessment.DiagError); !ok {
				t.Fatalf("err %T %v, want *assessment.DiagError", err, err)
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not name %q", err, w)
				}
			}
		})
	}
}

var (
	benchSites = flag.Int("portfolio.sites", 200, "sites of BenchmarkBuild")
	benchWeeks = flag.Int("portfolio.weeks", 52, "weekly runs per site of BenchmarkBuild")
)

// BenchmarkBuild verifies and aggregates sites × weeks signed runs
// (200 × 52 = 10,400 by default; -portfolio.sites and -portfolio.weeks
// change it). The runs are written once, outside the timing.
func BenchmarkBuild(b *testing.B) {
	dir := b.TempDir()
	keys := fleet(b, dir, *benchSites, *benchWeeks)
	runs, err := aggregate.Discover([]string{filepath.Join(dir, "runs")})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cputime.Process()
	for b.Loop() {
		p := build(b, runs, keys, 0)
		if p.Verified != len(runs) {
			b.Fatalf("%d of %d runs verified", p.Verified, len(runs))
		}
	}
	b.ReportMetric((cputime.Process()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(len(runs)), "runs/op")
}
