package ot

import (
	"encoding/binary"
	"testing"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// rpcCL builds a connection-less DCE/RPC packet: version 4, ptype, the
// given interface UUID (head = its first eight bytes as written in the
// UUID's text, tail the last eight), opnum and body, little-endian when le.
func rpcCL(le bool, ptype byte, object, iface []byte, opnum, fragnum uint16, body []byte) []byte {
	var order binary.AppendByteOrder = binary.BigEndian
	drep := byte(0x00)
	if le {
		order, drep = binary.LittleEndian, 0x10
	}
	uuid := func(u []byte) []byte {
		out := append([]byte(nil), u...)
		if le {
			out[0], out[1], out[2], out[3] = u[3], u[2], u[1], u[0]
			out[4], out[5], out[6], out[7] = u[5], u[4], u[7], u[6]
		}
		return out
	}
	p := []byte{4, ptype, 0x20, 0, drep, 0, 0, 0}
	p = append(p, uuid(object)...)
	p = append(p, uuid(iface)...)
	p = append(p, make([]byte, 16)...) // activity
	p = append(p, make([]byte, 12)...) // server boot, interface version, sequence
	p = order.AppendUint16(p, opnum)
	p = append(p, 0xff, 0xff, 0xff, 0xff) // interface and activity hints
	p = order.AppendUint16(p, uint16(len(body)))
	p = order.AppendUint16(p, fragnum)
	p = append(p, 0, 0)
	return append(p, body...)
}

var (
	pnioDevice     = h(nil, "dea00001 6c97 11d1 8271 00a02442df7d")
	pnioController = h(nil, "dea00002 6c97 11d1 8271 00a02442df7d")
	epmIface       = h(nil, "e1af8308 5d1f 11c9 91a4 08002b14a0fa")
	dcomIface      = h(nil, "000001a0 0000 0000 c000 000000000046")
	// Instance 1, device id 0x0003, vendor id 0x015a (Phoenix Contact's
	// object UUID in profinet_io_cm_mixed_1.pcap).
	pnioObject = h(nil, "dea00000 6c97 11d1 8271 0001 0003 015a")
)

// pnioArgs is the NDR header of a request or response body (args maximum
// or PNIOStatus, args length, maximum count, offset, actual count).
func pnioArgs(status string, blocks []byte) []byte {
	b := h(nil, status)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(blocks)))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(blocks)))
	b = binary.LittleEndian.AppendUint32(b, 0)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(blocks)))
	return append(b, blocks...)
}

// arBlockReq is an ARBlockReq with the given initiator station name.
func arBlockReq(name string) []byte {
	v := h(nil, "0100 0001")                       // version, ARType IOCAR
	v = append(v, make([]byte, 16)...)             // ARUUID
	v = append(v, 0, 1)                            // session key
	v = append(v, h(nil, "00a0456dd343")...)       // initiator MAC
	v = append(v, pnioObject...)                   // initiator object UUID
	v = append(v, h(nil, "00000011 0258 8892")...) // properties, timeout, UDP RT port
	v = binary.BigEndian.AppendUint16(v, uint16(len(name)))
	v = append(v, name...)
	return append(binary.BigEndian.AppendUint16([]byte{0x01, 0x01}, uint16(len(v))), v...)
}

