package netconfig

import (
	"slices"
	"strconv"
	"strings"
)

// has reports whether w starts with prefix.
func has(w []string, prefix ...string) bool {
	if len(w) < len(prefix) {
		return false
	}
	for k, p := range prefix {
		if p != "*" && w[k] != p {
			return false
		}
	}
	return true
}

// junos extracts the device model from Junos statements of either format.
func (b *builder) junos(stmts []*Stmt) {
	d := b.d
	d.LLDP = Flag{}
	// Junos demands six characters with at least one change of character
	// set of every new plain-text password unless told otherwise.
	d.PasswordPolicy = PwPolicy{Enforced: true, MinLength: 6, CharClasses: 2, Setting: "Junos default (minimum-length 6, minimum-changes 1)"}
	d.Logging.TrapSeverity, d.Logging.TrapSeverityKnown = -1, true
	changeType, minChanges, typed := "", -1, map[string]bool{}
	comm := map[string]int{}
	users := map[string]int{}
	terms := map[string]int{}
	protos := map[string]bool{}
	statics := map[string]bool{}
	vlanByName := map[string]int{}
	type member struct {
		iface *Iface
		vlan  string
	}
	var members []member
	for _, s := range stmts {
		w := s.Words
		s.used = true
		b.junosStoredSecret(s)
		switch {
		case has(w, "version") && len(w) > 1:
			d.OSVersion, d.OSVersionLine = w[1], s.Line
		case has(w, "system", "host-name") && len(w) > 2:
			d.Hostname, d.HostnameLine = w[2], s.Line
		case has(w, "system", "root-authentication") && len(w) > 3:
			u := User{Name: "root", Privilege: "super-user", Line: s.Line}
			switch w[2] {
			case "encrypted-password":
				u.Password = junosSecret(w[3], s.Line)
			default:
				u.Password = secret("ssh_key", StrengthStrong, s.Line)
			}
			b.junosUser(users, u)
		case has(w, "system", "login", "user") && len(w) > 4:
			u := User{Name: w[3], Line: s.Line, Password: secret("none", StrengthNone, s.Line)}
			switch {
			case w[4] == "class" && len(w) > 5:
				u.Privilege = w[5]
			case w[4] == "authentication" && len(w) > 6 && w[5] == "encrypted-password":
				u.Password = junosSecret(w[6], s.Line)
			case w[4] == "authentication" && len(w) > 5 && strings.HasPrefix(w[5], "ssh-"):
				u.Password = secret("ssh_key", StrengthStrong, s.Line)
			}
			b.junosUser(users, u)
		case has(w, "system", "login", "message") || has(w, "system", "login", "announcement"):
			d.Banner = Banner{Present: true, Kind: "login", Line: s.Line}
		case has(w, "system", "services", "ssh"):
			if !d.Management.SSH.Enabled {
				d.Management.SSH = Service{Enabled: true, Line: s.Line}
			}
			if has(w, "system", "services", "ssh", "protocol-version") && len(w) > 4 {
				d.Management.SSH.Version = strings.TrimPrefix(w[4], "v")
			}
		case has(w, "system", "services", "telnet"):
			if !d.Management.Telnet.Enabled {
				d.Management.Telnet = Service{Enabled: true, Line: s.Line}
			}
		case has(w, "system", "services", "web-management", "http"):
			if !d.Management.HTTP.Enabled {
				d.Management.HTTP = Service{Enabled: true, Line: s.Line}
			}
		case has(w, "system", "services", "web-management", "https"):
			if !d.Management.HTTPS.Enabled {
				d.Management.HTTPS = Service{Enabled: true, Line: s.Line}
			}
		case (has(w, "system", "tacplus-server") || has(w, "system", "radius-server")) && len(w) > 2:
			proto := "tacacs+"
			if w[1] == "radius-server" {
				proto = "radius"
			}
			found := false
			for k := range d.AAA.Servers {
				if d.AAA.Servers[k].Address == w[2] && d.AAA.Servers[k].Protocol == proto {
					found = true
					if len(w) > 3 && w[3] == "secret" {
						d.AAA.Servers[k].KeySet = true
					}
				}
			}
			if !found {
				b.aaaServer(proto, w[2], len(w) > 3 && w[3] == "secret", s.Line)
			}
		case has(w, "system", "authentication-order"):
			d.AAA.LoginMethods = append(d.AAA.LoginMethods, w[2:]...)
			d.AAA.LocalFallback = d.AAA.LocalFallback || containsWord(w[2:], "password")
			d.AAA.Line = s.Line
		case has(w, "system", "syslog", "host") && len(w) > 3:
			if !b.hasLogHost(w[3]) {
				d.Logging.Hosts = append(d.Logging.Hosts, Host{Address: w[3], Line: s.Line})
			}
			// "host ADDR FACILITY LEVEL": the level sent for a facility.
			if len(w) > 5 {
				if sev, ok := junosSeverity[w[5]]; ok && sev > d.Logging.TrapSeverity {
					d.Logging.TrapSeverity, d.Logging.TrapSeverityLine = sev, s.Line
				}
			}
		case has(w, "system", "login", "password") && len(w) > 4:
			// "system login password minimum-length N", "change-type
			// character-sets|set-transitions", "minimum-changes N",
			// "minimum-upper-cases N", ... (Junos 12.1 and later for the
			// per-class minimums).
			n, err := strconv.Atoi(w[4])
			switch {
			case w[3] == "change-type":
				changeType = w[4]
			case err != nil:
				s.used = false
			case w[3] == "minimum-length":
				d.PasswordPolicy.MinLength = n
			case w[3] == "minimum-changes":
				minChanges = n
			case w[3] == "minimum-upper-cases" || w[3] == "minimum-lower-cases" || w[3] == "minimum-numerics" || w[3] == "minimum-punctuations":
				typed[w[3]] = n > 0
			default:
				s.used = false
			}
			if s.used {
				p := &d.PasswordPolicy
				if p.Line == 0 {
					p.Setting, p.Line = "", s.Line
				}
				p.Setting = joinSetting(p.Setting, "password "+strings.Join(w[3:5], " "))
			}
		case has(w, "system", "syslog", "file") && len(w) > 3:
			if !d.Logging.Buffered.Enabled {
				d.Logging.Buffered = Flag{Enabled: true, Line: s.Line}
				d.Logging.Timestamps = Flag{Enabled: true, Line: s.Line}
			}
		case has(w, "system", "syslog"):
		case has(w, "system", "ntp", "server") && len(w) > 3:
			if !b.hasNTP(w[3]) {
				d.NTP.Servers = append(d.NTP.Servers, NTPServer{Address: w[3], Key: containsWord(w, "key"), Line: s.Line})
			}
		case has(w, "system", "ntp", "trusted-key"):
			d.NTP.Authentication = Flag{Enabled: true, Line: s.Line}
		case has(w, "system", "ntp"):
		case has(w, "snmp", "community") && len(w) > 2:
			k, ok := comm[w[2]]
			if !ok {
				k = len(d.SNMP.Communities)
				comm[w[2]] = k
				d.SNMP.Communities = append(d.SNMP.Communities, b.community(w[2], s.Line))
			}
			c := &d.SNMP.Communities[k]
			switch {
			case has(w[3:], "authorization", "read-write"):
				c.Access = "rw"
			case has(w[3:], "clients") && len(w) > 4:
				if c.ACL == "" {
					c.ACL = "clients"
				}
				c.Restricted = true
			case has(w[3:], "client-list-name") && len(w) > 4:
				c.ACL, c.Restricted = w[4], true
			}
		case has(w, "snmp", "v3", "usm", "local-engine", "user") && len(w) > 5:
			var u *SNMPUser
			for k := range d.SNMP.V3Users {
				if d.SNMP.V3Users[k].Name == w[5] {
					u = &d.SNMP.V3Users[k]
				}
			}
			if u == nil {
				d.SNMP.V3Users = append(d.SNMP.V3Users, SNMPUser{Name: w[5], Level: "noauth", Line: s.Line})
				u = &d.SNMP.V3Users[len(d.SNMP.V3Users)-1]
			}
			if len(w) > 6 {
				switch {
				case strings.HasPrefix(w[6], "privacy-") && w[6] != "privacy-none":
					u.Level = "priv"
				case strings.HasPrefix(w[6], "authentication-") && w[6] != "authentication-none" && u.Level == "noauth":
					u.Level = "auth"
				}
			}
		case has(w, "snmp", "trap-group") && len(w) > 4 && w[3] == "targets":
			d.SNMP.TrapHosts = append(d.SNMP.TrapHosts, TrapHost{Address: w[4], Version: "all", Line: s.Line})
		case has(w, "snmp"):
		case has(w, "interfaces") && len(w) > 2:
			b.junosInterface(s, w[1:], func(i *Iface, v string) { members = append(members, member{i, v}) })
		case has(w, "vlans") && len(w) > 3 && w[2] == "vlan-id":
			id, err := strconv.Atoi(w[3])
			if err == nil {
				vlanByName[w[1]] = id
				d.VLANs = append(d.VLANs, VLAN{ID: id, Name: w[1], Line: s.Line})
			}
		case has(w, "firewall"):
			b.junosFilter(s, w[1:], terms)
		case has(w, "routing-options", "static", "route") && len(w) > 3:
			if !statics[w[3]] {
				statics[w[3]] = true
				d.Routing.StaticRoutes++
			}
		case has(w, "protocols") && len(w) > 1:
			switch w[1] {
			case "ospf", "ospf3", "bgp", "isis", "rip", "ripng", "ldp", "mpls", "pim":
				if !protos[w[1]] {
					protos[w[1]] = true
					d.Routing.Protocols = append(d.Routing.Protocols, Protocol{Name: w[1], Line: s.Line})
				}
			case "lldp":
				if !d.LLDP.Enabled {
					d.LLDP = Flag{Enabled: !containsWord(w, "disable"), Line: s.Line}
				}
			default:
				s.used = false
			}
		case has(w, "ethernet-switching-options", "secure-access-port") || has(w, "vlans") && containsWord(w, "dhcp-security"):
			if containsWord(w, "dhcp-snooping") || containsWord(w, "dhcp-security") {
				d.DHCPSnooping = Flag{Enabled: true, Line: s.Line}
			}
			if containsWord(w, "arp-inspection") {
				d.ARPInspection = Flag{Enabled: true, Line: s.Line}
			}
		default:
			s.used = false
		}
	}
	if d.PasswordPolicy.Line > 0 {
		p := &d.PasswordPolicy
		classes := 0
		for _, on := range typed {
			if on {
				classes++
			}
		}
		switch {
		case minChanges < 0:
			// minimum-changes keeps its default of one change.
		case changeType == "character-sets":
			p.CharClasses = minChanges
		case minChanges == 0:
			p.CharClasses = 0
		}
		p.CharClasses = max(p.CharClasses, classes)
	}
	for _, m := range members {
		id, err := strconv.Atoi(m.vlan)
		if err != nil {
			id = vlanByName[m.vlan]
		}
		m.iface.AccessVLAN = id
	}
}

