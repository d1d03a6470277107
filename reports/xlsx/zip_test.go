package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/reports/reporttest"
)

// wholeWorkbook writes sc's workbook the way it was written before the
// parts were streamed: the whole zip from excelize in memory, then
// normalised.
func wholeWorkbook(t *testing.T, sc *scorecard.Scorecard) []byte {
	t.Helper()
	asOf, err := time.Parse(time.DateOnly, sc.Assessment.AsOf)
	if err != nil {
		t.Fatal(err)
	}
	f, _, err := newBook(sc, asOf, false)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := normalize(buf.Bytes(), asOf)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// parts are a zip's entries in order, inflated.
func parts(t *testing.T, raw []byte) [][2]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	var out [][2]string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		out = append(out, [2]string{f.Name, string(data)})
	}
	return out
}

// TestStreamedMatchesWhole holds the workbook written part by part
// (sortedZip) to the one excelize writes whole and normalize sorts: the
// same bytes while every part is small, and the same parts in the same
// order, inflated, when the Gaps sheet is deflated at the fastest level.
func TestStreamedMatchesWhole(t *testing.T) {
	t.Run("example", func(t *testing.T) {
		sc := reporttest.Load(t, reporttest.Example)
		whole := wholeWorkbook(t, sc)
		streamed := reporttest.Render(t, Write, sc)
		if !bytes.Equal(whole, streamed) {
			t.Errorf("the streamed workbook differs from the whole one (%d and %d bytes)", len(streamed), len(whole))
		}
	})
	t.Run("texts excelize escapes", func(t *testing.T) {
		// The Gaps sheet's rows are written apart from excelize
		// (gapRowWriter): every escape, cut and mark excelize makes must
		// come out the same.
		sc := reporttest.Load(t, reporttest.Example)
		texts := []string{
			"", " lead", "trail ", "\ttab", "line\n", "\rcr", `q"uote 'apos' & <lt> >gt`, "a\tb\nc\rd",
			"ctl\x00\x01\x1f\x7f", "bad utf8 \xff\xfe \xc3", "\uFFFD real, \uFFFE \uFFFF not", "astral 𝄞 and é — ≤",
			"_x0041_", "a_x005F_x0041_b", "_x005F_", "_x005F_xZZZZ_", "_x005F_x0041", "_xD800_ half", "_x005f_x00e9_ lower", "__x0041__x0042_",
			"&#xA; literal", strings.Repeat("é", 40000), strings.Repeat("𝄞", 20000) + "tail", strings.Repeat("a", excelize.TotalCellChars-1) + "𝄞",
		}
		base := sc.Gaps[0]
		for i, text := range texts {
			g := base
			g.ID = fmt.Sprintf("T-%03d", i)
			g.Subject, g.Message, g.Remediation, g.Owner = text, text+" message", "x"+text, text
			g.Requirements = []string{text, "other"}
			g.Waivers = []string{text}
			sc.Gaps = append(sc.Gaps, g)
		}
		whole, streamed := parts(t, wholeWorkbook(t, sc)), parts(t, reporttest.Render(t, Write, sc))
		if diff := cmp.Diff(whole, streamed); diff != "" {
			t.Errorf("parts (-whole +streamed):\n%s", diff)
		}
	})
	t.Run("many gaps", func(t *testing.T) {
		sc := reporttest.ManyGaps(reporttest.Load(t, reporttest.Example), 5000)
		whole, streamed := parts(t, wholeWorkbook(t, sc)), parts(t, reporttest.Render(t, Write, sc))
		big := 0
		for _, p := range streamed {
			if len(p[1]) > bigPart {
				big++
			}
		}
		if big == 0 {
			t.Fatalf("no part passes %d bytes: the test does not reach the fast level", bigPart)
		}
		if diff := cmp.Diff(whole, streamed); diff != "" {
			t.Errorf("parts (-whole +streamed):\n%s", diff)
		}
	})
}

// TestTooManyGaps holds a run with more gaps than the Gaps sheet has rows
// to an error that names the sheet, the limit and the run's gaps, with
// nothing written.
func TestTooManyGaps(t *testing.T) {
	defer func(n int) { maxGaps = n }(maxGaps)
	sc := reporttest.Load(t, reporttest.Example)
	maxGaps = len(sc.Gaps) - 1
	var buf bytes.Buffer
	err := Write(&buf, sc)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"Gaps sheet", fmt.Sprintf("at most %d gaps", maxGaps), fmt.Sprintf("has %d", len(sc.Gaps))} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if buf.Len() != 0 {
		t.Errorf("%d bytes written", buf.Len())
	}
	maxGaps = len(sc.Gaps)
	if err := Write(io.Discard, sc); err != nil {
		t.Errorf("at the limit: %v", err)
	}
}
