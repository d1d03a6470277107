package collectortest_test

import (
	"bufio"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/slate-ot/slate/collectors/collectortest"
	"github.com/slate-ot/slate/evidence"
)

// lines is the smallest honest collector: it counts the lines of its files
// and refuses a file that holds the word "bad".
type lines struct{}

func (lines) Collect(ctx context.Context, src evidence.Source) (evidence.Document, error) {
	if err := ctx.Err(); err != nil {
		return evidence.Document{}, err
	}
	prov := evidence.Provenance{Collector: "lines", CollectorVersion: "0.0.1"}
	counts := map[string]int{}
	for _, path := range src.Files {
		rel := evidence.RelPath(src.Dir, path)
		file, err := evidence.HashFile(src.Dir, path)
		if err != nil {
			return evidence.Document{}, &evidence.InputError{Path: rel, Err: err}
		}
		prov.Files = append(prov.Files, file)
		f, err := os.Open(path)
		if err != nil {
			return evidence.Document{}, &evidence.InputError{Path: rel, Err: err}
		}
		sc := bufio.NewScanner(f)
		for n := 1; sc.Scan(); n++ {
			if sc.Text() == "bad" {
				f.Close()
				return evidence.Document{}, &evidence.InputError{Path: rel, Line: n, Err: errors.New("bad line")}
			}
			counts[rel]++
			prov.RecordsRead++
		}
		f.Close()
	}
	return evidence.NewDocument(src, prov, counts)
}

func TestConformance(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := []string{write("a.txt", "one\ntwo\n"), write("b.txt", "three\n")}
	bad := write("broken.txt", "fine\nbad\n")
	collectortest.Conformance(t, lines{}, collectortest.Case{
		Good: evidence.Source{Kind: "lines", Name: "demo", Dir: dir, Files: good},
		Bad:  evidence.Source{Kind: "lines", Name: "demo", Dir: dir, Files: []string{bad}},
	})
}