// junosStoredSecret records the secret a statement stores: a "$9$"
// (reversible) value wherever it appears (IKE pre-shared keys, RADIUS and
// TACACS+ secrets, SNMP communities, routing authentication keys), and a
// value written in clear where Junos expects a secret (see
// junosSecretAt). Junos encrypts a clear secret when it commits, but a
// set file or template that holds one holds it in clear. The context is
// the statement's path up to the secret.
func (b *builder) junosStoredSecret(s *Stmt) {
	w := s.Words
	for k, x := range w {
		nine := strings.HasPrefix(x, "$9$")
		if !nine && (k != len(w)-1 || !junosSecretAt(w, k) || redacted(x)) {
			continue
		}
		ctx := strings.Join(w[:k], " ")
		for _, have := range b.d.StoredSecrets {
			if have.Context == ctx && have.Line == s.Line {
				return
			}
		}
		sec := junosSecret(x, s.Line)
		if sec.Class == "unknown" {
			sec = secret("plaintext", StrengthPlaintext, s.Line)
		}
		b.storeClass(ctx, sec)
		return
	}
}

// junosSecretAt reports whether w[k] is where Junos writes a secret: after
// "secret" (RADIUS, TACACS+, key chains), "simple-password",
// "authentication-password" and "privacy-password" (SNMPv3),
// "pre-shared-key ascii-text|hexadecimal", "md5 N key" (OSPF),
// "authentication-key" (BGP, IS-IS, VRRP) and, for NTP, "authentication-key
// N type md5 value".
func junosSecretAt(w []string, k int) bool {
	if k == 0 {
		return false
	}
	switch w[k-1] {
	case "secret", "simple-password", "authentication-password", "privacy-password":
		return true
	case "ascii-text", "hexadecimal":
		return k >= 2 && w[k-2] == "pre-shared-key"
	case "key":
		return k >= 3 && w[k-3] == "md5"
	case "value":
		return slices.Contains(w[:k-1], "authentication-key")
	case "authentication-key":
		return true
	}
	return false
}

