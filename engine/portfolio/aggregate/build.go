package aggregate

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sigstore/sigstore/pkg/signature"

	"github.com/slate-ot/slate/engine/assessment"
	"github.com/slate-ot/slate/engine/model"
	"github.com/slate-ot/slate/engine/portfolio"
	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/attest"
)

// maxReasons is how many failed checks the reason of a run names.
const maxReasons = 3

// VerifyFunc checks the run folder dir with key and returns its
// scorecard.json as verified, or an error saying why it does not verify.
// (engine/verify's Signatures, or Dir to re-evaluate as well.)
type VerifyFunc func(ctx context.Context, dir string, key signature.Verifier) ([]byte, error)

// Options say how Build reads the runs.
type Options struct {
	// Keys give each site's public key.
	Keys *Keys
	// Verify checks one run; it is called from several goroutines.
	Verify VerifyFunc
	// Reevaluated says that Verify also evaluates each run again; the
	// portfolio records it.
	Reevaluated bool
	// AsOf, YYYY-MM-DD, is the date freshness and waivers are judged on;
	// "" takes the newest verified run's date.
	AsOf string
	// Workers bounds how many runs are read and verified at once; 0 means
	// GOMAXPROCS.
	Workers int
	// Fetch pulls the runs named by OCI references (IsRef); nil refuses
	// them.
	Fetch FetchFunc
}

// RefPrefix starts a RUNS argument that names a run in an OCI registry
// rather than a folder: oci://REGISTRY/REPOSITORY[:TAG][@sha256:DIGEST].
// The scheme keeps the two apart: no host/repo@sha256:… spelling is taken
// for a reference, since it is also a valid relative path.
const RefPrefix = "oci://"

// IsRef says whether the RUNS argument arg is an OCI reference.
func IsRef(arg string) bool { return strings.HasPrefix(arg, RefPrefix) }

// FetchFunc writes the run at the OCI reference ref into dir (which does
// not exist yet) and returns ref pinned by digest, which names the run in
// the portfolio. It is called from several goroutines.
type FetchFunc func(ctx context.Context, ref, dir string) (pinned string, err error)

// Discover returns the run folders named by paths, sorted: a folder that
// holds scorecard.json is a run; any other folder is searched for runs
// below it (hidden folders aside). An OCI reference (IsRef) is one run,
// kept as it is. A path that is not a folder, or a folder with no run below
// it, is an error.
func Discover(paths []string) ([]string, error) {
	var runs []string
	for _, p := range paths {
		if IsRef(p) {
			runs = append(runs, p)
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("run %s: %w", p, err)
		}
		if !fi.IsDir() {
			return nil, fmt.Errorf("run %s: not a folder (give a run folder as 'slate assess --out' writes it, or a folder of them)", p)
		}
		n := len(runs)
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				return nil
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, attest.ScorecardFile)); err == nil {
				runs = append(runs, path)
				return filepath.SkipDir
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("runs %s: %w", p, err)
		}
		if len(runs) == n {
			return nil, fmt.Errorf("runs %s: no run folder (one with %s) in it", p, attest.ScorecardFile)
		}
	}
	slices.Sort(runs)
	return slices.Compact(runs), nil
}

