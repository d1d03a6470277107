package ot

import (
	"strconv"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// GOOSE dissects IEC 61850-8-1 GOOSE frames (EtherType 0x88b8): APPID, the
// control block reference, data set, state and sequence numbers and the
// simulation (test) flag.
type GOOSE struct{}

func (GOOSE) Name() string { return "goose" }

func (GOOSE) EtherTypes() []uint16 { return []uint16{0x88b8} }

// berTLV reads one BER tag-length-value and returns tag, value and the
// rest; ok is false when b is short or uses forms GOOSE does not.
func berTLV(b []byte) (tag byte, v, rest []byte, ok bool) {
	if len(b) < 2 {
		return 0, nil, nil, false
	}
	tag = b[0]
	n, i := int(b[1]), 2
	if n&0x80 != 0 {
		k := n & 0x7f
		if k == 0 || k > 3 || 2+k > len(b) {
			return 0, nil, nil, false
		}
		n = 0
		for _, c := range b[2 : 2+k] {
			n = n<<8 | int(c)
		}
		i = 2 + k
	}
	if i+n > len(b) {
		return 0, nil, nil, false
	}
	return tag, b[i : i+n], b[i+n:], true
}

func berUint(v []byte) int {
	if len(v) > 4 {
		return -1
	}
	n := 0
	for _, c := range v {
		n = n<<8 | int(c)
	}
	return n
}

func (GOOSE) DissectFrame(p []byte, rec *dissect.Recorder) {
	// APPID, length, reserved 1 (bit 15: simulation), reserved 2, APDU.
	if len(p) < 8 {
		rec.Malformed()
		return
	}
	rec.Attr("appid", hex4(be16(p)))
	n := be16(p[2:])
	if n < 8 || n > len(p) {
		rec.Malformed()
		return
	}
	if p[4]&0x80 != 0 {
		rec.Attr("simulation", "true")
	}
	tag, pdu, _, ok := berTLV(p[8:n])
	if !ok || tag != 0x61 {
		rec.Malformed()
		return
	}
	sq := -1
	for len(pdu) > 0 {
		var v []byte
		tag, v, pdu, ok = berTLV(pdu)
		if !ok {
			rec.Malformed()
			return
		}
		switch tag {
		case 0x80:
			rec.Attr("gocb_ref", printable(v, 129))
		case 0x82:
			rec.Attr("dat_set", printable(v, 129))
		case 0x83:
			rec.Attr("go_id", printable(v, 129))
		case 0x86:
			sq = berUint(v)
		case 0x87:
			if len(v) == 1 && v[0] != 0 {
				rec.Attr("simulation", "true")
			}
		case 0x88:
			rec.Attr("conf_rev", strconv.Itoa(berUint(v)))
		case 0x89:
			if len(v) == 1 && v[0] != 0 {
				rec.Attr("nds_com", "true")
			}
		}
	}
	// sqNum restarts at 0 when stNum increments: a state change; any
	// other frame is a retransmission of the current state.
	switch sq {
	case 0:
		rec.Op(dissect.ClassResponse, "state_change", -1)
	case -1:
		rec.Malformed()
	default:
		rec.Op(dissect.ClassResponse, "retransmission", -1)
	}
}
