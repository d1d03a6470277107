package zeek

import (
	"strings"
	"sync"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
	"github.com/slate-ot/slate/collectors/pcap/it"
	"github.com/slate-ot/slate/collectors/pcap/ot"
)

// services maps the service names Zeek and the ICSNPP parsers write in
// conn.log to slate's protocol names (evidence.WireProtocols). A service
// not listed names no protocol: the flow keeps Zeek's name in its facts.
var services = map[string]string{
	"bacnet":            "bacnet",
	"cip":               "enip",
	"cip_io":            "enip",
	"cotp":              "s7comm",
	"dnp3":              "dnp3",
	"dnp3_tcp":          "dnp3",
	"dnp3_udp":          "dnp3",
	"dns":               "dns",
	"enip":              "enip",
	"ftp":               "ftp",
	"http":              "http",
	"modbus":            "modbus",
	"ntp":               "ntp",
	"opcua_binary":      "opcua",
	"opcua-binary":      "opcua",
	"profinet_io_cm":    "profinet",
	"profinet":          "profinet",
	"rdp":               "rdp",
	"rdpeudp":           "rdp",
	"s7comm":            "s7comm",
	"s7comm_plus":       "s7comm",
	"smb":               "smb",
	"snmp":              "snmp",
	"ssh":               "ssh",
	"ssl":               "tls",
	"synchrophasor":     "c37118",
	"synchrophasor_tcp": "c37118",
	"synchrophasor_udp": "c37118",
	"iec104":            "iec104",
	"iec60870_5_104":    "iec104",
	"telnet":            "telnet",
	"vnc":               "vnc",
	"spicy_modbus":      "modbus",
	"spicy_dnp3":        "dnp3",
	"spicy_bacnet":      "bacnet",
	"spicy_s7comm":      "s7comm",
	"spicy_enip":        "enip",
	"spicy_profinet":    "profinet",
	"spicy_opcua":       "opcua",
	"spicy_ssh":         "ssh",
	"spicy_ssl":         "tls",
	"spicy_http":        "http",
	"spicy_rdp":         "rdp",
	"spicy_ftp":         "ftp",
	"spicy_dns":         "dns",
	"spicy_ntp":         "ntp",
	"spicy_snmp":        "snmp",
	"spicy_smb":         "smb",
	"spicy_telnet":      "telnet",
	"spicy_iec104":      "iec104",
	"spicy_synchro":     "c37118",
	"spicy_cip":         "enip",
	"spicy_cotp":        "s7comm",
	"spicy_dnp3_tcp":    "dnp3",
	"spicy_dnp3_udp":    "dnp3",
	"spicy_s7_plus":     "s7comm",
	"spicy_pn_io_cm":    "profinet",
	"spicy_opcua_bin":   "opcua",
}

// serviceProtocol is the protocol of one of conn.log's service names.
func serviceProtocol(s string) string {
	if p, ok := services[s]; ok {
		return p
	}
	// ICSNPP's Spicy analysers are sometimes written with a prefix.
	return services[strings.TrimPrefix(s, "spicy_")]
}

var (
	portsOnce sync.Once
	portIndex map[dissect.Port]string
)

// portProtocol labels a conversation Zeek named no service for by a
// registered port of a dissector, the responder's first, as the capture
// collector labels flows no dissector recognised.
func portProtocol(transport string, resp, orig uint16) string {
	portsOnce.Do(func() {
		portIndex = map[dissect.Port]string{}
		for _, d := range append(ot.Dissectors(), it.Dissectors()...) {
			for _, p := range d.Ports() {
				if _, ok := portIndex[p]; !ok {
					portIndex[p] = d.Name()
				}
			}
		}
	})
	tr := dissect.TCP
	if transport == "udp" {
		tr = dissect.UDP
	}
	if p, ok := portIndex[dissect.Port{Transport: tr, Number: resp}]; ok {
		return p
	}
	return portIndex[dissect.Port{Transport: tr, Number: orig}]
}

// vocab is an operation table of the capture dissectors, by code and by
// name folded (lower case, letters and digits only), so that a log's
// "READ_HOLDING_REGISTERS", "read-property" or "Get Attribute List" finds
// the dissector's name.
type vocab struct {
	byCode map[int]ot.OpName
	byName map[string]ot.OpName
}

var (
	vocabMu sync.Mutex
	vocabs  = map[string]*vocab{}
)

func vocabulary(table string) *vocab {
	vocabMu.Lock()
	defer vocabMu.Unlock()
	if v, ok := vocabs[table]; ok {
		return v
	}
	v := &vocab{byCode: map[int]ot.OpName{}, byName: map[string]ot.OpName{}}
	for _, o := range ot.Vocabulary(table) {
		v.byCode[o.Code] = o
		v.byName[fold(o.Name)] = o
	}
	vocabs[table] = v
	return v
}

// fold lowers s and keeps letters and digits only.
func fold(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteByte(c)
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		}
	}
	return b.String()
}

// lookup finds an operation by name, trying the aliases the logs use for
// the dissectors' names.
func (v *vocab) lookup(name string, aliases map[string]string) (ot.OpName, bool) {
	f := fold(name)
	if a, ok := aliases[f]; ok {
		f = a
	}
	o, ok := v.byName[f]
	return o, ok
}
