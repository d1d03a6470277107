package ot

import (
	"strconv"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// Modbus dissects Modbus/TCP: MBAP-framed PDUs, possibly several per
// segment or one across segments.
type Modbus struct{}

func (Modbus) Name() string { return "modbus" }

func (Modbus) Ports() []dissect.Port { return []dissect.Port{{Transport: dissect.TCP, Number: 502}} }

const mbapLen = 7

type modbusFunc struct {
	name, class string
}

var modbusFuncs = map[int]modbusFunc{
	1:  {"read_coils", dissect.ClassRead},
	2:  {"read_discrete_inputs", dissect.ClassRead},
	3:  {"read_holding_registers", dissect.ClassRead},
	4:  {"read_input_registers", dissect.ClassRead},
	5:  {"write_single_coil", dissect.ClassWrite},
	6:  {"write_single_register", dissect.ClassWrite},
	7:  {"read_exception_status", dissect.ClassDiagnostic},
	8:  {"diagnostics", dissect.ClassDiagnostic},
	11: {"get_comm_event_counter", dissect.ClassDiagnostic},
	12: {"get_comm_event_log", dissect.ClassDiagnostic},
	15: {"write_multiple_coils", dissect.ClassWrite},
	16: {"write_multiple_registers", dissect.ClassWrite},
	17: {"report_server_id", dissect.ClassDiagnostic},
	20: {"read_file_record", dissect.ClassRead},
	21: {"write_file_record", dissect.ClassWrite},
	22: {"mask_write_register", dissect.ClassWrite},
	23: {"read_write_multiple_registers", dissect.ClassWrite},
	24: {"read_fifo_queue", dissect.ClassRead},
	43: {"encapsulated_interface_transport", dissect.ClassDiagnostic},
	90: {"umas", dissect.ClassProgram},
}

var modbusExceptions = []string{
	1: "illegal function", 2: "illegal data address", 3: "illegal data value",
	4: "server device failure", 5: "acknowledge", 6: "server device busy",
	8: "memory parity error", 10: "gateway path unavailable",
	11: "gateway target device failed to respond",
}

// modbusKnown reports whether fc is a function code a device could
// answer: a public one, a user-defined one (65-72, 100-110) or an
// exception to either.
func modbusKnown(fc int) bool {
	fc &^= 0x80
	if _, ok := modbusFuncs[fc]; ok {
		return true
	}
	return (fc >= 65 && fc <= 72) || (fc >= 100 && fc <= 110)
}

// mbapHeader checks an MBAP header and returns the ADU length (header and
// PDU) or 0 when b does not start with one.
func mbapHeader(b []byte) int {
	if len(b) < mbapLen+1 || b[2] != 0 || b[3] != 0 {
		return 0
	}
	n := be16(b[4:])
	if n < 2 || n > 254 || !modbusKnown(int(b[7])) {
		return 0
	}
	return 6 + n
}

func (Modbus) Match(t dissect.Transport, _ dissect.Direction, p []byte) bool {
	if t != dissect.TCP {
		return false
	}
	n := mbapHeader(p)
	if n == 0 {
		return false
	}
	// A first segment normally holds whole ADUs; when it holds more than
	// one, the next must be framed too.
	if len(p) > n {
		return mbapHeader(p[n:]) != 0 || len(p)-n < mbapLen+1
	}
	return true
}

func (Modbus) Dissect(_ dissect.Transport, dir dissect.Direction, buf []byte, rec *dissect.Recorder) int {
	off := 0
	for len(buf)-off >= mbapLen+1 {
		n := mbapHeader(buf[off:])
		if n == 0 {
			rec.Malformed()
			return len(buf)
		}
		if len(buf)-off < n {
			break
		}
		modbusPDU(dir, buf[off+6], buf[off+7:off+n], rec)
		off += n
	}
	return off
}

func modbusPDU(dir dissect.Direction, unit byte, pdu []byte, rec *dissect.Recorder) {
	rec.Attr("unit_ids", decimal(int(unit)))
	fc := int(pdu[0])
	base := fc &^ 0x80
	f, ok := modbusFuncs[base]
	if !ok {
		f = modbusFunc{"user_defined", dissect.ClassProgram}
	}
	if fc&0x80 != 0 {
		code := -1
		if len(pdu) > 1 {
			code = int(pdu[1])
		}
		rec.Op(dissect.ClassError, f.name, fc)
		rec.Event("modbus_exception", "exception "+strconv.Itoa(code)+" ("+name(modbusExceptions, code, "unknown")+") to "+f.name+" (function "+strconv.Itoa(base)+") from unit "+strconv.Itoa(int(unit)))
		return
	}
	if base == 43 && len(pdu) > 1 {
		switch pdu[1] {
		case 14:
			f.name = "read_device_identification"
		case 13:
			f.name = "canopen_general_reference"
		}
	}
	if dir == dissect.ToClient {
		rec.Op(dissect.ClassResponse, f.name, fc)
		if base == 43 && len(pdu) > 1 && pdu[1] == 14 {
			modbusDeviceID(pdu, rec)
		}
		return
	}
	rec.Op(f.class, f.name, fc)
}

// modbusDeviceID records the basic objects of a Read Device Identification
// reply: fc, MEI type, read code, conformity, more follows, next object,
// object count, then objects (id, length, value).
func modbusDeviceID(pdu []byte, rec *dissect.Recorder) {
	if len(pdu) < 7 {
		rec.Malformed()
		return
	}
	n := int(pdu[6])
	p := pdu[7:]
	for i := 0; i < n && len(p) >= 2; i++ {
		id, l := p[0], int(p[1])
		if 2+l > len(p) {
			rec.Malformed()
			return
		}
		v := p[2 : 2+l]
		p = p[2+l:]
		switch id {
		case 0:
			rec.Attr("device_vendor", printable(v, 64))
		case 1:
			rec.Attr("product_code", printable(v, 64))
		case 2:
			rec.Attr("revision", printable(v, 32))
		case 4:
			rec.Attr("product_name", printable(v, 64))
		case 5:
			rec.Attr("model_name", printable(v, 64))
		}
	}
}
