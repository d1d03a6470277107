package xlsx

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/reports/reporttest"
)

var update = flag.Bool("update", false, "rewrite testdata/plant-a.cells.golden")

func load(t *testing.T) *scorecard.Scorecard {
	t.Helper()
	return reporttest.Load(t, reporttest.Example)
}

func write(t *testing.T, sc *scorecard.Scorecard) []byte {
	t.Helper()
	return reporttest.Render(t, Write, sc)
}

var (
	exampleOnce sync.Once
	exampleRaw  []byte
)

// example returns the workbook of the example site, built once: the
// machine is shared, so the tests that only read it share one build.
func example(t *testing.T) []byte {
	t.Helper()
	exampleOnce.Do(func() { exampleRaw = write(t, load(t)) })
	if exampleRaw == nil {
		t.Fatal("example workbook not built")
	}
	return exampleRaw
}

func open(t *testing.T, raw []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestDeterministic(t *testing.T) {
	sc := load(t)
	a, b := write(t, sc), write(t, sc)
	if !bytes.Equal(a, b) {
		t.Fatal("two runs gave different bytes")
	}
}

func TestSheets(t *testing.T) {
	f := open(t, example(t))
	want := append(append([]string{SheetOverview, SheetTopRisks, SheetSummary}, FRs...), SheetNIST, SheetGaps, SheetVulnerabilities, SheetWaivers, SheetCountermeasures, SheetAttest, SheetEvidence, SheetSignOff)
	if diff := cmp.Diff(want, f.GetSheetList()); diff != "" {
		t.Errorf("sheets (-want +got):\n%s", diff)
	}
}

// TestRequirementCells checks every requirement × zone status on the FR
// and NIST sheets against the scorecard.
func TestRequirementCells(t *testing.T) {
	sc := load(t)
	f := open(t, example(t))
	type key struct{ sheet, id string }
	want := map[key][]string{}
	for _, r := range sc.Requirements {
		sheet := r.FR
		if r.Framework == frameworkNIST {
			sheet = SheetNIST
		} else if r.Framework != frameworkIEC {
			continue
		}
		var sts []string
		for _, zs := range r.Zones {
			sts = append(sts, StatusText(zs))
		}
		want[key{sheet, r.ID}] = sts
	}
	got := map[key][]string{}
	for _, sheet := range append(append([]string{}, FRs...), SheetNIST) {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows[1:] {
			var sts []string
			for i := range sc.Zones {
				sts = append(sts, row[LeadColumns+ZoneColumns*i])
			}
			got[key{sheet, row[0]}] = sts
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	// not_assessed is never shown as passing.
	for k, sts := range got {
		for _, s := range sts {
			if s == "" {
				t.Errorf("%v: empty status", k)
			}
		}
	}
}

func TestGapRows(t *testing.T) {
	sc := load(t)
	f := open(t, example(t))
	rows, err := f.GetRows(SheetGaps)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(GapsHeader, rows[0]); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	var want, got [][]string
	for _, g := range sc.Gaps {
		want = append(want, []string{g.ID, g.Status, g.Owner, g.Severity, g.Rule, strings.Join(g.Requirements, ", "), g.Message})
	}
	for _, r := range rows[1:] {
		got = append(got, []string{r[0], r[1], r[2], r[3], r[6], r[7], r[8]})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("gaps (-want +got):\n%s", diff)
	}
}

// TestVulnerabilities checks the Vulnerabilities sheet against the
// scorecard's advisory matches: one row each, in its order, and the example's affected, fixed and possible matches
// all listed.
func TestVulnerabilities(t *testing.T) {
	sc := load(t)
	f := open(t, example(t))
	rows, err := f.GetRows(SheetVulnerabilities)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(VulnerabilitiesHeader, rows[0]); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	var want, got [][]string
	statuses := map[string]bool{}
	for _, m := range sc.Advisories {
		want = append(want, []string{m.Asset, m.Zone, m.CVEs[0], m.FixedVersion, m.Confidence, m.Status})
		statuses[m.Status] = true
	}
	for _, r := range rows[1:] {
		r = append(r, make([]string, len(VulnerabilitiesHeader)-len(r))...)
		cve, _, _ := strings.Cut(r[7], ",")
		got = append(got, []string{r[0], r[1], cve, r[10], r[12], r[13]})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	for _, st := range []string{scorecard.AdvisoryFixAvailable, scorecard.AdvisoryFixed, scorecard.AdvisoryPossible} {
		if !statuses[st] {
			t.Errorf("the example has no %q match", st)
		}
	}
	// A scorecard without advisory evidence has no such sheet.
	bare := &scorecard.Scorecard{Format: scorecard.Format, Assessment: scorecard.Assessment{AsOf: "2026-01-01"}}
	if idx, _ := open(t, write(t, bare)).GetSheetIndex(SheetVulnerabilities); idx != -1 {
		t.Error("a scorecard without advisories has a Vulnerabilities sheet")
	}
}

// TestVulnerabilityOrder: KEV first (unless fixed), then affected before
// possible before fixed, then the highest CVSS.
func TestVulnerabilityOrder(t *testing.T) {
	ms := []scorecard.AdvisoryMatch{
		{Asset: "a", Advisory: "low", CVSS: 4.3, Status: scorecard.AdvisoryFixAvailable},
		{Asset: "b", Advisory: "high", CVSS: 9.8, Status: scorecard.AdvisoryPossible},
		{Asset: "c", Advisory: "kev", CVSS: 7.5, KEV: []string{"CVE-2021-1"}, Status: scorecard.AdvisoryFixAvailable},
		{Asset: "d", Advisory: "high", CVSS: 9.8, Status: scorecard.AdvisoryFixAvailable},
		{Asset: "e", Advisory: "kev", CVSS: 7.5, KEV: []string{"CVE-2021-1"}, Status: scorecard.AdvisoryFixed},
		{Asset: "f", Advisory: "mit", CVSS: 3.1, Status: scorecard.AdvisoryMitigationsOnly},
	}
	scorecard.SortAdvisories(ms)
	var got []string
	for _, m := range ms {
		got = append(got, m.Asset)
	}
	if diff := cmp.Diff([]string{"c", "d", "a", "f", "b", "e"}, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
}

// TestGolden compares every cell of every sheet with
// testdata/plant-a.cells.golden, so a change in layout shows as a diff.
func TestGolden(t *testing.T) {
	f := open(t, example(t))
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString("== " + sheet + "\n")
		for _, r := range rows {
			b.WriteString(strings.ReplaceAll(strings.Join(r, " | "), "\n", "\\n") + "\n")
		}
	}
	golden := filepath.Join("testdata", "plant-a.cells.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), b.String()); diff != "" {
		t.Errorf("cells (-want +got):\n%s", diff)
	}
}

// TestHyperlinks: a requirement's id links to the first of its gaps on
// the Gaps sheet; its status cells, of two lines, hold no link (a linked
// cell does not wrap in LibreOffice).
func TestHyperlinks(t *testing.T) {
	f := open(t, example(t))
	rows, err := f.GetRows("FR5")
	if err != nil {
		t.Fatal(err)
	}
	gapRow := map[string]int{}
	gaps, err := f.GetRows(SheetGaps)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range gaps {
		if len(r) > 0 {
			gapRow[r[0]] = i + 1
		}
	}
	found := 0
	for i, row := range rows[1:] {
		for c := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, i+2)
			ok, target, err := f.GetCellHyperLink("FR5", ref)
			if err != nil {
				t.Fatal(err)
			}
			ids := strings.Split(row[len(row)-1], ", ")
			switch {
			case !ok:
			case c != 0:
				t.Errorf("FR5 %s: a link outside the id column", ref)
			case target != fmt.Sprintf("'Gaps'!A%d", gapRow[ids[0]]):
				t.Errorf("FR5 %s %s: link %q, want the row of %s", ref, row[0], target, ids[0])
			default:
				found++
			}
		}
	}
	if found == 0 {
		t.Error("no links from FR5 to the Gaps sheet")
	}
}

// TestLibreOffice has LibreOffice print the example's workbook to PDF and
// reads the PDF back: it fits in maxPrintedPages, nothing on it is cut,
// and every requirement sheet shows its id column on each of its pages.
// .ci/run installs libreoffice and pdftotext (poppler-utils).
func TestLibreOffice(t *testing.T) {
	lo, pdftotext := needPDFTools(t)
	pdf := convert(t, lo, map[string][]byte{"scorecard": example(t)})["scorecard"]
	raw, err := os.ReadFile(pdf)
	if err != nil || len(raw) == 0 {
		t.Fatalf("no PDF: %v", err)
	}
	p := readPrinted(t, pdftotext, pdf, example(t))
	t.Run("pages", func(t *testing.T) {
		// Every sheet one page wide, the long ones down as many as they
		// need.
		pages, err := pdfPages(raw)
		if err != nil {
			t.Fatal(err)
		}
		if pages > maxPrintedPages || pages < len(p.sheets) || pages != len(p.pages) {
			t.Errorf("the workbook prints to %d pages (%d read), want at most %d and one a sheet at least", pages, len(p.pages), maxPrintedPages)
		}
		for i, pg := range p.pages {
			if pg.sheet == "" {
				t.Errorf("page %d: no sheet named in the page header", i+1)
			}
		}
	})
	t.Run("no cut text", func(t *testing.T) {
		for _, c := range p.cutText() {
			t.Error(c)
		}
	})
	t.Run("first column repeats", func(t *testing.T) {
		for _, s := range p.sheets {
			if s != SheetNIST && !regexp.MustCompile(`^FR[1-7]$`).MatchString(s) {
				continue
			}
			for _, c := range p.firstColumn(s) {
				t.Error(c)
			}
		}
	})
}

// maxPrintedPages is how many pages the example's workbook may print to.
const maxPrintedPages = 30

// pdfPages reads the page count of a PDF's page tree root, the /Pages
// object whose /Kids lists the pages.
func pdfPages(pdf []byte) (int, error) {
	m := regexp.MustCompile(`/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b`).FindSubmatch(pdf)
	if m == nil {
		return 0, fmt.Errorf("no page tree in the PDF")
	}
	return strconv.Atoi(string(append(m[1], m[2]...)))
}

// TestPrintSetup: every sheet prints landscape, one page wide, with the
// header row and the first column repeated on every page, a page header
// and a "page x of y" footer.
func TestPrintSetup(t *testing.T) {
	f := open(t, example(t))
	titles := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles[dn.Scope] = dn.RefersTo
		}
	}
	for _, sheet := range f.GetSheetList() {
		q := "'" + sheet + "'"
		top := 1
		switch sheet {
		case SheetSummary:
			top = SummaryTop
		case SheetSignOff:
			top = len(SignOffItems) + 3
		}
		if want := fmt.Sprintf("%s!$A:$A,%s!$%d:$%d", q, q, top, top); titles[sheet] != want {
			t.Errorf("%s: print titles %q, want %q", sheet, titles[sheet], want)
		}
		pl, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if *pl.Orientation != "landscape" || *pl.FitToWidth != 1 || *pl.FitToHeight != 0 {
			t.Errorf("%s: page layout %s, fit %d×%d", sheet, *pl.Orientation, *pl.FitToWidth, *pl.FitToHeight)
		}
		hf, err := f.GetHeaderFooter(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(hf.OddFooter, "Page &P of &N") || !strings.Contains(hf.OddHeader, "as of 2026") || !strings.Contains(hf.OddFooter, "sha256:") {
			t.Errorf("%s: header %q, footer %q", sheet, hf.OddHeader, hf.OddFooter)
		}
	}
}

// TestZeroLevelMarked: an SL-A of 0 draws no bar, so the Summary chart
// labels every bar with its value; the example has zeros to show.
func TestZeroLevelMarked(t *testing.T) {
	sc := load(t)
	zeros := 0
	for _, z := range sc.Zones {
		for _, fr := range z.FRs {
			if fr.Achieved == 0 {
				zeros++
			}
		}
	}
	if zeros == 0 {
		t.Fatal("the example has no SL-A of 0: the test would test nothing")
	}
	zr, err := zip.NewReader(bytes.NewReader(example(t)), int64(len(example(t))))
	if err != nil {
		t.Fatal(err)
	}
	var charts int
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/charts/chart") {
			continue
		}
		charts++
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		raw, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`<(c:)?showVal val="(1|true)"`).Match(raw) {
			t.Errorf("%s: the bars carry no value labels; an SL-A of 0 would show nothing", zf.Name)
		}
	}
	if charts != 1 {
		t.Errorf("%d charts, want the Summary's", charts)
	}
	// The chart sits on the Summary's first screen, above its table: its
	// anchor ends above the header row (rows counted from 0 there).
	drawing := regexp.MustCompile(`<xdr:to><xdr:col>\d+</xdr:col><xdr:colOff>\d+</xdr:colOff><xdr:row>(\d+)</xdr:row>`)
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/drawings/drawing") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(rc)
		rc.Close()
		m := drawing.FindSubmatch(raw)
		if m == nil {
			t.Fatalf("%s: no anchor", zf.Name)
		}
		if to, _ := strconv.Atoi(string(m[1])); to+1 >= SummaryTop {
			t.Errorf("%s: the chart reaches row %d, the table's header is row %d", zf.Name, to+1, SummaryTop)
		}
	}
	pics, err := open(t, example(t)).GetCellValue(SheetSummary, fmt.Sprintf("A%d", SummaryTop))
	if err != nil || pics != "Zone" {
		t.Errorf("Summary A%d = %q, %v; want the table's header below the chart", SummaryTop, pics, err)
	}
}

