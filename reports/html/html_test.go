package html

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/reports/reporttest"
)

var update = flag.Bool("update", false, "rewrite testdata/plant-a.golden.html")

func load(t *testing.T) *scorecard.Scorecard {
	t.Helper()
	return reporttest.Load(t, reporttest.Example)
}

func render(t *testing.T, sc *scorecard.Scorecard) []byte {
	t.Helper()
	return reporttest.Render(t, Write, sc)
}

func TestGolden(t *testing.T) {
	got := render(t, load(t))
	golden := filepath.Join("testdata", "plant-a.golden.html")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("html (-want +got):\n%s", diff)
	}
}

func TestDeterministic(t *testing.T) {
	sc := load(t)
	if !bytes.Equal(render(t, sc), render(t, sc)) {
		t.Fatal("two runs gave different bytes")
	}
}

// TestSelfContained asserts the page loads nothing from anywhere: plants
// are air-gapped.
func TestSelfContained(t *testing.T) {
	page := string(render(t, load(t)))
	bad := []struct{ name, re string }{
		{"external src/href", `(?i)\b(src|href|xlink:href|action|poster|srcset)\s*=\s*["']?\s*(https?:|//|ftp:|file:|data:)`},
		{"any src attribute", `(?i)\bsrc\s*=`},
		{"script", `(?i)<script`},
		{"stylesheet link", `(?i)<link\b`},
		{"css import", `(?i)@import`},
		{"css url other than a local fragment", `(?i)url\(\s*["']?[^#"'\s)]`},
		{"iframe/object/embed", `(?i)<(iframe|object|embed|img)\b`},
	}
	for _, b := range bad {
		if m := regexp.MustCompile(b.re).FindString(page); m != "" {
			t.Errorf("%s: %q", b.name, m)
		}
	}
}

// TestContent checks the sections against the scorecard.
func TestContent(t *testing.T) {
	sc := load(t)
	page := string(render(t, sc))
	var want []string
	want = append(want, sc.Assessment.Site, sc.Assessment.AsOf, sc.Digests.Bundle, sc.Digests.Policies, sc.Digests.Assessment, "check it with <code>slate verify DIR --key cosign.pub</code>")
	top := sc.TopRootCauses(scorecard.TopRisks)
	if len(top) != scorecard.TopRisks {
		t.Fatalf("%d top root causes, want %d", len(top), scorecard.TopRisks)
	}
	for _, rc := range top {
		want = append(want, rc.ID)
	}
	for _, w := range sc.Waivers {
		if w.Status == scorecard.WaiverExpired {
			want = append(want, w.Name)
		}
	}
	for _, z := range sc.Zones {
		for _, fr := range z.FRs {
			want = append(want, z.Name+" "+fr.ID+": SL-A ")
		}
	}
	for _, s := range want {
		if !strings.Contains(page, s) {
			t.Errorf("page lacks %q", s)
		}
	}
	// Root causes beyond the top ten are not listed.
	for _, rc := range sc.RootCauses[len(top):] {
		if strings.Contains(page, rc.ID) {
			t.Errorf("root cause %s beyond the top %d is listed", rc.ID, scorecard.TopRisks)
		}
	}
	// Every table header cell says what it heads.
	if m := regexp.MustCompile(`<th>`).FindString(page); m != "" {
		t.Errorf("th without scope")
	}
}

func TestView(t *testing.T) {
	sc := &scorecard.Scorecard{
		Assessment: scorecard.Assessment{Site: "S", AsOf: "2026-01-01"},
		Gaps: []scorecard.Gap{
			{ID: "a", Status: scorecard.GapOpen, Owner: "OT", Severity: "high"},
			{ID: "b", Status: scorecard.GapWaived, Owner: "OT", Severity: "high"},
			{ID: "c", Status: scorecard.GapOpen, Owner: "IT", Severity: "low"},
		},
		RootCauses: []scorecard.RootCause{
			{ID: "RC-a", Status: scorecard.GapOpen, Gaps: []string{"a"}},
			{ID: "RC-c", Status: scorecard.GapOpen, Gaps: []string{"c"}},
			{ID: "RC-b", Status: scorecard.GapWaived, Gaps: []string{"b"}},
		},
		Waivers: []scorecard.Waiver{
			{Name: "soon", Status: scorecard.WaiverActive, Expires: "2026-01-31"},
			{Name: "later", Status: scorecard.WaiverActive, Expires: "2026-02-01"},
			{Name: "gone", Status: scorecard.WaiverExpired, Expires: "2025-12-01"},
		},
	}
	v, err := newView(sc)
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]string{}
	for _, w := range v.Waivers {
		states[w.Name] = w.State
	}
	got := map[string]any{"owners": v.Owners, "open": v.OpenGaps, "waivers": states, "top": len(v.Top), "waived": len(v.Waived)}
	want := map[string]any{
		"owners":  []ownerRow{{Owner: "IT", Counts: []int{0, 0, 0, 1, 0}, Total: 1}, {Owner: "OT", Counts: []int{0, 1, 0, 0, 0}, Total: 1}},
		"open":    2,
		"waivers": map[string]string{"soon": scorecard.AttentionExpiring, "later": "", "gone": scorecard.AttentionExpired},
		"top":     2,
		"waived":  1,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("view (-want +got):\n%s", diff)
	}
	var buf bytes.Buffer
	if err := Write(&buf, sc); err != nil {
		t.Errorf("scorecard without zones: %v", err)
	}
	if _, err := newView(&scorecard.Scorecard{}); err == nil {
		t.Error("no error for a scorecard without as_of")
	}
}

