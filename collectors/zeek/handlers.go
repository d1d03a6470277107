package zeek

import (
	"strconv"
	"strings"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
	"github.com/slate-ot/slate/collectors/pcap/it"
	"github.com/slate-ot/slate/collectors/pcap/ot"
)

// handler reads one record of a log it knows.
type handler func(a *aggregate, rec *Record, ts int64) error

// handlers are the logs the collector reads, by Zeek log path. Any other
// log is listed as skipped.
var handlers map[string]handler

func init() {
	handlers = map[string]handler{
		"conn": (*aggregate).conn,
		// Modbus: ICSNPP's modbus_detailed has one record per
		// transaction; Zeek's modbus.log one per message. The detail
		// logs of single functions repeat what modbus_detailed says.
		"modbus_detailed":                      modbusDetailed,
		"modbus":                               modbusMessage,
		"modbus_mask_write_register":           known("modbus"),
		"modbus_read_write_multiple_registers": known("modbus"),
		"modbus_read_device_identification":    modbusDeviceID,
		"dnp3":                                 dnp3Log,
		"dnp3_control":                         known("dnp3"),
		"dnp3_objects":                         known("dnp3"),
		"enip":                                 enipLog,
		"cip":                                  cipLog,
		"cip_io":                               cipIO,
		"cip_identity":                         cipIdentity,
		"cotp":                                 cotpLog,
		"s7comm":                               s7Log,
		"s7comm_plus":                          s7PlusLog,
		"s7comm_read_szl":                      known("s7comm"),
		"s7comm_upload_download":               s7UploadDownload,
		"s7comm_known_devices":                 s7KnownDevices,
		"bacnet":                               bacnetLog,
		"bacnet_discovery":                     bacnetDiscovery,
		"bacnet_property":                      known("bacnet"),
		"opcua_binary":                         opcuaLog,
		"profinet_io_cm":                       profinetLog,
		"profinet":                             known("profinet"),
		"profinet_dce_rpc":                     known("profinet"),
		"synchrophasor":                        synchrophasorLog,
		"synchrophasor_cmd":                    synchrophasorCmd,
		"synchrophasor_cfg":                    synchrophasorFrame,
		"synchrophasor_hdr":                    synchrophasorFrame,
		"synchrophasor_data":                   synchrophasorFrame,
		"synchrophasor_cfg_detail":             known("c37118"),
		"synchrophasor_data_detail":            known("c37118"),
		// Zeek's own protocol logs.
		"ssh":            sshLog,
		"ssl":            sslLog,
		"x509":           x509Log,
		"http":           httpLog,
		"ftp":            ftpLog,
		"rdp":            rdpLog,
		"smb_files":      known("smb"),
		"smb_mapping":    smbMapping,
		"snmp":           snmpLog,
		"dns":            dnsLog,
		"ntp":            ntpLog,
		"software":       softwareLog,
		"known_hosts":    knownHosts,
		"known_services": knownServices,
		"notice":         noticeLog,
		"weird":          weirdLog,
	}
	for _, p := range []string{"opcua_binary_activate_session", "opcua_binary_browse", "opcua_binary_create_session",
		"opcua_binary_get_endpoints", "opcua_binary_opensecure_channel", "opcua_binary_read", "opcua_binary_write",
		"opcua_binary_create_subscription", "opcua_binary_create_monitored_items", "opcua_binary_close_session",
		"opcua_binary_status_code_detail", "opcua_binary_browse_description", "opcua_binary_browse_response_references",
		"opcua_binary_browse_result", "opcua_binary_create_monitored_items_create_item", "opcua_binary_create_session_endpoints",
		"opcua_binary_create_session_user_token", "opcua_binary_get_endpoints_description", "opcua_binary_get_endpoints_user_token",
		"opcua_binary_read_nodes_to_read", "opcua_binary_read_results"} {
		handlers[p] = known("opcua")
	}
	handlers["opcua_binary_activate_session"] = opcuaActivate
	handlers["opcua_binary_opensecure_channel"] = opcuaChannel
}

// known marks the conversation as speaking protocol: a detail log whose
// operations its protocol's main log counts.
func known(protocol string) handler {
	return func(a *aggregate, rec *Record, ts int64) error {
		_, err := a.appFor(rec, ts, protocol, 9)
		return err
	}
}

// isOrig reads ICSNPP's is_orig (T: the originator sent it). Logs
// without it are taken as requests.
func isOrig(rec *Record) bool { return rec.Get("is_orig") != "F" }

// opBy counts an operation by the dissector's name for it, or as
// fallback (a name of the log's own) with the given class.
func opBy(ap *app, table, name string, aliases map[string]string, request bool, fallbackClass string) {
	o, ok := vocabulary(table).lookup(name, aliases)
	if !ok {
		o.Name, o.Class, o.Code = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(name), " ", "_")), fallbackClass, -1
	}
	if request {
		ap.rec.Op(o.Class, o.Name, o.Code)
	} else {
		ap.rec.Op(dissect.ClassResponse, o.Name, o.Code)
	}
}

// hexCode reads "0x4c" or "76".
func hexCode(s string) (int, bool) {
	s = strings.TrimSpace(s)
	base := 10
	if h, ok := strings.CutPrefix(strings.ToLower(s), "0x"); ok {
		s, base = h, 16
	}
	n, err := strconv.ParseInt(s, base, 32)
	return int(n), err == nil
}

var modbusAliases = map[string]string{
	"reportslaveid":             "reportserverid",
	"encapinterfacetransport":   "encapsulatedinterfacetransport",
	"readdeviceidentification":  "encapsulatedinterfacetransport",
	"readwritemultipleregister": "readwritemultipleregisters",
}

