package assets_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/slate-ot/slate/collectors/assets"
	"github.com/slate-ot/slate/collectors/collectortest"
	"github.com/slate-ot/slate/evidence"
)

// zones are the assessment zones of every test: a plant with a nested
// safety network.
var zones = []evidence.Zone{
	{Name: "DMZ", Networks: []netip.Prefix{netip.MustParsePrefix("10.10.0.0/24")}},
	{Name: "Cell 1", Networks: []netip.Prefix{netip.MustParsePrefix("10.10.1.0/24")}},
	{Name: "Cell 1 Safety", Networks: []netip.Prefix{netip.MustParsePrefix("10.10.1.128/25")}},
	{Name: "Supervisory", Networks: []netip.Prefix{netip.MustParsePrefix("10.10.2.0/24"), netip.MustParsePrefix("fd00::/64")}},
}

func newSource(dir string, files []string, opts map[string]any) evidence.Source {
	if opts == nil {
		opts = map[string]any{}
	}
	return evidence.Source{Kind: assets.Kind, Name: "inventory", Dir: dir, Files: files, Options: opts, Zones: zones}
}

// collect runs the collector and decodes its data.
func collect(t testing.TB, src evidence.Source) (evidence.Document, assets.Data, error) {
	t.Helper()
	doc, err := assets.New().Collect(context.Background(), src)
	if err != nil {
		return doc, assets.Data{}, err
	}
	var data assets.Data
	if err := json.Unmarshal(doc.Data, &data); err != nil {
		t.Fatalf("decode data: %v", err)
	}
	return doc, data, nil
}

func writeFile(t testing.TB, dir, name string, content []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, content, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// sheet is one sheet of a workbook written by a test.
type sheet struct {
	name string
	rows [][]any
}

func writeXLSX(t testing.TB, dir, name string, sheets ...sheet) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(s.name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	p := filepath.Join(dir, name)
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		out = binary.LittleEndian.AppendUint16(out, u)
	}
	return out
}