// Build reads and verifies the run folders runs and aggregates those that
// verify. Only a cancelled context or bad options are errors: a run that
// cannot be read or verified is listed with the reason.
func Build(ctx context.Context, runs []string, opts Options) (*portfolio.Portfolio, error) {
	if opts.Keys == nil || opts.Verify == nil {
		return nil, errors.New("portfolio: no keys or no verifier")
	}
	if opts.AsOf != "" {
		if _, err := time.Parse(time.DateOnly, opts.AsOf); err != nil {
			return nil, fmt.Errorf("portfolio date %q: not a date YYYY-MM-DD", opts.AsOf)
		}
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	jobs := make(chan string)
	results := make(chan reduced)
	var wg sync.WaitGroup
	for range min(workers, max(len(runs), 1)) {
		wg.Go(func() {
			for dir := range jobs {
				results <- readRun(ctx, dir, opts)
			}
		})
	}
	go func() {
		defer close(jobs)
		for _, dir := range runs {
			select {
			case jobs <- dir:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	agg := newAggregate()
	for r := range results {
		agg.add(r)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return agg.portfolio(opts), nil
}

// reduced is one run read: the run as listed and, when it verified, what
// the portfolio keeps of it.
type reduced struct {
	run    portfolio.Run
	point  scorecard.HistoryPoint
	stale  int
	detail *detail
}

// readRun reads, verifies and reduces the run in dir, or the run an OCI
// reference names, pulled into a temporary folder first.
func readRun(ctx context.Context, dir string, opts Options) reduced {
	if IsRef(dir) {
		return readRef(ctx, dir, opts)
	}
	return readDir(ctx, dir, filepath.ToSlash(dir), opts)
}

// readRef pulls the run at ref into a temporary folder, reads it there as
// a run named by ref pinned by digest, and removes the folder.
func readRef(ctx context.Context, ref string, opts Options) reduced {
	r := reduced{run: portfolio.Run{Path: ref}}
	if opts.Fetch == nil {
		r.run.Reason = "not read: OCI references are not supported here"
		return r
	}
	tmp, err := os.MkdirTemp("", "slate-portfolio-")
	if err != nil {
		r.run.Reason = fmt.Sprintf("pull: %v", err)
		return r
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "run")
	pinned, err := opts.Fetch(ctx, ref, dir)
	if err != nil {
		r.run.Reason = "pull: " + strings.ReplaceAll(err.Error(), dir, ref)
		return r
	}
	if !IsRef(pinned) {
		pinned = RefPrefix + pinned
	}
	r = readDir(ctx, dir, pinned, opts)
	// Reasons name the run, never the temporary folder it was read in.
	r.run.Reason = strings.ReplaceAll(r.run.Reason, dir+string(filepath.Separator), pinned+"/")
	r.run.Reason = strings.ReplaceAll(r.run.Reason, dir, pinned)
	return r
}

// readDir reads, verifies and reduces the run in dir, listed as name.
func readDir(ctx context.Context, dir, name string, opts Options) reduced {
	r := reduced{run: portfolio.Run{Path: name}}
	file := filepath.Join(dir, attest.ScorecardFile)
	raw, err := os.ReadFile(file)
	if err != nil {
		r.run.Reason = "no readable " + attest.ScorecardFile
		return r
	}
	// What the run claims to be, to find its key; nothing of it counts
	// before it verifies. The portfolio's part of the scorecard is decoded
	// once: when the signed bytes are the bytes read, that decoding is the
	// verified one.
	claimed, err := decodeCard(file, raw)
	if err != nil {
		// Not a scorecard this engine reads; its name may still find a
		// key, and verification say what is wrong.
		var claim struct {
			Assessment scorecard.Assessment `json:"assessment"`
		}
		if err := json.Unmarshal(raw, &claim); err != nil {
			r.run.Reason = fmt.Sprintf("%s: %v", file, err)
			return r
		}
		r.run.Assessment, r.run.AsOf = claim.Assessment.Name, claim.Assessment.AsOf
	} else {
		r.run.Assessment, r.run.AsOf = claimed.Assessment.Name, claimed.Assessment.AsOf
	}
	key, ok := opts.Keys.For(r.run.Assessment)
	if !ok {
		r.run.Reason = fmt.Sprintf("no key for assessment %q: no site pattern of the keys file matches it", r.run.Assessment)
		return r
	}
	signed, err := opts.Verify(ctx, dir, key.Verifier)
	if err != nil {
		r.run.Reason = attest.Reason(err, maxReasons)
		return r
	}
	sc := claimed
	if sc == nil || !bytes.Equal(signed, raw) {
		if sc, err = decodeCard(file, signed); err != nil {
			r.run.Reason = err.Error()
			return r
		}
	}
	// The signed name must be one the key is for, by the same entry.
	if k, ok := opts.Keys.For(sc.Assessment.Name); !ok || k.Entry != key.Entry {
		r.run.Reason = fmt.Sprintf("signed as assessment %q, which %s is not the key for", sc.Assessment.Name, key.Entry)
		return r
	}
	digest := evidence.DigestBytes(signed)
	r.run = portfolio.Run{Path: r.run.Path, Assessment: sc.Assessment.Name, AsOf: sc.Assessment.AsOf, Verified: true,
		Signer: &portfolio.Signer{Key: key.Fingerprint, Entry: key.Entry}, Scorecard: digest}
	r.point = scorecard.PointOf(sc, r.run.Path, digest, true)
	for _, e := range sc.Evidence {
		if e.Stale {
			r.stale++
		}
	}
	r.detail = reduce(sc, r.run.Path)
	return r
}

// detail is what the portfolio shows of a site's newest run.
type detail struct {
	assessment, site, asOf, run string
	zones                       []portfolio.Zone
	risk, openRootCauses        int
	topRisks                    []portfolio.Risk
	kevAssets                   []string
	openGaps                    int
	owners                      []portfolio.OwnerGaps
	evidence                    []scorecard.Evidence
	waivers                     *scorecard.Scorecard
	failing, listed             []string
	titles                      map[string]string
}

// reduce keeps of sc what the portfolio shows of a site's newest run.
func reduce(sc *scorecard.Scorecard, run string) *detail {
	d := &detail{assessment: sc.Assessment.Name, site: sc.Assessment.Site, asOf: sc.Assessment.AsOf, run: run,
		openGaps: sc.Totals.OpenGaps, titles: map[string]string{}}
	for _, z := range sc.Zones {
		zone := portfolio.Zone{Name: z.Name, Kind: z.Kind, FRs: slices.Clone(z.FRs)}
		d.zones = append(d.zones, zone)
	}
	for _, rc := range sc.RootCauses {
		if rc.Status != scorecard.GapOpen {
			continue
		}
		d.risk += rc.Score
		d.openRootCauses++
		if len(d.topRisks) < portfolio.TopRisks {
			d.topRisks = append(d.topRisks, portfolio.Risk{Title: rc.Title, Subject: rc.Subject, Severity: rc.Severity, Score: rc.Score,
				Zones: nonNil(rc.Zones), Owners: nonNil(rc.Owners)})
		}
	}
	kev := map[string]bool{}
	for _, m := range sc.Advisories {
		if len(m.KEV) > 0 && m.Status != scorecard.AdvisoryFixed {
			kev[cmp.Or(m.Asset, m.Subject)] = true
		}
	}
	d.kevAssets = slices.Sorted(maps.Keys(kev))
	byOwner := map[string]map[string]int{}
	for _, g := range sc.Gaps {
		if g.Status != scorecard.GapOpen {
			continue
		}
		if byOwner[g.Owner] == nil {
			byOwner[g.Owner] = map[string]int{}
		}
		byOwner[g.Owner][g.Severity]++
	}
	for _, o := range slices.Sorted(maps.Keys(byOwner)) {
		og := portfolio.OwnerGaps{Owner: o, BySeverity: byOwner[o]}
		for _, n := range og.BySeverity {
			og.Total += n
		}
		d.owners = append(d.owners, og)
	}
	for _, e := range sc.Evidence {
		if e.Stale || e.MaxAge != "" {
			d.evidence = append(d.evidence, scorecard.Evidence{Document: e.Document, Kind: e.Kind, Date: e.Date,
				MaxAge: e.MaxAge, Stale: e.Stale, StaleReason: e.StaleReason})
		}
	}
	d.waivers = &scorecard.Scorecard{Assessment: scorecard.Assessment{AsOf: sc.Assessment.AsOf}, Waivers: sc.Waivers}
	for _, req := range sc.Requirements {
		key := req.Framework + ":" + req.ID
		d.listed = append(d.listed, key)
		if slices.ContainsFunc(req.Zones, func(z scorecard.ZoneStatus) bool { return z.Status == scorecard.StatusFail }) {
			d.failing = append(d.failing, key)
			d.titles[key] = req.Title
		}
	}
	slices.Sort(d.listed)
	slices.Sort(d.failing)
	return d
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return slices.Clone(s)
}

// aggregate collects the reduced runs, keeping of each site the trend
// points and the newest run's detail only.
type aggregate struct {
	runs  []portfolio.Run
	sites map[string]*siteRuns
}

type siteRuns struct {
	points []scorecard.HistoryPoint
	stale  map[string]int
	newest *detail
}

func newAggregate() *aggregate { return &aggregate{sites: map[string]*siteRuns{}} }

func (a *aggregate) add(r reduced) {
	a.runs = append(a.runs, r.run)
	if !r.run.Verified {
		return
	}
	s := a.sites[r.run.Assessment]
	if s == nil {
		s = &siteRuns{stale: map[string]int{}}
		a.sites[r.run.Assessment] = s
	}
	s.points = append(s.points, r.point)
	s.stale[r.run.Path] = r.stale
	// The newest run by date, then by path: the same whatever order the
	// workers finish in.
	if s.newest == nil || cmp.Or(cmp.Compare(r.detail.asOf, s.newest.asOf), cmp.Compare(r.detail.run, s.newest.run)) > 0 {
		s.newest = r.detail
	}
}

// portfolio lays out what was collected.
func (a *aggregate) portfolio(opts Options) *portfolio.Portfolio {
	p := &portfolio.Portfolio{Format: portfolio.Format, AsOf: opts.AsOf, Reevaluated: opts.Reevaluated, Sites: []portfolio.Site{}, Patterns: []portfolio.Pattern{}}
	for i := range (model.SLVector{}) {
		p.FRs = append(p.FRs, fmt.Sprintf("FR%d", i+1))
	}
	slices.SortFunc(a.runs, func(x, y portfolio.Run) int { return cmp.Compare(x.Path, y.Path) })
	p.Runs = a.runs
	if p.Runs == nil {
		p.Runs = []portfolio.Run{}
	}
	for _, r := range a.runs {
		if r.Verified {
			p.Verified++
			if opts.AsOf == "" && r.AsOf > p.AsOf {
				p.AsOf = r.AsOf
			}
		} else {
			p.Unverified++
		}
	}
	for _, name := range slices.Sorted(maps.Keys(a.sites)) {
		p.Sites = append(p.Sites, a.sites[name].site(p.AsOf))
	}
	Rank(p.Sites)
	p.Patterns = patterns(a.sites)
	return p
}

// Rank orders sites by risk and numbers them: sites with KEV-affected
// assets first (an exploited vulnerability outranks any score), then by
// risk score, then by open gaps, then by name.
func Rank(sites []portfolio.Site) {
	slices.SortFunc(sites, func(x, y portfolio.Site) int {
		return cmp.Or(
			cmp.Compare(hasKEV(y), hasKEV(x)),
			cmp.Compare(y.Risk, x.Risk),
			cmp.Compare(y.OpenGaps, x.OpenGaps),
			cmp.Compare(x.Assessment, y.Assessment))
	})
	for i := range sites {
		sites[i].Rank = i + 1
	}
}

func hasKEV(s portfolio.Site) int {
	if len(s.KEVAssets) > 0 {
		return 1
	}
	return 0
}

// site is the site of these runs on the portfolio date asOf.
func (s *siteRuns) site(asOf string) portfolio.Site {
	d := s.newest
	out := portfolio.Site{Assessment: d.assessment, Site: d.site, AsOf: d.asOf, Run: d.run, AgeDays: days(d.asOf, asOf),
		Risk: d.risk, OpenRootCauses: d.openRootCauses, KEVAssets: nonNil(d.kevAssets), Zones: d.zones,
		OpenGaps: d.openGaps, Owners: d.owners, TopRisks: d.topRisks, Failing: nonNil(d.failing),
		Stale: []portfolio.StaleEvidence{}, Waivers: []scorecard.WaiverNote{}}
	if out.Owners == nil {
		out.Owners = []portfolio.OwnerGaps{}
	}
	if out.TopRisks == nil {
		out.TopRisks = []portfolio.Risk{}
	}
	for _, z := range d.zones {
		for _, fr := range z.FRs {
			switch fr.State {
			case scorecard.FRBelow:
				out.Below++
			case scorecard.FRUndetermined:
				out.Undetermined++
			}
		}
	}
	for _, e := range d.evidence {
		if why := staleOn(e, asOf); why != "" {
			out.Stale = append(out.Stale, portfolio.StaleEvidence{Document: e.Document, Kind: e.Kind, Date: e.Date, MaxAge: e.MaxAge, Reason: why})
		}
	}
	for _, w := range d.waivers.WaiverNotesOn(asOf, scorecard.WaiverWarnDays) {
		if w.State != "" {
			out.Waivers = append(out.Waivers, w)
		}
	}
	out.Trend = scorecard.NewTrend(d.assessment, d.site, s.points)
	for _, r := range out.Trend.Runs {
		out.StaleTrend = append(out.StaleTrend, s.stale[r.Run])
	}
	return out
}

// staleOn says why evidence e is stale on date, "" when it is not: stale
// on its run's date already, or older than its max_age by date.
func staleOn(e scorecard.Evidence, date string) string {
	if e.Stale {
		return e.StaleReason
	}
	maxAge, err := assessment.AgeDays(e.MaxAge)
	if err != nil || e.Date == "" {
		return ""
	}
	if age := days(e.Date, date); age > maxAge {
		return fmt.Sprintf("%s: %s dated %s is older than max_age %s as of %s", scorecard.ReasonStale, e.Document, e.Date, e.MaxAge, date)
	}
	return ""
}

// days counts the days from one date to a later one; 0 when either does
// not parse.
func days(from, to string) int {
	f, err1 := time.Parse(time.DateOnly, from)
	t, err2 := time.Parse(time.DateOnly, to)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(t.Sub(f).Hours() / 24)
}

// patterns lists the requirements failing at one site or more, the most
// widespread first, then by requirement.
func patterns(sites map[string]*siteRuns) []portfolio.Pattern {
	byReq := map[string]*portfolio.Pattern{}
	of := map[string]int{}
	for _, name := range slices.Sorted(maps.Keys(sites)) {
		d := sites[name].newest
		for _, req := range d.listed {
			of[req]++
		}
		for _, req := range d.failing {
			p := byReq[req]
			if p == nil {
				p = &portfolio.Pattern{Requirement: req, Title: d.titles[req]}
				byReq[req] = p
			}
			p.Failing = append(p.Failing, name)
		}
	}
	out := []portfolio.Pattern{}
	for _, req := range slices.Sorted(maps.Keys(byReq)) {
		p := *byReq[req]
		p.Of = of[req]
		out = append(out, p)
	}
	slices.SortStableFunc(out, func(x, y portfolio.Pattern) int { return cmp.Compare(len(y.Failing), len(x.Failing)) })
	return out
}
