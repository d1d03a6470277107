package suricata

import (
	"strconv"
	"strings"
	"sync"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
	"github.com/slate-ot/slate/collectors/pcap/it"
	"github.com/slate-ot/slate/collectors/pcap/ot"
)

// The handlers below record an app-layer event's facts as the capture
// dissectors record the same protocol's (collectors/pcap/ot and it): the
// same operation names, codes and classes (ot.Vocabulary) and the same
// attribute keys, so that every check reads them alike.

var (
	vocabOnce sync.Once
	vocabs    map[string]map[int]ot.OpName
)

// op returns the dissectors' operation of a code in one of their tables.
func op(table string, code int) (ot.OpName, bool) {
	vocabOnce.Do(func() {
		vocabs = map[string]map[int]ot.OpName{}
		for _, t := range []string{"modbus", "dnp3", "enip", "cip", "cip_connection_manager"} {
			m := map[int]ot.OpName{}
			for _, o := range ot.Vocabulary(t) {
				m[o.Code] = o
			}
			vocabs[t] = m
		}
	})
	o, ok := vocabs[table][code]
	return o, ok
}

// setProtocol names the flow's protocol from the event type, where slate
// has a name for it.
func setProtocol(f *flowAcc, suricataName string) {
	if f.appProto == "" || f.appProto == "failed" {
		f.appProto = suricataName
	}
}

func modbusEvent(_ *aggregate, f *flowAcc, e *Event) error {
	setProtocol(f, "modbus")
	m := e.Modbus
	if m == nil {
		return nil
	}
	var name string
	var code int
	if r := m.Request; r != nil && r.FunctionRaw != nil {
		code = int(*r.FunctionRaw) &^ 0x80
		o, ok := op("modbus", code)
		if !ok {
			o = ot.OpName{Code: code, Name: "user_defined", Class: dissect.ClassProgram}
		}
		if code == 43 && r.MEI != nil {
			switch r.MEI.Raw {
			case 14:
				o.Name = "read_device_identification"
			case 13:
				o.Name = "canopen_general_reference"
			}
		}
		name = o.Name
		if r.UnitID != nil {
			f.rec.Attr("unit_ids", strconv.FormatInt(*r.UnitID, 10))
		}
		f.rec.Op(o.Class, o.Name, code)
	}
	if r := m.Response; r != nil && r.FunctionRaw != nil {
		raw := int(*r.FunctionRaw)
		base := raw &^ 0x80
		if name == "" {
			o, ok := op("modbus", base)
			if !ok {
				o.Name = "user_defined"
			}
			name = o.Name
		}
		if r.UnitID != nil {
			f.rec.Attr("unit_ids", strconv.FormatInt(*r.UnitID, 10))
		}
		if r.Exception != nil || raw&0x80 != 0 {
			f.rec.Op(dissect.ClassError, name, base|0x80)
			exc := "unknown"
			if r.Exception != nil {
				exc = strconv.FormatInt(r.Exception.Raw, 10) + " (" + r.Exception.Code + ")"
			}
			unit := ""
			if r.UnitID != nil {
				unit = " from unit " + strconv.FormatInt(*r.UnitID, 10)
			}
			f.rec.Event("modbus_exception", "exception "+exc+" to "+name+" (function "+strconv.Itoa(base)+")"+unit)
		} else {
			f.rec.Op(dissect.ClassResponse, name, base)
		}
	}
	return nil
}

