package assessment

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/hashicorp/hcl/v2"
)

var update = flag.Bool("update", false, "rewrite golden files")

// testOptions stand in for the collector table, the report formats and
// the policy catalogs, which this package must not import.
var testOptions = LoadOptions{
	Formats: []string{"html", "json", "junit", "md", "oscal", "sarif", "xlsx"},
	SourceKinds: map[string][]string{
		"assets":      {"columns", "header_row", "sheet", "tags"},
		"attestation": nil,
		"netconfig":   {"vendor"},
		"pcap":        {"max_flows", "min_observation", "zones"},
	},
	KnownRequirement: func(id string) bool {
		return slices.Contains([]string{
			"iec62443-3-3:SR 1.1",
			"iec62443-3-3:SR 7.8",
			"nist-800-53r5:AC-2(1)",
			"nist-800-53r5:CM-8",
		}, id)
	},
}

// goldenAssessment shows every field of an Assessment, with paths relative
// to the assessment directory so the golden file does not depend on where
// the repository is checked out.
type goldenAssessment struct {
	*Assessment
	File        string   `json:"file"`
	Dir         string   `json:"dir"`
	Sources     []Source `json:"sources"`
	PolicyPaths []string `json:"policy_paths"`
	Waivers     []Waiver `json:"waivers"`
	Outputs     Outputs  `json:"outputs"`
	Warnings    []string `json:"warnings"`
}