func modbusDetailed(a *aggregate, rec *Record, ts int64) error {
	ap, err := a.appFor(rec, ts, "modbus", 0)
	if ap == nil || err != nil {
		return err
	}
	fn := strings.TrimSuffix(rec.Get("func"), "_EXCEPTION")
	name := fn
	if fold(rec.Get("mei_type")) == "readdeviceidentification" { // "READ-DEVICE-IDENTIFICATION" and other spellings
		name = "read_device_identification"
	}
	if u := rec.Get("unit"); u != "" {
		ap.rec.Attr("unit_ids", u)
	}
	o, ok := vocabulary("modbus").lookup(fn, modbusAliases)
	if !ok {
		o = modbusUnknown(fn)
	}
	if name != fn {
		o.Name = name
	}
	ap.rec.Op(o.Class, o.Name, o.Code)
	switch {
	case rec.Get("exception_code") != "" || strings.HasSuffix(rec.Get("func"), "_EXCEPTION"):
		ap.rec.Op(dissect.ClassError, o.Name, o.Code|0x80)
		ap.rec.Event("modbus_exception", "exception "+rec.Get("exception_code")+" to "+o.Name+" from unit "+rec.Get("unit"))
	case rec.Get("matched") == "T":
		ap.rec.Op(dissect.ClassResponse, o.Name, o.Code)
	}
	return nil
}

// modbusUnknown is a function the capture dissector has no name for:
// user-defined functions, which it classes as program transfers.
func modbusUnknown(fn string) ot.OpName {
	return ot.OpName{Code: -1, Name: strings.ToLower(fn), Class: dissect.ClassProgram}
}

func modbusMessage(a *aggregate, rec *Record, ts int64) error {
	ap, err := a.appFor(rec, ts, "modbus", 1)
	if ap == nil || err != nil {
		return err
	}
	raw := rec.Get("func")
	fn := strings.TrimSuffix(raw, "_EXCEPTION")
	o, ok := vocabulary("modbus").lookup(fn, modbusAliases)
	if !ok {
		o = modbusUnknown(fn)
	}
	if u := rec.Get("unit"); u != "" {
		ap.rec.Attr("unit_ids", u)
	}
	switch {
	case rec.Get("exception") != "" || raw != fn:
		ap.rec.Op(dissect.ClassError, o.Name, o.Code|0x80)
	case strings.EqualFold(rec.Get("pdu_type"), "RESP"):
		ap.rec.Op(dissect.ClassResponse, o.Name, o.Code)
	default:
		ap.rec.Op(o.Class, o.Name, o.Code)
	}
	return nil
}

// modbusDeviceObjects are ICSNPP's object_id names of the Read Device
// Identification objects, by the attribute the capture dissector writes.
var modbusDeviceObjects = map[string]string{"VendorName": "device_vendor", "ProductCode": "product_code",
	"MajorMinorVersion": "revision", "ProductName": "product_name", "ModelName": "model_name"}

// modbusDeviceID reads modbus_read_device_identification: one record per
// object of a response (object_id, object_value).
func modbusDeviceID(a *aggregate, rec *Record, ts int64) error {
	ap, err := a.appFor(rec, ts, "modbus", 9)
	if ap == nil || err != nil {
		return err
	}
	if attr, ok := modbusDeviceObjects[rec.Get("object_id")]; ok {
		if v := rec.Get("object_value"); v != "" {
			ap.rec.Attr(attr, it.Printable(v, 64))
		}
	}
	return nil
}

func dnp3Log(a *aggregate, rec *Record, ts int64) error {
	ap, err := a.appFor(rec, ts, "dnp3", 0)
	if ap == nil || err != nil {
		return err
	}
	if fc := rec.Get("fc_request"); fc != "" {
		opBy(ap, "dnp3", fc, nil, true, dissect.ClassProgram)
		switch strings.ToUpper(fc) {
		case "COLD_RESTART", "WARM_RESTART":
			ap.rec.Event("dnp3_restart", strings.ToLower(fc)+" requested")
		case "STOP_APPL", "STOP_APPLICATION":
			ap.rec.Event("dnp3_stop_application", "stop_application requested")
		}
	}
	if fc := rec.Get("fc_reply"); fc != "" {
		o, ok := vocabulary("dnp3").lookup(fc, nil)
		if !ok {
			o.Name, o.Class, o.Code = strings.ToLower(fc), dissect.ClassResponse, -1
		}
		ap.rec.Op(o.Class, o.Name, o.Code)
	}
	return nil
}

func enipLog(a *aggregate, rec *Record, ts int64) error {
	ap, err := a.appFor(rec, ts, "enip", 0)
	if ap == nil || err != nil {
		return err
	}
	code, ok := hexCode(first(rec, "enip_command_code", "enip_command"))
	o, known := vocabulary("enip").byCode[code]
	if !ok || !known {
		name := first(rec, "enip_command_name", "enip_command")
		o.Name, o.Class, o.Code = strings.ToLower(strings.ReplaceAll(name, " ", "_")), dissect.ClassSession, code
	}
	if isOrig(rec) {
		ap.rec.Op(o.Class, o.Name, o.Code)
	} else {
		ap.rec.Op(dissect.ClassResponse, o.Name, o.Code)
	}
	return nil
}

// first is the value of the first field of names that holds a code
// ("0x.."), else of the first that is set.
func first(rec *Record, names ...string) string {
	for _, n := range names {
		if v := rec.Get(n); strings.HasPrefix(v, "0x") {
			return v
		}
	}
	for _, n := range names {
		if v := rec.Get(n); v != "" {
			return v
		}
	}
	return ""
}

