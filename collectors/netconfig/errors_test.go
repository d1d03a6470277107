package netconfig_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/collectors/netconfig"
	"github.com/slate-ot/slate/evidence"
)

// writeConfigs writes name → content into a new directory and returns it
// with the absolute paths, in the order given.
func writeConfigs(t *testing.T, files ...[2]string) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for _, f := range files {
		p := filepath.Join(dir, f[0])
		if err := os.WriteFile(p, []byte(f[1]), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return dir, paths
}

// goodIOS is a configuration the collector reads.
func goodIOS(t *testing.T) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "fixtures", "ot_access_switch.ios"))
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// TestEveryBadFile: a source with several bad configurations reports each,
// with its place and what was expected, in file order, reading on past the
// first, and returns no document.
func TestEveryBadFile(t *testing.T) {
	long := strings.Repeat("x", 500)
	dir, paths := writeConfigs(t,
		[2]string{"a.cfg", "hostname a\n\x00\x01\x02"},
		[2]string{"b.cfg", goodIOS(t)},
		[2]string{"c.cfg", "just some notes\nabout the plant\n"},
		[2]string{"d.cfg", "system {\n  host-name \"d\"; " + long + "\n}\n"},
		[2]string{"e.cfg", ""},
	)
	paths = append(paths, filepath.Join(dir, "gone.cfg"))
	doc, err := netconfig.New().Collect(context.Background(), evidence.Source{Kind: netconfig.Kind, Name: "net", Dir: dir, Files: paths})
	if err == nil {
		t.Fatal("no error")
	}
	if doc.ID != "" {
		t.Errorf("a document was returned with the error: %s", doc.ID)
	}
	many, ok := errors.AsType[*evidence.InputErrors](err)
	if !ok {
		t.Fatalf("got %T %v, want *evidence.InputErrors", err, err)
	}
	var got []string
	for _, e := range many.Errs {
		if _, ok := errors.AsType[*evidence.InputError](e); !ok {
			t.Errorf("%v is not an *evidence.InputError", e)
		}
		got = append(got, e.Error())
	}
	want := []string{
		"a.cfg:2: binary data (a NUL byte)",
		"c.cfg: unknown configuration format",
		`d.cfg:2: unexpected "xxxxxxxx`,
		"e.cfg: file is empty",
		"gone.cfg: ",
	}
	if len(got) != len(want) {
		t.Fatalf("errors %q, want %d", got, len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("error %d = %q, want it to start %q", i, got[i], want[i])
		}
	}
	if strings.Contains(err.Error(), strings.Repeat("x", evidence.MaxExcerpt+1)) {
		t.Errorf("the error repeats more than %d bytes of input:\n%s", evidence.MaxExcerpt, err)
	}
}

// TestTooManyBadFiles lists the first evidence.MaxInputErrors bad files
// and counts the others.
func TestTooManyBadFiles(t *testing.T) {
	var files [][2]string
	for i := range evidence.MaxInputErrors + 5 {
		files = append(files, [2]string{fmt.Sprintf("bad%02d.cfg", i), "no config here\n"})
	}
	files = append(files, [2]string{"good.cfg", goodIOS(t)})
	dir, paths := writeConfigs(t, files...)
	_, err := netconfig.New().Collect(context.Background(), evidence.Source{Kind: netconfig.Kind, Name: "net", Dir: dir, Files: paths})
	many, ok := errors.AsType[*evidence.InputErrors](err)
	if !ok {
		t.Fatalf("got %T %v, want *evidence.InputErrors", err, err)
	}
	if diff := cmp.Diff([2]int{evidence.MaxInputErrors, 5}, [2]int{len(many.Errs), many.Omitted}); diff != "" {
		t.Errorf("listed and omitted (-want +got):\n%s", diff)
	}
	if !strings.HasSuffix(err.Error(), fmt.Sprintf("and 5 more (only the first %d are listed)", evidence.MaxInputErrors)) {
		t.Errorf("error does not count the rest:\n%s", err)
	}
}
