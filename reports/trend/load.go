package trend

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/sigstore/sigstore/pkg/signature"

	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/attest"
)

// Format names the version of the history layout.
const Format = "slate.history/v1"

// Run states: whether a run of the folder is part of the trend, and if
// not, why.
const (
	// StateVerified runs had their signatures and digests checked.
	StateVerified = "verified"
	// StateUnverified runs are used without a check: no key was given.
	StateUnverified = "unverified"
	// StateUnverifiable runs are unsigned or fail verification.
	StateUnverifiable = "unverifiable"
	// StateUnreadable runs have no scorecard slate can read.
	StateUnreadable = "unreadable"
	// StateOtherAssessment runs are of another assessment.
	StateOtherAssessment = "other_assessment"
	// StateNotEarlier runs are not dated before the run the history is
	// for (LoadOptions.Before).
	StateNotEarlier = "not_earlier"
)

// maxReasons is how many failed checks a reason names.
const maxReasons = 3

// LoadOptions say how Load treats the runs.
type LoadOptions struct {
	// Verifier checks each run's signatures; nil uses every run
	// unverified.
	Verifier signature.Verifier
	// Known are the names of every output slate writes (see
	// attest.VerifyOptions).
	Known []string
	// Assessment is the assessment whose runs count; "" means the
	// assessment of the newest usable run.
	Assessment string
	// Before, a date YYYY-MM-DD, keeps only runs dated before it.
	Before string
}

// History is a folder of runs and the trend of those that count.
type History struct {
	Format     string `json:"format"`
	Assessment string `json:"assessment"`
	Site       string `json:"site"`
	// Verified is set when the runs were checked with a public key.
	Verified bool `json:"verified"`
	// Runs are every sub-directory of the folder, by date then name
	// (runs without a readable date first).
	Runs  []Run            `json:"runs"`
	Trend *scorecard.Trend `json:"trend"`
}

// Run is one sub-directory of the folder.
type Run struct {
	Name       string `json:"name"`
	AsOf       string `json:"as_of,omitempty"`
	Assessment string `json:"assessment,omitempty"`
	State      string `json:"state"`
	// Reason says why a run is not used, or that it is used unverified.
	Reason string `json:"reason,omitempty"`
	// Point is the run reduced for the trend; set when the scorecard
	// could be read.
	Point *scorecard.HistoryPoint `json:"-"`
	site  string
}

// Used reports whether the run is part of the trend.
func (r Run) Used() bool { return r.State == StateVerified || r.State == StateUnverified }

// Points returns the history points of the runs used, oldest first.
func (h *History) Points() []scorecard.HistoryPoint {
	var out []scorecard.HistoryPoint
	for _, r := range h.Runs {
		if r.Used() {
			out = append(out, *r.Point)
		}
	}
	return out
}

// Used counts the runs that are part of the trend.
func (h *History) Used() int {
	n := 0
	for _, r := range h.Runs {
		if r.Used() {
			n++
		}
	}
	return n
}

// Load reads every sub-directory of dir (hidden ones aside) as a run. A
// run that cannot be used is listed with the reason; only a folder that
// cannot be read is an error.
func Load(dir string, opts LoadOptions) (*History, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("read history %s: no such directory", dir)
		}
		return nil, fmt.Errorf("read history: %w", err)
	}
	h := &History{Format: Format, Verified: opts.Verifier != nil}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		if fi, err := os.Stat(path); err != nil || !fi.IsDir() {
			continue
		}
		h.Runs = append(h.Runs, readRun(path, e.Name(), opts))
	}
	slices.SortFunc(h.Runs, func(a, b Run) int { return cmp.Or(cmp.Compare(a.AsOf, b.AsOf), cmp.Compare(a.Name, b.Name)) })

	h.Assessment = opts.Assessment
	if h.Assessment == "" {
		// The newest usable run names the assessment.
		for _, r := range slices.Backward(h.Runs) {
			if r.Used() {
				h.Assessment = r.Assessment
				break
			}
		}
	}
	for i := range h.Runs {
		r := &h.Runs[i]
		// A run that cannot be trusted keeps that reason: what it claims
		// to be is not known.
		switch {
		case !r.Used():
		case r.Assessment != h.Assessment:
			r.State, r.Reason = StateOtherAssessment, fmt.Sprintf("a run of assessment %q, not %q", r.Assessment, h.Assessment)
		case opts.Before != "" && r.AsOf >= opts.Before:
			r.State, r.Reason = StateNotEarlier, fmt.Sprintf("dated %s, not before this run's %s", r.AsOf, opts.Before)
		}
	}
	for _, r := range h.Runs {
		if r.Used() {
			h.Site = r.site
		}
	}
	h.Trend = scorecard.NewTrend(h.Assessment, h.Site, h.Points())
	return h, nil
}

// readRun reads, and with a verifier verifies, the run in path.
func readRun(path, name string, opts LoadOptions) Run {
	r := Run{Name: name}
	file := filepath.Join(path, attest.ScorecardFile)
	raw, err := os.ReadFile(file)
	if err != nil {
		r.State, r.Reason = StateUnreadable, "no "+attest.ScorecardFile
		if !errors.Is(err, fs.ErrNotExist) {
			r.Reason = err.Error()
		}
		return r
	}
	r.State, r.Reason = StateUnverified, "no public key given: signatures not checked"
	if opts.Verifier != nil {
		var signed []byte
		if signed, r.Reason = verify(path, opts); r.Reason == "" {
			// The bytes verified, not those of the first read.
			raw, r.State = signed, StateVerified
		} else {
			r.State = StateUnverifiable
		}
	}
	sc, err := scorecard.Decode(file, raw)
	if err != nil {
		// An unverifiable run is listed as such whatever it holds.
		if r.State != StateUnverifiable {
			r.State, r.Reason = StateUnreadable, err.Error()
		}
		return r
	}
	r.AsOf, r.Assessment, r.site = sc.Assessment.AsOf, sc.Assessment.Name, sc.Assessment.Site
	p := scorecard.PointOf(sc, name, evidence.DigestBytes(raw), r.State == StateVerified)
	r.Point = &p
	return r
}

// verify checks the signed run in path and returns its scorecard's
// verified bytes, or why the run cannot be trusted.
func verify(path string, opts LoadOptions) ([]byte, string) {
	if _, err := os.Stat(filepath.Join(path, attest.AttestationFile)); errors.Is(err, fs.ErrNotExist) {
		return nil, "not signed: no " + attest.AttestationFile
	}
	v, err := attest.Verify(path, opts.Verifier, attest.VerifyOptions{
		Required: []string{attest.ScorecardFile, attest.BundleFile},
		Known:    opts.Known,
	})
	if err == nil {
		return v.Files[attest.ScorecardFile], ""
	}
	return nil, attest.Reason(err, maxReasons)
}
