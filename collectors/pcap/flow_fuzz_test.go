package pcap_test

import (
	"encoding/binary"
	"testing"
	"time"

	"github.com/gopacket/gopacket"

	"github.com/slate-ot/slate/collectors/pcap"
)

// tcpFrame builds an Ethernet/IPv4/TCP frame carrying payload.
func tcpFrame(sport, dport uint16, seq uint32, flags byte, payload []byte) []byte {
	b := make([]byte, 14+20+20+len(payload))
	copy(b[0:6], []byte{0, 0x1b, 0x1b, 0, 0, 2})
	copy(b[6:12], []byte{0, 0x1b, 0x1b, 0, 0, 1})
	b[12], b[13] = 0x08, 0x00
	ip := b[14:]
	ip[0] = 0x45
	binary.BigEndian.PutUint16(ip[2:], uint16(40+len(payload)))
	ip[8], ip[9] = 64, 6
	copy(ip[12:16], []byte{10, 0, 0, 1})
	copy(ip[16:20], []byte{10, 0, 0, 2})
	tcp := ip[20:]
	binary.BigEndian.PutUint16(tcp[0:], sport)
	binary.BigEndian.PutUint16(tcp[2:], dport)
	binary.BigEndian.PutUint32(tcp[4:], seq)
	tcp[12] = 5 << 4
	tcp[13] = flags
	copy(tcp[20:], payload)
	return b
}

// FuzzFlows drives the flow table and the in-order reassembler with
// segments at arbitrary sequence numbers (gaps, overlaps, retransmissions)
// carrying arbitrary Modbus-port payloads.
func FuzzFlows(f *testing.F) {
	f.Add(uint32(1000), uint32(1007), []byte{0, 1, 0, 0, 0, 6, 1, 3, 0, 0, 0, 2}, byte(0x18))
	f.Add(uint32(5), uint32(1), []byte("GET / HTTP/1.0\r\n\r\n"), byte(0x02))
	c := pcap.New()
	f.Fuzz(func(t *testing.T, seq1, seq2 uint32, payload []byte, flags byte) {
		w := pcap.NewTestWorker(c)
		ci := gopacket.CaptureInfo{Timestamp: time.Unix(1, 0)}
		for i, seq := range []uint32{seq1, seq2, seq1, seq2 + uint32(len(payload))} {
			fr := tcpFrame(40000, 502, seq, flags|0x10, payload)
			ci.CaptureLength, ci.Length = len(fr), len(fr)
			w.Packet(fr, ci)
			w.Packet(fr[:len(fr)/(i+1)], ci)
		}
		if w.Flows() != 1 {
			t.Fatalf("%d flows", w.Flows())
		}
	})
}

// BenchmarkPacket measures the per-packet path on a Modbus request: it
// must not allocate.
func BenchmarkPacket(b *testing.B) {
	w := pcap.NewTestWorker(pcap.New())
	pl := []byte{0, 1, 0, 0, 0, 6, 1, 3, 0, 0, 0, 2}
	frames := [][]byte{tcpFrame(40000, 502, 1, 0x02, nil)}
	seq := uint32(2)
	for range 64 {
		frames = append(frames, tcpFrame(40000, 502, seq, 0x18, pl))
		seq += uint32(len(pl))
	}
	ci := gopacket.CaptureInfo{Timestamp: time.Unix(1, 0)}
	for _, fr := range frames[:2] {
		ci.CaptureLength, ci.Length = len(fr), len(fr)
		w.Packet(fr, ci)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(frames[1])))
	b.ResetTimer()
	for i := range b.N {
		fr := frames[1+i%64]
		// Keep the stream in order: rewrite the sequence number.
		binary.BigEndian.PutUint32(fr[14+20+4:], seq)
		seq += uint32(len(pl))
		ci.CaptureLength, ci.Length = len(fr), len(fr)
		w.Packet(fr, ci)
	}
}
