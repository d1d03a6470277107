package it

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestCorpus runs all dissectors over the corpus captures and compares the
// flows they label and the facts they record with golden files.
func TestCorpus(t *testing.T) {
	files := []string{
		"ftp_ipv4.pcap", "http_vlan.pcap", "mixed_vlan_mpls.pcap", "rdp_to_ssl.pcap",
		"smb2_readwrite.pcap", "ssh_single_conn.pcap", "iec104_090813_diverse.pcap",
		"profinet_io_cm_mixed_1.pcap", "opcua_open62541_client-server_mainloop.pcap",
		"s7_wincc_s400_production.pcapng", "s7comm_plus.pcap", "modbus_example.pcap",
		"dnp3_example.pcap", "enip_cip_example.pcap", "bacnet_example.pcap", "c37118_1pmu_tcp.pcap",
		"beckhoff_ads_iplink_tc.pcapng", "modbus_4sics_geeklounge_min.pcap",
	}
	for _, name := range files {
		t.Run(name, func(t *testing.T) {
			res := runCapture(t, corpusFile(t, name), Dissectors())
			got, err := json.MarshalIndent(res, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "corpus", strings.TrimSuffix(name, filepath.Ext(name))+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if string(got) != string(want) {
				t.Errorf("%s differs from %s (run with -update and review the diff)", name, golden)
			}
		})
	}
}
