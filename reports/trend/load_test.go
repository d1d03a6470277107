package trend

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sigstore/sigstore/pkg/signature"

	"github.com/slate-ot/slate/engine/assessment"
	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/attest"
)

// keys makes a signing key pair for the tests.
func keys(t *testing.T) (signature.SignerVerifier, signature.Verifier) {
	t.Helper()
	priv, pub, err := attest.GenerateKeyPair([]byte("pw"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := attest.LoadPrivateKey(priv, []byte("pw"))
	if err != nil {
		t.Fatal(err)
	}
	v, err := attest.LoadPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return s, v
}

// run is a past run to lay out in a folder.
type run struct {
	dir, name, asOf string
	openOT          int
	cellFR1         int
	sign            bool
	// corrupt edits the scorecard after signing.
	corrupt bool
	// raw replaces the scorecard's bytes (an unreadable run).
	raw string
}

// writeRuns lays runs out under a new folder, signing those marked.
func writeRuns(t *testing.T, s signature.SignerVerifier, runs []run) string {
	t.Helper()
	root := t.TempDir()
	for _, r := range runs {
		dir := filepath.Join(root, r.dir)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		bundle := []byte(`{"documents":[]}`)
		sc := &scorecard.Scorecard{
			Format:     scorecard.Format,
			Assessment: scorecard.Assessment{Name: r.name, Site: "Site " + r.name, AsOf: r.asOf, File: "assessment.hcl"},
			Engine:     scorecard.Engine{Name: "slate", Version: "test"},
			Digests:    scorecard.Digests{Bundle: evidence.DigestBytes(bundle), Policies: "sha256:p", Assessment: "sha256:a"},
			Totals: scorecard.Totals{OpenGaps: r.openOT + 1, OpenByOwner: map[string]int{"IT": 1, "OT": r.openOT},
				OpenBySeverity: map[string]int{"high": r.openOT + 1}, Statuses: map[string]map[string]int{}},
			Zones: []scorecard.Zone{{Name: "cell", SLTarget: assessment.SLVector{2, 2, 2, 2, 2, 2, 2}, SLAchieved: assessment.SLVector{r.cellFR1}}},
		}
		raw, err := sc.Encode()
		if err != nil {
			t.Fatal(err)
		}
		if r.raw != "" {
			raw = []byte(r.raw)
		}
		write(t, dir, attest.ScorecardFile, raw)
		write(t, dir, attest.BundleFile, bundle)
		if r.sign {
			signed, err := attest.Sign(dir, []string{attest.ScorecardFile, attest.BundleFile}, s)
			if err != nil {
				t.Fatal(err)
			}
			for name, b := range signed.Files {
				write(t, dir, name, b)
			}
		}
		if r.corrupt {
			write(t, dir, attest.ScorecardFile, bytes.Replace(raw, []byte(`"OT":`), []byte(`"OT":1`), 1))
		}
	}
	return root
}

func write(t *testing.T, dir, name string, b []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// runSummary is what the tests compare of a Run.
type runSummary struct {
	Name, AsOf, State, Reason string
}

func TestLoad(t *testing.T) {
	s, v := keys(t)
	_, other := keys(t)
	folder := []run{
		{dir: "week-3", name: "plant-a", asOf: "2026-10-15", openOT: 6, cellFR1: 1, sign: true, corrupt: true},
		{dir: "week-1", name: "plant-a", asOf: "2026-10-01", openOT: 8, cellFR1: 0, sign: true},
		{dir: "week-2", name: "plant-a", asOf: "2026-10-08", openOT: 7, cellFR1: 1},
		{dir: "week-4", name: "plant-a", asOf: "2026-10-22", openOT: 5, cellFR1: 2, sign: true},
		{dir: "plant-b", name: "plant-b", asOf: "2026-10-09", openOT: 1, sign: true},
		{dir: "broken", raw: `{"format":`},
		{dir: ".hidden", name: "plant-a", asOf: "2026-10-02", sign: true},
	}
	dir := writeRuns(t, s, folder)
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a run"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		opts       LoadOptions
		assessment string
		want       []runSummary
		openOT     []int
	}{{
		name:       "verified",
		opts:       LoadOptions{Verifier: v},
		assessment: "plant-a",
		want: []runSummary{
			{Name: "broken", State: StateUnverifiable, Reason: "not signed: no slate.intoto.json"},
			{Name: "week-1", AsOf: "2026-10-01", State: StateVerified},
			{Name: "week-2", AsOf: "2026-10-08", State: StateUnverifiable, Reason: "not signed: no slate.intoto.json"},
			{Name: "plant-b", AsOf: "2026-10-09", State: StateOtherAssessment, Reason: `a run of assessment "plant-b", not "plant-a"`},
			{Name: "week-3", AsOf: "2026-10-15", State: StateUnverifiable, Reason: "verification failed: " + filepath.Join(dir, "week-3", "scorecard.json") + ": digest: "},
			{Name: "week-4", AsOf: "2026-10-22", State: StateVerified},
		},
		openOT: []int{8, 5},
	}, {
		name:       "unverified",
		opts:       LoadOptions{},
		assessment: "plant-a",
		want: []runSummary{
			{Name: "broken", State: StateUnreadable, Reason: filepath.Join(dir, "broken", "scorecard.json") + ": unexpected end of JSON input"},
			{Name: "week-1", AsOf: "2026-10-01", State: StateUnverified, Reason: "no public key given: signatures not checked"},
			{Name: "week-2", AsOf: "2026-10-08", State: StateUnverified, Reason: "no public key given: signatures not checked"},
			{Name: "plant-b", AsOf: "2026-10-09", State: StateOtherAssessment, Reason: `a run of assessment "plant-b", not "plant-a"`},
			{Name: "week-3", AsOf: "2026-10-15", State: StateUnverified, Reason: "no public key given: signatures not checked"},
			{Name: "week-4", AsOf: "2026-10-22", State: StateUnverified, Reason: "no public key given: signatures not checked"},
		},
		openOT: []int{8, 7, 16, 5},
	}, {
		name:       "the wrong key",
		opts:       LoadOptions{Verifier: other},
		assessment: "",
		want: []runSummary{
			{Name: "broken", State: StateUnverifiable, Reason: "not signed: no slate.intoto.json"},
			{Name: "week-1", AsOf: "2026-10-01", State: StateUnverifiable, Reason: "verification failed: " + filepath.Join(dir, "week-1", "slate.intoto.json") + ": attestation: "},
			{Name: "week-2", AsOf: "2026-10-08", State: StateUnverifiable, Reason: "not signed: no slate.intoto.json"},
			{Name: "plant-b", AsOf: "2026-10-09", State: StateUnverifiable, Reason: "verification failed: " + filepath.Join(dir, "plant-b", "slate.intoto.json") + ": attestation: "},
			{Name: "week-3", AsOf: "2026-10-15", State: StateUnverifiable, Reason: "verification failed: " + filepath.Join(dir, "week-3", "slate.intoto.json") + ": attestation: "},
			{Name: "week-4", AsOf: "2026-10-22", State: StateUnverifiable, Reason: "verification failed: " + filepath.Join(dir, "week-4", "slate.intoto.json") + ": attestation: "},
		},
		openOT: nil,
	}, {
		name:       "for a run: same assessment, earlier only",
		opts:       LoadOptions{Verifier: v, Assessment: "plant-b", Before: "2026-10-22"},
		assessment: "plant-b",
		want: []runSummary{
			{Name: "broken", State: StateUnverifiable, Reason: "not signed: no slate.intoto.json"},
			{Name: "week-1", AsOf: "2026-10-01", State: StateOtherAssessment, Reason: `a run of assessment "plant-a", not "plant-b"`},
			{Name: "week-2", AsOf: "2026-10-08", State: StateUnverifiable, Reason: "not signed: no slate.intoto.json"},
			{Name: "plant-b", AsOf: "2026-10-09", State: StateVerified},
			{Name: "week-3", AsOf: "2026-10-15", State: StateUnverifiable, Reason: "verification failed: " + filepath.Join(dir, "week-3", "scorecard.json") + ": digest: "},
			{Name: "week-4", AsOf: "2026-10-22", State: StateOtherAssessment, Reason: `a run of assessment "plant-a", not "plant-b"`},
		},
		openOT: []int{1},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := Load(dir, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if h.Assessment != tt.assessment {
				t.Errorf("assessment %q, want %q", h.Assessment, tt.assessment)
			}
			var got []runSummary
			for _, r := range h.Runs {
				s := runSummary{Name: r.Name, AsOf: r.AsOf, State: r.State, Reason: r.Reason}
				// Verification messages go on with details of the
				// check: compare their start.
				for _, w := range tt.want {
					if w.Name == r.Name && w.Reason != "" && strings.HasPrefix(r.Reason, w.Reason) {
						s.Reason = w.Reason
					}
				}
				got = append(got, s)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("runs (-want +got):\n%s", diff)
			}
			var ot []int
			for _, o := range h.Trend.OpenByOwner {
				if o.Name == "OT" {
					ot = o.Values
				}
			}
			if diff := cmp.Diff(tt.openOT, ot); diff != "" {
				t.Errorf("open OT gaps (-want +got):\n%s", diff)
			}
			if len(h.Points()) != h.Used() || len(h.Trend.Runs) != h.Used() {
				t.Errorf("%d points, %d trend runs, %d used", len(h.Points()), len(h.Trend.Runs), h.Used())
			}
		})
	}
}

// TestLoadVerifiedBytes: a verified point's digest is the signed
// scorecard's, and it is marked verified.
func TestLoadVerifiedBytes(t *testing.T) {
	s, v := keys(t)
	dir := writeRuns(t, s, []run{{dir: "r", name: "a", asOf: "2026-10-01", sign: true}})
	raw, err := os.ReadFile(filepath.Join(dir, "r", attest.ScorecardFile))
	if err != nil {
		t.Fatal(err)
	}
	h, err := Load(dir, LoadOptions{Verifier: v})
	if err != nil {
		t.Fatal(err)
	}
	p := h.Points()
	if len(p) != 1 || p[0].Scorecard != evidence.DigestBytes(raw) || !p[0].Verified || p[0].Run != "r" {
		t.Fatalf("points: %+v", p)
	}
}

func TestLoadErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ dir, want string }{
		{filepath.Join(t.TempDir(), "missing"), "no such directory"},
		{file, "read history"},
	} {
		if _, err := Load(tt.dir, LoadOptions{}); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Load(%s): %v, want %q", tt.dir, err, tt.want)
		}
	}
	h, err := Load(t.TempDir(), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if h.Used() != 0 || len(h.Trend.Runs) != 0 {
		t.Errorf("an empty folder: %+v", h)
	}
}

