package it

import (
	"bytes"
	"fmt"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// SMB dissects SMB1 and SMB2/3 over NetBIOS session service or direct
// TCP ([MS-SMB], [MS-SMB2]), and the SMB1 mailslot datagrams of the
// NetBIOS datagram service (udp/138: browser announcements).
type SMB struct{}

func (SMB) Name() string { return "smb" }

func (SMB) Ports() []dissect.Port {
	return []dissect.Port{{Transport: dissect.TCP, Number: 139}, {Transport: dissect.TCP, Number: 445},
		{Transport: dissect.UDP, Number: 138}}
}

var (
	smb1Magic = []byte("\xffSMB")
	smb2Magic = []byte("\xfeSMB")
	smb2Trans = []byte("\xfdSMB") // encrypted (transform header)
	smb2Comp  = []byte("\xfcSMB") // compressed
)

var smb2Commands = [...]struct{ class, name string }{
	0:  {dissect.ClassSession, "negotiate"},
	1:  {dissect.ClassSession, "session_setup"},
	2:  {dissect.ClassSession, "logoff"},
	3:  {dissect.ClassSession, "tree_connect"},
	4:  {dissect.ClassSession, "tree_disconnect"},
	5:  {dissect.ClassRead, "create"},
	6:  {dissect.ClassSession, "close"},
	7:  {dissect.ClassWrite, "flush"},
	8:  {dissect.ClassRead, "read"},
	9:  {dissect.ClassWrite, "write"},
	10: {dissect.ClassSession, "lock"},
	11: {dissect.ClassDiagnostic, "ioctl"},
	12: {dissect.ClassSession, "cancel"},
	13: {dissect.ClassSession, "echo"},
	14: {dissect.ClassRead, "query_directory"},
	15: {dissect.ClassRead, "change_notify"},
	16: {dissect.ClassRead, "query_info"},
	17: {dissect.ClassWrite, "set_info"},
	18: {dissect.ClassSession, "oplock_break"},
}

var smb1Commands = map[byte]struct{ class, name string }{
	0x04: {dissect.ClassSession, "close"},
	0x06: {dissect.ClassWrite, "delete"},
	0x07: {dissect.ClassWrite, "rename"},
	0x0a: {dissect.ClassRead, "read"},
	0x0b: {dissect.ClassWrite, "write"},
	0x25: {dissect.ClassDiagnostic, "trans"},
	0x2b: {dissect.ClassSession, "echo"},
	0x2d: {dissect.ClassRead, "open_andx"},
	0x2e: {dissect.ClassRead, "read_andx"},
	0x2f: {dissect.ClassWrite, "write_andx"},
	0x32: {dissect.ClassDiagnostic, "trans2"},
	0x71: {dissect.ClassSession, "tree_disconnect"},
	0x72: {dissect.ClassSession, "negotiate"},
	0x73: {dissect.ClassSession, "session_setup_andx"},
	0x74: {dissect.ClassSession, "logoff_andx"},
	0x75: {dissect.ClassSession, "tree_connect_andx"},
	0xa0: {dissect.ClassDiagnostic, "nt_trans"},
	0xa2: {dissect.ClassRead, "nt_create_andx"},
	0xa4: {dissect.ClassSession, "nt_cancel"},
}

// smb2Dialect names a DialectRevision.
func smb2Dialect(d int) string {
	switch d {
	case 0x0202:
		return "2.0.2"
	case 0x0210:
		return "2.1"
	case 0x0300:
		return "3.0"
	case 0x0302:
		return "3.0.2"
	case 0x0311:
		return "3.1.1"
	}
	return ""
}

// nbssHeader reads a NetBIOS session service header: type and length.
func nbssHeader(b []byte) (typ byte, n int, ok bool) {
	if len(b) < 4 {
		return 0, 0, false
	}
	switch b[0] {
	case 0x00, 0x81, 0x82, 0x83, 0x84, 0x85:
	default:
		return 0, 0, false
	}
	if b[1]&0xfe != 0 && b[0] != 0 {
		return 0, 0, false
	}
	// SMB2 direct TCP uses 24 bits of length; NBSS 17. Take 24.
	return b[0], int(b[1])<<16 | be16(b[2:]), true
}

func smbMagic(b []byte) bool {
	return len(b) >= 4 && (bytes.Equal(b[:4], smb1Magic) || bytes.Equal(b[:4], smb2Magic) ||
		bytes.Equal(b[:4], smb2Trans) || bytes.Equal(b[:4], smb2Comp))
}

// nbdgmSMB returns the SMB message inside a NetBIOS datagram (direct
// unique/group or broadcast, RFC 1002 4.4.1), or nil.
func nbdgmSMB(p []byte) []byte {
	if len(p) < 14+2 || p[0] < 0x10 || p[0] > 0x12 {
		return nil
	}
	if be16(p[10:]) > len(p)-14 || be16(p[12:]) != 0 {
		return nil
	}
	off := 14
	for range 2 { // source and destination names, first-level encoded
		if off >= len(p) || p[off] != 0x20 || off+34 > len(p) || p[off+33] != 0 {
			return nil
		}
		off += 34
	}
	if !bytes.HasPrefix(p[off:], smb1Magic) {
		return nil
	}
	return p[off:]
}

// Match: an NBSS session message whose payload is an SMB header, a
// session request (port 139), or an SMB1 mailslot datagram.
func (SMB) Match(t dissect.Transport, _ dissect.Direction, p []byte) bool {
	if t == dissect.UDP {
		return nbdgmSMB(p) != nil
	}
	typ, n, ok := nbssHeader(p)
	if !ok {
		return false
	}
	switch typ {
	case 0x00:
		return n >= 32 && smbMagic(p[4:])
	case 0x81: // session request: two encoded names
		return n == 68 && len(p) >= 5 && p[4] == 0x20
	}
	return false
}

// Dissect consumes NBSS messages. A message larger than the buffer has
// its header dissected and the rest dropped; the next call resynchronises
// on the next NBSS header with an SMB magic.
func (SMB) Dissect(t dissect.Transport, _ dissect.Direction, buf []byte, rec *dissect.Recorder) int {
	if t == dissect.UDP {
		m := nbdgmSMB(buf)
		if m == nil {
			rec.Malformed()
			return len(buf)
		}
		rec.Attr("transport", "netbios_datagram")
		smb1(m, rec)
		return len(buf)
	}
	consumed := 0
	for consumed < len(buf) {
		rest := buf[consumed:]
		typ, n, ok := nbssHeader(rest)
		if !ok || (typ == 0 && len(rest) >= 8 && !smbMagic(rest[4:])) {
			if len(rest) < 8 && ok {
				return consumed
			}
			// Lost sync (the tail of a large message): find the next
			// header.
			next := smbResync(rest)
			if next < 0 {
				return max(consumed, len(buf)-7)
			}
			consumed += next
			continue
		}
		if typ != 0 {
			if len(rest) < 4+n {
				return consumed
			}
			if typ == 0x81 {
				rec.Op(dissect.ClassSession, "nbss_session_request", 0x81)
			}
			consumed += 4 + n
			continue
		}
		if len(rest) < 4+n {
			if len(rest) < 4+64 && len(buf) < dissect.MaxBuffer {
				return consumed // wait for at least the SMB header
			}
			smbMessage(rest[4:], rec)
			return len(buf)
		}
		smbMessage(rest[4:4+n], rec)
		consumed += 4 + n
	}
	return consumed
}

func smbResync(b []byte) int {
	for off := 1; off+8 <= len(b); {
		i := bytes.Index(b[off:], []byte("SMB"))
		if i < 0 {
			return -1
		}
		at := off + i - 5 // NBSS header (4) + magic byte (1)
		if at >= 0 {
			if typ, _, ok := nbssHeader(b[at:]); ok && typ == 0 && smbMagic(b[at+4:]) {
				return at
			}
		}
		off += i + 1
	}
	return -1
}

func smbMessage(m []byte, rec *dissect.Recorder) {
	switch {
	case bytes.HasPrefix(m, smb1Magic):
		smb1(m, rec)
	case bytes.HasPrefix(m, smb2Magic):
		smb2(m, rec)
	case bytes.HasPrefix(m, smb2Trans):
		rec.Attr("encrypted", "true")
		rec.Op(dissect.ClassSession, "encrypted", -1)
	case bytes.HasPrefix(m, smb2Comp):
		rec.Op(dissect.ClassSession, "compressed", -1)
	default:
		rec.Malformed()
	}
}

func smb1(m []byte, rec *dissect.Recorder) {
	if len(m) < 32 {
		rec.Malformed()
		return
	}
	rec.Attr("version", "1")
	rec.Attr("smb1", "true")
	cmd := m[4]
	if m[9]&0x80 != 0 { // reply
		if status := le32(m[5:]); status != 0 && status != 0xc0000016 {
			rec.Op(dissect.ClassError, "error", -1)
		}
		return
	}
	c, ok := smb1Commands[cmd]
	if !ok {
		c.class, c.name = dissect.ClassSession, fmt.Sprintf("0x%02x", cmd)
	}
	rec.Op(c.class, c.name, int(cmd))
}

func smb2(m []byte, rec *dissect.Recorder) {
	for range 16 { // compound chain, bounded
		if len(m) < 64 || le16(m[4:]) != 64 {
			rec.Malformed()
			return
		}
		rec.Attr("smb2", "true")
		status := le32(m[8:])
		cmd := le16(m[12:])
		flags := le32(m[16:])
		next := int(le32(m[20:]))
		if flags&1 != 0 { // response
			switch {
			case cmd == 0 && status == 0 && len(m) >= 64+6:
				if d := smb2Dialect(le16(m[64+4:])); d != "" {
					rec.Attr("version", d)
				}
			case status&0xc0000000 == 0xc0000000 && status != 0xc0000016:
				rec.Op(dissect.ClassError, "error", -1)
			}
		} else if cmd < len(smb2Commands) {
			c := smb2Commands[cmd]
			rec.Op(c.class, c.name, cmd)
		} else {
			rec.Malformed()
		}
		if next == 0 || next < 64 || next >= len(m) || next%8 != 0 {
			return
		}
		m = m[next:]
	}
}
