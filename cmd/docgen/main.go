// Command docgen writes the reference documents that are generated from
// the code, so they cannot drift from it: docs/evidence.md, the shape of
// the input policies see, from the Go types of the evidence and the
// assessment and from a run of the collectors over the example site; and
// the table of docs/mapping.md that says what each built-in check's
// findings fail, from the checks' METADATA; policies/vocab.json, the data.slate.vocab
// document the engine gives the policies, for the plain opa CLI; and
// policies/lib/traffic.rego,
// the kinds of traffic evidence and the protocol selections policies read
// as data.slate.traffic, from the collector table and evidence/traffic.
//
// Run it from the repository root after changing those types:
//
//	go run ./cmd/docgen
//
// Its test fails while a checked-in document differs from what it would
// write.
package main

import (
	"flag"
	"fmt"
	"github.com/slate-ot/slate/engine"
	"os"
	"path/filepath"
)

// A generator renders one checked-in document.
type generator struct {
	// Path is the document's path relative to the repository root, with
	// forward slashes.
	Path string
	// Generate renders it from the repository at root.
	Generate func(root string) ([]byte, error)
}

// generators lists every generated document, sorted by path. Adding a
// document means adding one line here.
var generators = []generator{
	{Path: "docs/evidence.md", Generate: evidenceDoc},
	{Path: "docs/mapping.md", Generate: mappingDoc},
	{Path: "policies/lib/traffic.rego", Generate: trafficRego},
	{Path: "policies/vocab.json", Generate: func(string) ([]byte, error) { return engine.VocabData() }},
}

func main() {
	root := flag.String("root", ".", "repository root")
	flag.Parse()
	if err := run(*root); err != nil {
		fmt.Fprintln(os.Stderr, "docgen:", err)
		os.Exit(1)
	}
}

// run renders every document first and writes them only when all
// succeeded.
func run(root string) error {
	out := make([][]byte, len(generators))
	for i, g := range generators {
		b, err := g.Generate(root)
		if err != nil {
			return fmt.Errorf("%s: %w", g.Path, err)
		}
		out[i] = b
	}
	for i, g := range generators {
		path := filepath.Join(root, filepath.FromSlash(g.Path))
		if err := os.WriteFile(path, out[i], 0o644); err != nil {
			return err
		}
		fmt.Println("wrote", g.Path)
	}
	return nil
}
