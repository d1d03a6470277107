package zeek_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slate-ot/slate/collectors/zeek"
	"github.com/slate-ot/slate/evidence"
)

func readAll(t *testing.T, in string, open bool) ([]map[string]string, zeek.LogInfo, error) {
	t.Helper()
	var out []map[string]string
	info, err := zeek.ReadLog(strings.NewReader(in), zeek.ReadOptions{Name: "conn", Open: open}, func(r *zeek.Record) error {
		m := map[string]string{"_path": r.Path}
		for _, f := range []string{"ts", "uid", "id.orig_h", "service", "tags", "uri"} {
			if v, ok := r.Str(f); ok {
				m[f] = strings.Clone(v) // values are valid only during fn
			}
		}
		out = append(out, m)
		return nil
	})
	return out, info, err
}

const tsvHead = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\thttp\n#open\t2020-01-01-00-00-00\n" +
	"#fields\tts\tuid\turi\ttags\n#types\ttime\tstring\tstring\tset[string]\n"

func TestReadLog(t *testing.T) {
	tests := []struct {
		name, in string
		open     bool
		want     []map[string]string
		wantErr  string
		cut      bool
	}{
		{name: "tsv escapes, unset and empty", in: tsvHead + "1.5\tCa\t/a\\x09b\\\\x07\t(empty)\n1.6\t-\t-\tx,y\n#close\t2020-01-01-00-00-01\n",
			want: []map[string]string{{"_path": "http", "ts": "1.5", "uid": "Ca", "uri": "/a\tb\\x07", "tags": ""}, {"_path": "http", "ts": "1.6", "tags": "x,y"}}},
		{name: "json flat and nested", in: `{"_path":"conn","ts":1.5,"uid":"Ca","id":{"orig_h":"10.0.0.1"},"service":["modbus"]}` + "\n" + `{"ts":"2020-01-01T00:00:00Z","uid":null}` + "\n",
			want: []map[string]string{{"_path": "conn", "ts": "1.5", "uid": "Ca", "id.orig_h": "10.0.0.1", "service": "modbus"}, {"_path": "conn", "ts": "2020-01-01T00:00:00Z"}}},
		{name: "wrong field count", in: tsvHead + "1.5\tCa\t/\n", wantErr: "line 9: 3 fields where #fields names 4"},
		{name: "no fields header", in: "#separator \\x09\n1.5\tCa\n", wantErr: "line 2: data before the #fields header"},
		{name: "json not an object", in: `{"ts":1}` + "\n[1,2]\n", wantErr: "line 2: not a JSON object"},
		{name: "btest line refused", in: "### BTest baseline\n" + tsvHead, wantErr: "line 1: unknown header line"},
		{name: "masked open refused", in: "#separator \\x09\n#open XXXX-XX-XX-XX-XX-XX\n", wantErr: "line 2: unknown header line"},
		{name: "cut last line of an open log", in: tsvHead + "1.5\tCa\t/\t-\n1.6\tCb\t/x", open: true,
			want: []map[string]string{{"_path": "http", "ts": "1.5", "uid": "Ca", "uri": "/"}}, cut: true},
		{name: "cut last line of a closed log", in: tsvHead + "1.5\tCa\t/\t-\n1.6\tCb\t/x", wantErr: "line 10: 3 fields"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, info, err := readAll(t, tc.in, tc.open)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if info.CutShort != tc.cut {
				t.Errorf("CutShort = %v, want %v", info.CutShort, tc.cut)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %d records %v, want %d", len(got), got, len(tc.want))
			}
			for i := range got {
				for k, v := range tc.want[i] {
					if got[i][k] != v {
						t.Errorf("record %d %s = %q, want %q", i, k, got[i][k], v)
					}
				}
			}
		})
	}
}

