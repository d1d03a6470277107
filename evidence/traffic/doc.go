// Package traffic is the traffic-evidence model: what a source of network
// traffic shows, whether it was a packet capture (collectors/pcap) or a
// sensor's logs. Every collector of traffic produces a Data, and policies
// and the engine's flow index read every such document the same way,
// whatever its kind.
//
// Besides the types it holds the derivations every traffic source shares,
// so that two sources of the same traffic give the same evidence: flow ids
// (FlowID), placing an address in a zone (Place), merging one flow seen in
// two inputs (MergeFlow, MergeFacts), and building the observed devices,
// the protocol totals and the credentials from the flows (Build, Assets,
// Protocols, Credentials). It writes a document's data as canonical JSON
// without encoding/json for the flows, most of a large document: Encode
// for data built whole, Writer for flows given a batch at a time in id
// order and let go once written, the same bytes. The lists of protocols and operation classes
// that checks select by (Selections) live here too, read by Go and by Rego.
//
// Like package evidence it is data: it imports nothing of the project but
// evidence and its own oui table, never a collector, the engine or a
// report.
//
// # Schema
//
// Policies see a traffic document as input.evidence.<kind>[_].data:
//
//	captures[]       one per input file (a capture, a sensor's log),
//	                 sorted by path
//	  path           file, relative to the assessment directory
//	  format         "pcap" or "pcapng" (by magic bytes) for captures,
//	                 the log's name for a sensor's logs
//	  gzip           the file was gzip-compressed
//	  link_types[]   "ethernet", "linux_sll", "linux_sll2", "raw", "null",
//	                 "loop", "linktype_N"; [] for an input that is no capture
//	  packets, bytes packets read and their original (wire) length
//	  first_seen, last_seen  capture timestamps, RFC 3339 UTC with nanoseconds
//	  malformed      packets the decoder could not parse
//	  truncated      the file ended early or is corrupt past some point
//	  truncated_at   byte offset of the first record not read (exact for
//	                 pcap; for pcapng the position the reader had reached;
//	                 for a gzip file, the offset in the compressed file)
//	  sensor         the sensor that wrote a log (absent for captures)
//	  records        log records read (absent for captures)
//	flows[]          sorted by id
//	  id             "flow:" + 16 hex digits of SHA-256 over transport,
//	                 client ip/port, server ip/port and VLAN ids (MACs and
//	                 EtherType for layer 2): stable across runs and the
//	                 same whichever source saw the flow (FlowID)
//	  transport      "tcp", "udp" or "l2"
//	  vlan, inner_vlan  outer and inner 802.1Q ids (absent when untagged)
//	  priority_tagged  frames carried an 802.1Q tag with VLAN id 0 (a
//	                 priority only, as PROFINET RT frames do); absent else
//	  ethertype      "0x8892" etc., layer-2 flows only
//	  llc_sap        "0x82" for a layer-2 flow of IEEE 802.2 LLC frames
//	                 (BACnet over Ethernet), which carry no EtherType
//	  client, server {ip, port, mac, zone}: zone is the declared zone whose
//	                 networks hold the ip, else whose VLANs hold the VLAN,
//	                 else ""; mac is the source MAC of that end's frames;
//	                 group is set when frames to that end went to a
//	                 broadcast or multicast MAC (no single device)
//	  protocol       dissector name ("modbus", "dnp3", "s7comm", "enip",
//	                 "bacnet", "iec104", "opcua", "c37118", "ads",
//	                 "profinet" (RT/DCP frames and the IO context
//	                 manager's DCE/RPC over UDP), "goose", "telnet", "ftp", "http", "snmp",
//	                 "tls", "ssh", "rdp", "smb", "dns", "ntp") or ""
//	  identified_by  "payload", "port", "ethertype" (layer 2) or ""
//	  packets_to_server, packets_to_client, bytes_to_server, bytes_to_client
//	  first_seen, last_seen  as for captures
//	  handshake      the TCP three-way handshake was seen
//	  gaps, skipped  reassembly holes and over-long PDUs dropped
//	  facts          what was recorded of its protocol (Facts): ops[]
//	                 {class, name, code, count, first_seen, last_seen}
//	                 with class one of read, write, control, program,
//	                 diagnostic, session, response, error, and first_seen,
//	                 last_seen (as for captures) the times of the first
//	                 and last of them for write, control and program
//	                 operations only, which maintenance windows are held
//	                 against; attrs {key: value, several values joined by
//	                 "|"}; events[] {kind, message, time};
//	                 credentials[] {kind, user, strength, fingerprint, default};
//	                 dropped; malformed. The attrs that identify the
//	                 device at the server end, by protocol
//	                 (DeviceIdentities, which advisory matching reads):
//	                 modbus and enip device_vendor, model_name or
//	                 product_name, product_code, revision; s7comm
//	                 order_number, module_type, firmware; bacnet
//	                 device_vendor, model_name, firmware_revision or
//	                 application_software_version; and the banners snmp
//	                 sys_descr, http server, ssh server_software, tls
//	                 cert_subject
//	assets[]         devices seen (not group, broadcast or unspecified
//	                 addresses), sorted by mac then ip
//	  id             the IP address, or the MAC for layer-2-only devices
//	  mac            source MAC of its frames (a router's for remote IPs)
//	  ips[], vlans[]
//	  vendor         registrant of the MAC's OUI (package traffic/oui)
//	  zone           as for flow ends
//	  serves[]       protocols it answered as a flow's server
//	  uses[]         protocols it spoke as a client
//	  role, role_reason  a guess and why ("serves modbus on tcp/502:
//	                 probably a PLC or gateway")
//	protocols[]      {name, flows, packets, bytes}, sorted by name
//	credentials[]    one per flow credential: {flow, protocol, kind,
//	                 client_ip, server_ip, user, strength, fingerprint, default};
//	                 the secret itself is never stored
//	flows_dropped    flows past max_flows, counted but not stored
//	alerts[]         intrusion-detection alerts (sources that raise them,
//	                 Suricata's; absent otherwise), one per flow and
//	                 signature, sorted by flow, gid, signature_id, rev
//	                 and action: {flow, transport, client_ip, client_port,
//	                 server_ip, server_port, signature, signature_id, gid,
//	                 rev, category, severity, action, count, first_seen,
//	                 last_seen, sensor, sensor_flow_id, source ("file:line")}
//	alerts_dropped   alerts of signatures over the per-flow bound
package traffic
