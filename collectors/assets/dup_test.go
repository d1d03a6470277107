package assets_test

import (
	"errors"

	"github.com/slate-ot/slate/evidence"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestDuplicateNames: rows sharing a name, within a file or across files,
// each list the others in duplicate_of, and a warning names the rows.
func TestDuplicateNames(t *testing.T) {
	tests := []struct {
		name     string
		files    map[string]string
		want     map[string][]string // asset id → duplicate_of
		warnings []string            // substrings, one per warning
	}{
		{name: "unique names", files: map[string]string{"a.csv": "Name,IP\nplc-1,10.0.0.1\nplc-2,10.0.0.2\n"},
			want: map[string][]string{"a.csv:2": nil, "a.csv:3": nil}},
		{name: "same name, case and space differ", files: map[string]string{"a.csv": "Name,IP\nPLC-1,10.0.0.1\n plc-1 ,10.0.0.2\nhmi,10.0.0.3\n"},
			want:     map[string][]string{"a.csv:2": {"a.csv:3"}, "a.csv:3": {"a.csv:2"}, "a.csv:4": nil},
			warnings: []string{`a.csv:3: asset name "plc-1" is on 2 rows (a.csv:2, a.csv:3)`}},
		{name: "across files, three rows", files: map[string]string{
			"a.csv": "Name,IP\nrtu,10.0.0.1\nrtu,10.0.0.2\n",
			"b.csv": "Name,IP\nrtu,10.0.1.1\n"},
			want:     map[string][]string{"a.csv:2": {"a.csv:3", "b.csv:2"}, "a.csv:3": {"a.csv:2", "b.csv:2"}, "b.csv:2": {"a.csv:2", "a.csv:3"}},
			warnings: []string{`a.csv:3: asset name "rtu" is on 3 rows`}},
		{name: "rows without a name are not duplicates", files: map[string]string{"a.csv": "Name,IP\n,10.0.0.1\n,10.0.0.2\n"},
			want: map[string][]string{"a.csv:2": nil, "a.csv:3": nil}},
		{name: "long name is cut in the warning", files: map[string]string{"a.csv": "Name,IP\n" + strings.Repeat("x", 300) + ",10.0.0.1\n" + strings.Repeat("x", 300) + ",10.0.0.2\n"},
			want:     map[string][]string{"a.csv:2": {"a.csv:3"}, "a.csv:3": {"a.csv:2"}},
			warnings: []string{`asset name "` + strings.Repeat("x", 200) + `…" is on 2 rows`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			var files []string
			for name, content := range tt.files {
				files = append(files, writeFile(t, dir, name, []byte(content)))
			}
			doc, data, err := collect(t, newSource(dir, files, nil))
			if err != nil {
				t.Fatal(err)
			}
			got := map[string][]string{}
			for _, a := range data.Assets {
				got[a.ID] = a.DuplicateOf
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("duplicate_of (-want +got):\n%s", diff)
			}
			var ws []string
			for _, w := range doc.Provenance.Warnings {
				if strings.Contains(w.Message, "asset name") {
					ws = append(ws, w.String())
				}
			}
			if len(ws) != len(tt.warnings) {
				t.Fatalf("warnings %q, want %d", ws, len(tt.warnings))
			}
			for i := range ws {
				if !strings.Contains(ws[i], tt.warnings[i]) {
					t.Errorf("warning %q does not contain %q", ws[i], tt.warnings[i])
				}
			}
		})
	}
}

// TestEveryBadFile: a source with several bad files reports each, with
// its place, in file order, and returns no document.
func TestEveryBadFile(t *testing.T) {
	dir := t.TempDir()
	files := []string{
		writeFile(t, dir, "a.csv", []byte("Name,IP\nplc-1,10.0.0.1,extra\n")),
		writeFile(t, dir, "b.csv", []byte("Name,IP\nplc-2,10.0.0.2\n")),
		writeFile(t, dir, "c.csv", []byte("ab\x00cd")),
		writeFile(t, dir, "d.csv", []byte("only notes\nno header\n")),
	}
	doc, _, err := collect(t, newSource(dir, files, nil))
	if err == nil {
		t.Fatal("no error")
	}
	if doc.ID != "" {
		t.Errorf("a document was returned with the error: %s", doc.ID)
	}
	var many *evidence.InputErrors
	if !errors.As(err, &many) {
		t.Fatalf("got %T %v, want *evidence.InputErrors", err, err)
	}
	var got []string
	for _, e := range many.Errs {
		got = append(got, e.Error())
	}
	want := []string{"a.csv:2: row has 3 fields", "c.csv: byte 2: binary content", "d.csv: no header row"}
	if len(got) != len(want) {
		t.Fatalf("errors %q, want %d", got, len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("error %d = %q, want it to start %q", i, got[i], want[i])
		}
	}
}