func TestWrappedLines(t *testing.T) {
	tests := []struct {
		text  string
		width float64
		want  int
	}{
		{"", 10, 1},
		{"pass", 10, 1},
		{"not_assessed (required)", 14, 2},
		{"not_assessed (required)\n2 finding(s)", 14, 3},
		{"abcdefghijklmnopqrstuvwxyz", 10, 3},
		{"one two three four", 9, 3},
		{"a\n\nb", 10, 3},
	}
	for _, tt := range tests {
		if got := wrappedLines(tt.text, tt.width); got != tt.want {
			t.Errorf("wrappedLines(%q, %v) = %d, want %d", tt.text, tt.width, got, tt.want)
		}
	}
	if h := rowHeight([]string{strings.Repeat("x ", 1000)}, []float64{10}); h != maxRowHeight {
		t.Errorf("a very long cell's row is %v high, want the cap %v", h, float64(maxRowHeight))
	}
}

// wrappedLinesPlain is wrappedLines read plainly: lines, words, pieces.
func wrappedLinesPlain(text string, width float64) int {
	per := max(width-cellPadding, 1)
	n := 0
	for line := range strings.SplitSeq(text, "\n") {
		n++
		used := 0.0
		for word := range strings.FieldsSeq(line) {
			var pieces []string
			if strings.IndexByte(word, '-') < 0 || strings.ContainsAny(word, "/#:") {
				pieces = []string{word}
			} else {
				start := 0
				for i, r := range word {
					if r == '-' && i+1 < len(word) && unicode.IsLetter(rune(word[i+1])) {
						pieces = append(pieces, word[start:i+1])
						start = i + 1
					}
				}
				pieces = append(pieces, word[start:])
			}
			for i, piece := range pieces {
				l, gap := textWidth(piece), 1.0
				if i > 0 {
					gap = 0
				}
				switch {
				case used == 0:
				case used+gap+l <= per:
					used += gap + l
					continue
				default:
					n++
				}
				for l > per {
					n++
					l -= per
				}
				used = l
			}
		}
	}
	return max(n, 1)
}

