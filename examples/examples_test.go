package examples_test

import (
	"context"
	"encoding/json"
	"flag"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/slate-ot/slate/collectors"
	"github.com/slate-ot/slate/collectors/collectortest"
	"github.com/slate-ot/slate/engine"
	"github.com/slate-ot/slate/engine/scorecard"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestExamples assesses every example site and compares its scorecard and
// bundle with the golden files, after parsing, so a diff reads per field.
func TestExamples(t *testing.T) {
	sites, err := filepath.Glob("*/assessment.hcl")
	if err != nil || len(sites) == 0 {
		t.Fatalf("no example sites found (%v)", err)
	}
	for _, site := range sites {
		name := filepath.Dir(site)
		t.Run(name, func(t *testing.T) {
			res, err := engine.Assess(context.Background(), name, collectors.Default, engine.Options{Getenv: func(string) string { return "" }})
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("..", "testdata", "golden", "examples", name)
			raw, err := res.ScorecardJSON()
			if err != nil {
				t.Fatal(err)
			}
			collectortest.GoldenJSON(t, filepath.Join(golden, "scorecard.json"), json.RawMessage(raw), *update)
			bundle, err := res.BundleJSON()
			if err != nil {
				t.Fatal(err)
			}
			collectortest.GoldenJSON(t, filepath.Join(golden, "bundle.json"), json.RawMessage(bundle), *update)
		})
	}
}

// TestPlantA checks what the example site is meant to show, beyond the
// golden bytes: every requirement of both frameworks has a status in every
// zone and a coverage class, and the checks that join evidence kinds fire.
func TestPlantA(t *testing.T) {
	res, err := engine.Assess(context.Background(), "plant-a", collectors.Default, engine.Options{Getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	sc := res.Scorecard
	perFramework := map[string]int{}
	for _, r := range sc.Requirements {
		if r.Baselines == nil || slices.Contains(r.Baselines, "moderate") {
			perFramework[r.Framework]++
		}
		if !slices.Contains(scorecard.CoverageClasses, r.Coverage) {
			t.Errorf("%s %s: coverage %q", r.Framework, r.ID, r.Coverage)
		}
		if len(r.Zones) != len(sc.Zones) {
			t.Errorf("%s %s: %d zone cells for %d zones", r.Framework, r.ID, len(r.Zones), len(sc.Zones))
		}
		for _, z := range r.Zones {
			if !slices.Contains(scorecard.Statuses, z.Status) || z.Reason == "" {
				t.Errorf("%s %s in %s: status %q, reason %q", r.Framework, r.ID, z.Zone, z.Status, z.Reason)
			}
		}
	}
	if perFramework["iec62443-3-3"] != 100 || perFramework["nist-800-53r5"] != 287 {
		t.Errorf("requirements per framework: %v, want 100 IEC and the 287 controls of the moderate baseline", perFramework)
	}
	findings := map[string]int{}
	for _, r := range sc.Rules {
		findings[r.ID] = r.Findings
	}
	for _, id := range []string{"SLATE-JOIN-001", "SLATE-JOIN-002", "SLATE-JOIN-003"} {
		if findings[id] == 0 {
			t.Errorf("%s reports nothing on the example site", id)
		}
	}
	attested := 0
	for _, a := range sc.Attestations {
		if a.Used {
			attested++
		}
	}
	if attested == 0 {
		t.Error("no attestation decided anything on the example site")
	}
}

// TestPlantATopRisks: the worst risk of the example site, the ERP server
// erp-app-01 (10.10.4.21, enterprise) writing registers of plc-02
// (10.40.1.11, cell) over Modbus past the OT firewall, is one root cause
// of the checks that see it, and ranks in the top three; the seven gaps of
// the shared account opsadmin are one root cause.
func TestPlantATopRisks(t *testing.T) {
	res, err := engine.Assess(context.Background(), "plant-a", collectors.Default, engine.Options{Getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	top := res.Scorecard.TopRootCauses(3)
	rank := slices.IndexFunc(top, func(rc scorecard.RootCause) bool { return rc.Subject == "flow:10.10.4.21->10.40.1.11/tcp/502" })
	if rank < 0 {
		t.Fatalf("ERP → PLC Modbus writes not in the top three: %+v", top)
	}
	erp := top[rank]
	for _, rule := range []string{"SLATE-NET-001", "SLATE-NET-002", "SLATE-JOIN-001"} {
		if !slices.Contains(erp.Rules, rule) {
			t.Errorf("ERP → PLC root cause lacks %s: %v", rule, erp.Rules)
		}
	}
	want := scorecard.Exposure{CrossesBoundary: true, From: scorecard.FromIT, Conduit: scorecard.ConduitUndeclared}
	if erp.Exposure != want {
		t.Errorf("ERP → PLC exposure %+v, want %+v", erp.Exposure, want)
	}

	for _, rc := range res.Scorecard.RootCauses {
		if rc.Subject == "user:opsadmin" {
			if len(rc.Gaps) != 7 {
				t.Errorf("opsadmin root cause has %d gaps, want 7 (%v)", len(rc.Gaps), rc.Rules)
			}
			return
		}
	}
	t.Error("no root cause for user:opsadmin")
}

// TestPlantAFindings: facts of the example site the identity and network
// checks must report, with their severity and what they fail: opsadmin
// ("Operations admin (shared)") is a shared account; vendor-siemens's SMS
// MFA is reported in the cell (FR1 SL-T 2, medium); eng-ws-01's S7 write
// to plc-01 on the control-cell conduit, which allows s7comm, is the
// medium declared-conduit kind, while erp-app-01's Modbus writes, on no
// conduit, stay a high boundary crossing.
func TestPlantAFindings(t *testing.T) {
	res, err := engine.Assess(context.Background(), "plant-a", collectors.Default, engine.Options{Getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	type gap struct{ rule, subject, zone, severity string }
	got := map[gap][]string{}
	for _, g := range res.Scorecard.Gaps {
		got[gap{g.Rule, g.Subject, g.Zone, g.Severity}] = g.Requirements
	}
	for _, tc := range []struct {
		gap
		want []string
	}{
		{gap{"SLATE-IDM-006", "user:opsadmin", "control", "medium"}, []string{"iec62443-3-3:SR 1.1 RE 1", "nist-800-53r5:AC-2", "nist-800-53r5:IA-2"}},
		{gap{"SLATE-IDM-006", "user:opsadmin", "cell", "medium"}, []string{"iec62443-3-3:SR 1.1 RE 1", "nist-800-53r5:AC-2", "nist-800-53r5:IA-2"}},
		{gap{"SLATE-IDM-005", "user:vendor-siemens", "cell", "medium"}, []string{"iec62443-3-3:SR 1.5", "nist-800-53r5:IA-5"}},
		{gap{"SLATE-NET-001", "flow:10.30.0.50->10.40.1.10/tcp/102", "cell", "medium"}, []string{"iec62443-3-3:SR 3.1 RE 1", "nist-800-53r5:SC-8(1)"}},
		{gap{"SLATE-NET-001", "flow:10.10.4.21->10.40.1.11/tcp/502", "cell", "high"}, []string{
			"iec62443-3-3:SR 3.1 RE 1", "iec62443-3-3:SR 4.1 RE 1", "iec62443-3-3:SR 5.2", "nist-800-53r5:AC-4", "nist-800-53r5:SC-8(1)",
		}},
	} {
		reqs, ok := got[tc.gap]
		if !ok {
			t.Errorf("no gap %+v", tc.gap)
			continue
		}
		slices.Sort(reqs)
		if !slices.Equal(reqs, tc.want) {
			t.Errorf("gap %+v fails %v, want %v", tc.gap, reqs, tc.want)
		}
	}
	for _, g := range res.Scorecard.Gaps {
		if g.Rule == "SLATE-NET-001" && g.Subject == "flow:10.30.0.50->10.40.1.10/tcp/102" && !strings.Contains(g.Remediation, "access levels") {
			t.Errorf("S7 write on the declared conduit: remediation %q, want PLC access protection", g.Remediation)
		}
	}
}

// TestPlantANetworkDevices checks what the two configurations of plant-a
// must and must not lead to: the cell uplink of sw-ctl-01 (a port that
// carries the cell's devices) never gets the advice to pin one MAC
// address; the OT firewall's SNMP community is answered only to the host
// snmp-server host names, not "from any address"; and its log level
// (logging trap warnings) is a finding of its own.
func TestPlantANetworkDevices(t *testing.T) {
	res, err := engine.Assess(context.Background(), "plant-a", collectors.Default, engine.Options{Getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	var uplink, snmp, level []scorecard.Gap
	for _, g := range res.Scorecard.Gaps {
		switch {
		case g.Rule == "SLATE-CFG-011" && strings.Contains(g.Message, "GigabitEthernet1/9"):
			uplink = append(uplink, g)
		case g.Rule == "SLATE-CFG-002" && g.Subject == "device:fw-ot-01":
			snmp = append(snmp, g)
		case g.Rule == "SLATE-CFG-004" && g.Subject == "device:fw-ot-01":
			level = append(level, g)
		}
	}
	if len(uplink) != 1 {
		t.Fatalf("cell uplink gaps: %+v, want one", uplink)
	}
	g := uplink[0]
	if g.Zone != "cell" || g.Severity != "low" || !strings.Contains(g.Message, "do not pin it to one MAC address") ||
		strings.Contains(g.Message, "GigabitEthernet1/1,") {
		t.Errorf("cell uplink gap = %q (%s, %s), want its own low finding that advises against one MAC", g.Message, g.Zone, g.Severity)
	}
	if !strings.Contains(g.Remediation, "never limit the port to one address") {
		t.Errorf("cell uplink remediation does not warn against one address: %q", g.Remediation)
	}
	if len(snmp) != 1 || strings.Contains(snmp[0].Message, "any address") || !strings.Contains(snmp[0].Message, "10.30.0.10") || snmp[0].Severity != "medium" {
		t.Errorf("fw-ot-01 SNMP gaps = %+v, want one medium, answered only to 10.30.0.10", snmp)
	}
	if len(level) != 1 || !strings.Contains(level[0].Message, "only warnings") {
		t.Errorf("fw-ot-01 logging gaps = %+v, want the warnings level", level)
	}
}
