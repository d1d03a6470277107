// Package pcap is the capture collector: it reads pcap and pcapng files
// (plain or gzip-compressed) from a span port or tap and turns them into
// evidence of kind "pcap": the conversations seen, the devices that took
// part, the application protocols they spoke with the facts the protocol
// dissectors recorded, and any credentials that crossed the wire in
// cleartext (as facts and fingerprints, never the secrets).
//
// # Reading
//
// The format is found by magic bytes, never by extension: gzip (1f 8b),
// pcap (all four byte-order and resolution magics) and pcapng (0a 0d 0d
// 0a). Link types: Ethernet, Linux SLL and SLL2, raw IPv4/IPv6 (DLT 12,
// 101, 228, 229) and NULL/loopback; pcapng files may mix them per
// interface. Frames go through one gopacket.DecodingLayerParser per worker
// with preallocated layers (Ethernet, 802.1Q/802.1ad tags, MPLS, SLL,
// SLL2, loopback, IPv4, IPv6, TCP, UDP, ARP); the VLAN and MPLS layers are
// this package's own, to keep both ids of a QinQ frame and to skip label
// stacks. Packets are read with ZeroCopyReadPacketData: the per-packet
// path allocates nothing (BenchmarkPacket, -benchmem) except when a packet
// starts a flow or a dissector records a new fact. Memory is bounded by
// the number of flows (option max_flows) and ARP bindings, never by the
// capture's size. The files of a source are read in parallel, one worker
// per file, at most GOMAXPROCS at a time, and merged in file order, so the
// result does not depend on scheduling.
//
// # Flows and reassembly
//
// A flow is a TCP or UDP conversation keyed by both addresses and ports,
// the transport and the VLAN ids, whichever way packets travel. The client
// is the sender of the TCP SYN (the receiver of a SYN-ACK seen first), or
// else the first sender. Layer-2 flows are frames of an EtherType a
// FrameDissector handles (PROFINET 0x8892, GOOSE 0x88b8), keyed by the two
// MACs, the VLAN ids and the EtherType.
//
// The application protocol is found by payload: the first payloads (up to
// four) are offered to every dissector's Match, those registered for the
// server port first. When one matches, the flow is labelled "payload" and
// that dissector is fed the flow; when none does, the flow is labelled
// "port" if a dissector registers its server (else client) port, and left
// unlabelled otherwise; a flow without payload is not labelled.
//
// TCP bytes reach the dissector in order through a small bounded in-order
// reassembler, not gopacket/reassembly: that package allocates per
// segment and per connection (page cache, scatter-gather, connection
// pool) and keeps out-of-order data, which does not fit a hot path of no
// allocation and a memory bound per flow. Here each direction keeps the
// next expected sequence number and at most dissect.MaxBuffer bytes the
// dissector has not consumed yet; with no pending bytes the segment's
// payload is passed as is, without a copy. Retransmitted bytes are
// trimmed; a hole (a lost or reordered segment) is counted in the flow's
// gaps and the stream restarts at the new segment; pending bytes past
// MaxBuffer are dropped and counted in skipped. UDP datagrams go to the
// dissector directly. A panic in a dissector is recovered and counted as a
// malformed PDU.
//
// # Evidence data
//
// Policies see the document as input.evidence.pcap[_].data:
//
//	captures[]       one per input file, sorted by path
//	  path           file, relative to the assessment directory
//	  format         "pcap" or "pcapng" (by magic bytes)
//	  gzip           the file was gzip-compressed
//	  link_types[]   "ethernet", "linux_sll", "linux_sll2", "raw", "null", "loop", "linktype_N"
//	  packets, bytes packets read and their original (wire) length
//	  first_seen, last_seen  capture timestamps, RFC 3339 UTC with nanoseconds
//	  malformed      packets the decoder could not parse
//	  truncated      the file ended early or is corrupt past some point
//	  truncated_at   byte offset of the first record not read (exact for
//	                 pcap; for pcapng the position the reader had reached)
//	flows[]          sorted by id
//	  id             "flow:" + 16 hex digits of SHA-256 over transport,
//	                 client ip/port, server ip/port and VLAN ids (MACs and
//	                 EtherType for layer 2): stable across runs
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
//	  facts          what the dissector recorded (dissect.Facts): ops[]
//	                 {class, name, code, count, first_seen, last_seen}
//	                 with class one of read, write, control, program,
//	                 diagnostic, session, response, error, and first_seen,
//	                 last_seen (as for captures) the times of the first
//	                 and last of them for write, control and program
//	                 operations only, which maintenance windows are held
//	                 against; attrs {key: value, several values joined by
//	                 "|"}; events[] {kind, message, time};
//	                 credentials[] {kind, user, strength, fingerprint, default};
//	                 dropped; malformed
//	assets[]         devices seen (not group, broadcast or unspecified
//	                 addresses), sorted by mac then ip
//	  id             the IP address, or the MAC for layer-2-only devices
//	  mac            source MAC of its frames (a router's for remote IPs)
//	  ips[], vlans[]
//	  vendor         registrant of the MAC's OUI (package oui)
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
//
// # Bad input
//
// A file that is empty or whose magic bytes are no capture (also inside
// gzip) is an *evidence.InputError naming it. A capture cut short or
// corrupt past some record keeps what was read, adds a provenance warning
// with the byte offset and marks the document incomplete. Malformed
// packets are counted. Cancellation is checked every 16384 packets.
//
// # Vendors
//
// The OUI table in package oui is generated from the IEEE MA-L registry
// that Debian's ieee-data package ships:
//
//	apt-get install -y ieee-data && go generate ./collectors/pcap/oui
package pcap
