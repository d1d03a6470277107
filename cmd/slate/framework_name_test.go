package main

import (
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/slate-ot/slate/engine/assessment"
)

// overlayName is what no output may say: the SP 800-82r3 OT overlay's
// tailoring is not applied, so nothing slate writes may name it as the
// framework assessed.
const overlayName = "800-82r3"

// runTexts returns the text of every file under dir by its path relative
// to dir; a zip container (the xlsx workbook) gives the text of each of its
// entries — cell strings, sheet names, charts, document properties — as
// "file!entry".
func runTexts(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		zr, zerr := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
		if zerr != nil {
			out[rel] = string(raw)
			return nil
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				return err
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				return err
			}
			out[rel+"!"+f.Name] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// overlayMentions lists the texts that name the overlay, in any case.
func overlayMentions(texts map[string]string) []string {
	var out []string
	for name, s := range texts {
		if strings.Contains(strings.ToLower(s), overlayName) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// TestNoOverlayInOutputs assesses examples/plant-a and reads everything it
// writes — the console summary and stderr, and every file of the run
// folder (scorecard.json, bundle.json, summary.md, scorecard.html, the
// workbook's cell text, junit.xml, results.sarif, the OSCAL results and
// any other) — for "800-82r3": the framework is the SP 800-53B baseline of
// SP 800-53r5, and no output may claim the OT overlay.
func TestNoOverlayInOutputs(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := runSlate(t, "assess", "../../examples/plant-a", "--out", dir, "--as-of", "2026-11-01")
	if code != ExitOK {
		t.Fatalf("slate assess exited %d:\n%s", code, stderr)
	}
	texts := runTexts(t, dir)
	for _, name := range []string{"scorecard.json", "bundle.json", "summary.md", "scorecard.html", "junit.xml",
		"results.sarif", "oscal-assessment-results.json", "scorecard.xlsx!xl/sharedStrings.xml"} {
		if _, ok := texts[name]; !ok {
			t.Errorf("the run wrote no %s; the test would not read it", name)
		}
	}
	texts["console summary"] = stdout
	texts["stderr"] = stderr
	if got := overlayMentions(texts); len(got) > 0 {
		t.Errorf("outputs name %q, an overlay whose tailoring is not applied: %v", overlayName, got)
	}
	want := "NIST SP 800-53r5 moderate baseline (SP 800-53B)"
	for _, name := range []string{"console summary", "summary.md", "scorecard.html", "oscal-assessment-results.json", "scorecard.xlsx!xl/sharedStrings.xml"} {
		if !strings.Contains(texts[name], want) {
			t.Errorf("%s does not name the framework %q", name, want)
		}
	}
}

// TestOverlayMentionsFound shows that the scan above can fail: the alias
// warning, which does name the overlay, is caught in a plain file and in a
// workbook's cell text, in any case.
func TestOverlayMentionsFound(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "assessment.hcl")
	if err := os.WriteFile(path, []byte("assessment \"a\" {\n  site = \"A\"\n}\nframework \"nist-800-82r3\" {\n  baseline = \"low\"\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := assessment.Load(path, assessment.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Warnings) != 1 {
		t.Fatalf("warnings %v, want the alias warning", a.Warnings)
	}
	warning := a.Warnings[0].Detail

	run := filepath.Join(dir, "run")
	if err := os.MkdirAll(run, 0o755); err != nil {
		t.Fatal(err)
	}
	var book bytes.Buffer
	zw := zip.NewWriter(&book)
	w, err := zw.Create("xl/sharedStrings.xml")
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, "<sst><si><t>NIST SP 800-82R3 MODERATE</t></si></sst>")
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string][]byte{
		"summary.md":     []byte("# run\n\n" + warning + "\n"),
		"scorecard.xlsx": book.Bytes(),
		"clean.json":     []byte(`{"id":"nist-800-53r5"}`),
	} {
		if err := os.WriteFile(filepath.Join(run, name), content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := overlayMentions(runTexts(t, run))
	want := []string{"scorecard.xlsx!xl/sharedStrings.xml", "summary.md"}
	if !slices.Equal(got, want) {
		t.Errorf("mentions found in %v, want %v", got, want)
	}
}
