// Package it dissects IT protocols that matter when seen in OT networks:
// telnet, FTP, HTTP (with Basic authentication), SNMP v1/v2c, TLS, SSH, RDP,
// SMB, DNS and NTP — including the cleartext credentials some carry, which
// are recorded as facts and fingerprints, never as secrets.
package it

import "github.com/slate-ot/slate/collectors/pcap/dissect"

// Dissectors returns the dissectors of this package, sorted by name.
func Dissectors() []dissect.Dissector { return nil }
