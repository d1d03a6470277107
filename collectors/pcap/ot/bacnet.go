package ot

import (
	"bytes"
	"strconv"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// BACnet dissects BACnet/IP (ASHRAE 135 Annex J): BVLC, NPDU and APDU.
type BACnet struct{}

func (BACnet) Name() string { return "bacnet" }

func (BACnet) Ports() []dissect.Port { return []dissect.Port{{Transport: dissect.UDP, Number: 47808}} }

type bacSvc struct{ name, class string }

var bacConfirmed = [...]bacSvc{
	0:  {"acknowledgeAlarm", dissect.ClassWrite},
	1:  {"confirmedCOVNotification", dissect.ClassResponse},
	2:  {"confirmedEventNotification", dissect.ClassResponse},
	3:  {"getAlarmSummary", dissect.ClassRead},
	4:  {"getEnrollmentSummary", dissect.ClassRead},
	5:  {"subscribeCOV", dissect.ClassRead},
	6:  {"atomicReadFile", dissect.ClassProgram},
	7:  {"atomicWriteFile", dissect.ClassProgram},
	8:  {"addListElement", dissect.ClassWrite},
	9:  {"removeListElement", dissect.ClassWrite},
	10: {"createObject", dissect.ClassWrite},
	11: {"deleteObject", dissect.ClassWrite},
	12: {"readProperty", dissect.ClassRead},
	13: {"readPropertyConditional", dissect.ClassRead},
	14: {"readPropertyMultiple", dissect.ClassRead},
	15: {"writeProperty", dissect.ClassWrite},
	16: {"writePropertyMultiple", dissect.ClassWrite},
	17: {"deviceCommunicationControl", dissect.ClassControl},
	18: {"confirmedPrivateTransfer", dissect.ClassWrite},
	19: {"confirmedTextMessage", dissect.ClassDiagnostic},
	20: {"reinitializeDevice", dissect.ClassControl},
	21: {"vtOpen", dissect.ClassSession},
	22: {"vtClose", dissect.ClassSession},
	23: {"vtData", dissect.ClassSession},
	24: {"authenticate", dissect.ClassSession},
	25: {"requestKey", dissect.ClassSession},
	26: {"readRange", dissect.ClassRead},
	27: {"lifeSafetyOperation", dissect.ClassControl},
	28: {"subscribeCOVProperty", dissect.ClassRead},
	29: {"getEventInformation", dissect.ClassRead},
	30: {"subscribeCOVPropertyMultiple", dissect.ClassRead},
	31: {"confirmedCOVNotificationMultiple", dissect.ClassResponse},
	32: {"confirmedAuditNotification", dissect.ClassResponse},
	33: {"auditLogQuery", dissect.ClassRead},
}

var bacUnconfirmed = [...]bacSvc{
	0:  {"i-Am", dissect.ClassDiagnostic},
	1:  {"i-Have", dissect.ClassDiagnostic},
	2:  {"unconfirmedCOVNotification", dissect.ClassResponse},
	3:  {"unconfirmedEventNotification", dissect.ClassResponse},
	4:  {"unconfirmedPrivateTransfer", dissect.ClassWrite},
	5:  {"unconfirmedTextMessage", dissect.ClassDiagnostic},
	6:  {"timeSynchronization", dissect.ClassDiagnostic},
	7:  {"who-Has", dissect.ClassDiagnostic},
	8:  {"who-Is", dissect.ClassDiagnostic},
	9:  {"utcTimeSynchronization", dissect.ClassDiagnostic},
	10: {"writeGroup", dissect.ClassWrite},
	11: {"unconfirmedCOVNotificationMultiple", dissect.ClassResponse},
	12: {"unconfirmedAuditNotification", dissect.ClassResponse},
	13: {"who-Am-I", dissect.ClassDiagnostic},
	14: {"you-Are", dissect.ClassWrite},
}

var bvlcFuncs = [...]string{
	0: "bvlc_result", 1: "write_bdt", 2: "read_bdt", 3: "read_bdt_ack",
	4: "forwarded_npdu", 5: "register_foreign_device", 6: "read_fdt",
	7: "read_fdt_ack", 8: "delete_fdt_entry", 9: "distribute_broadcast_to_network",
	10: "original_unicast_npdu", 11: "original_broadcast_npdu", 12: "secure_bvll",
}

var bacReinit = []string{"coldstart", "warmstart", "startbackup", "endbackup", "startrestore", "endrestore", "abortrestore", "activate-changes"}
var bacDCC = []string{"enable", "disable", "disable-initiation"}

// bacNPDU returns the offset of the APDU (or network message) in b, whether
// it is a network-layer message, and ok.
func bacNPDU(b []byte) (off int, netmsg, ok bool) {
	if len(b) < 2 || b[0] != 1 {
		return 0, false, false
	}
	ctl := b[1]
	if ctl&0x50 != 0 { // reserved bits
		return 0, false, false
	}
	off = 2
	if ctl&0x20 != 0 { // DNET, DLEN, DADR
		if off+3 > len(b) {
			return 0, false, false
		}
		off += 3 + int(b[off+2])
	}
	if ctl&0x08 != 0 { // SNET, SLEN, SADR
		if off+3 > len(b) {
			return 0, false, false
		}
		off += 3 + int(b[off+2])
	}
	if ctl&0x20 != 0 {
		off++ // hop count
	}
	if off >= len(b) {
		return 0, false, false
	}
	return off, ctl&0x80 != 0, true
}

func bvlcNPDUOffset(b []byte) int {
	switch b[1] {
	case 0x04:
		return 10
	case 0x09, 0x0a, 0x0b:
		return 4
	}
	return 0
}

func (BACnet) Match(t dissect.Transport, _ dissect.Direction, p []byte) bool {
	if t != dissect.UDP || len(p) < 4 || p[0] != 0x81 || p[1] > 0x0c || be16(p[2:]) < 4 {
		return false
	}
	if o := bvlcNPDUOffset(p); o != 0 {
		if o >= len(p) {
			return false
		}
		// The BVLC length should equal the datagram's but some stacks get
		// it wrong, and Wireshark dissects those too: an NPDU that parses
		// is enough.
		_, _, ok := bacNPDU(p[o:])
		return ok
	}
	return be16(p[2:]) == len(p)
}

func (BACnet) Dissect(_ dissect.Transport, dir dissect.Direction, b []byte, rec *dissect.Recorder) int {
	if len(b) < 4 || b[0] != 0x81 {
		rec.Malformed()
		return len(b)
	}
	o := bvlcNPDUOffset(b)
	if o == 0 {
		f := int(b[1])
		nm := "bvlc_function"
		if f < len(bvlcFuncs) {
			nm = bvlcFuncs[f]
		}
		rec.Op(dissect.ClassDiagnostic, nm, f)
		return len(b)
	}
	if o >= len(b) {
		rec.Malformed()
		return len(b)
	}
	bacNPDUAndAPDU(b[o:], rec)
	return len(b)
}

// bacNPDUAndAPDU dissects an NPDU and the APDU or network message it
// carries, whatever data link brought it.
func bacNPDUAndAPDU(n []byte, rec *dissect.Recorder) {
	a, netmsg, ok := bacNPDU(n)
	if !ok {
		rec.Malformed()
		return
	}
	if netmsg {
		rec.Op(dissect.ClassDiagnostic, "network_message", int(n[a]))
		return
	}
	bacAPDU(n[a:], rec)
}

// BACnetLLC dissects BACnet carried directly over Ethernet (ASHRAE 135
// clause 7): IEEE 802.2 LLC frames with DSAP and SSAP 0x82, the NPDU
// following the LLC header. Older building controllers and some field
// panels speak only this.
type BACnetLLC struct{}

func (BACnetLLC) Name() string { return "bacnet" }

// EtherTypes is empty: LLC frames carry a length, not an EtherType.
func (BACnetLLC) EtherTypes() []uint16 { return nil }

func (BACnetLLC) SAPs() []uint8 { return []uint8{0x82} }

// DissectFrame is given what follows the LLC header.
func (BACnetLLC) DissectFrame(p []byte, rec *dissect.Recorder) { bacNPDUAndAPDU(p, rec) }

func bacAPDU(a []byte, rec *dissect.Recorder) {
	typ := a[0] >> 4
	switch typ {
	case 0: // confirmed request: flags, max segs/APDU, invoke id, [seq, window], service
		i := 3
		if a[0]&0x08 != 0 {
			i = 5
		}
		if i >= len(a) {
			if a[0]&0x08 == 0 {
				rec.Malformed()
			}
			return
		}
		sc := int(a[i])
		var s bacSvc
		if sc < len(bacConfirmed) {
			s = bacConfirmed[sc]
		} else {
			s = bacSvc{"confirmed_" + strconv.Itoa(sc), dissect.ClassWrite}
		}
		rec.Op(s.class, s.name, sc)
		if a[0]&0x08 != 0 && a[i-2] != 0 { // a later segment carries no service data
			return
		}
		switch sc {
		case 20:
			v := bacEnum(a[i+1:], 0)
			rec.Event("bacnet_reinitialize_device", "reinitializeDevice ("+name(bacReinit, v, "state "+strconv.Itoa(v))+") requested")
			bacPassword(a[i+1:], 1, rec)
		case 17:
			v := bacEnum(a[i+1:], 1)
			rec.Event("bacnet_device_communication_control", "deviceCommunicationControl ("+name(bacDCC, v, "state "+strconv.Itoa(v))+") requested")
			bacPassword(a[i+1:], 2, rec)
		}
	case 1: // unconfirmed request
		if len(a) < 2 {
			rec.Malformed()
			return
		}
		sc := int(a[1])
		var s bacSvc
		if sc < len(bacUnconfirmed) {
			s = bacUnconfirmed[sc]
		} else {
			s = bacSvc{"unconfirmed_" + strconv.Itoa(sc), dissect.ClassWrite}
		}
		rec.Op(s.class, s.name, sc)
	case 2, 3: // simple ACK, complex ACK: flags, invoke id, [seq, window], service
		i := 2
		if typ == 3 && a[0]&0x08 != 0 {
			i = 4
		}
		if i >= len(a) {
			rec.Malformed()
			return
		}
		sc := int(a[i])
		var nm string
		if sc < len(bacConfirmed) {
			nm = bacConfirmed[sc].name
		} else {
			nm = "confirmed_" + strconv.Itoa(sc)
		}
		rec.Op(dissect.ClassResponse, nm, sc)
		if typ == 3 && sc == 12 && a[0]&0x08 == 0 {
			bacDeviceProperty(a[i+1:], rec)
		}
	case 4:
		rec.Op(dissect.ClassSession, "segmentACK", -1)
	case 5, 6, 7:
		kind := [...]string{5: "error", 6: "reject", 7: "abort"}[typ]
		code := -1
		if len(a) >= 3 {
			code = int(a[2])
		}
		if typ == 5 && code >= 0 && code < len(bacConfirmed) {
			rec.Op(dissect.ClassError, kind+":"+bacConfirmed[code].name, code)
			return
		}
		rec.Op(dissect.ClassError, kind, code)
	default:
		rec.Malformed()
	}
}

// bacContext returns the value of context tag tag in service data, or
// ok false. Only primitive context tags are walked (the requests read here
// have no constructed ones before the tags wanted).
func bacContext(d []byte, tag int) (v []byte, ok bool) {
	for len(d) > 0 {
		h := d[0]
		if h&0x08 == 0 || h&0x07 >= 6 { // application tag, opening or closing tag
			return nil, false
		}
		tn, n, i := int(h>>4), int(h&7), 1
		if tn == 15 {
			return nil, false // extended tag numbers are not used here
		}
		if n == 5 {
			if len(d) < 2 {
				return nil, false
			}
			n, i = int(d[1]), 2
			if n == 254 {
				if len(d) < 4 {
					return nil, false
				}
				n, i = be16(d[2:]), 4
			} else if n == 255 {
				return nil, false
			}
		}
		if i+n > len(d) {
			return nil, false
		}
		if tn == tag {
			return d[i : i+n], true
		}
		d = d[i+n:]
	}
	return nil, false
}

// bacEnum returns the unsigned value of context tag tag, or -1.
func bacEnum(d []byte, tag int) int {
	v, ok := bacContext(d, tag)
	if !ok || len(v) == 0 || len(v) > 4 {
		return -1
	}
	n := 0
	for _, c := range v {
		n = n<<8 | int(c)
	}
	return n
}

// bacPassword records the password of a reinitializeDevice or
// deviceCommunicationControl request as a credential: a character string
// whose first byte is the character set.
func bacPassword(d []byte, tag int, rec *dissect.Recorder) {
	v, ok := bacContext(d, tag)
	if !ok || len(v) < 1 {
		return
	}
	rec.Credential("bacnet_password", "", v[1:], false)
}

// bacDeviceAttrs are the properties of a device object that identify it,
// by the attribute they are recorded under: vendor-name (121), model-name
// (70), firmware-revision (44) and application-software-version (12).
var bacDeviceAttrs = map[int]string{121: "device_vendor", 70: "model_name", 44: "firmware_revision", 12: "application_software_version"}

// bacDeviceProperty records the identity a readProperty-ACK of a device
// object carries (ASHRAE 135 clause 15.5.1.3): objectIdentifier [0],
// propertyIdentifier [1], an optional propertyArrayIndex [2], and the
// value between opening and closing tag [3], here a CharacterString
// (application tag 7) whose first byte is the character set; only ANSI
// X3.4/UTF-8 (0) is read.
func bacDeviceProperty(d []byte, rec *dissect.Recorder) {
	if len(d) < 5 || d[0] != 0x0c || int(d[1])<<2|int(d[2])>>6 != 8 { // [0] of 4 bytes, object type device
		return
	}
	d = d[5:]
	if len(d) < 2 || d[0]&0xf8 != 0x18 || d[0]&7 == 0 || d[0]&7 > 4 || 1+int(d[0]&7) > len(d) {
		return
	}
	n := int(d[0] & 7)
	prop := 0
	for _, c := range d[1 : 1+n] {
		prop = prop<<8 | int(c)
	}
	attr, ok := bacDeviceAttrs[prop]
	if !ok {
		return
	}
	d = d[1+n:]
	if len(d) > 0 && d[0]&0xf8 == 0x28 { // [2] array index
		d = d[1+min(int(d[0]&7), len(d)-1):]
	}
	if len(d) < 2 || d[0] != 0x3e || d[1]>>4 != 7 || d[1]&0x08 != 0 {
		return
	}
	d = d[1:]
	l, i := int(d[0]&7), 1
	if l == 5 {
		if len(d) < 2 || d[1] >= 254 {
			return
		}
		l, i = int(d[1]), 2
	}
	if l < 1 || i+l > len(d) || d[i] != 0 {
		return
	}
	if v := printable(bytes.TrimSpace(d[i+1:i+l]), 64); v != "" {
		rec.Attr(attr, v)
	}
}
