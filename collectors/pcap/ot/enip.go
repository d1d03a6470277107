package ot

import (
	"strconv"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// ENIP dissects EtherNet/IP: the encapsulation layer on tcp/44818 and
// udp/44818, the CIP messages it carries (Multiple Service Packet and
// Unconnected Send unpacked), and CIP class 0/1 I/O on udp/2222.
type ENIP struct{}

func (ENIP) Name() string { return "enip" }

func (ENIP) Ports() []dissect.Port {
	return []dissect.Port{
		{Transport: dissect.TCP, Number: 44818},
		{Transport: dissect.UDP, Number: 2222},
		{Transport: dissect.UDP, Number: 44818},
	}
}

const enipHdr = 24

type enipCmd struct{ name, class string }

var enipCmds = map[int]enipCmd{
	0x0000: {"nop", dissect.ClassSession},
	0x0004: {"list_services", dissect.ClassDiagnostic},
	0x0063: {"list_identity", dissect.ClassDiagnostic},
	0x0064: {"list_interfaces", dissect.ClassDiagnostic},
	0x0065: {"register_session", dissect.ClassSession},
	0x0066: {"unregister_session", dissect.ClassSession},
	0x006f: {"send_rr_data", dissect.ClassSession},
	0x0070: {"send_unit_data", dissect.ClassSession},
	0x0072: {"indicate_status", dissect.ClassDiagnostic},
	0x0073: {"cancel", dissect.ClassSession},
}

type cipSvc struct{ name, class string }

var cipSvcs = map[int]cipSvc{
	0x01: {"get_attributes_all", dissect.ClassRead},
	0x02: {"set_attributes_all", dissect.ClassWrite},
	0x03: {"get_attribute_list", dissect.ClassRead},
	0x04: {"set_attribute_list", dissect.ClassWrite},
	0x05: {"reset", dissect.ClassControl},
	0x06: {"start", dissect.ClassControl},
	0x07: {"stop", dissect.ClassControl},
	0x08: {"create", dissect.ClassWrite},
	0x09: {"delete", dissect.ClassWrite},
	0x0a: {"multiple_service_packet", dissect.ClassSession},
	0x0d: {"apply_attributes", dissect.ClassWrite},
	0x0e: {"get_attribute_single", dissect.ClassRead},
	0x10: {"set_attribute_single", dissect.ClassWrite},
	0x11: {"find_next_object_instance", dissect.ClassRead},
	0x14: {"error_response", dissect.ClassError},
	0x15: {"restore", dissect.ClassWrite},
	0x16: {"save", dissect.ClassWrite},
	0x17: {"nop", dissect.ClassSession},
	0x18: {"get_member", dissect.ClassRead},
	0x19: {"set_member", dissect.ClassWrite},
	0x1a: {"insert_member", dissect.ClassWrite},
	0x1b: {"remove_member", dissect.ClassWrite},
	0x4b: {"execute_pccc", dissect.ClassWrite},
	0x4c: {"read_tag", dissect.ClassRead},
	0x4d: {"write_tag", dissect.ClassWrite},
	0x4e: {"read_modify_write_tag", dissect.ClassWrite},
	0x52: {"read_tag_fragmented", dissect.ClassRead},
	0x53: {"write_tag_fragmented", dissect.ClassWrite},
	0x55: {"get_instance_attribute_list", dissect.ClassRead},
}

// Connection Manager (class 6) services reuse object-specific codes.
var cipConnMgr = map[int]cipSvc{
	0x4e: {"forward_close", dissect.ClassSession},
	0x52: {"unconnected_send", dissect.ClassSession},
	0x54: {"forward_open", dissect.ClassSession},
	0x5b: {"large_forward_open", dissect.ClassSession},
	0x56: {"get_connection_data", dissect.ClassDiagnostic},
	0x57: {"search_connection_data", dissect.ClassDiagnostic},
}

// enipHeader returns the encapsulation command and the packet's total size,
// or ok false when b does not start with a plausible header.
func enipHeader(b []byte) (cmd, size int, ok bool) {
	if len(b) < enipHdr {
		return 0, 0, false
	}
	cmd = le16(b)
	if _, known := enipCmds[cmd]; !known {
		return 0, 0, false
	}
	if le32(b[20:]) != 0 { // options must be zero
		return 0, 0, false
	}
	return cmd, enipHdr + le16(b[2:]), true
}

// cipIO reports whether a datagram is CIP class 0/1 I/O: a common packet
// format with a sequenced address item and a connected data item.
func cipIO(b []byte) bool {
	return len(b) >= 2+4+8+4 && le16(b) == 2 && le16(b[2:]) == 0x8002 && le16(b[4:]) == 8 &&
		le16(b[14:]) == 0x00b1 && 18+le16(b[16:]) == len(b)
}

func (ENIP) Match(t dissect.Transport, _ dissect.Direction, p []byte) bool {
	if t == dissect.UDP && cipIO(p) {
		return true
	}
	cmd, size, ok := enipHeader(p)
	if !ok || cmd == 0x0000 { // a NOP never opens a session, zeros look like one
		return false
	}
	if t == dissect.UDP {
		// Over UDP only the list commands are used, one per datagram.
		return size == len(p) && (cmd == 0x0004 || cmd == 0x0063 || cmd == 0x0064)
	}
	if len(p) > size {
		_, _, ok = enipHeader(p[size:])
		return ok || len(p)-size < enipHdr
	}
	return size == len(p) || cmd == 0x006f || cmd == 0x0070
}

func (ENIP) Dissect(t dissect.Transport, dir dissect.Direction, buf []byte, rec *dissect.Recorder) int {
	if t == dissect.UDP && cipIO(buf) {
		if dir == dissect.ToServer {
			rec.Op(dissect.ClassWrite, "io", -1)
		} else {
			rec.Op(dissect.ClassRead, "io", -1)
		}
		return len(buf)
	}
	off := 0
	for len(buf)-off >= enipHdr {
		cmd, size, ok := enipHeader(buf[off:])
		if !ok {
			rec.Malformed()
			return len(buf)
		}
		if len(buf)-off < size {
			if t == dissect.UDP {
				rec.Malformed()
				return len(buf)
			}
			break
		}
		enipPacket(dir, cmd, buf[off:off+size], rec)
		off += size
	}
	if t == dissect.UDP {
		return len(buf)
	}
	return off
}

func enipPacket(dir dissect.Direction, cmd int, b []byte, rec *dissect.Recorder) {
	c := enipCmds[cmd]
	if dir == dissect.ToClient && cmd != 0x0070 && cmd != 0x006f {
		rec.Op(dissect.ClassResponse, c.name, cmd)
	} else {
		rec.Op(c.class, c.name, cmd)
	}
	if st := le32(b[8:]); st != 0 {
		rec.Op(dissect.ClassError, "encapsulation_status_"+strconv.Itoa(int(st&0xffff)), cmd)
	}
	if cmd == 0x0063 && dir == dissect.ToClient {
		enipIdentity(b[enipHdr:], rec)
		return
	}
	if cmd != 0x006f && cmd != 0x0070 {
		return
	}
	// Interface handle (4), timeout (2), common packet format.
	d := b[enipHdr:]
	if len(d) < 8 {
		rec.Malformed()
		return
	}
	items := le16(d[6:])
	p := d[8:]
	for i := 0; i < items && len(p) >= 4; i++ {
		typ, n := le16(p), le16(p[2:])
		if 4+n > len(p) {
			rec.Malformed()
			return
		}
		v := p[4 : 4+n]
		switch typ {
		case 0x00b2:
			cipMessage(v, rec, 0)
		case 0x00b1:
			if len(v) >= 2 {
				cipMessage(v[2:], rec, 0) // sequence count first
			}
		}
		p = p[4+n:]
	}
}

// cipClass returns the class of a CIP path's first logical class segment,
// or -1.
func cipClass(path []byte) int {
	for len(path) >= 2 {
		switch path[0] {
		case 0x20:
			return int(path[1])
		case 0x21:
			if len(path) >= 4 {
				return le16(path[2:])
			}
			return -1
		case 0x91: // ANSI symbolic segment: a tag name, no class
			return -1
		}
		switch path[0] & 0xfc {
		case 0x24, 0x30, 0x28: // 8-bit instance, attribute, member
			path = path[2:]
		default:
			return -1
		}
	}
	return -1
}

func cipMessage(m []byte, rec *dissect.Recorder, depth int) {
	if len(m) < 2 {
		rec.Malformed()
		return
	}
	svc := int(m[0])
	if svc&0x80 != 0 { // reply: service, reserved, general status, ext size
		if len(m) < 4 {
			rec.Malformed()
			return
		}
		base := svc &^ 0x80
		s, ok := cipSvcs[base]
		if !ok {
			s = cipSvc{"service_" + hex4(base), ""}
		}
		if c, ok := cipConnMgr[base]; ok && base >= 0x54 {
			s = c
		}
		if m[2] != 0 && m[2] != 0x06 { // 0x06: partial transfer
			rec.Op(dissect.ClassError, s.name, svc)
		} else {
			rec.Op(dissect.ClassResponse, s.name, svc)
		}
		if base == 0x0a && m[2] == 0 && depth == 0 {
			cipMultiple(m[4+2*int(m[3]):], rec, depth)
		}
		return
	}
	pw := int(m[1])
	if 2+2*pw > len(m) {
		rec.Malformed()
		return
	}
	path, data := m[2:2+2*pw], m[2+2*pw:]
	class := cipClass(path)
	s, ok := cipSvcs[svc]
	if class == 6 {
		if c, isCM := cipConnMgr[svc]; isCM {
			s, ok = c, true
		}
	}
	if !ok {
		// Object-specific services of unknown objects may change state.
		s = cipSvc{"service_" + hex4(svc), dissect.ClassWrite}
	}
	rec.Op(s.class, s.name, svc)
	switch {
	case svc == 0x0a && depth == 0:
		cipMultiple(data, rec, depth)
	case class == 6 && svc == 0x52 && depth == 0 && len(data) >= 4:
		// Unconnected Send: priority, timeout ticks, size, message.
		n := le16(data[2:])
		if 4+n <= len(data) {
			cipMessage(data[4:4+n], rec, depth+1)
		}
	case svc == 0x05 && class == 1:
		rec.Event("cip_reset", "CIP Reset of the Identity object (device restart) requested")
	case (svc == 0x06 || svc == 0x07) && class >= 0:
		rec.Event("cip_"+s.name, "CIP "+s.name+" requested on class "+hex4(class))
	}
}

// cipMultiple unpacks a Multiple Service Packet: count, offsets from the
// count, services.
func cipMultiple(d []byte, rec *dissect.Recorder, depth int) {
	if len(d) < 2 {
		rec.Malformed()
		return
	}
	n := le16(d)
	if 2+2*n > len(d) {
		rec.Malformed()
		return
	}
	for i := range n {
		start := le16(d[2+2*i:])
		end := len(d)
		if i+1 < n {
			end = le16(d[2+2*(i+1):])
		}
		if start < 2+2*n || start > end || end > len(d) {
			rec.Malformed()
			return
		}
		cipMessage(d[start:end], rec, depth+1)
	}
}

// enipIdentity records the identity items of a ListIdentity reply: item
// count, then items of type 0x0c: protocol version, socket address (16),
// vendor id, device type, product code, revision (2), status, serial
// number (4), product name (short string), state.
func enipIdentity(d []byte, rec *dissect.Recorder) {
	if len(d) < 2 {
		rec.Malformed()
		return
	}
	n := le16(d)
	p := d[2:]
	for i := 0; i < n && len(p) >= 4; i++ {
		typ, l := le16(p), le16(p[2:])
		if 4+l > len(p) {
			rec.Malformed()
			return
		}
		v := p[4 : 4+l]
		p = p[4+l:]
		if typ != 0x0c || len(v) < 33 {
			continue
		}
		rec.Attr("vendor_id", decimal(le16(v[18:])))
		rec.Attr("product_code", decimal(le16(v[22:])))
		rec.Attr("revision", decimal(int(v[24]))+"."+decimal(int(v[25])))
		if nl := int(v[32]); 33+nl <= len(v) {
			rec.Attr("product_name", printable(v[33:33+nl], 64))
		}
	}
}
