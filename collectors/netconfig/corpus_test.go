package netconfig_test

import (
	"context"
	"encoding/json"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/slate-ot/slate/collectors/netconfig"
	"github.com/slate-ot/slate/evidence"
)

// corpusDir holds the permissively licensed configurations of the corpus
// (Batfish, Arista AVD: Apache-2.0; see testdata/NOTICE.md), one directory
// per vendor, committed so that a clone runs these tests as they are.
const corpusDir = "testdata/corpus"

// corpusFiles returns the committed corpus configurations.
func corpusFiles(t *testing.T) (string, []string) {
	t.Helper()
	return globCorpus(t, corpusDir, "*")
}

func globCorpus(t *testing.T, dir, pattern string) (string, []string) {
	t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(abs, "*", pattern))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no configuration matches %s/*/%s", abs, pattern)
	}
	slices.Sort(files)
	return abs, files
}

func collectOne(t testing.TB, dir, path string, opts map[string]any) (evidence.Document, netconfig.Device, error) {
	t.Helper()
	doc, err := netconfig.New().Collect(context.Background(), newSource(dir, []string{path}, opts))
	if err != nil {
		return doc, netconfig.Device{}, err
	}
	var data netconfig.Data
	if err := json.Unmarshal(doc.Data, &data); err != nil {
		t.Fatal(err)
	}
	if len(data.Devices) != 1 {
		t.Fatalf("%d devices, want 1", len(data.Devices))
	}
	return doc, data.Devices[0], nil
}

func newSource(dir string, files []string, opts map[string]any) evidence.Source {
	return evidence.Source{Kind: netconfig.Kind, Name: "net", Dir: dir, Files: files, Options: opts,
		FingerprintKey: []byte("0123456789abcdef0123456789abcdef"),
		Zones: []evidence.Zone{
			{Name: "control", Networks: []netip.Prefix{netip.MustParsePrefix("10.10.0.0/24")}, VLANs: []int{10, 110}},
			{Name: "dmz", Networks: []netip.Prefix{netip.MustParsePrefix("10.20.0.0/24")}, VLANs: []int{20}},
			{Name: "management", Networks: []netip.Prefix{netip.MustParsePrefix("10.99.0.0/24")}},
		}}
}

// TestCorpus reads every committed corpus configuration: no error, the
// vendor detected is the directory's, and the golden model matches.
func TestCorpus(t *testing.T) {
	checkCorpus(t, corpusFiles)
}

func checkCorpus(t *testing.T, files func(*testing.T) (string, []string)) {
	dir, paths := files(t)
	for _, path := range paths {
		vendor := filepath.Base(filepath.Dir(path))
		name := vendor + "__" + filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			doc, dev, err := collectOne(t, dir, path, nil)
			if err != nil {
				t.Fatal(err)
			}
			if dev.Vendor != vendor {
				t.Errorf("vendor %q detected, want %q", dev.Vendor, vendor)
			}
			if dev.Hostname == "" && vendor != netconfig.VendorJunos {
				t.Errorf("no hostname")
			}
			checkLines(t, dev)
			checkGolden(t, filepath.Join("testdata", "golden", "shared", name+".json"), doc)
		})
	}
}

// secretPatterns find the secrets in a configuration: each match's first
// group is a string that must not reach the evidence.
var secretPatterns = []*regexp.Regexp{
	regexp.MustCompile(`(?m)(?:secret|password|key)(?: (?:level \d+|sha512|[0-9]))? "?(\S{4,}?)"?(?: |;|$)`),
	regexp.MustCompile(`(?m)(?:password|secret) (?:\d )?(\S{4,})(?: |$)`),
	regexp.MustCompile(`(?m)snmp-server community (\S+)`),
	regexp.MustCompile(`(?m)snmp-server host \S+(?: \S+)*? (?:version (?:1|2c) |community )(\S+)`),
	regexp.MustCompile(`(?m)snmp-agent community (?:read|write) (?:simple |cipher )?(\S+)`),
	regexp.MustCompile(`(?m)snmp community "?([^"\s;{]+)`),
	regexp.MustCompile(`(?m)encrypted-password "?([^"\s;]+)`),
	regexp.MustCompile(`(?m)(?:secret|authentication-key|pre-shared-key ascii-text|ascii-text) "?([^"\s;]+)`),
	regexp.MustCompile(`(?m)(?:cipher|simple) (\S{4,})`),
	regexp.MustCompile(`(?m)(?:pre-shared-key|key-string|ikev1 pre-shared-key|ikev2 (?:local|remote)-authentication pre-shared-key) (?:\d )?(\S{4,})`),
	regexp.MustCompile(`(\$[0-9a-z]+\$[^\s";]{6,})`),
	regexp.MustCompile(`(?m)passwd (\S+)`),
	regexp.MustCompile(`(?m)\S*password (?:hmac-md5 )?(?:encrypted |7 |0 )?(\S{4,})`),
	regexp.MustCompile(`(?m) community (\S+)`),
}

// notSecrets are words the loose patterns above catch that are keywords,
// not secrets, and legitimately appear in the model.
var notSecrets = map[string]bool{"none": true, "local": true, "enable": true, "encrypted": true, "default": true,
	"group": true, "view": true, "version": true, "level": true, "authentication": true, "secret": true,
	"password": true, "recovery": true, "admin": true,
	"sha512": true, "method": true, "time": true, "read": true, "cipher": true, "write": true, "simple": true, "hmac-md5": true, "mode": true,
	"read-write": true, "read-only": true, "strength-check": true, "ascii-text": true, "hexadecimal": true}

// TestNoSecretsInEvidence greps the canonical document of every corpus
// configuration for every secret string in that configuration.
func TestNoSecretsInEvidence(t *testing.T) {
	checkNoSecrets(t, corpusFiles)
}

func checkNoSecrets(t *testing.T, files func(*testing.T) (string, []string)) {
	dir, paths := files(t)
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc, _, err := collectOne(t, dir, path, nil)
			if err != nil {
				t.Fatal(err)
			}
			canon, err := evidence.Canonical(doc)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, s := range findSecrets(string(raw)) {
				n++
				if containsToken(canon, s) {
					t.Errorf("secret %q from the configuration is in the evidence", s)
				}
			}
			t.Logf("%d secret strings checked: %q", n, findSecrets(string(raw)))
		})
	}
}

func findSecrets(text string) []string {
	var out []string
	for _, re := range secretPatterns {
		for _, m := range re.FindAllStringSubmatch(text, -1) {
			s := strings.Trim(m[1], `"';`)
			if len(s) < 4 || notSecrets[strings.ToLower(s)] {
				continue
			}
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// checkLines asserts that every record read from the file names its line.
func checkLines(t *testing.T, d netconfig.Device) {
	t.Helper()
	bad := func(what string, line int) {
		if line <= 0 {
			t.Errorf("%s has no line", what)
		}
	}
	for _, x := range d.Users {
		bad("user "+x.Name, x.Line)
		bad("password of "+x.Name, x.Password.Line)
	}
	for _, x := range d.Interfaces {
		bad("interface "+x.Name, x.Line)
		for _, a := range x.Addresses {
			bad("address "+a.Prefix, a.Line)
		}
	}
	for _, x := range d.ACLs {
		bad("acl "+x.Name, x.Line)
		for _, e := range x.Entries {
			bad("entry of "+x.Name, e.Line)
		}
	}
	for _, x := range d.VLANs {
		bad("vlan", x.Line)
	}
	for _, x := range d.Management.Lines {
		bad("line "+x.Name, x.Line)
	}
	for _, x := range d.SNMP.Communities {
		bad("community", x.Line)
	}
	for _, x := range d.SNMP.V3Users {
		bad("snmp user", x.Line)
	}
	for _, x := range d.SNMP.TrapHosts {
		bad("trap host", x.Line)
	}
	for _, x := range d.Logging.Hosts {
		bad("log host", x.Line)
	}
	for _, x := range d.NTP.Servers {
		bad("ntp server", x.Line)
	}
	for _, x := range d.AAA.Servers {
		bad("aaa server", x.Line)
	}
	for _, x := range d.Routing.Protocols {
		bad("routing protocol", x.Line)
	}
	if d.EnableSecret != nil {
		bad("enable secret", d.EnableSecret.Line)
	}
	if d.Banner.Present {
		bad("banner", d.Banner.Line)
	}
	if d.Hostname != "" {
		bad("hostname", d.HostnameLine)
	}
	for _, s := range []netconfig.Service{d.Management.Telnet, d.Management.HTTP, d.Management.HTTPS} {
		if s.Enabled {
			bad("management service", s.Line)
		}
	}
}

// containsToken reports whether s occurs in out as a whole token, not as
// part of a longer name ("public" in a VLAN named "public-eth").
func containsToken(out []byte, s string) bool {
	re := regexp.MustCompile(`(^|[^A-Za-z0-9_.\-])` + regexp.QuoteMeta(s) + `($|[^A-Za-z0-9_.\-])`)
	return re.Match(out)
}