func TestParseTime(t *testing.T) {
	for in, want := range map[string]int64{
		"1258531221.486539":           1258531221486539000,
		"1.5":                         1500000000,
		"2020-02-26T03:40:03.724911Z": 1582688403724911000,
		"1969-12-31T23:59:59Z":        -1000000000,
	} {
		got, err := zeek.ParseTime(in)
		if err != nil || got != want {
			t.Errorf("ParseTime(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	if _, err := zeek.ParseTime("XXXXXXXXXX.XXXXXX"); err == nil {
		t.Error("a masked time was accepted")
	}
}

// TestMalformedFixtures reads Tenzir's malformed Zeek logs: those a sensor
// could write (two logs concatenated, no #separator, whose default is the
// tab) are read; the others stop with an input error naming the line.
func TestMalformedFixtures(t *testing.T) {
	tests := map[string]string{
		"broken_data_after_close_tag.log":        "broken_data_after_close_tag.log:14: data after #close",
		"broken_no_closing_tag.log":              "",
		"broken_no_empty_and_unset_fields.log":   "broken_no_empty_and_unset_fields.log:3: header #empty_field has no value",
		"broken_no_separator_header.log":         "",
		"broken_unequal_fields_types_length.log": "broken_unequal_fields_types_length.log:8: #types has 19 entries where #fields has 20",
	}
	for name, want := range tests {
		t.Run(name, func(t *testing.T) {
			dir, _ := filepath.Abs("testdata/tenzir/malformed")
			_, err := zeek.New().Collect(context.Background(), evidence.Source{Kind: "zeek", Name: "t", Dir: dir, Files: []string{filepath.Join(dir, name)}})
			if want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var ie *evidence.InputError
			if !errors.As(err, &ie) || !strings.Contains(err.Error(), want) {
				t.Fatalf("error = %v, want an input error %q", err, want)
			}
		})
	}
}

// TestBadInputsAtOnce: every bad file of a source is reported, a
// truncated gzip member among them, and the newest plain log of a sensor
// with a cut last line is read up to it with a warning.
func TestBadInputsAtOnce(t *testing.T) {
	dir := t.TempDir()
	write := func(rel string, b []byte) string {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	conn := "#separator \\x09\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\n" +
		"1600000000.0\tCa\t10.0.0.1\t40000\t10.0.0.2\t502\ttcp\tmodbus\n"
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(conn))
	zw.Close()
	good := write("s1/2020-09-13/conn.00:00:00-01:00:00.log.gz", gz.Bytes())
	live := write("s1/current/conn.log", []byte(conn+"1600000001.0\tCb\t10.0.0"))
	doc, err := zeek.New().Collect(context.Background(), evidence.Source{Kind: "zeek", Name: "t", Dir: dir, Files: []string{good, live}})
	if err != nil {
		t.Fatal(err)
	}
	if !doc.Provenance.Incomplete || len(doc.Provenance.Warnings) != 1 || doc.Provenance.Warnings[0].Line != 4 {
		t.Errorf("want one warning at s1/current/conn.log:4 and incomplete, got %+v", doc.Provenance)
	}
	trunc := write("s2/conn.log.gz", gz.Bytes()[:gz.Len()-12])
	badJSON := write("s2/dns.log", []byte("{\"ts\":1}\nnot json\n"))
	_, err = zeek.New().Collect(context.Background(), evidence.Source{Kind: "zeek", Name: "t", Dir: dir, Files: []string{badJSON, good, trunc}})
	var many *evidence.InputErrors
	if !errors.As(err, &many) || len(many.Errs) != 2 {
		t.Fatalf("want two input errors, got %v", err)
	}
	for _, want := range []string{"s2/dns.log:2: not a JSON object", "s2/conn.log.gz:"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %q", err, want)
		}
	}
}

// An snmp.log record's display_string (the responder's sysDescr) is
// recorded as the capture dissector records it, sys_descr, one line.
func TestSNMPSysDescr(t *testing.T) {
	dir := t.TempDir()
	head := "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n"
	conn := head + "#path\tconn\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\n" +
		"1600000000.0\tCs\t10.0.0.1\t40000\t10.0.0.9\t161\tudp\tsnmp\n"
	snmp := head + "#path\tsnmp\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tduration\tversion\tcommunity\tget_requests\tget_bulk_requests\tget_responses\tset_requests\tdisplay_string\tup_since\n" +
		"1600000000.0\tCs\t10.0.0.1\t40000\t10.0.0.9\t161\t0.1\t2c\tpublic\t1\t0\t1\t0\tSiemens, SIMATIC NET, SCALANCE X204-2,\\x0a FW: Version V05.04.02\t-\n"
	var files []string
	for name, text := range map[string]string{"conn.log": conn, "snmp.log": snmp} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	doc, err := zeek.New().Collect(context.Background(), evidence.Source{Kind: "zeek", Name: "t", Dir: dir, Files: files})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(doc.Data)
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Flows []struct {
			Protocol string `json:"protocol"`
			Facts    struct {
				Attrs map[string]string `json:"attrs"`
			} `json:"facts"`
		} `json:"flows"`
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Flows) != 1 || d.Flows[0].Protocol != "snmp" {
		t.Fatalf("flows %+v, want one snmp flow", d.Flows)
	}
	if got, want := d.Flows[0].Facts.Attrs["sys_descr"], "Siemens, SIMATIC NET, SCALANCE X204-2, FW: Version V05.04.02"; got != want {
		t.Errorf("sys_descr = %q, want %q", got, want)
	}
}
