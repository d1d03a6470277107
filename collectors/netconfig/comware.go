package netconfig

import (
	"strconv"
	"strings"
)

// comware extracts the device model from an HP/H3C Comware line tree.
func (b *builder) comware(roots []*Node) {
	d := b.d
	d.LLDP = Flag{Enabled: true}
	for _, n := range roots {
		w, neg := words(n, "undo")
		if len(w) == 0 {
			continue
		}
		n.used = true
		switch kw := w[0]; {
		case kw == "sysname" && len(w) > 1:
			d.Hostname, d.HostnameLine = strings.Join(w[1:], " "), n.Line
		case kw == "version" && len(w) > 1:
			d.OSVersion, d.OSVersionLine = strings.TrimSuffix(strings.Join(w[1:], " "), ","), n.Line
		case kw == "local-user" && len(w) > 1:
			b.comwareUser(n, w[1])
		case kw == "super" && len(w) > 2 && w[1] == "password":
			s := comwareSecret(w[2:], n.Line)
			d.EnableSecret = &s
		case kw == "telnet" && len(w) > 2 && w[1] == "server" && w[2] == "enable":
			d.Management.Telnet = Service{Enabled: !neg, Line: n.Line}
		case kw == "ssh" && len(w) > 2 && w[1] == "server" && w[2] == "enable":
			d.Management.SSH = Service{Enabled: !neg, Version: "2", Line: n.Line}
		case kw == "ip" && len(w) > 2 && (w[1] == "http" || w[1] == "https") && w[2] == "enable":
			s := Service{Enabled: !neg, Line: n.Line}
			if w[1] == "http" {
				d.Management.HTTP = s
			} else {
				d.Management.HTTPS = s
			}
		case (kw == "user-interface" || kw == "line") && len(w) > 1:
			b.comwareLine(n, w[1:])
		case kw == "snmp-agent" && !neg:
			b.comwareSNMP(w[1:], n.Line)
		case kw == "info-center" && len(w) > 2 && w[1] == "loghost" && !neg:
			addr := w[2]
			if addr == "vpn-instance" && len(w) > 4 {
				addr = w[4]
			}
			d.Logging.Hosts = append(d.Logging.Hosts, Host{Address: addr, Line: n.Line})
		case kw == "info-center" && len(w) > 1 && w[1] == "logbuffer":
			d.Logging.Buffered = Flag{Enabled: !neg, Line: n.Line}
		case kw == "info-center" && len(w) > 2 && w[1] == "timestamp":
			d.Logging.Timestamps = Flag{Enabled: !neg, Line: n.Line}
		case kw == "ntp-service" && len(w) > 2 && (w[1] == "unicast-server" || w[1] == "unicast-peer") && !neg:
			d.NTP.Servers = append(d.NTP.Servers, NTPServer{Address: w[2], Key: containsWord(w, "authentication-keyid"), Line: n.Line})
		case kw == "ntp-service" && len(w) > 2 && w[1] == "authentication" && w[2] == "enable":
			d.NTP.Authentication = Flag{Enabled: !neg, Line: n.Line}
		case kw == "header" && len(w) > 1 && !neg:
			if !d.Banner.Present || w[1] == "login" {
				d.Banner = Banner{Present: true, Kind: w[1], Line: n.Line}
			}
		case kw == "interface" && len(w) > 1:
			b.comwareInterface(n, strings.Join(w[1:], ""))
		case kw == "vlan" && len(w) > 1 && !neg:
			b.ciscoVLAN(n, w[1:])
		case kw == "acl" && len(w) > 2:
			b.comwareACL(n, w[1:])
		case kw == "ip" && len(w) > 1 && w[1] == "route-static":
			d.Routing.StaticRoutes++
		case kw == "ospf" || kw == "bgp" || kw == "rip" || kw == "isis" || kw == "ospfv3":
			d.Routing.Protocols = append(d.Routing.Protocols, Protocol{Name: kw, Line: n.Line})
		case kw == "lldp" && len(w) > 1 && (w[1] == "enable" || w[1] == "global"):
			d.LLDP = Flag{Enabled: !neg, Line: n.Line}
		case kw == "dhcp-snooping" || kw == "dhcp" && len(w) > 2 && w[1] == "snooping" && w[2] == "enable":
			d.DHCPSnooping = Flag{Enabled: !neg, Line: n.Line}
		case kw == "arp" && len(w) > 2 && w[1] == "detection":
			d.ARPInspection = Flag{Enabled: !neg, Line: n.Line}
		default:
			n.used = false
		}
	}
	// Comware accepts telnet on vty lines unless they restrict the
	// inbound protocol; report it only when a line says so or the server
	// is enabled explicitly.
	for k := range d.Management.Lines {
		l := &d.Management.Lines[k]
		if l.Kind == "vty" {
			l.TelnetLogin = containsWord(l.TransportInput, "telnet") || containsWord(l.TransportInput, "all")
			if l.TelnetLogin && !d.Management.Telnet.Enabled {
				d.Management.Telnet = Service{Enabled: true, Line: l.Line}
			}
			if containsWord(l.TransportInput, "ssh") && !d.Management.SSH.Enabled {
				d.Management.SSH = Service{Enabled: true, Line: l.Line}
			}
		}
	}
}

