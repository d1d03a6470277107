package pcap

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// recordReader gives the packets of a capture one at a time: the bytes
// (valid until the next call), link type, time (seconds, and nanoseconds,
// since the epoch, as time.Time's Unix and UnixNano give them) and length
// on the wire. At the end it returns io.EOF.
type recordReader interface {
	next() (data []byte, lt layers.LinkType, sec, ns int64, length int, err error)
}

// pcapRecords reads the records of a classic pcap capture in place from
// the file's chunks, where pcapgo's Reader copies each into a buffer of
// its own.
// It returns what pcapgo's would, errors included, so that a damaged
// capture is reported as before.
type pcapRecords struct {
	r       *fileStream
	big     bool // big-endian
	nano    bool // nanosecond times, else microseconds
	snaplen uint32
	lt      layers.LinkType
	pending int // bytes of the record returned last, consumed on the next call
}

// newPcapRecords reads the 24-byte file header from r, with pcapgo's
// reader for the same errors.
func newPcapRecords(r *fileStream) (*pcapRecords, error) {
	hdr, _ := r.Peek(24)
	hdr = bytes.Clone(hdr)
	r.Discard(len(hdr))
	pr, err := pcapgo.NewReader(bytes.NewReader(hdr))
	if err != nil {
		return nil, err
	}
	p := &pcapRecords{r: r, snaplen: pr.Snaplen(), lt: pr.LinkType(),
		nano: pr.Resolution() == gopacket.TimestampResolutionNanosecond}
	p.big = binary.BigEndian.Uint32(hdr) == 0xa1b2c3d4 || binary.BigEndian.Uint32(hdr) == 0xa1b23c4d
	return p, nil
}

// pcapEagerMax is pcapgo's largest record length read without a check
// against the snap length (libpcap's MAXIMUM_SNAPLEN).
const pcapEagerMax = 262144

func (p *pcapRecords) next() (data []byte, lt layers.LinkType, sec, ns int64, length int, err error) {
	if p.pending > 0 {
		p.r.Discard(p.pending)
		p.pending = 0
	}
	// Peek's common case, written out: Peek is too large to inline.
	var hdr []byte
	if len(p.r.buf) >= 16 {
		hdr = p.r.buf[:16]
	} else {
		hdr, err = p.r.Peek(16)
	}
	if len(hdr) < 16 {
		p.r.Discard(len(hdr))
		return nil, p.lt, 0, 0, 0, short(len(hdr), err)
	}
	var s, frac, caplen, orig uint32
	if p.big {
		s, frac = binary.BigEndian.Uint32(hdr[0:4]), binary.BigEndian.Uint32(hdr[4:8])
		caplen, orig = binary.BigEndian.Uint32(hdr[8:12]), binary.BigEndian.Uint32(hdr[12:16])
	} else {
		s, frac = binary.LittleEndian.Uint32(hdr[0:4]), binary.LittleEndian.Uint32(hdr[4:8])
		caplen, orig = binary.LittleEndian.Uint32(hdr[8:12]), binary.LittleEndian.Uint32(hdr[12:16])
	}
	p.r.Discard(16)
	if !p.nano {
		frac *= 1000 // in 32 bits, as pcapgo does
	}
	// time.Unix(s, frac) carries whole seconds of frac into s.
	sec = int64(s) + int64(frac)/1e9
	ns = int64(s)*1e9 + int64(frac)
	if int64(caplen) > max(int64(p.snaplen), pcapEagerMax) {
		return nil, p.lt, sec, ns, int(orig), fmt.Errorf("capture length exceeds snap length: %d > %d", caplen, p.snaplen)
	}
	if caplen > orig {
		return nil, p.lt, sec, ns, int(orig), fmt.Errorf("capture length exceeds original packet length: %d > %d", caplen, orig)
	}
	n := int(caplen)
	if len(p.r.buf) >= n {
		data = p.r.buf[:n]
	} else {
		data, err = p.r.Peek(n)
	}
	if len(data) < n {
		p.r.Discard(len(data))
		return nil, p.lt, sec, ns, int(orig), short(len(data), err)
	}
	p.pending = n
	return data, p.lt, sec, ns, int(orig), nil
}

// short is io.ReadFull's error for a read that got n bytes, fewer than it
// asked for, and then err.
func short(n int, err error) error {
	if err == nil || err == io.EOF {
		if n == 0 {
			return io.EOF
		}
		return io.ErrUnexpectedEOF
	}
	return err
}

// pcapgoRecords reads records with pcapgo (pcapng, and gzip-compressed
// classic pcap).
type pcapgoRecords struct {
	ps interface {
		ZeroCopyReadPacketData() ([]byte, gopacket.CaptureInfo, error)
	}
	linkOf func(gopacket.CaptureInfo) layers.LinkType
}

func (p *pcapgoRecords) next() (data []byte, lt layers.LinkType, sec, ns int64, length int, err error) {
	data, ci, err := p.ps.ZeroCopyReadPacketData()
	if err != nil {
		return nil, 0, 0, 0, 0, err
	}
	return data, p.linkOf(ci), ci.Timestamp.Unix(), ci.Timestamp.UnixNano(), ci.Length, nil
}
