package netconfig_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/slate-ot/slate/collectors/netconfig"
)

// genConfig writes an IOS access switch configuration of about lines
// lines: ports, VLANs, ACLs and management, like a plant's real ones.
func genConfig(seed, lines int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "version 15.2\nservice timestamps log datetime msec\nhostname sw-%04d\n!\n", seed)
	b.WriteString("enable secret 9 $9$abcdefghijklmn$ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg\n")
	b.WriteString("username admin privilege 15 secret 9 $9$abcdefghijklmn$ABCDEFGHIJKLMNOPQRSTUVWXYZ012345\n")
	b.WriteString("snmp-server community s3cret RO 10\nlogging host 10.0.0.5\nntp server 10.0.0.6\n!\n")
	n := 8
	for v := 1; v <= 40; v++ {
		fmt.Fprintf(&b, "vlan %d\n name VLAN%d\n", v, v)
		n += 2
	}
	for a := 0; n < lines-200; a++ {
		fmt.Fprintf(&b, "ip access-list extended ACL-%d\n", a)
		for r := 0; r < 20; r++ {
			fmt.Fprintf(&b, " %d permit tcp 10.%d.%d.0 0.0.0.255 host 10.1.1.%d eq %d\n", (r+1)*10, a%250, r, r, 500+r)
		}
		b.WriteString(" 999 deny ip any any log\n!\n")
		n += 23
		for p := 1; p <= 24 && n < lines-200; p++ {
			fmt.Fprintf(&b, "interface GigabitEthernet%d/0/%d\n description port %d\n switchport mode access\n switchport access vlan %d\n spanning-tree bpduguard enable\n!\n", a, p, p, p%40+1)
			n += 6
		}
	}
	b.WriteString("line con 0\n exec-timeout 5 0\nline vty 0 4\n access-class 10 in\n transport input ssh\n!\nend\n")
	return []byte(b.String())
}

// BenchmarkParse1000Configs parses 1,000 generated ~2,000-line
// configurations per iteration; the target is under 5 s on 2 cores.
func BenchmarkParse1000Configs(b *testing.B) {
	const configs = 1000
	var inputs [][]byte
	for i := range configs {
		inputs = append(inputs, genConfig(i, 2000))
	}
	src := newSource("/x", nil, nil)
	if n := strings.Count(string(inputs[0]), "\n"); n < 1800 || n > 2200 {
		b.Fatalf("generated config has %d lines, want about 2,000", n)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, raw := range inputs {
			if _, err := netconfig.ParseDevice(src, "sw.cfg", raw, ""); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(configs)*float64(b.N)/b.Elapsed().Seconds(), "configs/s")
}
