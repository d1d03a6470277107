package mfa_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/evidence"
)

// TestEveryBadFile: a source with several bad exports reports each, with
// its place (line, byte offset or JSON path) and what was expected, in
// file order, reading on past the first, and returns no document.
func TestEveryBadFile(t *testing.T) {
	fixtures := abs(t, "testdata/fixtures")
	dir := t.TempDir()
	long := strings.Repeat("x", 500)
	copyFile := func(name string) string {
		raw, err := os.ReadFile(filepath.Join(fixtures, name))
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		writeFile(t, p, raw)
		return p
	}
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		writeFile(t, p, []byte(content))
		return p
	}
	files := []string{
		copyFile("bad_quote.csv"),
		copyFile("bad_shape.json"),
		write("c_binary.csv", "user\nab\x00c\n"),
		write("d_ragged.csv", "user,groups\nab,g1\ncd,g2,g3\n"),
		write("e_longline.csv", "user,groups\nab,"+strings.Repeat("g", 1<<20)+"\n"),
		copyFile("tenant_users.json"),
		copyFile("truncated.json"),
		write("x_long.json", `{"value": [{"id": "`+long+`", "state": "enabled"`),
		copyFile("vpn_users.csv"),
		write("y_nothing.json", `{"`+long+`": 1}`),
	}
	doc, _, err := collect(t, newSource(dir, files, nil))
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
		`bad_quote.csv:2: column 13: extraneous or missing " in quoted-field`,
		"bad_shape.json: $.value[0].conditions.users: expected an object, found an array",
		"c_binary.csv: byte 7: binary content (NUL byte)",
		`d_ragged.csv:3: row has 3 fields but the header on line 1 has 2; quote fields that contain ","`,
		"e_longline.csv:2: line longer than 1 MiB",
		"truncated.json:3: column 22: unexpected end of JSON input (truncated file?)",
		"x_long.json:1: column 541: unexpected end of JSON input",
		"y_nothing.json: $: not a recognised Entra ID or Okta export (expected",
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

// TestTooManyBadFiles lists the first evidence.MaxInputErrors bad exports
// and counts the others.
func TestTooManyBadFiles(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for i := range evidence.MaxInputErrors + 3 {
		p := filepath.Join(dir, fmt.Sprintf("bad%02d.json", i))
		writeFile(t, p, []byte(`{"value": [`))
		files = append(files, p)
	}
	_, _, err := collect(t, newSource(dir, files, nil))
	many, ok := errors.AsType[*evidence.InputErrors](err)
	if !ok {
		t.Fatalf("got %T %v, want *evidence.InputErrors", err, err)
	}
	if diff := cmp.Diff([2]int{evidence.MaxInputErrors, 3}, [2]int{len(many.Errs), many.Omitted}); diff != "" {
		t.Errorf("listed and omitted (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(many.Errs[19].Error(), "bad19.json:1: column 12: unexpected end of JSON input") {
		t.Errorf("last listed: %v", many.Errs[19])
	}
}
