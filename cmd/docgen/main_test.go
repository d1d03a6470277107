package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/collectors/assets"
	"github.com/slate-ot/slate/engine/model"
	"github.com/slate-ot/slate/evidence"
)

const root = "../.."

// TestGeneratedDocsUpToDate fails while a checked-in document differs
// from what the generator writes now.
func TestGeneratedDocsUpToDate(t *testing.T) {
	for _, g := range generators {
		t.Run(g.Path, func(t *testing.T) {
			want, err := g.Generate(root)
			if err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(g.Path)))
			if err != nil {
				t.Fatalf("%v; run `go run ./cmd/docgen` from the repository root", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s is stale; run `go run ./cmd/docgen` from the repository root and commit the result:\n%s",
					g.Path, cmp.Diff(string(got), string(want)))
			}
		})
	}
}

// TestGeneratorsDeterministic: two runs give the same bytes.
func TestGeneratorsDeterministic(t *testing.T) {
	for _, g := range generators {
		a, err := g.Generate(root)
		if err != nil {
			t.Fatal(err)
		}
		b, err := g.Generate(root)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs", g.Path)
		}
	}
}

// TestEvidenceDocRows: rows and sections the document must have, taken
// from the Go types: JSON names, types, the fields' doc comments, marks
// for omitted fields, and nested types written once.
func TestEvidenceDocRows(t *testing.T) {
	doc, err := evidenceDoc(root)
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	for _, want := range []string{
		"| `ip` | string | *omitted when empty* IP is the first address of the row; IPs all of them, IP first. |",
		"| `assets` | array of object ([assets.Asset](#assetsasset)) | Assets are sorted by ID. |",
		"| `extra` | object: string → string | *omitted when empty* Extra holds",
		"| `id` | string | ID is \"&lt;file&gt;:&lt;line&gt;\" for CSV",
		"| `kind` | string | it, ot or dmz |",
		"| `networks` | array of string (Go `netip.Prefix`) |  |",
		"| `sl_target` | object ([model.SLVector](#modelslvector)) |  |",
		"Encoded as object, for example `{\"FR1\":0,",
		"| `enable_secret` | object ([netconfig.Secret](#netconfigsecret)) | *null when unset*",
		"| `mfa_registered` | boolean | *omitted when unset* |",
		"| `facts` | object ([traffic.Facts](#trafficfacts)) | *omitted when unset* |",
		"| `data` | any JSON value | Data is the collector's typed record set",
		"### Example: `input.evidence.pcap[0]`",
		"\"id\": \"assets/cell1-register\"",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("docs/evidence.md lacks %q", want)
		}
	}
	for _, heading := range []string{"### assets.Asset\n", "### evidence.File\n", "### mfa.InputFile\n", "### assets.InputFile\n"} {
		if n := strings.Count(text, heading); n != 1 {
			t.Errorf("%q appears %d times, want once", strings.TrimSpace(heading), n)
		}
	}
	for _, absent := range []string{"csvEnforced", "groupsKnown", "`File` |", "PolicyPaths", "policy_paths"} {
		if strings.Contains(text, absent) {
			t.Errorf("docs/evidence.md shows %q, which policies never see", absent)
		}
	}
}

func TestTypeRef(t *testing.T) {
	for _, tc := range []struct {
		t    reflect.Type
		want string
	}{
		{reflect.TypeFor[string](), "string"},
		{reflect.TypeFor[*bool](), "boolean"},
		{reflect.TypeFor[[]int64](), "array of integer"},
		{reflect.TypeFor[map[string][]string](), "object: string → array of string"},
		{reflect.TypeFor[float64](), "number"},
		{reflect.TypeFor[any](), "any JSON value"},
		{reflect.TypeFor[[]assets.Asset](), "array of object ([assets.Asset](#assetsasset))"},
		{reflect.TypeFor[model.SLVector](), "object ([model.SLVector](#modelslvector))"},
		{reflect.TypeFor[evidence.Document]().Field(4).Type, "any JSON value"},
	} {
		t.Run(tc.t.String(), func(t *testing.T) {
			docs, err := newSourceDocs(root)
			if err != nil {
				t.Fatal(err)
			}
			w := &schemaWriter{docs: docs, done: map[reflect.Type]bool{}}
			if got := w.typeRef(tc.t); got != tc.want {
				t.Errorf("typeRef(%s) = %q, want %q", tc.t, got, tc.want)
			}
		})
	}
}

func TestAnchor(t *testing.T) {
	for in, want := range map[string]string{
		"assets.Asset":              "assetsasset",
		"evidence kind `netconfig`": "evidence-kind-netconfig",
		"Example: `input.x[0]`":     "example-inputx0",
		"snake_case-and-Dash":       "snake_case-and-dash",
	} {
		if got := anchor(in); got != want {
			t.Errorf("anchor(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSourceDocsErrors(t *testing.T) {
	if _, err := newSourceDocs(t.TempDir()); err == nil || !strings.Contains(err.Error(), "go.mod") {
		t.Errorf("a root without go.mod gave %v, want an error naming go.mod", err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("go 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := newSourceDocs(dir); err == nil || !strings.Contains(err.Error(), "no module line") {
		t.Errorf("a go.mod without module gave %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/m\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "p"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "p", "p.go"), []byte("package p\n\ntype T struct {\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := newSourceDocs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Type("example.com/m/p", "T"); err == nil || !strings.Contains(err.Error(), "p.go:") {
		t.Errorf("broken source gave %v, want an error naming the file and line", err)
	}
	if doc, err := s.Type("net/netip", "Prefix"); err != nil || doc != "" {
		t.Errorf("a type outside the module gave %q, %v; want no doc and no error", doc, err)
	}
}
