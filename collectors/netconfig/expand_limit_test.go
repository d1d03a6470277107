package netconfig_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestJunosExpansionLimit: a configuration whose interface ranges or
// groups would add more than 100,000 statements is read up to the limit,
// with a warning naming the file, the line of the first statement left
// out and the count, and the document marked incomplete; one just within
// the limit gives no warning.
func TestJunosExpansionLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("reads four configurations of 100,000 statements")
	}
	rangeCfg := func(body int) string {
		var b strings.Builder
		b.WriteString("set version 21.4R3\nset system host-name j1\n")
		b.WriteString("set interfaces interface-range R member ge-0/0/[0-1]\n")
		for i := range body {
			fmt.Fprintf(&b, "set interfaces interface-range R unit %d family inet\n", i)
		}
		return b.String()
	}
	groupCfg := func(units int) string {
		var b strings.Builder
		b.WriteString("set version 21.4R3\nset system host-name j1\n")
		for i := range units {
			fmt.Fprintf(&b, "set interfaces ge-0/0/%d unit 0 family inet\n", i)
		}
		b.WriteString("set groups G interfaces <ge-*> description x\n")
		b.WriteString("set groups G interfaces <ge-*> mtu 9000\n")
		b.WriteString("set apply-groups G\n")
		return b.String()
	}
	tests := []struct {
		name     string
		cfg      string
		wantLine int // 0: no warning
		dropped  int
	}{
		{"interface range within the limit", rangeCfg(50_000), 0, 0},
		{"interface range past the limit", rangeCfg(50_003), 50_000 + 4, 6},
		{"groups within the limit", groupCfg(50_000), 0, 0},
		{"groups past the limit", groupCfg(50_002), 50_002 + 4, 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "j1.conf")
			if err := os.WriteFile(path, []byte(tc.cfg), 0o644); err != nil {
				t.Fatal(err)
			}
			doc, _, err := collectOne(t, dir, path, nil)
			if err != nil {
				t.Fatal(err)
			}
			w := doc.Provenance.Warnings
			if tc.wantLine == 0 {
				if len(w) != 0 || doc.Provenance.Incomplete {
					t.Fatalf("warnings %v, incomplete %v; want none", w, doc.Provenance.Incomplete)
				}
				return
			}
			if len(w) != 1 {
				t.Fatalf("warnings %v, want one", w)
			}
			want := fmt.Sprintf("j1.conf:%d: group inheritance and interface ranges add more than 100000 statements; %d more were not added",
				tc.wantLine, tc.dropped)
			if !strings.HasPrefix(w[0].String(), want) {
				t.Errorf("warning %q, want it to start %q", w[0].String(), want)
			}
			if !doc.Provenance.Incomplete {
				t.Error("the document is not marked incomplete")
			}
		})
	}
}