// redacted reports whether a value is a placeholder left where a secret
// was removed before the file was shared ("<SCRUBBED>", "%CENSORED%",
// "********"): it stores no secret.
func redacted(v string) bool {
	switch {
	case len(v) >= 2 && v[0] == '<' && v[len(v)-1] == '>',
		len(v) >= 2 && v[0] == '%' && v[len(v)-1] == '%':
		return true
	}
	return v != "" && strings.Trim(v, "*") == ""
}

// junosSeverity are the Junos syslog levels as syslog severities; "any"
// sends everything, "none" nothing.
var junosSeverity = map[string]int{
	"emergency": 0, "alert": 1, "critical": 2, "error": 3, "warning": 4,
	"notice": 5, "info": 6, "any": 7, "none": -1,
}

func (b *builder) hasLogHost(a string) bool {
	for _, h := range b.d.Logging.Hosts {
		if h.Address == a {
			return true
		}
	}
	return false
}

func (b *builder) hasNTP(a string) bool {
	for _, h := range b.d.NTP.Servers {
		if h.Address == a {
			return true
		}
	}
	return false
}

func (b *builder) junosUser(idx map[string]int, u User) {
	k, ok := idx[u.Name]
	if !ok {
		idx[u.Name] = len(b.d.Users)
		if u.Password.Class == "" {
			u.Password = secret("none", StrengthNone, u.Line)
		}
		b.d.Users = append(b.d.Users, u)
		return
	}
	x := &b.d.Users[k]
	if u.Privilege != "" {
		x.Privilege = u.Privilege
	}
	// A password hash outranks a key: it is the credential that can be
	// guessed.
	if u.Password.Class != "" && u.Password.Class != "none" && (x.Password.Class == "none" || x.Password.Class == "ssh_key") {
		x.Password = u.Password
	}
}

