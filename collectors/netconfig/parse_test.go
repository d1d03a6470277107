package netconfig_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/slate-ot/slate/collectors/collectortest"
	"github.com/slate-ot/slate/collectors/netconfig"
	"github.com/slate-ot/slate/evidence"
)

func parse(t *testing.T, vendor, text string) netconfig.Device {
	t.Helper()
	d, err := netconfig.ParseDevice(newSource("/x", nil, nil), "dev.cfg", []byte(text), vendor)
	if err != nil {
		t.Fatalf("ParseDevice: %v", err)
	}
	return d
}

func TestDetect(t *testing.T) {
	tests := []struct{ text, want string }{
		{"version 15.2\nservice timestamps log datetime\nhostname r1\n", netconfig.VendorIOS},
		{": Saved\nASA Version 9.8(4)\nhostname fw\n", netconfig.VendorASA},
		{"version 9.3(8)\nfeature ssh\nfeature lldp\nhostname n9k\n", netconfig.VendorNXOS},
		{"!! IOS XR Configuration 7.3.2\nhostname xr\n", netconfig.VendorIOSXR},
		{"! device: sw1 (DCS-7050, EOS-4.28.3M)\nhostname sw1\n", netconfig.VendorEOS},
		{"#\n sysname sw\n#\nreturn\n", netconfig.VendorComware},
		{"set system host-name r1\nset interfaces ge-0/0/0 unit 0\n", netconfig.VendorJunos},
		{"system {\n    host-name r1;\n}\n", netconfig.VendorJunos},
		{"hello world\nthis is not a config\n", ""},
	}
	for _, tc := range tests {
		if got := netconfig.Detect([]byte(tc.text)); got != tc.want {
			t.Errorf("Detect(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestPasswordClasses(t *testing.T) {
	tests := []struct {
		vendor, line, class, strength string
	}{
		{netconfig.VendorIOS, "username a password 0 x1", "plaintext", netconfig.StrengthPlaintext},
		{netconfig.VendorIOS, "username a password x1", "plaintext", netconfig.StrengthPlaintext},
		{netconfig.VendorIOS, "username a password 7 0822455D0A16", "cisco_type7", netconfig.StrengthReversible},
		{netconfig.VendorIOS, "username a secret 5 $1$abcd$0123456789abcdef", "md5_type5", netconfig.StrengthWeak},
		{netconfig.VendorIOS, "username a secret 4 tnhtc92DXBhelxjYk8LWJrPV36S2i4ntXrpb4RFmfqY", "sha256_type4", netconfig.StrengthWeak},
		{netconfig.VendorIOS, "username a secret 8 $8$dsYGNam3K1SIJO$7nv/35M/qr6t.dVc7UY9zrJDWRVqncHub1PE9UlMQFs", "sha256_type8", netconfig.StrengthStrong},
		{netconfig.VendorIOS, "username a privilege 15 secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0Rxk", "scrypt_type9", netconfig.StrengthStrong},
		{netconfig.VendorEOS, "username a privilege 15 role network-admin secret sha512 $6$abc$def", "sha512_crypt", netconfig.StrengthStrong},
		{netconfig.VendorEOS, "username a privilege 15 role network-admin nopassword", "none", netconfig.StrengthNone},
		{netconfig.VendorNXOS, "username admin password 5 $5$abc$def role network-admin", "sha256_crypt", netconfig.StrengthStrong},
		{netconfig.VendorASA, "username a password 2KFQnbNIdI.2KYOU encrypted privilege 15", "asa_md5", netconfig.StrengthWeak},
		{netconfig.VendorASA, "username a password $sha512$5000$abc pbkdf2 privilege 15", "asa_pbkdf2", netconfig.StrengthStrong},
		{netconfig.VendorJunos, `set system login user a authentication encrypted-password "$1$ab$cd"`, "junos_md5", netconfig.StrengthWeak},
		{netconfig.VendorJunos, `set system login user a authentication encrypted-password "$6$ab$cd"`, "junos_sha512", netconfig.StrengthStrong},
		{netconfig.VendorJunos, `set system login user a authentication encrypted-password "$9$abcd"`, "junos_type9", netconfig.StrengthReversible},
		{netconfig.VendorComware, "local-user a\n password cipher $c$3$abcd", "comware_cipher", netconfig.StrengthReversible},
		{netconfig.VendorComware, "local-user a\n password simple abcd", "plaintext", netconfig.StrengthPlaintext},
		{netconfig.VendorComware, "local-user a\n password hash $h$6$abcd", "comware_hash", netconfig.StrengthStrong},
	}
	for _, tc := range tests {
		t.Run(tc.vendor+"/"+tc.line, func(t *testing.T) {
			d := parse(t, tc.vendor, tc.line+"\n")
			if len(d.Users) != 1 {
				t.Fatalf("%d users, want 1", len(d.Users))
			}
			got := d.Users[0].Password
			line := strings.Count(tc.line, "\n") + 1 // the password line
			if got.Class != tc.class || got.Strength != tc.strength || got.Line != line {
				t.Errorf("password = %+v, want class %s strength %s line %d", got, tc.class, tc.strength, line)
			}
		})
	}
}

func TestManagementPlane(t *testing.T) {
	type mgmt struct {
		SSH, Telnet, HTTP, HTTPS bool
	}
	tests := []struct {
		name, vendor, text string
		want               mgmt
	}{
		{"ios vty default transport", netconfig.VendorIOS, "line vty 0 4\n password 7 0822455D0A16\n login\n", mgmt{Telnet: true}},
		{"ios vty login without password", netconfig.VendorIOS, "line vty 0 4\n login\n transport input telnet\n", mgmt{}},
		{"ios vty no login", netconfig.VendorIOS, "line vty 0 4\n no login\n transport input telnet\n", mgmt{Telnet: true}},
		{"ios no aaa new-model", netconfig.VendorIOS, "no aaa new-model\nline vty 0 4\n transport input all\n", mgmt{}},
		{"ios aaa", netconfig.VendorIOS, "aaa new-model\nline vty 0 4\n transport input all\n", mgmt{Telnet: true}},
		{"ios ssh only", netconfig.VendorIOS, "ip ssh version 2\nno ip http server\nline vty 0 4\n transport input ssh\n", mgmt{SSH: true}},
		{"ios http", netconfig.VendorIOS, "ip http server\nip http secure-server\nline vty 0 4\n transport input none\n", mgmt{HTTP: true, HTTPS: true}},
		{"nxos telnet feature", netconfig.VendorNXOS, "feature telnet\n", mgmt{SSH: true, Telnet: true}},
		{"nxos no ssh", netconfig.VendorNXOS, "no feature ssh\n", mgmt{}},
		{"asa", netconfig.VendorASA, "telnet 10.0.0.0 255.0.0.0 inside\nssh 10.0.0.0 255.0.0.0 inside\nhttp server enable\n", mgmt{SSH: true, Telnet: true, HTTPS: true}},
		{"eos api http", netconfig.VendorEOS, "management api http-commands\n   protocol http\n   no shutdown\nmanagement telnet\n   no shutdown\n", mgmt{SSH: true, Telnet: true, HTTP: true, HTTPS: true}},
		{"eos ssh shut", netconfig.VendorEOS, "management ssh\n   shutdown\n", mgmt{}},
		{"xr", netconfig.VendorIOSXR, "ssh server v2\ntelnet vrf default ipv4 server max-servers 5\n", mgmt{SSH: true, Telnet: true}},
		{"junos set", netconfig.VendorJunos, "set system services ssh\nset system services telnet\nset system services web-management http interface fxp0.0\n", mgmt{SSH: true, Telnet: true, HTTP: true}},
		{"junos braces", netconfig.VendorJunos, "system {\n  services {\n    ssh;\n    web-management {\n      https;\n    }\n  }\n}\n", mgmt{SSH: true, HTTPS: true}},
		{"comware", netconfig.VendorComware, " telnet server enable\n ssh server enable\n ip http enable\n", mgmt{SSH: true, Telnet: true, HTTP: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := parse(t, tc.vendor, tc.text)
			m := d.Management
			got := mgmt{m.SSH.Enabled, m.Telnet.Enabled, m.HTTP.Enabled, m.HTTPS.Enabled}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			for _, s := range []netconfig.Service{m.Telnet, m.HTTP, m.HTTPS} {
				if s.Enabled && s.Line == 0 {
					t.Errorf("enabled service without a line: %+v", s)
				}
			}
		})
	}
}

func TestVTYLines(t *testing.T) {
	d := parse(t, netconfig.VendorIOS, "aaa new-model\nline con 0\n exec-timeout 0 0\nline vty 0 4\n access-class MGMT in\n exec-timeout 5 30\n transport input ssh\n login local\nline vty 5 15\n")
	want := []netconfig.TermLine{
		{Kind: "console", Name: "con 0", TransportInput: []string{}, ExecTimeout: 0, Login: "local", LoginList: "default", Line: 2},
		{Kind: "vty", Name: "vty 0 4", TransportInput: []string{"ssh"}, AccessClass: "MGMT", ExecTimeout: 330, Login: "local", LoginList: "default", Line: 4},
		{Kind: "vty", Name: "vty 5 15", TransportInput: []string{"default"}, ExecTimeout: 600, ExecTimeoutDefault: true, Login: "local", LoginList: "default", TelnetLogin: true, Line: 9},
	}
	if diff := cmp.Diff(want, d.Management.Lines); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestSNMP(t *testing.T) {
	d := parse(t, netconfig.VendorIOS, "snmp-server community public RO\nsnmp-server community n0tDefault-Kx7 RW 99\nsnmp-server community n0tDefault-Kx7 view V ro\n"+
		"snmp-server user u1 G v3 auth sha x priv aes 128 y\nsnmp-server user u2 G v3\nsnmp-server host 10.0.0.9 version 2c n0tDefault-Kx7\n")
	key := newSource("", nil, nil).FingerprintKey
	fp := evidence.Fingerprint(key, []byte("n0tDefault-Kx7"), false)
	want := netconfig.SNMP{
		Communities: []netconfig.Community{
			// A default is classed, never fingerprinted.
			{Strength: "default", Access: "ro", Default: true, Hosts: []string{}, Line: 1},
			// ACL 99 is not defined: the community is not restricted.
			{Strength: "long", Fingerprint: fp, Access: "rw", ACL: "99", Hosts: []string{}, Line: 2},
			{Strength: "long", Fingerprint: fp, Access: "ro", Hosts: []string{}, Line: 3},
		},
		V3Users:   []netconfig.SNMPUser{{Name: "u1", Level: "priv", Line: 4}, {Name: "u2", Level: "noauth", Line: 5}},
		TrapHosts: []netconfig.TrapHost{{Address: "10.0.0.9", Version: "2c", Line: 6}},
	}
	if diff := cmp.Diff(want, d.SNMP); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestInterfacesAndACLs(t *testing.T) {
	d := parse(t, netconfig.VendorNXOS, "feature ssh\ninterface Ethernet1/1\n  switchport\n  switchport mode access\n  switchport access vlan 10\n  shutdown\n"+
		"interface Vlan20\n  ip address 10.20.0.1/24\n  ip access-group EDGE in\nip access-list EDGE\n  10 permit tcp any host 10.10.0.5 eq 502\n  20 deny ip any any\n")
	if len(d.Interfaces) != 2 {
		t.Fatalf("%d interfaces", len(d.Interfaces))
	}
	e1, v20 := d.Interfaces[0], d.Interfaces[1]
	if e1.Mode != "access" || e1.AccessVLAN != 10 || e1.Zone != "control" || e1.ZoneSource != "vlan" || !e1.Shutdown || e1.Spare {
		t.Errorf("Ethernet1/1 = %+v", e1)
	}
	if v20.ACLIn != "EDGE" || v20.Zone != "dmz" || len(v20.Addresses) != 1 || v20.Addresses[0].Prefix != "10.20.0.1/24" {
		t.Errorf("Vlan20 = %+v", v20)
	}
	want := []netconfig.ACL{{Name: "EDGE", Type: "extended", EndsInDeny: true, AppliedTo: []string{"Vlan20 in"}, Line: 10, Entries: []netconfig.Entry{
		{Action: "permit", Protocol: "tcp", Src: "any", Dst: "10.10.0.5/32", DstPorts: "eq 502", Line: 11},
		{Action: "deny", Protocol: "ip", Src: "any", Dst: "any", Line: 12},
	}}}
	if diff := cmp.Diff(want, d.ACLs, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestJunosSetAndBracesAgree(t *testing.T) {
	braces := `system {
    host-name r1;
    syslog {
        host 10.0.0.1 {
            any any;
        }
    }
    ntp {
        server 10.0.0.2;
    }
}
interfaces {
    ge-0/0/0 {
        unit 0 {
            family inet {
                filter {
                    input F;
                }
                address 10.10.0.1/24;
            }
        }
    }
}
firewall {
    filter F {
        term a {
            then discard;
        }
    }
}
`
	set := `set system host-name r1
set system syslog host 10.0.0.1 any any
set system ntp server 10.0.0.2
set interfaces ge-0/0/0 unit 0 family inet filter input F
set interfaces ge-0/0/0 unit 0 family inet address 10.10.0.1/24
set firewall filter F term a then discard
`
	a, b := parse(t, "", braces), parse(t, "", set)
	strip := func(d netconfig.Device) netconfig.Device {
		d.ConfigLines, d.UnknownLines, d.HostnameLine = 0, 0, 0
		for i := range d.Interfaces {
			d.Interfaces[i].Line = 0
			for k := range d.Interfaces[i].Addresses {
				d.Interfaces[i].Addresses[k].Line = 0
			}
		}
		for i := range d.ACLs {
			d.ACLs[i].Line = 0
			for k := range d.ACLs[i].Entries {
				d.ACLs[i].Entries[k].Line = 0
			}
		}
		d.Logging.Hosts[0].Line, d.NTP.Servers[0].Line, d.Logging.TrapSeverityLine = 0, 0, 0
		return d
	}
	if diff := cmp.Diff(strip(a), strip(b)); diff != "" {
		t.Errorf("brace and set formats differ (-braces +set):\n%s", diff)
	}
	if !a.ACLs[0].EndsInDeny || a.Interfaces[1].ACLIn != "F" || a.Interfaces[1].Zone != "control" {
		t.Errorf("model = %+v", a)
	}
}

func TestInputErrors(t *testing.T) {
	tests := []struct {
		name, text, vendor string
		line               int
		msg                string
	}{
		{"binary", "hostname a\n\x00\x01\x02", "", 2, "binary data"},
		{"invalid utf8", "version 15.2\nhostname \xff\xfe\n", "", 2, "binary data"},
		{"empty", "\n\n", "", 0, "empty"},
		{"unknown format", "hello\nworld\n", "", 0, "unknown configuration format"},
		{"truncated banner", "version 15.2\nservice timestamps log\nbanner motd ^C\nAuthorised only\n", "", 3, "truncated"},
		{"truncated junos", "system {\n    host-name r1;\n    services {\n", "", 3, "truncated"},
		{"unbalanced junos", "system {\n}\n}\n", netconfig.VendorJunos, 3, "unbalanced"},
		{"open quote", "set system host-name \"r1\nset system ntp server 1.2.3.4\n", netconfig.VendorJunos, 1, "quoted string"},
		{"only comments", "!\n! nothing\n!\n", netconfig.VendorIOS, 0, "no configuration lines"},
	}
	dir := t.TempDir()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, "dev.cfg")
			if err := os.WriteFile(path, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			var opts map[string]any
			if tc.vendor != "" {
				opts = map[string]any{"vendor": tc.vendor}
			}
			_, err := netconfig.New().Collect(context.Background(), newSource(dir, []string{path}, opts))
			var ie *evidence.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("got %v (%T), want *evidence.InputError", err, err)
			}
			if ie.Path != "dev.cfg" || ie.Line != tc.line || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q (line %d), want dev.cfg line %d with %q", err, ie.Line, tc.line, tc.msg)
			}
		})
	}
}

func TestBadVendorOption(t *testing.T) {
	_, err := netconfig.New().Collect(context.Background(), newSource("/x", []string{"/x/a.cfg"}, map[string]any{"vendor": "cisco"}))
	if err == nil || !strings.Contains(err.Error(), "option vendor must be one of") {
		t.Errorf("got %v", err)
	}
}

func TestConformance(t *testing.T) {
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	bad := t.TempDir()
	badFile := filepath.Join(bad, "broken.cfg")
	if err := os.WriteFile(badFile, []byte("system {\n  host-name x;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	collectortest.Conformance(t, netconfig.New(), collectortest.Case{
		Good: newSource(dir, []string{
			filepath.Join(dir, "corpus", "cisco_ios", "bf_as1border1.cfg"),
			filepath.Join(dir, "fixtures", "edge_switch.comware"),
			filepath.Join(dir, "fixtures", "ot_access_switch.ios"),
			filepath.Join(dir, "fixtures", "plant_fw.junos"),
		}, nil),
		Bad: newSource(bad, []string{badFile}, nil),
	})
}

func TestLoggingNTPBanner(t *testing.T) {
	type facts struct {
		LogHosts, NTPServers []string
		NTPAuth, Banner      bool
	}
	tests := []struct {
		name, vendor, text string
		want               facts
	}{
		{"ios", netconfig.VendorIOS, "logging host 10.0.0.1\nlogging 10.0.0.2\nntp server 10.0.0.3 key 1\nntp authenticate\nbanner login ^CHi^C\n",
			facts{[]string{"10.0.0.1", "10.0.0.2"}, []string{"10.0.0.3"}, true, true}},
		{"nxos", netconfig.VendorNXOS, "logging server 10.0.0.1 6 use-vrf management\nntp server 10.0.0.3 use-vrf management\nbanner motd #Hi#\n",
			facts{[]string{"10.0.0.1"}, []string{"10.0.0.3"}, false, true}},
		{"asa", netconfig.VendorASA, "logging host inside 10.0.0.1\nntp server 10.0.0.3 source inside\nbanner login Authorised only\n",
			facts{[]string{"10.0.0.1"}, []string{"10.0.0.3"}, false, true}},
		{"eos", netconfig.VendorEOS, "logging vrf MGMT host 10.0.0.1\nntp server vrf MGMT 10.0.0.3\nbanner login\nHi\nEOF\n",
			facts{[]string{"10.0.0.1"}, []string{"10.0.0.3"}, false, true}},
		{"xr", netconfig.VendorIOSXR, "logging 10.0.0.1 vrf default\nntp\n server 10.0.0.3\n authenticate\n!\n",
			facts{[]string{"10.0.0.1"}, []string{"10.0.0.3"}, true, false}},
		{"junos", netconfig.VendorJunos, "set system syslog host 10.0.0.1 any any\nset system ntp server 10.0.0.3\nset system ntp trusted-key 1\nset system login message hi\n",
			facts{[]string{"10.0.0.1"}, []string{"10.0.0.3"}, true, true}},
		{"comware", netconfig.VendorComware, " info-center loghost 10.0.0.1\n ntp-service unicast-server 10.0.0.3\n ntp-service authentication enable\nheader motd %Hi%\n",
			facts{[]string{"10.0.0.1"}, []string{"10.0.0.3"}, true, true}},
		{"nothing", netconfig.VendorIOS, "hostname a\n", facts{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := parse(t, tc.vendor, tc.text)
			var got facts
			for _, h := range d.Logging.Hosts {
				got.LogHosts = append(got.LogHosts, h.Address)
			}
			for _, s := range d.NTP.Servers {
				got.NTPServers = append(got.NTPServers, s.Address)
			}
			got.NTPAuth, got.Banner = d.NTP.Authentication.Enabled, d.Banner.Present
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestIOSNegationsAndOldIndent: a later "no" form resets what an earlier
// line set, and older IOS writes sub-commands one space in.
func TestIOSNegationsAndOldIndent(t *testing.T) {
	type facts struct {
		PwEnc, HTTP, Telnet bool
		AAALine             int
		Login               string
		Transport           []string
	}
	tests := []struct {
		name, text string
		want       facts
	}{
		{"no service password-encryption", "service password-encryption\nno service password-encryption\n", facts{}},
		{"no ip http server", "ip http server\nno ip http server\n", facts{}},
		{"no aaa new-model", "no aaa new-model\nline vty 0 4\n password 7 0822455D0A16\n login\n", facts{Telnet: true, Login: "password", Transport: []string{"default"}}},
		{"aaa new-model", "aaa new-model\nline vty 0 4\n transport input ssh\n", facts{AAALine: 1, Login: "local", Transport: []string{"ssh"}}},
		{"one-space children", "version 12.4\nline vty 0 4\n password 0 x\n login\n transport input telnet\n", facts{Telnet: true, Login: "password", Transport: []string{"telnet"}}},
		{"tab children", "line vty 0 4\n\tno login\n\ttransport input ssh\n", facts{Login: "none", Transport: []string{"ssh"}}},
		{"login list none", "aaa new-model\naaa authentication login default group tacacs+ local\naaa authentication login OPEN none\nline vty 0 4\n login authentication OPEN\n transport input telnet\n", facts{Telnet: true, AAALine: 1, Login: "none", Transport: []string{"telnet"}}},
		{"login without password", "line vty 0 4\n login\n transport input telnet\n", facts{Login: "password_missing", Transport: []string{"telnet"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := parse(t, netconfig.VendorIOS, tc.text)
			got := facts{PwEnc: d.PasswordEncryption.Enabled, HTTP: d.Management.HTTP.Enabled, Telnet: d.Management.Telnet.Enabled, AAALine: d.AAA.Line}
			for _, l := range d.Management.Lines {
				got.Login, got.Transport = l.Login, l.TransportInput
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestVTYDefaultVersion: a vty line that names no transport records the
// platform default with the version the file names.
func TestVTYDefaultVersion(t *testing.T) {
	d := parse(t, netconfig.VendorIOS, "version 12.2\nline vty 0 4\n no login\n")
	l := d.Management.Lines[0]
	if !cmp.Equal(l.TransportInput, []string{"default"}) || l.DefaultVersion != "12.2" || !l.TelnetLogin {
		t.Errorf("got transport %v version %q telnet_login %v", l.TransportInput, l.DefaultVersion, l.TelnetLogin)
	}
}

// TestStoredSecrets: line passwords, service passwords, key chains, AAA
// keys and SNMP users are recorded by storage class, never by value.
func TestStoredSecrets(t *testing.T) {
	tests := []struct {
		name, vendor, text string
		want               []netconfig.StoredSecret
	}{
		{"vty and console passwords", netconfig.VendorIOS, "line con 0\n password 7 0822455D0A16\nline vty 0 4\n password Cl3artext\n",
			[]netconfig.StoredSecret{{Context: "line con 0", Class: "cisco_type7", Strength: "reversible", Line: 2}, {Context: "line vty 0 4", Class: "plaintext", Strength: "plaintext", Line: 4}}},
		{"aux password 0", netconfig.VendorIOS, "line aux 0\n password 0 x\n",
			[]netconfig.StoredSecret{{Context: "line aux 0", Class: "plaintext", Strength: "plaintext", Line: 2}}},
		{"ftp and http client", netconfig.VendorIOS, "ip ftp password 7 107D3D232342041E3A\nip http client password 0 s3cret\n",
			[]netconfig.StoredSecret{{Context: "ip ftp password", Class: "cisco_type7", Strength: "reversible", Line: 1}, {Context: "ip http client password", Class: "plaintext", Strength: "plaintext", Line: 2}}},
		{"key chain", netconfig.VendorIOS, "key chain OSPF\n key 1\n  key-string 7 0822455D0A16\n key 2\n  key-string Plain\n",
			[]netconfig.StoredSecret{{Context: "key chain OSPF key 1", Class: "cisco_type7", Strength: "reversible", Line: 3}, {Context: "key chain OSPF key 2", Class: "plaintext", Strength: "plaintext", Line: 5}}},
		{"aaa keys", netconfig.VendorIOS, "tacacs-server host 10.0.0.5 key 7 0822455D0A16\nradius-server key s3cret\ntacacs server T1\n address ipv4 10.0.0.6\n key 6 AAAAAAA\n",
			[]netconfig.StoredSecret{{Context: "tacacs-server host 10.0.0.5", Class: "cisco_type7", Strength: "reversible", Line: 1}, {Context: "radius-server key", Class: "plaintext", Strength: "plaintext", Line: 2}, {Context: "tacacs server T1", Class: "aes_type6", Strength: "strong", Line: 5}}},
		{"snmp users", netconfig.VendorIOS, "snmp-server user nms G v3 auth sha AuthPass priv aes 128 PrivPass\nsnmp-server user ro G v3\n",
			[]netconfig.StoredSecret{{Context: "snmp-server user nms", Class: "plaintext", Strength: "plaintext", Line: 1}}},
		{"nxos localized snmp key", netconfig.VendorNXOS, "snmp-server user admin network-admin auth md5 0x1234 priv 0x1234 localizedkey\n",
			[]netconfig.StoredSecret{{Context: "snmp-server user admin", Class: "snmp_localized_key", Strength: "weak", Line: 1}}},
		{"xr key chain", netconfig.VendorIOSXR, "key chain K\n key 1\n  key-string password 7 0822455D0A16\n",
			[]netconfig.StoredSecret{{Context: "key chain K key 1", Class: "cisco_type7", Strength: "reversible", Line: 3}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := parse(t, tc.vendor, tc.text)
			if diff := cmp.Diff(tc.want, d.StoredSecrets); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			canon, err := evidence.Canonical(d)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range []string{"Cl3artext", "s3cret", "Plain", "AuthPass", "PrivPass", "0822455D0A16"} {
				if strings.Contains(string(canon), s) {
					t.Errorf("secret %q in the model", s)
				}
			}
		})
	}
}

// TestIOSXRSecretClasses: IOS-XR "secret 5", "secret 10" and "password 7".
func TestIOSXRSecretClasses(t *testing.T) {
	d := parse(t, netconfig.VendorIOSXR, "username a\n secret 5 $1$abcd$0123456789abcdefghijkl\n!\nusername b\n secret 10 $6$salt$abcdefghijklmnop\n!\nusername c\n password 7 0822455D0A16\n!\n")
	got := map[string]string{}
	for _, u := range d.Users {
		got[u.Name] = u.Password.Class + "/" + u.Password.Strength
	}
	want := map[string]string{"a": "md5_type5/weak", "b": "sha512_type10/strong", "c": "cisco_type7/reversible"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestEOSInternalVLANRange: the internal VLAN allocation range declares
// no VLANs.
func TestEOSInternalVLANRange(t *testing.T) {
	d := parse(t, netconfig.VendorEOS, "vlan internal order ascending range 1006 1199\n!\nvlan 10\n   name CELL\n")
	var ids []int
	for _, v := range d.VLANs {
		ids = append(ids, v.ID)
	}
	if diff := cmp.Diff([]int{10}, ids); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestJunosType9Secrets: every $9$ secret is a reversible stored secret,
// in either format, named by its statement path.
func TestJunosType9Secrets(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"set", "set security ike policy P pre-shared-key ascii-text \"$9$AbCdEfGh\"\n" +
			"set system radius-server 10.0.0.1 secret \"$9$RaDiUs12\"\n" +
			"set system tacplus-server 10.0.0.2 secret \"$9$TaCaCs12\"\n" +
			"set snmp community \"$9$CoMmUnItY\" authorization read-only\n" +
			"set protocols ospf area 0.0.0.0 interface ge-0/0/0.0 authentication md5 1 key \"$9$OsPfKeY1\"\n" +
			"set system ntp authentication-key 1 type md5 value \"$9$NtPkEy12\"\n",
			[]string{
				"security ike policy P pre-shared-key ascii-text",
				"system radius-server 10.0.0.1 secret",
				"system tacplus-server 10.0.0.2 secret",
				"snmp community",
				"protocols ospf area 0.0.0.0 interface ge-0/0/0.0 authentication md5 1 key",
				"system ntp authentication-key 1 type md5 value",
			}},
		{"braces", "system {\n  radius-server {\n    10.0.0.1 secret \"$9$RaDiUs12\"; ## SECRET-DATA\n  }\n}\n",
			[]string{"system radius-server 10.0.0.1 secret"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := parse(t, netconfig.VendorJunos, tc.text)
			var got []string
			for _, s := range d.StoredSecrets {
				if s.Class != "junos_type9" || s.Strength != "reversible" || s.Line == 0 {
					t.Errorf("secret %+v", s)
				}
				got = append(got, s.Context)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			canon, _ := evidence.Canonical(d)
			if strings.Contains(string(canon), "$9$") {
				t.Errorf("a $9$ value reached the model")
			}
		})
	}
}

// TestJunosGroupsAndRanges: apply-groups inherits a group's statements
// (wildcards matched against the interfaces the file has), and
// interface-range statements apply to every member.
func TestJunosGroupsAndRanges(t *testing.T) {
	tests := []struct {
		name, text string
		check      func(t *testing.T, d netconfig.Device)
	}{
		{"top-level apply-groups", "set groups BASE system services telnet\nset groups BASE system host-name fromgroup\nset apply-groups BASE\nset system host-name local\n",
			func(t *testing.T, d netconfig.Device) {
				if !d.Management.Telnet.Enabled || d.Management.Telnet.Line != 1 {
					t.Errorf("telnet from the group: %+v", d.Management.Telnet)
				}
				if d.Hostname != "local" {
					t.Errorf("hostname %q: the local statement wins", d.Hostname)
				}
			}},
		{"group not applied", "set groups UNUSED system services telnet\n",
			func(t *testing.T, d netconfig.Device) {
				if d.Management.Telnet.Enabled {
					t.Errorf("an unapplied group enabled telnet")
				}
			}},
		{"wildcard group", "groups {\n  G {\n    interfaces {\n      <ge-*> {\n        description \"from group\";\n      }\n    }\n  }\n}\napply-groups G;\ninterfaces {\n  ge-0/0/1 {\n    unit 0;\n  }\n  xe-0/0/2 {\n    unit 0;\n  }\n}\n",
			func(t *testing.T, d netconfig.Device) {
				got := map[string]string{}
				for _, i := range d.Interfaces {
					got[i.Name] = i.Description
				}
				if got["ge-0/0/1"] != "from group" || got["xe-0/0/2"] != "" {
					t.Errorf("descriptions %v", got)
				}
			}},
		{"interface-range", "set interfaces interface-range CELL member ge-0/0/[0-2]\nset interfaces interface-range CELL member-range xe-0/0/4 to xe-0/0/5\nset interfaces interface-range CELL disable\n",
			func(t *testing.T, d netconfig.Device) {
				var got []string
				for _, i := range d.Interfaces {
					if i.Shutdown {
						got = append(got, i.Name)
					}
				}
				slices.Sort(got)
				if diff := cmp.Diff([]string{"ge-0/0/0", "ge-0/0/1", "ge-0/0/2", "xe-0/0/4", "xe-0/0/5"}, got); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
			}},
		{"interface-range braces unquoted", "interfaces {\n  interface-range R {\n    member ge-0/0/[3-4];\n    description \"spare\";\n  }\n}\n",
			func(t *testing.T, d netconfig.Device) {
				got := map[string]string{}
				for _, i := range d.Interfaces {
					got[i.Name] = i.Description
				}
				if diff := cmp.Diff(map[string]string{"ge-0/0/3": "spare", "ge-0/0/4": "spare"}, got); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.check(t, parse(t, netconfig.VendorJunos, tc.text))
		})
	}
}

// TestObjectGroupsInACLs: object and object-group operands of ACL rules
// resolve to their addresses and ports, nested groups included.
func TestObjectGroupsInACLs(t *testing.T) {
	cfg := "object network PLC1\n host 10.10.0.5\n" +
		"object-group network PLCS\n network-object object PLC1\n network-object 10.10.1.0 255.255.255.0\n group-object MORE\n" +
		"object-group network MORE\n network-object host 10.10.2.7\n group-object PLCS\n" +
		"object-group service MODBUS tcp\n port-object eq 502\n" +
		"access-list OT extended permit tcp object-group MORE object-group PLCS object-group MODBUS\n" +
		"access-list OT extended permit tcp any object UNDEFINED eq 22\n"
	d := parse(t, netconfig.VendorASA, cfg)
	if len(d.ACLs) != 1 || len(d.ACLs[0].Entries) != 2 {
		t.Fatalf("acls %+v", d.ACLs)
	}
	e := d.ACLs[0].Entries[0]
	plcs := []string{"10.10.0.5/32", "10.10.1.0 255.255.255.0", "10.10.2.7/32"}
	if diff := cmp.Diff(plcs, e.DstMembers); diff != "" {
		t.Errorf("dst (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(plcs, e.SrcMembers); diff != "" {
		t.Errorf("src (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"eq 502"}, e.DstPortMembers); diff != "" {
		t.Errorf("ports (-want +got):\n%s", diff)
	}
	if u := d.ACLs[0].Entries[1]; len(u.DstMembers) != 0 || u.Dst != "object UNDEFINED" {
		t.Errorf("undefined object: %+v", u)
	}
}

// TestSameHostnameTwoDevices: two configurations with one hostname stay
// two devices, and a warning names both files.
func TestSameHostnameTwoDevices(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for _, name := range []string{"a/sw1.cfg", "b/sw1.cfg", "c.cfg"} {
		path := filepath.Join(dir, filepath.FromSlash(name))
		host := "SW1"
		if name == "b/sw1.cfg" {
			host = "sw1"
		}
		if name == "c.cfg" {
			host = "other"
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("version 15.2\nhostname "+host+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	doc, err := netconfig.New().Collect(context.Background(), newSource(dir, files, nil))
	if err != nil {
		t.Fatal(err)
	}
	var data netconfig.Data
	if err := json.Unmarshal(doc.Data, &data); err != nil {
		t.Fatal(err)
	}
	if len(data.Devices) != 3 {
		t.Fatalf("%d devices, want 3", len(data.Devices))
	}
	want := []evidence.Warning{{File: "b/sw1.cfg", Line: 2, Message: `hostname "sw1" is also the hostname in a/sw1.cfg: read as two devices, told apart by file`}}
	if diff := cmp.Diff(want, doc.Provenance.Warnings); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestObjectGroupKinds: groups of groups, protocol, icmp-type and service
// groups (ASA service-object and IOS protocol-first entries) resolve in
// ACL rules, whether the group is the port operand or the protocol.
func TestObjectGroupKinds(t *testing.T) {
	type got struct{ Protocol, Ports []string }
	tests := []struct {
		name, vendor, cfg string
		want              got
	}{
		{
			name:   "ASA object-group group of icmp-type groups",
			vendor: netconfig.VendorASA,
			cfg: "object-group icmp-type echo_group\n description x\n icmp-object echo-reply\n icmp-object echo\n" +
				"object-group icmp-type unreachable_group\n icmp-object unreachable\n" +
				"object-group group icmp-type services\n group-object echo_group\n group-object unreachable_group\n group-object UNDEFINED\n" +
				"access-list OT extended permit icmp any any object-group services\n",
			want: got{Protocol: []string{}, Ports: []string{"echo", "echo-reply", "unreachable"}},
		},
		{
			name:   "ASA protocol group nested in a group of groups",
			vendor: netconfig.VendorASA,
			cfg: "object-group protocol proto1\n protocol-object 2\n protocol-object tcp\n" +
				"object-group protocol proto2\n protocol-object ospf\n" +
				"object-group group protocol protocols\n group-object proto1\n group-object proto2\n" +
				"access-list OT extended permit object-group protocols any any\n",
			want: got{Protocol: []string{"2", "ospf", "tcp"}, Ports: []string{}},
		},
		{
			name:   "ASA service-object with and without destination, source ignored, object reference",
			vendor: netconfig.VendorASA,
			cfg: "object service OS_DNS\n service tcp-udp destination eq domain\n" +
				"object-group service OGS1\n service-object object OS_DNS\n service-object udp destination eq 1234\n" +
				" service-object udp eq 1235              ! destination is optional\n" +
				" service-object udp source eq 3 eq 1236\n service-object tcp source eq 1024\n service-object icmp echo\n" +
				"access-list OT extended permit object-group OGS1 any any\n",
			want: got{Protocol: []string{"icmp", "tcp", "udp"}, Ports: []string{"echo", "eq 1234", "eq 1235", "eq 1236", "eq domain"}},
		},
		{
			name:   "ASA service group with a protocol, nested, as the port operand",
			vendor: netconfig.VendorASA,
			cfg: "object-group service service1 tcp-udp\n port-object eq domain\n" +
				"object-group service service3 tcp\n port-object range 2345 2445\n" +
				"object-group group service services tcp-udp\n group-object service1\n group-object service3\n" +
				"access-list OT extended permit tcp any any object-group services\n",
			want: got{Protocol: []string{}, Ports: []string{"eq domain", "range 2345 2445"}},
		},
		{
			name:   "IOS protocol group as the protocol",
			vendor: netconfig.VendorIOS,
			cfg:    "object-group protocol ogp2\n protocol-object tcp\n protocol-object udp\nip access-list extended acl\n permit object-group ogp2 any any\n",
			want:   got{Protocol: []string{"tcp", "udp"}, Ports: []string{}},
		},
		{
			name:   "IOS group entered twice gathers both",
			vendor: netconfig.VendorIOS,
			cfg:    "object-group protocol ogp4\n protocol-object udp\nobject-group protocol ogp4\n protocol-object icmp\nip access-list extended acl\n permit object-group ogp4 any any\n",
			want:   got{Protocol: []string{"icmp", "udp"}, Ports: []string{}},
		},
		{
			name:   "IOS service group entries start with the protocol",
			vendor: netconfig.VendorIOS,
			cfg:    "object-group service og-tcp\n tcp eq 65500\n tcp eq www\n icmp echo\n icmp\nip access-list extended acl\n permit object-group og-tcp any any\n",
			want:   got{Protocol: []string{"icmp", "tcp"}, Ports: []string{"echo", "eq 65500", "eq www"}},
		},
		{
			name:   "undefined group resolves to nothing",
			vendor: netconfig.VendorIOS,
			cfg:    "object-group protocol other\n protocol-object tcp\nip access-list extended acl\n permit object-group ogpundef any any\n",
			want:   got{Protocol: []string{}, Ports: []string{}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := parse(t, tc.vendor, tc.cfg)
			if len(d.ACLs) != 1 || len(d.ACLs[0].Entries) != 1 {
				t.Fatalf("acls %+v", d.ACLs)
			}
			e := d.ACLs[0].Entries[0]
			if diff := cmp.Diff(tc.want, got{Protocol: e.ProtocolMembers, Ports: e.DstPortMembers}); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if e.Src != "any" || e.Dst != "any" {
				t.Errorf("src %q dst %q, want any any", e.Src, e.Dst)
			}
		})
	}
}

// TestJunosPlaintextSecrets: a secret written in clear where Junos expects
// one is a plaintext stored secret; $9$ values are reversible; hashes keep
// their class; redaction placeholders and non-secret words are no secret.
func TestJunosPlaintextSecrets(t *testing.T) {
	tests := []struct {
		name, cfg string
		want      []netconfig.StoredSecret
	}{
		{
			name: "set: RADIUS, TACACS+ and IKE in clear",
			cfg: "set system radius-server 10.0.0.5 secret plain1\n" +
				"set system tacplus-server 10.0.0.6 secret \"$9$czBSK87-wgoG\"\n" +
				"set security ike policy p pre-shared-key ascii-text \"psk1\"\n" +
				"set security ike policy p pre-shared-key hexadecimal f00ba4\n",
			want: []netconfig.StoredSecret{
				{Context: "system radius-server 10.0.0.5 secret", Class: "plaintext", Strength: "plaintext", Line: 1},
				{Context: "system tacplus-server 10.0.0.6 secret", Class: "junos_type9", Strength: "reversible", Line: 2},
				{Context: "security ike policy p pre-shared-key ascii-text", Class: "plaintext", Strength: "plaintext", Line: 3},
				{Context: "security ike policy p pre-shared-key hexadecimal", Class: "plaintext", Strength: "plaintext", Line: 4},
			},
		},
		{
			name: "set: routing keys, NTP and SNMPv3",
			cfg: "set protocols ospf area 0.0.0.0 interface ge-0/0/0.0 authentication md5 1 key clearkey\n" +
				"set protocols ospf area 0.0.0.0 interface ge-0/0/1.0 authentication simple-password pw\n" +
				"set protocols bgp group ext authentication-key bgpkey\n" +
				"set system ntp authentication-key 1 type md5 value ntpkey\n" +
				"set snmp v3 usm local-engine user nms authentication-sha authentication-password snmppw\n",
			want: []netconfig.StoredSecret{
				{Context: "protocols ospf area 0.0.0.0 interface ge-0/0/0.0 authentication md5 1 key", Class: "plaintext", Strength: "plaintext", Line: 1},
				{Context: "protocols ospf area 0.0.0.0 interface ge-0/0/1.0 authentication simple-password", Class: "plaintext", Strength: "plaintext", Line: 2},
				{Context: "protocols bgp group ext authentication-key", Class: "plaintext", Strength: "plaintext", Line: 3},
				{Context: "system ntp authentication-key 1 type md5 value", Class: "plaintext", Strength: "plaintext", Line: 4},
				{Context: "snmp v3 usm local-engine user nms authentication-sha authentication-password", Class: "plaintext", Strength: "plaintext", Line: 5},
			},
		},
		{
			name: "brace: key chain in clear",
			cfg:  "security {\n    authentication-key-chains {\n        key-chain kc {\n            key 1 {\n                secret \"chainkey\";\n            }\n        }\n    }\n}\n",
			want: []netconfig.StoredSecret{
				{Context: "security authentication-key-chains key-chain kc key 1 secret", Class: "plaintext", Strength: "plaintext", Line: 5},
			},
		},
		{
			name: "redacted, hashed and not secrets",
			cfg: "set system tacplus-server 1.2.3.4 secret \"%CENSORED%\"\n" +
				"set security ike policy p pre-shared-key ascii-text <SCRUBBED>\n" +
				"set system radius-server 10.0.0.7 secret \"********\"\n" +
				"set system radius-server 10.0.0.8 secret \"$1$abc$def\"\n" +
				"set system ntp authentication-key 2 type md5\n" +
				"set security ipsec policy p perfect-forward-secrecy keys group2\n" +
				"set system radius-server 10.0.0.9 secret\n",
			want: []netconfig.StoredSecret{
				{Context: "system radius-server 10.0.0.8 secret", Class: "junos_md5", Strength: "weak", Line: 4},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := parse(t, netconfig.VendorJunos, tc.cfg)
			got := d.StoredSecrets
			if got == nil {
				got = []netconfig.StoredSecret{}
			}
			want := tc.want
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
