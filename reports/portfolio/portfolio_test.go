package portfolio_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sigstore/sigstore/pkg/signature"
	"github.com/xuri/excelize/v2"

	"github.com/slate-ot/slate/engine/portfolio"
	"github.com/slate-ot/slate/engine/portfolio/aggregate"
	"github.com/slate-ot/slate/engine/portfolio/portfoliotest"
	"github.com/slate-ot/slate/evidence/attest"
	"github.com/slate-ot/slate/reports/html"
	pfreports "github.com/slate-ot/slate/reports/portfolio"
	"github.com/slate-ot/slate/reports/reporttest"
	"github.com/slate-ot/slate/reports/xlsx"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// example builds the portfolio of four synthetic sites over three weeks.
// Signatures are not what these tests are about (engine/portfolio and the
// CLI tests check them): the runs are read as they are, with the test key
// named as their signer.
func example(t *testing.T) *portfolio.Portfolio {
	t.Helper()
	key, err := filepath.Abs("testdata/test.pub")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	for s := range 4 {
		for w := range 3 {
			sc := portfoliotest.Scorecard(s, w, start)
			if err := portfoliotest.WriteRun(filepath.Join("runs", sc.Assessment.Name, sc.Assessment.AsOf), sc, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	keys, err := aggregate.SingleKey(key)
	if err != nil {
		t.Fatal(err)
	}
	runs, err := aggregate.Discover([]string{"runs"})
	if err != nil {
		t.Fatal(err)
	}
	read := func(_ context.Context, dir string, _ signature.Verifier) ([]byte, error) {
		return os.ReadFile(filepath.Join(dir, attest.ScorecardFile))
	}
	p, err := aggregate.Build(context.Background(), runs, aggregate.Options{Keys: keys, Verify: read, AsOf: "2026-04-10"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range p.Runs {
		p.Runs[i].Signer.Entry = "testdata/test.pub"
	}
	return p
}

// TestGolden compares the JSON (by value) and the Markdown with the
// golden files; -update rewrites them.
func TestGolden(t *testing.T) {
	p := example(t)
	for _, tt := range []struct{ format, golden string }{
		{"json", "portfolio.golden.json"},
		{"md", "portfolio.golden.md"},
	} {
		t.Run(tt.format, func(t *testing.T) {
			f, err := pfreports.Lookup(tt.format)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := f.Write(&b, p); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join(goldenDir, tt.golden)
			if *update {
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if tt.format == "json" {
				var w, g any
				if err := json.Unmarshal(want, &w); err != nil {
					t.Fatal(err)
				}
				if err := json.Unmarshal(b.Bytes(), &g); err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(w, g); diff != "" {
					t.Errorf("%s (-want +got):\n%s", golden, diff)
				}
				return
			}
			if diff := cmp.Diff(string(want), b.String()); diff != "" {
				t.Errorf("%s (-want +got):\n%s", golden, diff)
			}
		})
	}
}

// goldenDir is the package's testdata, found before example changes the
// working directory.
var goldenDir = func() string {
	d, err := filepath.Abs("testdata")
	if err != nil {
		panic(err)
	}
	return d
}()

// TestFormats: every format renders the same bytes twice; the page makes
// no external request (no src or href off the page); the workbook holds
// every site on its sheets, and LibreOffice opens it.
func TestFormats(t *testing.T) {
	p := example(t)
	out := t.TempDir()
	files, err := pfreports.Write(filepath.Join(out, "a"), p, pfreports.Names())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pfreports.Write(filepath.Join(out, "b"), p, pfreports.Names()); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		a, _ := os.ReadFile(filepath.Join(out, "a", f))
		b, _ := os.ReadFile(filepath.Join(out, "b", f))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s: empty or not the same bytes twice", f)
		}
	}
	page, _ := os.ReadFile(filepath.Join(out, "a", "portfolio.html"))
	for _, bad := range []string{"http://", "https://", "<script", "<link", "@import", "url("} {
		if strings.Contains(string(page), bad) {
			t.Errorf("portfolio.html contains %q: the page must make no external request", bad)
		}
	}
	wb, err := excelize.OpenFile(filepath.Join(out, "a", "portfolio.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	rows, err := wb.GetRows(xlsx.SheetSites)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+len(p.Sites) || rows[1][1] != p.Sites[0].Assessment {
		t.Errorf("Sites sheet: %v", rows)
	}
	heat, err := wb.GetRows(xlsx.SheetHeatMap)
	if err != nil {
		t.Fatal(err)
	}
	if len(heat) != 1+3*len(p.Sites) || heat[0][3] != "FR1" {
		t.Errorf("heat map sheet: %d rows, header %v", len(heat), heat[0])
	}

	lo, err := exec.LookPath("libreoffice")
	if err != nil {
		t.Skip("libreoffice not on PATH")
	}
	if testing.Short() {
		t.Skip("short")
	}
	cmd := exec.Command(lo, "--headless", "-env:UserInstallation=file://"+filepath.Join(out, "profile"), "--convert-to", "pdf", "--outdir", out, filepath.Join(out, "a", "portfolio.xlsx"))
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, msg)
	}
	if st, err := os.Stat(filepath.Join(out, "portfolio.pdf")); err != nil || st.Size() == 0 {
		t.Fatalf("no PDF: %v", err)
	}
}

// TestChromiumLayout: the portfolio page reads at 1400 and 390 px wide in
// Chromium, with nothing running off the side, and prints to PDF.
func TestChromiumLayout(t *testing.T) {
	var b bytes.Buffer
	if err := html.WritePortfolio(&b, example(t)); err != nil {
		t.Fatal(err)
	}
	reporttest.ChromiumLayout(t, b.Bytes())
}
