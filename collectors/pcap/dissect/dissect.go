// Package dissect is the contract between the capture reader
// (collectors/pcap) and the protocol dissectors (collectors/pcap/ot,
// collectors/pcap/it): how a dissector is asked whether a flow speaks its
// protocol, how it is fed the flow's bytes, and how it records what it saw.
//
// Dissectors never allocate per packet on the hot path beyond what a fact
// needs, never keep payload bytes, never panic on any input, and never
// record a secret: credentials go through Recorder.Credential, which keeps
// the fact and a fingerprint only.
package dissect

// Direction tells which way a payload travels within a flow.
type Direction uint8

const (
	// ToServer is from the flow's initiator (the TCP SYN sender, or the
	// first sender of a UDP conversation) to its responder.
	ToServer Direction = iota
	// ToClient is the reverse.
	ToClient
)

func (d Direction) String() string {
	if d == ToServer {
		return "to_server"
	}
	return "to_client"
}

// Transport of a flow.
type Transport uint8

const (
	TCP Transport = iota + 1
	UDP
)

func (t Transport) String() string {
	switch t {
	case TCP:
		return "tcp"
	case UDP:
		return "udp"
	}
	return "other"
}

// Port is a well-known port of a protocol, used as a hint only: a flow is
// labelled by payload when a dissector matches it, by port when none does
// and the port is registered, and "unknown" otherwise.
type Port struct {
	Transport Transport
	Number    uint16
}

// Dissector recognises and dissects one application protocol over TCP or
// UDP.
type Dissector interface {
	// Name is the protocol's short name as policies see it ("modbus",
	// "dnp3", "s7comm", "enip", "bacnet", "iec104", "opcua", "c37118",
	// "ads", "telnet", "ftp", "http", "snmp", "tls", "ssh", "rdp", "smb",
	// "dns", "ntp", "vnc"). Names are unique, and listed in
	// evidence.WireProtocols.
	Name() string
	// Ports returns the protocol's registered ports.
	Ports() []Port
	// Match reports whether the first payload seen in direction dir of a
	// flow looks like this protocol. It must be cheap and strict: a
	// well-known port carrying other traffic must not match.
	Match(t Transport, dir Direction, payload []byte) bool
	// Dissect is given the flow's bytes in order, per direction: for TCP
	// the reassembled stream bytes not consumed yet (at most MaxBuffer),
	// for UDP one datagram. It records facts into rec and returns how
	// many bytes it consumed; for TCP the reader keeps the rest and calls
	// again with more. Returning len(buf) discards everything; a dissector
	// that loses sync should do so and resynchronise on the next call.
	Dissect(t Transport, dir Direction, buf []byte, rec *Recorder) (consumed int)
}

// FrameDissector dissects a layer-2 protocol identified by its EtherType
// (PROFINET RT/DCP 0x8892, IEC 61850 GOOSE 0x88b8).
type FrameDissector interface {
	Name() string
	EtherTypes() []uint16
	// DissectFrame is given the frame's payload after the EtherType (and
	// after any VLAN tags).
	DissectFrame(payload []byte, rec *Recorder)
}

// LLCDissector is a FrameDissector of a protocol carried in IEEE 802.2
// LLC frames (an 802.3 length where the EtherType would be), recognised by
// its service access point (BACnet/Ethernet: 0x82). DissectFrame is given
// what follows the 3-byte LLC header.
type LLCDissector interface {
	FrameDissector
	SAPs() []uint8
}

// MaxBuffer bounds the bytes the reader buffers per flow direction for a
// dissector; a PDU larger than this is skipped.
const MaxBuffer = 64 << 10
