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
// interface. The common frame (Ethernet, at most two VLAN tags, IPv4
// without options and not a fragment, TCP or UDP) is read by a fast path
// that reads only the fields the flow table uses and mirrors what the
// general parser accepts (TestFastPath and FuzzFastPath hold the two
// together); every other frame goes through one
// gopacket.DecodingLayerParser per worker with preallocated layers
// (Ethernet, 802.1Q/802.1ad tags, MPLS, SLL, SLL2, loopback, IPv4, IPv6,
// TCP, UDP, ARP); the VLAN and MPLS layers are this package's own, to
// keep both ids of a QinQ frame and to skip label stacks. A file is read
// once, in chunks of 1 MiB (stream.go) that the SHA-256 of the file for
// provenance, on a goroutine of its own, and the capture reader share.
// Classic pcap records are read in place from those chunks by this
// package's own reader (records.go), which returns what pcapgo's would,
// errors included (TestRecords and FuzzRecords compare the two over
// chunks of 1 byte to 1 MiB); pcapng, and gzip-compressed pcap, are read
// with pcapgo's ZeroCopyReadPacketData. The per-packet path allocates nothing
// (BenchmarkPacket, -benchmem) except when a packet starts a flow or a
// dissector records a new fact. Memory is bounded by the number of flows
// (option max_flows) and ARP bindings, never by the capture's size.
//
// The files of a source are read in parallel, at most GOMAXPROCS at a
// time, and merged in file order, so the result does not depend on
// scheduling; a file's flow table is merged and released as soon as the
// files before it are, so memory follows the distinct flows, not the
// number of files (docs/performance.md). When there are fewer files than
// cores, each file is decoded by several workers: one reader goroutine
// reads its records, counts the capture's totals (packets, bytes, first
// and last time, link types, undated packets and unknown links) and hands
// each packet, copied into batches of about 256 KiB that are recycled,
// to the worker of its conversation, found from the headers (route: both
// addresses and ports of a TCP or UDP packet, in either order, as the
// flow key has them even through IP-in-IP; both MACs of another frame).
// Every packet of a flow thus goes to one worker, in capture order, so
// reassembly and dissector state are as with one worker. Each worker
// keeps its own flow table; they are joined in the order of each flow's
// first packet, with max_flows and the ARP bound applied again to the
// whole, and the evidence is the same bytes whatever the number of
// workers (TestWorkersSameEvidence: every sample capture with 1, 2 and 8
// cores, with and without max_flows; TestRoute and FuzzRoute check the
// route against the flow key). Each worker may hold up to max_flows flows
// until the join.
//
// # Flows and reassembly
//
// A flow is a TCP or UDP conversation keyed by both addresses and ports,
// the transport and the VLAN ids, whichever way packets travel. The client
// is the sender of the TCP SYN (the receiver of a SYN-ACK seen first), or
// else the first sender. Layer-2 flows are frames of an EtherType a
// FrameDissector handles (PROFINET 0x8892, GOOSE 0x88b8), keyed by the two
// MACs, the VLAN ids and the EtherType. A table finds a flow by its key
// through its own open-addressing index (index.go: 8-byte slots, a keyed
// hash of the key's five words), trying the flow of the packet before
// first; the merger of a source's files takes the first file's flows as
// they are, and looks flows up only from the second file on.
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
// dissector has not consumed yet (allocated only for a flow that has
// some); with no pending bytes the segment's
// payload is passed as is, without a copy. Retransmitted bytes are
// trimmed; a hole (a lost or reordered segment) is counted in the flow's
// gaps and the stream restarts at the new segment; pending bytes past
// MaxBuffer are dropped and counted in skipped. UDP datagrams go to the
// dissector directly. A panic in a dissector is recovered and counted as a
// malformed PDU.
//
// # Evidence data
//
// Policies see the document as input.evidence.pcap[_].data, of the
// traffic model's type (evidence/traffic.Data, whose package documents
// every field): captures are the input files read, flows are keyed by
// both addresses and ports, the transport and the VLAN ids (MACs and
// EtherType for layer 2), and facts are what the dissectors recorded.
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
// The OUI table in package evidence/traffic/oui is generated from the IEEE MA-L registry
// that Debian's ieee-data package ships:
//
//	apt-get install -y ieee-data && go generate ./evidence/traffic/oui
package pcap