func pniocmFixtures(t testing.TB) []fixture {
	return []fixture{
		{name: "profinet/cm control PrmEnd request, big-endian (profinet_io_cm_mixed_1.pcap frame 23)", d: PNIOCM{}, t: udp, dir: srv, match: true,
			b: h(t, "0400200000000000dea000006c9711d1827100010003015adea000016c9711d1827100a02442df7d13142f9000001000a994d2106890ca5a"+
				"0000000000000001000000020004ffffffff00340000000000001000000000200000100000000000000000200110001c010000007c74224e166c4a58bf6b6c25a75870f00001000000010000"),
			ops:   []dissect.Op{op("control", "control", 4, 1)},
			attrs: map[string]string{"control_commands": "prm_end", "io_device_end": "server", "vendor_device_id": "0x015a:0x0003"}},
		{name: "profinet/cm control PrmEnd response, little-endian (frame 24)", d: PNIOCM{}, t: udp, dir: srv, match: true,
			b: h(t, "04022800100000000000a0de976cd111827100010003015a0100a0de976cd111827100a02442df7d902f141300000010a994d2106890ca5a"+
				"0200000001000000020000000400ffffffff34000000000000000000200000000010000000000000200000008110001c010000007c74224e166c4a58bf6b6c25a75870f00001000000080000"),
			ops:   []dissect.Op{op("response", "control", 4, 1)},
			attrs: map[string]string{"io_device_end": "client", "vendor_device_id": "0x015a:0x0003"}},
		{name: "profinet/cm ApplicationReady from the device to the controller interface (frame 13)", d: PNIOCM{}, t: udp, dir: srv, match: true,
			b: h(t, "04002000100000000000a0de976cd11182710064010d002a0200a0de976cd111827100a02442df7d80c8fb43000010108000000ef0489e05"+
				"0000000001000000000000000400ffffffff340000000000a000000020000000a000000000000000200000000112001c0100000009f1a530c75f6d47b67f8073439deaad0002000000020000"),
			ops:   []dissect.Op{op("control", "control", 4, 1)},
			attrs: map[string]string{"control_commands": "application_ready", "io_device_end": "client", "controller_vendor_device_id": "0x002a:0x010d"}},
		{name: "profinet/cm connect with the initiator's station name", d: PNIOCM{}, t: udp, dir: srv, match: true,
			b:     rpcCL(true, 0, pnioObject, pnioDevice, 0, 0, pnioArgs("00010000", arBlockReq("plc-1.line-a"))),
			ops:   []dissect.Op{op("session", "connect", 0, 1)},
			attrs: map[string]string{"initiator_station_name": "plc-1.line-a", "io_device_end": "server", "vendor_device_id": "0x015a:0x0003"}},
		{name: "profinet/cm read, big-endian", d: PNIOCM{}, t: udp, dir: srv, match: true,
			b:     rpcCL(false, 0, pnioObject, pnioDevice, 2, 0, pnioArgs("00001000", nil)),
			ops:   []dissect.Op{op("read", "read", 2, 1)},
			attrs: map[string]string{"io_device_end": "server", "vendor_device_id": "0x015a:0x0003"}},
		{name: "profinet/cm write refused", d: PNIOCM{}, t: udp, dir: cli, match: true,
			b:      rpcCL(true, 2, pnioObject, pnioDevice, 3, 0, pnioArgs("de80a900", nil)),
			ops:    []dissect.Op{op("error", "write", 3, 1)},
			attrs:  map[string]string{"io_device_end": "server", "vendor_device_id": "0x015a:0x0003"},
			events: []string{"profinet_cm_error"}},
		{name: "profinet/cm unknown opnum to the controller interface", d: PNIOCM{}, t: udp, dir: srv, match: true,
			b:     rpcCL(false, 0, pnioObject, pnioController, 9, 0, nil),
			ops:   []dissect.Op{op("diagnostic", "opnum_9", 9, 1)},
			attrs: map[string]string{"io_device_end": "client", "controller_vendor_device_id": "0x015a:0x0003"}},
		{name: "profinet/cm read implicit", d: PNIOCM{}, t: udp, dir: srv, match: true,
			b:     rpcCL(true, 0, pnioObject, pnioDevice, 5, 0, nil),
			ops:   []dissect.Op{op("read", "read_implicit", 5, 1)},
			attrs: map[string]string{"io_device_end": "server", "vendor_device_id": "0x015a:0x0003"}},
		{name: "profinet/cm later fragment is not counted again", d: PNIOCM{}, t: udp, dir: srv, match: true,
			b: rpcCL(false, 0, pnioObject, pnioDevice, 3, 1, nil)},
		{name: "profinet/cm fault", d: PNIOCM{}, t: udp, dir: cli, match: true,
			b:     rpcCL(false, 3, nil16(), pnioDevice, 0, 0, h(t, "1c010003")),
			ops:   []dissect.Op{op("error", "connect", 0, 1)},
			attrs: map[string]string{"io_device_end": "server"}},
		{name: "profinet/cm endpoint mapper lookup is not matched", d: PNIOCM{}, t: udp, dir: srv, match: false,
			b: rpcCL(true, 0, nil16(), epmIface, 2, 0, nil)},
		{name: "profinet/cm other DCE/RPC interface is not matched", d: PNIOCM{}, t: udp, dir: srv, match: false,
			b: rpcCL(true, 0, nil16(), dcomIface, 3, 0, nil)},
		{name: "profinet/cm version 5 (connection-oriented) is not matched", d: PNIOCM{}, t: udp, dir: srv, match: false,
			b: append([]byte{5}, rpcCL(true, 0, nil16(), pnioDevice, 3, 0, nil)[1:]...)},
		{name: "profinet/cm over TCP is not matched", d: PNIOCM{}, t: tcp, dir: srv, match: false,
			b: rpcCL(true, 0, nil16(), pnioDevice, 3, 0, nil)},
	}
}

func nil16() []byte { return make([]byte, 16) }

// TestPNIOCMEndpointMapper: a flow on port 34964 labelled by port gets
// its endpoint mapper lookups counted, not taken for PNIO operations.
func TestPNIOCMEndpointMapper(t *testing.T) {
	rec := dissect.NewRecorder(nil)
	PNIOCM{}.Dissect(udp, srv, rpcCL(true, 0, nil16(), epmIface, 2, 0, nil), rec)
	PNIOCM{}.Dissect(udp, srv, rpcCL(true, 0, nil16(), dcomIface, 2, 0, nil), rec)
	PNIOCM{}.Dissect(udp, srv, []byte{4, 0, 0}, rec)
	f := rec.Facts()
	if len(f.Ops) != 1 || f.Ops[0].Name != "epm_lookup" || f.Ops[0].Class != dissect.ClassDiagnostic {
		t.Errorf("ops = %+v, want one epm_lookup", f.Ops)
	}
	if f.Malformed != 1 {
		t.Errorf("malformed = %d, want 1 (the short packet)", f.Malformed)
	}
}

func FuzzPNIOCM(f *testing.F) { fuzzDissector(f, PNIOCM{}) }
