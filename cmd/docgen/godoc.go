package main

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
)

// sourceDocs reads the doc comments of the repository's packages from
// their source: go/types and go/packages are not needed for comments on
// types and struct fields, the parser alone has them.
type sourceDocs struct {
	root, module string
	pkgs         map[string]*pkgDocs // by import path
}

// pkgDocs are the comments of one package.
type pkgDocs struct {
	types  map[string]string            // type name → doc
	fields map[string]map[string]string // type name → field name → doc
}

func newSourceDocs(root string) (*sourceDocs, error) {
	module, err := modulePath(filepath.Join(root, "go.mod"))
	if err != nil {
		return nil, err
	}
	return &sourceDocs{root: root, module: module, pkgs: map[string]*pkgDocs{}}, nil
}

// modulePath reads the module line of go.mod.
func modulePath(gomod string) (string, error) {
	f, err := os.Open(gomod)
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`), nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", fmt.Errorf("%s: %w", gomod, err)
	}
	return "", fmt.Errorf("%s: no module line", gomod)
}

// Dir returns the directory of the package with import path pkg, relative
// to the root with forward slashes, or "" for a package outside the module.
func (s *sourceDocs) Dir(pkg string) string {
	if pkg == s.module {
		return "."
	}
	rel, ok := strings.CutPrefix(pkg, s.module+"/")
	if !ok {
		return ""
	}
	return rel
}

// Type returns the doc comment of a type, "" when it has none or lives
// outside the module.
func (s *sourceDocs) Type(pkg, name string) (string, error) {
	p, err := s.load(pkg)
	if err != nil || p == nil {
		return "", err
	}
	return p.types[name], nil
}

// Field returns the doc comment of a struct field, or its line comment
// when it has no doc comment.
func (s *sourceDocs) Field(pkg, typeName, field string) (string, error) {
	p, err := s.load(pkg)
	if err != nil || p == nil {
		return "", err
	}
	return p.fields[typeName][field], nil
}

func (s *sourceDocs) load(pkg string) (*pkgDocs, error) {
	if p, ok := s.pkgs[pkg]; ok {
		return p, nil
	}
	dir := s.Dir(pkg)
	if dir == "" {
		s.pkgs[pkg] = nil
		return nil, nil
	}
	files, err := filepath.Glob(filepath.Join(s.root, filepath.FromSlash(dir), "*.go"))
	if err != nil {
		return nil, err
	}
	p := &pkgDocs{types: map[string]string{}, fields: map[string]map[string]string{}}
	fset := token.NewFileSet()
	parsed := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		parsed++
		p.add(f)
	}
	if parsed == 0 {
		return nil, fmt.Errorf("package %s: no Go files in %s", pkg, dir)
	}
	s.pkgs[pkg] = p
	return p, nil
}

func (p *pkgDocs) add(f *ast.File) {
	for _, decl := range f.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.TYPE {
			continue
		}
		for _, spec := range gen.Specs {
			ts, ok := spec.(*ast.TypeSpec)
			if !ok {
				continue
			}
			doc := ts.Doc
			if doc == nil && len(gen.Specs) == 1 {
				doc = gen.Doc
			}
			p.types[ts.Name.Name] = commentText(doc)
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				continue
			}
			fields := map[string]string{}
			for _, fld := range st.Fields.List {
				text := commentText(fld.Doc)
				if text == "" {
					text = commentText(fld.Comment)
				}
				for _, n := range fld.Names {
					fields[n.Name] = text
				}
				if len(fld.Names) == 0 {
					fields[embeddedName(fld.Type)] = text
				}
			}
			p.fields[ts.Name.Name] = fields
		}
	}
}

// embeddedName is the field name of an embedded type.
func embeddedName(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.StarExpr:
		return embeddedName(t.X)
	case *ast.SelectorExpr:
		return t.Sel.Name
	case *ast.Ident:
		return t.Name
	}
	return ""
}

// commentText is a comment as one paragraph of text.
func commentText(g *ast.CommentGroup) string {
	if g == nil {
		return ""
	}
	return strings.Join(strings.Fields(g.Text()), " ")
}