// TestWrappedLinesMatch holds wrappedLines, which walks a text once, to
// the plain reading, on the example's texts and on random ones made of
// the characters that matter: spaces of every kind, hyphens before
// letters and digits, path characters, wide and non-ASCII letters.
func TestWrappedLinesMatch(t *testing.T) {
	var texts []string
	sc := load(t)
	for i := range sc.Gaps {
		texts = gapTexts(texts, &sc.Gaps[i])
	}
	texts = append(texts, GapsHeader...)
	alphabet := []string{"a", "W", "i", "1", " ", "  ", "\n", "\t", "\u00a0", "\u0085", "\u2003", "-", "-a", "-1", "-é", "/", "#", ":", "é", "—", "≤", "\xff", "\xc3", "long-hyphenated-word", "abcdefghijklmnopqrstuvwxyz"}
	rng := rand.New(rand.NewPCG(25, 6))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		texts = append(texts, b.String())
	}
	for _, text := range texts {
		for _, width := range []float64{1, 5, 9, 10, 14.5, 30, 90} {
			if got, want := wrappedLines(text, width), wrappedLinesPlain(text, width); got != want {
				t.Fatalf("wrappedLines(%q, %v) = %d, the plain reading %d", text, width, got, want)
			}
		}
	}
}

func TestEmpty(t *testing.T) {
	sc := &scorecard.Scorecard{Format: scorecard.Format, Assessment: scorecard.Assessment{AsOf: "2026-01-01"}}
	f := open(t, write(t, sc))
	rows, err := f.GetRows(SheetGaps)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 {
		t.Errorf("gaps sheet has %d rows, want the header only", len(rows))
	}
	var buf bytes.Buffer
	if err := Write(&buf, &scorecard.Scorecard{}); err == nil {
		t.Error("no error for a scorecard without as_of")
	}
}