func dnp3Event(_ *aggregate, f *flowAcc, e *Event) error {
	setProtocol(f, "dnp3")
	d := e.DNP3
	if d == nil {
		return nil
	}
	for _, m := range []*dnp3Msg{&d.dnp3Msg, d.Request, d.Response} {
		if m == nil || m.Application == nil || m.Application.FunctionCode == nil {
			continue
		}
		fc := int(*m.Application.FunctionCode)
		o, ok := op("dnp3", fc)
		if !ok {
			o = ot.OpName{Code: fc, Name: "function_" + strconv.Itoa(fc), Class: dissect.ClassProgram}
		}
		f.rec.Op(o.Class, o.Name, fc)
		switch fc {
		case 13, 14:
			f.rec.Event("dnp3_restart", o.Name+" requested")
		case 18:
			f.rec.Event("dnp3_stop_application", "stop_application requested")
		case 130:
			src := ""
			if m.Src != nil {
				src = " from outstation " + strconv.FormatInt(*m.Src, 10)
			}
			f.rec.Event("dnp3_unsolicited_response", "unsolicited response"+src)
		case 32, 33, 131:
			f.rec.Attr("secure_authentication", "true")
		}
		if (fc == 129 || fc == 130) && m.IIN != nil {
			for _, ind := range m.IIN.Indicators {
				if ind == "no_func_code_support" {
					f.rec.Op(dissect.ClassError, "function_code_not_supported", fc)
				}
			}
		}
	}
	return nil
}

// enipCommands are Suricata's names for the encapsulation commands (its
// enum names in snake case) and their codes.
var enipCommands = map[string]int{
	"nop": 0, "list_services": 4, "list_identity": 0x63, "list_interfaces": 0x64,
	"register_session": 0x65, "unregister_session": 0x66, "send_r_r_data": 0x6f, "send_rr_data": 0x6f,
	"send_unit_data": 0x70, "indicate_status": 0x72, "cancel": 0x73,
}

// cipServices are Suricata's names for the CIP services it names.
var cipServices = map[string]int{
	"get attributes all": 0x01, "set attributes all": 0x02, "get attribute list": 0x03, "set attribute list": 0x04,
	"reset": 0x05, "start": 0x06, "stop": 0x07, "create": 0x08, "delete": 0x09, "multiple service packet": 0x0a,
	"apply attributes": 0x0d, "get attributes single": 0x0e, "get attribute single": 0x0e,
	"set attributes single": 0x10, "set attribute single": 0x10, "find next object instance": 0x11,
	"restore": 0x15, "save": 0x16, "no forward open": 0x17, "get member": 0x18, "set member": 0x19,
	"insert member": 0x1a, "remove member": 0x1b, "group sync": 0x1c, "get connection point member list": 0x1d,
	"execute pccc service": 0x4b, "read data": 0x4c, "write data": 0x4d, "read write modify data": 0x4e,
	"read data fragmented": 0x52, "write data fragmented": 0x53, "forward open": 0x54,
}

// unknownCode reads Suricata's "unknown-N" for a value it has no name for.
func unknownCode(s string) (int, bool) {
	n, ok := strings.CutPrefix(s, "unknown-")
	if !ok {
		return 0, false
	}
	v, err := strconv.Atoi(n)
	return v, err == nil
}

func enipEvent(_ *aggregate, f *flowAcc, e *Event) error {
	setProtocol(f, "enip")
	d := e.ENIP
	if d == nil {
		return nil
	}
	for i, m := range []*enipMsg{d.Request, d.Response} {
		if m == nil {
			continue
		}
		response := i == 1
		if m.Command != "" {
			code, ok := enipCommands[strings.ToLower(m.Command)]
			if !ok {
				code, ok = unknownCode(m.Command)
			}
			if ok {
				o, known := op("enip", code)
				if !known {
					o = ot.OpName{Code: code, Name: "command_" + hex4(code), Class: dissect.ClassSession}
				}
				if response && code != 0x6f && code != 0x70 {
					f.rec.Op(dissect.ClassResponse, o.Name, code)
				} else {
					f.rec.Op(o.Class, o.Name, code)
				}
				if m.Status != "" && !strings.EqualFold(m.Status, "success") {
					f.rec.Op(dissect.ClassError, "encapsulation_status_"+strings.ToLower(m.Status), code)
				}
			}
		}
		if m.CIP != nil {
			cipRecord(f, m.CIP, response, 0)
		}
		if id := m.Identity; id != nil && response {
			if id.VendorID != "" {
				f.rec.Attr("device_vendor", id.VendorID)
			}
			if id.ProductCode.Set {
				f.rec.Attr("product_code", strconv.FormatInt(id.ProductCode.N, 10))
			}
			if id.Revision != "" {
				f.rec.Attr("revision", id.Revision)
			}
			if id.ProductName != "" {
				f.rec.Attr("product_name", id.ProductName)
			}
			if id.DeviceType != "" {
				f.rec.Attr("device_type", id.DeviceType)
			}
		}
	}
	return nil
}

