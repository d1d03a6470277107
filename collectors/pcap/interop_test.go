package pcap_test

import (
	"bufio"
	"bytes"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/slate-ot/slate/collectors/pcap"
)

// tsharkNames maps tshark's protocol names to slate's.
var tsharkNames = map[string]string{
	"mbtcp": "modbus", "modbus": "modbus", "dnp3": "dnp3", "s7comm": "s7comm", "s7comm-plus": "s7comm",
	"enip": "enip", "cip": "enip", "cipio": "enip", "bacnet": "bacnet", "bvlc": "bacnet", "bacapp": "bacnet",
	"iec60870_104": "iec104", "iec60870_asdu": "iec104", "opcua": "opcua", "pn_dcp": "profinet", "pn_rt": "profinet",
	"pn_io": "profinet", "pn_io_device": "profinet", "pn_io_controller": "profinet",
	"goose": "goose", "synphasor": "c37118", "ams": "ads", "telnet": "telnet", "ftp": "ftp", "http": "http",
	"snmp": "snmp", "tls": "tls", "ssh": "ssh", "rdp": "rdp", "smb": "smb", "smb2": "smb", "dns": "dns", "ntp": "ntp",
}

func tshark(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("tshark", args...).Output()
	if err != nil {
		t.Fatalf("tshark %s: %v", strings.Join(args, " "), err)
	}
	return string(out)
}

// TestTshark compares conversation counts and the protocols found with
// tshark's, for the protocols whose dissector is registered now.
func TestTshark(t *testing.T) {
	if _, err := exec.LookPath("tshark"); err != nil {
		t.Skip("tshark is not installed")
	}
	if testing.Short() {
		t.Skip("short")
	}
	dir, _ := filepath.Abs("testdata/corpus")
	registered := pcap.New().Protocols()
	for _, f := range corpusFiles(t, dir) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			_, data, err := collect(t, newSource(dir, []string{f}))
			if err != nil {
				t.Fatal(err)
			}
			out := tshark(t, "-r", f, "-q", "-z", "conv,tcp", "-z", "conv,udp", "-z", "io,phs")
			sections := map[string]string{}
			for _, part := range strings.Split(out, "=====") {
				switch {
				case strings.Contains(part, "TCP Conversations"):
					sections["tcp"] = part
				case strings.Contains(part, "UDP Conversations"):
					sections["udp"] = part
				case strings.Contains(part, "Protocol Hierarchy"):
					sections["phs"] = part
				}
			}
			for _, tr := range []string{"tcp", "udp"} {
				want := strings.Count(sections[tr], "<->")
				got := 0
				for _, fl := range data.Flows {
					if fl.Transport == tr {
						got++
					}
				}
				if got != want {
					t.Errorf("%s conversations: slate %d, tshark %d", tr, got, want)
				}
			}
			want := map[string]bool{}
			sc := bufio.NewScanner(bytes.NewBufferString(out))
			for sc.Scan() {
				fields := strings.Fields(sc.Text())
				if len(fields) == 3 && strings.HasPrefix(fields[1], "frames:") {
					if n, ok := tsharkNames[fields[0]]; ok && slices.Contains(registered, n) {
						want[n] = true
					}
				}
			}
			got := map[string]bool{}
			for _, p := range data.Protocols {
				if slices.Contains(registered, p.Name) {
					got[p.Name] = true
				}
			}
			for n := range want {
				if !got[n] {
					t.Errorf("tshark dissects %s, slate does not report it", n)
				}
			}
			for n := range got {
				if !want[n] {
					t.Errorf("slate reports %s, tshark does not dissect it", n)
				}
			}
		})
	}
}