// comwareSecret classifies "[level N] cipher|simple|hash VALUE".
func comwareSecret(w []string, line int) Secret {
	for k, x := range w {
		switch x {
		case "cipher":
			if k+1 < len(w) {
				if c, s, ok := hashClass(w[k+1]); ok {
					return secret(c, s, line)
				}
			}
			return secret("comware_cipher", StrengthReversible, line)
		case "simple":
			return secret("plaintext", StrengthPlaintext, line)
		case "hash":
			return secret("comware_hash", StrengthStrong, line)
		}
	}
	return secret("unknown", StrengthWeak, line)
}

func (b *builder) comwareUser(n *Node, name string) {
	u := User{Name: name, Line: n.Line, Password: secret("none", StrengthNone, n.Line)}
	for _, c := range n.Children {
		w := c.Words()
		switch {
		case len(w) > 1 && w[0] == "password":
			u.Password = comwareSecret(w[1:], c.Line)
		case len(w) > 2 && w[0] == "authorization-attribute":
			u.Privilege = w[len(w)-1]
		case len(w) > 0 && w[0] == "service-type":
		default:
			continue
		}
		c.used = true
	}
	b.d.Users = append(b.d.Users, u)
}

func (b *builder) comwareLine(n *Node, w []string) {
	kind := w[0]
	switch kind {
	case "aux", "vty":
	case "con", "console":
		kind = "console"
	default:
		kind = "tty"
	}
	l := TermLine{Kind: kind, Name: strings.Join(w, " "), ExecTimeout: 600, ExecTimeoutDefault: true, Login: "password", Line: n.Line}
	if kind == "vty" {
		l.TransportInput = []string{"all"}
	}
	for _, c := range n.Children {
		cw := c.Words()
		switch {
		case len(cw) > 1 && cw[0] == "authentication-mode":
			l.Login = map[string]string{"scheme": "aaa", "password": "password", "none": "none"}[cw[1]]
		case len(cw) > 2 && cw[0] == "protocol" && cw[1] == "inbound":
			l.TransportInput = cw[2:]
		case len(cw) > 1 && cw[0] == "idle-timeout":
			m, _ := strconv.Atoi(cw[1])
			s := 0
			if len(cw) > 2 {
				s, _ = strconv.Atoi(cw[2])
			}
			l.ExecTimeout, l.ExecTimeoutDefault = m*60+s, false
		case len(cw) > 2 && cw[0] == "acl" && cw[len(cw)-1] == "inbound":
			l.AccessClass = cw[len(cw)-2]
		default:
			continue
		}
		c.used = true
	}
	b.d.Management.Lines = append(b.d.Management.Lines, l)
}

func (b *builder) comwareSNMP(w []string, line int) {
	d := b.d
	switch {
	case len(w) > 2 && w[0] == "community":
		rest := w[2:]
		if rest[0] == "simple" || rest[0] == "cipher" {
			rest = rest[1:]
		}
		if len(rest) == 0 {
			return
		}
		c := b.community(rest[0], line)
		if w[1] == "write" {
			c.Access = "rw"
		}
		for k, x := range rest {
			if x == "acl" && k+1 < len(rest) {
				c.ACL = rest[k+1]
			}
		}
		d.SNMP.Communities = append(d.SNMP.Communities, c)
	case len(w) > 2 && w[0] == "usm-user" && w[1] == "v3":
		u := SNMPUser{Name: w[2], Level: "noauth", Line: line}
		if containsWord(w, "authentication-mode") {
			u.Level = "auth"
		}
		if containsWord(w, "privacy-mode") {
			u.Level = "priv"
		}
		d.SNMP.V3Users = append(d.SNMP.V3Users, u)
	case len(w) > 1 && w[0] == "target-host":
		t := TrapHost{Version: "1", Line: line}
		for k, x := range w {
			switch {
			case x == "udp-domain" && k+1 < len(w):
				t.Address = w[k+1]
			case x == "v2c" || x == "v3" || x == "v1":
				t.Version = strings.TrimPrefix(x, "v")
			}
		}
		if t.Address != "" {
			d.SNMP.TrapHosts = append(d.SNMP.TrapHosts, t)
		}
	}
}