func golden(t *testing.T, a *Assessment) []byte {
	t.Helper()
	rel := func(p string) string {
		r, err := filepath.Rel(a.Dir, p)
		if err != nil {
			t.Fatal(err)
		}
		return filepath.ToSlash(r)
	}
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	dir, err := filepath.Rel(cwd, a.Dir)
	if err != nil {
		t.Fatal(err)
	}
	g := goldenAssessment{
		Assessment:  a,
		File:        rel(a.File),
		Dir:         filepath.ToSlash(dir),
		Waivers:     a.Waivers,
		Outputs:     a.Outputs,
		PolicyPaths: []string{},
		Warnings:    []string{},
	}
	for _, s := range a.Sources {
		s.Files = slices.Clone(s.Files)
		for i, f := range s.Files {
			s.Files[i] = rel(f)
		}
		g.Sources = append(g.Sources, s)
	}
	for _, p := range a.PolicyPaths {
		g.PolicyPaths = append(g.PolicyPaths, rel(p))
	}
	if g.Outputs.Dir != "" {
		g.Outputs.Dir = rel(g.Outputs.Dir)
	}
	for _, w := range allWarnings(a) {
		g.Warnings = append(g.Warnings, (&DiagError{Diags: hcl.Diagnostics{w}}).Error())
	}
	b, err := json.MarshalIndent(g, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

func TestLoadValid(t *testing.T) {
	tests := []struct {
		name   string
		arg    string // as given on the command line
		golden string
	}{
		{"file", "testdata/valid/assessment.hcl", "testdata/golden/valid.json"},
		{"directory", "testdata/valid", "testdata/golden/valid.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, err := Resolve(tt.arg)
			if err != nil {
				t.Fatal(err)
			}
			a, err := Load(path, testOptions)
			if err != nil {
				t.Fatalf("Load(%q): %v", path, err)
			}
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(src)
			if want := hex.EncodeToString(sum[:]); a.SHA256 != want {
				t.Errorf("SHA256 = %s, want %s", a.SHA256, want)
			}
			if !filepath.IsAbs(a.File) || filepath.Dir(a.File) != a.Dir {
				t.Errorf("File = %q, Dir = %q; want an absolute file in Dir", a.File, a.Dir)
			}

			got := golden(t, a)
			if *update {
				if err := os.WriteFile(tt.golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(tt.golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(parseJSON(t, want), parseJSON(t, got)); diff != "" {
				t.Errorf("loaded assessment mismatch (-want +got); rerun with -update if intended:\n%s", diff)
			}
		})
	}
}

// TestSourceOptions checks the Go types of source options, which the
// golden JSON cannot tell apart.
func TestSourceOptions(t *testing.T) {
	a, err := Load("testdata/valid/assessment.hcl", testOptions)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"columns":    map[string]any{"ip": "IP address", "name": "Device"},
		"header_row": json.Number("1"),
		"tags":       []any{"cell-1", json.Number("2.5"), true},
	}
	if diff := cmp.Diff(want, a.Sources[0].Options); diff != "" {
		t.Errorf("options of %s (-want +got):\n%s", a.Sources[0].Name, diff)
	}
}

func parseJSON(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// expectation is one diagnostic a fixture says it produces, written in the
// fixture as "# ERROR line:col: summary" or "# WARNING line:col: summary".
type expectation struct {
	Severity  string
	Line, Col int
	Summary   string // a substring of the reported summary
}

func (e expectation) String() string {
	return fmt.Sprintf("%s %d:%d: %s", e.Severity, e.Line, e.Col, e.Summary)
}

var expectationRE = regexp.MustCompile(`^\s*#\s*(ERROR|WARNING)\s+(\d+):(\d+):\s*(.+?)\s*$`)

func readExpectations(t *testing.T, path string) []expectation {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []expectation
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		m := expectationRE.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		out = append(out, expectation{m[1], line, col, m[4]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func severity(s hcl.DiagnosticSeverity) string {
	if s == hcl.DiagError {
		return "ERROR"
	}
	return "WARNING"
}

// TestLoadErrors loads each fixture in testdata/errors and checks that it
// reports exactly the diagnostics its comments expect.
func TestLoadErrors(t *testing.T) {
	paths, err := filepath.Glob("testdata/errors/*.hcl")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".hcl"), func(t *testing.T) {
			want := readExpectations(t, path)
			if len(want) == 0 {
				t.Fatal("fixture expects no diagnostics; add # ERROR line:col: summary comments")
			}
			a, err := Load(path, testOptions)
			var diags hcl.Diagnostics
			var de *DiagError
			switch {
			case errors.As(err, &de):
				diags = de.Diags
			case err != nil:
				t.Fatalf("Load: %v, want a *DiagError", err)
			default:
				diags = allWarnings(a)
			}

			var got []expectation
			for _, d := range diags {
				checkDiagnostic(t, d)
				if d.Subject == nil {
					got = append(got, expectation{severity(d.Severity), 0, 0, d.Summary})
					continue
				}
				got = append(got, expectation{severity(d.Severity), d.Subject.Start.Line, d.Subject.Start.Column, d.Summary})
			}
			// A reported summary counts as expected when it contains the
			// expected text; show it as the expectation so the diff is
			// only about what is missing or extra.
			unmatched := slices.Clone(want)
			for i, g := range got {
				j := slices.IndexFunc(unmatched, func(w expectation) bool {
					return w.Severity == g.Severity && w.Line == g.Line && w.Col == g.Col && strings.Contains(g.Summary, w.Summary)
				})
				if j >= 0 {
					got[i].Summary = unmatched[j].Summary
					unmatched = slices.Delete(unmatched, j, j+1)
				}
			}
			sortExpectations(want)
			sortExpectations(got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("diagnostics mismatch (-want +got):\n%s\nall reported:\n%v", diff, err)
			}
		})
	}
}

func sortExpectations(es []expectation) {
	slices.SortStableFunc(es, func(a, b expectation) int {
		return strings.Compare(fmt.Sprintf("%06d:%06d:%s:%s", a.Line, a.Col, a.Severity, a.Summary),
			fmt.Sprintf("%06d:%06d:%s:%s", b.Line, b.Col, b.Severity, b.Summary))
	})
}

// checkDiagnostic holds every diagnostic to the project's rule: a summary,
// a place, and a detail in whole sentences.
func checkDiagnostic(t *testing.T, d *hcl.Diagnostic) {
	t.Helper()
	if d.Summary == "" || d.Subject == nil {
		t.Errorf("diagnostic %q has no summary or no subject", d.Summary)
	}
	if !strings.HasSuffix(d.Detail, ".") && !strings.HasSuffix(d.Detail, "?") {
		t.Errorf("diagnostic %q: detail %q is not whole sentences", d.Summary, d.Detail)
	}
}

func TestLoadSymlinkEscape(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.csv"), []byte("a,b\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	mustMkdir(t, filepath.Join(dir, "evidence"))
	if err := os.Symlink(filepath.Join(outside, "secret.csv"), filepath.Join(dir, "evidence", "link.csv")); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "policies")); err != nil {
		t.Fatal(err)
	}
	// A real policy directory holding a link to a file outside, and an
	// output directory that is a link to outside.
	mustMkdir(t, filepath.Join(dir, "own", "sub"))
	writeFile(t, filepath.Join(outside, "x.rego"), "package slate.checks.x\n")
	if err := os.Symlink(filepath.Join(outside, "x.rego"), filepath.Join(dir, "own", "sub", "x.rego")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "out")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, FileName)
	writeFile(t, path, `assessment "p" {
  site = "P"
}
framework "iec62443-3-3" {}
source "assets" "inv" {
  files = ["evidence/*.csv"]
}
policies {
  paths = ["policies", "own"]
}
output {
  dir = "out/reports"
}
`)
	_, err := Load(path, LoadOptions{})
	var de *DiagError
	if !errors.As(err, &de) {
		t.Fatalf("Load: %v, want a *DiagError", err)
	}
	var got []string
	for _, d := range de.Diags {
		got = append(got, fmt.Sprintf("%d:%d: %s", d.Subject.Start.Line, d.Subject.Start.Column, d.Summary))
	}
	want := []string{
		"6:12: File outside the assessment directory",
		"9:12: Path escapes the assessment directory",
		"9:24: Policy file outside the assessment directory",
		"12:9: Output directory outside the assessment directory",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics mismatch (-want +got):\n%s", diff)
	}
}

func TestLoadUnreadable(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		path string
	}{
		{"missing file", filepath.Join(dir, "nope.hcl")},
		{"directory", dir},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.path, LoadOptions{})
			var de *DiagError
			if !errors.As(err, &de) {
				t.Fatalf("Load: %v, want a *DiagError", err)
			}
			if len(de.Diags) != 1 || de.Diags[0].Subject != nil || !strings.Contains(de.Diags[0].Detail, tt.path) {
				t.Errorf("diagnostics = %v, want one without a subject naming %s", de, tt.path)
			}
		})
	}
}