// junosInterface reads one "interfaces IF ..." statement (w starts at IF).
func (b *builder) junosInterface(s *Stmt, w []string, member func(*Iface, string)) {
	phys := b.iface(w[0], s.Line)
	rest := w[1:]
	switch {
	case has(rest, "description") && len(rest) > 1:
		phys.Description = strings.Join(rest[1:], " ")
		return
	case has(rest, "disable"):
		phys.Shutdown = true
		return
	case !has(rest, "unit") || len(rest) < 2:
		if len(rest) > 0 && (rest[0] == "ether-options" || rest[0] == "gigether-options" || rest[0] == "mtu" || rest[0] == "vlan-tagging" || rest[0] == "speed" || rest[0] == "link-mode") {
			return
		}
		s.used = len(rest) == 0
		return
	}
	unit := b.iface(w[0]+"."+rest[1], s.Line)
	u := rest[2:]
	switch {
	case has(u, "description") && len(u) > 1:
		unit.Description = strings.Join(u[1:], " ")
	case has(u, "disable"):
		unit.Shutdown = true
	case has(u, "family", "*", "address") && len(u) > 3:
		b.addAddress(unit, u[3], "", s.Line)
	case has(u, "family", "*", "filter", "input") && len(u) > 4:
		unit.ACLIn = u[4]
	case has(u, "family", "*", "filter", "output") && len(u) > 4:
		unit.ACLOut = u[4]
	case has(u, "family", "ethernet-switching", "port-mode") && len(u) > 3, has(u, "family", "ethernet-switching", "interface-mode") && len(u) > 3:
		unit.Mode, phys.Mode = u[3], u[3]
	case has(u, "family", "ethernet-switching", "vlan", "members") && len(u) > 4:
		if phys.Mode == "" {
			phys.Mode, unit.Mode = "access", "access"
		}
		if phys.Mode == "access" {
			member(unit, u[4])
			member(phys, u[4])
		} else {
			unit.AllowedVLANs = strings.TrimSpace(unit.AllowedVLANs + " " + u[4])
		}
	case has(u, "family", "ethernet-switching", "native-vlan-id") && len(u) > 3:
		unit.NativeVLAN, _ = strconv.Atoi(u[3])
	case has(u, "family", "ethernet-switching"):
		if phys.Mode == "" {
			phys.Mode, unit.Mode = "access", "access"
		}
	case has(u, "family"):
	default:
		s.used = false
	}
}

