package attestation_test

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/collectors/attestation"
	"github.com/slate-ot/slate/evidence"
)

// expectation is one problem a fixture says it has, written in the
// fixture as "# ERROR line:col: summary".
type expectation struct {
	Line, Col int
	Summary   string // a substring of the reported summary
}

func (e expectation) String() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Summary) }

var expectationRE = regexp.MustCompile(`^\s*#\s*ERROR\s+(\d+):(\d+):\s*(.+?)\s*$`)

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
		if m := expectationRE.FindStringSubmatch(sc.Text()); m != nil {
			line, _ := strconv.Atoi(m[1])
			col, _ := strconv.Atoi(m[2])
			out = append(out, expectation{line, col, m[3]})
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestErrorFixtures collects each file in testdata/errors and checks that
// it reports exactly the problems its comments expect, every one with a
// detail saying what to change.
func TestErrorFixtures(t *testing.T) {
	dir, err := filepath.Abs("testdata/errors")
	if err != nil {
		t.Fatal(err)
	}
	paths, err := filepath.Glob(filepath.Join(dir, "*.hcl"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, path := range paths {
		name := filepath.Base(path)
		t.Run(strings.TrimSuffix(name, ".hcl"), func(t *testing.T) {
			want := readExpectations(t, path)
			if len(want) == 0 {
				t.Fatal("fixture expects no problems; add # ERROR line:col: summary comments")
			}
			_, _, err := collect(t, newSource(dir, []string{path}))
			var ae *attestation.Error
			if !errors.As(err, &ae) {
				t.Fatalf("Collect: %v (%T), want an *attestation.Error", err, err)
			}
			var got []expectation
			for _, p := range ae.Problems {
				if p.File != name {
					t.Errorf("problem %q names file %q, want %q", p, p.File, name)
				}
				if p.Detail == "" {
					t.Errorf("problem %q has no detail", p)
				}
				got = append(got, expectation{p.Line, p.Column, p.Summary})
			}
			// A reported summary counts as expected when it contains the
			// expected text; show it as the expectation so that the diff
			// is only about what is missing or extra.
			unmatched := slices.Clone(want)
			for i, g := range got {
				j := slices.IndexFunc(unmatched, func(w expectation) bool {
					return w.Line == g.Line && w.Col == g.Col && strings.Contains(g.Summary, w.Summary)
				})
				if j >= 0 {
					got[i].Summary = unmatched[j].Summary
					unmatched = slices.Delete(unmatched, j, j+1)
				}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s\nall reported:\n%v", diff, err)
			}
			var ie *evidence.InputError
			if !errors.As(err, &ie) || ie.Path != name || ie.Line != ae.Problems[0].Line {
				t.Errorf("error does not unwrap to an InputError for %s line %d: %#v", name, ae.Problems[0].Line, ie)
			}
		})
	}
}
