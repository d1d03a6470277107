package ot

import (
	"bytes"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// PROFINET dissects PROFINET frames (EtherType 0x8892) by frame id: DCP
// (identify, get, set, hello), RT cyclic I/O, alarms and PTCP. Cyclic
// frames are only counted.
type PROFINET struct{}

func (PROFINET) Name() string { return "profinet" }

func (PROFINET) EtherTypes() []uint16 { return []uint16{0x8892} }

var dcpServices = []string{3: "dcp_get", 4: "dcp_set", 5: "dcp_identify", 6: "dcp_hello"}

func (PROFINET) DissectFrame(p []byte, rec *dissect.Recorder) {
	if len(p) < 2 {
		rec.Malformed()
		return
	}
	id := be16(p)
	switch {
	case id <= 0x00ff || (id >= 0xff00 && id <= 0xff8f):
		rec.Op(dissect.ClassSession, "ptcp", -1)
	case id < 0xfc00:
		// RT class 1-3 cyclic data. Which side is the controller cannot
		// be told at layer 2, so cyclic I/O is counted as read.
		rec.Op(dissect.ClassRead, "io", -1)
	case id == 0xfc01 || id == 0xfe01:
		rec.Op(dissect.ClassResponse, "alarm", id)
	case id >= 0xfefc && id <= 0xfeff:
		dcp(p[2:], rec)
	default:
		rec.Op(dissect.ClassDiagnostic, "frame_"+hex4(id), id)
	}
}

// dcp dissects a DCP PDU: service id, service type, xid, response delay,
// data length, blocks.
func dcp(p []byte, rec *dissect.Recorder) {
	if len(p) < 10 {
		rec.Malformed()
		return
	}
	svc, typ := int(p[0]), p[1]
	nm := name(dcpServices, svc, "dcp_service_"+hex4(svc))
	dl := be16(p[8:])
	blocks := p[10:]
	if dl < len(blocks) {
		blocks = blocks[:dl]
	}
	response := typ&0x01 != 0 || typ == 5
	switch {
	case response && typ != 1:
		rec.Op(dissect.ClassError, nm, svc)
		return
	case response:
		rec.Op(dissect.ClassResponse, nm, svc)
	case svc == 4:
		rec.Op(dissect.ClassWrite, nm, svc)
	default:
		rec.Op(dissect.ClassDiagnostic, nm, svc)
	}
	// Blocks: option, suboption, length, [block info/qualifier], data;
	// blocks are padded to even length.
	for len(blocks) >= 4 {
		opt, sub, n := blocks[0], blocks[1], be16(blocks[2:])
		if 4+n > len(blocks) {
			rec.Malformed()
			return
		}
		v := blocks[4 : 4+n]
		switch {
		case svc == 4 && !response:
			dcpSet(opt, sub, v, rec)
		case response || svc == 6:
			// Identify/Get responses and Hello carry a 2-byte block info.
			if len(v) >= 2 {
				dcpInfo(opt, sub, v[2:], rec)
			}
		}
		blocks = blocks[min(4+n+(n&1), len(blocks)):]
	}
}

func dcpSet(opt, sub byte, v []byte, rec *dissect.Recorder) {
	// Set blocks carry a 2-byte qualifier before the value.
	if len(v) < 2 {
		return
	}
	val := v[2:]
	switch {
	case opt == 1 && sub == 2:
		msg := "DCP Set of the IP address"
		if len(val) >= 4 {
			msg += " to " + ipv4(val[:4])
		}
		rec.Event("profinet_dcp_set_ip", msg)
	case opt == 2 && sub == 2:
		rec.Event("profinet_dcp_set_name", "DCP Set of the name of station to \""+printable(val, 64)+"\"")
	case opt == 5 && sub == 6:
		rec.Event("profinet_dcp_reset_factory", "DCP Set: reset to factory settings")
	case opt == 5 && sub == 5:
		rec.Event("profinet_dcp_reset_factory", "DCP Set: factory reset")
	case opt == 5 && sub == 3:
		rec.Op(dissect.ClassDiagnostic, "dcp_signal", -1)
	case opt != 5: // control blocks (start/end transaction) change nothing
		rec.Event("profinet_dcp_set", "DCP Set of option "+decimal(int(opt))+"/"+decimal(int(sub)))
	}
}

func dcpInfo(opt, sub byte, v []byte, rec *dissect.Recorder) {
	if opt == 2 && (sub == 1 || sub == 2) {
		// Some devices pad names with NULs to a fixed block length.
		if i := bytes.IndexByte(v, 0); i >= 0 {
			v = v[:i]
		}
	}
	switch {
	case opt == 2 && sub == 1:
		rec.Attr("device_vendor", printable(v, 64))
	case opt == 2 && sub == 2:
		rec.Attr("station_name", printable(v, 64))
	case opt == 2 && sub == 3 && len(v) >= 4:
		rec.Attr("vendor_device_id", hex4(be16(v))+":"+hex4(be16(v[2:])))
	}
}

func ipv4(b []byte) string {
	out := make([]byte, 0, 15)
	for i, c := range b[:4] {
		if i > 0 {
			out = append(out, '.')
		}
		if c >= 100 {
			out = append(out, '0'+c/100)
		}
		if c >= 10 {
			out = append(out, '0'+c/10%10)
		}
		out = append(out, '0'+c%10)
	}
	return string(out)
}