func cipLog(a *aggregate, rec *Record, ts int64) error {
	ap, err := a.appFor(rec, ts, "enip", 0)
	if ap == nil || err != nil {
		return err
	}
	code, ok := hexCode(first(rec, "cip_service_code", "cip_service"))
	if !ok {
		return nil
	}
	code &^= 0x80
	class, _ := hexCode(rec.Get("class_id"))
	o, known := vocabulary("cip").byCode[code]
	if class == 6 {
		if c, ok := vocabulary("cip_connection_manager").byCode[code]; ok {
			o, known = c, true
		}
	}
	if !known {
		o.Name, o.Class, o.Code = "service_"+hex4(code), dissect.ClassWrite, code
	}
	if strings.EqualFold(rec.Get("direction"), "response") {
		st := first(rec, "cip_status_code", "cip_status")
		if n, ok := hexCode(st); ok && n != 0 && n != 6 || !ok && st != "" && !strings.EqualFold(st, "Success") {
			ap.rec.Op(dissect.ClassError, o.Name, code|0x80)
		} else {
			ap.rec.Op(dissect.ClassResponse, o.Name, code|0x80)
		}
		return nil
	}
	ap.rec.Op(o.Class, o.Name, code)
	return nil
}

func hex4(n int) string {
	s := strconv.FormatInt(int64(n), 16)
	for len(s) < 4 {
		s = "0" + s
	}
	return "0x" + s
}

func cipIO(a *aggregate, rec *Record, ts int64) error {
	ap, err := a.appFor(rec, ts, "enip", 0)
	if ap == nil || err != nil {
		return err
	}
	// I/O from the connection's originator writes outputs; from the
	// target it reports inputs (as the capture dissector counts it).
	if isOrig(rec) {
		ap.rec.Op(dissect.ClassWrite, "io", -1)
	} else {
		ap.rec.Op(dissect.ClassRead, "io", -1)
	}
	return nil
}

func cipIdentity(a *aggregate, rec *Record, ts int64) error {
	ap, err := a.appFor(rec, ts, "enip", 9)
	if err != nil {
		return err
	}
	for f, attr := range map[string]string{"vendor_id": "vendor_id", "vendor_name": "device_vendor", "product_code": "product_code",
		"revision": "revision", "product_name": "product_name", "serial_number": "serial_number", "device_type_name": "device_type"} {
		if v := rec.Get(f); v != "" && ap != nil {
			ap.rec.Attr(attr, v)
		}
	}
	return nil
}

var cotpNames = map[string]string{
	"0xe0": "cotp_connect_request", "0xd0": "cotp_connect_confirm", "0x80": "cotp_disconnect_request",
}

func cotpLog(a *aggregate, rec *Record, ts int64) error {
	ap, err := a.appFor(rec, ts, "s7comm", 0)
	if ap == nil || err != nil {
		return err
	}
	code := strings.ToLower(rec.Get("pdu_code"))
	if nm, ok := cotpNames[code]; ok {
		n, _ := hexCode(code)
		ap.rec.Op(dissect.ClassSession, nm, n)
	}
	return nil
}

func s7Log(a *aggregate, rec *Record, ts int64) error {
	ap, err := a.appFor(rec, ts, "s7comm", 0)
	if ap == nil || err != nil {
		return err
	}
	rosctr, _ := strconv.Atoi(rec.Get("rosctr_code"))
	fc, ok := hexCode(rec.Get("function_code"))
	switch rosctr {
	case 1, 2, 3: // job, ack, ack-data
		if !ok {
			return nil
		}
		o, known := vocabulary("s7comm").byCode[fc]
		if !known {
			o.Name, o.Class, o.Code = "function_"+hex4(fc), dissect.ClassProgram, fc
		}
		// ICSNPP writes error_class by name ("No error") and error_code
		// as a code; older releases wrote the class as a code.
		if ec := rec.Get("error_class"); rosctr != 1 && ec != "" && ec != "0x00" && ec != "0" && fold(ec) != "noerror" {
			n, _ := hexCode(ec)
			ap.rec.Op(dissect.ClassError, "error_class_"+strconv.Itoa(n), n<<8)
			return nil
		}
		if rosctr == 1 {
			ap.rec.Op(o.Class, o.Name, fc)
		} else {
			ap.rec.Op(dissect.ClassResponse, o.Name, fc)
		}
		if rosctr == 1 && (fc == 0x28 || fc == 0x29) {
			ap.rec.Event("s7_plc_control", o.Name+" requested")
		}
	case 7: // userdata: the function group is the high nibble's low bits
		g, ok := hexCode(rec.Get("function_code"))
		if !ok {
			return nil
		}
		g &= 0x0f
		o, known := vocabulary("s7comm_userdata").byCode[g]
		if !known {
			return nil
		}
		if isOrig(rec) {
			ap.rec.Op(dissect.ClassDiagnostic, o.Name, g)
		} else {
			ap.rec.Op(dissect.ClassResponse, o.Name, g)
		}
	}
	return nil
}

func s7PlusLog(a *aggregate, rec *Record, ts int64) error {
	ap, err := a.appFor(rec, ts, "s7comm", 0)
	if ap == nil || err != nil {
		return err
	}
	ap.rec.Attr("variant", "s7comm-plus")
	fc, ok := hexCode(rec.Get("function_code"))
	opcode := strings.ToLower(rec.Get("opcode"))
	if !ok {
		if opcode == "0x33" {
			ap.rec.Op(dissect.ClassResponse, "notification", -1)
		}
		return nil
	}
	o, known := vocabulary("s7comm_plus").byCode[fc]
	if !known {
		o.Name, o.Class, o.Code = "function_"+hex4(fc), dissect.ClassProgram, fc
	}
	if opcode == "0x31" {
		ap.rec.Op(o.Class, o.Name, fc)
	} else {
		ap.rec.Op(dissect.ClassResponse, o.Name, fc)
	}
	return nil
}

