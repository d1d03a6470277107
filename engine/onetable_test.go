package engine_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	opaast "github.com/open-policy-agent/opa/v1/ast"

	"github.com/slate-ot/slate/collectors"
	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/reports"
)

// vocabList is a list that has one home: the package (directory, relative
// to the repository root) that defines it. Everyone else asks that package.
type vocabList struct {
	name    string
	members []string
	home    string
}

// vocabLists are the lists of DESIGN.md's "one table per list", read from
// their homes.
func vocabLists() []vocabList {
	var kinds []string
	for _, s := range collectors.Specs() {
		kinds = append(kinds, s.Kind)
	}
	return []vocabList{
		{name: "collector kinds", members: kinds, home: "collectors"},
		{name: "report formats", members: reports.Names(), home: "reports"},
		{name: "severities", members: evidence.Severities, home: "evidence"},
		{name: "owners", members: evidence.Owners, home: "evidence"},
		{name: "statuses", members: scorecard.Statuses, home: "engine/scorecard"},
	}
}

// listThreshold is how many distinct members of a list one literal must
// name to count as a copy of it: three, or all of a shorter list. Two
// (pass and fail, low and high) is a choice between values, not a list.
func listThreshold(l vocabList) int { return min(3, len(l.members)) }

// words finds the words of a string, for lists written in prose
// ("formats are json, md and html"); listGap is what may stand between
// two items of such a list.
var (
	words   = regexp.MustCompile(`[A-Za-z][A-Za-z0-9_]*`)
	listGap = regexp.MustCompile("^[\\s\"'`]*(?:,|\\||/|,?\\s*or|,?\\s*and)?[\\s\"'`]*$")
)

// proseCopies returns the lists s names as a run of members joined by
// list punctuation ("IT", "OT" or "CISO"), at least listThreshold long.
func proseCopies(s string, lists []vocabList) []string {
	var out []string
	for _, l := range lists {
		run := map[string]bool{}
		end := -1 // where the run's last member ends; -1: no run
		best := 0
		for _, loc := range words.FindAllStringIndex(s, -1) {
			w := s[loc[0]:loc[1]]
			if !slices.Contains(l.members, w) {
				continue
			}
			if end < 0 || !listGap.MatchString(s[end:loc[0]]) {
				run = map[string]bool{}
			}
			run[w] = true
			end = loc[1]
			best = max(best, len(run))
		}
		if best >= listThreshold(l) {
			out = append(out, l.name)
		}
	}
	return out
}

// listedIn returns the lists whose members strs name, at least
// listThreshold of each.
func listedIn(strs []string, lists []vocabList) []string {
	var out []string
	for _, l := range lists {
		seen := map[string]bool{}
		for _, s := range strs {
			if slices.Contains(l.members, s) {
				seen[s] = true
			}
		}
		if len(seen) >= listThreshold(l) {
			out = append(out, l.name)
		}
	}
	return out
}

// goCopies reports the lists a Go file copies: a composite literal
// (slice, array or map, keys and values) of string literals naming
// members of a list, or one string literal naming them in words.
func goCopies(name string, src []byte, lists []vocabList) ([]string, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	var out []string
	report := func(pos token.Pos, what string, names []string) {
		for _, l := range names {
			out = append(out, fmt.Sprintf("%s: %s lists %s", fset.Position(pos), what, l))
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CompositeLit:
			var strs []string
			add := func(e ast.Expr) {
				if s, ok := stringLit(e); ok {
					strs = append(strs, s)
				}
			}
			for _, e := range n.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					add(kv.Key)
					add(kv.Value)
					continue
				}
				add(e)
			}
			report(n.Pos(), "a literal", listedIn(strs, lists))
		case *ast.BasicLit:
			if s, ok := stringLit(n); ok {
				report(n.Pos(), "a string", proseCopies(s, lists))
			}
		}
		return true
	})
	return out, nil
}

func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

// generated matches the header Go's convention gives generated files
// (https://go.dev/s/generatedcode), in Go or Rego comments.
var generated = regexp.MustCompile(`(?m)^(//|#) Code generated .* DO NOT EDIT\.$`)

