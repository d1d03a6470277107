package assets

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNormHeader(t *testing.T) {
	for in, want := range map[string]string{
		"IP Address":      "ipaddress",
		"ip_address":      "ipaddress",
		"IP-Address":      "ipaddress",
		"I.P. Address":    "ipaddress",
		" Serial\nNumber": "serialnumber",
		"MAC":             "mac",
	} {
		if got := normHeader(in); got != want {
			t.Errorf("normHeader(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSynonymsFit(t *testing.T) {
	// Every field but the derived ones has a name, and every synonym list
	// names its field first or at least contains it in some spelling.
	for f, names := range synonyms {
		if len(names) == 0 {
			t.Errorf("field %s has no synonyms", fieldNames[f])
		}
	}
	if _, ok := synonymIndex["platform"]; ok {
		t.Errorf("platform must not be read as firmware: it names an OS, not a version")
	}
}

func TestIsSecretHeader(t *testing.T) {
	tests := []struct {
		header string
		want   bool
	}{
		{"Password", true},
		{"Admin Password", true},
		{"adminPasswd", true},
		{"SNMP Community", true},
		{"snmp_community_ro", true},
		{"WPA PSK", true},
		{"Pre-shared key", true},
		{"API Key", true},
		{"apiKey", true},
		{"ssh-key", true},
		{"SNMPv3Key", true},
		{"Shared Secret", true},
		{"Credentials", true},
		{"PWD", true},
		{"Keyboard", false},
		{"Monkey", false},
		{"Key Performance", true},
		{"Asset Tag", false},
		{"Hostname", false},
		{"Passive scan", false},
		{"Compass", false},
	}
	for _, tt := range tests {
		if got := isSecretHeader(tt.header); got != tt.want {
			t.Errorf("isSecretHeader(%q) = %v, want %v", tt.header, got, tt.want)
		}
	}
}

func TestNewLayout(t *testing.T) {
	letters := func(i int) string { return fmt.Sprintf("column %d", i+1) }
	tests := []struct {
		name     string
		header   []string
		columns  map[string]any
		want     map[string]string // field -> header
		wantKeys []string          // extra key per column
		notes    []string          // warnings about the header
		wantErr  string
	}{
		{
			name:     "netbox",
			header:   []string{"Name", "Status", "Site", "Location", "Rack", "Type", "Platform", "Asset tag"},
			want:     map[string]string{"name": "Name", "location": "Location", "model": "Type", "asset_tag": "Asset tag"},
			wantKeys: []string{"", "Status", "Site", "", "Rack", "", "Platform", ""},
		},
		{
			name:     "ralph: the model's name, not its id; sn is the serial",
			header:   []string{"model", "model_str", "hostname", "sn", "management_ip"},
			want:     map[string]string{"model": "model_str", "name": "hostname", "serial": "sn", "ip": "management_ip"},
			wantKeys: []string{"model", "", "", "", ""},
		},
		{
			name:     "more specific synonym wins",
			header:   []string{"Name", "Hostname", "Version", "Firmware Version", "IP", "Primary IP"},
			want:     map[string]string{"name": "Hostname", "firmware": "Firmware Version", "ip": "Primary IP"},
			wantKeys: []string{"Name", "", "Version", "", "IP", ""},
		},
		{
			name:     "secrets are neither fields nor extra",
			header:   []string{"Hostname", "IP", "SNMP Community", "Password"},
			want:     map[string]string{"name": "Hostname", "ip": "IP"},
			wantKeys: []string{"", "", "", ""},
		},
		{
			name:     "empty and repeated headers",
			header:   []string{"Hostname", "", "Note", "note", "IP"},
			want:     map[string]string{"name": "Hostname", "ip": "IP"},
			wantKeys: []string{"", "column 2", "Note", "note", ""},
			notes:    []string{`column 4 repeats the header "Note" of column 3: its values are kept as "note"`},
		},
		{
			name:     "repeated header text",
			header:   []string{"Hostname", "Note", "Note", "IP"},
			want:     map[string]string{"name": "Hostname", "ip": "IP"},
			wantKeys: []string{"", "Note", "Note (2)", ""},
			notes:    []string{`column 3 repeats the header "Note" of column 2: its values are kept as "Note (2)"`},
		},
		{
			name:     "repeated field header: the first is read",
			header:   []string{"IP", "Hostname", "Notes", "ip"},
			want:     map[string]string{"name": "Hostname", "ip": "IP"},
			wantKeys: []string{"", "", "Notes", "ip"},
			notes:    []string{`column 4 repeats the header "IP" of column 1: column 1 is read as the ip and this column is kept as "ip"`},
		},
		{
			name:     "repeated header, the second is the better synonym",
			header:   []string{"Name", "Hostname", "hostname", "IP"},
			want:     map[string]string{"name": "Hostname", "ip": "IP"},
			wantKeys: []string{"Name", "", "hostname", ""},
			notes:    []string{`column 3 repeats the header "Hostname" of column 2: column 2 is read as the name and this column is kept as "hostname"`},
		},
		{
			name:     "explicit mapping wins",
			header:   []string{"Hostname", "Tag Name", "Net Addr", "IP"},
			columns:  map[string]any{"name": "tag name", "ip": "Net Addr"},
			want:     map[string]string{"name": "Tag Name", "ip": "Net Addr"},
			wantKeys: []string{"Hostname", "", "", "IP"},
		},
		{
			name:    "mapped header missing",
			header:  []string{"Hostname", "IP"},
			columns: map[string]any{"firmware": "Fw Rev"},
			wantErr: `column "Fw Rev" (mapped to firmware by the columns option) is not in the header on line 3`,
		},
		{
			name:    "mapped to a secret",
			header:  []string{"Hostname", "IP", "Community"},
			columns: map[string]any{"role": "Community"},
			wantErr: `column "Community" looks like it holds secrets`,
		},
		{
			name:    "no identifying column",
			header:  []string{"Vendor", "Model", "Firmware"},
			wantErr: `has no name, IP or MAC column (found "Vendor", "Model", "Firmware")`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := parseOptions(map[string]any{"columns": orEmpty(tt.columns)})
			if err != nil {
				t.Fatal(err)
			}
			l, err := newLayout(tt.header, 3, o, letters)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, l.columns()); diff != "" {
				t.Errorf("columns (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantKeys, l.keys); diff != "" {
				t.Errorf("extra keys (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.notes, l.notes); diff != "" {
				t.Errorf("notes (-want +got):\n%s", diff)
			}
		})
	}
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

func TestHeaderScan(t *testing.T) {
	tests := []struct {
		name    string
		row     []string
		columns map[string]any
		want    bool
	}{
		{"two known", []string{"Hostname", "IP Address"}, nil, true},
		{"one known", []string{"Hostname", "Notes"}, nil, false},
		{"title row", []string{"Asset register", "", "rev 7"}, nil, false},
		{"secret does not count", []string{"Hostname", "Password"}, nil, false},
		{"spelling ignored", []string{"HOST_NAME", "i.p. address"}, nil, true},
		{"mapped single column", []string{"Tag Name", "Notes"}, map[string]any{"name": "Tag Name"}, true},
		{"mapped plus known", []string{"Tag Name", "Vendor"}, map[string]any{"name": "Tag Name"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := parseOptions(map[string]any{"columns": orEmpty(tt.columns)})
			if err != nil {
				t.Fatal(err)
			}
			if got := newHeaderScan(o).isHeader(tt.row); got != tt.want {
				t.Errorf("isHeader(%q) = %v, want %v", tt.row, got, tt.want)
			}
		})
	}
}

func TestParseOptions(t *testing.T) {
	tests := []struct {
		name    string
		in      map[string]any
		wantErr string
		check   func(*options) string
	}{
		{name: "none", in: nil},
		{name: "tab", in: map[string]any{"delimiter": "tab"}, check: func(o *options) string {
			return cmp.Diff('\t', o.delimiter)
		}},
		{name: "semicolon", in: map[string]any{"delimiter": ";"}, check: func(o *options) string {
			return cmp.Diff(';', o.delimiter)
		}},
		{name: "two characters", in: map[string]any{"delimiter": ";;"}, wantErr: "option delimiter must be one character"},
		{name: "quote", in: map[string]any{"delimiter": `"`}, wantErr: "option delimiter must be one character"},
		{name: "not a string", in: map[string]any{"delimiter": true}, wantErr: "option delimiter must be one character"},
		{name: "unknown field", in: map[string]any{"columns": map[string]any{"hostname": "Host", "nme": "X"}},
			wantErr: "unknown field hostname, nme; the fields are name, ip, mac, vendor, model, firmware, serial, zone, criticality, owner, location, role, last_patched, end_of_support, asset_tag"},
		{name: "columns not a map", in: map[string]any{"columns": "name=Host"}, wantErr: "option columns must be an object"},
		{name: "header not a string", in: map[string]any{"columns": map[string]any{"name": true}}, wantErr: "name must be a header text"},
		{name: "one header twice", in: map[string]any{"columns": map[string]any{"name": "Host", "ip": "host"}}, wantErr: `ip and name both name column "Host"`},
		{name: "sheet", in: map[string]any{"sheet": 3}, wantErr: "option sheet must be a sheet name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := parseOptions(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.check != nil {
				if diff := tt.check(o); diff != "" {
					t.Error(diff)
				}
			}
		})
	}
}