func s7UploadDownload(a *aggregate, rec *Record, ts int64) error {
	ap, err := a.appFor(rec, ts, "s7comm", 9)
	if ap == nil || err != nil {
		return err
	}
	if fn := rec.Get("filename"); fn != "" {
		ap.rec.Attr("blocks_transferred", fn)
	}
	return nil
}

func s7KnownDevices(a *aggregate, rec *Record, ts int64) error {
	attrs := map[string]string{}
	for f, attr := range map[string]string{"automation_system_name": "automation_system_name", "module_name": "module_name",
		"plant_name": "plant_name", "module_serial": "serial_number", "module_type": "module_type"} {
		if v := rec.Get(f); v != "" {
			attrs[attr] = v
		}
	}
	ap, err := a.appFor(rec, ts, "s7comm", 9)
	if ap == nil || err != nil {
		return err
	}
	for k, v := range attrs {
		ap.rec.Attr(k, v)
	}
	return nil
}

var bacnetAliases = map[string]string{
	"whois": "whois", "iam": "iam", "readpropertyrequest": "readproperty", "writepropertyrequest": "writeproperty",
}

func bacnetLog(a *aggregate, rec *Record, ts int64) error {
	ap, err := a.appFor(rec, ts, "bacnet", 0)
	if ap == nil || err != nil {
		return err
	}
	svc := rec.Get("pdu_service")
	switch strings.ToUpper(rec.Get("pdu_type")) {
	case "CONFIRMED_REQUEST":
		opBy(ap, "bacnet_confirmed", svc, bacnetAliases, true, dissect.ClassWrite)
		if fold(svc) == "reinitializedevice" {
			ap.rec.Event("bacnet_reinitialize", "reinitializeDevice requested")
		}
	case "UNCONFIRMED_REQUEST":
		opBy(ap, "bacnet_unconfirmed", svc, bacnetAliases, true, dissect.ClassDiagnostic)
	case "COMPLEX_ACK", "SIMPLE_ACK":
		opBy(ap, "bacnet_confirmed", svc, bacnetAliases, false, dissect.ClassResponse)
	case "ERROR", "REJECT", "ABORT":
		o, ok := vocabulary("bacnet_confirmed").lookup(svc, bacnetAliases)
		kind := strings.ToLower(rec.Get("pdu_type"))
		if ok {
			ap.rec.Op(dissect.ClassError, kind+":"+o.Name, o.Code)
		} else {
			ap.rec.Op(dissect.ClassError, kind, -1)
		}
	}
	return nil
}

func bacnetDiscovery(a *aggregate, rec *Record, ts int64) error {
	if fold(rec.Get("pdu_service")) != "iam" {
		return nil
	}
	attrs := map[string]string{}
	if v := rec.Get("vendor"); v != "" {
		attrs["device_vendor"] = v
	}
	if v := rec.Get("instance_number"); v != "" {
		attrs["device_instance"] = v
	}
	ap, err := a.appFor(rec, ts, "bacnet", 9)
	if ap == nil || err != nil {
		return err
	}
	for k, v := range attrs {
		ap.rec.Attr(k, v)
	}
	return nil
}

func opcuaLog(a *aggregate, rec *Record, ts int64) error {
	ap, err := a.appFor(rec, ts, "opcua", 0)
	if ap == nil || err != nil {
		return err
	}
	// The security policy is in the header of an OPN message, which
	// opcua_binary.log carries; its mode in opensecure_channel.
	if u := rec.Get("sec_policy_uri"); u != "" {
		ap.rec.Attr("security_policy_uri", it.Printable(u, 128))
		ap.rec.Attr("security_policy", ot.UAPolicy(u))
	}
	switch rec.Get("msg_type") {
	case "HEL":
		ap.rec.Op(dissect.ClassSession, "Hello", -1)
		if u := rec.Get("endpoint_url"); u != "" {
			ap.rec.Attr("endpoint_url", u)
		}
		return nil
	case "ACK":
		ap.rec.Op(dissect.ClassSession, "Acknowledge", -1)
		return nil
	case "ERR":
		ap.rec.Op(dissect.ClassError, "Error", -1)
		return nil
	case "CLO":
		ap.rec.Op(dissect.ClassSession, "CloseSecureChannel", 452)
		return nil
	}
	// The service's type id (446 OpenSecureChannelRequest, 449 its
	// response): ICSNPP logs a request and its response on one record
	// (req_identifier, res_identifier); releases before 2023 logged one
	// message per record (identifier). The request header's node id is
	// the session's authentication token, not the service.
	for _, f := range [...]string{"identifier", "req_identifier", "res_identifier"} {
		if id, ok := hexCode(rec.Get(f)); ok {
			opcuaService(ap, id)
		}
	}
	return nil
}

// opcuaService counts the service of a type id as the capture dissector
// does: a request by its class, a response (the request's id + 3) as a
// response, a ServiceFault as an error.
func opcuaService(ap *app, id int) {
	if id == 397 {
		ap.rec.Op(dissect.ClassError, "ServiceFault", id)
	} else if o, known := vocabulary("opcua").byCode[id]; known {
		ap.rec.Op(o.Class, o.Name, id)
	} else if o, known := vocabulary("opcua").byCode[id-3]; known {
		ap.rec.Op(dissect.ClassResponse, o.Name, id)
	}
}

