package assets_test

import (
	"testing"
)

// TestLineEndsAndEncodings: old spreadsheet exports with CR-only line
// ends and Windows-1252 text are read, with line numbers that count the
// CRs; a ragged row is placed on its CR-counted line.
func TestLineEndsAndEncodings(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		wantErr  string
		names    []string
		lines    []int
		encoding string
	}{
		{name: "CR only", in: "Name,IP\rplc-1,10.0.0.1\r\rplc-2,10.0.0.2\r", names: []string{"plc-1", "plc-2"}, lines: []int{2, 4}, encoding: "utf-8"},
		{name: "CR only, ragged row on line 3", in: "Name,IP\rplc-1,10.0.0.1\rplc-2\r", wantErr: "a.csv:3: row has 1 fields"},
		{name: "Windows-1252 and CRLF", in: "Name,Location\r\nK\xfchlturm,S\xfcd\r\n", names: []string{"Kühlturm"}, lines: []int{2}, encoding: "windows-1252"},
		{name: "Windows-1252 and CR only", in: "Name,Location\rK\xfchlturm,S\x9ad\r", names: []string{"Kühlturm"}, lines: []int{2}, encoding: "windows-1252"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			f := writeFile(t, dir, "a.csv", []byte(tt.in))
			_, data, err := collect(t, newSource(dir, []string{f}, nil))
			if tt.wantErr != "" {
				wantInputError(t, err, tt.wantErr)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			var lines []int
			for _, a := range data.Assets {
				names, lines = append(names, a.Name), append(lines, a.Line)
			}
			if len(names) != len(tt.names) || len(lines) != len(tt.lines) {
				t.Fatalf("names %v lines %v; want %v %v", names, lines, tt.names, tt.lines)
			}
			for i := range names {
				if names[i] != tt.names[i] || lines[i] != tt.lines[i] {
					t.Errorf("asset %d: %q line %d; want %q line %d", i, names[i], lines[i], tt.names[i], tt.lines[i])
				}
			}
			if data.Files[0].Encoding != tt.encoding {
				t.Errorf("encoding %q, want %q", data.Files[0].Encoding, tt.encoding)
			}
		})
	}
}
