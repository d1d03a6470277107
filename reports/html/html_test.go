package html

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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
	want = append(want, sc.Assessment.Site, sc.Assessment.AsOf, sc.Digests.Bundle, sc.Digests.Policies, sc.Digests.Assessment, "signature: <strong>unsigned</strong>")
	n := 0
	for _, g := range sc.Gaps {
		if g.Status == scorecard.GapOpen && n < TopGaps {
			want = append(want, g.ID)
			n++
		}
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
	// The eleventh open gap is not listed.
	n = 0
	for _, g := range sc.Gaps {
		if g.Status != scorecard.GapOpen {
			continue
		}
		if n++; n > TopGaps && strings.Contains(page, g.ID) {
			t.Errorf("gap %s beyond the top %d is listed", g.ID, TopGaps)
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
	got := map[string]any{"owners": v.Owners, "open": v.OpenGaps, "expiring": len(v.Expiring), "expired": len(v.Expired), "top": len(v.Top)}
	want := map[string]any{
		"owners": []ownerRow{{Owner: "IT", Counts: []int{0, 0, 0, 1, 0}, Total: 1}, {Owner: "OT", Counts: []int{0, 1, 0, 0, 0}, Total: 1}},
		"open":   2, "expiring": 1, "expired": 1, "top": 2,
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

// TestChromium renders the page headless; .ci must install chromium for
// it to run.
func TestChromium(t *testing.T) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not on PATH")
	}
	if testing.Short() {
		t.Skip("short")
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "scorecard.html")
	if err := os.WriteFile(page, render(t, load(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	png := filepath.Join(dir, "shot.png")
	cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir="+filepath.Join(dir, "profile"),
		"--screenshot="+png, "--window-size=1280,1600", "file://"+page)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	if st, err := os.Stat(png); err != nil || st.Size() == 0 {
		t.Fatalf("no screenshot: %v", err)
	}
}
