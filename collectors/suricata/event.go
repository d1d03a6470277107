package suricata

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Event is one EVE record: the common section every event type shares and
// the sections of the types this collector reads. Fields it does not read
// are not decoded; a field it reads with the wrong JSON type is an error.
type Event struct {
	Timestamp string `json:"timestamp"`
	EventType string `json:"event_type"`
	// FlowID is Suricata's id of the flow, the same in every event of
	// one flow of one sensor run; nil when the event has none.
	FlowID   *uint64 `json:"flow_id"`
	Host     string  `json:"host"` // the sensor-name setting
	SrcIP    string  `json:"src_ip"`
	SrcPort  flexInt `json:"src_port"`
	DestIP   string  `json:"dest_ip"`
	DestPort flexInt `json:"dest_port"`
	Proto    flexStr `json:"proto"`
	AppProto string  `json:"app_proto"`
	// VLAN is Suricata's vlan array (outer id first); older versions
	// wrote one number.
	VLAN      vlans     `json:"vlan"`
	Direction string    `json:"direction"`
	Ether     *ether    `json:"ether"`
	Flow      *flow     `json:"flow"`
	Netflow   *netflow  `json:"netflow"`
	TCP       *tcpFlags `json:"tcp"`
	Alert     *alert    `json:"alert"`
	Anomaly   *anom     `json:"anomaly"`
	Modbus    *modbus   `json:"modbus"`
	DNP3      *dnp3     `json:"dnp3"`
	ENIP      *enip     `json:"enip"`
	TLS       *tlsEv    `json:"tls"`
	SSH       *sshEv    `json:"ssh"`
	HTTP      *httpEv   `json:"http"`
	SMB       *smbEv    `json:"smb"`
	RDP       *rdpEv    `json:"rdp"`
	SNMP      *snmpEv   `json:"snmp"`
	FTP       *ftpEv    `json:"ftp"`
	DHCP      *dhcpEv   `json:"dhcp"`
	DNS       *dnsEv    `json:"dns"`
	NTP       *ntpEv    `json:"ntp"`
}

type ether struct {
	SrcMAC  string `json:"src_mac"`
	DestMAC string `json:"dest_mac"`
}

type flow struct {
	PktsToServer  int64  `json:"pkts_toserver"`
	PktsToClient  int64  `json:"pkts_toclient"`
	BytesToServer int64  `json:"bytes_toserver"`
	BytesToClient int64  `json:"bytes_toclient"`
	Start         string `json:"start"`
	End           string `json:"end"`
	State         string `json:"state"`
	Reason        string `json:"reason"`
	Alerted       bool   `json:"alerted"`
	// SrcIP and the rest are set in the flow section of alerts (Suricata
	// 7 and later): the flow's own orientation, client first.
	SrcIP    string  `json:"src_ip"`
	DestIP   string  `json:"dest_ip"`
	SrcPort  flexInt `json:"src_port"`
	DestPort flexInt `json:"dest_port"`
}

// tcpFlags are the TCP flags a flow's packets carried, in hex, each way.
type tcpFlags struct {
	ToServer string `json:"tcp_flags_ts"`
	ToClient string `json:"tcp_flags_tc"`
}

// netflow is one direction of a flow (Suricata's netflow events).
type netflow struct {
	Pkts  int64  `json:"pkts"`
	Bytes int64  `json:"bytes"`
	Start string `json:"start"`
	End   string `json:"end"`
}

type alert struct {
	Action      string `json:"action"`
	GID         int64  `json:"gid"`
	SignatureID int64  `json:"signature_id"`
	Rev         int64  `json:"rev"`
	Signature   string `json:"signature"`
	Category    string `json:"category"`
	Severity    int64  `json:"severity"`
}

type anom struct {
	Type     string  `json:"type"`
	Event    string  `json:"event"`
	Layer    string  `json:"layer"`
	AppProto string  `json:"app_proto"`
	Code     flexInt `json:"code"`
}

