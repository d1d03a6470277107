package ot

import (
	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// PNIOCM dissects the PROFINET IO context manager (IEC 61158-6-10): the
// connection-less DCE/RPC that sets up an application relation (Connect),
// reads and writes records (Read, Write, Read Implicit), drives its state
// (Control: PrmBegin, PrmEnd, ApplicationReady) and ends it (Release).
// Flows carry the name "profinet", as the layer-2 RT and DCP frames do.
//
// A device answers from its own ephemeral port and the controller sends
// later requests there, so a flow is recognised by the RPC header (version
// 4 and a PNIO interface UUID), not by port 34964 alone.
type PNIOCM struct{}

func (PNIOCM) Name() string { return "profinet" }

func (PNIOCM) Ports() []dissect.Port { return []dissect.Port{{Transport: dissect.UDP, Number: 34964}} }

// DCE/RPC connection-less header: 80 bytes (DCE 1.1 RPC, chapter 12).
const (
	rpcHeaderLen = 80
	rpcRequest   = 0
	rpcResponse  = 2
	rpcFault     = 3
	rpcReject    = 6
)

// pnioInterface returns which PNIO interface the 16 bytes u name (1 device,
// 2 controller, 3 supervisor, 4 parameter server), 0 for none. UUIDs are
// DEA0000x-6C97-11D1-8271-00A02442DF7D; le tells whether the first three
// fields are little-endian (NDR integer representation).
func pnioInterface(u []byte, le bool) int {
	tail := [8]byte{0x82, 0x71, 0x00, 0xa0, 0x24, 0x42, 0xdf, 0x7d}
	if [8]byte(u[8:16]) != tail {
		return 0
	}
	var head [8]byte
	if le {
		head = [8]byte{u[3], u[2], u[1], u[0], u[5], u[4], u[7], u[6]}
	} else {
		head = [8]byte(u[:8])
	}
	if head[0] != 0xde || head[1] != 0xa0 || head[2] != 0 || head[4] != 0x6c || head[5] != 0x97 || head[6] != 0x11 || head[7] != 0xd1 {
		return 0
	}
	if head[3] < 1 || head[3] > 4 {
		return 0
	}
	return int(head[3])
}

// rpcLE reports whether the header's data representation is little-endian.
func rpcLE(p []byte) bool { return p[4]>>4 == 1 }

func (PNIOCM) Match(t dissect.Transport, _ dissect.Direction, p []byte) bool {
	if t != dissect.UDP || len(p) < rpcHeaderLen || p[0] != 4 || p[1] > 10 || p[4]>>4 > 1 {
		return false
	}
	return pnioInterface(p[24:40], rpcLE(p)) != 0
}

// pnioOps names the PNIO opnums with their class.
var pnioOps = [...]bacSvc{
	0: {"connect", dissect.ClassSession},
	1: {"release", dissect.ClassSession},
	2: {"read", dissect.ClassRead},
	3: {"write", dissect.ClassWrite},
	4: {"control", dissect.ClassControl},
	5: {"read_implicit", dissect.ClassRead},
}

// Control blocks (IODControlReq and relatives) by block type.
var pnioControls = map[int]string{
	0x0110: "prm_end", 0x0111: "prm_end", 0x0112: "application_ready", 0x0113: "application_ready",
	0x0114: "release", 0x0116: "ready_for_companion", 0x0117: "ready_for_rt_class3", 0x0118: "prm_begin",
}

func (PNIOCM) Dissect(_ dissect.Transport, dir dissect.Direction, p []byte, rec *dissect.Recorder) int {
	if len(p) < rpcHeaderLen || p[0] != 4 {
		rec.Malformed()
		return len(p)
	}
	le := rpcLE(p)
	u16 := be16
	if le {
		u16 = le16
	}
	ptype, opnum, fragnum := int(p[1]), u16(p[68:]), u16(p[76:])
	body := p[rpcHeaderLen:]
	if n := u16(p[74:]); n < len(body) {
		body = body[:n]
	}
	iface := pnioInterface(p[24:40], le)
	if iface == 0 {
		if isEPM(p[24:40], le) && fragnum == 0 && ptype == rpcRequest {
			rec.Op(dissect.ClassDiagnostic, "epm_lookup", opnum)
		}
		return len(p)
	}
	if fragnum != 0 { // a later fragment of a request or response already counted
		return len(p)
	}
	objectID(p[8:24], le, iface, rec)
	ioDeviceEnd(iface, ptype, dir, rec)
	op := "opnum_" + decimal(opnum)
	if opnum < len(pnioOps) {
		op = pnioOps[opnum].name
	}
	switch ptype {
	case rpcRequest:
		class := dissect.ClassDiagnostic
		if opnum < len(pnioOps) {
			class = pnioOps[opnum].class
		}
		rec.Op(class, op, opnum)
		if len(body) >= 20 {
			pnioBlocks(opnum, body[20:], rec)
		}
	case rpcResponse:
		// PNIOStatus leads the response: 0 is OK, anything else an error
		// (error code, decode, code 1, code 2).
		if len(body) >= 4 && (body[0] != 0 || body[1] != 0 || body[2] != 0 || body[3] != 0) {
			rec.Op(dissect.ClassError, op, opnum)
			rec.Event("profinet_cm_error", "PNIO "+op+" refused: status 0x"+hexBytes(body[:4], 4))
			return len(p)
		}
		rec.Op(dissect.ClassResponse, op, opnum)
	case rpcFault, rpcReject:
		rec.Op(dissect.ClassError, op, opnum)
	}
	return len(p)
}

// ioDeviceEnd records which end of the flow is the IO device, since the
// flow's client is only its first sender: the device is the RPC server of
// the device interface (connect, read, write, PrmEnd) and the RPC client
// of the controller interface (ApplicationReady, alarms by RPC).
func ioDeviceEnd(iface, ptype int, dir dissect.Direction, rec *dissect.Recorder) {
	var sentByServer bool // this packet came from the RPC server
	switch ptype {
	case rpcRequest:
		sentByServer = false
	case rpcResponse, rpcFault, rpcReject:
		sentByServer = true
	default:
		return
	}
	deviceSent := sentByServer == (iface == 1)
	if deviceSent == (dir == dissect.ToServer) {
		rec.Attr("io_device_end", "client")
	} else {
		rec.Attr("io_device_end", "server")
	}
}

// isEPM reports whether u is the DCE/RPC endpoint mapper interface,
// E1AF8308-5D1F-11C9-91A4-08002B14A0FA, which controllers ask on port
// 34964 for the PNIO endpoint.
func isEPM(u []byte, le bool) bool {
	var head [8]byte
	if le {
		head = [8]byte{u[3], u[2], u[1], u[0], u[5], u[4], u[7], u[6]}
	} else {
		head = [8]byte(u[:8])
	}
	return head == [8]byte{0xe1, 0xaf, 0x83, 0x08, 0x5d, 0x1f, 0x11, 0xc9} &&
		[8]byte(u[8:16]) == [8]byte{0x91, 0xa4, 0x08, 0x00, 0x2b, 0x14, 0xa0, 0xfa}
}

// objectID records the vendor and device id a PNIO object UUID carries:
// DEA00000-6C97-11D1-8271-IIIIDDDDVVVV (instance, device id, vendor id),
// written as DCP writes its DeviceID block, vendor first. Calls to the
// device interface name the IO device; calls to the controller interface
// carry the controller's own object UUID.
func objectID(u []byte, le bool, iface int, rec *dissect.Recorder) {
	var head [4]byte
	if le {
		head = [4]byte{u[3], u[2], u[1], u[0]}
	} else {
		head = [4]byte(u[:4])
	}
	if head != [4]byte{0xde, 0xa0, 0, 0} || u[8] != 0x82 || u[9] != 0x71 {
		return
	}
	key := "vendor_device_id"
	if iface == 2 {
		key = "controller_vendor_device_id"
	}
	rec.Attr(key, hex4(be16(u[14:]))+":"+hex4(be16(u[12:])))
}

// pnioBlocks walks the blocks of a request (BlockType, BlockLength counted
// after itself, version), big-endian whatever the RPC header says.
func pnioBlocks(opnum int, b []byte, rec *dissect.Recorder) {
	for n := 0; len(b) >= 6 && n < 64; n++ {
		typ, l := be16(b), be16(b[2:])
		if l < 2 || 4+l > len(b) {
			rec.Malformed()
			return
		}
		v := b[6 : 4+l]
		switch {
		case typ == 0x0101 && opnum == 0: // ARBlockReq
			// ARType 2, ARUUID 16, SessionKey 2, CMInitiatorMacAdd 6,
			// CMInitiatorObjectUUID 16, ARProperties 4, activity timeout 2,
			// UDP RT port 2, then the station name's length and the name.
			if len(v) >= 52 {
				nl := be16(v[50:])
				if nl > 0 && 52+nl <= len(v) {
					rec.Attr("initiator_station_name", printable(v[52:52+nl], 240))
				}
			}
		case opnum == 4 || opnum == 1:
			if c, ok := pnioControls[typ]; ok {
				rec.Attr("control_commands", c)
			}
		case typ == 0x0008 && opnum == 3 && len(v) >= 30: // IODWriteReqHeader
			// SeqNumber 2, ARUUID 16, API 4, slot 2, subslot 2, padding 2,
			// then the record index.
			rec.Attr("write_indexes", hex4(be16(v[28:])))
		}
		if typ == 0x0008 || typ == 0x0009 {
			// A write header is followed by its record data, which is not
			// blocks; stop after the first (a MultipleWrite carries its
			// own headers inside, padded, which this does not follow).
			return
		}
		b = b[4+l:]
	}
}