func cipRecord(f *flowAcc, c *cip, response bool, depth int) {
	if c.Service != "" {
		code, ok := cipServices[strings.ToLower(c.Service)]
		if !ok {
			code, ok = unknownCode(c.Service)
		}
		if ok {
			code &^= 0x80
			o, known := op("cip", code)
			if strings.EqualFold(c.ClassName, "connection manager") || strings.EqualFold(c.ClassName, "connectionmanager") {
				if cm, isCM := op("cip_connection_manager", code); isCM {
					o, known = cm, true
				}
			}
			if !known {
				o = ot.OpName{Code: code, Name: "service_" + hex4(code), Class: dissect.ClassWrite}
			}
			switch {
			case response && c.Status != "" && !strings.EqualFold(c.Status, "success") && !strings.EqualFold(c.Status, "partial transfer"):
				f.rec.Op(dissect.ClassError, o.Name, code|0x80)
			case response:
				f.rec.Op(dissect.ClassResponse, o.Name, code|0x80)
			default:
				f.rec.Op(o.Class, o.Name, code)
				switch {
				case code == 0x05 && strings.EqualFold(c.ClassName, "identity"):
					f.rec.Event("cip_reset", "CIP Reset of the Identity object (device restart) requested")
				case code == 0x06 || code == 0x07:
					f.rec.Event("cip_"+o.Name, "CIP "+o.Name+" requested on class "+c.ClassName)
				}
			}
		}
	}
	if depth == 0 {
		for i := range c.Multiple {
			cipRecord(f, &c.Multiple[i], response, depth+1)
		}
	}
}

func hex4(n int) string {
	s := strconv.FormatInt(int64(n), 16)
	for len(s) < 4 {
		s = "0" + s
	}
	return "0x" + s
}

// tlsVersions maps Suricata's version names to the capture dissector's.
var tlsVersions = map[string]string{
	"SSLv2": "SSL2.0", "SSLv3": "SSL3.0", "TLSv1": "TLS1.0", "TLS 1.0": "TLS1.0", "TLS 1.1": "TLS1.1",
	"TLS 1.2": "TLS1.2", "TLS 1.3": "TLS1.3",
}

func tlsEvent(_ *aggregate, f *flowAcc, e *Event) error {
	setProtocol(f, "tls")
	t := e.TLS
	if t == nil {
		return nil
	}
	f.rec.Op(dissect.ClassSession, "client_hello", 1)
	if v := t.Version; v != "" && v != "UNDETERMINED" {
		if n, ok := tlsVersions[v]; ok {
			v = n
		} else if strings.HasPrefix(v, "TLS 1.3") {
			v = "TLS1.3"
		}
		f.rec.Op(dissect.ClassSession, "server_hello", 2)
		f.rec.Attr("version", v)
		if it.TLSDeprecated(v) || v == "SSL2.0" {
			f.rec.Attr("deprecated_version", v)
		}
	}
	if t.SNI != "" {
		f.rec.Attr("sni", clip(t.SNI, 128))
	}
	if t.Subject != "" {
		f.rec.Attr("cert_subject", clip(t.Subject, 128))
	}
	if t.Issuer != "" {
		f.rec.Attr("cert_issuer", clip(t.Issuer, 128))
	}
	if t.NotAfter != "" {
		f.rec.Attr("cert_not_after", clip(t.NotAfter, 32))
	}
	if t.JA3 != nil && t.JA3.Hash != "" {
		f.rec.Attr("ja3", clip(t.JA3.Hash, 64))
	}
	if t.JA3S != nil && t.JA3S.Hash != "" {
		f.rec.Attr("ja3s", clip(t.JA3S.Hash, 64))
	}
	return nil
}