// opcuaActivate reads opcua_binary_activate_session: the type of the
// user identity token (ext_obj_type_id_str or its numeric id; releases
// before 2023 wrote user_identity_token_type_id_str) and, for a user name
// token whose password was sent without encryption, the password, which
// the recorder keeps as a fingerprint only, as the capture dissector does.
func opcuaActivate(a *aggregate, rec *Record, ts int64) error {
	ap, err := a.appFor(rec, ts, "opcua", 9)
	if ap == nil || err != nil {
		return err
	}
	t, ok := ot.UATokenByName(first(rec, "ext_obj_type_id_str", "user_identity_token_type_id_str"))
	if !ok {
		if id, err := strconv.Atoi(rec.Get("ext_obj_type_id_numeric")); err == nil {
			t, ok = ot.UAToken(id)
		}
	}
	if !ok {
		return nil
	}
	ap.rec.Attr("user_token", t)
	// ICSNPP spells the field "algorithom".
	user, pass := rec.Get("ext_obj_user_name"), rec.Get("ext_obj_password")
	if t == "username" && pass != "" && first(rec, "ext_obj_encryption_algorithom", "ext_obj_encryption_algorithm") == "" {
		ap.rec.Credential("opcua_password", it.Printable(user, 64), []byte(pass), false)
	}
	return nil
}

func opcuaChannel(a *aggregate, rec *Record, ts int64) error {
	ap, err := a.appFor(rec, ts, "opcua", 9)
	if ap == nil || err != nil {
		return err
	}
	if u := rec.Get("sec_policy_uri"); u != "" {
		ap.rec.Attr("security_policy_uri", it.Printable(u, 128))
		ap.rec.Attr("security_policy", ot.UAPolicy(u))
	}
	if m := rec.Get("message_security_mode"); m != "" {
		if n, err := strconv.Atoi(m); err == nil {
			ap.rec.Attr("security_mode", ot.UAMode(n))
		}
	}
	return nil
}

// pnioUUID reads a DCE/RPC UUID as ICSNPP writes it, the first three
// fields in the byte order of the packet ("DEA00001-6C97-11D1-..." from a
// big-endian sender, "0100A0DE-976C-D111-..." from a little-endian one),
// and returns it in the standard order.
func pnioUUID(s string) string {
	s = strings.ToUpper(s)
	if len(s) != 36 || strings.HasPrefix(s, "DEA0") || strings.HasPrefix(s, "E1AF") {
		return s
	}
	// Byte-swapped fields: 4 bytes, 2 and 2.
	sw := func(h string) string {
		var b strings.Builder
		for i := len(h); i >= 2; i -= 2 {
			b.WriteString(h[i-2 : i])
		}
		return b.String()
	}
	return sw(s[0:8]) + "-" + sw(s[9:13]) + "-" + sw(s[14:18]) + s[18:]
}

// PNIO interfaces (device 1, controller 2, supervisor 3, parameter server
// 4) and the endpoint mapper, by UUID in the standard order.
const (
	pnioIfacePrefix = "DEA0000"
	pnioIfaceSuffix = "-6C97-11D1-8271-00A02442DF7D"
	epmInterface    = "E1AF8308-5D1F-11C9-91A4-08002B14A0FA"
)

// profinetLog reads ICSNPP's profinet_io_cm.log: one record per DCE/RPC
// packet of the PNIO context manager, with the operation by name
// (operation_num: "Connect", "Read Implicit"; older releases wrote
// operation). Like the capture dissector it counts the first fragment of
// each call only, calls of the endpoint mapper as epm_lookup, and no
// other interface.
func profinetLog(a *aggregate, rec *Record, ts int64) error {
	ap, err := a.appFor(rec, ts, "profinet", 0)
	if ap == nil || err != nil {
		return err
	}
	if n := rec.Get("fragment_num"); n != "" && n != "0" {
		return nil
	}
	iface := pnioUUID(rec.Get("interface_uuid"))
	typ := strings.ToLower(rec.Get("packet_type"))
	o, ok := vocabulary("profinet_io_cm").lookup(first(rec, "operation_num", "operation"), nil)
	if iface == epmInterface {
		if typ == "request" {
			code := -1
			if ok {
				code = o.Code
			}
			ap.rec.Op(dissect.ClassDiagnostic, "epm_lookup", code)
		}
		return nil
	}
	if iface != "" && !(strings.HasPrefix(iface, pnioIfacePrefix) && strings.HasSuffix(iface, pnioIfaceSuffix)) {
		return nil
	}
	if obj := pnioUUID(rec.Get("object_uuid")); strings.HasPrefix(obj, "DEA00000-6C97-11D1-8271-") && len(obj) == 36 {
		// IIIIDDDDVVVV: instance, device id, vendor id, as the capture
		// dissector writes them, vendor first.
		key := "vendor_device_id"
		if strings.HasPrefix(iface, pnioIfacePrefix+"2") {
			key = "controller_vendor_device_id"
		}
		ap.rec.Attr(key, "0x"+strings.ToLower(obj[32:36])+":0x"+strings.ToLower(obj[28:32]))
	}
	if !ok {
		return nil
	}
	switch typ {
	case "request":
		ap.rec.Op(o.Class, o.Name, o.Code)
	case "response":
		ap.rec.Op(dissect.ClassResponse, o.Name, o.Code)
	case "fault", "reject":
		ap.rec.Op(dissect.ClassError, o.Name, o.Code)
	}
	return nil
}

