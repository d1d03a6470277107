package reports

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/reports/html"
	"github.com/slate-ot/slate/reports/markdown"
	"github.com/slate-ot/slate/reports/reporttest"
	"github.com/slate-ot/slate/reports/xlsx"
)

// topEntry is one line of a report's top risks as the report shows it.
type topEntry struct {
	Rank  string
	Score string
	ID    string
}

func (e topEntry) String() string { return e.Rank + " " + e.Score + " " + e.ID }

// TestTopRisksAgree renders the example site's console summary,
// summary.md, HTML page and workbook, reads the top risks back out of
// each, and requires the same ten root causes, in the same order, with the
// same scores: the ten of sc.TopRootCauses.
func TestTopRisksAgree(t *testing.T) {
	sc := reporttest.Load(t, "../testdata/golden/examples/plant-a/scorecard.json")
	var want []topEntry
	for i, rc := range sc.TopRootCauses(scorecard.TopRisks) {
		want = append(want, topEntry{fmt.Sprint(i + 1), fmt.Sprint(rc.Score), rc.ID})
	}
	if len(want) != 10 {
		t.Fatalf("the example site has %d top root causes, want 10", len(want))
	}

	var console bytes.Buffer
	if err := WriteSummary(&console, sc, scorecard.TopRisks); err != nil {
		t.Fatal(err)
	}
	got := map[string][]topEntry{
		"console": extract(t, section(t, console.String(), "\nTop 10 of ", "\n  waiver "),
			`(?m)^\s+(\d+)\.\s+(\d+)\s.*\[(RC-[0-9a-f]{12})\]$`),
		"markdown": extract(t, section(t, string(reporttest.Render(t, markdown.Write, sc)), "\n## Top 10 risks\n", "\n## "),
			`(?m)^\| (\d+) \| (\d+) \| .*\((RC-[0-9a-f]{12})\) \|`),
		"html": extract(t, section(t, string(reporttest.Render(t, html.Write, sc)), `<section aria-labelledby="top">`, `</section>`),
			`<tr><td class="n">(\d+)</td><td class="n">(\d+)</td>.*?(RC-[0-9a-f]{12})`),
		"xlsx": workbookTop(t, reporttest.Render(t, xlsx.Write, sc)),
	}
	for name, entries := range got {
		if len(entries) != 10 {
			t.Errorf("%s: found %d top risks, want 10: %v", name, len(entries), entries)
		}
		if diff := cmp.Diff(want, entries); diff != "" {
			t.Errorf("%s top risks differ from the scorecard's (-want +got):\n%s", name, diff)
		}
	}
}

// section returns the part of text from start up to the next end.
func section(t *testing.T, text, start, end string) string {
	t.Helper()
	_, after, ok := strings.Cut(text, start)
	if !ok {
		t.Fatalf("no %q in the report", start)
	}
	before, _, _ := strings.Cut(after, end)
	return before
}

func extract(t *testing.T, text, pattern string) []topEntry {
	t.Helper()
	var out []topEntry
	for _, m := range regexp.MustCompile(pattern).FindAllStringSubmatch(text, -1) {
		out = append(out, topEntry{m[1], m[2], m[3]})
	}
	return out
}

// workbookTop reads the Top risks sheet by its header names.
func workbookTop(t *testing.T, raw []byte) []topEntry {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(xlsx.SheetTopRisks)
	if err != nil || len(rows) == 0 {
		t.Fatalf("no %s sheet: %v", xlsx.SheetTopRisks, err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	var out []topEntry
	for _, r := range rows[1:] {
		out = append(out, topEntry{r[col["Rank"]], r[col["Score"]], r[col["Root cause"]]})
	}
	return out
}
