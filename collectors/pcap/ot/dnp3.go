package ot

import (
	"strconv"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// DNP3 dissects DNP3 (IEEE 1815) over TCP or UDP: link-layer frames with
// their CRC blocks stripped, the transport header and the first fragment's
// application header.
type DNP3 struct{}

func (DNP3) Name() string { return "dnp3" }

func (DNP3) Ports() []dissect.Port {
	return []dissect.Port{{Transport: dissect.TCP, Number: 20000}, {Transport: dissect.UDP, Number: 20000}}
}

type dnp3Func struct{ name, class string }

var dnp3Funcs = [...]dnp3Func{
	0:   {"confirm", dissect.ClassSession},
	1:   {"read", dissect.ClassRead},
	2:   {"write", dissect.ClassWrite},
	3:   {"select", dissect.ClassControl},
	4:   {"operate", dissect.ClassControl},
	5:   {"direct_operate", dissect.ClassControl},
	6:   {"direct_operate_no_ack", dissect.ClassControl},
	7:   {"immediate_freeze", dissect.ClassControl},
	8:   {"immediate_freeze_no_ack", dissect.ClassControl},
	9:   {"freeze_clear", dissect.ClassControl},
	10:  {"freeze_clear_no_ack", dissect.ClassControl},
	11:  {"freeze_at_time", dissect.ClassControl},
	12:  {"freeze_at_time_no_ack", dissect.ClassControl},
	13:  {"cold_restart", dissect.ClassControl},
	14:  {"warm_restart", dissect.ClassControl},
	15:  {"initialize_data", dissect.ClassControl},
	16:  {"initialize_application", dissect.ClassControl},
	17:  {"start_application", dissect.ClassControl},
	18:  {"stop_application", dissect.ClassControl},
	19:  {"save_configuration", dissect.ClassWrite},
	20:  {"enable_unsolicited", dissect.ClassWrite},
	21:  {"disable_unsolicited", dissect.ClassWrite},
	22:  {"assign_class", dissect.ClassWrite},
	23:  {"delay_measure", dissect.ClassDiagnostic},
	24:  {"record_current_time", dissect.ClassWrite},
	25:  {"open_file", dissect.ClassProgram},
	26:  {"close_file", dissect.ClassProgram},
	27:  {"delete_file", dissect.ClassProgram},
	28:  {"get_file_info", dissect.ClassProgram},
	29:  {"authenticate_file", dissect.ClassProgram},
	30:  {"abort_file", dissect.ClassProgram},
	31:  {"activate_config", dissect.ClassProgram},
	32:  {"authenticate_request", dissect.ClassSession},
	33:  {"authenticate_error", dissect.ClassSession},
	129: {"response", dissect.ClassResponse},
	130: {"unsolicited_response", dissect.ClassResponse},
	131: {"authenticate_response", dissect.ClassResponse},
}

// dnp3Table drives dnp3CRC, the DNP3 link-layer CRC (polynomial 0x3D65,
// reflected, complemented).
var dnp3Table = func() (t [256]uint16) {
	for i := range t {
		crc := uint16(i)
		for range 8 {
			if crc&1 != 0 {
				crc = crc>>1 ^ 0xA6BC
			} else {
				crc >>= 1
			}
		}
		t[i] = crc
	}
	return t
}()

func dnp3CRC(b []byte) uint16 {
	var crc uint16
	for _, c := range b {
		crc = crc>>8 ^ dnp3Table[byte(crc)^c]
	}
	return ^crc
}

// dnp3Frame checks a link header (start bytes, length, header CRC) and
// returns the whole frame's size on the wire, or 0.
func dnp3Frame(b []byte) int {
	if len(b) < 10 || b[0] != 0x05 || b[1] != 0x64 || b[2] < 5 {
		return 0
	}
	if dnp3CRC(b[:8]) != uint16(b[8])|uint16(b[9])<<8 {
		return 0
	}
	ud := int(b[2]) - 5
	return 10 + ud + 2*((ud+15)/16)
}

func (DNP3) Match(_ dissect.Transport, _ dissect.Direction, p []byte) bool {
	return dnp3Frame(p) != 0
}

func (d DNP3) Dissect(t dissect.Transport, dir dissect.Direction, buf []byte, rec *dissect.Recorder) int {
	off := 0
	for len(buf)-off >= 10 {
		n := dnp3Frame(buf[off:])
		if n == 0 {
			rec.Malformed()
			return len(buf)
		}
		if len(buf)-off < n {
			if t == dissect.UDP {
				rec.Malformed()
				return len(buf)
			}
			break
		}
		dnp3UserData(buf[off:off+n], rec)
		off += n
	}
	if t == dissect.UDP {
		return len(buf)
	}
	return off
}

// dnp3UserData strips the CRC blocks of a frame's user data and dissects
// the transport segment it holds.
func dnp3UserData(frame []byte, rec *dissect.Recorder) {
	ctrl := frame[3]
	// Only primary frames with function 3 or 4 (unconfirmed/confirmed
	// user data) carry transport segments.
	if ctrl&0x40 == 0 || (ctrl&0x0f != 3 && ctrl&0x0f != 4) || len(frame) <= 10 {
		rec.Op(dissect.ClassSession, "link", int(ctrl&0x0f))
		return
	}
	var seg [8]byte // transport header and the first application bytes
	n := 0
	for blk := frame[10:]; len(blk) > 2 && n < len(seg); {
		m := min(16, len(blk)-2)
		if dnp3CRC(blk[:m]) != uint16(blk[m])|uint16(blk[m+1])<<8 {
			rec.Malformed()
			return
		}
		n += copy(seg[n:], blk[:m])
		blk = blk[m+2:]
	}
	th := seg[0]
	if th&0x40 == 0 { // not the first segment of a fragment
		return
	}
	if n < 3 {
		rec.Malformed()
		return
	}
	fc := int(seg[2])
	var f dnp3Func
	if fc < len(dnp3Funcs) && dnp3Funcs[fc].name != "" {
		f = dnp3Funcs[fc]
	} else {
		f = dnp3Func{"function_" + strconv.Itoa(fc), dissect.ClassProgram}
	}
	rec.Op(f.class, f.name, fc)
	switch fc {
	case 13, 14:
		rec.Event("dnp3_restart", f.name+" requested")
	case 18:
		rec.Event("dnp3_stop_application", "stop_application requested")
	case 130:
		rec.Event("dnp3_unsolicited_response", "unsolicited response from outstation "+strconv.Itoa(le16(frame[6:])))
	case 32, 33, 131:
		rec.Attr("secure_authentication", "true")
	}
	// IIN2.0: the outstation does not support the requested function.
	if (fc == 129 || fc == 130) && n >= 5 && seg[4]&0x01 != 0 {
		rec.Op(dissect.ClassError, "function_code_not_supported", fc)
	}
}
