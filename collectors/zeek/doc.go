// Package zeek is the Zeek log collector: it reads the logs Zeek sensors
// write (with CISA's ICSNPP parsers for industrial protocols) and turns
// them into traffic evidence of kind "zeek", the same model
// (evidence/traffic) the capture collector produces, so that every network
// and joined check works alike whether a capture or a sensor's logs saw
// the traffic.
//
// # Reading
//
// Both of Zeek's writers are read, told apart by the first byte: TSV
// (headers #separator with \x escapes, #set_separator, #empty_field,
// #unset_field, #path, #open, #fields, #types, #close; "-" unset and
// "(empty)" an empty container; set, vector and Bro 2.x table types; \xNN
// and \\ escapes in values) and JSON (one object per line, keys flat
// "id.orig_h" or nested, ts as epoch seconds or an ISO 8601 string). JSON
// lines are read by a scanner for Zeek's flat records (values sliced from
// the line in the reader's buffer, not copied, and copied only where they
// are kept; the column map reused while lines repeat their keys, and the
// fields of conn records found in it once per run of such lines); a line
// it does not take (escaped keys, objects in arrays, a
// repeated key, anything not JSON) goes to encoding/json, and a fuzz
// target holds both to the same result.
// Files may be gzip-compressed (by magic bytes) and a source may name a
// whole archive tree: files = ["zeek/**/*.log*"]. A TSV file may hold
// several logs one after the other (as cat of unclosed logs gives). A
// missing #separator means the tab, Zeek's default.
//
// The log a record belongs to is its #path (TSV), its _path (JSON), or
// else the file name up to its first dot (conn.00:00:00-01:00:00.log.gz
// holds conn). Logs the collector does not read are listed in provenance
// warnings as skipped, with their record counts; they are no error.
//
// # Sensors
//
// The sensor of a file is the source's sensor option when set; else the
// nearest directory above the file that is neither a date directory
// (YYYY-MM-DD, as Zeek's archiver files rotated logs) nor "current"
// (where Zeek writes live logs); else the source's name. So a plant that
// ships each sensor's logs to archive/<sensor>/ gets one sensor each.
// Every input records its sensor and its first and last record times; the
// provenance window runs from the first record of any sensor to the last,
// and the evidence date is the last day of the sensor that stopped first.
//
// # Bad input
//
// A malformed file stops the source with an *evidence.InputError naming
// the file and line (exit 3), every bad file of the run at once: a
// truncated or corrupt gzip member, a TSV line with the wrong number of
// fields, a JSON line that is not an object, data before any #fields
// header, data after #close, an unknown header line, a header without its
// value, #types and #fields of different lengths, a value that cannot be
// read (time, address, port, count). The test suites' normalised baselines
// ("###" lines, masked timestamps XXXXXXXXXX.XXXXXX, a space after #open)
// are such errors: they are not what a sensor writes. One exception: a
// log that may still be being written (the newest uncompressed file of
// its sensor and log, by path) whose last line has no line end is read up
// to that line, with a warning, and the document is marked incomplete.
//
// # Conversations
//
// A conn.log record is a connection; the connections with the same
// transport, addresses, ports and VLAN tags are one conversation, as the
// capture collector keys flows, so memory is bounded by the number of
// distinct conversations (option max_flows), not by lines, and flow ids
// (traffic.FlowID) are the capture's for the same traffic. The client is
// Zeek's originator. Packets and bytes are conn's orig/resp_pkts and
// orig/resp_ip_bytes (IP length: without the link-layer header the
// capture collector counts). first_seen is ts, last_seen ts + duration;
// handshake is set when history shows S, h and A. MACs come from
// orig_l2_addr/resp_l2_addr when the sensor logs them. A responder that is
// multicast or ends in .255 is marked as a group. ICMP conns are no flows.
// A conversation whose originator and responder are the other way round
// from another's is folded into that one (the earlier keeps its
// orientation, the other's counts change sides), since the capture
// collector keeps one flow for both directions: Zeek starts a new conn
// record, from whichever end sent next, once a connection expired (a UDP
// reply after the inactivity timeout). The folding is done on the merged
// conversations, so it does not depend on how the files were split.
//
// The protocol is slate's name for the first service of conn's service
// field that has one (modbus, dnp3/dnp3_tcp, cotp/s7comm/s7comm_plus →
// s7comm, enip/cip → enip, opcua_binary → opcua, profinet_io_cm →
// profinet, synchrophasor_tcp/_udp → c37118, ssl → tls, ...; see services in
// protocols.go), identified_by "payload". A conversation Zeek named no
// service for but that carried bytes is labelled by the registered port of
// a capture dissector, identified_by "port", as the capture collector
// labels flows none of its dissectors recognised; a service with no slate
// name is kept in the facts attribute zeek_service.
//
// # Protocol logs
//
// The files are sorted and split into one run of consecutive files per
// core, of about the same size in bytes; each worker reads its run into
// one aggregate of conversations (a conversation costs one map entry per
// worker, not one per file), and the aggregates are merged in file order.
// Every merge rule is associative (sums, earliest and latest times, the
// citation of the first record, the MACs of the earliest file that has
// them, services in order of appearance, the protocol by payload over by
// port, facts merged as traffic.MergeFacts does), so the evidence is the
// same bytes whatever the number of cores, the scheduling and the order
// the files are named in. The protocol facts a file gives a connection id
// are bounded as a dissect.Recorder bounds one flow's (MaxOps, MaxAttrs,
// MaxEvents, MaxCredentials per file) and folded into the worker's facts
// of that id at the end of the file, in place, by a recorder the worker
// reuses (factRec: the bounds of each file, then MergeFacts' rules across
// files, so that the result does not depend on the split either). max_flows keeps the conversations first seen in
// the earliest files (in key order within a file) and counts the others.
// The flows are then built and written a batch at a time in the order of
// their ids (traffic.Writer), each let go with what it was made of once
// written, so that the flows are never all held at once.
//
// Every other log record is joined to its conversation by its connection
// id (the four id.* fields the uid stands for), which keeps the join
// bounded by conversations where a uid index would grow with every
// connection; when several conversations share the id (other VLANs or
// transports) the one already speaking the log's protocol, else the one on
// its usual transport, is chosen. A record whose conversation conn.log
// does not have makes one from its id. Operations get the names and
// classes the capture dissectors give them (ot.Vocabulary), so policies
// match both: ICSNPP modbus_detailed (one transaction: the request's
// class, and a response or an error), Zeek's modbus.log (one message, by
// pdu_type) only where modbus_detailed is absent, dnp3 (fc_request and
// fc_reply), enip and cip (by command and service code, Connection Manager
// services by class 6), cip_io (write from the originator, read back),
// cip_identity (vendor_id, device_vendor, product_code, revision,
// product_name, serial_number attributes), cotp and s7comm (job functions,
// userdata groups, errors), s7comm_plus (by function code),
// s7comm_known_devices (module name and serial), bacnet (confirmed and
// unconfirmed services, errors), bacnet_discovery (i-am vendor and
// instance), opcua_binary (services by request and response type id,
// req_identifier and res_identifier on one record since ICSNPP's 2023
// releases, identifier before; HEL, ACK, ERR and CLO messages; security
// policy and mode from the secure channel log; user token from
// activate_session, and a user name token's password sent without
// encryption as a credential), profinet_io_cm (PNIO operations by
// operation_num, first fragments only, the endpoint mapper's calls as
// epm_lookup, other DCE/RPC interfaces not; vendor_device_id from the
// object UUID), synchrophasor_cmd (C37.118 commands as the control
// operations command_turn_off_transmission ... command_send_config_3,
// command_user for ICSNPP's "unknown"), synchrophasor_data, _cfg and _hdr
// (the PMU's frames as responses) and synchrophasor (the data stream ids
// as idcode). Zeek's own logs give the facts the
// capture's IT dissectors record: ssh (version, client and server
// software), ssl (version, cipher, SNI, deprecated versions), rdp
// (selected security protocol, nla), http (methods, status, host, user
// agent), ftp (commands, anonymous login), snmp (version, request
// counts, the responder's sysDescr from display_string), dns (queries, qtypes, error rcodes), ntp (version, mode), smb,
// notice and weird (events of the conversation). Passwords that Zeek was
// told to log (ftp, http) and SNMP communities go through the dissectors'
// recorder, which keeps a strength class and, for long secrets, the site
// key's fingerprint: never the secret.
//
// Attribute values are the capture dissectors' for the same traffic
// (collectors/pcap/it and ot give them; a table test in package
// collectors runs dissector, Zeek and Suricata readers on one exchange
// and compares): TLS versions "TLS1.2" (Zeek's TLSv12), cipher suites by
// IANA name where the dissector names them and "0x%04x" for the broken
// suites it knows only by code (any other suite keeps Zeek's IANA name,
// where the dissector writes its code); SSH version and software from
// each end's banner ("1.99", software up to the first space); RDP's
// selected protocol as "tls", "credssp", "credssp_early_auth" with nla,
// and negotiation failures from rdp's result; SNMP PDUs counted as the
// dissector names them (get_requests as "get"); NTP modes; OPC UA policy
// (the URI's part after '#'), mode (None, Sign, SignAndEncrypt, Invalid)
// and user token (anonymous, username, certificate, issued). Text values
// are cut and cleaned as the dissectors keep text (it.Printable).
//
// A test (agree_test.go) holds this to the capture collector on the
// ICSNPP test suites' captures and the logs made from them (Modbus, DNP3,
// EtherNet/IP, S7comm, BACnet, OPC UA, PROFINET IO-CM, C37.118 over TCP
// and UDP): the same protocols, conversations, kinds of operations and,
// where both give them, attribute values and credentials. Two
// differences are real and named there: PROFINET RT, DCP and PTCP frames
// have no IP and are in no Zeek log, and ICSNPP's bacnet.log does not
// carry the password of a ReinitializeDevice request.
//
// x509, software, known_hosts and
// known_services are read and counted: devices and their services are
// derived from the flows, as for captures.
//
// # Provenance
//
// Each flow's facts cite where it came from: zeek_conn_log (file:line of
// its first conn record), zeek_uid (that record's uid) and
// zeek_protocol_log (file:line of its first protocol record); the files'
// SHA-256 digests are in the document's provenance.
//
// This package imports evidence, evidence/traffic and the capture
// collector's dissector packages (for their operation names), never the
// engine or a report.
package zeek