func sshEvent(_ *aggregate, f *flowAcc, e *Event) error {
	setProtocol(f, "ssh")
	s := e.SSH
	if s == nil {
		return nil
	}
	for i, end := range []*sshEnd{s.Client, s.Server} {
		if end == nil || end.ProtoVersion == "" {
			continue
		}
		f.rec.Op(dissect.ClassSession, "banner", -1)
		proto, sw := clip(end.ProtoVersion, 16), ""
		// Read as the capture dissector reads the banner, so that the
		// software ends at the first space as there.
		if p, s, ok := it.SSHBanner("SSH-" + end.ProtoVersion + "-" + end.SoftwareVersion); ok {
			proto, sw = p, s
		} else if end.SoftwareVersion != "" {
			sw = clip(end.SoftwareVersion, 64)
		}
		f.rec.Attr("version", proto)
		if proto != "2.0" {
			f.rec.Attr("ssh1", "true")
		}
		if sw != "" {
			f.rec.Attr([2]string{"client_software", "server_software"}[i], sw)
		}
	}
	return nil
}

// httpMethods class HTTP methods as the capture dissector does.
var httpMethods = map[string]string{
	"GET": dissect.ClassRead, "HEAD": dissect.ClassRead, "OPTIONS": dissect.ClassRead,
	"TRACE": dissect.ClassDiagnostic, "CONNECT": dissect.ClassSession,
	"POST": dissect.ClassWrite, "PUT": dissect.ClassWrite, "DELETE": dissect.ClassWrite, "PATCH": dissect.ClassWrite,
	"PROPFIND": dissect.ClassRead, "PROPPATCH": dissect.ClassWrite, "MKCOL": dissect.ClassWrite,
	"COPY": dissect.ClassWrite, "MOVE": dissect.ClassWrite, "LOCK": dissect.ClassWrite, "UNLOCK": dissect.ClassWrite,
}

// httpEvent keeps the method, status, host and user agent. Headers (with
// any Authorization header) are not decoded at all, so no credential or
// token can reach the evidence; the URL is not kept either, since query
// strings carry tokens and passwords.
func httpEvent(_ *aggregate, f *flowAcc, e *Event) error {
	setProtocol(f, "http")
	h := e.HTTP
	if h == nil {
		return nil
	}
	if c, ok := httpMethods[h.Method]; ok {
		f.rec.Op(c, h.Method, -1)
	}
	if h.Status.Set {
		n := int(h.Status.N)
		if n >= 400 {
			f.rec.Op(dissect.ClassError, "status", n)
		} else {
			f.rec.Op(dissect.ClassResponse, "status", n)
		}
	}
	if h.Hostname != "" {
		f.rec.Attr("host", clip(h.Hostname, 64))
	}
	if h.UserAgent != "" {
		f.rec.Attr("user_agent", clip(h.UserAgent, 128))
	}
	return nil
}

func smbEvent(_ *aggregate, f *flowAcc, e *Event) error {
	setProtocol(f, "smb")
	s := e.SMB
	if s == nil {
		return nil
	}
	if d := s.Dialect; d != "" && d != "unknown" {
		switch {
		case d == "NT LM 0.12" || strings.HasPrefix(d, "PC NETWORK") || strings.HasPrefix(d, "LANMAN"):
			f.rec.Attr("version", "1")
			f.rec.Attr("smb1", "true")
		default:
			f.rec.Attr("smb2", "true")
			f.rec.Attr("version", clip(d, 8))
		}
	}
	if c := s.Command; c != "" {
		name := strings.ToLower(c)
		name = strings.TrimPrefix(strings.TrimPrefix(name, "smb2_command_"), "smb1_command_")
		f.rec.Op(smbClass(name), name, -1)
	}
	if s.Share != "" {
		f.rec.Attr("shares", clip(s.Share, 128))
	}
	if n := s.NTLMSSP; n != nil && n.User != "" {
		f.rec.Attr("ntlm_user", clip(n.User, 64))
	}
	return nil
}