func (b *builder) comwareInterface(n *Node, name string) {
	i := b.iface(name, n.Line)
	for _, c := range n.Children {
		w, neg := words(c, "undo")
		if len(w) == 0 {
			continue
		}
		c.used = true
		switch {
		case w[0] == "description":
			i.Description = strings.TrimSpace(strings.TrimPrefix(c.Text, "description"))
		case w[0] == "shutdown":
			i.Shutdown = !neg
		case len(w) > 2 && w[0] == "port" && w[1] == "link-type":
			i.Mode = w[2]
		case len(w) > 3 && w[0] == "port" && w[1] == "access" && w[2] == "vlan":
			i.AccessVLAN, _ = strconv.Atoi(w[3])
		case len(w) > 4 && w[0] == "port" && w[1] == "trunk" && w[2] == "pvid":
			i.NativeVLAN, _ = strconv.Atoi(w[4])
		case len(w) > 3 && w[0] == "port" && w[1] == "trunk" && w[2] == "permit" && !neg:
			i.AllowedVLANs = strings.Join(w[4:], " ")
		case len(w) > 2 && w[0] == "ip" && w[1] == "address" && !neg:
			mask := ""
			if len(w) > 3 {
				mask = w[3]
			}
			b.addAddress(i, w[2], mask, c.Line)
		case len(w) > 2 && w[0] == "packet-filter" && !neg:
			dir, acl := w[len(w)-1], w[len(w)-2]
			if dir == "inbound" {
				i.ACLIn = acl
			} else if dir == "outbound" {
				i.ACLOut = acl
			}
		case w[0] == "port-security" && !neg:
			i.PortSecurity = true
		case w[0] == "dot1x" && !neg:
			i.Dot1X = true
		case len(w) > 1 && w[0] == "stp" && w[1] == "bpdu-protection" && !neg:
			i.BPDUGuard = true
		default:
			c.used = false
		}
	}
	if i.Mode == "" && i.AccessVLAN > 0 {
		i.Mode = "access"
	}
}

// comwareACL reads "acl number N" / "acl basic|advanced N" blocks of
// "rule [id] permit|deny [protocol] [source A W] [destination A W] ...".
func (b *builder) comwareACL(n *Node, w []string) {
	if w[0] == "number" || w[0] == "basic" || w[0] == "advanced" || w[0] == "ipv6" {
		w = w[1:]
	}
	if len(w) == 0 {
		n.used = false
		return
	}
	name := w[0]
	typ := "extended"
	if num, err := strconv.Atoi(name); err == nil && num >= 2000 && num < 3000 {
		typ = "standard"
	}
	a := b.acl(name, typ, n.Line)
	for _, c := range n.Children {
		cw := c.Words()
		if len(cw) < 2 || cw[0] != "rule" {
			continue
		}
		c.used = true
		cw = cw[1:]
		if _, err := strconv.Atoi(cw[0]); err == nil {
			cw = cw[1:]
		}
		if len(cw) == 0 {
			continue
		}
		e := Entry{Action: cw[0], Line: c.Line, Src: "any", Dst: "any"}
		rest := cw[1:]
		if len(rest) > 0 && rest[0] != "source" && rest[0] != "destination" {
			e.Protocol = rest[0]
			rest = rest[1:]
		}
		for k := 0; k < len(rest); k++ {
			arg := func() string {
				if k+1 >= len(rest) {
					return ""
				}
				x := rest[k+1]
				if x == "any" {
					return "any"
				}
				if k+2 < len(rest) && rest[k+2] != "" && rest[k+2][0] >= '0' && rest[k+2][0] <= '9' {
					return x + " " + rest[k+2]
				}
				return x
			}
			switch rest[k] {
			case "source":
				e.Src = arg()
			case "destination":
				e.Dst = arg()
			case "source-port":
				e.SrcPorts = strings.Join(rest[k+1:min(k+3, len(rest))], " ")
			case "destination-port":
				e.DstPorts = strings.Join(rest[k+1:min(k+3, len(rest))], " ")
			}
		}
		a.Entries = append(a.Entries, e)
	}
}
