package engine

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slate-ot/slate/collectors"
	"github.com/slate-ot/slate/collectors/assets"
	"github.com/slate-ot/slate/collectors/mfa"
	"github.com/slate-ot/slate/collectors/netconfig"
	"github.com/slate-ot/slate/collectors/pcap"
	"github.com/slate-ot/slate/engine/assessment"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/traffic"
	"github.com/slate-ot/slate/internal/benchsite"
	"github.com/slate-ot/slate/internal/cputime"
)

// scaleSizes are the sites BenchmarkScale and BenchmarkConvert generate:
// 1 %, 10 % and all of the target's scale (bench/scale.sh small, medium,
// full).
var scaleSizes = []scaleSize{
	{assets: 1_000, flows: 10_000, devices: 10, users: 300},
	{assets: 10_000, flows: 100_000, devices: 100, users: 300},
	{assets: 100_000, flows: 1_000_000, devices: 1_000, users: 3_000},
}

// BenchmarkScale evaluates every built-in check over the evidence of a large
// site: a dozen zones and conduits, 100,000 inventoried assets, 1,000,000
// captured flows, 1,000 device configurations and 3,000 identities, with a
// few hundred violations of each check. The evidence is built in Go with the
// collectors' own data types, as the collectors would have emitted it, so the
// benchmark measures evaluation (EvaluateBundle: input, policies, scorecard)
// and not parsing. bench/scale.sh runs it once and docs/performance.md
// records the results.
//
// Besides ns/op it reports peak-RSS-MB (the process's peak resident set
// during evaluation, Linux only; the generated bundle is part of it),
// bundle-MB (the generated documents' data) and a split of one more,
// instrumented run: convert-s (the documents to the Rego value of the
// input, with the indexes), checks-s (every check, one after another on one
// goroutine) and rest-s (loading the assessment and policies, the
// scorecard: the run's wall time less the other two, 0 when the checks one
// after another take longer than the run, which runs them side by side and
// hashes the bundle meanwhile). The slowest checks are logged.
func BenchmarkScale(b *testing.B) {
	for _, size := range scaleSizes {
		b.Run(size.String(), func(b *testing.B) {
			start := time.Now()
			dir, a, bundle := scaleSite(b, size)
			data := 0
			for _, d := range bundle.Documents {
				data += len(d.Data)
			}
			b.Logf("generated %s in %s", size, time.Since(start).Round(time.Millisecond))
			runtime.GC()
			debug.FreeOSMemory()
			resetPeakRSS()
			// The checks of other packages may be slow at this size; the
			// benchmark measures them rather than stopping them.
			opts := Options{Getenv: func(string) string { return "" }, PolicyTimeout: time.Hour}
			var gaps int
			var wall time.Duration
			cpu := cputime.Process()
			b.ResetTimer()
			for b.Loop() {
				t := time.Now()
				res, err := EvaluateBundle(context.Background(), dir, bundle, collectors.Default, opts)
				if err != nil {
					b.Fatal(err)
				}
				wall = time.Since(t)
				gaps = len(res.Scorecard.Gaps)
			}
			b.StopTimer()
			b.ReportMetric((cputime.Process()-cpu).Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(gaps), "gaps")
			b.ReportMetric(float64(data)/(1<<20), "bundle-MB")
			if hwm := peakRSS(); hwm > 0 {
				b.ReportMetric(float64(hwm)/(1<<20), "peak-RSS-MB")
			}
			phases, checks, err := scalePhases(a, bundle)
			if err != nil {
				b.Fatal(err)
			}
			var sum time.Duration
			for _, name := range []string{"convert-s", "checks-s"} {
				b.ReportMetric(phases[name].Seconds(), name)
				sum += phases[name]
			}
			b.ReportMetric(max(wall-sum, 0).Seconds(), "rest-s")
			slices.SortFunc(checks, func(x, y checkTime) int { return cmp.Compare(y.took, x.took) })
			for _, c := range checks[:min(len(checks), 10)] {
				b.Logf("%-14s %s", c.id, c.took.Round(time.Millisecond))
			}
		})
	}
}

type checkTime struct {
	id   string
	took time.Duration
}

// scalePhases times the parts of an evaluation one by one.
func scalePhases(a *assessment.Assessment, bundle *evidence.Bundle) (map[string]time.Duration, []checkTime, error) {
	phases := map[string]time.Duration{}
	ps, err := LoadPolicies(a.Dir, a.PolicyPaths)
	if err != nil {
		return nil, nil, err
	}
	t := time.Now()
	view, err := bundleInput(a, bundle, bundle.AsOf, sourceKinds(a), ps.plan())
	if err != nil {
		return nil, nil, err
	}
	phases["convert-s"] = time.Since(t)
	zones := make([]string, len(a.Zones))
	for i, z := range a.Zones {
		zones[i] = z.Name
	}
	asOf, err := time.Parse(time.DateOnly, bundle.AsOf)
	if err != nil {
		return nil, nil, err
	}
	var checks []checkTime
	for _, rule := range ps.Rules {
		t := time.Now()
		if _, err := ps.evalRule(context.Background(), rule, view, asOf, zones, time.Hour); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", rule.ID, err)
		}
		checks = append(checks, checkTime{rule.ID, time.Since(t)})
		phases["checks-s"] += time.Since(t)
	}
	return phases, checks, nil
}