// BenchmarkManyGaps writes a workbook with 100,000 gaps: the Gaps sheet is
// streamed, so time and memory grow with the row count only.
func BenchmarkManyGaps(b *testing.B) {
	sc := reporttest.Load(b, reporttest.Example)
	base := sc.Gaps
	sc.Gaps = nil
	for i := range 100_000 {
		g := base[i%len(base)]
		g.ID = fmt.Sprintf("G-%012d", i)
		sc.Gaps = append(sc.Gaps, g)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, sc); err != nil {
			b.Fatal(err)
		}
	}
}

func TestHowAssessed(t *testing.T) {
	b := &book{sc: &scorecard.Scorecard{Rules: []scorecard.RuleSummary{
		{Rule: scorecard.Rule{ID: "A"}}, {Rule: scorecard.Rule{ID: "M", Manual: true}},
	}}}
	tests := []struct {
		req  scorecard.Requirement
		want string
	}{
		{scorecard.Requirement{Coverage: scorecard.CoverageManual}, "manual: by attestation"},
		{scorecard.Requirement{Coverage: scorecard.CoverageAutomated, Rules: []string{"A"}}, "automated: A"},
		{scorecard.Requirement{Coverage: scorecard.CoveragePartial, Rules: []string{"A", "M"}},
			"partial: A, M (confirm by hand); the rest by attestation"},
		{scorecard.Requirement{Coverage: scorecard.CoveragePartial, MappedRules: []string{"A"}},
			"partial: A (via mapping); the rest by attestation"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, b.howAssessed(tt.req)); diff != "" {
			t.Errorf("%+v (-want +got):\n%s", tt.req, diff)
		}
	}
}

