package netconfig_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/slate-ot/slate/collectors/netconfig"
	"github.com/slate-ot/slate/evidence"
)

// fuzzVendor parses data as vendor (or detects it when vendor is ""): an
// error or a well-formed device, never a panic.
func fuzzVendor(f *testing.F, vendor string, seeds ...string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*", vendor+"*", "*"))
	if vendor == "" {
		files, _ = filepath.Glob(filepath.Join("testdata", "fixtures", "*"))
	}
	for _, path := range files {
		if raw, err := os.ReadFile(path); err == nil {
			f.Add(raw)
		}
	}
	src := newSource("/x", nil, nil)
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := netconfig.ParseDevice(src, "f.cfg", data, vendor)
		if err != nil {
			return
		}
		if d.UnknownLines < 0 || d.UnknownLines > d.ConfigLines {
			t.Fatalf("unknown %d of %d lines", d.UnknownLines, d.ConfigLines)
		}
		if _, err := evidence.Canonical(d); err != nil {
			t.Fatalf("encode: %v", err)
		}
	})
}

func FuzzIOS(f *testing.F) {
	fuzzVendor(f, netconfig.VendorIOS, "hostname a\nbanner motd ^C\nx\n^C\nline vty 0 4\n exec-timeout 1 2\n", "access-list 10 deny any\n")
}

func FuzzNXOS(f *testing.F) {
	fuzzVendor(f, netconfig.VendorNXOS, "feature telnet\ninterface Ethernet1/1\n  ip address 10.0.0.1/24\n", "banner motd #x#\n")
}

func FuzzASA(f *testing.F) {
	fuzzVendor(f, netconfig.VendorASA, "ASA Version 9.1\ninterface G0/0\n nameif inside\naccess-group A in interface inside\n",
		"object-group icmp-type E\n icmp-object echo\nobject-group group icmp-type G\n group-object E\n group-object G\n"+
			"object-group service S\n service-object tcp source eq 1 destination range 1 9 ! x\n service-object object O\n"+
			"object-group protocol P\n protocol-object tcp\naccess-list A extended permit object-group S any any\n"+
			"access-list A extended permit object-group P any object-group G\n")
}

func FuzzIOSXR(f *testing.F) {
	fuzzVendor(f, netconfig.VendorIOSXR, "router static\n address-family ipv4 unicast\n  0.0.0.0/0 10.0.0.1\n", "ntp\n server 1.2.3.4\n")
}

func FuzzEOS(f *testing.F) {
	fuzzVendor(f, netconfig.VendorEOS, "management api http-commands\n   no shutdown\nbanner login\nhi\nEOF\n")
}

func FuzzComware(f *testing.F) {
	fuzzVendor(f, netconfig.VendorComware, "#\n sysname a\n#\nheader motd %\nx\n%\nacl number 3000\n rule 0 deny ip\n")
}

func FuzzJunos(f *testing.F) {
	fuzzVendor(f, netconfig.VendorJunos, "system {\n  host-name \"a b\";\n}\n", "set system host-name a\nset firewall filter F term t then discard\n", "/* c\n*/ a { b [ c d ]; }\n",
		"set system ntp authentication-key 1 type md5 value k\nset protocols ospf area 0 interface x authentication md5 1 key k\nset system radius-server 1.1.1.1 secret <SCRUBBED>\n")
}

func FuzzDetect(f *testing.F) {
	fuzzVendor(f, "", "version 15.2\nservice timestamps log\n", "set system host-name a\n")
}
