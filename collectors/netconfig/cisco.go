package netconfig

import (
	"cmp"
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// ciscoLike extracts the device model from the line tree of an
// IOS-family configuration: IOS/IOS-XE, NX-OS, ASA, IOS-XR and EOS share
// most of their syntax; the differences are switched on the vendor.
func (b *builder) ciscoLike(roots []*Node) {
	d := b.d
	v := d.Vendor
	// Vendor defaults, overridden below by what the file says.
	switch v {
	case VendorIOS, VendorNXOS:
		d.CDP = Flag{Enabled: true}
	case VendorEOS:
		d.LLDP = Flag{Enabled: true}
		d.Management.SSH = Service{Enabled: true}
	}
	if v == VendorNXOS {
		d.Management.SSH = Service{Enabled: true}
		// NX-OS checks password strength unless told not to: at least
		// eight characters mixing upper case, lower case and digits.
		d.PasswordPolicy = PwPolicy{Enforced: true, MinLength: 8, CharClasses: 3, Setting: "password strength-check (NX-OS default)"}
	}
	switch v {
	case VendorIOS, VendorIOSXR, VendorEOS:
		// These send informational and more severe messages to the log
		// servers unless "logging trap" says otherwise.
		d.Logging.TrapSeverity, d.Logging.TrapSeverityKnown = 6, true
	case VendorASA:
		// An ASA sends nothing to its log servers without "logging
		// enable" and "logging trap".
		d.Logging.TrapSeverity, d.Logging.TrapSeverityKnown = -1, true
	case VendorNXOS:
		d.Logging.TrapSeverity, d.Logging.TrapSeverityKnown = -1, true
	}
	asaLogging := false
	ccPolicies := map[string]PwPolicy{}
	var ccUsed []string
	aaaLine := 0
	noAAA := false
	loginLists := map[string][]string{} // "aaa authentication login NAME methods..."
	globalKey := map[string]bool{}      // "tacacs-server key ..." applies to every host
	var asaGroups []*Node
	for _, n := range roots {
		w, neg := words(n, "no")
		if len(w) == 0 {
			continue
		}
		n.used = true
		switch kw := w[0]; {
		case kw == "hostname" && len(w) > 1:
			d.Hostname, d.HostnameLine = strings.Trim(w[1], `"`), n.Line
		case kw == "version" && len(w) > 1 && !neg:
			d.OSVersion, d.OSVersionLine = w[1], n.Line
		case (kw == "ASA" || kw == "PIX") && len(w) > 2 && w[1] == "Version":
			d.OSVersion, d.OSVersionLine = w[2], n.Line
		case kw == "service" && len(w) > 1 && w[1] == "password-encryption":
			d.PasswordEncryption = Flag{Enabled: !neg, Line: n.Line}
		case kw == "service" && len(w) > 2 && w[1] == "timestamps" && w[2] == "log":
			d.Logging.Timestamps = Flag{Enabled: !neg, Line: n.Line}
		case kw == "enable" && len(w) > 1 && (w[1] == "secret" || w[1] == "password") && !neg:
			args := w[2:]
			if len(args) >= 2 && args[0] == "level" {
				args = args[2:]
			}
			s := ciscoSecret(v, w[1], args, n.Line)
			if d.EnableSecret == nil || w[1] == "secret" {
				d.EnableSecret = &s
			}
		case kw == "username" && len(w) > 1 && !neg:
			b.ciscoUser(w[1:], n.Line)
			// IOS-XR writes the secret and groups in a block.
			for _, c := range n.Children {
				cw := c.Words()
				if len(cw) > 1 && (cw[0] == "secret" || cw[0] == "password") {
					c.used = true
					b.ciscoUser(append([]string{w[1]}, cw...), c.Line)
				}
				if len(cw) > 1 && cw[0] == "group" {
					c.used = true
					b.ciscoUser([]string{w[1], "role", cw[1]}, c.Line)
				}
			}
			for k := 2; k+1 < len(w); k++ {
				if w[k] == "common-criteria-policy" {
					ccUsed = append(ccUsed, w[k+1])
				}
			}
		case kw == "security" && len(w) > 3 && w[1] == "passwords" && w[2] == "min-length" && !neg:
			// IOS: "security passwords min-length 10" applies to every
			// password set afterwards.
			if m, err := strconv.Atoi(w[3]); err == nil {
				p := &d.PasswordPolicy
				p.Enforced, p.MinLength = true, max(p.MinLength, m)
				p.Setting = joinSetting(p.Setting, "security passwords min-length "+w[3])
				if p.Line == 0 {
					p.Line = n.Line
				}
			}
		case kw == "password" && len(w) > 1 && w[1] == "strength-check" && v == VendorNXOS:
			if neg {
				d.PasswordPolicy = PwPolicy{Setting: "no password strength-check", Line: n.Line}
			} else {
				d.PasswordPolicy.Line = n.Line
			}
		case kw == "password-policy" && v == VendorASA && len(w) > 2 && !neg:
			asaPasswordPolicy(&d.PasswordPolicy, w, n.Line)
		case kw == "aaa" && neg && len(w) > 1 && w[1] == "new-model":
			// IOS writes "no aaa new-model" when AAA is off: the
			// lines then authenticate on their own.
			noAAA = true
		case kw == "aaa" && neg:
		case kw == "aaa":
			aaaLine = n.Line
			if d.AAA.Line == 0 {
				d.AAA.Line = n.Line
			}
			if len(w) > 3 && w[1] == "authentication" && w[2] == "login" {
				methods := w[4:]
				loginLists[w[3]] = methods
				if w[3] == "default" || len(d.AAA.LoginMethods) == 0 {
					d.AAA.LoginMethods = append([]string(nil), methods...)
				}
				for _, m := range methods {
					if m == "local" || m == "LOCAL" {
						d.AAA.LocalFallback = true
					}
				}
			}
			if len(w) > 3 && w[1] == "authentication" && w[2] == "ssh" {
				for _, m := range w[3:] {
					if m == "LOCAL" {
						d.AAA.LocalFallback = true
					}
				}
			}
			if len(w) > 3 && w[1] == "common-criteria" && w[2] == "policy" && !neg {
				ccPolicies[w[3]] = commonCriteria(n, w[3])
			}
			if len(w) > 2 && w[1] == "group" && w[2] == "server" {
				for _, c := range n.Children {
					cw := c.Words()
					if len(cw) > 1 && cw[0] == "server" {
						c.used = true
					}
				}
			}
			if v == VendorASA && len(w) > 2 && w[1] == "-server" {
				asaGroups = append(asaGroups, n)
			}
		case v == VendorASA && kw == "aaa-server" && len(w) > 3 && w[2] == "host":
			proto := "radius"
			for _, g := range asaGroups {
				gw := g.Words()
				if len(gw) > 3 && gw[1] == w[1] && strings.Contains(gw[3], "tacacs") {
					proto = "tacacs+"
				}
			}
			b.aaaServer(proto, w[3], hasKey(n), n.Line)
		case v == VendorASA && kw == "aaa-server" && len(w) > 2 && w[2] == "protocol":
			asaGroups = append(asaGroups, n)
		case (kw == "tacacs-server" || kw == "radius-server") && len(w) > 1 && w[1] == "key" && !neg:
			globalKey[kw] = true
			b.storeSecret(kw+" key", w[2:], n.Line)
		case (kw == "tacacs-server" || kw == "radius-server") && len(w) > 2 && w[1] == "host" && !neg:
			proto := "tacacs+"
			if kw == "radius-server" {
				proto = "radius"
			}
			b.aaaServer(proto, w[2], hasKey(n) || containsWord(w, "key"), n.Line)
			if k := slices.Index(w, "key"); k > 0 {
				b.storeSecret(kw+" host "+w[2], w[k+1:], n.Line)
			}
		case (kw == "tacacs" || kw == "radius") && len(w) > 2 && w[1] == "server":
			proto := "tacacs+"
			if kw == "radius" {
				proto = "radius"
			}
			for _, c := range n.Children {
				cw := c.Words()
				if len(cw) > 2 && cw[0] == "address" {
					c.used = true
					b.aaaServer(proto, cw[2], hasKey(n), c.Line)
				}
				if len(cw) > 1 && cw[0] == "key" {
					c.used = true
					b.storeSecret(kw+" server "+w[2], cw[1:], c.Line)
				}
			}
		case kw == "ip" && len(w) > 3 && w[1] == "ftp" && w[2] == "password" && !neg:
			b.storeSecret("ip ftp password", w[3:], n.Line)
		case kw == "ip" && len(w) > 4 && w[1] == "http" && w[2] == "client" && w[3] == "password" && !neg:
			b.storeSecret("ip http client password", w[4:], n.Line)
		case kw == "key" && len(w) > 2 && w[1] == "chain" && !neg:
			b.keyChain(n, w[2])
		case kw == "ip" && len(w) > 2 && w[1] == "ssh":
			d.Management.SSH.Enabled = true
			if d.Management.SSH.Line == 0 {
				d.Management.SSH.Line = n.Line
			}
			if w[2] == "version" && len(w) > 3 {
				d.Management.SSH.Version, d.Management.SSH.Line = w[3], n.Line
			}
		case kw == "crypto" && len(w) > 2 && w[1] == "key" && w[2] == "generate":
			d.Management.SSH = Service{Enabled: true, Version: d.Management.SSH.Version, Line: n.Line}
		case kw == "feature" && len(w) > 1:
			switch w[1] {
			case "telnet":
				d.Management.Telnet = Service{Enabled: !neg, Line: n.Line}
			case "ssh":
				d.Management.SSH = Service{Enabled: !neg, Version: d.Management.SSH.Version, Line: n.Line}
			case "nxapi":
				d.Management.HTTPS = Service{Enabled: !neg, Line: n.Line}
			case "lldp":
				d.LLDP = Flag{Enabled: !neg, Line: n.Line}
			case "bgp", "ospf", "eigrp", "rip", "isis", "ospfv3", "pim":
				if !neg {
					d.Routing.Protocols = append(d.Routing.Protocols, Protocol{Name: w[1], Line: n.Line})
				}
			}
		case kw == "ssh" && v == VendorASA && len(w) > 1:
			if w[1] == "version" && len(w) > 2 {
				d.Management.SSH.Version = w[2]
			} else if _, err := netip.ParseAddr(w[1]); err == nil {
				d.Management.SSH.Enabled = true
			}
			if d.Management.SSH.Line == 0 {
				d.Management.SSH.Line = n.Line
			}
		case kw == "ssh" && v == VendorIOSXR && len(w) > 1 && w[1] == "server":
			d.Management.SSH = Service{Enabled: !neg, Version: d.Management.SSH.Version, Line: n.Line}
			if len(w) > 2 && w[2] == "v2" {
				d.Management.SSH.Version = "2"
			}
		case kw == "telnet" && v == VendorASA && len(w) > 1:
			if _, err := netip.ParseAddr(w[1]); err == nil {
				d.Management.Telnet = Service{Enabled: true, Line: n.Line}
			}
		case kw == "telnet" && v == VendorIOSXR && containsWord(w, "server") && !neg:
			d.Management.Telnet = Service{Enabled: true, Line: n.Line}
		case kw == "ip" && len(w) > 2 && w[1] == "http" && (w[2] == "server" || w[2] == "secure-server"):
			s := Service{Enabled: !neg, Line: n.Line}
			if w[2] == "server" {
				d.Management.HTTP = s
			} else {
				d.Management.HTTPS = s
			}
		case kw == "http" && v == VendorASA && len(w) > 2 && w[1] == "server" && w[2] == "enable":
			d.Management.HTTPS = Service{Enabled: !neg, Line: n.Line}
		case kw == "management" && v == VendorEOS && len(w) > 1:
			b.eosManagement(n, w[1:])
		case kw == "line" && len(w) > 1:
			b.ciscoLine(n, w[1:])
		case kw == "snmp-server":
			b.ciscoSNMP(n, w[1:], neg)
		case kw == "logging" && v == VendorASA && len(w) == 2 && w[1] == "enable":
			asaLogging = !neg
		case kw == "logging" && !neg && len(w) > 1:
			b.ciscoLogging(w[1:], n.Line)
		case kw == "ntp":
			b.ciscoNTP(n, w[1:], neg)
		case kw == "banner" && len(w) > 1 && !neg:
			if w[1] == "login" || w[1] == "motd" || w[1] == "exec" || w[1] == "incoming" {
				if !d.Banner.Present || w[1] == "login" && d.Banner.Kind != "login" {
					d.Banner = Banner{Present: true, Kind: w[1], Line: n.Line}
				}
			}
		case kw == "interface" && len(w) > 1 && !neg:
			b.ciscoInterface(n, strings.Join(w[1:], ""))
		case kw == "vlan" && len(w) > 1 && w[1] == "internal":
			// EOS "vlan internal order ascending range A B" says where
			// internal VLANs are allocated from; it declares none.
		case kw == "vlan" && len(w) > 1 && !neg:
			b.ciscoVLAN(n, w[1:])
		case kw == "object-group" && len(w) > 3 && !neg && w[1] == "group" && objectKinds[w[2]]:
			// ASA "object-group group TYPE NAME": a group of groups.
			b.ciscoObject(n, kw, w[2], w[3:])
		case kw == "object-group" && len(w) > 2 && !neg && objectKinds[w[1]],
			kw == "object" && len(w) > 2 && !neg && (w[1] == "network" || w[1] == "service"):
			b.ciscoObject(n, kw, w[1], w[2:])
		case kw == "access-list" && len(w) > 2 && !neg:
			b.ciscoNumberedACL(w[1:], n.Line)
		case (kw == "ip" || kw == "ipv6" || kw == "ipv4" || kw == "mac") && len(w) > 2 && w[1] == "access-list" && !neg:
			b.ciscoNamedACL(n, kw, w[2:])
		case kw == "access-group" && v == VendorASA && len(w) > 3 && w[2] == "in" || kw == "access-group" && len(w) > 3 && w[2] == "out":
			if w[3] == "interface" && len(w) > 4 {
				b.asaAccessGroup(w[1], w[2], w[4])
			}
		case kw == "ip" && len(w) > 1 && w[1] == "route" && !neg, kw == "ipv6" && len(w) > 1 && w[1] == "route" && !neg, kw == "route" && v == VendorASA:
			d.Routing.StaticRoutes++
		case kw == "router" && len(w) > 1 && !neg:
			if w[1] == "static" {
				b.countStatic(n)
			} else {
				d.Routing.Protocols = append(d.Routing.Protocols, Protocol{Name: w[1], Line: n.Line})
			}
		case kw == "cdp" && len(w) > 1 && w[1] == "run":
			d.CDP = Flag{Enabled: !neg, Line: n.Line}
		case kw == "lldp" && len(w) > 1 && w[1] == "run":
			d.LLDP = Flag{Enabled: !neg, Line: n.Line}
		case kw == "ip" && len(w) > 2 && w[1] == "dhcp" && w[2] == "snooping":
			if len(w) == 3 || w[3] == "vlan" {
				d.DHCPSnooping = Flag{Enabled: !neg, Line: n.Line}
			}
		case kw == "ip" && len(w) > 2 && w[1] == "arp" && w[2] == "inspection":
			if len(w) > 3 && w[3] == "vlan" {
				d.ARPInspection = Flag{Enabled: !neg, Line: n.Line}
			}
		default:
			n.used = false
		}
	}
	b.resolveObjects()
	// A common-criteria policy binds only the users that name it: the
	// weakest of those is what the device enforces.
	b.applyCommonCriteria(ccPolicies, ccUsed)
	if v == VendorASA && !asaLogging {
		d.Logging.TrapSeverity, d.Logging.TrapSeverityLine = -1, 0
	}
	if v == VendorASA {
		b.asaSNMPHosts()
	}
	for k := range d.AAA.Servers {
		srv := &d.AAA.Servers[k]
		if srv.Protocol == "tacacs+" && globalKey["tacacs-server"] || srv.Protocol == "radius" && globalKey["radius-server"] {
			srv.KeySet = true
		}
	}
	if noAAA {
		d.AAA.Line, d.AAA.LoginMethods, d.AAA.LocalFallback = 0, nil, false
	}
	b.resolveLineLogins(aaaLine > 0 && !noAAA, loginLists)
	// Telnet is on when a telnet session can log in on some vty line.
	if !d.Management.Telnet.Enabled {
		for _, l := range d.Management.Lines {
			if l.Kind == "vty" && l.TelnetLogin {
				d.Management.Telnet = Service{Enabled: true, Line: l.Line}
				break
			}
		}
	}
	for _, l := range d.Management.Lines {
		if l.Kind == "vty" && containsWord(l.TransportInput, "ssh") && !d.Management.SSH.Enabled {
			d.Management.SSH.Enabled, d.Management.SSH.Line = true, l.Line
		}
	}
}

func containsWord(w []string, s string) bool {
	for _, x := range w {
		if x == s {
			return true
		}
	}
	return false
}

func hasKey(n *Node) bool {
	if containsWord(n.Words(), "key") {
		return true
	}
	for _, c := range n.Children {
		w := c.Words()
		if len(w) > 0 && (w[0] == "key" || w[0] == "pac") {
			c.used = true
			return true
		}
	}
	return false
}

func (b *builder) aaaServer(proto, addr string, key bool, line int) {
	b.d.AAA.Servers = append(b.d.AAA.Servers, AAAServer{Protocol: proto, Address: addr, KeySet: key, Line: line})
}

// ciscoUser reads "username NAME [privilege N] [role R] (password|secret) ...".
func (b *builder) ciscoUser(w []string, line int) {
	u := User{Name: w[0], Line: line, Password: secret("none", StrengthNone, line)}
	for k := 1; k < len(w); k++ {
		switch w[k] {
		case "privilege":
			if k+1 < len(w) {
				u.Privilege = w[k+1]
				k++
			}
		case "role":
			if k+1 < len(w) && u.Privilege == "" {
				u.Privilege = w[k+1]
			}
			k++
		case "password", "secret":
			u.Password = ciscoSecret(b.d.Vendor, w[k], w[k+1:], line)
			// ASA puts privilege after the password.
			for j := k + 1; j+1 < len(w); j++ {
				if w[j] == "privilege" {
					u.Privilege = w[j+1]
				}
			}
			k = len(w)
		case "nopassword":
			u.Password = secret("none", StrengthNone, line)
		}
	}
	// NX-OS and EOS repeat "username" for roles and keys: merge.
	for i := range b.d.Users {
		if b.d.Users[i].Name == u.Name {
			if u.Password.Class != "none" || b.d.Users[i].Password.Class == "none" && containsWord(w, "nopassword") {
				b.d.Users[i].Password = u.Password
			}
			if u.Privilege != "" && b.d.Users[i].Privilege == "" {
				b.d.Users[i].Privilege = u.Privilege
			}
			return
		}
	}
	b.d.Users = append(b.d.Users, u)
}

// lineAuth is what a Cisco line block says about logging in, resolved
// once the whole file is read (AAA may be turned on or off after it).
type lineAuth struct {
	index    int    // into Management.Lines
	login    string // "", "login", "no", "local", "authentication"
	list     string // the method list of "login authentication NAME"
	password bool   // the line sets a password
}

// ciscoLine reads a "line con 0" / "line vty 0 4" block.
func (b *builder) ciscoLine(n *Node, w []string) {
	kind := strings.ToLower(w[0])
	switch {
	case strings.HasPrefix(kind, "con"):
		kind = "console"
	case kind == "vty" || kind == "default" || kind == "template":
		kind = "vty"
	case kind == "aux":
	default:
		kind = "tty"
	}
	l := TermLine{Kind: kind, Name: strings.Join(w, " "), ExecTimeout: 600, ExecTimeoutDefault: true, Login: "none", Line: n.Line}
	auth := lineAuth{index: len(b.d.Management.Lines)}
	for _, c := range n.Children {
		cw := c.Words()
		if len(cw) == 0 {
			continue
		}
		c.used = true
		neg := cw[0] == "no"
		if neg {
			cw = cw[1:]
		}
		switch {
		case len(cw) > 2 && cw[0] == "transport" && cw[1] == "input":
			l.TransportInput = append([]string(nil), cw[2:]...)
		case len(cw) > 1 && cw[0] == "access-class":
			if cw[1] == "ingress" && len(cw) > 2 {
				l.AccessClass = cw[2]
			} else if cw[1] != "egress" && (len(cw) < 3 || cw[2] == "in") {
				l.AccessClass = cw[1]
			}
		case len(cw) > 1 && (cw[0] == "exec-timeout" || cw[0] == "session-timeout"):
			if cw[0] == "session-timeout" && !l.ExecTimeoutDefault {
				break
			}
			m, _ := strconv.Atoi(cw[1])
			s := 0
			if len(cw) > 2 {
				s, _ = strconv.Atoi(cw[2])
			}
			l.ExecTimeout, l.ExecTimeoutDefault = m*60+s, false
		case cw[0] == "exec-timeout" && neg:
			l.ExecTimeout, l.ExecTimeoutDefault = 0, false
		case cw[0] == "login":
			switch {
			case neg:
				auth.login = "no"
			case len(cw) > 1 && cw[1] == "local":
				auth.login = "local"
			case len(cw) > 1 && cw[1] == "authentication":
				auth.login = "authentication"
				if len(cw) > 2 {
					auth.list = cw[2]
				}
			case len(cw) == 1:
				auth.login = "login"
			}
		case cw[0] == "password" || cw[0] == "secret":
			auth.password = !neg
			if !neg {
				b.storeSecret("line "+l.Name, cw[1:], c.Line)
			}
		default:
			c.used = false
		}
	}
	if l.TransportInput == nil && kind == "vty" && b.d.Vendor == VendorIOS {
		l.TransportInput = []string{"default"}
	}
	b.d.Management.Lines = append(b.d.Management.Lines, l)
	b.lineAuths = append(b.lineAuths, auth)
}

// resolveLineLogins sets how each Cisco line authenticates, now that the
// file has said whether AAA is on and which method lists it defines.
//
// Without AAA a vty line asks for its line password ("login" is the vty
// default), and refuses every session when no password is set; "no
// login" lets anyone in; "login local" asks for a local account. With
// AAA a line uses its named method list, or "default"; a list whose first
// method is "none" authenticates no one.
func (b *builder) resolveLineLogins(aaa bool, lists map[string][]string) {
	d := b.d
	for _, a := range b.lineAuths {
		l := &d.Management.Lines[a.index]
		switch {
		case aaa:
			l.LoginList = cmp.Or(a.list, "default")
			l.Login = "aaa"
			if m, ok := lists[l.LoginList]; ok && len(m) > 0 && m[0] == "none" {
				l.Login = "none"
			}
			if _, ok := lists[l.LoginList]; !ok && l.LoginList == "default" {
				l.Login = "local" // AAA without a default list uses local accounts
			}
		case a.login == "local":
			l.Login = "local"
		case a.login == "no":
			l.Login = "none"
		case a.login == "login" || a.login == "authentication" || a.login == "" && l.Kind == "vty":
			l.Login = "password"
			if !a.password && d.Vendor == VendorIOS {
				l.Login = "password_missing"
			}
		}
		if l.Kind == "vty" && l.Login != "password_missing" {
			t := l.TransportInput
			if slices.Equal(t, []string{"default"}) {
				l.DefaultVersion = d.OSVersion
			}
			l.TelnetLogin = containsWord(t, "telnet") || containsWord(t, "all") || slices.Equal(t, []string{"default"}) && defaultAllowsTelnet(d.Vendor)
		} else if slices.Equal(l.TransportInput, []string{"default"}) {
			l.DefaultVersion = d.OSVersion
		}
	}
}

// defaultAllowsTelnet reports whether a vty line that names no transport
// accepts telnet. IOS accepts every protocol on a vty line unless told
// otherwise ("transport input all" on 12.x and 15.x); newer releases
// write their transport explicitly, so the default shows up only in
// configurations of releases that still have it. The line records the
// default and the version, so the finding can be checked against the
// release notes.
func defaultAllowsTelnet(vendor string) bool { return vendor == VendorIOS }

// keyChain reads "key chain NAME" with its "key N" blocks and their
// "key-string" lines.
func (b *builder) keyChain(n *Node, name string) {
	for _, k := range n.Children {
		kw := k.Words()
		if len(kw) < 2 || kw[0] != "key" {
			continue
		}
		k.used = true
		for _, c := range k.Children {
			cw := c.Words()
			if len(cw) > 1 && cw[0] == "key-string" {
				c.used = true
				b.storeSecret("key chain "+name+" key "+kw[1], cw[1:], c.Line)
			}
		}
	}
}

// eosManagement reads EOS "management ssh|telnet|console|api http-commands".
func (b *builder) eosManagement(n *Node, w []string) {
	d := b.d
	shut := false
	noShut := false
	timeout := -1
	for _, c := range n.Children {
		t := c.Text
		switch {
		case t == "shutdown":
			shut = true
		case t == "no shutdown":
			noShut = true
		case strings.HasPrefix(t, "idle-timeout "):
			m, _ := strconv.Atoi(strings.Fields(t)[1])
			timeout = m * 60
		default:
			continue
		}
		c.used = true
	}
	switch w[0] {
	case "ssh":
		d.Management.SSH = Service{Enabled: !shut, Version: "2", Line: n.Line}
		if timeout >= 0 {
			d.Management.Lines = append(d.Management.Lines, TermLine{Kind: "vty", Name: "management ssh", TransportInput: []string{"ssh"}, ExecTimeout: timeout, Login: "local", Line: n.Line})
		}
	case "telnet":
		d.Management.Telnet = Service{Enabled: noShut, Line: n.Line}
	case "console":
		if timeout >= 0 {
			d.Management.Lines = append(d.Management.Lines, TermLine{Kind: "console", Name: "management console", ExecTimeout: timeout, Login: "local", Line: n.Line})
		}
	case "api":
		if !noShut {
			return
		}
		https := true
		for _, c := range n.Children {
			switch c.Text {
			case "protocol http":
				d.Management.HTTP = Service{Enabled: true, Line: c.Line}
				c.used = true
			case "no protocol https":
				https = false
				c.used = true
			}
		}
		if https {
			d.Management.HTTPS = Service{Enabled: true, Line: n.Line}
		}
	}
}

// ciscoSNMP reads one snmp-server line.
func (b *builder) ciscoSNMP(n *Node, w []string, neg bool) {
	d := b.d
	if neg || len(w) < 2 {
		return
	}
	switch w[0] {
	case "community":
		c := b.community(w[1], n.Line)
		rest := w[2:]
		for k := 0; k < len(rest); k++ {
			x := rest[k]
			switch strings.ToLower(x) {
			case "ro", "sdrowner", "systemowner":
				c.Access = "ro"
				if x != "RO" && x != "ro" {
					c.Access = "rw"
				}
			case "rw":
				c.Access = "rw"
			case "view", "context":
				k++
			case "group":
				if k+1 < len(rest) && (rest[k+1] == "network-admin" || rest[k+1] == "vdc-admin") {
					c.Access = "rw"
				}
				k++
			case "ipv4", "ipv6", "use-acl", "use-ipv4acl", "acl":
				if k+1 < len(rest) {
					c.ACL = rest[k+1]
				}
				k++
			default:
				c.ACL = x
			}
		}
		b.addCommunity(w[1], c)
	case "user":
		u := SNMPUser{Name: w[1], Level: "noauth", Line: n.Line}
		v3 := d.Vendor == VendorNXOS
		for k, x := range w {
			switch x {
			case "v3":
				v3 = true
			case "v1", "v2c":
				if k > 1 {
					return
				}
			case "auth":
				u.Level = "auth"
			case "priv":
				u.Level = "priv"
			}
		}
		if v3 {
			d.SNMP.V3Users = append(d.SNMP.V3Users, u)
		}
		if u.Level != "noauth" {
			// The keys are localized (hashed with the engine id) when
			// the line says so, else written as the passphrases.
			s := secret("plaintext", StrengthPlaintext, n.Line)
			if containsWord(w, "localizedkey") || containsWord(w, "encrypted") || containsWord(w, "localized") {
				s = secret("snmp_localized_key", StrengthWeak, n.Line)
			}
			b.storeClass("snmp-server user "+w[1], s)
		}
	case "host", "host-group":
		if d.Vendor == VendorASA {
			b.asaSNMPHost(w, n.Line)
		}
		if w[0] == "host-group" {
			return
		}
		t := TrapHost{Version: "1", Line: n.Line}
		rest := w[1:]
		if d.Vendor == VendorASA && len(rest) > 1 {
			rest = rest[1:] // the interface name
		}
		t.Address = rest[0]
		for k, x := range rest {
			if x == "version" && k+1 < len(rest) {
				t.Version = rest[k+1]
			}
		}
		d.SNMP.TrapHosts = append(d.SNMP.TrapHosts, t)
	}
}

// ciscoLogging reads one logging line (without "logging").
func (b *builder) ciscoLogging(w []string, line int) {
	d := b.d
	host := ""
	switch w[0] {
	case "host", "server":
		if len(w) > 1 {
			host = w[1]
			if b.d.Vendor == VendorASA && len(w) > 2 {
				host = w[2]
			}
			if w[1] == "vrf" && len(w) > 3 {
				host = w[3]
			}
		}
	case "buffered":
		d.Logging.Buffered = Flag{Enabled: true, Line: line}
	case "trap":
		if len(w) > 1 {
			d.Logging.TrapLevel = w[1]
			if sev, ok := syslogSeverity(w[1]); ok {
				d.Logging.TrapSeverity, d.Logging.TrapSeverityLine = sev, line
			}
		}
	case "vrf":
		if len(w) > 2 {
			b.ciscoLogging(w[2:], line) // "logging vrf MGMT host 10.0.0.1"
		}
	default:
		if _, err := netip.ParseAddr(w[0]); err == nil {
			host = w[0]
		}
	}
	if host != "" {
		d.Logging.Hosts = append(d.Logging.Hosts, Host{Address: host, Line: line})
		if d.Vendor == VendorNXOS && w[0] == "server" {
			// NX-OS: "logging server <host> [0-7] ...", 5
			// (notifications) when no level is given.
			sev := 5
			if len(w) > 2 {
				if n, err := strconv.Atoi(w[2]); err == nil && n >= 0 && n <= 7 {
					sev = n
				}
			}
			if sev > d.Logging.TrapSeverity {
				d.Logging.TrapSeverity, d.Logging.TrapSeverityLine = sev, line
			}
		}
	}
}

// syslogSeverities are the Cisco names of the syslog severities.
var syslogSeverities = []string{"emergencies", "alerts", "critical", "errors", "warnings", "notifications", "informational", "debugging"}

// syslogSeverity reads a Cisco logging level, by name or number.
func syslogSeverity(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil && n >= 0 && n <= 7 {
		return n, true
	}
	if i := slices.Index(syslogSeverities, strings.ToLower(s)); i >= 0 {
		return i, true
	}
	return 0, false
}

// joinSetting adds a command to the setting names of a password policy.
func joinSetting(have, add string) string {
	if have == "" {
		return add
	}
	return have + "; " + add
}

// asaPasswordPolicy reads "password-policy minimum-length|minimum-uppercase|
// minimum-lowercase|minimum-numeric|minimum-special N" (ASA 8.4 and later).
func asaPasswordPolicy(p *PwPolicy, w []string, line int) {
	n, err := strconv.Atoi(w[2])
	if err != nil || n <= 0 {
		return
	}
	switch w[1] {
	case "minimum-length":
		p.MinLength = n
	case "minimum-uppercase", "minimum-lowercase", "minimum-numeric", "minimum-special":
		p.CharClasses++
	default:
		return
	}
	p.Enforced = true
	p.Setting = joinSetting(p.Setting, strings.Join(w[:3], " "))
	if p.Line == 0 {
		p.Line = line
	}
}

// commonCriteria reads an IOS "aaa common-criteria policy NAME" block:
// min-length, and the upper-case, lower-case, numeric-count and
// special-case counts.
func commonCriteria(n *Node, name string) PwPolicy {
	p := PwPolicy{Enforced: true, Setting: "aaa common-criteria policy " + name, Line: n.Line}
	for _, c := range n.Children {
		cw := c.Words()
		if len(cw) < 2 {
			continue
		}
		v, err := strconv.Atoi(cw[1])
		if err != nil {
			continue
		}
		switch cw[0] {
		case "min-length":
			p.MinLength = v
		case "upper-case", "lower-case", "numeric-count", "special-case":
			if v > 0 {
				p.CharClasses++
			}
		case "max-length", "char-changes", "lifetime", "char-repetition", "restrict-consecutive-letters":
		default:
			continue
		}
		c.used = true
	}
	return p
}

// applyCommonCriteria merges the common-criteria policies that users name
// into the device's policy: the weakest of them, and any global minimum
// length.
func (b *builder) applyCommonCriteria(policies map[string]PwPolicy, used []string) {
	var weakest *PwPolicy
	for _, name := range used {
		p, ok := policies[name]
		if !ok {
			continue
		}
		if weakest == nil || p.MinLength < weakest.MinLength || p.MinLength == weakest.MinLength && p.CharClasses < weakest.CharClasses {
			weakest = &p
		}
	}
	if weakest == nil {
		return
	}
	d := &b.d.PasswordPolicy
	d.Enforced = true
	d.MinLength = max(d.MinLength, weakest.MinLength)
	d.CharClasses = max(d.CharClasses, weakest.CharClasses)
	d.Setting = joinSetting(d.Setting, weakest.Setting)
	if d.Line == 0 || weakest.Line < d.Line {
		d.Line = weakest.Line
	}
}

// ciscoNTP reads "ntp server|peer ..." and "ntp authenticate", and the
// IOS-XR "ntp" block.
func (b *builder) ciscoNTP(n *Node, w []string, neg bool) {
	d := b.d
	if len(w) == 0 {
		for _, c := range n.Children {
			cw := c.Words()
			if len(cw) > 0 {
				c.used = true
				b.ciscoNTP(c, cw, false)
			}
		}
		return
	}
	switch w[0] {
	case "server", "peer":
		rest := w[1:]
		if len(rest) > 1 && rest[0] == "vrf" {
			rest = rest[2:]
		}
		if len(rest) == 0 || neg {
			return
		}
		d.NTP.Servers = append(d.NTP.Servers, NTPServer{Address: rest[0], Key: containsWord(rest, "key"), Line: n.Line})
	case "authenticate":
		d.NTP.Authentication = Flag{Enabled: !neg, Line: n.Line}
	}
}

// ciscoInterface reads an interface block.
func (b *builder) ciscoInterface(n *Node, name string) {
	i := b.iface(name, n.Line)
	for _, c := range n.Children {
		w := c.Words()
		if len(w) == 0 {
			continue
		}
		c.used = true
		neg := w[0] == "no"
		if neg {
			w = w[1:]
			if len(w) == 0 {
				continue
			}
		}
		switch {
		case w[0] == "description":
			i.Description = strings.TrimSpace(strings.TrimPrefix(c.Text, "description"))
		case w[0] == "shutdown":
			i.Shutdown = !neg
		case w[0] == "switchport" && len(w) == 1:
			if neg {
				i.Mode = "routed"
			}
		case w[0] == "switchport" && len(w) > 2 && w[1] == "mode":
			i.Mode = w[2]
		case w[0] == "switchport" && len(w) > 3 && w[1] == "access" && w[2] == "vlan":
			i.AccessVLAN, _ = strconv.Atoi(w[3])
			if i.Mode == "" {
				i.Mode = "access"
			}
		case w[0] == "switchport" && len(w) > 4 && w[1] == "trunk" && w[2] == "native" && w[3] == "vlan":
			i.NativeVLAN, _ = strconv.Atoi(w[4])
		case w[0] == "switchport" && len(w) > 3 && w[1] == "trunk" && w[2] == "allowed" && w[3] == "vlan":
			i.AllowedVLANs = strings.Join(w[4:], " ")
		case w[0] == "switchport" && len(w) > 1 && w[1] == "port-security" && !neg:
			i.PortSecurity = true
		case w[0] == "spanning-tree" && len(w) > 1 && w[1] == "bpduguard" && !neg && (len(w) < 3 || w[2] == "enable"):
			i.BPDUGuard = true
		case (w[0] == "dot1x" || w[0] == "authentication") && !neg && (containsWord(w, "auto") || containsWord(w, "authenticator")):
			i.Dot1X = true
		case (w[0] == "ip" || w[0] == "ipv4") && len(w) > 2 && w[1] == "address" && !neg:
			mask := ""
			if len(w) > 3 {
				mask = w[3]
			}
			b.addAddress(i, w[2], mask, c.Line)
		case w[0] == "ipv6" && len(w) > 2 && w[1] == "address" && !neg:
			b.addAddress(i, w[2], "", c.Line)
		case (w[0] == "ip" || w[0] == "ipv4") && len(w) > 3 && w[1] == "access-group" && !neg:
			switch w[3] {
			case "in", "ingress":
				i.ACLIn = w[2]
			case "out", "egress":
				i.ACLOut = w[2]
			}
		case w[0] == "nameif" && len(w) > 1:
			b.nameifs(w[1], i.Name)
		default:
			c.used = false
		}
	}
}

// nameifs remembers ASA interface names for access-group lines.
func (b *builder) nameifs(nameif, iface string) {
	if b.nameif == nil {
		b.nameif = map[string]string{}
	}
	b.nameif[nameif] = iface
}

func (b *builder) asaAccessGroup(acl, dir, nameif string) {
	name, ok := b.nameif[nameif]
	if !ok {
		return
	}
	i := b.ifaces[name]
	if dir == "in" {
		i.ACLIn = acl
	} else {
		i.ACLOut = acl
	}
}

// ciscoVLAN reads "vlan 10,20-30" with an optional name child.
func (b *builder) ciscoVLAN(n *Node, w []string) {
	ids := vlanList(w)
	if len(ids) == 0 || len(ids) > 4094 {
		n.used = false
		return
	}
	name := ""
	for _, c := range n.Children {
		cw := c.Words()
		if len(cw) > 1 && cw[0] == "name" {
			name = strings.Join(cw[1:], " ")
			c.used = true
		}
	}
	for _, id := range ids {
		b.d.VLANs = append(b.d.VLANs, VLAN{ID: id, Name: name, Line: n.Line})
	}
}

// ciscoNumberedACL reads "access-list 10 permit ..." (IOS) and
// "access-list NAME extended permit ..." (ASA).
func (b *builder) ciscoNumberedACL(w []string, line int) {
	name := w[0]
	rest := w[1:]
	typ := "extended"
	if num, err := strconv.Atoi(name); err == nil && (num < 100 || num >= 1300 && num < 2000) {
		typ = "standard"
	}
	if len(rest) > 0 && (rest[0] == "extended" || rest[0] == "standard" || rest[0] == "webtype" || rest[0] == "ethertype") {
		typ = rest[0]
		rest = rest[1:]
	}
	if len(rest) > 1 && rest[0] == "line" {
		rest = rest[2:]
	}
	if len(rest) > 0 && rest[0] == "dynamic" && len(rest) > 1 {
		rest = rest[2:]
	}
	a := b.acl(name, typ, line)
	a.Entries = append(a.Entries, parseEntry(rest, typ == "standard", line))
}

// ciscoNamedACL reads "ip access-list [standard|extended] NAME" blocks.
func (b *builder) ciscoNamedACL(n *Node, family string, w []string) {
	typ := "extended"
	if family == "ipv6" {
		typ = "ipv6"
	}
	if family == "mac" {
		typ = "mac"
	}
	if w[0] == "standard" || w[0] == "extended" {
		typ = w[0]
		w = w[1:]
	}
	if len(w) == 0 {
		n.used = false
		return
	}
	a := b.acl(w[0], typ, n.Line)
	for _, c := range n.Children {
		cw := c.Words()
		if len(cw) == 0 {
			continue
		}
		c.used = true
		if _, err := strconv.Atoi(cw[0]); err == nil {
			cw = cw[1:]
		}
		if len(cw) == 0 {
			continue
		}
		if cw[0] == "statistics" || cw[0] == "counters" {
			continue
		}
		a.Entries = append(a.Entries, parseEntry(cw, typ == "standard", c.Line))
	}
}

// countStatic counts the routes in an IOS-XR "router static" block.
func (b *builder) countStatic(n *Node) {
	var walk func(*Node)
	walk = func(x *Node) {
		for _, c := range x.Children {
			c.used = true
			w := c.Words()
			if len(w) > 0 && strings.Contains(w[0], "/") {
				b.d.Routing.StaticRoutes++
			}
			walk(c)
		}
	}
	walk(n)
}

// asaPoller is a manager an ASA answers: "snmp-server host IF ADDR" or
// "snmp-server host-group IF OBJECT" without the trap keyword, with the
// community it names ("" when it uses the global one), in memory only.
type asaPoller struct {
	address   string
	community string
	line      int
}

// asaSNMPHost reads "snmp-server host|host-group IF ADDR|OBJECT [poll|trap]
// [community C] [version V] [udp-port P]" (w starts at host). The ASA
// answers SNMP requests only from the managers named so, unless trap
// restricts one to notifications.
func (b *builder) asaSNMPHost(w []string, line int) {
	if len(w) < 3 {
		return
	}
	p := asaPoller{address: w[2], line: line}
	for k := 3; k < len(w); k++ {
		switch w[k] {
		case "trap":
			return
		case "community":
			if k+1 < len(w) {
				c := w[k+1]
				if c == "0" && k+2 < len(w) { // "community 0 <clear text>"
					c = w[k+2]
				}
				p.community = c
			}
		}
	}
	b.asaPollers = append(b.asaPollers, p)
}

// asaSNMPHosts restricts every community of an ASA to the managers allowed
// to poll with it, and adds the communities only a host line names.
func (b *builder) asaSNMPHosts() {
	d := b.d
	for _, p := range b.asaPollers {
		if _, ok := b.communities[p.community]; p.community == "" || ok {
			continue
		}
		c := b.community(p.community, p.line)
		b.addCommunity(p.community, c)
	}
	for k := range d.SNMP.Communities {
		c := &d.SNMP.Communities[k]
		c.Restricted = true
		for _, p := range b.asaPollers {
			if (p.community == "" || b.communities[p.community] == k) && !slices.Contains(c.Hosts, p.address) {
				c.Hosts = append(c.Hosts, p.address)
			}
		}
	}
}

// objectDef is an object or object-group: network, service, protocol
// or icmp-type.
type objectDef struct {
	kind string
	// members are addresses ("10.0.0.1/32", "10.0.0.0 255.255.255.0") of
	// a network group, destination ports ("eq 80") of a service group and
	// ICMP type names ("echo") of an icmp-type group.
	members []string
	// protos are the protocols a protocol group lists, or those of a
	// service group's service-objects ("tcp", "udp", "icmp", "ip").
	protos []string
	refs   []string // "object NAME" and "object-group NAME" it includes
}

// objectKinds are the object-group types whose members slate reads.
var objectKinds = map[string]bool{"network": true, "service": true, "protocol": true, "icmp-type": true}

// ciscoObject reads an "object network|service NAME" or "object-group
// network|service|protocol|icmp-type NAME" block; rest is NAME and what
// follows it. A group entered twice gathers the members of both blocks,
// as the device does.
func (b *builder) ciscoObject(n *Node, kw, kind string, rest []string) {
	if b.objects == nil {
		b.objects = map[string]*objectDef{}
	}
	key := kw + " " + rest[0]
	o, ok := b.objects[key]
	if !ok || o.kind != kind {
		o = &objectDef{kind: kind}
		b.objects[key] = o
	}
	// "object-group service NAME tcp": every port-object is of that
	// protocol.
	if kind == "service" && kw == "object-group" && len(rest) > 1 {
		o.protos = append(o.protos, serviceProtos(rest[1])...)
	}
	for _, c := range n.Children {
		cw := c.Words()
		if len(cw) == 1 && strings.Contains(cw[0], "/") {
			c.used = true
			o.members = append(o.members, cw[0])
			continue
		}
		if kind == "service" && kw == "object-group" && len(cw) > 0 && ipProtocol(cw[0]) {
			// IOS: "tcp eq www", "udp eq ntp", "icmp echo", "icmp".
			c.used = true
			b.serviceObject(o, cw)
			continue
		}
		if len(cw) < 2 {
			continue
		}
		c.used = true
		switch cw[0] {
		case "network-object":
			if cw[1] == "object" && len(cw) > 2 {
				o.refs = append(o.refs, "object "+cw[2])
			} else if a, k := addrSpec(cw[1:]); k > 0 {
				o.members = append(o.members, a)
			}
		case "group-object":
			o.refs = append(o.refs, "object-group "+cw[1])
		case "host":
			o.members = append(o.members, cw[1]+"/32")
		case "subnet":
			if a, k := addrSpec(cw[1:]); k > 0 {
				o.members = append(o.members, a)
			}
		case "range", "fqdn":
			o.members = append(o.members, strings.Join(cw, " "))
		case "port-object":
			if p, k := portSpec(cw[1:]); k > 0 {
				o.members = append(o.members, p)
			}
		case "protocol-object":
			o.protos = append(o.protos, strings.ToLower(cw[1]))
		case "icmp-object":
			o.members = append(o.members, strings.ToLower(cw[1]))
		case "service-object", "service":
			b.serviceObject(o, cw[1:])
		case "description":
		default:
			// IOS-XE lists bare addresses: "1.0.0.0 255.0.0.0", "10.0.0.0/8".
			if a, k := addrSpec(cw); k > 0 {
				o.members = append(o.members, a)
			} else {
				c.used = false
			}
		}
	}
}

// serviceObject reads what follows "service-object" in a service
// object-group, or "service" in a service object: "tcp destination eq
// 443", "tcp source eq 1024 destination range 1 1023", "udp eq 53" (older
// releases: the port is the destination), "tcp-udp destination eq 53",
// "icmp echo" (the ICMP type is kept as a member), "ip", "object NAME".
func (b *builder) serviceObject(o *objectDef, w []string) {
	if len(w) > 0 && w[0] == "object" {
		if len(w) > 1 {
			o.refs = append(o.refs, "object "+w[1])
		}
		return
	}
	if i := slices.Index(w, "!"); i >= 0 {
		w = w[:i] // a remark after the entry
	}
	if len(w) == 0 {
		return
	}
	o.protos = append(o.protos, serviceProtos(w[0])...)
	if p := strings.ToLower(w[0]); (p == "icmp" || p == "icmp6") && len(w) > 1 {
		o.members = append(o.members, strings.ToLower(w[1])) // the ICMP type
		return
	}
	for k := 1; k < len(w); k++ {
		switch w[k] {
		case "source":
			_, m := portSpec(w[k+1:])
			k += m
		case "destination":
			if p, m := portSpec(w[k+1:]); m > 0 {
				o.members = append(o.members, p)
				k += m
			}
		default:
			if p, m := portSpec(w[k:]); m > 0 {
				o.members = append(o.members, p)
				k += m - 1
			}
		}
	}
}

// ipProtocol reports whether w names an IP protocol as service groups
// write it: a keyword or a number.
func ipProtocol(w string) bool {
	switch strings.ToLower(w) {
	case "ip", "tcp", "udp", "tcp-udp", "icmp", "icmp6", "esp", "ah", "ahp", "gre", "igmp", "ospf", "eigrp", "pim", "sctp", "ipinip", "nos", "pcp":
		return true
	}
	_, err := strconv.Atoi(w)
	return err == nil
}

// serviceProtos are the protocols a service names: "tcp-udp" is both.
func serviceProtos(p string) []string {
	p = strings.ToLower(p)
	if p == "tcp-udp" {
		return []string{"tcp", "udp"}
	}
	return []string{p}
}

// flatten gathers what part gives of an object or object-group and of
// the groups nested in it; seen stops a group that includes itself.
func (b *builder) flatten(ref string, part func(*objectDef) []string, seen map[string]bool) []string {
	o, ok := b.objects[ref]
	if !ok || seen[ref] {
		return nil
	}
	seen[ref] = true
	out := slices.Clone(part(o))
	for _, r := range o.refs {
		out = append(out, b.flatten(r, part, seen)...)
	}
	return out
}

// resolveObjects fills the members of every ACL operand that names an
// object or object-group: addresses, ports, ICMP types, and the protocols
// of a protocol or service group given as the rule's protocol.
func (b *builder) resolveObjects() {
	if len(b.objects) == 0 {
		return
	}
	isRef := func(operand string) bool {
		return strings.HasPrefix(operand, "object-group ") || strings.HasPrefix(operand, "object ")
	}
	resolve := func(operand string, part func(*objectDef) []string) []string {
		if !isRef(operand) {
			return nil
		}
		m := b.flatten(operand, part, map[string]bool{})
		slices.Sort(m)
		return slices.Compact(m)
	}
	members := func(o *objectDef) []string { return o.members }
	protos := func(o *objectDef) []string { return o.protos }
	network := func(operand string) bool {
		o, ok := b.objects[operand]
		return ok && o.kind == "network"
	}
	for _, name := range b.aclOrd {
		a := b.acls[name]
		for k := range a.Entries {
			e := &a.Entries[k]
			// "permit tcp OG-SRC OG-DST OG-SVC": the rule reader took the
			// second group for source ports; it is the destination.
			if network(e.SrcPorts) && e.DstPorts == "" {
				e.Dst, e.DstPorts, e.SrcPorts = e.SrcPorts, e.Dst, ""
			}
			e.SrcMembers, e.DstMembers, e.DstPortMembers = resolve(e.Src, members), resolve(e.Dst, members), resolve(e.DstPorts, members)
			// "permit object-group SVC any any": the service group is the
			// protocol and holds the ports.
			if isRef(e.Protocol) {
				e.ProtocolMembers = resolve(e.Protocol, protos)
				if o, ok := b.objects[e.Protocol]; ok && o.kind == "service" && e.DstPorts == "" {
					e.DstPortMembers = resolve(e.Protocol, members)
				}
			}
		}
	}
}