// c37Commands are ICSNPP's names of the C37.118.2 commands, by code.
var c37Commands = map[string]int{"Data off": 1, "Data on": 2, "Send HDR": 3, "Send CFG-1": 4, "Send CFG-2": 5,
	"Send CFG-3": 6, "Extended frame": 8}

// c37Frames are ICSNPP's frame_type names of the frames a PMU sends, by
// the capture dissector's name and frame type.
var c37Frames = map[string]struct {
	name string
	code int
}{"Data": {"data", 0}, "Header": {"header", 1}, "CFG1": {"config_1", 2}, "CFG2": {"config_2", 3}, "CFG3": {"config_3", 5}}

// synchrophasorLog reads ICSNPP's summary of a C37.118 conversation: the
// data stream ids (IDCODE) it carried.
func synchrophasorLog(a *aggregate, rec *Record, ts int64) error {
	ap, err := a.appFor(rec, ts, "c37118", 9)
	if ap == nil || err != nil {
		return err
	}
	for _, id := range rec.List("data_stream_id") {
		if _, err := strconv.Atoi(id); err == nil {
			ap.rec.Attr("idcode", id)
		}
	}
	return nil
}

// synchrophasorCmd reads synchrophasor_cmd.log: one command frame each,
// a control operation named as the capture dissector names it. ICSNPP
// writes "unknown" for the user-defined codes and drops the code.
func synchrophasorCmd(a *aggregate, rec *Record, ts int64) error {
	ap, err := a.appFor(rec, ts, "c37118", 0)
	if ap == nil || err != nil {
		return err
	}
	cmd := rec.Get("command")
	if cmd == "" {
		return nil
	}
	if code, ok := c37Commands[cmd]; ok {
		if o, ok := vocabulary("c37118").byCode[code]; ok {
			ap.rec.Op(o.Class, o.Name, o.Code)
			return nil
		}
	}
	ap.rec.Op(dissect.ClassControl, "command_user", -1)
	return nil
}

// synchrophasorFrame reads the data, configuration and header frame logs:
// the PMU's answers, counted as responses by frame type.
func synchrophasorFrame(a *aggregate, rec *Record, ts int64) error {
	ap, err := a.appFor(rec, ts, "c37118", 0)
	if ap == nil || err != nil {
		return err
	}
	typ := rec.Get("frame_type")
	if typ == "" {
		// Releases before 2024 wrote no frame_type: the log says it.
		typ = map[string]string{"synchrophasor_data": "Data", "synchrophasor_hdr": "Header"}[rec.Path]
	}
	if f, ok := c37Frames[typ]; ok {
		ap.rec.Op(dissect.ClassResponse, f.name, f.code)
	}
	return nil
}

func sshLog(a *aggregate, rec *Record, ts int64) error {
	ap, err := a.appFor(rec, ts, "ssh", 0)
	if ap == nil || err != nil {
		return err
	}
	// Each end's identification string gives its version and software
	// as the capture dissector reads them from the banner (1.99 and 1.5
	// stay themselves, comments after a space are dropped); Zeek's
	// version count (1 or 2) only when it logged no banner.
	banners := 0
	for _, end := range []struct{ field, attr string }{{"client", "client_software"}, {"server", "server_software"}} {
		proto, sw, ok := it.SSHBanner(rec.Get(end.field))
		if !ok {
			continue
		}
		banners++
		ap.rec.Op(dissect.ClassSession, "banner", -1)
		ap.rec.Attr("version", proto)
		ap.rec.Attr(end.attr, sw)
		if proto != "2.0" {
			ap.rec.Attr("ssh1", "true")
		}
	}
	if v := rec.Get("version"); banners == 0 && v != "" {
		ap.rec.Op(dissect.ClassSession, "banner", -1)
		ap.rec.Attr("version", v+".0")
		if v == "1" {
			ap.rec.Attr("ssh1", "true")
		}
	}
	if v := rec.Get("auth_success"); v != "" {
		ap.rec.Attr("auth_success", map[string]string{"T": "true", "F": "false"}[v])
	}
	return nil
}

// tlsVersions maps Zeek's version names to the capture dissector's
// ("TLSv12" is "TLS1.2"). SSLv2 and DTLS, which the dissector does not
// read, are named in the same style.
var tlsVersions = map[string]string{"SSLv2": "SSL2.0", "SSLv3": it.TLSVersion(0x0300), "TLSv10": it.TLSVersion(0x0301),
	"TLSv11": it.TLSVersion(0x0302), "TLSv12": it.TLSVersion(0x0303), "TLSv13": it.TLSVersion(0x0304),
	"DTLSv10": "DTLS1.0", "DTLSv12": "DTLS1.2", "DTLSv13": "DTLS1.3"}

// tlsWeakCiphers are the IANA names of the broken suites the capture
// dissector knows only by code: it writes "0x%04x" for them, and so does
// this reader. Suites the dissector names keep their name; any other
// keeps Zeek's IANA name (the dissector writes its code).
var tlsWeakCiphers = map[string]int{
	"TLS_NULL_WITH_NULL_NULL": 0x0000, "TLS_RSA_WITH_NULL_MD5": 0x0001, "TLS_RSA_WITH_NULL_SHA": 0x0002,
	"TLS_RSA_EXPORT_WITH_RC4_40_MD5": 0x0003, "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5": 0x0006,
	"TLS_RSA_EXPORT_WITH_DES40_CBC_SHA": 0x0008, "TLS_RSA_WITH_DES_CBC_SHA": 0x0009,
	"TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA": 0x0016, "TLS_DH_anon_WITH_RC4_128_MD5": 0x0018,
	"TLS_DH_anon_WITH_3DES_EDE_CBC_SHA": 0x001b, "TLS_RSA_WITH_NULL_SHA256": 0x003b,
	"TLS_ECDHE_ECDSA_WITH_RC4_128_SHA": 0xc007,
}

