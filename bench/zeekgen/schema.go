package main

import "strings"

// kind is how a Zeek type is written.
type kind uint8

const (
	kTime kind = iota
	kInterval
	kString
	kAddr
	kPort
	kEnum
	kCount
	kInt
	kBool
	kSet    // set[string]
	kVector // vector[count] or vector[string]
)

// field is one column of a log: Zeek's name and type.
type field struct {
	name string
	typ  string
	k    kind
}

// schema is one log's columns, in Zeek's order.
type schema struct {
	path   string
	fields []field
}

func kindOf(typ string) kind {
	switch {
	case typ == "time":
		return kTime
	case typ == "interval":
		return kInterval
	case typ == "string":
		return kString
	case typ == "addr":
		return kAddr
	case typ == "port":
		return kPort
	case typ == "enum":
		return kEnum
	case typ == "count":
		return kCount
	case typ == "int":
		return kInt
	case typ == "bool":
		return kBool
	case strings.HasPrefix(typ, "set["):
		return kSet
	case strings.HasPrefix(typ, "vector["):
		return kVector
	}
	panic("zeekgen: unknown Zeek type " + typ)
}

// def builds a schema from "name:type" pairs; "id" stands for the four
// conn_id columns.
func def(path string, cols ...string) *schema {
	s := &schema{path: path}
	add := func(n, t string) { s.fields = append(s.fields, field{n, t, kindOf(t)}) }
	for _, c := range cols {
		if c == "id" {
			add("id.orig_h", "addr")
			add("id.orig_p", "port")
			add("id.resp_h", "addr")
			add("id.resp_p", "port")
			continue
		}
		n, t, _ := strings.Cut(c, ":")
		add(n, t)
	}
	return s
}

