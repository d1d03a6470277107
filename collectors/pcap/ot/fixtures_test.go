package ot

import (
	"encoding/binary"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// h decodes hex, ignoring spaces, so fixtures can be grouped by field.
func h(_ testing.TB, s string) []byte {
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		panic("bad fixture " + s + ": " + err.Error())
	}
	return b
}

// dnp3Build frames user data into a DNP3 link frame with its CRCs.
func dnp3Build(ctrl byte, dst, src uint16, ud []byte) []byte {
	f := []byte{0x05, 0x64, byte(5 + len(ud)), ctrl, byte(dst), byte(dst >> 8), byte(src), byte(src >> 8)}
	crc := dnp3CRC(f)
	f = append(f, byte(crc), byte(crc>>8))
	for len(ud) > 0 {
		n := min(16, len(ud))
		crc := dnp3CRC(ud[:n])
		f = append(f, ud[:n]...)
		f = append(f, byte(crc), byte(crc>>8))
		ud = ud[n:]
	}
	return f
}

// uaString encodes an OPC UA String.
func uaString(s string) []byte {
	b := binary.LittleEndian.AppendUint32(nil, uint32(len(s)))
	return append(b, s...)
}

// uaOPN builds an OpenSecureChannel chunk with the given policy, a
// certificate when cert is set, and body after the asymmetric header.
func uaOPN(policy string, cert bool, body []byte) []byte {
	b := []byte{0, 0, 0, 0}
	b = append(b, uaString("http://opcfoundation.org/UA/SecurityPolicy#"+policy)...)
	if cert {
		b = append(b, uaString("certificate-der")...)
		b = append(b, uaString("01234567890123456789")...)
	} else {
		b = append(b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)
	}
	b = append(b, body...)
	hdr := append([]byte("OPNF"), binary.LittleEndian.AppendUint32(nil, uint32(8+len(b)))...)
	return append(hdr, b...)
}

// uaOPNRequest is the sequence header and OpenSecureChannelRequest body
// with the given security mode.
func uaOPNRequest(mode uint32) []byte {
	b := []byte{1, 0, 0, 0, 1, 0, 0, 0}   // sequence number, request id
	b = append(b, 0x01, 0x00, 0xbe, 0x01) // NodeId 446
	b = append(b, 0x00, 0x00)             // authentication token: null NodeId
	b = append(b, make([]byte, 8+4+4)...) // timestamp, handle, diagnostics
	b = append(b, 0xff, 0xff, 0xff, 0xff) // audit entry id: null
	b = append(b, 0x10, 0x27, 0, 0)       // timeout hint
	b = append(b, 0x00, 0x00, 0x00)       // additional header: null, no body
	b = append(b, 0, 0, 0, 0, 0, 0, 0, 0) // client protocol version, request type
	b = binary.LittleEndian.AppendUint32(b, mode)
	b = append(b, 0xff, 0xff, 0xff, 0xff)    // client nonce
	return append(b, 0x80, 0xee, 0x36, 0x00) // requested lifetime
}

// adsAddRoute builds an ADS UDP add-route request as TwinCAT tools send it.
func adsAddRoute(user, pass string) []byte {
	b := h(nil, "03661471 00000000 06000000 c0a80163 0101 1027 05000000")
	item := func(tag uint16, v []byte) {
		b = binary.LittleEndian.AppendUint16(b, tag)
		b = binary.LittleEndian.AppendUint16(b, uint16(len(v)))
		b = append(b, v...)
	}
	item(0x0c, []byte("route\x00"))
	item(0x07, []byte{192, 168, 1, 99, 1, 1})
	item(0x0d, []byte(user+"\x00"))
	item(0x02, []byte(pass+"\x00"))
	item(0x05, []byte("host\x00"))
	return b
}

// amsBuild builds an AMS/TCP packet.
func amsBuild(cmd, flags uint16, data []byte) []byte {
	a := h(nil, "050d75600101 5303 c0a801630101 0380")
	a = binary.LittleEndian.AppendUint16(a, cmd)
	a = binary.LittleEndian.AppendUint16(a, flags)
	a = binary.LittleEndian.AppendUint32(a, uint32(len(data)))
	a = append(a, 0, 0, 0, 0, 1, 0, 0, 0)
	a = append(a, data...)
	b := binary.LittleEndian.AppendUint32([]byte{0, 0}, uint32(len(a)))
	return append(b, a...)
}