// tlsCipherName is the cipher attribute the capture dissector writes for
// the suite Zeek names.
func tlsCipherName(name string) string {
	if c, ok := it.TLSCipherCode(name); ok {
		return it.TLSCipher(c)
	}
	if c, ok := tlsWeakCiphers[name]; ok {
		return it.TLSCipher(c)
	}
	return it.Printable(name, 64)
}

func sslLog(a *aggregate, rec *Record, ts int64) error {
	ap, err := a.appFor(rec, ts, "tls", 0)
	if ap == nil || err != nil {
		return err
	}
	ap.rec.Op(dissect.ClassSession, "client_hello", 1)
	if v := rec.Get("version"); v != "" {
		n, ok := tlsVersions[v]
		if !ok {
			n = it.Printable(v, 16)
		}
		ap.rec.Op(dissect.ClassSession, "server_hello", 2)
		ap.rec.Attr("version", n)
		if it.TLSDeprecated(n) || n == "SSL2.0" || n == "DTLS1.0" {
			ap.rec.Attr("deprecated_version", n)
		}
	}
	if v := rec.Get("cipher"); v != "" {
		ap.rec.Attr("cipher", tlsCipherName(v))
	}
	if v := rec.Get("server_name"); v != "" {
		ap.rec.Attr("sni", it.Printable(v, 128))
	}
	return nil
}

// x509Log, softwareLog and the known_* logs are read and counted: the
// traffic model derives devices and the services they offer from the
// flows, which say the same with their provenance.
func x509Log(a *aggregate, rec *Record, ts int64) error { return nil }

var httpMethods = map[string]string{"GET": dissect.ClassRead, "HEAD": dissect.ClassRead, "OPTIONS": dissect.ClassRead,
	"POST": dissect.ClassWrite, "PUT": dissect.ClassWrite, "DELETE": dissect.ClassWrite, "PATCH": dissect.ClassWrite,
	"CONNECT": dissect.ClassSession, "TRACE": dissect.ClassDiagnostic}

func httpLog(a *aggregate, rec *Record, ts int64) error {
	ap, err := a.appFor(rec, ts, "http", 0)
	if ap == nil || err != nil {
		return err
	}
	if m := rec.Get("method"); m != "" {
		if c, ok := httpMethods[m]; ok {
			ap.rec.Op(c, m, -1)
		}
	}
	if s := rec.Get("status_code"); s != "" {
		if n, err := strconv.Atoi(s); err == nil {
			if n >= 400 {
				ap.rec.Op(dissect.ClassError, "status", n)
			} else {
				ap.rec.Op(dissect.ClassResponse, "status", n)
			}
		}
	}
	if v := rec.Get("host"); v != "" {
		ap.rec.Attr("host", it.Printable(v, 64))
	}
	if v := rec.Get("user_agent"); v != "" {
		ap.rec.Attr("user_agent", it.Printable(v, 128))
	}
	// Zeek logs the password only when told to capture it: the secret
	// goes through the recorder, which keeps its class and keyed
	// fingerprint and never the secret itself.
	if user, pass := rec.Get("username"), rec.Get("password"); user != "" || pass != "" {
		ap.rec.Attr("auth", "basic")
		if pass != "" {
			ap.rec.Credential("http_basic", user, []byte(pass), it.DefaultLogin(user, []byte(pass)))
		}
	}
	return nil
}

func ftpLog(a *aggregate, rec *Record, ts int64) error {
	ap, err := a.appFor(rec, ts, "ftp", 0)
	if ap == nil || err != nil {
		return err
	}
	if c := rec.Get("command"); c != "" {
		ap.rec.Op(dissect.ClassSession, strings.ToUpper(c), -1)
	}
	user, pass := rec.Get("user"), rec.Get("password")
	if strings.EqualFold(user, "anonymous") || strings.EqualFold(user, "ftp") {
		ap.rec.Attr("anonymous", "true")
	} else if user != "" && pass != "" && pass != "<hidden>" {
		// As for http: the password never leaves the recorder.
		ap.rec.Credential("ftp_login", user, []byte(pass), it.DefaultLogin(user, []byte(pass)))
	}
	if s := rec.Get("reply_code"); s == "530" {
		ap.rec.Event("login_failed", "FTP server refused a login (530)")
	}
	return nil
}

// rdpProtocols are the flags of Zeek's security protocol names, so that
// the selected protocol is named as the capture dissector names it.
var rdpProtocols = map[string]uint32{"RDP": 0, "SSL": 1, "HYBRID": 2, "RDSTLS": 4, "HYBRID_EX": 8}

// rdpFailures are Zeek's result values for a negotiation failure, by the
// failure code of RDP_NEG_FAILURE.
var rdpFailures = map[string]int{"SSL_REQUIRED_BY_SERVER": 1, "SSL_NOT_ALLOWED_BY_SERVER": 2, "SSL_CERT_NOT_ON_SERVER": 3,
	"INCONSISTENT_FLAGS": 4, "HYBRID_REQUIRED_BY_SERVER": 5, "SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER": 6}

