package netconfig_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/collectors/netconfig"
	"github.com/slate-ot/slate/evidence"
)

// TestCommunityRestriction reads who may use an SNMP community. Syntax:
// IOS "snmp-server community STRING RO|RW [ACL]" (Cisco IOS SNMP command
// reference), NX-OS "snmp-server community STRING group G use-ipv4acl ACL"
// (Nexus 9000 System Management guide), Junos "snmp community C clients
// PREFIX" (Junos SNMP guide), and the ASA, which answers SNMP requests
// only from the managers "snmp-server host IF ADDR [poll|trap] [community
// C] [version V]" or "snmp-server host-group IF OBJ ..." names ("Use of
// the snmp-server host command creates an ASA rule to allow incoming SNMP
// traffic", Cisco ASA Series CLI Configuration Guide, Configuring SNMP);
// host lines with trap only receive notifications.
func TestCommunityRestriction(t *testing.T) {
	type comm struct {
		Access     string
		ACL        string
		Restricted bool
		Hosts      []string
	}
	tests := []struct {
		name, vendor, text string
		want               []comm
	}{
		{"ios acl defined", netconfig.VendorIOS,
			"access-list 10 permit 10.10.0.5\nsnmp-server community n0tDefault RO 10\n",
			[]comm{{"ro", "10", true, []string{}}}},
		{"ios acl undefined", netconfig.VendorIOS,
			"snmp-server community n0tDefault RW 10\n",
			[]comm{{"rw", "10", false, []string{}}}},
		{"ios named acl", netconfig.VendorIOS,
			"ip access-list standard NMS\n permit 10.10.0.5\nsnmp-server community n0tDefault RO NMS\n",
			[]comm{{"ro", "NMS", true, []string{}}}},
		{"ios no acl", netconfig.VendorIOS,
			"snmp-server community public RO\n",
			[]comm{{"ro", "", false, []string{}}}},
		{"nxos use-ipv4acl", netconfig.VendorNXOS,
			"ip access-list NMS\n  10 permit ip 10.10.0.5/32 any\nsnmp-server community n0tDefault group network-operator\nsnmp-server community n0tDefault use-ipv4acl NMS\n",
			[]comm{{"ro", "", false, []string{}}, {"ro", "NMS", true, []string{}}}},
		{"junos clients", netconfig.VendorJunos,
			"set snmp community n0tDefault authorization read-only\nset snmp community n0tDefault clients 10.10.0.5/32\n",
			[]comm{{"ro", "clients", true, []string{}}}},
		{"junos open", netconfig.VendorJunos,
			"set snmp community n0tDefault authorization read-write\n",
			[]comm{{"rw", "", false, []string{}}}},
		{"asa host polls", netconfig.VendorASA,
			"ASA Version 9.16(4)\nsnmp-server host control 10.30.0.10 community n0tDefault version 2c\nsnmp-server host control 10.30.0.11 trap community n0tDefault\nsnmp-server community n0tDefault\n",
			[]comm{{"ro", "", true, []string{"10.30.0.10"}}}},
		{"asa global community for hosts without one", netconfig.VendorASA,
			"ASA Version 9.16(4)\nsnmp-server host inside 10.30.0.12 poll\nsnmp-server host-group inside NMS-NET poll\nsnmp-server community n0tDefault\n",
			[]comm{{"ro", "", true, []string{"10.30.0.12", "NMS-NET"}}}},
		{"asa no poller", netconfig.VendorASA,
			"ASA Version 9.16(4)\nsnmp-server host inside 10.30.0.11 trap\nsnmp-server community n0tDefault\n",
			[]comm{{"ro", "", true, []string{}}}},
		{"asa host-line community only", netconfig.VendorASA,
			"ASA Version 9.16(4)\nsnmp-server host inside 10.30.0.10 community 0 0nlyHere-Kx7q version 2c\n",
			[]comm{{"ro", "", true, []string{"10.30.0.10"}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := parse(t, tc.vendor, tc.text)
			var got []comm
			for _, c := range d.SNMP.Communities {
				got = append(got, comm{c.Access, c.ACL, c.Restricted, c.Hosts})
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("communities (-want +got):\n%s", diff)
			}
		})
	}
	// The community of a host line is recorded by fingerprint, never in
	// clear.
	d := parse(t, netconfig.VendorASA, "ASA Version 9.16(4)\nsnmp-server host inside 10.30.0.10 community 0 0nlyHere-Kx7q version 2c\n")
	if want := evidence.Fingerprint(newSource("", nil, nil).FingerprintKey, []byte("0nlyHere-Kx7q"), false); want == "" || d.SNMP.Communities[0].Fingerprint != want {
		t.Errorf("fingerprint %s, want %s", d.SNMP.Communities[0].Fingerprint, want)
	}
}

// TestPasswordPolicy reads the strength rules for new passwords. Syntax:
// IOS "security passwords min-length N" (Cisco IOS Security Command
// Reference) and "aaa common-criteria policy NAME" with min-length,
// upper-case, lower-case, numeric-count and special-case, bound to users
// by "username U common-criteria-policy NAME" (Cisco "Password Strength
// and Management for Common Criteria"); ASA "password-policy
// minimum-length|minimum-uppercase|minimum-lowercase|minimum-numeric|
// minimum-special N" (ASA CLI guide, Managing User Passwords); NX-OS
// "password strength-check", on by default: eight characters, upper and
// lower case and digits (NX-OS Security Configuration Guide; CIS NX-OS
// benchmark); Junos "system login password minimum-length N",
// "change-type character-sets", "minimum-changes N" and the per-class
// minimums, six characters and one change by default (Junos "Special
// Requirements for Plain-Text Passwords").
func TestPasswordPolicy(t *testing.T) {
	tests := []struct {
		name, vendor, text string
		want               netconfig.PwPolicy
	}{
		{"ios none", netconfig.VendorIOS, "hostname r1\n", netconfig.PwPolicy{}},
		{"ios min-length", netconfig.VendorIOS, "security passwords min-length 10\n",
			netconfig.PwPolicy{Enforced: true, MinLength: 10, Setting: "security passwords min-length 10", Line: 1}},
		{"ios common criteria", netconfig.VendorIOS,
			"aaa new-model\naaa common-criteria policy PW\n min-length 12\n max-length 64\n upper-case 1\n lower-case 1\n numeric-count 1\n special-case 1\n" +
				"username admin common-criteria-policy PW privilege 15 secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0Rxk\n",
			netconfig.PwPolicy{Enforced: true, MinLength: 12, CharClasses: 4, Setting: "aaa common-criteria policy PW", Line: 2}},
		{"ios common criteria no user", netconfig.VendorIOS,
			"aaa new-model\naaa common-criteria policy PW\n min-length 12\n",
			netconfig.PwPolicy{}},
		{"ios both", netconfig.VendorIOS,
			"security passwords min-length 8\naaa new-model\naaa common-criteria policy PW\n min-length 6\n upper-case 1\n numeric-count 2\n" +
				"username op common-criteria-policy PW password 0 x\n",
			netconfig.PwPolicy{Enforced: true, MinLength: 8, CharClasses: 2, Setting: "security passwords min-length 8; aaa common-criteria policy PW", Line: 1}},
		{"asa", netconfig.VendorASA,
			"ASA Version 9.16(4)\npassword-policy minimum-length 12\npassword-policy minimum-uppercase 1\npassword-policy minimum-numeric 1\npassword-policy lifetime 180\n",
			netconfig.PwPolicy{Enforced: true, MinLength: 12, CharClasses: 2, Setting: "password-policy minimum-length 12; password-policy minimum-uppercase 1; password-policy minimum-numeric 1", Line: 2}},
		{"nxos default", netconfig.VendorNXOS, "feature ssh\n",
			netconfig.PwPolicy{Enforced: true, MinLength: 8, CharClasses: 3, Setting: "password strength-check (NX-OS default)"}},
		{"nxos off", netconfig.VendorNXOS, "feature ssh\nno password strength-check\n",
			netconfig.PwPolicy{Setting: "no password strength-check", Line: 2}},
		{"junos default", netconfig.VendorJunos, "set system host-name r1\n",
			netconfig.PwPolicy{Enforced: true, MinLength: 6, CharClasses: 2, Setting: "Junos default (minimum-length 6, minimum-changes 1)"}},
		{"junos character sets", netconfig.VendorJunos,
			"set system login password minimum-length 14\nset system login password change-type character-sets\nset system login password minimum-changes 3\n",
			netconfig.PwPolicy{Enforced: true, MinLength: 14, CharClasses: 3, Setting: "password minimum-length 14; password change-type character-sets; password minimum-changes 3", Line: 1}},
		{"junos per class", netconfig.VendorJunos,
			"set system login password minimum-length 10\nset system login password minimum-upper-cases 1\nset system login password minimum-numerics 1\nset system login password minimum-punctuations 1\n",
			netconfig.PwPolicy{Enforced: true, MinLength: 10, CharClasses: 3, Setting: "password minimum-length 10; password minimum-upper-cases 1; password minimum-numerics 1; password minimum-punctuations 1", Line: 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := parse(t, tc.vendor, tc.text)
			if diff := cmp.Diff(tc.want, d.PasswordPolicy); diff != "" {
				t.Errorf("password policy (-want +got):\n%s", diff)
			}
		})
	}
}

// TestTrapSeverity reads the level a device sends to its log servers.
// Syntax: IOS, IOS-XR and EOS "logging trap LEVEL", informational by
// default (Cisco IOS Configuration Fundamentals, logging trap); ASA
// "logging trap LEVEL", nothing sent without it or without "logging
// enable" (ASA CLI guide, Logging); NX-OS "logging server HOST [0-7]",
// 5 (notifications) by default (NX-OS System Management guide, Configuring
// System Message Logging); Junos "syslog host HOST FACILITY LEVEL" (Junos
// System Log Messages guide).
func TestTrapSeverity(t *testing.T) {
	type sev struct {
		Severity int
		Known    bool
		Line     int
	}
	tests := []struct {
		name, vendor, text string
		want               sev
	}{
		{"ios default", netconfig.VendorIOS, "logging host 10.10.0.20\n", sev{6, true, 0}},
		{"ios warnings", netconfig.VendorIOS, "logging host 10.10.0.20\nlogging trap warnings\n", sev{4, true, 2}},
		{"ios number", netconfig.VendorIOS, "logging trap 7\nlogging 10.10.0.20\n", sev{7, true, 1}},
		{"asa", netconfig.VendorASA, "ASA Version 9.16(4)\nlogging enable\nlogging trap warnings\nlogging host control 10.30.0.10\n", sev{4, true, 3}},
		{"asa no trap", netconfig.VendorASA, "ASA Version 9.16(4)\nlogging enable\nlogging host control 10.30.0.10\n", sev{-1, true, 0}},
		{"asa not enabled", netconfig.VendorASA, "ASA Version 9.16(4)\nlogging trap informational\nlogging host control 10.30.0.10\n", sev{-1, true, 0}},
		{"nxos default", netconfig.VendorNXOS, "logging server 10.10.0.20 use-vrf management\n", sev{5, true, 1}},
		{"nxos level", netconfig.VendorNXOS, "logging server 10.10.0.20 6 use-vrf management\nlogging server 10.10.0.21 3\n", sev{6, true, 1}},
		{"junos", netconfig.VendorJunos, "set system syslog host 10.10.0.20 any notice\nset system syslog host 10.10.0.20 authorization info\n", sev{6, true, 2}},
		{"junos none", netconfig.VendorJunos, "set system syslog host 10.10.0.20 structured-data\n", sev{-1, true, 0}},
		{"comware not read", netconfig.VendorComware, "#\n info-center loghost 10.10.0.20\n#\nreturn\n", sev{0, false, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := parse(t, tc.vendor, tc.text).Logging
			if diff := cmp.Diff(tc.want, sev{l.TrapSeverity, l.TrapSeverityKnown, l.TrapSeverityLine}); diff != "" {
				t.Errorf("trap severity (-want +got):\n%s", diff)
			}
		})
	}
}
