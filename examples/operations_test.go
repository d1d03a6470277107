package examples_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/slate-ot/slate/collectors"
	"github.com/slate-ot/slate/engine"
)

// TestPlantAControlOperations: on the example site the PLC start that
// eng-ws-01 sends to plc-01 after the line 1 maintenance window closed is
// a high finding of SLATE-NET-010, the ERP server's Modbus write (from a
// zone no window reaches) a medium one, and eng-ws-01's S7 write inside
// the window a note on the cell's cells, not a finding.
func TestPlantAControlOperations(t *testing.T) {
	res, err := engine.Assess(context.Background(), "plant-a", collectors.Default, engine.Options{Getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"flow:10.30.0.50->10.40.1.10/tcp/102": "high",
		"flow:10.10.4.21->10.40.1.11/tcp/502": "medium",
	}
	got := map[string]string{}
	for _, g := range res.Scorecard.Gaps {
		if g.Rule != "SLATE-NET-010" {
			continue
		}
		got[g.Subject] = g.Severity
		if g.Subject == "flow:10.30.0.50->10.40.1.10/tcp/102" && !strings.Contains(g.Message, "plc_control ×1 at 2026-10-28T10:15:00Z (PLC control P_PROGRAM (start/run) requested)") {
			t.Errorf("PLC start finding: %q", g.Message)
		}
		if strings.Contains(g.Message, "write_var") {
			t.Errorf("the S7 write inside the window is a finding: %q", g.Message)
		}
	}
	for subject, sev := range want {
		if got[subject] != sev {
			t.Errorf("SLATE-NET-010 on %s: severity %q, want %q (all: %v)", subject, got[subject], sev, got)
		}
	}
	noted := false
	for _, r := range res.Scorecard.Requirements {
		for _, z := range r.Zones {
			if r.ID == "SR 2.1" && z.Zone == "cell" && strings.Contains(z.Reason, "s7comm writes to plc-01 (10.40.1.10) in cell inside maintenance window line1-shutdown") {
				noted = true
			}
		}
	}
	if !noted {
		t.Error("SR 2.1 in cell does not note the S7 write made inside maintenance window line1-shutdown")
	}
}

// TestPlantACaptureTshark: Wireshark dissects the example capture
// without a warning or an error, and reads the PLC start as slate does:
// an S7 PI service P_PROGRAM from eng-ws-01 to plc-01. The same capture
// with the service name's length broken fails both, which shows the test
// can fail.
func TestPlantACaptureTshark(t *testing.T) {
	if _, err := exec.LookPath("tshark"); err != nil {
		t.Skip("tshark is not installed")
	}
	capture := filepath.Join("plant-a", "evidence", "span-control-cell.pcap")
	tshark := func(args ...string) string {
		t.Helper()
		out, err := exec.Command("tshark", args...).Output()
		if err != nil {
			t.Fatalf("tshark %s: %v", strings.Join(args, " "), err)
		}
		return string(out)
	}
	// problems says what tshark finds wrong with file.
	problems := func(file string) []string {
		var out []string
		expert := tshark("-r", file, "-q", "-z", "expert")
		for _, section := range []string{"Errors (", "Warns ("} {
			if strings.Contains(expert, section) {
				out = append(out, "expert "+strings.TrimSuffix(section, " (")+":\n"+expert)
			}
		}
		starts := strings.TrimSpace(tshark("-r", file, "-Y", "s7comm.param.func == 0x28 && s7comm.header.rosctr == 1",
			"-T", "fields", "-e", "ip.src", "-e", "ip.dst", "-e", "s7comm.param.pistart.servicename"))
		if starts != "10.30.0.50\t10.40.1.10\tP_PROGRAM" {
			out = append(out, fmt.Sprintf("PLC starts %q, want one P_PROGRAM from 10.30.0.50 to 10.40.1.10", starts))
		}
		return out
	}
	if p := problems(capture); len(p) > 0 {
		t.Errorf("tshark on %s:\n%s", capture, strings.Join(p, "\n"))
	}
	raw, err := os.ReadFile(capture)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(raw, []byte("\x09P_PROGRAM"))
	if i < 0 {
		t.Fatal("the PLC start's PI service is not in the capture")
	}
	broken := slices.Clone(raw)
	broken[i] = 0x20 // a name longer than the PDU
	bad := filepath.Join(t.TempDir(), "broken.pcap")
	if err := os.WriteFile(bad, broken, 0o644); err != nil {
		t.Fatal(err)
	}
	if p := problems(bad); len(p) != 2 {
		t.Errorf("tshark on the broken capture: %d problems, want 2 (an expert error, no PLC start): %v", len(p), p)
	}
}