// regoCopies reports the lists a Rego module copies: an array, a set or
// an object (keys and values) of strings naming members of a list.
func regoCopies(name string, src []byte, lists []vocabList) ([]string, error) {
	m, err := opaast.ParseModuleWithOpts(name, string(src), opaast.ParserOptions{RegoVersion: opaast.RegoV1})
	if err != nil {
		return nil, err
	}
	var out []string
	strOf := func(t *opaast.Term) []string {
		if s, ok := t.Value.(opaast.String); ok {
			return []string{string(s)}
		}
		return nil
	}
	opaast.WalkTerms(m, func(t *opaast.Term) bool {
		var strs []string
		switch v := t.Value.(type) {
		case *opaast.Array:
			v.Foreach(func(e *opaast.Term) { strs = append(strs, strOf(e)...) })
		case opaast.Set:
			v.Foreach(func(e *opaast.Term) { strs = append(strs, strOf(e)...) })
		case opaast.Object:
			v.Foreach(func(k, e *opaast.Term) { strs = append(strs, append(strOf(k), strOf(e)...)...) })
		default:
			return false
		}
		for _, l := range listedIn(strs, lists) {
			out = append(out, fmt.Sprintf("%s:%d: a collection lists %s", name, t.Location.Row, l))
		}
		return false
	})
	return out, nil
}

// TestOneTablePerList: collector kinds, report formats, severities, owners
// and statuses are each written down once, in their home package; every
// other package and every policy asks the home (policies read
// data.slate.vocab). Tests may write their own expectations and are not
// scanned.
func TestOneTablePerList(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	lists := vocabLists()
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, root+string(filepath.Separator)))
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		var scan func(string, []byte, []vocabList) ([]string, error)
		switch {
		case strings.HasSuffix(rel, "_test.go"), strings.HasSuffix(rel, "_test.rego"):
			return nil
		case strings.HasSuffix(rel, ".go"):
			scan = goCopies
		case strings.HasSuffix(rel, ".rego"):
			scan = regoCopies
		default:
			return nil
		}
		var away []vocabList // the lists whose home is elsewhere
		for _, l := range lists {
			if path := filepath.ToSlash(filepath.Dir(rel)); path != l.home {
				away = append(away, l)
			}
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if generated.Match(src) {
			// Written by a generator from the list's home (cmd/docgen),
			// with a staleness test: a copy that cannot drift.
			return nil
		}
		copies, err := scan(rel, src, away)
		if err != nil {
			return err
		}
		for _, c := range copies {
			t.Errorf("%s; ask its home instead", c)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestOneTablePerListFindsCopies: the scan finds a planted copy of each
// list, in Go and in Rego, and lets uses that are not copies pass.
func TestOneTablePerListFindsCopies(t *testing.T) {
	lists := vocabLists()
	tests := []struct {
		name string
		file string
		src  string
		want []string
	}{
		{"go slice of kinds", "x.go", `package x; var k = []string{"assets", "mfa", "pcap"}`, []string{"collector kinds"}},
		{"go map of severities", "x.go", `package x; var w = map[string]int{"info": 1, "low": 2, "high": 4}`, []string{"severities"}},
		{"go map values", "x.go", `package x; var w = map[int]string{1: "fail", 2: "pass", 3: "manual"}`, []string{"statuses"}},
		{"go owners", "x.go", `package x; var o = [...]string{"IT", "OT", "CISO"}`, []string{"owners"}},
		{"go formats in prose", "x.go", "package x\nconst help = `formats are json, html, md and xlsx`", []string{"report formats"}},
		{"go owners in a hint", "x.go", "package x\nconst hint = `owner = \"IT\", \"OT\" or \"CISO\"`", []string{"owners"}},
		{"go formats apart in prose", "x.go", "package x\nconst help = `reads scorecard.json; --format sarif writes results.sarif, --format md summary.md`", nil},
		{"go two values are a choice", "x.go", `package x; var s = []string{"pass", "fail"}`, nil},
		{"go constants are asked", "x.go", `package x; var s = []string{evidence.SeverityHigh, evidence.SeverityLow, evidence.SeverityInfo}`, nil},
		{"go other words", "x.go", `package x; var s = []string{"emergencies", "alerts", "critical", "errors"}`, nil},
		{"rego set of severities", "x.rego", "package x\nsevs := {\"low\", \"medium\", \"high\"}", []string{"severities"}},
		{"rego array of statuses", "x.rego", "package x\nf(x) := [\"pass\", \"fail\", \"not_assessed\"][x]", []string{"statuses"}},
		{"rego object of owners", "x.rego", "package x\nrank := {\"CISO\": 1, \"IT\": 2, \"OT\": 3}", []string{"owners"}},
		{"rego one value", "x.rego", "package x\nsev := \"high\"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			scan := goCopies
			if strings.HasSuffix(tt.file, ".rego") {
				scan = regoCopies
			}
			copies, err := scan(tt.file, []byte(tt.src), lists)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range copies {
				got = append(got, c[strings.LastIndex(c, " lists ")+len(" lists "):])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("found %q, want %q\n%s", got, tt.want, strings.Join(copies, "\n"))
			}
		})
	}
}
