package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/slate-ot/slate/internal/benchsite"
)

// configs writes the Cisco IOS configurations of the site's devices, as
// engine's BenchmarkScale models them: 48-port access switches in one zone
// each, and a redundant pair of firewalls per zone (layer-3 devices with an
// inbound ACL on the interface of each zone they route: their own and two
// others). Every tenth device of each kind breaks one check.
func (s *site) configs(dir string) (int, error) {
	for n := range s.size.Devices {
		name, text := s.device(n)
		if err := writeText(filepath.Join(dir, "evidence", "configs", name+".cfg"), text); err != nil {
			return 0, err
		}
	}
	return s.size.Devices, nil
}

func writeText(path, text string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	w.WriteString(text)
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// device is the name and configuration of device n.
func (s *site) device(n int) (string, string) {
	zones := benchsite.Zones
	zi := n % len(zones)
	z := zones[zi]
	boundary := n < min(2*len(zones), max(2, s.size.Devices/4))
	name := fmt.Sprintf("sw-%s-%03d", z.Name, n)
	if boundary {
		name = fmt.Sprintf("fw-%s-%03d", z.Name, n)
	}
	var c strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&c, format+"\n", args...) }
	p("!\n! Last configuration change at 09:12:44 UTC Tue Oct 14 2026 by admin\n!")
	p("version 17.9")
	p("service timestamps debug datetime msec")
	p("service timestamps log datetime msec")
	p("service password-encryption")
	p("!\nhostname %s\n!", name)
	p("enable secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM")
	p("!\nusername admin privilege 15 secret 9 $9$2MJBozw/9R3UsU$2ZT4lQXxf0Z7XWCzgqYy0rE/n.0hXtq0yVWUvOaTzr.")
	if n%10 == 3 { // a reversible local password
		p("username maint privilege 15 password 7 0822455D0A16")
	}
	p("!\naaa new-model")
	p("aaa authentication login default group tacacs+ local")
	p("aaa authorization exec default group tacacs+ local")
	p("aaa accounting exec default start-stop group tacacs+")
	p("tacacs server TAC-1\n address ipv4 10.11.0.5\n key 6 FHeJ^aeGLGgRSPSEVfAKfX[B`gOEXSaAAB")
	p("security passwords min-length 12")
	p("!\nip domain name plant.example")
	p("ip ssh version 2")
	p("lldp run\nno cdp run\n!")
	p("vlan %d\n name %s\nvlan 999\n name PARKING\n!", z.VLAN, strings.ToUpper(z.Name))
	for port := 1; port <= 48; port++ {
		p("interface GigabitEthernet1/0/%d", port)
		if port > 44 { // spare ports, parked and shut down
			p(" description unused\n switchport mode access\n switchport access vlan 999")
			if !(n%7 == 3 && port == 48) { // spare_ports: one left open
				p(" shutdown")
			}
		} else {
			p(" description %s-%05d\n switchport mode access\n switchport access vlan %d", z.Name, (n*48+port)%10000, z.VLAN)
			p(" switchport port-security\n spanning-tree bpduguard enable")
		}
		p("!")
	}
	p("interface TenGigabitEthernet1/1/1\n description uplink\n switchport mode trunk\n switchport trunk native vlan 999\n switchport trunk allowed vlan %d\n!", z.VLAN)
	svi := func(zj int, acl string) {
		zz := zones[zj]
		p("interface Vlan%d\n description %s\n ip address 10.%d.0.1 255.255.0.0", zz.VLAN, zz.Name, 10+zj)
		if acl != "" {
			p(" ip access-group %s in", acl)
		}
		p("!")
	}
	var acls strings.Builder
	if boundary {
		for j, zj := range []int{zi, (zi + 1) % len(zones), (zi + 5) % len(zones)} {
			acl := strings.ToUpper(zones[zj].Name) + "-IN"
			switch {
			case n == 1 && j == 1: // boundary_acl: no inbound ACL
				acl = ""
			case n == 2 && j == 2: // boundary_acl: an ACL that is not defined
				acl = "MISSING-IN"
			}
			svi(zj, acl)
			if acl == "" || acl == "MISSING-IN" {
				continue
			}
			fmt.Fprintf(&acls, "ip access-list extended %s\n", acl)
			fmt.Fprintf(&acls, " permit tcp 10.13.0.0 0.0.255.255 any eq 102\n permit udp any host 10.11.0.1 eq 123\n")
			// The traffic of the conduits out of the zone is let through.
			for _, cd := range benchsite.Conduits {
				if cd.From == zones[zj].Name {
					fmt.Fprintf(&acls, " permit %s 10.%d.0.0 0.0.255.255 10.%d.0.0 0.0.255.255 eq %d\n", cd.Transport, 10+zj, 10+benchsite.ZoneIndex(cd.To), cd.Port)
				}
			}
			if n != 0 || j != 0 { // boundary_acl: one without a final deny
				acls.WriteString(" deny ip any any\n")
			}
			acls.WriteString("!\n")
		}
		p("router ospf 1\n network 10.0.0.0 0.255.255.255 area 0\n!")
		for r := range 4 {
			p("ip route 172.%d.0.0 255.255.0.0 10.%d.0.254", 20+r, 10+zi)
		}
	} else {
		svi(zi, "")
	}
	if n%10 == 2 {
		p("ip http server")
	}
	p("ip http secure-server\n!")
	p("ip access-list standard MGMT\n permit 10.11.0.0 0.0.255.255\n deny any\n!")
	c.WriteString(acls.String())
	if n%10 == 4 {
		p("snmp-server community public RO")
	}
	p("snmp-server group NMS v3 priv")
	p("snmp-server host 10.11.0.9 version 3 priv nms\n!")
	if n%10 != 5 {
		p("logging host 10.11.0.10")
	}
	p("logging buffered 64000\nlogging trap informational\n!")
	if n%10 != 6 {
		p("ntp authentication-key 1 md5 104D000A0618 7\nntp authenticate\nntp trusted-key 1\nntp server 10.11.0.1 key 1\n!")
	}
	if n%10 != 7 {
		p("banner login ^C\nAuthorised access only. Activity is logged.\n^C\n!")
	}
	p("line con 0\n exec-timeout 10 0\n login authentication default")
	p("line vty 0 4\n access-class MGMT in\n exec-timeout 10 0")
	if n%10 == 1 {
		p(" transport input telnet ssh")
	} else {
		p(" transport input ssh")
	}
	p("line vty 5 15")
	if n%10 != 8 {
		p(" access-class MGMT in\n exec-timeout 10 0")
	} else {
		p(" exec-timeout 0 0")
	}
	p(" transport input ssh\n!\nend")
	return name, c.String()
}
