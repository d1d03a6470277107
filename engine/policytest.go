package engine

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/cover"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/slate-ot/slate/policies"
)

// RegoTestReport is the outcome of running Rego tests.
type RegoTestReport struct {
	Passed, Failed int
	// Failures name each failing or erroring test with its place.
	Failures []string
	// Coverage is the share of lines of the non-test modules that the
	// tests evaluated, in percent; Files gives it per module.
	Coverage float64
	Files    map[string]float64
}

// RunRegoTests runs the _test.rego files of the built-in library (when
// builtin is set) and of dirs, compiled exactly as an assessment compiles
// policies, and measures line coverage of the modules under test. A file of
// a dir at the same relative path as a built-in one replaces it, so that
// `slate policy test policies/` in a checkout tests the files on disk. The
// tests see data.slate.vocab as the checks do.
func RunRegoTests(ctx context.Context, builtin bool, dirs []string) (*RegoTestReport, error) {
	modules := map[string]*ast.Module{}
	var problems []string
	add := func(name string, src []byte) {
		m, err := ParseModule(name, src)
		if err != nil {
			problems = append(problems, astErrors(err)...)
			return
		}
		modules[name] = m
	}
	if builtin {
		err := fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
				return err
			}
			src, err := fs.ReadFile(policies.FS, p)
			if err == nil {
				add("builtin/"+p, src)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
				return err
			}
			src, err := os.ReadFile(p)
			if err == nil {
				delete(modules, builtinName(dir, p))
				add(filepath.ToSlash(p), src)
			}
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("read policies: %w", err)
		}
	}
	if len(problems) > 0 {
		return nil, &PolicyError{Problems: problems}
	}
	store, err := vocabStore()
	if err != nil {
		return nil, err
	}
	cov := cover.New()
	ch, err := tester.NewRunner().
		SetCompiler(NewCompiler()).
		SetStore(store).
		SetModules(modules).
		SetCoverageQueryTracer(cov).
		RunTests(ctx, nil)
	if err != nil {
		return nil, &PolicyError{Problems: astErrors(err)}
	}
	rep := &RegoTestReport{Files: map[string]float64{}}
	for r := range ch {
		if r.Fail || r.Error != nil {
			rep.Failed++
			msg := "failed"
			if r.Error != nil {
				msg = r.Error.Error()
			}
			rep.Failures = append(rep.Failures, fmt.Sprintf("%s:%d: %s.%s: %s", r.Location.File, r.Location.Row, r.Package, r.Name, msg))
			continue
		}
		rep.Passed++
	}
	slices.Sort(rep.Failures)
	under := map[string]*ast.Module{}
	for name, m := range modules {
		if !strings.HasSuffix(name, "_test.rego") {
			under[name] = m
		}
	}
	report := cov.Report(under)
	rep.Coverage = report.Coverage
	for _, name := range slices.Sorted(maps.Keys(report.Files)) {
		rep.Files[name] = report.Files[name].Coverage
	}
	return rep, nil
}

// builtinName is the name of the built-in module that file p of dir
// replaces: "builtin/" and p's path relative to dir.
func builtinName(dir, p string) string {
	rel, err := filepath.Rel(dir, p)
	if err != nil {
		return ""
	}
	return "builtin/" + filepath.ToSlash(rel)
}
