// Package ot dissects OT protocols seen in captures: Modbus/TCP, DNP3,
// S7comm and S7comm-plus, EtherNet/IP with CIP, BACnet/IP, IEC 60870-5-104,
// OPC UA, PROFINET, IEC 61850 GOOSE, C37.118 and Beckhoff ADS.
//
// Each dissector implements the contract of package dissect. Match looks
// at a flow's first payload and accepts it only when the protocol's own
// framing checks out (lengths that agree, magic values, known function
// codes, checksums where the protocol has them), so a well-known port
// carrying something else is not mislabelled and the protocol is
// recognised on any port. Dissect consumes whole PDUs only and leaves a
// partial one for the next call; on bytes it cannot frame it counts one
// Malformed and discards the buffer to resynchronise.
//
// # Vocabulary
//
// Policies are written against the Op classes and names, Attr keys and
// Event kinds below; nothing else is emitted. An Op's Code is the
// protocol's own number (−1 where there is none). Requests carry the
// class of what they do; replies are class "response" with the request's
// name, error replies class "error". Attrs recorded with several values
// hold them all, sorted and joined by "|" (the Recorder's convention).
//
// # modbus (tcp/502)
//
// MBAP header (protocol id 0, length 2-254) with a known function code.
// Ops, by function code, for requests (to_server):
//
//	read        read_coils 1, read_discrete_inputs 2, read_holding_registers 3,
//	            read_input_registers 4, read_file_record 20, read_fifo_queue 24
//	write       write_single_coil 5, write_single_register 6,
//	            write_multiple_coils 15, write_multiple_registers 16,
//	            write_file_record 21, mask_write_register 22,
//	            read_write_multiple_registers 23
//	diagnostic  read_exception_status 7, diagnostics 8, get_comm_event_counter 11,
//	            get_comm_event_log 12, report_server_id 17,
//	            encapsulated_interface_transport 43, read_device_identification 43
//	            (MEI type 14), canopen_general_reference 43 (MEI type 13)
//	program     umas 90 (Schneider UMAS: programming and PLC control),
//	            user_defined 65-72 and 100-110 (vendor functions, assumed to
//	            be able to change the device)
//
// Replies (to_client) are "response" with the same name and code;
// exceptions are class "error", the request's name, code fc|0x80.
// Attr "unit_ids": the unit identifiers seen, decimal (at most 256 values,
// joined by "|" in string order). Attrs from Read Device Identification
// replies: "device_vendor", "product_code", "revision", "product_name",
// "model_name". Event
// "modbus_exception": the exception code and its meaning, the function and
// the unit.
//
// # dnp3 (tcp/20000, udp/20000)
//
// Link frames start 0x0564 and must have a good header CRC; the CRC blocks
// of the user data are checked and stripped, the transport header read,
// and the application header of each first segment (FIR) dissected.
// Ops by application function code:
//
//	session     confirm 0, authenticate_request 32, authenticate_error 33,
//	            link (link-layer frames without user data; code: link function)
//	read        read 1
//	write       write 2, save_configuration 19, enable_unsolicited 20,
//	            disable_unsolicited 21, assign_class 22, record_current_time 24
//	control     select 3, operate 4, direct_operate 5, direct_operate_no_ack 6,
//	            immediate_freeze 7, immediate_freeze_no_ack 8, freeze_clear 9,
//	            freeze_clear_no_ack 10, freeze_at_time 11, freeze_at_time_no_ack 12,
//	            cold_restart 13, warm_restart 14, initialize_data 15,
//	            initialize_application 16, start_application 17, stop_application 18
//	diagnostic  delay_measure 23
//	program     open_file 25, close_file 26, delete_file 27, get_file_info 28,
//	            authenticate_file 29, abort_file 30, activate_config 31,
//	            function_N (unknown codes)
//	response    response 129, unsolicited_response 130, authenticate_response 131
//	error       function_code_not_supported (IIN2.0 set in a response; code 129/130)
//
// Attr "secure_authentication" = "true" when function 32, 33 or 131 (DNP3
// Secure Authentication) is seen. Events: "dnp3_restart" (cold/warm
// restart), "dnp3_stop_application", "dnp3_unsolicited_response" (naming
// the outstation address).
//
// # s7comm (tcp/102)
//
// TPKT and COTP. One dissector covers S7comm (protocol id 0x32) and
// S7comm-plus (0x72): they share the transport and a flow's first payload,
// the COTP connection request, cannot tell them apart. S7comm-plus flows
// carry Attr "variant" = "s7comm-plus". Match accepts a COTP CR/CC with S7
// TSAPs (two-byte TSAPs of connection type 1-3 or 0x1x, or named
// "SIMATIC-..." TSAPs; RDP and other ISO transports do not match) or a
// COTP DT carrying 0x32 or 0x72.
//
//	session     cotp_connect_request 0xe0, cotp_connect_confirm 0xd0,
//	            cotp_disconnect_request 0x80, setup_communication 0xf0
//	read        read_var 0x04
//	write       write_var 0x05
//	program     request_download 0x1a, download_block 0x1b, download_ended 0x1c,
//	            start_upload 0x1d, upload 0x1e, end_upload 0x1f, function_N (unknown)
//	control     plc_control 0x28 (PI service), plc_stop 0x29
//	diagnostic  cpu_services 0x00; userdata_<group> with the group number as code:
//	            mode_transition 0, programmer_commands 1, cyclic_data 2,
//	            block_functions 3, cpu_functions 4, security 5, pbc_bsend_brecv 6,
//	            time_functions 7, ncprg 15
//	response    ack (no parameter), the job's name for ack-data, userdata_<group>
//	error       error_class_N for ack/ack-data with a non-zero error (code: class<<8|code)
//
// S7comm-plus ops (code: the 16-bit function): read explore 0x04bb,
// get_variable 0x04fc, get_link 0x0524, get_multi_variables 0x054c,
// get_var_substreamed 0x0586, get_variables_address 0x0590; write
// set_variable 0x04f2, add_link 0x0506, remove_link 0x051a,
// set_multi_variables 0x0542, set_var_substreamed 0x057c; session
// create_object 0x04ca, delete_object 0x04d4, abort 0x059a, keep_alive
// (−1); program begin_sequence 0x0556, end_sequence 0x0560,
// function_0xNNNN (unknown); control invoke 0x056b; error error 0x04b1;
// response: the function's name for responses, notification (−1).
//
// Attrs: "src_tsap", "dst_tsap" (from the COTP CR/CC: "0x0100" or the TSAP
// name), "pi_services" (PI service names seen in PLC control, e.g.
// "P_PROGRAM", "_INSE", "_DELE"), "variant", and from read-SZL answers
// (userdata CPU functions, subfunction 1) the device's identity: of SZL
// 0x0011/0x0111 (module identification) "order_number" (the module's
// MLFB, index 1) and "firmware" ("V3.2.6", index 7); of 0x001C/0x011C
// (component identification) "module_type", "module_name",
// "automation_system_name", "plant_name" and "serial_number", the names
// Zeek's s7comm_known_devices log is read into. Events: "s7_plc_stop",
// "s7_plc_start" (P_PROGRAM), "s7_delete_block" (_DELE),
// "s7_insert_block" (_INSE).
//
// # enip (tcp/44818, udp/44818, udp/2222)
//
// Encapsulation header (24 bytes, known command, options zero); over UDP
// only the list commands; NOP alone does not match. Encapsulation ops
// (code: command): session nop 0x00, register_session 0x65,
// unregister_session 0x66, send_rr_data 0x6f, send_unit_data 0x70, cancel
// 0x73; diagnostic list_services 0x04, list_identity 0x63,
// list_interfaces 0x64, indicate_status 0x72; replies to the non-data
// commands are "response"; error encapsulation_status_N for a non-zero
// status.
//
// CIP services in unconnected (0xb2) and connected (0xb1) data items, with
// Multiple Service Packet and Unconnected Send unpacked (code: service):
//
//	read        get_attributes_all 0x01, get_attribute_list 0x03,
//	            get_attribute_single 0x0e, find_next_object_instance 0x11,
//	            get_member 0x18, read_tag 0x4c, read_tag_fragmented 0x52,
//	            get_instance_attribute_list 0x55
//	write       set_attributes_all 0x02, set_attribute_list 0x04, create 0x08,
//	            delete 0x09, apply_attributes 0x0d, set_attribute_single 0x10,
//	            restore 0x15, save 0x16, set_member 0x19, insert_member 0x1a,
//	            remove_member 0x1b, execute_pccc 0x4b, write_tag 0x4d,
//	            read_modify_write_tag 0x4e, write_tag_fragmented 0x53,
//	            service_0xNN (unknown object-specific services)
//	control     reset 0x05, start 0x06, stop 0x07
//	session     multiple_service_packet 0x0a, nop 0x17; on the Connection
//	            Manager (class 6): forward_close 0x4e, unconnected_send 0x52,
//	            forward_open 0x54, large_forward_open 0x5b
//	diagnostic  get_connection_data 0x56, search_connection_data 0x57 (class 6)
//	response    replies, code service|0x80
//	error       error_response 0x14; replies with a general status other than
//	            0 or 6 (partial transfer), code service|0x80
//
// CIP class 0/1 I/O (a sequenced address item and a connected data item,
// normally on udp/2222) is op "io", code −1: class "write" for datagrams in
// the to_server direction (the conversation's first sender), "read" for
// to_client. Events: "cip_reset" (Reset of the Identity object: a device
// restart), "cip_start", "cip_stop". Attrs from ListIdentity replies:
// "vendor_id" (decimal CIP vendor id, 1 = Rockwell), "product_code",
// "revision" ("major.minor"), "product_name".
//
// # bacnet (udp/47808)
//
// BVLC (type 0x81, length equal to the datagram), NPDU version 1, APDU.
// Confirmed services (code: service choice): read getAlarmSummary 3,
// getEnrollmentSummary 4, subscribeCOV 5, readProperty 12,
// readPropertyConditional 13, readPropertyMultiple 14, readRange 26,
// subscribeCOVProperty 28, getEventInformation 29,
// subscribeCOVPropertyMultiple 30, auditLogQuery 33; write
// acknowledgeAlarm 0, addListElement 8, removeListElement 9, createObject
// 10, deleteObject 11, writeProperty 15, writePropertyMultiple 16,
// confirmedPrivateTransfer 18, confirmed_N (unknown); control
// deviceCommunicationControl 17, reinitializeDevice 20,
// lifeSafetyOperation 27; program atomicReadFile 6, atomicWriteFile 7;
// session vtOpen 21, vtClose 22, vtData 23, authenticate 24, requestKey 25;
// diagnostic confirmedTextMessage 19; response confirmedCOVNotification 1,
// confirmedEventNotification 2, confirmedCOVNotificationMultiple 31,
// confirmedAuditNotification 32.
//
// Unconfirmed services: diagnostic i-Am 0, i-Have 1,
// unconfirmedTextMessage 5, timeSynchronization 6, who-Has 7, who-Is 8,
// utcTimeSynchronization 9, who-Am-I 13; write unconfirmedPrivateTransfer
// 4, writeGroup 10, you-Are 14, unconfirmed_N (unknown); response
// unconfirmedCOVNotification 2, unconfirmedEventNotification 3,
// unconfirmedCOVNotificationMultiple 11, unconfirmedAuditNotification 12.
//
// Simple and complex ACKs are "response" with the service's name; error
// PDUs are class "error" named "error:<service>", rejects "reject" and
// aborts "abort" (code: the reason); segmentACK is session; BVLC-only
// messages (register_foreign_device, read_bdt, bvlc_result, ...) and
// network-layer messages ("network_message", code: message type) are
// diagnostic. Events: "bacnet_reinitialize_device" (with the requested
// state: coldstart, warmstart, ...), "bacnet_device_communication_control"
// (enable, disable, disable-initiation). The optional password of these
// two requests is recorded as a Credential of kind "bacnet_password"
// (fingerprint only, no user); the password itself is never kept.
// A readProperty complex ACK of a device object's vendor-name (121),
// model-name (70), firmware-revision (44) or application-software-version
// (12), a character string in ANSI X3.4/UTF-8, is recorded as Attr
// "device_vendor", "model_name", "firmware_revision" or
// "application_software_version": the device's identity.
//
// # iec104 (tcp/2404)
//
// APCI start 0x68 with a valid I, S or U control field; I frames must carry
// a known ASDU type id. Ops: session s_frame (−1), startdt_act 0x07,
// startdt_con 0x0b, stopdt_act 0x13, stopdt_con 0x23, testfr_act 0x43,
// testfr_con 0x83. ASDUs are named by type id (M_SP_NA_1, C_SC_NA_1, ...;
// code: type id). Commands sent with cause activation (6) or deactivation
// (8) take the class of the command: control for C_SC/C_DC/C_RC/C_SE/C_BO
// (45-51, 58-64) and C_RP_NA_1 105 (reset process); read for C_IC_NA_1 100,
// C_CI_NA_1 101, C_RD_NA_1 102; write for C_CS_NA_1 103 (clock
// synchronisation) and P_* 110-113 (parameters); diagnostic for C_TS_NA_1
// 104, C_CD_NA_1 106, C_TS_TA_1 107; program for F_* 120-127 (file
// transfer). Monitor types (M_*, type ids below 45 and 70) and command
// confirmations or terminations are "response"; a negative confirmation or
// an unknown-type/cause/address reply (cause 44-47) is "error". Attr
// "command_types": the names of the command types sent (activation or
// deactivation). Event "iec104_reset_process".
//
// # opcua (tcp/4840)
//
// OPC UA Binary chunk header (HEL, ACK, ERR, RHE, OPN, MSG, CLO and a
// chunk type F, C or A). Ops: session Hello, Acknowledge, ReverseHello
// (−1), OpenSecureChannel 446, CloseSecureChannel 452; error Error (−1),
// ServiceFault 397. Service requests in MSG chunks, named by the request
// type (code: binary encoding id), are only readable when the channel is
// not encrypted: diagnostic FindServers 422, GetEndpoints 428; session
// CreateSession 461, ActivateSession 467, CloseSession 473, Cancel 479;
// write AddNodes 488, AddReferences 494, DeleteNodes 500, DeleteReferences
// 506, Write 673, HistoryUpdate 700; control Call 712; read Browse 527,
// BrowseNext 533, TranslateBrowsePathsToNodeIds 554, RegisterNodes 560,
// UnregisterNodes 566, QueryFirst 615, QueryNext 621, Read 631, HistoryRead
// 664 and the subscription and monitored-item services (751-847,
// Publish 826). Responses are "response" with the service's name and the
// response's encoding id.
//
// Attrs: "endpoint_url" (from Hello, any user information removed),
// "security_policy" (the policy URI's short name: None, Basic256Sha256,
// Aes128_Sha256_RsaOaep, ...), "security_policy_uri", "certificate" =
// "present" when an OpenSecureChannel carried a sender certificate, and "security_mode" (None, Sign,
// SignAndEncrypt, Invalid), "user_token" (anonymous, username, certificate,
// issued: the identity an ActivateSession request presents, readable on
// unencrypted channels only). A user name token whose password is not
// encrypted (no encryption algorithm) is recorded as a Credential of kind
// "opcua_password" with the user name and the password's fingerprint.
// security_mode is read from the
// OpenSecureChannel request body, which is only in clear when the policy
// is None; with any other policy the body is encrypted and security_mode is
// absent — such a channel is Sign or SignAndEncrypt.
//
// # profinet (EtherType 0x8892, frame dissector)
//
// By frame id: session ptcp (0x0000-0x00ff, 0xff00-0xff8f; −1); read io
// (RT cyclic data 0x0100-0xfbff; −1; counted only, one map update per
// frame; the controller's side cannot be told at layer 2, so cyclic I/O is
// counted as read and is not a write); response alarm (0xfc01, 0xfe01;
// code: frame id); diagnostic frame_0xNNNN (others). DCP (0xfefc-0xfeff;
// code: service id): diagnostic dcp_get 3, dcp_identify 5, dcp_hello 6;
// write dcp_set 4; diagnostic dcp_signal (−1, flash LED); replies
// "response", negative replies "error". Attrs from identify/get responses
// and hello: "station_name", "device_vendor", "vendor_device_id"
// ("0xVVVV:0xDDDD"). Events: "profinet_dcp_set_ip" (with the address),
// "profinet_dcp_set_name" (with the new name), "profinet_dcp_reset_factory",
// "profinet_dcp_set" (any other option set, e.g. DHCP).
//
// # goose (EtherType 0x88b8, frame dissector)
//
// Ops (−1): response state_change (sqNum 0: stNum was incremented, a new
// event) and response retransmission (any other sqNum). Attrs: "appid"
// ("0x0001"), "gocb_ref", "dat_set", "go_id", "conf_rev", "simulation" =
// "true" (the simulation bit of reserved 1 or the PDU's test flag),
// "nds_com" = "true" (needs commissioning).
//
// # c37118 (tcp/4712, udp/4713)
//
// Sync byte 0xAA, frame type, version 1-3, size, and a good CRC-CCITT.
// Ops: response data 0, header 1, config_1 2, config_2 3, config_3 5 (code:
// frame type); control command_<cmd> (code: the command:
// turn_off_transmission 1, turn_on_transmission 2, send_header 3,
// send_config_1 4, send_config_2 5, send_config_3 6, extended_frame 8,
// user_N). Attr "idcode": the PMU/PDC stream ids.
//
// # ads (tcp/48898, udp/48899)
//
// AMS/TCP header (reserved 0, length = 32 + AMS data length) and the AMS
// header with the ADS command flag. Ops (code: command id): diagnostic
// read_device_info 1, read_state 4; read read 2, add_device_notification 6,
// delete_device_notification 7; write write 3, read_write 9 (it writes
// before it reads); control write_control 5; response device_notification
// 8 and replies; error invalid 0 and replies with an AMS or ADS error.
// Attr "target_port": the AMS ports addressed (851 a TwinCAT 3 PLC runtime,
// 10000 the system service). Event "ads_write_control" with the requested
// ADS state (RUN, STOP, CONFIG, ...).
//
// The UDP service (cookie 0x71146603): diagnostic discover 1,
// udp_service_N; write add_route 6, delete_route 7; replies "response". An
// add-route request carries a user name and a password in cleartext: it is
// recorded as Event "ads_add_route" and as a Credential of kind
// "ads_route_password" with the user and the password's fingerprint
// (Default when the password is TwinCAT's default "1" or empty); the
// password itself is never kept.
package ot