func rdpLog(a *aggregate, rec *Record, ts int64) error {
	ap, err := a.appFor(rec, ts, "rdp", 0)
	if ap == nil || err != nil {
		return err
	}
	ap.rec.Op(dissect.ClassSession, "connection_request", 0xe0)
	if c := rec.Get("cookie"); c != "" {
		ap.rec.Attr("user_hint", it.Printable(c, 64))
	}
	if sp := rec.Get("security_protocol"); sp != "" {
		ap.rec.Op(dissect.ClassSession, "connection_confirm", 0xd0)
		if flags, ok := rdpProtocols[strings.ToUpper(sp)]; ok {
			ap.rec.Attr("selected", it.RDPProtocols(flags))
			ap.rec.Attr("nla", strconv.FormatBool(it.RDPNLA(flags)))
		} else {
			ap.rec.Attr("selected", "other")
			ap.rec.Attr("nla", "false")
		}
	}
	if code, ok := rdpFailures[strings.ToUpper(rec.Get("result"))]; ok {
		ap.rec.Op(dissect.ClassSession, "connection_confirm", 0xd0)
		ap.rec.Op(dissect.ClassError, "negotiation_failure", code)
		ap.rec.Event("rdp_negotiation_failure", "RDP security negotiation failed: "+it.RDPFailure(code))
	}
	if v := rec.Get("encryption_level"); v != "" {
		ap.rec.Attr("encryption_level", v)
	}
	return nil
}

func smbMapping(a *aggregate, rec *Record, ts int64) error {
	ap, err := a.appFor(rec, ts, "smb", 0)
	if ap == nil || err != nil {
		return err
	}
	if p := rec.Get("path"); p != "" {
		ap.rec.Attr("shares", p)
	}
	return nil
}

// snmpCounts are snmp.log's PDU counters, by the PDU tag the capture
// dissector names the operation by (get_requests counts GetRequest and
// GetNextRequest alike: they are counted as GetRequest).
var snmpCounts = []struct {
	field string
	tag   int
}{{"get_requests", 0}, {"get_responses", 2}, {"set_requests", 3}, {"get_bulk_requests", 5}}

func snmpLog(a *aggregate, rec *Record, ts int64) error {
	ap, err := a.appFor(rec, ts, "snmp", 0)
	if ap == nil || err != nil {
		return err
	}
	v := rec.Get("version")
	switch v {
	case "1", "2c":
		ap.rec.Attr("version", v)
	case "3":
		ap.rec.Attr("version", v)
		ap.rec.Op(dissect.ClassSession, "v3_message", -1)
	}
	for _, c := range snmpCounts {
		n, err := count(rec, c.field)
		if err != nil {
			return a.fail(rec, "%v", err)
		}
		class, name, _ := it.SNMPPDU(c.tag)
		for range min(n, 1<<20) {
			ap.rec.Op(class, name, c.tag)
		}
	}
	// display_string is the responder's sysDescr, which names its maker,
	// model and software: the attribute the capture dissector records it
	// under, with line breaks as spaces.
	if d := rec.Get("display_string"); d != "" {
		ap.rec.Attr("sys_descr", it.Printable(strings.Join(strings.Fields(d), " "), 128))
	}
	// SNMPv1/v2c communities are secrets: class and fingerprint only.
	// (For v3 Zeek writes the user name in this field.)
	if c := rec.Get("community"); c != "" && v != "3" {
		ap.rec.Credential("snmp_community", "", []byte(c), it.DefaultCommunity(c))
	}
	return nil
}

func dnsLog(a *aggregate, rec *Record, ts int64) error {
	ap, err := a.appFor(rec, ts, "dns", 0)
	if ap == nil || err != nil {
		return err
	}
	ap.rec.Op(dissect.ClassRead, "query", 0)
	if q := rec.Get("qtype_name"); q != "" {
		ap.rec.Attr("qtypes", q)
		if q == "AXFR" || q == "IXFR" {
			ap.rec.Event("dns_zone_transfer", "DNS zone transfer ("+q+") requested")
		}
	}
	if r := rec.Get("rcode_name"); r != "" && r != "NOERROR" {
		ap.rec.Op(dissect.ClassError, strings.ToLower(r), -1)
	} else if rec.Get("rcode") != "" {
		ap.rec.Op(dissect.ClassResponse, "response", 0)
	}
	return nil
}

func ntpLog(a *aggregate, rec *Record, ts int64) error {
	ap, err := a.appFor(rec, ts, "ntp", 0)
	if ap == nil || err != nil {
		return err
	}
	if v := rec.Get("version"); v != "" {
		ap.rec.Attr("version", v)
	}
	if mode, err := strconv.Atoi(rec.Get("mode")); err == nil {
		if class, name, ok := it.NTPMode(mode); ok {
			ap.rec.Op(class, name, mode)
		}
	}
	return nil
}

func softwareLog(a *aggregate, rec *Record, ts int64) error { return nil }

func knownHosts(a *aggregate, rec *Record, ts int64) error { return nil }

func knownServices(a *aggregate, rec *Record, ts int64) error { return nil }

// noticeLog and weirdLog keep what Zeek judged notable as an event of
// the conversation the record names; records naming none are counted.
func noticeLog(a *aggregate, rec *Record, ts int64) error {
	return eventLog(a, rec, ts, "zeek_notice", rec.Get("note"), rec.Get("msg"))
}

func weirdLog(a *aggregate, rec *Record, ts int64) error {
	return eventLog(a, rec, ts, "zeek_weird", rec.Get("name"), rec.Get("addl"))
}

func eventLog(a *aggregate, rec *Record, ts int64, kind, name, msg string) error {
	// The event belongs to the conversation, not to a protocol's facts:
	// tier 9 facts join whatever protocol the flow speaks.
	ap, err := a.appFor(rec, ts, "", 9)
	if ap == nil || err != nil {
		return err
	}
	m := name
	if msg != "" {
		m += ": " + msg
	}
	ap.rec.Event(kind, m)
	return nil
}