// smbClass classes an SMB command by its name as Suricata writes it.
func smbClass(name string) string {
	switch {
	case strings.Contains(name, "write") || strings.Contains(name, "set_info") || strings.Contains(name, "rename") ||
		strings.Contains(name, "delete"):
		return dissect.ClassWrite
	case strings.Contains(name, "read") || strings.Contains(name, "query") || strings.Contains(name, "find") ||
		strings.Contains(name, "create") || strings.Contains(name, "open"):
		return dissect.ClassRead
	case strings.Contains(name, "ioctl") || strings.Contains(name, "trans"):
		return dissect.ClassDiagnostic
	}
	return dissect.ClassSession
}

// rdpProtocols maps Suricata's names of the security protocol a server
// selected to the capture dissector's.
var rdpProtocols = map[string]string{
	"rdp": "rdp", "ssl": "tls", "hybrid": "credssp", "rds_tls": "rdstls", "hybrid_ex": "credssp_early_auth",
}

func rdpEvent(_ *aggregate, f *flowAcc, e *Event) error {
	setProtocol(f, "rdp")
	r := e.RDP
	if r == nil {
		return nil
	}
	switch r.EventType {
	case "initial_request":
		f.rec.Op(dissect.ClassSession, "connection_request", 0xe0)
		if r.Cookie != "" {
			f.rec.Attr("user_hint", clip(r.Cookie, 64))
		}
	case "initial_response":
		f.rec.Op(dissect.ClassSession, "connection_confirm", 0xd0)
		if r.Protocol != "" {
			sel, ok := rdpProtocols[r.Protocol]
			if !ok {
				sel = "other"
			}
			f.rec.Attr("selected", sel)
			if sel == "credssp" || sel == "credssp_early_auth" {
				f.rec.Attr("nla", "true")
			} else {
				f.rec.Attr("nla", "false")
			}
		}
		if r.ErrorCode.Set || r.Reason != "" {
			f.rec.Op(dissect.ClassError, "negotiation_failure", int(r.ErrorCode.N))
			f.rec.Event("rdp_negotiation_failure", "RDP security negotiation failed: "+clip(r.Reason, 64))
		}
	case "connect_request":
		if c := r.Client; c != nil {
			if c.Build != "" {
				f.rec.Attr("client_build", clip(c.Build, 64))
			}
			if c.Version != "" {
				f.rec.Attr("client_version", clip(c.Version, 16))
			}
		}
	}
	return nil
}

// snmpPDUs maps Suricata's PDU type names to the capture dissector's
// operations (name, class, PDU tag).
var snmpPDUs = map[string]ot.OpName{
	"get_request": {Code: 0, Name: "get", Class: dissect.ClassRead}, "get_next_request": {Code: 1, Name: "getnext", Class: dissect.ClassRead},
	"response": {Code: 2, Name: "response", Class: dissect.ClassResponse}, "set_request": {Code: 3, Name: "set", Class: dissect.ClassWrite},
	"trap_v1": {Code: 4, Name: "trap", Class: dissect.ClassResponse}, "get_bulk_request": {Code: 5, Name: "getbulk", Class: dissect.ClassRead},
	"inform_request": {Code: 6, Name: "inform", Class: dissect.ClassResponse}, "trap_v2": {Code: 7, Name: "trap", Class: dissect.ClassResponse},
	"report": {Code: 8, Name: "report", Class: dissect.ClassResponse},
}