// c37Build appends the CRC to a C37.118 frame without one.
func c37Build(b []byte) []byte {
	crc := crcCCITT(b)
	return append(b, byte(crc>>8), byte(crc))
}

// fixture is one payload with what dissecting it must give.
type fixture struct {
	name   string
	d      dissect.Dissector
	t      dissect.Transport
	dir    dissect.Direction
	b      []byte
	match  bool // Match on this payload as a flow's first
	ops    []dissect.Op
	attrs  map[string]string
	events []string // event kinds
	creds  int
}

func op(class, name string, code, count int) dissect.Op {
	return dissect.Op{Class: class, Name: name, Code: code, Count: count}
}

const (
	srv = dissect.ToServer
	cli = dissect.ToClient
	tcp = dissect.TCP
	udp = dissect.UDP
)

// fixtures are real payloads from the corpus captures (named by file) and
// hand-built ones for what the corpus lacks, each checked field by field
// against the protocol specification and, for corpus ones, tshark -V.
func fixtures(t testing.TB) []fixture {
	return append(pniocmFixtures(t), []fixture{
		// Modbus.
		{name: "modbus/read_coils (modbus_example.pcap)", d: Modbus{}, t: tcp, dir: srv, match: true,
			b:     h(t, "0001 0000 0006 04 01 00010001"),
			ops:   []dissect.Op{op("read", "read_coils", 1, 1)},
			attrs: map[string]string{"unit_ids": "4"}},
		{name: "modbus/read_coils response", d: Modbus{}, t: tcp, dir: cli, match: true,
			b:     h(t, "0001 0000 0004 04 01 0101"),
			ops:   []dissect.Op{op("response", "read_coils", 1, 1)},
			attrs: map[string]string{"unit_ids": "4"}},
		{name: "modbus/exception (modbus_4sics_geeklounge_min.pcap)", d: Modbus{}, t: tcp, dir: cli, match: true,
			b:      h(t, "000b 0000 0003 01 97 0a"),
			ops:    []dissect.Op{op("error", "read_write_multiple_registers", 0x97, 1)},
			attrs:  map[string]string{"unit_ids": "1"},
			events: []string{"modbus_exception"}},
		{name: "modbus/two PDUs, device id and write, one partial", d: Modbus{}, t: tcp, dir: srv, match: true,
			b: h(t, "0003 0000 0005 01 2b 0e 01 00  0004 0000 0006 11 05 0001 ff00  0005 0000 0004"),
			ops: []dissect.Op{op("diagnostic", "read_device_identification", 43, 1),
				op("write", "write_single_coil", 5, 1)},
			attrs: map[string]string{"unit_ids": "1|17"}},
		{name: "modbus/read device identification reply (modbus_example.pcap)", d: Modbus{}, t: tcp, dir: cli, match: true,
			b: h(t, "0017 0000 003d 01 2b 0e 01 83 00 00 03 0010 5a65656b204d6f646275732054657374"+
				" 0118 50726f746f636f6c2050617273696e672069732066756e21 0207 312e322e332e36"),
			ops: []dissect.Op{op("response", "read_device_identification", 43, 1)},
			attrs: map[string]string{"unit_ids": "1", "device_vendor": "Zeek Modbus Test",
				"product_code": "Protocol Parsing is fun!", "revision": "1.2.3.6"}},
		{name: "modbus/umas", d: Modbus{}, t: tcp, dir: srv, match: true,
			b:     h(t, "0005 0000 0004 00 5a 00 02"),
			ops:   []dissect.Op{op("program", "umas", 90, 1)},
			attrs: map[string]string{"unit_ids": "0"}},

		// DNP3.
		{name: "dnp3/read class 0 (dnp3_example.pcap)", d: DNP3{}, t: tcp, dir: srv, match: true,
			b:   h(t, "0564 0b c4 0500 6400 6f36  d0 c3 01 3c0106 344d"),
			ops: []dissect.Op{op("read", "read", 1, 1)}},
		{name: "dnp3/cold restart", d: DNP3{}, t: udp, dir: srv, match: true,
			b:      dnp3Build(0xc4, 10, 1, h(t, "c0 c1 0d")),
			ops:    []dissect.Op{op("control", "cold_restart", 13, 1)},
			events: []string{"dnp3_restart"}},
		{name: "dnp3/authenticate request", d: DNP3{}, t: tcp, dir: srv, match: true,
			b:     dnp3Build(0xc4, 10, 1, h(t, "c1 c2 20 7801 5b01 0000")),
			ops:   []dissect.Op{op("session", "authenticate_request", 32, 1)},
			attrs: map[string]string{"secure_authentication": "true"}},
		{name: "dnp3/unsolicited response, 20 bytes of user data", d: DNP3{}, t: tcp, dir: cli, match: true,
			b:      dnp3Build(0x44, 1, 10, h(t, "c0 f0 82 0000 0201 2801 0000 0000 0000 0000 0000 0000")),
			ops:    []dissect.Op{op("response", "unsolicited_response", 130, 1)},
			events: []string{"dnp3_unsolicited_response"}},
		{name: "dnp3/bad header CRC", d: DNP3{}, t: tcp, dir: srv, match: false,
			b: h(t, "0564 0b c4 0500 6400 6f37  d0 c3 01 3c0106 344d")},

		// S7comm.
		{name: "s7comm/cotp connect request", d: S7comm{}, t: tcp, dir: srv, match: true,
			b:     h(t, "0300 0016 11 e0 0000 0001 00 c0010a c1020100 c2020102"),
			ops:   []dissect.Op{op("session", "cotp_connect_request", 0xe0, 1)},
			attrs: map[string]string{"src_tsap": "0x0100", "dst_tsap": "0x0102"}},
		{name: "s7comm/setup communication (s7_wincc_s400_production.pcapng)", d: S7comm{}, t: tcp, dir: srv, match: true,
			b:   h(t, "0300 0019 02f080 32 01 0000 0200 0008 0000 f0 00 0002 0002 01e0"),
			ops: []dissect.Op{op("session", "setup_communication", 0xf0, 1)}},
		{name: "s7comm/userdata cpu functions (s7_wincc_s400_production.pcapng)", d: S7comm{}, t: tcp, dir: srv, match: true,
			b:   h(t, "0300 0021 02f080 32 07 0000 0300 0008 0008 000112 04 11 44 01 00 ff09000401320004"),
			ops: []dissect.Op{op("diagnostic", "userdata_cpu_functions", 4, 1)}},
		{name: "s7comm/read SZL 0x0011 module identification response (s7ident.pcap)", d: S7comm{}, t: tcp, dir: cli, match: true,
			b: h(t, "0300009902f080320700000100000c007c000112081284010000000000ff09007800110000001c0004"+
				"000136455337203331352d32454831342d304142302000c00004000100063645533720333135"+
				"2d32454831342d304142302000c0000400010007202020202020202020202020202020202020"+
				"202000c0560302060081426f6f74204c6f61646572202020202020202020000041200909"),
			ops:   []dissect.Op{op("response", "userdata_cpu_functions", 4, 1)},
			attrs: map[string]string{"order_number": "6ES7 315-2EH14-0AB0", "firmware": "V3.2.6"}},
		{name: "s7comm/read SZL 0x001C component identification response (s7ident.pcap)", d: S7comm{}, t: tcp, dir: cli, match: true,
			b: h(t, "0300017d02f080320700000200000c0160000112081284010000000000ff09015c001c00000022000a"+
				"0001534e4150372d53455256455200000000000000000000000000000000000000000002435055"+
				"203331352d3220504e2f44500000000000000000000000000000000000000300000000000000"+
				"0000000000000000000000000000000000000000000000000000044f726967696e616c205369"+
				"656d656e732045717569706d656e7400000000000000055320432d4332555232383932323031"+
				"32000000000000000000000000000000000007435055203331352d3220504e2f445000000000"+
				"0000000000000000000000000000084d4d4320323637464631314600000000000000000000000"+
				"000000000000000000009002af600000100000000000000000000000000000000000000000000"+
				"00000000000a000000000000000000000000000000000000000000000000000000000000000000"+
				"0b0000000000000000000000000000000000000000000000000000000000000000"),
			ops: []dissect.Op{op("response", "userdata_cpu_functions", 4, 1)},
			attrs: map[string]string{"automation_system_name": "SNAP7-SERVER", "module_name": "CPU 315-2 PN/DP",
				"serial_number": "S C-C2UR28922012", "module_type": "CPU 315-2 PN/DP"}},
		{name: "s7comm/read SZL 0x0011 with an error return code records nothing", d: S7comm{}, t: tcp, dir: cli, match: true,
			b:   h(t, "0300002102f080320700000100000c0004000112081284010000000000 0a000000"),
			ops: []dissect.Op{op("response", "userdata_cpu_functions", 4, 1)}},
		{name: "s7comm/plc stop", d: S7comm{}, t: tcp, dir: srv, match: true,
			b:      h(t, "0300 0021 02f080 32 01 0000 0300 0010 0000 29 0000000000 09 505f50524f4752414d"),
			ops:    []dissect.Op{op("control", "plc_stop", 0x29, 1)},
			events: []string{"s7_plc_stop"}},
		{name: "s7comm/plc control P_PROGRAM", d: S7comm{}, t: tcp, dir: srv, match: true,
			b:      h(t, "0300 0025 02f080 32 01 0000 0400 0014 0000 28 000000000000fd 0000 09 505f50524f4752414d"),
			ops:    []dissect.Op{op("control", "plc_control", 0x28, 1)},
			attrs:  map[string]string{"pi_services": "P_PROGRAM"},
			events: []string{"s7_plc_start"}},
		{name: "s7comm/s7comm-plus set variable: the header of a frame of s7comm_plus.pcap, TPKT length cut to fit", d: S7comm{}, t: tcp, dir: cli, match: true,
			b:     h(t, "0300 0035 02f080 72 03 0059 20 e969a95a852ab0e288480ccecb618e48779f4b68a1ce9a9c42cd6aa536800683 31 0000 04f2 0000 831a"),
			ops:   []dissect.Op{op("write", "set_variable", 0x04f2, 1)},
			attrs: map[string]string{"variant": "s7comm-plus"}},
		{name: "s7comm/rdp connection request is not s7", d: S7comm{}, t: tcp, dir: srv, match: false,
			b: h(t, "0300 0013 0e e0 0000 0000 00 01 00 0800 03000000")},

		// EtherNet/IP.
		{name: "enip/set attribute single (enip_set_attribute_single_vlan.pcapng)", d: ENIP{}, t: tcp, dir: srv, match: true,
			b: h(t, "7000 1c00 f4ffcab4 00000000 5f7079636f6d6d5f 00000000  00000000 0a00 0200 a100 0400 ba629ada b100 0800 0d00 10 02 2001 2400"),
			ops: []dissect.Op{op("session", "send_unit_data", 0x70, 1),
				op("write", "set_attribute_single", 0x10, 1)}},
		{name: "enip/register session", d: ENIP{}, t: tcp, dir: srv, match: true,
			b:   h(t, "6500 0400 00000000 00000000 0000000000000000 00000000 0100 0000"),
			ops: []dissect.Op{op("session", "register_session", 0x65, 1)}},
		{name: "enip/forward open and reset in a multiple service packet", d: ENIP{}, t: tcp, dir: srv, match: true,
			b: h(t, "6f00 2a00 01000000 00000000 0000000000000000 00000000  00000000 0a00 0200 0000 0000 b200 1a00"+
				" 0a 02 2002 2401 0200 0600 0e00  54 02 2006 2401 0a0e  05 02 2001 2401"),
			ops: []dissect.Op{op("control", "reset", 5, 1),
				op("session", "multiple_service_packet", 0x0a, 1),
				op("session", "forward_open", 0x54, 1),
				op("session", "send_rr_data", 0x6f, 1)},
			events: []string{"cip_reset"}},
		{name: "enip/list identity reply (enip_cip_example.pcap)", d: ENIP{}, t: udp, dir: cli, match: true,
			b: h(t, "6300 3300 00000000 00000000 00000000c1debed1 00000000"+
				" 0100 0c00 2d00 0100 0002af120a0101a40000000000000000 0100 0c00 3a00 0403 3000 8e4d5200 0b 313735362d454e42542f41 03"),
			ops:   []dissect.Op{op("response", "list_identity", 0x63, 1)},
			attrs: map[string]string{"product_code": "58", "product_name": "1756-ENBT/A", "revision": "4.3", "vendor_id": "1"}},
		{name: "enip/list identity over udp", d: ENIP{}, t: udp, dir: srv, match: true,
			b:   h(t, "6300 0000 00000000 00000000 0000000000000000 00000000"),
			ops: []dissect.Op{op("diagnostic", "list_identity", 0x63, 1)}},
		{name: "enip/cip io over udp 2222", d: ENIP{}, t: udp, dir: srv, match: true,
			b:   h(t, "0200 0280 0800 01000000 05000000 b100 0400 0100 aabb"),
			ops: []dissect.Op{op("write", "io", -1, 1)}},

		// BACnet/IP.
		{name: "bacnet/readProperty (bacnet_example.pcap)", d: BACnet{}, t: udp, dir: srv, match: true,
			b:   h(t, "810a0011 0104 0005010c 0c00000001194d"),
			ops: []dissect.Op{op("read", "readProperty", 12, 1)}},
		{name: "bacnet/readProperty ack (bacnet_example.pcap)", d: BACnet{}, t: udp, dir: cli, match: true,
			b:   h(t, "810a0021 0100 30010c 0c00000001194d3e750d0053656e736f725f34353331323f"),
			ops: []dissect.Op{op("response", "readProperty", 12, 1)}},
		{name: "bacnet/readProperty ack, device model-name (bacnet_example.pcap)", d: BACnet{}, t: udp, dir: cli, match: true,
			b:     h(t, "810a001c 0100 30020c 0c020001f5 1946 3e 7508 00 4849592d303534 3f"),
			ops:   []dissect.Op{op("response", "readProperty", 12, 1)},
			attrs: map[string]string{"model_name": "HIY-054"}},
		{name: "bacnet/readProperty ack, device firmware-revision (bacnet_example.pcap)", d: BACnet{}, t: udp, dir: cli, match: true,
			b:     h(t, "810a001a 0100 30030c 0c020001f5 192c 3e 7506 00 342e322e31 3f"),
			ops:   []dissect.Op{op("response", "readProperty", 12, 1)},
			attrs: map[string]string{"firmware_revision": "4.2.1"}},
		{name: "bacnet/readProperty ack, device application-software-version (bacnet_example.pcap)", d: BACnet{}, t: udp, dir: cli, match: true,
			b:     h(t, "810a001a 0100 30040c 0c020001f5 190c 3e 7506 00 302e352e37 3f"),
			ops:   []dissect.Op{op("response", "readProperty", 12, 1)},
			attrs: map[string]string{"application_software_version": "0.5.7"}},
		{name: "bacnet/readProperty ack, device vendor-name", d: BACnet{}, t: udp, dir: cli, match: true,
			b:     h(t, "810a001e 0100 30050c 0c020001f5 1979 3e 750a 00 41636d6520436f7270 3f"),
			ops:   []dissect.Op{op("response", "readProperty", 12, 1)},
			attrs: map[string]string{"device_vendor": "Acme Corp"}},
		{name: "bacnet/readProperty ack, device model-name in UCS-2 is not read", d: BACnet{}, t: udp, dir: cli, match: true,
			b:   h(t, "810a0018 0100 30020c 0c020001f5 1946 3e 7505 04 00480049 3f"),
			ops: []dissect.Op{op("response", "readProperty", 12, 1)}},
		{name: "bacnet/reinitializeDevice abortrestore with a password (bacnet_example.pcap)", d: BACnet{}, t: udp, dir: srv, match: true,
			b:      h(t, "810a0011 0104 00050114 0906 1d0b00 44656c63617474793730"),
			ops:    []dissect.Op{op("control", "reinitializeDevice", 20, 1)},
			events: []string{"bacnet_reinitialize_device"},
			creds:  1},
		{name: "bacnet/reinitializeDevice error (bacnet_example.pcap)", d: BACnet{}, t: udp, dir: cli, match: true,
			b:   h(t, "810a0011 0104 500114 9105 911a"),
			ops: []dissect.Op{op("error", "error:reinitializeDevice", 20, 1)}},
		{name: "bacnet/reinitializeDevice coldstart", d: BACnet{}, t: udp, dir: srv, match: true,
			b:      h(t, "810a000c 0100 00050114 0900"),
			ops:    []dissect.Op{op("control", "reinitializeDevice", 20, 1)},
			events: []string{"bacnet_reinitialize_device"}},
		{name: "bacnet/deviceCommunicationControl disable", d: BACnet{}, t: udp, dir: srv, match: true,
			b:      h(t, "810a000c 0100 00050211 1901"),
			ops:    []dissect.Op{op("control", "deviceCommunicationControl", 17, 1)},
			events: []string{"bacnet_device_communication_control"}},
		{name: "bacnet/who-is broadcast to all networks", d: BACnet{}, t: udp, dir: srv, match: true,
			b:   h(t, "810b000c 0120ffff00ff 1008"),
			ops: []dissect.Op{op("diagnostic", "who-Is", 8, 1)}},
		{name: "bacnet/error to writeProperty", d: BACnet{}, t: udp, dir: cli, match: true,
			b:   h(t, "810a000d 0100 50010f 9102 9128"),
			ops: []dissect.Op{op("error", "error:writeProperty", 15, 1)}},

		// IEC 60870-5-104.
		{name: "iec104/startdt act", d: IEC104{}, t: tcp, dir: srv, match: true,
			b:   h(t, "6804 07000000"),
			ops: []dissect.Op{op("session", "startdt_act", 7, 1)}},
		{name: "iec104/measured values (iec104_090813_diverse.pcap)", d: IEC104{}, t: tcp, dir: srv, match: true,
			b:   h(t, "681a 9a002800 0d 02 0100 0300 140500 0000f041 00 150500 00003144 00"),
			ops: []dissect.Op{op("response", "M_ME_NC_1", 13, 1)}},
		{name: "iec104/single command and reset process", d: IEC104{}, t: tcp, dir: srv, match: true,
			b: h(t, "680e 02000000 2d 01 0600 0100 010000 01  680e 04000000 69 01 0600 0100 000000 01"),
			ops: []dissect.Op{op("control", "C_SC_NA_1", 45, 1),
				op("control", "C_RP_NA_1", 105, 1)},
			attrs:  map[string]string{"command_types": "C_RP_NA_1|C_SC_NA_1"},
			events: []string{"iec104_reset_process"}},
		{name: "iec104/command confirmation", d: IEC104{}, t: tcp, dir: cli, match: true,
			b:   h(t, "680e 02000200 2d 01 0700 0100 010000 01"),
			ops: []dissect.Op{op("response", "C_SC_NA_1", 45, 1)}},

		// OPC UA.
		{name: "opcua/hello (opcua_open62541_client-server_mainloop.pcap)", d: OPCUA{}, t: tcp, dir: srv, match: true,
			b:     h(t, "48454c46 38000000 00000000 ffff0000 ffff0000 00000000 00000000 18000000 6f70632e7463703a2f2f6c6f63616c686f73743a34383430"),
			ops:   []dissect.Op{op("session", "Hello", -1, 1)},
			attrs: map[string]string{"endpoint_url": "opc.tcp://localhost:4840"}},
		{name: "opcua/open secure channel None (opcua_open62541_client-server_mainloop.pcap)", d: OPCUA{}, t: tcp, dir: srv, match: true,
			b: h(t, "4f504e46 84000000 00000000 2f000000 687474703a2f2f6f7063666f756e646174696f6e2e6f72672f55412f5365637572697479506f6c696379234e6f6e65"+
				" ffffffff ffffffff 01000000 01000000 0100be01 0000 caa2e64e2dd1d501 00000000 00000000 ffffffff 00000000 000000"+
				" 00000000 00000000 01000000 ffffffff c0270900"),
			ops: []dissect.Op{op("session", "OpenSecureChannel", 446, 1)},
			attrs: map[string]string{"security_mode": "None", "security_policy": "None",
				"security_policy_uri": "http://opcfoundation.org/UA/SecurityPolicy#None"}},
		{name: "opcua/open secure channel None, SignAndEncrypt mode", d: OPCUA{}, t: tcp, dir: srv, match: true,
			b:   uaOPN("None", false, uaOPNRequest(3)),
			ops: []dissect.Op{op("session", "OpenSecureChannel", 446, 1)},
			attrs: map[string]string{"security_mode": "SignAndEncrypt", "security_policy": "None",
				"security_policy_uri": "http://opcfoundation.org/UA/SecurityPolicy#None"}},
		{name: "opcua/open secure channel Basic256Sha256 (encrypted body)", d: OPCUA{}, t: tcp, dir: srv, match: true,
			b:   uaOPN("Basic256Sha256", true, h(t, "8f3a91c2d4e5f60718293a4b5c6d7e8f")),
			ops: []dissect.Op{op("session", "OpenSecureChannel", 446, 1)},
			attrs: map[string]string{"certificate": "present", "security_policy": "Basic256Sha256",
				"security_policy_uri": "http://opcfoundation.org/UA/SecurityPolicy#Basic256Sha256"}},
		{name: "opcua/write request", d: OPCUA{}, t: tcp, dir: srv, match: true,
			b:   h(t, "4d534746 1c000000 01000000 01000000 05000000 05000000 0100a102"),
			ops: []dissect.Op{op("write", "Write", 673, 1)}},

		// C37.118.
		{name: "c37118/command send config 2 (c37118_1pmu_tcp.pcap)", d: C37118{}, t: tcp, dir: srv, match: true,
			b:     h(t, "aa41 0012 00f1 00000000 00000000 0005 d7d0"),
			ops:   []dissect.Op{op("control", "command_send_config_2", 5, 1)},
			attrs: map[string]string{"idcode": "241"}},
		{name: "c37118/data frame", d: C37118{}, t: udp, dir: cli, match: true,
			b:     c37Build(h(t, "aa01 0016 0007 4893344a 001eb852 0000 00000000")),
			ops:   []dissect.Op{op("response", "data", 0, 1)},
			attrs: map[string]string{"idcode": "7"}},
		{name: "c37118/bad crc", d: C37118{}, t: tcp, dir: srv, match: false,
			b: h(t, "aa41 0012 00f1 00000000 00000000 0005 d7d1")},

		// ADS.
		{name: "ads/read state (beckhoff_ads_iplink_tc.pcapng)", d: ADS{}, t: tcp, dir: srv, match: true,
			b:     h(t, "0000 20000000 050d75600101 1027 c0a801630101 0380 0400 0400 00000000 00000000 05000000"),
			ops:   []dissect.Op{op("diagnostic", "read_state", 4, 1)},
			attrs: map[string]string{"target_port": "10000"}},
		{name: "ads/write control stop", d: ADS{}, t: tcp, dir: srv, match: true,
			b:      amsBuild(5, 4, h(t, "0600 0000 00000000")),
			ops:    []dissect.Op{op("control", "write_control", 5, 1)},
			attrs:  map[string]string{"target_port": "851"},
			events: []string{"ads_write_control"}},
		{name: "ads/discover (beckhoff_ads_iplink_tc.pcapng)", d: ADS{}, t: udp, dir: srv, match: true,
			b:   h(t, "03661471 00000000 01000000 c0a801630101 1027 00000000"),
			ops: []dissect.Op{op("diagnostic", "discover", 1, 1)}},
		{name: "ads/add route with the default password", d: ADS{}, t: udp, dir: srv, match: true,
			b:      adsAddRoute("Administrator", "1"),
			ops:    []dissect.Op{op("write", "add_route", 6, 1)},
			events: []string{"ads_add_route"},
			creds:  1},
	}...)
}
