package ot

import (
	"bytes"
	"strconv"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// S7comm dissects Siemens S7 communication over ISO-on-TCP (TPKT, RFC
// 1006, and COTP, ISO 8073): the classic protocol (id 0x32) and the
// header of S7comm-plus (id 0x72), which is reported under the same name
// with Attr "variant" = "s7comm-plus". One dissector serves both because
// they share the transport and a flow's first payload, the COTP
// connection request, cannot tell them apart.
type S7comm struct{}

func (S7comm) Name() string { return "s7comm" }

func (S7comm) Ports() []dissect.Port { return []dissect.Port{{Transport: dissect.TCP, Number: 102}} }

type s7Func struct{ name, class string }

var s7Funcs = map[int]s7Func{
	0x00: {"cpu_services", dissect.ClassDiagnostic},
	0x04: {"read_var", dissect.ClassRead},
	0x05: {"write_var", dissect.ClassWrite},
	0x1a: {"request_download", dissect.ClassProgram},
	0x1b: {"download_block", dissect.ClassProgram},
	0x1c: {"download_ended", dissect.ClassProgram},
	0x1d: {"start_upload", dissect.ClassProgram},
	0x1e: {"upload", dissect.ClassProgram},
	0x1f: {"end_upload", dissect.ClassProgram},
	0x28: {"plc_control", dissect.ClassControl},
	0x29: {"plc_stop", dissect.ClassControl},
	0xf0: {"setup_communication", dissect.ClassSession},
}

var s7UserdataGroups = []string{
	0: "mode_transition", 1: "programmer_commands", 2: "cyclic_data",
	3: "block_functions", 4: "cpu_functions", 5: "security", 6: "pbc_bsend_brecv",
	7: "time_functions", 0xf: "ncprg",
}

// s7UserdataOps are the op names of the userdata groups (0-15).
var s7UserdataOps = func() (out [16]string) {
	for g := range out {
		out[g] = "userdata_" + name(s7UserdataGroups, g, "group_"+strconv.Itoa(g))
	}
	return out
}()

type s7pFunc struct{ name, class string }

var s7plusFuncs = map[int]s7pFunc{
	0x04b1: {"error", dissect.ClassError},
	0x04bb: {"explore", dissect.ClassRead},
	0x04ca: {"create_object", dissect.ClassSession},
	0x04d4: {"delete_object", dissect.ClassSession},
	0x04f2: {"set_variable", dissect.ClassWrite},
	0x04fc: {"get_variable", dissect.ClassRead},
	0x0506: {"add_link", dissect.ClassWrite},
	0x051a: {"remove_link", dissect.ClassWrite},
	0x0524: {"get_link", dissect.ClassRead},
	0x0542: {"set_multi_variables", dissect.ClassWrite},
	0x054c: {"get_multi_variables", dissect.ClassRead},
	0x0556: {"begin_sequence", dissect.ClassProgram},
	0x0560: {"end_sequence", dissect.ClassProgram},
	0x056b: {"invoke", dissect.ClassControl},
	0x057c: {"set_var_substreamed", dissect.ClassWrite},
	0x0586: {"get_var_substreamed", dissect.ClassRead},
	0x0590: {"get_variables_address", dissect.ClassRead},
	0x059a: {"abort", dissect.ClassSession},
}

// tpkt returns the length of the TPKT packet b starts with, or 0.
func tpkt(b []byte) int {
	if len(b) < 4 || b[0] != 3 || b[1] != 0 {
		return 0
	}
	n := be16(b[2:])
	if n < 7 {
		return 0
	}
	return n
}

func (S7comm) Match(t dissect.Transport, _ dissect.Direction, p []byte) bool {
	if t != dissect.TCP {
		return false
	}
	n := tpkt(p)
	if n == 0 || len(p) < 7 {
		return false
	}
	li := int(p[4])
	if li < 2 || 5+li > len(p) || 5+li > n {
		return false
	}
	switch p[5] {
	case 0xe0, 0xd0: // CR, CC: S7 connects name TSAPs
		return s7TSAPs(p[5 : 5+li])
	case 0xf0: // DT
		if li != 2 || 7 >= len(p) {
			return false
		}
		return p[7] == 0x32 || p[7] == 0x72
	}
	return false
}

// s7TSAPs reports whether a COTP CR/CC carries S7-style TSAPs: two-byte
// TSAPs whose first byte is a connection type (1 PG, 2 OP, 3 S7 basic,
// 0x10-0x1f other), or the named TSAPs of S7-1200/1500 ("SIMATIC-ROOT-...").
func s7TSAPs(cotp []byte) bool {
	if len(cotp) < 6 {
		return false
	}
	found := false
	for p := cotp[6:]; len(p) >= 2; {
		code, n := p[0], int(p[1])
		if 2+n > len(p) {
			return false
		}
		v := p[2 : 2+n]
		if code == 0xc1 || code == 0xc2 {
			switch {
			case n == 2 && (v[0] >= 1 && v[0] <= 3 || v[0]&0xf0 == 0x10):
				found = true
			case n >= 7 && string(v[:7]) == "SIMATIC":
				found = true
			default:
				return false
			}
		}
		p = p[2+n:]
	}
	return found
}

func (S7comm) Dissect(_ dissect.Transport, dir dissect.Direction, buf []byte, rec *dissect.Recorder) int {
	off := 0
	for len(buf)-off >= 4 {
		n := tpkt(buf[off:])
		if n == 0 {
			rec.Malformed()
			return len(buf)
		}
		if len(buf)-off < n {
			break
		}
		s7COTP(dir, buf[off+4:off+n], rec)
		off += n
	}
	return off
}

func s7COTP(dir dissect.Direction, b []byte, rec *dissect.Recorder) {
	if len(b) < 2 || int(b[0])+1 > len(b) {
		rec.Malformed()
		return
	}
	li := int(b[0])
	switch b[1] {
	case 0xe0, 0xd0:
		nm := "cotp_connect_request"
		if b[1] == 0xd0 {
			nm = "cotp_connect_confirm"
		}
		rec.Op(dissect.ClassSession, nm, int(b[1]))
		if li >= 6 {
			for p := b[7 : 1+li]; len(p) >= 2 && 2+int(p[1]) <= len(p); p = p[2+int(p[1]):] {
				v := p[2 : 2+int(p[1])]
				switch p[0] {
				case 0xc1:
					rec.Attr("src_tsap", s7TSAP(v))
				case 0xc2:
					rec.Attr("dst_tsap", s7TSAP(v))
				}
			}
		}
	case 0x80:
		rec.Op(dissect.ClassSession, "cotp_disconnect_request", 0x80)
	case 0xf0:
		if li != 2 || len(b) < 4 {
			return // a DT without payload or with an odd header
		}
		p := b[3:]
		switch p[0] {
		case 0x32:
			s7Classic(dir, p, rec)
		case 0x72:
			s7Plus(p, rec)
		default:
			rec.Malformed()
		}
	}
}

// s7TSAP renders a TSAP: hex for the two-byte kind ("0x0102"), the text
// for named ones.
func s7TSAP(v []byte) string {
	if len(v) == 2 {
		return hex4(be16(v))
	}
	return printable(v, 32)
}

func s7Classic(dir dissect.Direction, p []byte, rec *dissect.Recorder) {
	if len(p) < 10 {
		rec.Malformed()
		return
	}
	rosctr := p[1]
	plen := be16(p[6:])
	hdr := 10
	if rosctr == 2 || rosctr == 3 {
		hdr = 12
	}
	if len(p) < hdr || hdr+plen > len(p) {
		rec.Malformed()
		return
	}
	par := p[hdr : hdr+plen]
	switch rosctr {
	case 1, 2, 3:
		if rosctr != 1 && (p[10] != 0 || p[11] != 0) {
			rec.Op(dissect.ClassError, "error_class_"+strconv.Itoa(int(p[10])), int(p[10])<<8|int(p[11]))
		}
		if len(par) == 0 {
			if rosctr == 2 {
				rec.Op(dissect.ClassResponse, "ack", -1)
			}
			return
		}
		fc := int(par[0])
		f, ok := s7Funcs[fc]
		if !ok {
			f = s7Func{"function_" + strconv.Itoa(fc), dissect.ClassProgram}
		}
		if rosctr != 1 {
			rec.Op(dissect.ClassResponse, f.name, fc)
			return
		}
		rec.Op(f.class, f.name, fc)
		switch fc {
		case 0x29:
			rec.Event("s7_plc_stop", "PLC stop requested")
		case 0x28:
			if svc := s7PIService(par); svc != "" {
				rec.Attr("pi_services", svc)
				switch svc {
				case "P_PROGRAM":
					rec.Event("s7_plc_start", "PLC control P_PROGRAM (start/run) requested")
				case "_DELE":
					rec.Event("s7_delete_block", "PLC control _DELE (delete block) requested")
				case "_INSE":
					rec.Event("s7_insert_block", "PLC control _INSE (activate downloaded block) requested")
				}
			}
		}
	case 7:
		// Userdata parameter: 00 01 12, length, method, type|group,
		// subfunction, sequence.
		if len(par) < 8 {
			rec.Malformed()
			return
		}
		g := int(par[5] & 0x0f)
		nm := s7UserdataOps[g]
		if dir == dissect.ToClient || par[5]>>4 == 8 {
			rec.Op(dissect.ClassResponse, nm, g)
			if g == 4 && par[6] == 1 { // CPU functions, read SZL
				if dl := be16(p[8:]); hdr+plen+dl <= len(p) {
					s7SZL(p[hdr+plen:hdr+plen+dl], rec)
				}
			}
			return
		}
		rec.Op(dissect.ClassDiagnostic, nm, g)
	default:
		rec.Op(dissect.ClassDiagnostic, "rosctr_"+strconv.Itoa(int(rosctr)), int(rosctr))
	}
}

// s7PIService returns the PI service name of a PLC control parameter:
// function, 7 unknown bytes, parameter block length and block, name
// length and name.
func s7PIService(par []byte) string {
	if len(par) < 10 {
		return ""
	}
	bl := be16(par[8:])
	i := 10 + bl
	if i >= len(par) {
		return ""
	}
	n := int(par[i])
	if n == 0 || i+1+n > len(par) {
		return ""
	}
	return printable(par[i+1:i+1+n], 16)
}

// s7Plus records the S7comm-plus header: protocol version, opcode and,
// for requests and responses, the function code.
func s7Plus(p []byte, rec *dissect.Recorder) {
	rec.Attr("variant", "s7comm-plus")
	if len(p) < 4 {
		rec.Malformed()
		return
	}
	ver := p[1]
	d := p[4:]
	if len(d) == 0 { // keep-alive or trailer
		return
	}
	if ver == 3 && len(d) > 0 && d[0] == 0x20 && len(d) > 33 {
		d = d[33:] // integrity part: digest length and digest
	}
	if ver == 0xfe {
		rec.Op(dissect.ClassSession, "keep_alive", -1)
		return
	}
	if len(d) < 5 {
		return
	}
	opcode := d[0]
	fn := be16(d[3:])
	switch opcode {
	case 0x31:
		if f, ok := s7plusFuncs[fn]; ok {
			rec.Op(f.class, f.name, fn)
			return
		}
		rec.Op(dissect.ClassProgram, "function_"+hex4(fn), fn)
	case 0x32, 0x02:
		nm := "function_" + hex4(fn)
		if f, ok := s7plusFuncs[fn]; ok {
			nm = f.name
		}
		rec.Op(dissect.ClassResponse, nm, fn)
	case 0x33:
		rec.Op(dissect.ClassResponse, "notification", -1)
	}
}

// s7SZL records the device identity a read-SZL response carries (the
// layouts Wireshark's s7comm dissector decodes, and snap7's client
// reads the firmware by): return code 0xff, transport size,
// length, then SZL-ID, index, record length and count, and the records.
// Of the module identification (SZL-ID 0x0011 or 0x0111, 28-byte
// records: index, 20-character order number, module type, two version
// words) it keeps the module's order number (index 1) and its firmware
// (index 7, "V" and three numbers); of the component identification
// (0x001C or 0x011C, 34-byte records: index and 32 bytes) the module type
// name, the module and station names and the serial number, under the
// attribute names Zeek's s7comm_known_devices log is read into. Follow-on
// fragments of a long answer carry no header and are left alone.
func s7SZL(d []byte, rec *dissect.Recorder) {
	if len(d) < 12 || d[0] != 0xff {
		return
	}
	n := be16(d[2:])
	d = d[4:min(len(d), 4+n)]
	if len(d) < 8 {
		return
	}
	id, size, count := be16(d)&0xff, be16(d[4:]), be16(d[6:])
	recs := d[8:]
	switch {
	case id == 0x11 && size == 28:
		for i := 0; i < count && (i+1)*size <= len(recs); i++ {
			r := recs[i*size : (i+1)*size]
			switch be16(r) {
			case 0x0001:
				if v := s7Text(r[2:22]); v != "" {
					rec.Attr("order_number", v)
				}
			case 0x0007:
				if r[24] == 'V' {
					rec.Attr("firmware", "V"+decimal(int(r[25]))+"."+decimal(int(r[26]))+"."+decimal(int(r[27])))
				}
			}
		}
	case id == 0x1c && size == 34:
		for i := 0; i < count && (i+1)*size <= len(recs); i++ {
			r := recs[i*size : (i+1)*size]
			var attr string
			switch be16(r) {
			case 0x0001:
				attr = "automation_system_name"
			case 0x0002:
				attr = "module_name"
			case 0x0003:
				attr = "plant_name"
			case 0x0005:
				attr = "serial_number"
			case 0x0007:
				attr = "module_type"
			default:
				continue
			}
			if v := s7Text(r[2:]); v != "" {
				rec.Attr(attr, v)
			}
		}
	}
}

// s7Text is a fixed-width SZL string: up to the first NUL, without the
// spaces that pad it.
func s7Text(b []byte) string {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	return printable(bytes.TrimSpace(b), 32)
}