// snmpEvent keeps the version and PDU; a community (v1, v2c) is a secret:
// it goes to the recorder, which keeps its strength class and, for a long
// one, the site-keyed fingerprint, and never the community itself.
func snmpEvent(_ *aggregate, f *flowAcc, e *Event) error {
	setProtocol(f, "snmp")
	s := e.SNMP
	if s == nil {
		return nil
	}
	switch s.Version.N {
	case 1:
		f.rec.Attr("version", "1")
	case 2:
		f.rec.Attr("version", "2c")
	case 3:
		f.rec.Attr("version", "3")
		f.rec.Op(dissect.ClassSession, "v3_message", -1)
	}
	if o, ok := snmpPDUs[s.PDUType]; ok {
		f.rec.Op(o.Class, o.Name, o.Code)
	}
	if s.Community != nil && s.Version.N != 3 {
		c := []byte(*s.Community)
		f.rec.Credential("snmp_community", "", c, it.DefaultCommunity(*s.Community))
		clear(c)
	}
	return nil
}

// ftpClasses class the FTP commands Suricata logs as the capture
// dissector classes them.
var ftpClasses = map[string]string{
	"USER": dissect.ClassSession, "PASS": dissect.ClassSession, "ACCT": dissect.ClassSession, "QUIT": dissect.ClassSession,
	"AUTH": dissect.ClassSession, "PORT": dissect.ClassSession, "PASV": dissect.ClassSession, "EPRT": dissect.ClassSession,
	"EPSV": dissect.ClassSession, "TYPE": dissect.ClassSession, "MODE": dissect.ClassSession, "STRU": dissect.ClassSession,
	"NOOP": dissect.ClassSession, "FEAT": dissect.ClassSession, "OPTS": dissect.ClassSession, "PBSZ": dissect.ClassSession,
	"PROT": dissect.ClassSession, "REIN": dissect.ClassSession, "ABOR": dissect.ClassSession,
	"RETR": dissect.ClassRead, "LIST": dissect.ClassRead, "NLST": dissect.ClassRead, "MLSD": dissect.ClassRead,
	"MLST": dissect.ClassRead, "SIZE": dissect.ClassRead, "MDTM": dissect.ClassRead, "PWD": dissect.ClassRead,
	"CWD": dissect.ClassRead, "CDUP": dissect.ClassRead, "STAT": dissect.ClassRead, "SYST": dissect.ClassRead, "HELP": dissect.ClassRead,
	"STOR": dissect.ClassProgram, "STOU": dissect.ClassProgram, "APPE": dissect.ClassProgram,
	"DELE": dissect.ClassWrite, "RMD": dissect.ClassWrite, "MKD": dissect.ClassWrite, "RNFR": dissect.ClassWrite,
	"RNTO": dissect.ClassWrite, "SITE": dissect.ClassWrite, "ALLO": dissect.ClassWrite, "REST": dissect.ClassSession,
}

// ftpEvent keeps the command. USER gives the account name; PASS gives a
// credential fact through the recorder (strength class, keyed
// fingerprint), never the password: the command data of PASS is read
// into the recorder and nowhere else.
func ftpEvent(a *aggregate, f *flowAcc, e *Event) error {
	setProtocol(f, "ftp")
	d := e.FTP
	if d == nil || d.Command == "" {
		return nil
	}
	cmd := strings.ToUpper(d.Command)
	class, ok := ftpClasses[cmd]
	if !ok {
		class = dissect.ClassSession
	}
	f.rec.Op(class, clip(cmd, 8), -1)
	switch cmd {
	case "USER":
		if d.CommandData != nil {
			f.ftpUser = clip(*d.CommandData, 64)
			if strings.EqualFold(f.ftpUser, "anonymous") || strings.EqualFold(f.ftpUser, "ftp") {
				f.rec.Attr("anonymous", "true")
			}
		}
	case "PASS":
		if d.CommandData != nil && f.ftpUser != "" && !strings.EqualFold(f.ftpUser, "anonymous") && !strings.EqualFold(f.ftpUser, "ftp") {
			secret := []byte(*d.CommandData)
			f.rec.Credential("ftp_login", f.ftpUser, secret, it.DefaultLogin(f.ftpUser, secret))
			clear(secret)
		}
	case "AUTH":
		f.rec.Attr("tls", "requested")
	}
	for _, c := range d.Completion {
		if c == "530" {
			f.rec.Event("login_failed", "FTP server refused a login (530)")
		}
	}
	return nil
}