// resetPeakRSS starts the peak resident set size over (Linux), so that
// peakRSS measures evaluation and not generating the evidence.
func resetPeakRSS() {
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// peakRSS reads the process's peak resident set size from /proc (Linux);
// 0 elsewhere.
func peakRSS() int64 {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(raw)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}

// scaleSize is how much evidence the generated site has.
type scaleSize struct{ assets, flows, devices, users int }

func (s scaleSize) String() string {
	return fmt.Sprintf("assets=%d,flows=%d,devices=%d,users=%d", s.assets, s.flows, s.devices, s.users)
}

// The generated site's zones and conduits are bench/site.sh's
// (internal/benchsite), so the two benchmarks judge the same site.
var (
	scaleZones    = benchsite.Zones
	scaleConduits = benchsite.Conduits
	zoneIndex     = benchsite.ZoneIndex
)

// scaleSite writes the assessment of a generated site and generates its
// evidence at size (the bundle its collectors would make).
func scaleSite(b *testing.B, size scaleSize) (dir string, a *assessment.Assessment, bundle *evidence.Bundle) {
	dir = writeScaleSite(b)
	a, err := Load(dir, collectors.Default, Options{})
	if err != nil {
		b.Fatal(err)
	}
	if bundle, err = scaleBundle(size, a.SHA256); err != nil {
		b.Fatal(err)
	}
	return dir, a, bundle
}

// writeScaleSite writes the assessment file of the generated site, with an
// empty file for each source so that the file loads.
func writeScaleSite(tb testing.TB) string {
	var h strings.Builder
	h.WriteString("assessment \"scale\" {\n  site  = \"Generated large site\"\n  as_of = \"2026-11-01\"\n}\n")
	h.WriteString("framework \"iec62443-3-3\" {}\nframework \"nist-800-53r5\" {\n  baseline = \"moderate\"\n}\n")
	for i, z := range scaleZones {
		fmt.Fprintf(&h, "zone %q {\n  kind      = %q\n  owner     = %q\n  networks  = [\"10.%d.0.0/16\"]\n  vlans     = [%d]\n  sl_target = %d\n}\n",
			z.Name, z.Kind, z.Owner, 10+i, z.VLAN, z.SL)
	}
	for _, c := range scaleConduits {
		fmt.Fprintf(&h, "conduit %q {\n  from     = %q\n  to       = %q\n  services = [%s]\n}\n",
			c.From+"-"+c.To, c.From, c.To, quoteList(c.Services))
	}
	files := map[string]string{}
	source := func(kind, name, file, extra string) {
		files[file] = ""
		fmt.Fprintf(&h, "source %q %q {\n  files = [%q]\n%s}\n", kind, name, file, extra)
	}
	source("assets", "cmdb", "evidence/cmdb.csv", "")
	source("assets", "cell-registers", "evidence/cells.csv", "")
	source("netconfig", "network", "evidence/configs/core-01.cfg", "")
	for _, span := range benchsite.Spans {
		source("pcap", span, "evidence/"+span+".pcap", "")
	}
	source("mfa", "idp", "evidence/idp-users.csv", "  format = \"csv\"\n  remote_access_apps = [\"OT-VPN\"]\n"+
		"  ot_access_groups = {\n    \"OT-Operators\" = [\"scada\"]\n    \"OT-Engineers\" = [\"engineering\", \"cell-01\", \"cell-02\", \"cell-03\", \"cell-04\", \"cell-05\", \"cell-06\"]\n    \"OT-Vendors\" = [\"cell-01\", \"cell-02\"]\n  }\n")
	files["assessment.hcl"] = h.String()
	dir := tb.TempDir()
	for name, body := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// scaleBundle generates the site's evidence. The same size always gives the
// same bundle: every choice comes from a fixed-seed generator or from the
// record's index.
func scaleBundle(size scaleSize, assessmentSHA string) (*evidence.Bundle, error) {
	g := newScaleGen(size)
	var docs []evidence.Document
	add := func(kind, name string, records int, files []string, data any) error {
		prov := evidence.Provenance{Collector: kind, CollectorVersion: "1.0.0", RecordsRead: records}
		for _, f := range files {
			sum := sha256.Sum256([]byte(f))
			prov.Files = append(prov.Files, evidence.File{Path: f, Size: int64(records) * 100, SHA256: hex.EncodeToString(sum[:])})
		}
		d, err := evidence.NewDocument(evidence.Source{Kind: kind, Name: name}, prov, data)
		docs = append(docs, d)
		return err
	}
	cmdb, cells := g.inventory()
	if err := add(assets.Kind, "cmdb", len(cmdb.Assets), []string{"evidence/cmdb.csv"}, cmdb); err != nil {
		return nil, err
	}
	if err := add(assets.Kind, "cell-registers", len(cells.Assets), []string{"evidence/cells.csv"}, cells); err != nil {
		return nil, err
	}
	devs := g.devices()
	if err := add(netconfig.Kind, "network", len(devs.Devices), []string{"evidence/configs/core-01.cfg"}, devs); err != nil {
		return nil, err
	}
	for i, data := range g.captures() {
		span := benchsite.Spans[i]
		if err := add(pcap.Kind, span, len(data.Flows), []string{"evidence/" + span + ".pcap"}, data); err != nil {
			return nil, err
		}
	}
	idp := g.identities()
	if err := add(mfa.Kind, "idp", len(idp.Users), []string{"evidence/idp-users.csv"}, idp); err != nil {
		return nil, err
	}
	return evidence.NewBundle(evidence.AssessmentRef{Name: "scale", Site: "Generated large site", File: "assessment.hcl", SHA256: assessmentSHA}, "2026-11-01", docs), nil
}

// scaleGen places hosts in zones and draws everything else from a fixed
// seed.
type scaleGen struct {
	size  scaleSize
	rng   *rand.Rand
	hosts [][]string // addresses by zone index
}

// converse returns the host at one side (0 client, 1 server) of
// conversation conv in zone zi, and its number there.
func (g *scaleGen) converse(zi, conv, side int) (string, int) {
	n := mix(conv, side) % len(g.hosts[zi])
	return g.hosts[zi][n], n
}

// mix spreads a conversation number over hosts, a different way for each
// salt.
func mix(conv, salt int) int {
	h := uint64(conv)*0x9e3779b97f4a7c15 ^ uint64(salt+1)*0xbf58476d1ce4e5b9
	h ^= h >> 31
	h *= 0x94d049bb133111eb
	h ^= h >> 29
	return int(h >> 1)
}

func newScaleGen(size scaleSize) *scaleGen {
	g := &scaleGen{size: size, rng: rand.New(rand.NewPCG(62443, 80082)), hosts: make([][]string, len(scaleZones))}
	total := 0
	for _, z := range scaleZones {
		total += z.Weight
	}
	for i := range size.assets {
		zi := g.assetZone(i, total)
		n := len(g.hosts[zi])
		g.hosts[zi] = append(g.hosts[zi], fmt.Sprintf("10.%d.%d.%d", 10+zi, n/250, n%250+1))
	}
	return g
}

// assetZone spreads assets over the zones by weight.
func (g *scaleGen) assetZone(i, total int) int {
	k := i % total
	for zi, z := range scaleZones {
		if k < z.Weight {
			return zi
		}
		k -= z.Weight
	}
	return 0
}

func macOf(zi, n int) string {
	return fmt.Sprintf("00:1b:%02x:%02x:%02x:%02x", 0x10+zi, n>>16&0xff, n>>8&0xff, n&0xff)
}

// inventory lists every host: the CMDB holds the IT, DMZ and central OT
// zones, the cell registers the cells. A few hundred rows of each kind break
// one inventory check.
func (g *scaleGen) inventory() (assets.Data, assets.Data) {
	cmdb := assets.Data{Files: []assets.InputFile{{Path: "evidence/cmdb.csv", Format: "csv", Delimiter: ",", Encoding: "utf-8", HeaderLine: 1,
		Columns: map[string]string{"name": "Hostname", "ip": "IP", "mac": "MAC", "vendor": "Vendor", "model": "Model", "firmware": "Firmware",
			"zone": "Zone", "last_patched": "Last Patched", "end_of_support": "EoS", "criticality": "Criticality"}}}, SecretColumns: []string{}}
	cells := cmdb
	cells.Files = []assets.InputFile{{Path: "evidence/cells.csv", Format: "csv", Delimiter: ";", Encoding: "utf-8", HeaderLine: 1, Columns: cmdb.Files[0].Columns}}
	models := map[string][][3]string{
		"it":  {{"Dell", "OptiPlex 7010", "1.21.0"}, {"HP", "EliteBook 840", "01.14"}, {"Dell", "PowerEdge R650", "iDRAC 6.10"}},
		"dmz": {{"Dell", "PowerEdge R650", "iDRAC 6.10"}, {"Fortinet", "FortiGate 100F", "7.2.8"}},
		"ot": {{"Siemens", "S7-1516F-3 PN/DP", "V2.9.7"}, {"Siemens", "ET 200SP", "V4.2"}, {"Rockwell", "ControlLogix 5580", "33.011"},
			{"Schneider", "Modicon M580", "3.20"}, {"Siemens", "SIMATIC IPC527G", "V1.4"}},
	}
	line := map[string]int{"cmdb": 1, "cells": 1}
	for zi, z := range scaleZones {
		for n, ip := range g.hosts[zi] {
			i := len(cmdb.Assets) + len(cells.Assets)
			kind := z.Kind
			m := models[kind][n%len(models[kind])]
			a := assets.Asset{
				Name: fmt.Sprintf("%s-%05d", z.Name, n), IP: ip, IPs: []string{ip}, MAC: macOf(zi, n),
				Vendor: m[0], Model: m[1], Firmware: m[2], Zone: z.Name, ZoneSource: "inventory",
				Criticality: []string{"low", "medium", "high", "critical"}[n%4],
				LastPatched: fmt.Sprintf("2026-%02d-%02d", n%9+1, n%28+1), EndOfSupport: fmt.Sprintf("20%d-12-31", 28+n%10),
			}
			switch {
			case i%331 == 7: // completeness: no firmware
				a.Firmware = ""
			case i%337 == 11: // lifecycle: past end of support
				a.EndOfSupport = "2025-06-30"
			case i%347 == 13: // lifecycle: not patched for two years
				a.LastPatched = "2024-02-01"
			case i%353 == 17: // zone assignment: inventory and network disagree
				a.Zone = scaleZones[(zi+1)%len(scaleZones)].Name
			case i%359 == 19: // zone assignment: a zone the assessment does not declare
				a.Zone, a.ZoneSource = "legacy-lab", "inventory"
			case i%367 == 23: // zone assignment: an address in no zone
				a.IP = fmt.Sprintf("172.16.%d.%d", n/250%256, n%250+1)
				a.IPs = []string{a.IP}
				a.Zone, a.ZoneSource = "", ""
			}
			doc, name := &cmdb, "cmdb"
			if strings.HasPrefix(z.Name, "cell-") {
				doc, name = &cells, "cells"
			}
			line[name]++
			a.File = doc.Files[0].Path
			a.Line = line[name]
			a.ID = fmt.Sprintf("%s:%d", a.File, a.Line)
			doc.Assets = append(doc.Assets, a)
		}
	}
	for _, d := range []*assets.Data{&cmdb, &cells} {
		slices.SortFunc(d.Assets, func(x, y assets.Asset) int { return strings.Compare(x.ID, y.ID) })
	}
	return cmdb, cells
}

// service is what a server in a zone speaks.
type service struct {
	protocol, transport string
	port                int
	ops                 []traffic.Op
	attrs               map[string]string
}

var (
	readOps    = []traffic.Op{{Class: "read", Name: "read_holding_registers", Code: 3, Count: 120}, {Class: "response", Name: "response", Code: 3, Count: 120}}
	s7ReadOps  = []traffic.Op{{Class: "read", Name: "read_var", Code: 4, Count: 300}, {Class: "session", Name: "setup_communication", Code: 240, Count: 1}}
	writeOps   = []traffic.Op{{Class: "read", Name: "read_holding_registers", Code: 3, Count: 40}, {Class: "write", Name: "write_single_register", Code: 6, Count: 2}}
	otServices = []service{
		{protocol: "s7comm", transport: "tcp", port: 102, ops: s7ReadOps},
		{protocol: "modbus", transport: "tcp", port: 502, ops: readOps},
		{protocol: "enip", transport: "tcp", port: 44818, ops: []traffic.Op{{Class: "read", Name: "get_attribute_single", Code: 14, Count: 80}}},
		{protocol: "opcua", transport: "tcp", port: 4840, ops: []traffic.Op{{Class: "read", Name: "read", Code: 631, Count: 50}}, attrs: map[string]string{"security_mode": "SignAndEncrypt"}},
		{protocol: "ntp", transport: "udp", port: 123},
	}
	itServices = []service{
		{protocol: "tls", transport: "tcp", port: 443, attrs: map[string]string{"version": "1.3"}},
		{protocol: "dns", transport: "udp", port: 53},
		{protocol: "smb", transport: "tcp", port: 445, attrs: map[string]string{"dialect": "3.1.1"}},
		{protocol: "rdp", transport: "tcp", port: 3389},
		{protocol: "ssh", transport: "tcp", port: 22},
		{protocol: "ldap", transport: "tcp", port: 389},
	}
	insecureServices = []service{
		{protocol: "telnet", transport: "tcp", port: 23},
		{protocol: "ftp", transport: "tcp", port: 21},
		{protocol: "http", transport: "tcp", port: 80},
		{protocol: "snmp", transport: "udp", port: 161, attrs: map[string]string{"version": "2c"}},
		{protocol: "smb", transport: "tcp", port: 445, attrs: map[string]string{"smb1": "true"}},
	}
)

// weakSessionFlows are sessions whose ends settle on security that does not
// hold (SLATE-NET-008), each between two zones its protocol is spoken in.
var weakSessionFlows = []struct {
	from, to string
	service
}{
	{"it-services", "it-services", service{protocol: "rdp", transport: "tcp", port: 3389, attrs: map[string]string{"nla": "false", "requested": "tls|credssp", "selected": "tls"}}},
	{"it-services", "it-services", service{protocol: "rdp", transport: "tcp", port: 3389, attrs: map[string]string{"nla": "false", "selected": "rdp"}}},
	{"enterprise", "enterprise", service{protocol: "ssh", transport: "tcp", port: 22, attrs: map[string]string{"ssh1": "true", "version": "1.99|2.0"}}},
	{"dmz", "scada", service{protocol: "opcua", transport: "tcp", port: 4840, attrs: map[string]string{"security_mode": "None", "security_policy": "None"}}},
	{"dmz", "scada", service{protocol: "opcua", transport: "tcp", port: 4840, attrs: map[string]string{"security_mode": "Sign", "security_policy": "Basic128Rsa15|Basic256"}}},
	{"scada", "scada", service{protocol: "vnc", transport: "tcp", port: 5900, attrs: map[string]string{"security_type": "vnc_auth", "security_types": "none|vnc_auth"}}},
	{"scada", "scada", service{protocol: "snmp", transport: "udp", port: 161, attrs: map[string]string{"version": "3", "security_level": "noAuthNoPriv"}}},
}

// captures generates the flows of every span. Most flows stay inside a
// zone, about one in ten crosses a declared conduit, and a few hundred of
// each kind break a network check.
func (g *scaleGen) captures() []traffic.Data {
	flows := make([][]traffic.Flow, len(benchsite.Spans))
	total := 0
	for _, z := range scaleZones {
		total += z.Weight
	}
	pick := func(zi int) (string, int) {
		n := g.rng.IntN(len(g.hosts[zi]))
		return g.hosts[zi][n], n
	}
	for k := range g.size.flows {
		var f traffic.Flow
		var svc service
		var czi, szi int
		// Plant traffic repeats: the same client polls the same server
		// all day, over a new connection now and then. A flow inside a
		// zone is one of flows/10 conversations (client, server,
		// service), each seen about ten times with another client port;
		// one through a conduit one of flows/200; the few hundred that
		// break a check are each a conversation of their own.
		conv := g.rng.IntN(max(1, g.size.flows/10))
		repeats := true
		switch {
		case k%3001 == 5: // conduits: enterprise straight into a cell
			repeats = false
			czi, szi = zoneIndex("enterprise"), zoneIndex(fmt.Sprintf("cell-%02d", k%6+1))
			svc = otServices[1]
		case k%3011 == 7: // insecure management inside an OT zone
			repeats = false
			czi = zoneIndex(fmt.Sprintf("cell-%02d", k%6+1))
			szi = czi
			svc = insecureServices[k%len(insecureServices)]
		case k%3019 == 9: // ot_write_crossing: a write from the engineering zone through its conduit
			repeats = false
			czi, szi = zoneIndex("engineering"), zoneIndex(fmt.Sprintf("cell-%02d", k%6+1))
			svc = otServices[1]
			svc.ops = writeOps
		case k%3023 == 11: // external_reach: a cell host reaches an address no zone declares
			repeats = false
			czi = zoneIndex(fmt.Sprintf("cell-%02d", k%6+1))
			cip, cn := pick(czi)
			svc = []service{itServices[0], itServices[1]}[k%2]
			f = traffic.Flow{
				Transport: svc.transport, VLAN: scaleZones[czi].VLAN, Protocol: svc.protocol, IdentifiedBy: "payload",
				Client: traffic.Endpoint{IP: cip, Port: 49152 + g.rng.IntN(16384), MAC: macOf(czi, cn), Zone: scaleZones[czi].Name},
				Server: traffic.Endpoint{IP: fmt.Sprintf("198.51.100.%d", k%250+1), Port: svc.port, MAC: "02:00:00:00:00:01"},
			}
			g.finish(&f, k)
			flows[benchsite.SpanOf(f.Client.Zone)] = append(flows[benchsite.SpanOf(f.Client.Zone)], f)
			continue
		case k%3037 == 13: // remote_session_mfa: RDP from the enterprise into SCADA
			repeats = false
			czi, szi = zoneIndex("enterprise"), zoneIndex("scada")
			svc = itServices[3]
		case k%3041 == 15: // deprecated_crypto: TLS 1.0 inside the IT services
			repeats = false
			czi = zoneIndex("it-services")
			szi = czi
			svc = service{protocol: "tls", transport: "tcp", port: 443, attrs: map[string]string{"deprecated_version": "TLS1.0", "version": "TLS1.0"}}
		case k%3049 == 17: // inventory_drift: a Modbus device names itself
			repeats = false
			czi = zoneIndex(fmt.Sprintf("cell-%02d", k%6+1))
			szi = czi
			svc = otServices[1]
			svc.attrs = map[string]string{"device_vendor": "Unlisted Controls", "product_name": "UC-100", "revision": "9.9"}
		case k%3061 == 19: // weak_session_security: a session that negotiates weak security
			repeats = false
			weak := weakSessionFlows[k%len(weakSessionFlows)]
			czi, szi = zoneIndex(weak.from), zoneIndex(weak.to)
			svc = weak.service
		case k%50 == 3: // layer 2: GOOSE inside a cell
			zi := zoneIndex(fmt.Sprintf("cell-%02d", k%6+1))
			_, cn := pick(zi)
			f = traffic.Flow{Transport: "l2", VLAN: scaleZones[zi].VLAN, EtherType: "0x88b8", Protocol: "goose", IdentifiedBy: "ethertype",
				Client: traffic.Endpoint{MAC: macOf(zi, cn), Zone: scaleZones[zi].Name},
				Server: traffic.Endpoint{MAC: "01:0c:cd:01:00:01", Zone: scaleZones[zi].Name, Group: true}}
			g.finish(&f, k)
			flows[benchsite.SpanOf(f.Server.Zone)] = append(flows[benchsite.SpanOf(f.Server.Zone)], f)
			continue
		case k%10 == 9: // through a declared conduit
			// Fewer clients talk across zones: an engineering
			// workstation or a SCADA server to the controllers of a cell.
			conv %= max(1, g.size.flows/200)
			c := scaleConduits[conv%len(scaleConduits)]
			czi, szi = zoneIndex(c.From), zoneIndex(c.To)
			svc = service{protocol: c.Protocol, transport: c.Transport, port: c.Port}
			if i := slices.IndexFunc(otServices, func(s service) bool { return s.protocol == c.Protocol }); i >= 0 {
				svc = otServices[i]
			}
		default: // inside a zone
			czi = g.assetZone(mix(conv, 3)%total, total)
			szi = czi
			if scaleZones[czi].Kind == "ot" {
				svc = otServices[conv%len(otServices)]
			} else {
				svc = itServices[conv%len(itServices)]
			}
		}
		var cip, sip string
		var cn, sn int
		if repeats {
			cip, cn = g.converse(czi, conv, 0)
			sip, sn = g.converse(szi, conv, 1)
		} else {
			cip, cn = pick(czi)
			sip, sn = pick(szi)
		}
		f = traffic.Flow{
			Transport: svc.transport, VLAN: scaleZones[szi].VLAN, Protocol: svc.protocol, IdentifiedBy: "payload",
			Client: traffic.Endpoint{IP: cip, Port: 49152 + g.rng.IntN(16384), MAC: macOf(czi, cn), Zone: scaleZones[czi].Name},
			Server: traffic.Endpoint{IP: sip, Port: svc.port, MAC: macOf(szi, sn), Zone: scaleZones[szi].Name},
		}
		if len(svc.ops) > 0 || len(svc.attrs) > 0 {
			f.Facts = &traffic.Facts{Ops: svc.ops, Attrs: svc.attrs}
		}
		if svc.protocol == "telnet" || svc.protocol == "ftp" {
			cred := traffic.FlowCredential{Kind: svc.protocol + "_login", User: "admin", Fingerprint: fmt.Sprintf("fp:%016x", k)}
			f.Facts = &traffic.Facts{Credentials: []traffic.FlowCredential{cred}}
		}
		g.finish(&f, k)
		flows[benchsite.SpanOf(f.Server.Zone)] = append(flows[benchsite.SpanOf(f.Server.Zone)], f)
	}
	out := make([]traffic.Data, len(benchsite.Spans))
	for i := range out {
		out[i] = summarise(benchsite.Spans[i], flows[i])
	}
	return out
}

// summarise builds a capture document's data around its flows, as the
// collector does: observed assets, protocol totals, credentials.
func summarise(span string, flows []traffic.Flow) traffic.Data {
	n := int64(len(flows))
	d := traffic.Data{
		Inputs:      []traffic.Input{{Path: "evidence/" + span + ".pcap", Format: "pcapng", LinkTypes: []string{"ethernet"}, Packets: n * 40, Bytes: n * 9000, FirstSeen: "2026-10-28T08:00:00.000000000Z", LastSeen: "2026-10-29T08:00:00.000000000Z"}},
		Flows:       flows,
		Credentials: []traffic.Credential{},
	}
	slices.SortFunc(d.Flows, func(a, b traffic.Flow) int { return strings.Compare(a.ID, b.ID) })
	byProto := map[string]*traffic.Protocol{}
	seen := map[string]*traffic.Asset{}
	observe := func(e traffic.Endpoint, proto string, serves bool) {
		if e.Group {
			return
		}
		id := e.IP
		if id == "" {
			id = e.MAC
		}
		a := seen[id]
		if a == nil {
			a = &traffic.Asset{ID: id, MAC: e.MAC, IPs: []string{}, VLANs: []int{}, Zone: e.Zone, Serves: []string{}, Uses: []string{}}
			if e.IP != "" {
				a.IPs = []string{e.IP}
			}
			seen[id] = a
		}
		list := &a.Uses
		if serves {
			list = &a.Serves
		}
		if !slices.Contains(*list, proto) {
			*list = append(*list, proto)
			slices.Sort(*list)
		}
	}
	for _, f := range d.Flows {
		p := byProto[f.Protocol]
		if p == nil {
			p = &traffic.Protocol{Name: f.Protocol}
			byProto[f.Protocol] = p
		}
		p.Flows++
		p.Packets += f.PacketsToSrv + f.PacketsToCli
		p.Bytes += f.BytesToSrv + f.BytesToCli
		observe(f.Client, f.Protocol, false)
		observe(f.Server, f.Protocol, true)
		if f.Facts != nil {
			for _, c := range f.Facts.Credentials {
				d.Credentials = append(d.Credentials, traffic.Credential{Flow: f.ID, Protocol: f.Protocol, Kind: c.Kind, ClientIP: f.Client.IP, ServerIP: f.Server.IP, User: c.User, Fingerprint: c.Fingerprint})
			}
		}
	}
	for _, name := range slices.Sorted(mapKeys(byProto)) {
		d.Protocols = append(d.Protocols, *byProto[name])
	}
	for _, id := range slices.Sorted(mapKeys(seen)) {
		d.Assets = append(d.Assets, *seen[id])
	}
	return d
}

// finish fills in a flow's counters and its id, a digest of its index as
// the collector's is a digest of its addresses.
func (g *scaleGen) finish(f *traffic.Flow, k int) {
	sum := sha256.Sum256([]byte(strconv.Itoa(k)))
	f.ID = "flow:" + hex.EncodeToString(sum[:8])
	f.PacketsToSrv, f.PacketsToCli = int64(10+k%50), int64(10+k%47)
	f.BytesToSrv, f.BytesToCli = f.PacketsToSrv*90, f.PacketsToCli*120
	t := time.Date(2026, 10, 28, 8, 0, 0, 0, time.UTC).Add(time.Duration(k%86400) * time.Second)
	f.FirstSeen = t.Format("2006-01-02T15:04:05.000000000Z07:00")
	f.LastSeen = t.Add(90 * time.Second).Format("2006-01-02T15:04:05.000000000Z07:00")
	f.Handshake = f.Transport == "tcp"
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// devices generates the switch, router and firewall configurations: access
// switches with 48 ports in one zone, and every twentieth device a
// distribution router or firewall between zones.
func (g *scaleGen) devices() netconfig.Data {
	var out netconfig.Data
	for n := range g.size.devices {
		zi := n % len(scaleZones)
		z := scaleZones[zi]
		// Two firewalls per zone, a redundant pair, route between it
		// and two others; the rest are access switches.
		boundary := n < min(2*len(scaleZones), max(2, g.size.devices/4))
		name := fmt.Sprintf("sw-%s-%03d", z.Name, n)
		if boundary {
			name = fmt.Sprintf("fw-%s-%03d", z.Name, n)
		}
		d := netconfig.Device{
			File: fmt.Sprintf("evidence/configs/%s.cfg", name), Vendor: "cisco_ios", VendorSource: "detected",
			Hostname: name, HostnameLine: 5, OSVersion: "17.9", OSVersionLine: 2, ConfigLines: 420,
			ManagementAddr: fmt.Sprintf("10.%d.255.%d", 10+zi, n%250+1), ManagementZone: z.Name,
			Management: netconfig.Management{
				SSH: netconfig.Service{Enabled: true, Version: "2", Line: 30}, Telnet: netconfig.Service{Line: 0},
				HTTP: netconfig.Service{Line: 31}, HTTPS: netconfig.Service{Enabled: true, Line: 32},
				Lines: []netconfig.TermLine{
					{Kind: "console", Name: "con 0", TransportInput: []string{}, ExecTimeout: 600, Login: "local", Line: 400},
					{Kind: "vty", Name: "vty 0 4", TransportInput: []string{"ssh"}, AccessClass: "MGMT", ExecTimeout: 600, Login: "aaa", Line: 404},
					{Kind: "vty", Name: "vty 5 15", TransportInput: []string{"ssh"}, AccessClass: "MGMT", ExecTimeout: 600, Login: "aaa", Line: 409},
				},
			},
			AAA: netconfig.AAA{Servers: []netconfig.AAAServer{{Protocol: "tacacs+", Address: "10.11.0.5", KeySet: true, Line: 20}},
				LocalFallback: true, LoginMethods: []string{"group tacacs+", "local"}, Line: 19},
			Users:              []netconfig.User{{Name: "admin", Privilege: "15", Password: netconfig.Secret{Class: "scrypt_type9", Strength: "strong", Line: 12}, Line: 12}},
			EnableSecret:       &netconfig.Secret{Class: "scrypt_type9", Strength: "strong", Line: 11},
			PasswordEncryption: netconfig.Flag{Enabled: true, Line: 8},
			SNMP: netconfig.SNMP{Communities: []netconfig.Community{}, V3Users: []netconfig.SNMPUser{{Name: "nms", Level: "priv", Line: 380}},
				TrapHosts: []netconfig.TrapHost{{Address: "10.11.0.9", Version: "3", Line: 381}}},
			Logging: netconfig.Logging{Hosts: []netconfig.Host{{Address: "10.11.0.10", Line: 370}}, Buffered: netconfig.Flag{Enabled: true, Line: 371},
				TrapLevel: "informational", Timestamps: netconfig.Flag{Enabled: true, Line: 6}},
			NTP:        netconfig.NTP{Servers: []netconfig.NTPServer{{Address: "10.11.0.1", Key: true, Line: 390}}, Authentication: netconfig.Flag{Enabled: true, Line: 391}},
			Banner:     netconfig.Banner{Present: true, Kind: "login", Line: 395},
			VLANs:      []netconfig.VLAN{{ID: z.VLAN, Name: strings.ToUpper(z.Name), Zone: z.Name, Line: 40}, {ID: 999, Name: "PARKING", Line: 42}},
			ACLs:       []netconfig.ACL{{Name: "MGMT", Type: "standard", Entries: []netconfig.Entry{{Action: "permit", Protocol: "ip", Src: "10.11.0.0 0.0.255.255", Dst: "any", Line: 360}, {Action: "deny", Protocol: "ip", Src: "any", Dst: "any", Line: 361}}, EndsInDeny: true, AppliedTo: []string{"line vty 0 4", "line vty 5 15"}, Line: 359}},
			Routing:    netconfig.Routing{Protocols: []netconfig.Protocol{}},
			CDP:        netconfig.Flag{Line: 0},
			LLDP:       netconfig.Flag{Enabled: true, Line: 7},
			SparePorts: netconfig.SparePorts{Open: []string{}},
		}
		line := 50
		for p := 1; p <= 48; p++ {
			i := netconfig.Iface{Name: fmt.Sprintf("GigabitEthernet1/0/%d", p), Description: fmt.Sprintf("%s-%05d", z.Name, (n*48+p)%10000),
				Mode: "access", AccessVLAN: z.VLAN, Addresses: []netconfig.Address{}, Physical: true, PortSecurity: true, BPDUGuard: true,
				Zone: z.Name, ZoneSource: "vlan", Line: line}
			if p > 44 { // spare ports, parked and shut down
				i.Description, i.AccessVLAN, i.Shutdown, i.Spare, i.Zone, i.ZoneSource = "unused", 999, true, true, "", ""
				d.SparePorts.Total++
				if n%7 == 3 && p == 48 { // spare_ports: one left open
					i.Shutdown = false
					d.SparePorts.Open = append(d.SparePorts.Open, i.Name)
				}
			}
			d.Interfaces = append(d.Interfaces, i)
			line += 5
		}
		d.Interfaces = append(d.Interfaces, netconfig.Iface{Name: "TenGigabitEthernet1/1/1", Description: "uplink", Mode: "trunk", NativeVLAN: 999,
			AllowedVLANs: strconv.Itoa(z.VLAN), Addresses: []netconfig.Address{}, Physical: true, Line: line})
		line += 5
		svi := func(zj int, acl string) {
			zz := scaleZones[zj]
			d.Interfaces = append(d.Interfaces, netconfig.Iface{Name: fmt.Sprintf("Vlan%d", zz.VLAN), Description: zz.Name, Mode: "routed",
				Addresses: []netconfig.Address{{Prefix: fmt.Sprintf("10.%d.0.1/16", 10+zj), Zone: zz.Name, Line: line + 1}},
				ACLIn:     acl, Zone: zz.Name, ZoneSource: "address", Line: line})
			line += 5
		}
		if boundary {
			for j, zj := range []int{zi, (zi + 1) % len(scaleZones), (zi + 5) % len(scaleZones)} {
				acl := strings.ToUpper(scaleZones[zj].Name) + "-IN"
				switch {
				case n == 1 && j == 1: // boundary_acl: no inbound ACL
					acl = ""
				case n == 2 && j == 2: // boundary_acl: an ACL that is not defined
					acl = "MISSING-IN"
				}
				svi(zj, acl)
				if acl != "" && acl != "MISSING-IN" {
					entries := []netconfig.Entry{
						{Action: "permit", Protocol: "tcp", Src: "10.13.0.0 0.0.255.255", Dst: "any", DstPorts: "eq 102", Line: line + 100},
						{Action: "permit", Protocol: "udp", Src: "any", Dst: "10.11.0.1", DstPorts: "eq 123", Line: line + 101},
					}
					// The traffic of the conduits out of the zone is let through.
					for _, c := range scaleConduits {
						if c.From == scaleZones[zj].Name {
							entries = append(entries, netconfig.Entry{Action: "permit", Protocol: c.Transport,
								Src: fmt.Sprintf("10.%d.0.0 0.0.255.255", 10+zj), Dst: fmt.Sprintf("10.%d.0.0 0.0.255.255", 10+zoneIndex(c.To)),
								DstPorts: fmt.Sprintf("eq %d", c.Port), Line: line + 101})
						}
					}
					ends := n != 0 || j != 0 // boundary_acl: one without a final deny
					if ends {
						entries = append(entries, netconfig.Entry{Action: "deny", Protocol: "ip", Src: "any", Dst: "any", Line: line + 102})
					}
					d.ACLs = append(d.ACLs, netconfig.ACL{Name: acl, Type: "extended", Entries: entries, EndsInDeny: ends, AppliedTo: []string{fmt.Sprintf("Vlan%d in", scaleZones[zj].VLAN)}, Line: line + 99})
				}
			}
			d.Routing = netconfig.Routing{StaticRoutes: 4, Protocols: []netconfig.Protocol{{Name: "ospf", Line: 350}}}
		} else {
			svi(zi, "")
		}
		// A few hundred devices break a netconfig check each.
		switch n % 10 {
		case 1:
			d.Management.Telnet = netconfig.Service{Enabled: true, Line: 404}
			d.Management.Lines[1].TransportInput = []string{"telnet", "ssh"}
		case 2:
			d.Management.HTTP = netconfig.Service{Enabled: true, Line: 31}
		case 3:
			d.Users = append(d.Users, netconfig.User{Name: "maint", Privilege: "15", Password: netconfig.Secret{Class: "cisco_type7", Strength: "reversible", Line: 13}, Line: 13})
		case 4:
			d.SNMP.Communities = append(d.SNMP.Communities, netconfig.Community{Fingerprint: "fp:70e7be4b6164b063", Access: "ro", Default: true, Line: 379})
		case 5:
			d.Logging.Hosts = []netconfig.Host{}
		case 6:
			d.NTP.Servers = []netconfig.NTPServer{}
		case 7:
			d.Banner = netconfig.Banner{}
		case 8:
			d.Management.Lines[2].AccessClass = ""
			d.Management.Lines[2].ExecTimeout = 0
		}
		slices.SortFunc(d.ACLs, func(a, b netconfig.ACL) int { return strings.Compare(a.Name, b.Name) })
		out.Devices = append(out.Devices, d)
	}
	slices.SortFunc(out.Devices, func(a, b netconfig.Device) int { return strings.Compare(a.File, b.File) })
	return out
}

// identities generates the identity provider's export: every user in the
// directory, a fifth of them with OT access, and a few hundred breaking an
// identity check.
func (g *scaleGen) identities() mfa.Data {
	groups := []struct {
		name  string
		zones []string
	}{
		{"OT-Engineers", []string{"cell-01", "cell-02", "cell-03", "cell-04", "cell-05", "cell-06", "engineering"}},
		{"OT-Operators", []string{"scada"}},
		{"OT-Vendors", []string{"cell-01", "cell-02"}},
	}
	d := mfa.Data{
		Policies: []mfa.Policy{}, Methods: []mfa.Method{},
		Summary: mfa.Summary{Providers: []string{"csv"}, PoliciesKnown: true, LegacyAuth: "not_blocked", LegacyBlockedBy: []string{}, MFAPolicies: []string{},
			EnforcingMFAPolicies: []string{}, ReportOnlyMFAPolicies: []string{}, WeakMethodsEnabled: []string{}, Notes: []string{}},
		OTMapping: mfa.OTMapping{Configured: true, Groups: []string{"OT-Engineers", "OT-Operators", "OT-Vendors"}, GroupZones: map[string][]string{},
			RemoteAccessApps: []string{"OT-VPN"}, PrivilegedRoles: []string{}},
		Files:         []mfa.InputFile{{Path: "evidence/idp-users.csv", Format: "csv", Content: "users", Encoding: "utf-8", Records: g.size.users}},
		SecretColumns: []string{},
	}
	for _, gr := range groups {
		d.OTMapping.GroupZones[gr.name] = gr.zones
	}
	// Conditional-access policies: one per application, a few left in
	// report-only mode (report_only), none blocking legacy authentication
	// (legacy_auth).
	for n := range 40 {
		p := mfa.Policy{ID: fmt.Sprintf("ca-%03d", n), Name: fmt.Sprintf("Require MFA for app %03d", n), Provider: "csv", Type: "conditional_access",
			State: "enabled", Enforcing: true, RequiresMFA: true, AllUsers: true, IncludeUsers: []string{}, ExcludeUsers: []string{},
			IncludeGroups: []string{}, ExcludeGroups: []string{}, IncludeRoles: []string{}, ExcludeRoles: []string{},
			Applications: []string{fmt.Sprintf("app-%03d", n)}, ExcludeApplications: []string{}, ClientAppTypes: []string{"all"},
			Locations: []string{}, ExcludeLocations: []string{}, Conditions: []string{}, Gaps: []string{}, File: "evidence/idp-users.csv"}
		if n%13 == 4 {
			p.State, p.Enforcing = "report_only", false
			d.Summary.ReportOnlyMFAPolicies = append(d.Summary.ReportOnlyMFAPolicies, p.Name)
		} else {
			d.Summary.EnforcingMFAPolicies = append(d.Summary.EnforcingMFAPolicies, p.Name)
		}
		d.Summary.MFAPolicies = append(d.Summary.MFAPolicies, p.Name)
		d.Policies = append(d.Policies, p)
	}
	for n := range g.size.users {
		file := "evidence/idp-users.csv"
		u := mfa.User{
			ID: fmt.Sprintf("user%05d", n), Name: fmt.Sprintf("User %05d", n), UPN: fmt.Sprintf("user%05d@plant.example", n), Provider: "csv",
			Roles: []string{}, Groups: []string{"Staff"}, RemoteAccess: []string{}, OTAccess: "no", OTAccessVia: []string{}, OTZones: []string{},
			Methods: []string{"Authenticator app"}, Strength: "app_or_otp", MFAEnforced: true, Enforcement: "enforced",
			EnforcedBy: []string{"export:" + file}, ReportOnlyBy: []string{}, ExcludedBy: []string{}, UnresolvedBy: []string{},
			WeakestAllowed: "app_or_otp", LastSignIn: fmt.Sprintf("2026-10-%02d", n%28+1), File: file, Line: n + 2, Files: []string{file},
		}
		if n%5 == 0 { // OT users, most of them remote
			gr := groups[n/5%len(groups)]
			u.Groups = append(u.Groups, gr.name)
			u.OTAccess, u.OTAccessVia, u.OTZones = "yes", []string{"group:" + gr.name}, slices.Sorted(slices.Values(gr.zones))
			if n%10 == 0 {
				u.RemoteAccess = []string{"OT-VPN"}
				u.OTAccessVia = append(u.OTAccessVia, "remote:OT-VPN")
			}
		}
		if n%25 == 1 {
			u.Privileged = true
			u.Roles = []string{"Network Administrator"}
		}
		switch {
		case n%50 == 10: // remote_access_mfa: a remote OT user without MFA
			u.MFAEnforced, u.Enforcement, u.EnforcedBy = false, "not_covered", []string{}
		case n%100 == 26: // privileged_mfa: an administrator excluded from MFA
			u.MFAEnforced, u.Enforcement, u.EnforcedBy, u.ExcludedBy = false, "excluded", []string{}, []string{"Require MFA for admins"}
		case n%100 == 51: // weak_methods: an administrator who may use SMS
			u.Methods, u.WeakMethods, u.WeakestAllowed = []string{"Authenticator app", "SMS"}, true, "sms_voice"
		case n%100 == 15: // shared_accounts: a generic operator account
			u.ID, u.Name, u.UPN = fmt.Sprintf("operator%d", n), fmt.Sprintf("operator%d", n), ""
			u.Shared, u.SharedReason = true, "generic name"
		}
		d.Users = append(d.Users, u)
	}
	slices.SortFunc(d.Users, func(a, b mfa.User) int { return strings.Compare(a.ID, b.ID) })
	return d
}
