package ot

import (
	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// C37118 dissects IEEE C37.118.2 synchrophasor frames: sync word 0xAA,
// frame type, size, IDCODE and the CRC-CCITT check.
type C37118 struct{}

func (C37118) Name() string { return "c37118" }

func (C37118) Ports() []dissect.Port {
	return []dissect.Port{{Transport: dissect.TCP, Number: 4712}, {Transport: dissect.UDP, Number: 4713}}
}

var c37Frames = []string{0: "data", 1: "header", 2: "config_1", 3: "config_2", 4: "command", 5: "config_3"}

var c37Commands = []string{
	1: "turn_off_transmission", 2: "turn_on_transmission", 3: "send_header",
	4: "send_config_1", 5: "send_config_2", 6: "send_config_3", 8: "extended_frame",
}

// c37CommandOps are the op names of the commands.
var c37CommandOps = func() []string {
	out := make([]string, len(c37Commands))
	for i, c := range c37Commands {
		if c != "" {
			out[i] = "command_" + c
		}
	}
	return out
}()

// ccittTable drives crcCCITT (CRC-CCITT, polynomial 0x1021, initial 0xffff).
var ccittTable = func() (t [256]uint16) {
	for i := range t {
		crc := uint16(i) << 8
		for range 8 {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
		t[i] = crc
	}
	return t
}()

func crcCCITT(b []byte) uint16 {
	crc := uint16(0xffff)
	for _, c := range b {
		crc = crc<<8 ^ ccittTable[byte(crc>>8)^c]
	}
	return crc
}

// c37Frame returns the size of the frame b starts with, or 0.
func c37Frame(b []byte) int {
	if len(b) < 4 || b[0] != 0xaa {
		return 0
	}
	typ, ver := int(b[1]>>4&7), int(b[1]&0x0f)
	if typ > 5 || ver < 1 || ver > 3 || b[1]&0x80 != 0 {
		return 0
	}
	n := be16(b[2:])
	if n < 16 {
		return 0
	}
	return n
}

func (C37118) Match(_ dissect.Transport, _ dissect.Direction, p []byte) bool {
	n := c37Frame(p)
	if n == 0 || n > len(p) {
		return false
	}
	return crcCCITT(p[:n-2]) == uint16(be16(p[n-2:]))
}

func (C37118) Dissect(t dissect.Transport, _ dissect.Direction, buf []byte, rec *dissect.Recorder) int {
	off := 0
	for len(buf)-off >= 4 {
		n := c37Frame(buf[off:])
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
		f := buf[off : off+n]
		off += n
		if crcCCITT(f[:n-2]) != uint16(be16(f[n-2:])) {
			rec.Malformed()
			continue
		}
		typ := int(f[1] >> 4 & 7)
		rec.Attr("idcode", decimal(be16(f[4:])))
		if typ == 4 {
			cmd := -1
			if n >= 18 {
				cmd = be16(f[14:])
			}
			nm := "command_user"
			if cmd >= 0 && cmd < len(c37CommandOps) && c37CommandOps[cmd] != "" {
				nm = c37CommandOps[cmd]
			}
			rec.Op(dissect.ClassControl, nm, cmd)
			continue
		}
		rec.Op(dissect.ClassResponse, c37Frames[typ], typ)
	}
	if t == dissect.UDP {
		return len(buf)
	}
	return off
}
