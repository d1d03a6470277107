package netconfig

import (
	"regexp"
	"strings"
)

// Vendor names, the values of the `vendor` option and of Device.Vendor.
const (
	VendorIOS     = "cisco_ios"
	VendorNXOS    = "cisco_nxos"
	VendorASA     = "cisco_asa"
	VendorIOSXR   = "cisco_iosxr"
	VendorEOS     = "arista_eos"
	VendorJunos   = "juniper_junos"
	VendorComware = "hp_comware"
)

// Vendors lists every vendor the collector reads, sorted.
var Vendors = []string{VendorEOS, VendorASA, VendorIOS, VendorIOSXR, VendorNXOS, VendorComware, VendorJunos}

// marker is a pattern that, found on a line, is evidence for a vendor.
type marker struct {
	vendor string
	weight int
	re     *regexp.Regexp
}

var markers = []marker{
	{VendorASA, 10, regexp.MustCompile(`^(: )?(ASA|PIX) Version `)},
	{VendorASA, 3, regexp.MustCompile(`^(nameif |same-security-traffic|access-group \S+ (in|out) interface )`)},
	{VendorNXOS, 4, regexp.MustCompile(`^(feature |install feature-set|vdc \S+ id )`)},
	{VendorNXOS, 2, regexp.MustCompile(`^(!Command: show running-config$|version \d+\.\d+\(\d+\)|(ntp|logging) server .* use-vrf )`)},
	{VendorIOSXR, 10, regexp.MustCompile(`^(!! IOS XR|RP/\d+/)`)},
	{VendorIOSXR, 3, regexp.MustCompile(`^(ipv4 address |end-policy$|end-set$|route-policy |interface \S+\d+/\d+/\d+/\d+|ipv4 access-list )`)},
	{VendorEOS, 10, regexp.MustCompile(`^(! device: .*EOS-|!RANCID-CONTENT-TYPE: arista)`)},
	{VendorEOS, 4, regexp.MustCompile(`^(transceiver qsfp |service routing protocols model |daemon TerminAttr|management api http-commands|switchport default mode |username \S+ .*role \S+|vrf instance |management (ssh|console|telnet)$|ip routing vrf )`)},
	{VendorIOS, 4, regexp.MustCompile(`^(boot-start-marker|boot-end-marker|version 1[0-9]\.\d+$|service timestamps |ip cef$|Building configuration)`)},
	{VendorIOS, 1, regexp.MustCompile(`^(line vty |line con 0|ip classless|no ip http server|enable secret )`)},
	{VendorComware, 10, regexp.MustCompile(`^ (sysname |version \d+\.\d+, Release )`)},
	{VendorComware, 10, regexp.MustCompile(`^return$`)},
	{VendorComware, 3, regexp.MustCompile(`^(interface Vlan-interface|user-interface |local-user |info-center |port link-type |undo )`)},
	{VendorJunos, 10, regexp.MustCompile(`^set (system|interfaces|version|protocols|security|firewall|snmp|routing-options|vlans) `)},
	{VendorJunos, 10, regexp.MustCompile(`^(system|interfaces|protocols|routing-options|security|firewall|snmp|vlans|policy-options|chassis) \{$`)},
	{VendorJunos, 3, regexp.MustCompile(`^version [0-9A-Za-z.\-]+;$`)},
}

// Detect names the vendor of a configuration from its content, looking at
// the first 400 lines, and "" when it recognises none.
func Detect(raw []byte) string {
	text := string(raw)
	scores := map[string]int{}
	n := 0
	for line := range strings.Lines(text) {
		if n++; n > 400 {
			break
		}
		l := strings.TrimRight(line, "\r\n")
		if l == "" {
			continue
		}
		// Every marker but Comware's indented ones starts at column 0:
		// most lines, being indented, need one test only.
		indented := l[0] == ' ' || l[0] == '\t'
		for _, m := range markers {
			if indented != (m.re.String()[1] == ' ') {
				continue
			}
			if m.re.MatchString(l) {
				scores[m.vendor] += m.weight
			}
		}
	}
	best, bestScore := "", 0
	for _, v := range Vendors { // sorted: ties resolve the same way every run
		if scores[v] > bestScore {
			best, bestScore = v, scores[v]
		}
	}
	if bestScore < 4 {
		return ""
	}
	return best
}

// junosSetFormat tells the "set" format from the brace format.
func junosSetFormat(raw []byte) bool {
	sets, braces := 0, 0
	for line := range strings.Lines(string(raw)) {
		t := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(t, "set "):
			sets++
		case strings.HasSuffix(t, "{") || strings.HasSuffix(t, ";"):
			braces++
		}
	}
	return sets > braces
}