func TestCollectCSV(t *testing.T) {
	tests := []struct {
		name        string
		content     []byte
		opts        map[string]any
		want        []assets.Asset // id, file and line are filled in from wantLines
		wantFile    assets.InputFile
		wantSkipped int
		wantWarn    []string
	}{
		{
			name:    "comma",
			content: []byte("Hostname,IP Address,Vendor\nplc-01,10.10.1.10,Siemens\n"),
			want:    []assets.Asset{{Line: 2, Name: "plc-01", IP: "10.10.1.10", IPs: []string{"10.10.1.10"}, Vendor: "Siemens", Zone: "Cell 1", ZoneSource: "network"}},
			wantFile: assets.InputFile{Format: "csv", Delimiter: ",", Encoding: "utf-8", HeaderLine: 1,
				Columns: map[string]string{"name": "Hostname", "ip": "IP Address", "vendor": "Vendor"}},
		},
		{
			name:     "semicolon sniffed, UTF-8 BOM, CRLF",
			content:  []byte("\xEF\xBB\xBFHostname;IP Address;Ort\r\nplc-01;10.10.1.10;Halle 1, Süd\r\n"),
			want:     []assets.Asset{{Line: 2, Name: "plc-01", IP: "10.10.1.10", IPs: []string{"10.10.1.10"}, Zone: "Cell 1", ZoneSource: "network", Extra: map[string]string{"Ort": "Halle 1, Süd"}}},
			wantFile: assets.InputFile{Format: "csv", Delimiter: ";", Encoding: "utf-8-bom", HeaderLine: 1, Columns: map[string]string{"name": "Hostname", "ip": "IP Address"}},
		},
		{
			name:     "tab sniffed",
			content:  []byte("Device\tMAC Address\tNote\nio-1\t00-1D-9C-C8-03-E1\ta,b;c|d\n"),
			want:     []assets.Asset{{Line: 2, Name: "io-1", MAC: "00:1d:9c:c8:03:e1", Extra: map[string]string{"Note": "a,b;c|d"}}},
			wantFile: assets.InputFile{Format: "csv", Delimiter: "\t", Encoding: "utf-8", HeaderLine: 1, Columns: map[string]string{"name": "Device", "mac": "MAC Address"}},
		},
		{
			name:     "pipe sniffed",
			content:  []byte("name|ip|role\nhmi|10.10.2.4|HMI, panel\n"),
			want:     []assets.Asset{{Line: 2, Name: "hmi", IP: "10.10.2.4", IPs: []string{"10.10.2.4"}, Role: "HMI, panel", Zone: "Supervisory", ZoneSource: "network"}},
			wantFile: assets.InputFile{Format: "csv", Delimiter: "|", Encoding: "utf-8", HeaderLine: 1, Columns: map[string]string{"name": "name", "ip": "ip", "role": "role"}},
		},
		{
			name:     "delimiter option",
			content:  []byte("name\tip\nhmi\t10.10.2.4\n"),
			opts:     map[string]any{"delimiter": "tab"},
			want:     []assets.Asset{{Line: 2, Name: "hmi", IP: "10.10.2.4", IPs: []string{"10.10.2.4"}, Zone: "Supervisory", ZoneSource: "network"}},
			wantFile: assets.InputFile{Format: "csv", Delimiter: "\t", Encoding: "utf-8", HeaderLine: 1, Columns: map[string]string{"name": "name", "ip": "ip"}},
		},
		{
			name:     "UTF-16 with BOM",
			content:  utf16LE("Device Name\tIP Address\r\nÖlpumpe\t10.10.1.9\r\n"),
			want:     []assets.Asset{{Line: 2, Name: "Ölpumpe", IP: "10.10.1.9", IPs: []string{"10.10.1.9"}, Zone: "Cell 1", ZoneSource: "network"}},
			wantFile: assets.InputFile{Format: "csv", Delimiter: "\t", Encoding: "utf-16le", HeaderLine: 1, Columns: map[string]string{"name": "Device Name", "ip": "IP Address"}},
		},
		{
			name: "quoted fields with newlines keep line numbers",
			content: []byte("Hostname,Model,Location\n" +
				"\"plc-01\",\"S7-1500\nCPU 1516\",\"Hall 1, \"\"north\"\"\"\n" +
				"plc-02,S7-300,Hall 2\n"),
			want: []assets.Asset{
				{Line: 2, Name: "plc-01", Model: "S7-1500\nCPU 1516", Location: `Hall 1, "north"`},
				{Line: 4, Name: "plc-02", Model: "S7-300", Location: "Hall 2"},
			},
			wantFile: assets.InputFile{Format: "csv", Delimiter: ",", Encoding: "utf-8", HeaderLine: 1, Columns: map[string]string{"name": "Hostname", "model": "Model", "location": "Location"}},
		},
		{
			name:     "title lines, blank lines and empty rows",
			content:  []byte("Inventory export\n\nexported by,someone\nHostname,IP\n\n   \n,\nplc-01,10.10.1.200\n ,  \n"),
			want:     []assets.Asset{{Line: 8, Name: "plc-01", IP: "10.10.1.200", IPs: []string{"10.10.1.200"}, Zone: "Cell 1 Safety", ZoneSource: "network"}},
			wantFile: assets.InputFile{Format: "csv", Delimiter: ",", Encoding: "utf-8", HeaderLine: 4, Columns: map[string]string{"name": "Hostname", "ip": "IP"}},
			// ",", " ,  " are rows of empty cells; the white-space line is a blank line.
			wantSkipped: 2,
		},
		{
			name:     "header only",
			content:  []byte("Hostname,IP Address\n"),
			want:     nil,
			wantFile: assets.InputFile{Format: "csv", Delimiter: ",", Encoding: "utf-8", HeaderLine: 1, Columns: map[string]string{"name": "Hostname", "ip": "IP Address"}},
		},
		{
			name: "bad cells are warnings and stay in extra",
			content: []byte("Hostname,IP,MAC,Last Patched,EOS\n" +
				"a,10.10.1.300,00:1d:9c:zz:03:e4,03/01/2024,2030-01-01\n" +
				"b,n/a,-,unknown,31.12.2029\n"),
			want: []assets.Asset{
				{Line: 2, Name: "a", EndOfSupport: "2030-01-01", Extra: map[string]string{"IP": "10.10.1.300", "MAC": "00:1d:9c:zz:03:e4", "Last Patched": "03/01/2024"}},
				{Line: 3, Name: "b", EndOfSupport: "2029-12-31", Extra: map[string]string{"IP": "n/a", "MAC": "-", "Last Patched": "unknown"}},
			},
			wantFile: assets.InputFile{Format: "csv", Delimiter: ",", Encoding: "utf-8", HeaderLine: 1, Columns: map[string]string{"name": "Hostname", "ip": "IP", "mac": "MAC", "last_patched": "Last Patched", "end_of_support": "EOS"}},
			wantWarn: []string{
				`in.csv:2: column "IP": "10.10.1.300" is not an IP address`,
				`in.csv:2: column "Last Patched": "03/01/2024" is not a date in an unambiguous form; write YYYY-MM-DD`,
				`in.csv:2: column "MAC": "00:1d:9c:zz:03:e4" is not a MAC address`,
			},
		},
		{
			name:    "several addresses, prefix lengths, mapped IPv6",
			content: []byte("Hostname,IP Addresses\nsrv,\"::ffff:10.10.2.9/120, 10.10.2.10/24;fd00::9 10.10.2.9\"\n"),
			want: []assets.Asset{{Line: 2, Name: "srv", IP: "10.10.2.9", IPs: []string{"10.10.2.9", "10.10.2.10", "fd00::9"},
				Zone: "Supervisory", ZoneSource: "network"}},
			wantFile: assets.InputFile{Format: "csv", Delimiter: ",", Encoding: "utf-8", HeaderLine: 1, Columns: map[string]string{"name": "Hostname", "ip": "IP Addresses"}},
		},
		{
			name:    "explicit columns",
			content: []byte("Tag Name,Net Addr,Hostname\nFIC-101,10.10.1.50,fic101.plant\n"),
			opts:    map[string]any{"columns": map[string]any{"name": "Tag Name", "ip": "net addr"}},
			want: []assets.Asset{{Line: 2, Name: "FIC-101", IP: "10.10.1.50", IPs: []string{"10.10.1.50"}, Zone: "Cell 1", ZoneSource: "network",
				Extra: map[string]string{"Hostname": "fic101.plant"}}},
			wantFile: assets.InputFile{Format: "csv", Delimiter: ",", Encoding: "utf-8", HeaderLine: 1, Columns: map[string]string{"name": "Tag Name", "ip": "Net Addr"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := writeFile(t, dir, "in.csv", tt.content)
			doc, data, err := collect(t, newSource(dir, []string{path}, tt.opts))
			if err != nil {
				t.Fatal(err)
			}
			want := tt.want
			if want == nil {
				want = []assets.Asset{}
			}
			for i := range want {
				want[i].ID = fmt.Sprintf("in.csv:%d", want[i].Line)
				want[i].File = "in.csv"
			}
			if diff := cmp.Diff(want, data.Assets); diff != "" {
				t.Errorf("assets (-want +got):\n%s", diff)
			}
			tt.wantFile.Path = "in.csv"
			if diff := cmp.Diff([]assets.InputFile{tt.wantFile}, data.Files); diff != "" {
				t.Errorf("files (-want +got):\n%s", diff)
			}
			p := doc.Provenance
			if p.RecordsSkipped != tt.wantSkipped || p.RecordsRead != len(want)+tt.wantSkipped {
				t.Errorf("records read %d, skipped %d; want %d, %d", p.RecordsRead, p.RecordsSkipped, len(want)+tt.wantSkipped, tt.wantSkipped)
			}
			var warns []string
			for _, w := range p.Warnings {
				warns = append(warns, w.String())
			}
			if diff := cmp.Diff(tt.wantWarn, warns); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCollectXLSX(t *testing.T) {
	dir := t.TempDir()
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	cover := sheet{"Cover", [][]any{{"Plant A asset register"}, {"Owner", "OT"}}}
	inventory := sheet{"Inventory", [][]any{
		{"Asset register — Plant A"},
		{"as of", day(2024, 5, 1)},
		{},
		{"Asset Name", "IP Address", "Last Patched", "Security Zone", "Serial Number"},
		{"PLC-1", "10.10.1.21", day(2024, 1, 15), "cell 1", 123456789012},
		{},
		{"HMI-1", "10.10.2.30", "2023-11-30", nil, "HM-77"},
	}}
	path := writeXLSX(t, dir, "register.xlsx", cover, inventory)

	t.Run("title rows above the header", func(t *testing.T) {
		doc, data, err := collect(t, newSource(dir, []string{path}, nil))
		if err != nil {
			t.Fatal(err)
		}
		want := []assets.Asset{
			{ID: "register.xlsx#Inventory!5", File: "register.xlsx", Line: 5, Sheet: "Inventory", Name: "PLC-1",
				IP: "10.10.1.21", IPs: []string{"10.10.1.21"}, LastPatched: "2024-01-15", Zone: "Cell 1", ZoneSource: "inventory", Serial: "123456789012"},
			{ID: "register.xlsx#Inventory!7", File: "register.xlsx", Line: 7, Sheet: "Inventory", Name: "HMI-1",
				IP: "10.10.2.30", IPs: []string{"10.10.2.30"}, LastPatched: "2023-11-30", Zone: "Supervisory", ZoneSource: "network", Serial: "HM-77"},
		}
		if diff := cmp.Diff(want, data.Assets); diff != "" {
			t.Errorf("assets (-want +got):\n%s", diff)
		}
		wantFiles := []assets.InputFile{{Path: "register.xlsx", Format: "xlsx", Sheet: "Inventory", HeaderLine: 4,
			Columns: map[string]string{"name": "Asset Name", "ip": "IP Address", "last_patched": "Last Patched", "zone": "Security Zone", "serial": "Serial Number"}}}
		if diff := cmp.Diff(wantFiles, data.Files); diff != "" {
			t.Errorf("files (-want +got):\n%s", diff)
		}
		if p := doc.Provenance; p.RecordsRead != 2 || p.RecordsSkipped != 0 || len(p.Warnings) != 0 {
			t.Errorf("provenance %+v: want 2 records, none skipped, no warnings", p)
		}
	})

	t.Run("sheet option", func(t *testing.T) {
		_, data, err := collect(t, newSource(dir, []string{path}, map[string]any{"sheet": "Inventory"}))
		if err != nil {
			t.Fatal(err)
		}
		if len(data.Assets) != 2 {
			t.Errorf("got %d assets, want 2", len(data.Assets))
		}
	})

	t.Run("sheet option names a sheet without a header", func(t *testing.T) {
		_, _, err := collect(t, newSource(dir, []string{path}, map[string]any{"sheet": "Cover"}))
		wantInputError(t, err, `register.xlsx: sheet "Cover": no header row`)
	})

	t.Run("sheet option names no sheet", func(t *testing.T) {
		_, _, err := collect(t, newSource(dir, []string{path}, map[string]any{"sheet": "Devices"}))
		wantInputError(t, err, `register.xlsx: no sheet "Devices"; the sheets are "Cover", "Inventory"`)
	})

	t.Run("no sheet has a header", func(t *testing.T) {
		p := writeXLSX(t, dir, "notes.xlsx", cover, sheet{"Notes", [][]any{{"nothing", "here"}}})
		_, _, err := collect(t, newSource(dir, []string{p}, nil))
		wantInputError(t, err, `notes.xlsx: sheet "Cover", "Notes": no header row`)
	})

	t.Run("mapped header missing", func(t *testing.T) {
		_, _, err := collect(t, newSource(dir, []string{path}, map[string]any{"columns": map[string]any{"firmware": "FW Rev"}}))
		wantInputError(t, err, `register.xlsx:4: sheet "Inventory": column "FW Rev" (mapped to firmware by the columns option) is not in the header on line 4`)
	})
}

func wantInputError(t *testing.T, err error, want string) {
	t.Helper()
	var ie *evidence.InputError
	if !errors.As(err, &ie) {
		t.Fatalf("got %v (%T), want an *evidence.InputError", err, err)
	}
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error %q\ndoes not contain %q", err, want)
	}
}

func TestSecretsNeverWritten(t *testing.T) {
	dir := t.TempDir()
	secrets := []string{"Sup3rS3cret!", "pr1vate-c0mm", "wpa-psk-value", "AKIA-KEY-0001"}
	csvPath := writeFile(t, dir, "a.csv", []byte(
		"Hostname,IP,SNMP Community,Admin Password,WPA PSK,API Key,Notes\n"+
			"plc-01,10.10.1.10,pr1vate-c0mm,Sup3rS3cret!,wpa-psk-value,AKIA-KEY-0001,ok\n"+
			// a row whose only value is a secret is an empty row
			",,public,,,,\n"))
	xlsxPath := writeXLSX(t, dir, "b.xlsx", sheet{"S", [][]any{
		{"Device", "IP Address", "Password"},
		{"hmi-01", "10.10.2.5", "Sup3rS3cret!"},
	}})
	doc, data, err := collect(t, newSource(dir, []string{csvPath, xlsxPath}, nil))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := evidence.Canonical(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range append(secrets, "public") {
		if bytes.Contains(raw, []byte(s)) {
			t.Errorf("secret %q appears in the document", s)
		}
	}
	want := []string{"API Key", "Admin Password", "Password", "SNMP Community", "WPA PSK"}
	if diff := cmp.Diff(want, data.SecretColumns); diff != "" {
		t.Errorf("secret_columns (-want +got):\n%s", diff)
	}
	if doc.Provenance.RecordsSkipped != 1 {
		t.Errorf("records skipped = %d, want 1 (the row holding only a secret)", doc.Provenance.RecordsSkipped)
	}
}

func TestZones(t *testing.T) {
	content := []byte("Hostname,IP,Zone\n" +
		"a,10.10.1.5,\n" + // network
		"b,10.10.1.200,\n" + // most specific network
		"c,10.99.0.1,\n" + // no network
		"d,10.10.1.5,supervisory\n" + // inventory wins, spelt as declared
		"e,,Remote Site\n" + // unknown zone: kept, warned
		"f,,\n" + // nothing
		"g,\"10.99.0.1, 10.10.2.8\",\n" + // first address in a zone
		"h,10.10.1.5,n/a\n") // placeholder: network decides
	type got struct{ Zone, Source string }
	tests := []struct {
		name     string
		zones    []evidence.Zone
		want     map[string]got
		wantWarn []string
	}{
		{
			name:  "declared zones",
			zones: zones,
			want: map[string]got{
				"a": {"Cell 1", "network"}, "b": {"Cell 1 Safety", "network"}, "c": {},
				"d": {"Supervisory", "inventory"}, "e": {"Remote Site", "inventory"}, "f": {},
				"g": {"Supervisory", "network"}, "h": {"Cell 1", "network"},
			},
			wantWarn: []string{`in.csv:6: zone "Remote Site" is not a zone of the assessment (Cell 1, Cell 1 Safety, DMZ, Supervisory)`},
		},
		{
			name: "no zones declared",
			want: map[string]got{
				"a": {}, "b": {}, "c": {}, "d": {"supervisory", "inventory"}, "e": {"Remote Site", "inventory"},
				"f": {}, "g": {}, "h": {},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			src := newSource(dir, []string{writeFile(t, dir, "in.csv", content)}, nil)
			src.Zones = tt.zones
			doc, data, err := collect(t, src)
			if err != nil {
				t.Fatal(err)
			}
			gotZones := map[string]got{}
			for _, a := range data.Assets {
				gotZones[a.Name] = got{a.Zone, a.ZoneSource}
			}
			if diff := cmp.Diff(tt.want, gotZones); diff != "" {
				t.Errorf("zones (-want +got):\n%s", diff)
			}
			var warns []string
			for _, w := range doc.Provenance.Warnings {
				warns = append(warns, w.String())
			}
			if diff := cmp.Diff(tt.wantWarn, warns); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMalformed(t *testing.T) {
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file string
		opts map[string]any
		want string
	}{
		{file: "bad/ragged.csv", want: "bad/ragged.csv:3: row has 2 fields but the header on line 1 has 3"},
		{file: "bad/garbage.csv", want: "bad/garbage.csv:1: invalid UTF-8"},
		{file: "bad/nul.csv", want: "bad/nul.csv: byte 23: binary content (NUL byte)"},
		{file: "bad/unclosed_quote.csv", want: "bad/unclosed_quote.csv:2: line 3, column 17: extraneous or missing \" in quoted-field (a quoted field starts on line 2"},
		{file: "bad/truncated.xlsx", want: "bad/truncated.xlsx: not an XLSX workbook (a zip file): zip: not a valid zip file"},
		{file: "bad/empty.csv", want: "bad/empty.csv: file is empty"},
		{file: "bad/no_header.csv", want: "bad/no_header.csv: no header row in the first 10 non-empty rows"},
		{file: "bad/missing.csv", want: "bad/missing.csv: file does not exist"},
		{file: "fixtures/mapped.csv", want: "fixtures/mapped.csv: no header row"},
		{file: "fixtures/mapped.csv", opts: map[string]any{"columns": map[string]any{"name": "Tag Name", "ip": "IP"}},
			want: "fixtures/mapped.csv:1: column \"IP\" (mapped to ip by the columns option) is not in the header on line 1"},
		{file: "fixtures/netbox_style.csv", opts: map[string]any{"delimiter": ";"}, want: "fixtures/netbox_style.csv: no header row"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, _, err := collect(t, newSource(dir, []string{filepath.Join(dir, tt.file)}, tt.opts))
			wantInputError(t, err, tt.want)
			if !strings.Contains(err.Error(), filepath.Base(tt.file)) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func TestConformance(t *testing.T) {
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	collectortest.Conformance(t, assets.New(), collectortest.Case{
		Good: newSource(dir, []string{
			filepath.Join(dir, "corpus/netbox_demo_devices_siteset_A.xlsx"),
			filepath.Join(dir, "fixtures/plant.xlsx"),
			filepath.Join(dir, "fixtures/plant_semicolon.csv"),
		}, nil),
		Bad: newSource(dir, []string{
			filepath.Join(dir, "fixtures/pipes.csv"),
			filepath.Join(dir, "bad/ragged.csv"),
		}, nil),
	})
}

// countdown is a context that is cancelled after its Err has been asked a
// number of times: it shows that rows are read with cancellation checks.
type countdown struct {
	context.Context
	n int
}

func (c *countdown) Err() error {
	if c.n--; c.n < 0 {
		return context.Canceled
	}
	return nil
}

func TestCancelWhileReading(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("Hostname,IP\n")
	for i := range 2000 {
		fmt.Fprintf(&b, "h%d,10.10.1.%d\n", i, i%250)
	}
	for _, name := range []string{"big.csv", "big.xlsx"} {
		t.Run(name, func(t *testing.T) {
			path := writeFile(t, dir, name, []byte(b.String()))
			if name == "big.xlsx" {
				rows := [][]any{{"Hostname", "IP"}}
				for i := range 2000 {
					rows = append(rows, []any{fmt.Sprintf("h%d", i), "10.10.1.1"})
				}
				path = writeXLSX(t, dir, name, sheet{"S", rows})
			}
			// Allowed: the check at the start, the one per file and one
			// while reading rows.
			ctx := &countdown{Context: context.Background(), n: 3}
			_, err := assets.New().Collect(ctx, newSource(dir, []string{path}, nil))
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("got %v, want context.Canceled", err)
			}
		})
	}
}

func TestOrderOfFilesDoesNotMatter(t *testing.T) {
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	files := []string{filepath.Join(dir, "fixtures/pipes.csv"), filepath.Join(dir, "fixtures/plant.xlsx"), filepath.Join(dir, "fixtures/netbox_style.csv")}
	var out [][]byte
	for _, fs := range [][]string{files, {files[2], files[0], files[1]}} {
		doc, _, err := collect(t, newSource(dir, fs, nil))
		if err != nil {
			t.Fatal(err)
		}
		raw, err := evidence.Canonical(doc)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, raw)
	}
	if !bytes.Equal(out[0], out[1]) {
		t.Errorf("documents differ with the order of files:\n%s", cmp.Diff(string(out[0]), string(out[1])))
	}
}

func TestWarningsAreBounded(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("Hostname,Last Patched\n")
	for i := range 250 {
		fmt.Fprintf(&b, "h%d,%d/%d/2024\n", i, i%12+1, i%28+1)
	}
	doc, data, err := collect(t, newSource(dir, []string{writeFile(t, dir, "in.csv", []byte(b.String()))}, nil))
	if err != nil {
		t.Fatal(err)
	}
	w := doc.Provenance.Warnings
	if len(w) != 101 || w[0].Message != "150 more warnings in this file were not recorded" {
		t.Errorf("got %d warnings starting %q; want 100 and a summary", len(w), w[0].Message)
	}
	if len(data.Assets) != 250 || data.Assets[0].Extra["Last Patched"] == "" {
		t.Errorf("every row must still keep its date text in extra")
	}
}
