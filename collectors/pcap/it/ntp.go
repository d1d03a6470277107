package it

import (
	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// NTP dissects NTP (RFC 5905) packets: version and mode, including the
// control (mode 6) and private (mode 7, ntpd's ntpdc: monlist) modes used
// for diagnostics and for amplification attacks.
type NTP struct{}

func (NTP) Name() string { return "ntp" }

func (NTP) Ports() []dissect.Port { return []dissect.Port{{Transport: dissect.UDP, Number: 123}} }

var ntpModes = [...]struct{ class, name string }{
	1: {dissect.ClassSession, "symmetric_active"},
	2: {dissect.ClassSession, "symmetric_passive"},
	3: {dissect.ClassRead, "client"},
	4: {dissect.ClassResponse, "server"},
	5: {dissect.ClassResponse, "broadcast"},
	6: {dissect.ClassDiagnostic, "control"},
	7: {dissect.ClassDiagnostic, "private"},
}

// ntpValid checks a packet's shape for its mode.
func ntpValid(p []byte) bool {
	if len(p) < 8 {
		return false
	}
	vn := int(p[0] >> 3 & 7)
	mode := int(p[0] & 7)
	switch mode {
	case 1, 2, 3, 4, 5:
		if vn < 1 || vn > 4 || len(p) < 48 || (len(p)-48)%4 != 0 {
			return false
		}
		stratum := p[1]
		poll := int8(p[2])
		precision := int8(p[3])
		return stratum <= 16 && poll >= -8 && poll <= 17 && precision <= 0 && precision >= -32 &&
			p[4]&0x80 == 0 && p[8]&0x80 == 0 // root delay and dispersion are small positives
	case 6: // control: 12-byte header, opcode 1..31, count bounded
		// LI is 0; the data is padded to 4 bytes and may be followed
		// by a key id and an MD5 or SHA-1 MAC.
		if len(p) < 12 || p[0]>>6 != 0 || vn < 1 || vn > 4 || p[1]&0x1f == 0 {
			return false
		}
		count := be16(p[10:])
		if count > 468 || count > len(p)-12 || (p[1]&0x80 == 0 && be16(p[8:]) != 0) {
			return false
		}
		rem := len(p) - 12 - (count+3)&^3
		return rem == 0 || rem == 20 || rem == 24 || (rem > 0 && rem < 4 && count+12+rem == len(p))
	case 7: // private: implementation 2 (xntpd old) or 3 (xntpd); 0 (univ) is unused
		// in practice and would let LLMNR/DNS queries (flags 0x0000) match
		items, size := be16(p[4:])&0x0fff, be16(p[6:])&0x0fff
		request := p[0]&0x80 == 0
		if vn < 1 || vn > 4 || (p[2] != 2 && p[2] != 3) || p[3] > 45 || p[6]&0xf0 != 0 || size > 500 {
			return false
		}
		if request {
			return p[0]&0x40 == 0 && p[4]&0xf0 == 0 && items*size <= len(p)-8 && len(p) <= 8+500+32
		}
		return items*size <= len(p)-8
	}
	return false
}

// Match checks version, mode and the packet's shape.
func (NTP) Match(t dissect.Transport, _ dissect.Direction, p []byte) bool {
	return t == dissect.UDP && ntpValid(p)
}

// Dissect records one datagram.
func (NTP) Dissect(_ dissect.Transport, _ dissect.Direction, buf []byte, rec *dissect.Recorder) int {
	if !ntpValid(buf) {
		rec.Malformed()
		return len(buf)
	}
	vn := int(buf[0] >> 3 & 7)
	mode := int(buf[0] & 7)
	rec.Attr("version", string(rune('0'+vn)))
	m := ntpModes[mode]
	rec.Op(m.class, m.name, mode)
	if mode == 7 && buf[0]&0x80 == 0 && (buf[3] == 42 || buf[3] == 20) {
		rec.Event("ntp_monlist", "NTP mode 7 monlist request (usable for amplification)")
	}
	return len(buf)
}