// junosFilter reads "firewall [family F] filter NAME term T from|then ...".
func (b *builder) junosFilter(s *Stmt, w []string, terms map[string]int) {
	if has(w, "family") && len(w) > 1 {
		w = w[2:]
	}
	if !has(w, "filter") || len(w) < 2 {
		s.used = has(w)
		return
	}
	a := b.acl(w[1], "filter", s.Line)
	if !has(w[2:], "term") || len(w) < 4 {
		return
	}
	key := w[1] + "\x00" + w[3]
	k, ok := terms[key]
	if !ok {
		k = len(a.Entries)
		terms[key] = k
		a.Entries = append(a.Entries, Entry{Line: s.Line})
	}
	e := &a.Entries[k]
	t := w[4:]
	switch {
	case has(t, "from", "protocol") && len(t) > 2:
		e.Protocol = t[2]
	case has(t, "from", "source-address") && len(t) > 2:
		e.Src = strings.TrimSpace(e.Src + " " + t[2])
	case has(t, "from", "destination-address") && len(t) > 2:
		e.Dst = strings.TrimSpace(e.Dst + " " + t[2])
	case has(t, "from", "source-port") && len(t) > 2:
		e.SrcPorts = strings.TrimSpace(e.SrcPorts + " " + t[2])
	case has(t, "from", "destination-port") && len(t) > 2:
		e.DstPorts = strings.TrimSpace(e.DstPorts + " " + t[2])
	case has(t, "from") && len(t) > 1:
		if e.Protocol == "" {
			e.Protocol = "match:" + t[1]
		}
	case has(t, "then", "accept"):
		e.Action = "permit"
	case has(t, "then", "discard"), has(t, "then", "reject"):
		e.Action = "deny"
	case has(t, "then"):
		if e.Action == "" {
			e.Action = "other"
		}
	}
}
