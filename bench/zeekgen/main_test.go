package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/collectors/zeek"
	"github.com/slate-ot/slate/evidence"
)

// realHeaders reads #fields and #types of every headed log in
// collectors/zeek/testdata (real Zeek and ICSNPP output), by #path.
func realHeaders(t *testing.T) map[string][][2][]string {
	t.Helper()
	out := map[string][][2][]string{}
	root := filepath.Join("..", "..", "collectors", "zeek", "testdata")
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".log") || strings.Contains(p, "malformed") {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		var path string
		var fields, types []string
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			l := sc.Text()
			switch {
			case strings.HasPrefix(l, "#path\t"):
				path = l[6:]
			case strings.HasPrefix(l, "#fields\t"):
				fields = strings.Split(l[8:], "\t")
			case strings.HasPrefix(l, "#types\t"):
				types = strings.Split(l[7:], "\t")
			}
		}
		if path != "" && fields != nil && types != nil {
			out[path] = append(out[path], [2][]string{fields, types})
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// policyColumns are the columns a Zeek policy script adds to a log, which
// the real logs of the test data were written without.
var policyColumns = map[string][]string{
	// policy/protocols/conn/vlan-logging.
	"conn": {"vlan:int", "inner_vlan:int"},
}

// TestSchemasMatchRealLogs: every log the generator writes that has a
// real log with a header in the test data has that log's columns and
// types, in order (the real log of the release named in schema.go, plus
// the columns of the policy scripts it names).
func TestSchemasMatchRealLogs(t *testing.T) {
	real := realHeaders(t)
	checked := 0
	for _, path := range slices.Sorted(func(yield func(string) bool) {
		for p := range schemas {
			if !yield(p) {
				return
			}
		}
	}) {
		s := schemas[path]
		var fields, types []string
		for _, f := range s.fields {
			fields, types = append(fields, f.name), append(types, f.typ)
		}
		for i, pc := range policyColumns[path] {
			n, _, _ := strings.Cut(pc, ":")
			if fields[len(fields)-len(policyColumns[path])+i] != n {
				t.Fatalf("%s: policy column %s is not where the schema ends", path, n)
			}
		}
		fields, types = fields[:len(fields)-len(policyColumns[path])], types[:len(types)-len(policyColumns[path])]
		hs, ok := real[path]
		if !ok {
			t.Logf("%s: no headed real log in the test data (columns from the parser's source, see schema.go)", path)
			continue
		}
		// The real log with the most columns is the one with the most
		// policy scripts loaded (conn with mac-logging).
		best := hs[0]
		for _, h := range hs {
			if len(h[0]) > len(best[0]) {
				best = h
			}
		}
		if diff := cmp.Diff(best[0], fields); diff != "" {
			t.Errorf("%s: #fields differ from the real log's (-real +generated):\n%s", path, diff)
		}
		if diff := cmp.Diff(best[1], types); diff != "" {
			t.Errorf("%s: #types differ from the real log's (-real +generated):\n%s", path, diff)
		}
		checked++
	}
	if checked < 8 {
		t.Errorf("only %d logs checked against real ones", checked)
	}
}

// TestSyntheticArchive writes a small synthetic archive in both formats,
// gzip, hourly rotation and two sensors, and reads it back: the TSV and
// the JSON give the same records, every file is laid out as Zeek's
// archiver lays it out, and the collector reads the tree.
func TestSyntheticArchive(t *testing.T) {
	dir := t.TempDir()
	start := time.Date(2026, 10, 28, 22, 30, 0, 0, time.UTC)
	var conns int64
	for s := range 2 {
		a := newArchive(dir, "both", "sensor-0"+string(rune('1'+s)), time.Hour, true)
		n, err := synthSensor(a, 7, s, 500, start, 3*time.Hour, 400_000)
		if err != nil {
			t.Fatal(err)
		}
		conns += n
	}
	if conns < 500 {
		t.Fatalf("%d conn records", conns)
	}
	var tsvFiles, jsonFiles []string
	for _, sub := range []string{"tsv", "json"} {
		err := filepath.WalkDir(filepath.Join(dir, sub), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(filepath.Join(dir, sub), p)
			parts := strings.Split(filepath.ToSlash(rel), "/")
			if len(parts) != 3 || !strings.HasPrefix(parts[0], "sensor-") {
				t.Errorf("%s: not <sensor>/<day>/<file>", rel)
			}
			if _, err := time.Parse("2006-01-02", parts[1]); err != nil {
				t.Errorf("%s: day directory %q", rel, parts[1])
			}
			name := parts[len(parts)-1]
			log, rest, _ := strings.Cut(name, ".")
			if _, ok := schemas[log]; !ok || len(rest) != len("00:00:00-01:00:00.log.gz") || !strings.HasSuffix(rest, ".log.gz") {
				t.Errorf("%s: not <log>.HH:MM:SS-HH:MM:SS.log.gz", rel)
			}
			if sub == "tsv" {
				tsvFiles = append(tsvFiles, p)
			} else {
				jsonFiles = append(jsonFiles, p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(tsvFiles) != len(jsonFiles) || len(tsvFiles) < 2*3*5 {
		t.Fatalf("%d TSV and %d JSON files", len(tsvFiles), len(jsonFiles))
	}
	// The same records in both formats, field by field.
	for i := range tsvFiles {
		tr, jr := readAll(t, tsvFiles[i]), readAll(t, jsonFiles[i])
		if diff := cmp.Diff(tr, jr); diff != "" {
			t.Fatalf("%s and %s differ (-tsv +json):\n%s", tsvFiles[i], jsonFiles[i], diff)
		}
	}
	// The collector reads both trees alike.
	var flows []int
	for _, sub := range []string{"tsv", "json"} {
		files := tsvFiles
		if sub == "json" {
			files = jsonFiles
		}
		doc, err := zeek.New().Collect(context.Background(), evidence.Source{Kind: "zeek", Name: "z", Dir: filepath.Join(dir, sub), Files: files})
		if err != nil {
			t.Fatalf("collect %s: %v", sub, err)
		}
		flows = append(flows, len(doc.Provenance.Files))
	}
	if flows[0] != flows[1] {
		t.Errorf("files read: %v", flows)
	}
}

func readAll(t *testing.T, p string) []map[string]string {
	t.Helper()
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzipReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	_, err = zeek.ReadLog(zr, zeek.ReadOptions{Name: strings.SplitN(filepath.Base(p), ".", 2)[0]}, func(r *zeek.Record) error {
		m := map[string]string{"_path": r.Path}
		for _, f := range schemas[r.Path].fields {
			if v, ok := r.Str(f.name); ok {
				m[f.name] = strings.Clone(v) // values are valid only during fn
			}
		}
		out = append(out, m)
		return nil
	})
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return out
}

func gzipReader(f *os.File) (*gzip.Reader, error) { return gzip.NewReader(f) }