// dhcpEvent keeps what a DHCP exchange says of the client; the lease
// binds its address to its MAC (aggregate.lease). slate names no DHCP
// protocol: the flow keeps Suricata's name in its app_proto fact.
func dhcpEvent(_ *aggregate, f *flowAcc, e *Event) error {
	setProtocol(f, "dhcp")
	d := e.DHCP
	if d == nil {
		return nil
	}
	if d.DHCPType != "" {
		f.rec.Attr("dhcp_types", clip(d.DHCPType, 16))
	}
	if d.Hostname != "" {
		f.rec.Attr("dhcp_hostname", clip(d.Hostname, 64))
	}
	if d.ClientMAC != "" {
		f.rec.Attr("dhcp_client_mac", clip(d.ClientMAC, 17))
	}
	if d.AssignedIP != "" && d.AssignedIP != "0.0.0.0" {
		f.rec.Attr("dhcp_assigned_ip", clip(d.AssignedIP, 45))
	}
	return nil
}

func dnsEvent(_ *aggregate, f *flowAcc, e *Event) error {
	setProtocol(f, "dns")
	d := e.DNS
	if d == nil {
		return nil
	}
	qtypes := []string{d.RRType}
	for _, q := range d.Queries {
		qtypes = append(qtypes, q.RRType)
	}
	switch d.Type {
	case "query", "request":
		f.rec.Op(dissect.ClassRead, "query", 0)
		for _, q := range qtypes {
			if q == "" {
				continue
			}
			f.rec.Attr("qtypes", clip(q, 16))
			if q == "AXFR" || q == "IXFR" {
				f.rec.Event("dns_zone_transfer", "DNS zone transfer ("+q+") requested")
			}
		}
	case "answer", "response":
		if d.RCode != "" && d.RCode != "NOERROR" {
			f.rec.Op(dissect.ClassError, strings.ToLower(clip(d.RCode, 16)), -1)
		} else {
			f.rec.Op(dissect.ClassResponse, "response", 0)
		}
	}
	return nil
}

func ntpEvent(_ *aggregate, f *flowAcc, e *Event) error {
	setProtocol(f, "ntp")
	n := e.NTP
	if n == nil {
		return nil
	}
	if n.Version.Set && n.Version.N >= 0 && n.Version.N < 10 {
		f.rec.Attr("version", strconv.FormatInt(n.Version.N, 10))
	}
	if class, name, ok := it.NTPMode(int(n.Mode.N)); ok && n.Mode.Set {
		f.rec.Op(class, name, int(n.Mode.N))
	}
	if n.Mode.N == 7 {
		f.rec.Event("ntp_monlist", "NTP mode 7 request (usable for amplification)")
	}
	return nil
}

// anomalyEvent keeps what Suricata found malformed or unexpected on the
// flow as an event of the flow.
func anomalyEvent(_ *aggregate, f *flowAcc, e *Event) error {
	a := e.Anomaly
	if a == nil {
		return nil
	}
	msg := a.Type
	if a.Event != "" {
		msg += ": " + a.Event
	}
	if a.Layer != "" {
		msg += " (" + a.Layer + ")"
	}
	f.rec.Event("suricata_anomaly", clip(msg, 128))
	return nil
}

// clip keeps text as the capture dissectors do (it.Printable): trimmed,
// cut to n bytes, with control and non-ASCII bytes and '|' (the separator
// of multi-valued facts) replaced by '?', so that no field of a log can
// fill the evidence and both readers write the same values.
func clip(s string, n int) string { return it.Printable(s, n) }
