package traffic

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDeviceIdentities(t *testing.T) {
	tests := []struct {
		name     string
		protocol string
		attrs    map[string]string
		want     []Identity
	}{
		{"modbus device identification (modbus_example.pcap)", "modbus",
			map[string]string{"unit_ids": "1", "device_vendor": "Zeek Modbus Test", "product_code": "Protocol Parsing is fun!", "revision": "1.2.3.6"},
			[]Identity{{Vendor: "Zeek Modbus Test", OrderNumber: "Protocol Parsing is fun!", Firmware: "1.2.3.6",
				From: []string{"device_vendor", "product_code", "revision"}}}},
		{"s7 SZL (s7ident.pcap)", "s7comm",
			map[string]string{"firmware": "V3.2.6", "module_type": "CPU 315-2 PN/DP", "order_number": "6ES7 315-2EH14-0AB0", "src_tsap": "0x0100"},
			[]Identity{{Model: "CPU 315-2 PN/DP", OrderNumber: "6ES7 315-2EH14-0AB0", Firmware: "V3.2.6",
				From: []string{"firmware", "module_type", "order_number"}}}},
		{"bacnet device properties, firmware before application version", "bacnet",
			map[string]string{"model_name": "HIY-054", "firmware_revision": "4.2.1", "application_software_version": "0.5.7"},
			[]Identity{{Model: "HIY-054", Firmware: "4.2.1", From: []string{"firmware_revision", "model_name"}}}},
		{"bacnet with a version but no name says nothing", "bacnet",
			map[string]string{"application_software_version": "0.5.7"}, nil},
		{"snmp sysDescr with a labelled firmware", "snmp",
			map[string]string{"sys_descr": "Siemens, SIMATIC NET, SCALANCE X204-2, 6GK5 204-2BB10-2AA3, HW: Version 1, FW: Version V05.04.02, SVPL6147195"},
			[]Identity{{Model: "Siemens, SIMATIC NET, SCALANCE X204-2, 6GK5 204-2BB10-2AA3, HW: Version 1, FW: Version V05.04.02, SVPL6147195",
				Firmware: "V05.04.02", Banner: true, From: []string{"sys_descr"}}}},
		{"snmp sysDescr with two versions and no label: no firmware (snmpwalk-short.pcap)", "snmp",
			map[string]string{"sys_descr": "Linux ubuntu-512mb-sfo2-01 4.4.0-31-generic #50~14.04.1-Ubuntu SMP Wed Jul 13 01:07:32 UTC 2016 x86_64"},
			[]Identity{{Model: "Linux ubuntu-512mb-sfo2-01 4.4.0-31-generic #50~14.04.1-Ubuntu SMP Wed Jul 13 01:07:32 UTC 2016 x86_64",
				Banner: true, From: []string{"sys_descr"}}}},
		{"http Server header", "http", map[string]string{"server": "Apache/2.4.41 (Ubuntu)", "host": "hmi"},
			[]Identity{{Model: "Apache", Firmware: "2.4.41", CPE: "cpe:2.3:a:apache:http_server:2.4.41:*:*:*:*:*:*:*", Banner: true, From: []string{"server"}}}},
		{"http Server header of unknown software, two values", "http", map[string]string{"server": "Boa/0.94.14rc21|WebServer"},
			[]Identity{
				{Model: "Boa", Firmware: "0.94.14rc21", CPE: "cpe:2.3:a:boa:boa:0.94.14rc21:*:*:*:*:*:*:*", Banner: true, From: []string{"server"}},
				{Model: "WebServer", Banner: true, From: []string{"server"}},
			}},
		{"ssh version string (ssh_single_conn.pcap)", "ssh", map[string]string{"server_software": "OpenSSH_3.9p1", "client_software": "PuTTY"},
			[]Identity{{Model: "OpenSSH", Firmware: "3.9p1", CPE: "cpe:2.3:a:openbsd:openssh:3.9p1:*:*:*:*:*:*:*", Banner: true, From: []string{"server_software"}}}},
		{"ssh version string of embedded software", "ssh", map[string]string{"server_software": "RomSShell_4.62"},
			[]Identity{{Model: "RomSShell", Firmware: "4.62", Banner: true, From: []string{"server_software"}}}},
		{"tls certificate naming a product", "tls", map[string]string{"cert_subject": "C=DE, O=Siemens AG, OU=SIMATIC, CN=S7-1500 CPU"},
			[]Identity{{Vendor: "Siemens AG", Model: "SIMATIC S7-1500 CPU", Banner: true, From: []string{"cert_subject"}}}},
		{"tls certificate naming a host only (rdp_to_ssl.pcap)", "tls", map[string]string{"cert_subject": "CN=WIN2K8R2.awakecoding.ath.cx"}, nil},
		{"a protocol that identifies nothing", "dnp3", map[string]string{"unit_ids": "1"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DeviceIdentities(tt.protocol, tt.attrs)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