// TestCountermeasuresSheet: the workbook lists every countermeasure with
// its state — an active one with the cells it compensates, an expired one
// saying why it compensates nothing — and every check override; the
// Summary sheet shows compensated requirements apart.
func TestCountermeasuresSheet(t *testing.T) {
	sc := load(t)
	sc.Countermeasures = append(sc.Countermeasures, scorecard.Countermeasure{
		Name: "old-isolation", Requirements: []string{"iec62443-3-3:SR 5.1"}, Zones: []string{"control"},
		Description: "Air gap", ApprovedBy: "A. Okafor", Expires: "2026-01-31",
		Status: scorecard.CountermeasureExpired, Reason: "expired on 2026-01-31"})
	f := open(t, write(t, sc))
	rows, err := f.GetRows(SheetCountermeasures)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows[1:] {
		got = append(got, strings.Join(r[:4], " | "))
	}
	want := []string{
		"countermeasure | cell-panel-integrity | active | ",
		"countermeasure | old-isolation | expired | expired on 2026-01-31",
		"check override | SLATE-CFG-010 | narrowed to iec62443-3-3:SR 1.3 RE 1, nist-800-53r5:AC-2 | ",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Countermeasures sheet (-want +got):\n%s", diff)
	}
	summary, err := f.GetRows(SheetSummary)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range summary {
		if len(r) > 11 && r[0] == "cell" && r[2] == "FR3" && strings.Contains(r[11], "SR 3.2") {
			found = true
		}
	}
	if !found {
		t.Errorf("the Summary sheet does not show SR 3.2 compensated in the cell's FR3")
	}
}