type modbusMsg struct {
	FunctionRaw  *int64 `json:"function_raw"`
	FunctionCode string `json:"function_code"`
	UnitID       *int64 `json:"unit_id"`
	Exception    *struct {
		Raw  int64  `json:"raw"`
		Code string `json:"code"`
	} `json:"exception"`
	MEI *struct {
		Raw  int64  `json:"raw"`
		Code string `json:"code"`
	} `json:"mei"`
}

type modbus struct {
	Request  *modbusMsg `json:"request"`
	Response *modbusMsg `json:"response"`
}

type dnp3Msg struct {
	Type        string `json:"type"`
	Src         *int64 `json:"src"`
	Dst         *int64 `json:"dst"`
	Application *struct {
		FunctionCode *int64 `json:"function_code"`
	} `json:"application"`
	IIN *struct {
		Indicators []string `json:"indicators"`
	} `json:"iin"`
}

// dnp3 is a dnp3 event (its message at the top) or the dnp3 section of an
// alert (request and response).
type dnp3 struct {
	dnp3Msg
	Request  *dnp3Msg `json:"request"`
	Response *dnp3Msg `json:"response"`
}

type cip struct {
	Service   string `json:"service"`
	ClassName string `json:"class_name"`
	Status    string `json:"status"`
	Multiple  []cip  `json:"multiple"`
}

type enipMsg struct {
	Command  string `json:"command"`
	Status   string `json:"status"`
	CIP      *cip   `json:"cip"`
	Identity *struct {
		VendorID    string  `json:"vendor_id"`
		DeviceType  string  `json:"device_type"`
		ProductCode flexInt `json:"product_code"`
		ProductName string  `json:"product_name"`
		Revision    string  `json:"revision"`
	} `json:"identity"`
}

type enip struct {
	Request  *enipMsg `json:"request"`
	Response *enipMsg `json:"response"`
}

type tlsEv struct {
	Version  string `json:"version"`
	SNI      string `json:"sni"`
	Subject  string `json:"subject"`
	Issuer   string `json:"issuerdn"`
	NotAfter string `json:"notafter"`
	JA3      *struct {
		Hash string `json:"hash"`
	} `json:"ja3"`
	JA3S *struct {
		Hash string `json:"hash"`
	} `json:"ja3s"`
}

type sshEnd struct {
	ProtoVersion    string `json:"proto_version"`
	SoftwareVersion string `json:"software_version"`
}

type sshEv struct {
	Client *sshEnd `json:"client"`
	Server *sshEnd `json:"server"`
}

type httpEv struct {
	Hostname  string  `json:"hostname"`
	URL       string  `json:"url"`
	Method    string  `json:"http_method"`
	Status    flexInt `json:"status"`
	UserAgent string  `json:"http_user_agent"`
}

type smbEv struct {
	Command string `json:"command"`
	Dialect string `json:"dialect"`
	Share   string `json:"share"`
	NTLMSSP *struct {
		User   string `json:"user"`
		Domain string `json:"domain"`
	} `json:"ntlmssp"`
}

type rdpEv struct {
	EventType string  `json:"event_type"`
	Cookie    string  `json:"cookie"`
	Protocol  string  `json:"protocol"`
	ErrorCode flexInt `json:"error_code"`
	Reason    string  `json:"reason"`
	Client    *struct {
		Build      string `json:"build"`
		Version    string `json:"version"`
		ClientName string `json:"client_name"`
	} `json:"client"`
}

type snmpEv struct {
	Version   flexInt `json:"version"`
	PDUType   string  `json:"pdu_type"`
	Community *string `json:"community"`
	USM       string  `json:"usm"`
}

type ftpEv struct {
	Command     string   `json:"command"`
	CommandData *string  `json:"command_data"`
	Completion  []string `json:"completion_code"`
}

type dhcpEv struct {
	Type       string `json:"type"`
	DHCPType   string `json:"dhcp_type"`
	ClientMAC  string `json:"client_mac"`
	AssignedIP string `json:"assigned_ip"`
	ClientIP   string `json:"client_ip"`
	Hostname   string `json:"hostname"`
}