// TestChromium renders the page headless and records Chromium's network
// log: the page must load nothing but itself. A control page with an
// external image and script shows that the log does catch such requests.
// .ci must install chromium for it to run.
func TestChromium(t *testing.T) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not on PATH")
	}
	if testing.Short() {
		t.Skip("short")
	}
	t.Run("scorecard", func(t *testing.T) {
		reqs, png := chromium(t, bin, render(t, load(t)))
		if len(reqs) > 0 {
			t.Errorf("the scorecard page made external requests: %v", reqs)
		}
		if st, err := os.Stat(png); err != nil || st.Size() == 0 {
			t.Fatalf("no screenshot: %v", err)
		}
	})
	t.Run("control", func(t *testing.T) {
		page := `<!doctype html><html><body><img src="http://example.invalid/x.png" alt=""><script src="https://cdn.example.invalid/x.js"></script>control</body></html>`
		reqs, _ := chromium(t, bin, []byte(page))
		joined := strings.Join(reqs, " ")
		for _, want := range []string{"http://example.invalid/x.png", "https://cdn.example.invalid/x.js"} {
			if !strings.Contains(joined, want) {
				t.Errorf("network log misses %s (logged: %v)", want, reqs)
			}
		}
	})
}

// browserHosts are the services Chromium itself contacts (updates, time,
// accounts), whatever the page: they are not the page's requests.
var browserHosts = regexp.MustCompile(`^https?://([a-z0-9-]+\.)*(google\.com|googleapis\.com|gstatic\.com|gvt1\.com)(/|:|$)`)

// chromium renders page headless, with a screenshot and a network log, and
// returns the URLs requested other than the page itself and Chromium's own
// services, and the screenshot's path.
func chromium(t *testing.T, bin string, page []byte) ([]string, string) {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "scorecard.html")
	if err := os.WriteFile(file, page, 0o644); err != nil {
		t.Fatal(err)
	}
	png, netlog := filepath.Join(dir, "shot.png"), filepath.Join(dir, "netlog.json")
	cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir="+filepath.Join(dir, "profile"),
		"--log-net-log="+netlog, "--screenshot="+png, "--window-size=1280,1600", "file://"+file)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	raw, err := os.ReadFile(netlog)
	if err != nil {
		t.Fatalf("no network log: %v", err)
	}
	var reqs []string
	for _, m := range regexp.MustCompile(`"url":"([^"]+)"`).FindAllStringSubmatch(string(raw), -1) {
		u := m[1]
		if strings.HasPrefix(u, "file://") || strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "about:") ||
			strings.HasPrefix(u, "chrome") || browserHosts.MatchString(u) {
			continue
		}
		if !slices.Contains(reqs, u) {
			reqs = append(reqs, u)
		}
	}
	return reqs, png
}

// TestZeroLevelMarked: an SL-achieved of 0 draws no bar, so each such
// cell of the SVG grid carries a mark of its own and each such cell of the
// HTML grid an empty progress bar with a marked edge; every cell shows
// how many of the requirements for the target are met.
func TestZeroLevelMarked(t *testing.T) {
	sc := load(t)
	page := string(render(t, sc))
	zeros, cells := 0, 0
	for _, z := range sc.Zones {
		for _, fr := range z.FRs {
			cells++
			if fr.Achieved == 0 {
				zeros++
			}
			p := sc.ProgressOf(z.Name, fr.ID)
			if !strings.Contains(page, fmt.Sprintf("%s %s: SL-A %s, SL-T %d", z.Name, fr.ID, fr.Level(), fr.Target)) ||
				!strings.Contains(page, p.String()) {
				t.Errorf("%s %s: the grid does not show %s", z.Name, fr.ID, p)
			}
		}
	}
	if zeros == 0 {
		t.Fatal("the example has no SL-A of 0: the test would test nothing")
	}
	if n := strings.Count(page, `<rect class="zero"`); n != zeros {
		t.Errorf("%d zero marks in the SVG grid, want %d", n, zeros)
	}
	// Each cell is in the table and in the list per zone.
	if n := strings.Count(page, `class="pbar none"`); n != 2*zeros {
		t.Errorf("%d marked empty bars in the HTML grid, want %d", n, 2*zeros)
	}
	if n := strings.Count(page, `class="pbar`); n != 2*cells {
		t.Errorf("%d progress bars, want %d", n, 2*cells)
	}
}

// TestHumanLabels: the page shows statuses in words, never the machine
// values scorecard.json keeps.
func TestHumanLabels(t *testing.T) {
	page := render(t, load(t))
	text := regexp.MustCompile(`(?s)<[^>]*>`).ReplaceAll(page, []byte(" "))
	for _, raw := range []string{"not_assessed", "not_applicable"} {
		if bytes.Contains(text, []byte(raw)) {
			t.Errorf("the page's text shows %q", raw)
		}
	}
	for _, l := range []string{"Not assessed", "Awaiting confirmation", "Not applicable"} {
		if !bytes.Contains(page, []byte(l)) {
			t.Errorf("the page lacks the label %q", l)
		}
	}
}

// TestChromiumLayout renders the page at 1400 and 390 px wide in a frame
// of that width and measures the document: nothing runs off the side.
// It prints the page to PDF too. .ci must install chromium for it to run.
func TestChromiumLayout(t *testing.T) {
	reporttest.ChromiumLayout(t, render(t, load(t)))
}