// The logs the generator writes. Each is the column list of the Zeek
// release or ICSNPP parser named; main_test.go checks every one that has
// a real log in collectors/zeek/testdata against that log's #fields and
// #types.
var (
	// conn.log of Zeek 7 with policy/protocols/conn/mac-logging (the
	// l2 addresses) and vlan-logging (vlan, inner_vlan) loaded, as
	// Malcolm and most OT sensors run it.
	connLog = def("conn", "ts:time", "uid:string", "id", "proto:enum", "service:string", "duration:interval",
		"orig_bytes:count", "resp_bytes:count", "conn_state:string", "local_orig:bool", "local_resp:bool",
		"missed_bytes:count", "history:string", "orig_pkts:count", "orig_ip_bytes:count", "resp_pkts:count",
		"resp_ip_bytes:count", "tunnel_parents:set[string]", "ip_proto:count", "orig_l2_addr:string",
		"resp_l2_addr:string", "vlan:int", "inner_vlan:int")
	// ICSNPP Modbus (cisagov/icsnpp-modbus 64559be).
	modbusDetailedLog = def("modbus_detailed", "ts:time", "uid:string", "id", "tid:count", "unit:count", "func:string",
		"address:count", "quantity:count", "request_values:vector[count]", "response_values:vector[count]",
		"modbus_detailed_link_id:string", "matched:bool", "request_subfunction_code:string",
		"response_subfunction_code:string", "request_data:string", "response_data:string", "exception_code:string",
		"mei_type:string")
	modbusDeviceIDLog = def("modbus_read_device_identification", "ts:time", "uid:string", "id", "is_orig:bool",
		"source_h:addr", "source_p:port", "destination_h:addr", "destination_p:port", "modbus_detailed_link_id:string",
		"tid:count", "unit:count", "func:string", "request_response:string", "mei_type:string",
		"conformity_level_code:string", "conformity_level:string", "device_id_code:count", "object_id_code:string",
		"object_id:string", "object_value:string")
	// ICSNPP S7comm (cisagov/icsnpp-s7comm).
	cotpLog = def("cotp", "ts:time", "uid:string", "id", "is_orig:bool", "source_h:addr", "source_p:port",
		"destination_h:addr", "destination_p:port", "pdu_code:string", "pdu_name:string")
	s7commLog = def("s7comm", "ts:time", "uid:string", "id", "is_orig:bool", "source_h:addr", "source_p:port",
		"destination_h:addr", "destination_p:port", "rosctr_code:count", "rosctr_name:string", "pdu_reference:count",
		"function_code:string", "function_name:string", "subfunction_code:string", "subfunction_name:string",
		"error_class:string", "error_code:string")
	// ICSNPP DNP3 (cisagov/icsnpp-dnp3) over Zeek's dnp3.log.
	dnp3Log = def("dnp3", "ts:time", "uid:string", "id", "fc_request:string", "fc_reply:string", "iin:count")
	// ICSNPP OPC UA binary (cisagov/icsnpp-opcua-binary 087030b and
	// 1734878: scripts/types.zeek, secure-channel-types.zeek).
	opcuaLog = def("opcua_binary", "ts:time", "uid:string", "id", "opcua_id:string", "msg_type:string",
		"is_final:string", "msg_size:count", "error:count", "reason:string", "version:count", "rcv_buf_size:count",
		"snd_buf_size:count", "max_msg_size:count", "max_chunk_cnt:count", "endpoint_url:string",
		"sec_channel_id:count", "sec_policy_uri_len:int", "sec_policy_uri:string", "snd_cert_len:int",
		"snd_cert:string", "rcv_cert_len:int", "rcv_cert:string", "seq_number:count", "request_id:count",
		"encoding_mask:count", "namespace_idx:count", "identifier:count", "identifier_str:string",
		"req_hdr_node_id_type:string", "req_hdr_node_id_namespace_idx:count", "req_hdr_node_id_numeric:count",
		"req_hdr_node_id_string:string", "req_hdr_node_id_guid:string", "req_hdr_node_id_opaque:string",
		"req_hdr_timestamp:time", "req_hdr_request_handle:count", "req_hdr_return_diag:count",
		"req_hdr_audit_entry_id:string", "req_hdr_timeout_hint:time", "req_hdr_add_hdr_type_id:count",
		"req_hdr_add_hdr_enc_mask:count", "res_hdr_timestamp:time", "res_hdr_request_handle:count",
		"res_hdr_service_result_id:string", "res_hdr_service_diag_encoding:count", "res_hdr_add_hdr_type_id:count",
		"res_hdr_add_hdr_enc_mask:count")
	opcuaChannelLog = def("opcua_binary_opensecure_channel", "ts:time", "uid:string", "id", "opcua_link_id:string",
		"client_proto_ver:count", "sec_token_request_type:count", "message_security_mode:count",
		"client_nonce:string", "req_lifetime:count", "server_proto_ver:count", "sec_token_sec_channel_id:count",
		"sec_token_id:count", "sec_token_created_at:time", "sec_token_revised_time:count", "server_nonce:string")
	// Zeek's own logs (Zeek 7).
	snmpLog = def("snmp", "ts:time", "uid:string", "id", "duration:interval", "version:string", "community:string",
		"get_requests:count", "get_bulk_requests:count", "get_responses:count", "set_requests:count",
		"display_string:string", "up_since:time")
	rdpLog = def("rdp", "ts:time", "uid:string", "id", "cookie:string", "result:string", "security_protocol:string",
		"client_channels:vector[string]", "keyboard_layout:string", "client_build:string", "client_name:string",
		"client_dig_product_id:string", "desktop_width:count", "desktop_height:count", "requested_color_depth:string",
		"cert_type:string", "cert_count:count", "cert_permanent:bool", "encryption_level:string",
		"encryption_method:string")
	sslLog = def("ssl", "ts:time", "uid:string", "id", "version:string", "cipher:string", "curve:string",
		"server_name:string", "resumed:bool", "last_alert:string", "next_protocol:string", "established:bool",
		"ssl_history:string", "cert_chain_fps:vector[string]", "client_cert_chain_fps:vector[string]",
		"subject:string", "issuer:string", "sni_matches_cert:bool")
	dnsLog = def("dns", "ts:time", "uid:string", "id", "proto:enum", "trans_id:count", "rtt:interval", "query:string",
		"qclass:count", "qclass_name:string", "qtype:count", "qtype_name:string", "rcode:count", "rcode_name:string",
		"AA:bool", "TC:bool", "RD:bool", "RA:bool", "Z:count", "answers:vector[string]", "TTLs:vector[interval]",
		"rejected:bool")
)

// schemas are every log the generator writes, by path.
var schemas = map[string]*schema{}

func init() {
	for _, s := range []*schema{connLog, modbusDetailedLog, modbusDeviceIDLog, cotpLog, s7commLog, dnp3Log,
		opcuaLog, opcuaChannelLog, snmpLog, rdpLog, sslLog, dnsLog} {
		schemas[s.path] = s
	}
}
