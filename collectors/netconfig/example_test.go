package netconfig_test

import (
	"fmt"

	"github.com/slate-ot/slate/collectors/netconfig"
	"github.com/slate-ot/slate/evidence"
)

// ParseDevice reads one configuration into the device model; the vendor is
// detected from the content when not given.
func ExampleParseDevice() {
	cfg := `version 15.2
service timestamps log datetime msec
hostname cell1-sw
username op password 7 0822455D0A16
snmp-server community public RO
line vty 0 4
 password 7 0822455D0A16
 login
 transport input telnet
`
	d, err := netconfig.ParseDevice(evidence.Source{}, "cell1-sw.cfg", []byte(cfg), "")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Vendor, d.Hostname, "telnet:", d.Management.Telnet.Enabled, "line", d.Management.Telnet.Line)
	fmt.Println("user", d.Users[0].Name, d.Users[0].Password.Class, d.Users[0].Password.Strength)
	fmt.Println("default community:", d.SNMP.Communities[0].Default, "line", d.SNMP.Communities[0].Line)
	// Output:
	// cisco_ios cell1-sw telnet: true line 6
	// user op cisco_type7 reversible
	// default community: true line 5
}