// TestWriters: every format says which runs count and why, two calls
// give the same bytes, and the JSON is canonical and reads back.
func TestWriters(t *testing.T) {
	s, v := keys(t)
	dir := writeRuns(t, s, []run{
		{dir: "r1", name: "a", asOf: "2026-10-01", openOT: 4, sign: true},
		{dir: "r2", name: "a", asOf: "2026-10-08", openOT: 3, cellFR1: 1, sign: true, corrupt: true},
		{dir: "r3", name: "a", asOf: "2026-10-15", openOT: 2, cellFR1: 2, sign: true},
	})
	h, err := Load(dir, LoadOptions{Verifier: v})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		format string
		want   []string
	}{
		{"text", []string{
			"History: a — Site a; 3 run(s), 2 used\n",
			"Runs used are signed and verified with the public key",
			"  2026-10-01  r1   verified      cell 0 0 0 0 0 0 0  IT 1, OT 4\n",
			"  2026-10-08  r2   unverifiable  verification failed: ",
			"  2026-10-15  r3   verified      cell 2 0 0 0 0 0 0  IT 1, OT 2\n",
			"    ZONE     2026-10-01     2026-10-15\n",
			"    cell  0 0 0 0 0 0 0  2 0 0 0 0 0 0\n",
			"    OT              4           2\n",
			"    total           5           3\n",
		}},
		{"md", []string{
			"# History: a — Site a; 3 run(s), 2 used\n",
			"| 2026-10-08 | r2 | unverifiable | verification failed: ",
			"| 2026-10-15 | r3 | verified | cell 2 0 0 0 0 0 0 | IT 1, OT 2 |\n",
			"| ZONE | 2026-10-01 | 2026-10-15 |\n",
			"| total | 5 | 3 |\n",
		}},
		{"json", []string{`"format":"slate.history/v1"`, `"state":"unverifiable"`, `"open_gaps":[5,3]`}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			w, err := Lookup(tt.format)
			if err != nil {
				t.Fatal(err)
			}
			var a, b bytes.Buffer
			if err := w.Write(&a, h); err != nil {
				t.Fatal(err)
			}
			if err := w.Write(&b, h); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Error("two writes differ")
			}
			for _, s := range tt.want {
				if !strings.Contains(a.String(), s) {
					t.Errorf("missing %q in:\n%s", s, a.String())
				}
			}
			// Every run used is verified, and the corrupt one is not used.
			if strings.Contains(a.String(), "unverified run") || strings.Contains(a.String(), "2026-10-08  2026") || strings.Contains(a.String(), "2026-10-08\",\"run\":\"r2\",\"scorecard") || strings.Contains(a.String(), "2026-10-08 | 2026") {
				t.Errorf("the trend shows an unverified or unused run:\n%s", a.String())
			}
		})
	}
	raw, err := h.Encode()
	if err != nil {
		t.Fatal(err)
	}
	canon, err := evidence.CanonicalJSON(raw)
	if err != nil || !bytes.Equal(canon, raw) {
		t.Errorf("history JSON is not canonical (%v)", err)
	}
	var back History
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(h.Trend, back.Trend); diff != "" {
		t.Errorf("trend round trip (-want +got):\n%s", diff)
	}
	if _, err := Lookup("csv"); err == nil || !strings.Contains(err.Error(), "json, md, text") {
		t.Errorf("Lookup(csv): %v", err)
	}
}