func TestResolve(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "site.hcl")
	writeFile(t, file, "")
	tests := []struct {
		arg, want string
	}{
		{dir, filepath.Join(dir, FileName)},
		{file, file},
		{filepath.Join(dir, "new"), filepath.Join(dir, "new", FileName)},
		{filepath.Join(dir, "other.hcl"), filepath.Join(dir, "other.hcl")},
		{"", FileName},
	}
	for _, tt := range tests {
		got, err := Resolve(tt.arg)
		if err != nil {
			t.Errorf("Resolve(%q): %v", tt.arg, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Resolve(%q) = %q, want %q", tt.arg, got, tt.want)
		}
	}
}

// TestLoadIndependentOfWorkingDirectory loads the valid fixture by an
// absolute path from another directory and expects the same result.
func TestLoadIndependentOfWorkingDirectory(t *testing.T) {
	abs, err := filepath.Abs("testdata/valid/assessment.hcl")
	if err != nil {
		t.Fatal(err)
	}
	want, err := Load(abs, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	got, err := Load(abs, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateComparable(netip.Prefix{}), cmpopts.IgnoreUnexported(Assessment{})); diff != "" {
		t.Errorf("Load from another directory differs (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want.DateWarnings("2030-01-01"), got.DateWarnings("2030-01-01")); diff != "" {
		t.Errorf("date warnings differ (-want +got):\n%s", diff)
	}
}

// allWarnings are the file's warnings with the date-dependent ones judged on
// its own as_of, in file order.
func allWarnings(a *Assessment) hcl.Diagnostics {
	diags := append(slices.Clone(a.Warnings), a.DateWarnings(a.AsOf)...)
	sortDiags(diags)
	return diags
}

func TestDateWarnings(t *testing.T) {
	a, err := Load("testdata/valid/assessment.hcl", testOptions)
	if err != nil {
		t.Fatal(err)
	}
	count := func(asOf string) int {
		n := 0
		for _, d := range a.DateWarnings(asOf) {
			if d.Summary == "Waiver has expired" {
				if !strings.Contains(d.Detail, "before the assessment date "+asOf) {
					t.Errorf("%s: %s", asOf, d.Detail)
				}
				n++
			}
		}
		return n
	}
	if early, late := count("2000-01-01"), count("2100-01-01"); early != 0 || late != len(a.Waivers) || late == 0 {
		t.Errorf("expired waivers: %d on 2000-01-01, %d on 2100-01-01 (of %d)", early, late, len(a.Waivers))
	}
}

func TestDiagErrorText(t *testing.T) {
	path := filepath.Join("testdata", "errors", "zone_refs.hcl")
	_, err := Load(path, testOptions)
	var de *DiagError
	if !errors.As(err, &de) {
		t.Fatalf("Load: %v, want a *DiagError", err)
	}
	var buf bytes.Buffer
	if err := de.WriteText(&buf, 100, false); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		path + ":19:14",            // place of the first unknown zone
		`  from     = "contrl"`,    // its source line
		"Did you mean \"control\"", // the detail
	} {
		if !strings.Contains(out, want) {
			t.Errorf("WriteText output lacks %q:\n%s", want, out)
		}
	}

	lines := strings.Split(de.Error(), "\n")
	if len(lines) != len(de.Diags) {
		t.Errorf("Error() has %d lines for %d diagnostics:\n%s", len(lines), len(de.Diags), de.Error())
	}
	if want := path + ":19:14: Unknown zone; No zone named \"contrl\""; !strings.Contains(de.Error(), want) {
		t.Errorf("Error() lacks %q:\n%s", want, de.Error())
	}
}

func TestStarter(t *testing.T) {
	for _, name := range []string{"plant-a", `odd "name" ${x} %{y}`, ""} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, FileName)
			if err := os.WriteFile(path, Starter(name, testOptions.Formats, []string{"html", "json"}), 0o644); err != nil {
				t.Fatal(err)
			}
			a, err := Load(path, testOptions)
			if name == "" {
				if err == nil {
					t.Error("starter with an empty name loaded; want an Empty name error")
				}
				return
			}
			if err != nil {
				t.Fatalf("starter does not load:\n%v", err)
			}
			if a.Name != name || len(a.Warnings) != 0 {
				t.Errorf("Name = %q, warnings %v; want %q and none", a.Name, a.Warnings, name)
			}
			for _, block := range []string{"assessment ", "framework ", "zone ", "conduit ", "source ", "policies ", "waiver ", "output "} {
				if !bytes.Contains(Starter(name, testOptions.Formats, []string{"html", "json"}), []byte(block)) {
					t.Errorf("starter shows no %s block", block)
				}
			}
		})
	}
}

func mustMkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLoadPolicyBundles(t *testing.T) {
	dir := t.TempDir()
	mustMkdir(t, filepath.Join(dir, "packs"))
	mustMkdir(t, filepath.Join(dir, "keys"))
	writeFile(t, filepath.Join(dir, "packs", "b.tar.gz"), "x")
	writeFile(t, filepath.Join(dir, "packs", "a.tar.gz"), "x")
	writeFile(t, filepath.Join(dir, "keys", "pack.pub"), "x")
	head := "assessment \"p\" {\n  site = \"P\"\n}\nframework \"iec62443-3-3\" {}\n"
	path := filepath.Join(dir, FileName)
	writeFile(t, path, head+`policies {
  bundles    = ["packs/b.tar.gz", "packs/a.tar.gz", "packs/b.tar.gz"]
  bundle_key = "keys/pack.pub"
}
`)
	a, err := Load(path, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "packs", "a.tar.gz"), filepath.Join(dir, "packs", "b.tar.gz")}
	if diff := cmp.Diff(want, a.PolicyBundles); diff != "" {
		t.Errorf("bundles (-want +got):\n%s", diff)
	}
	if a.PolicyBundleKey != filepath.Join(dir, "keys", "pack.pub") {
		t.Errorf("bundle_key %q", a.PolicyBundleKey)
	}

	writeFile(t, path, head+`policies {
  bundles    = ["packs/none.tar.gz", "../out.tar.gz", "packs"]
  bundle_key = "keys/none.pub"
}
`)
	_, err = Load(path, LoadOptions{})
	var de *DiagError
	if !errors.As(err, &de) {
		t.Fatalf("Load: %v, want a *DiagError", err)
	}
	var got []string
	for _, d := range de.Diags {
		got = append(got, fmt.Sprintf("%d:%d: %s", d.Subject.Start.Line, d.Subject.Start.Column, d.Summary))
	}
	want = []string{
		"6:17: File not found",
		"6:38: Path escapes the assessment directory",
		"6:55: Path is a directory",
		"7:16: File not found",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics mismatch (-want +got):\n%s", diff)
	}
}

// TestLoadPolicyOCI: OCI packs alone make a policies block; their
// references lose "oci://" and are sorted, once each. The errors are in
// testdata/errors/policies_oci.hcl.
func TestLoadPolicyOCI(t *testing.T) {
	dir := t.TempDir()
	const (
		a1 = "localhost:5000/packs/a@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
		b1 = "registry.example.com/packs/b:1.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	)
	path := filepath.Join(dir, FileName)
	writeFile(t, path, "assessment \"p\" {\n  site = \"P\"\n}\nframework \"iec62443-3-3\" {}\n"+`policies {
  oci = ["`+b1+`", "oci://`+a1+`", "`+a1+`"]
}
`)
	a, err := Load(path, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{a1, b1}, a.PolicyOCI); diff != "" {
		t.Errorf("oci (-want +got):\n%s", diff)
	}
}