type dnsEv struct {
	Type   string `json:"type"`
	RRType string `json:"rrtype"`
	RCode  string `json:"rcode"`
	// Queries are the questions of an EVE version 3 record (Suricata 8).
	Queries []struct {
		RRType string `json:"rrtype"`
	} `json:"queries"`
}

type ntpEv struct {
	Version flexInt `json:"version"`
	Mode    flexInt `json:"mode"`
}

// flexInt is a whole number written as a JSON number or, by some writers
// and older versions, as a string of digits.
type flexInt struct {
	N   int64
	Set bool
}

func (f *flexInt) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	s := string(b)
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return fmt.Errorf("%s is not a whole number", excerpt(string(b)))
	}
	f.N, f.Set = n, true
	return nil
}

// flexStr is a string that some writers give as a number (an IP protocol
// without a name).
type flexStr string

func (f *flexStr) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexStr(s)
		return nil
	}
	if _, err := strconv.ParseInt(string(b), 10, 64); err != nil {
		return fmt.Errorf("%s is neither a name nor a number", excerpt(string(b)))
	}
	*f = flexStr(b)
	return nil
}

// vlans reads Suricata's vlan array, or the one number older versions
// wrote.
type vlans []int

func (v *vlans) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		return nil
	}
	if len(b) > 0 && b[0] == '[' {
		var ids []int
		if err := json.Unmarshal(b, &ids); err != nil {
			return errors.New("vlan must be an array of whole numbers")
		}
		*v = ids
		return nil
	}
	var id int
	if err := json.Unmarshal(b, &id); err != nil {
		return errors.New("vlan must be a whole number or an array of them")
	}
	*v = vlans{id}
	return nil
}

// DecodeEvent decodes one EVE line. A line that is not a JSON object, or
// whose fields this collector reads have the wrong type, is an error
// naming the field; it never panics.
func DecodeEvent(line []byte) (*Event, error) {
	line = bytes.TrimSpace(line)
	if len(line) == 0 || line[0] != '{' {
		return nil, fmt.Errorf("not a JSON object: %q", excerpt(string(line)))
	}
	var e Event
	if err := json.Unmarshal(line, &e); err != nil {
		return nil, decodeError(err)
	}
	if e.EventType == "" {
		return nil, errors.New("no event_type: not an EVE record")
	}
	return &e, nil
}

// decodeError words a JSON error for a person: which field, what it held.
func decodeError(err error) error {
	if te, ok := errors.AsType[*json.UnmarshalTypeError](err); ok {
		field := te.Field
		if field == "" {
			return fmt.Errorf("a JSON %s where an object was expected", te.Value)
		}
		return fmt.Errorf("field %s: a JSON %s where a %s was expected", field, te.Value, jsonKind(te.Type.Kind().String()))
	}
	if se, ok := errors.AsType[*json.SyntaxError](err); ok {
		return fmt.Errorf("not valid JSON at byte %d: %v", se.Offset, se)
	}
	return fmt.Errorf("not a valid EVE record: %v", err)
}

func jsonKind(k string) string {
	switch k {
	case "string":
		return "string"
	case "int", "int64", "uint64", "uint", "int32":
		return "number"
	case "bool":
		return "boolean"
	case "slice":
		return "array"
	case "ptr", "struct":
		return "value of another shape"
	}
	return k
}

func excerpt(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

// timeLayouts are the ways EVE writes timestamps: Suricata's own (an
// offset without colon), RFC 3339, and no zone (read as UTC).
var timeLayouts = []string{
	"2006-01-02T15:04:05.999999999-0700",
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
}

// parseTime reads an EVE timestamp into nanoseconds since the epoch.
func parseTime(s string) (int64, error) {
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UnixNano(), nil
		}
	}
	return 0, fmt.Errorf("%q is not a timestamp (want 2006-01-02T15:04:05.000000+0000)", excerpt(s))
}
