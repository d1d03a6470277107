// Command gencap writes a synthetic span-port capture for benchmarks: a
// classic pcap (Ethernet) of thousands of TCP and UDP conversations
// speaking Modbus/TCP, S7comm, IEC 60870-5-104, DNP3, EtherNet/IP,
// BACnet/IP and HTTP, plus IEC 61850 GOOSE frames, until the file reaches
// the requested size. The output is deterministic for a given seed.
//
//	go run ./bench/gencap -o /tmp/bench.pcap -size 1073741824 -flows 4000
package main

import (
	"bufio"
	"encoding/binary"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
)

type conv struct {
	proto      int
	cliIP      [4]byte
	srvIP      [4]byte
	cliMAC     [6]byte
	srvMAC     [6]byte
	cport      uint16
	sport      uint16
	cseq, sseq uint32
	started    bool
	tid        uint16
}

const (
	pModbus = iota
	pS7
	pIEC104
	pDNP3
	pENIP
	pHTTP
	pBACnet
	nProtos
)

var ports = [nProtos]uint16{502, 102, 2404, 20000, 44818, 80, 47808}

type writer struct {
	w     *bufio.Writer
	n     int64
	pkts  int64
	ts    int64 // microseconds
	frame []byte
}

func (w *writer) packet(b []byte) {
	var h [16]byte
	binary.LittleEndian.PutUint32(h[0:], uint32(w.ts/1e6))
	binary.LittleEndian.PutUint32(h[4:], uint32(w.ts%1e6))
	binary.LittleEndian.PutUint32(h[8:], uint32(len(b)))
	binary.LittleEndian.PutUint32(h[12:], uint32(len(b)))
	w.w.Write(h[:])
	w.w.Write(b)
	w.n += int64(16 + len(b))
	w.pkts++
	w.ts += 37
}

func csum(b []byte) uint16 {
	var s uint32
	for i := 0; i+1 < len(b); i += 2 {
		s += uint32(b[i])<<8 | uint32(b[i+1])
	}
	if len(b)%2 == 1 {
		s += uint32(b[len(b)-1]) << 8
	}
	for s > 0xffff {
		s = s>>16 + s&0xffff
	}
	return ^uint16(s)
}

// ip writes Ethernet + IPv4 + TCP/UDP headers and payload into w.frame.
func (w *writer) ip(smac, dmac [6]byte, src, dst [4]byte, proto byte, sport, dport uint16, seq, ack uint32, flags byte, payload []byte) {
	l4 := 20
	if proto == 17 {
		l4 = 8
	}
	n := 14 + 20 + l4 + len(payload)
	f := w.frame[:n]
	copy(f[0:], dmac[:])
	copy(f[6:], smac[:])
	f[12], f[13] = 0x08, 0x00
	ip := f[14:34]
	clear(ip)
	ip[0] = 0x45
	binary.BigEndian.PutUint16(ip[2:], uint16(20+l4+len(payload)))
	ip[6] = 0x40
	ip[8], ip[9] = 64, proto
	copy(ip[12:], src[:])
	copy(ip[16:], dst[:])
	binary.BigEndian.PutUint16(ip[10:], csum(ip))
	t := f[34 : 34+l4]
	clear(t)
	binary.BigEndian.PutUint16(t[0:], sport)
	binary.BigEndian.PutUint16(t[2:], dport)
	if proto == 6 {
		binary.BigEndian.PutUint32(t[4:], seq)
		binary.BigEndian.PutUint32(t[8:], ack)
		t[12] = 5 << 4
		t[13] = flags
		binary.BigEndian.PutUint16(t[14:], 8192)
	} else {
		binary.BigEndian.PutUint16(t[4:], uint16(8+len(payload)))
	}
	copy(f[34+l4:], payload)
	w.packet(f)
}

const (
	fSYN = 0x02
	fACK = 0x10
	fPSH = 0x08
)

func (w *writer) tcp(c *conv, toServer bool, flags byte, payload []byte) {
	if toServer {
		w.ip(c.cliMAC, c.srvMAC, c.cliIP, c.srvIP, 6, c.cport, c.sport, c.cseq, c.sseq, flags, payload)
		c.cseq += uint32(len(payload))
		if flags&fSYN != 0 {
			c.cseq++
		}
	} else {
		w.ip(c.srvMAC, c.cliMAC, c.srvIP, c.cliIP, 6, c.sport, c.cport, c.sseq, c.cseq, flags, payload)
		c.sseq += uint32(len(payload))
		if flags&fSYN != 0 {
			c.sseq++
		}
	}
}

func main() {
	out := flag.String("o", "bench.pcap", "output file")
	size := flag.Int64("size", 1<<30, "stop once the file is this many bytes")
	flows := flag.Int("flows", 4000, "number of TCP/UDP conversations")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	rng := rand.New(rand.NewPCG(*seed, 0x5eed))
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	w := &writer{w: bufio.NewWriterSize(f, 4<<20), ts: 1_700_000_000_000_000, frame: make([]byte, 2048)}
	var hdr [24]byte
	binary.LittleEndian.PutUint32(hdr[0:], 0xa1b2c3d4)
	binary.LittleEndian.PutUint16(hdr[4:], 2)
	binary.LittleEndian.PutUint16(hdr[6:], 4)
	binary.LittleEndian.PutUint32(hdr[16:], 65535)
	binary.LittleEndian.PutUint32(hdr[20:], 1)
	w.w.Write(hdr[:])
	w.n = 24

	convs := make([]*conv, *flows)
	for i := range convs {
		p := i % nProtos
		c := &conv{proto: p, sport: ports[p], cport: uint16(20000 + rng.IntN(40000)),
			cseq: rng.Uint32(), sseq: rng.Uint32()}
		// Clients in 10.10.x (HMIs, engineering), servers in 10.30.x (PLCs).
		c.cliIP = [4]byte{10, 10, byte(i / 250 % 4), byte(1 + i%250)}
		c.srvIP = [4]byte{10, 30, byte(i / 250 % 8), byte(1 + (i*7)%250)}
		c.cliMAC = [6]byte{0x00, 0x1b, 0x1b, 0x10, byte(i >> 8), byte(i)}
		c.srvMAC = [6]byte{0x00, 0x0e, 0x8c, 0x30, byte(i >> 8), byte(i)}
		convs[i] = c
	}
	buf := make([]byte, 1600)
	for round := 0; w.n < *size; round++ {
		for i, c := range convs {
			if w.n >= *size {
				break
			}
			if c.proto != pBACnet && !c.started {
				w.tcp(c, true, fSYN, nil)
				w.tcp(c, false, fSYN|fACK, nil)
				w.tcp(c, true, fACK, nil)
				c.started = true
			}
			c.tid++
			req, resp := payloads(c, buf, round, rng)
			if c.proto == pBACnet {
				w.ip(c.cliMAC, c.srvMAC, c.cliIP, c.srvIP, 17, c.cport, c.sport, 0, 0, 0, req)
				w.ip(c.srvMAC, c.cliMAC, c.srvIP, c.cliIP, 17, c.sport, c.cport, 0, 0, 0, resp)
			} else {
				w.tcp(c, true, fPSH|fACK, req)
				w.tcp(c, false, fPSH|fACK, resp)
			}
			if i%64 == 0 {
				goose(w, i, round)
			}
		}
	}
	if err := w.w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d bytes, %d packets, %d conversations\n", *out, w.n, w.pkts, len(convs))
}

// payloads returns a request and its response for c's protocol, written
// into buf (request first, response after it).
func payloads(c *conv, buf []byte, round int, rng *rand.Rand) (req, resp []byte) {
	write := round%10 == 9
	switch c.proto {
	case pModbus:
		req = buf[:12]
		binary.BigEndian.PutUint16(req[0:], c.tid)
		binary.BigEndian.PutUint16(req[2:], 0)
		binary.BigEndian.PutUint16(req[4:], 6)
		req[6], req[7] = 1, 3
		binary.BigEndian.PutUint16(req[8:], 0)
		binary.BigEndian.PutUint16(req[10:], 125)
		if write {
			req[7] = 6
			binary.BigEndian.PutUint16(req[10:], uint16(rng.IntN(1000)))
			resp = append(buf[12:12], req...)
			return req, resp
		}
		resp = buf[12 : 12+9+250]
		binary.BigEndian.PutUint16(resp[0:], c.tid)
		binary.BigEndian.PutUint16(resp[2:], 0)
		binary.BigEndian.PutUint16(resp[4:], 3+250)
		resp[6], resp[7], resp[8] = 1, 3, 250
		fill(resp[9:], rng)
	case pS7:
		// TPKT, COTP DT, S7 job read var / ack-data.
		req = s7(buf[:0], 1, c.tid, []byte{0x04, 0x01, 0x12, 0x0a, 0x10, 0x02, 0x00, 0xc8, 0x00, 0x01, 0x84, 0x00, 0x00, 0x00}, nil)
		data := make([]byte, 4+200)
		data[0], data[1] = 0xff, 0x04
		binary.BigEndian.PutUint16(data[2:], 200*8)
		fill(data[4:], rng)
		resp = s7(buf[len(req):len(req)], 3, c.tid, []byte{0x04, 0x01}, data)
	case pIEC104:
		// I-format: measured value (type 13) and, now and then, a command.
		req = buf[:6]
		copy(req, []byte{0x68, 0x04, 0x01, 0x00, byte(c.tid << 1), byte(c.tid >> 7)})
		typ := byte(13)
		if write {
			typ = 45 // C_SC_NA_1
		}
		resp = append(buf[6:6], 0x68, 0, byte(c.tid<<1), byte(c.tid>>7), 0, 0, typ, 20, 3, 0, 1, 0)
		for j := range 20 {
			resp = append(resp, byte(j), 0, 0, byte(rng.IntN(256)), byte(rng.IntN(256)), 0x42, 0x48, 0)
		}
		resp[1] = byte(len(resp) - 2)
	case pDNP3:
		req = dnp3(buf[:0], 0xc4, []byte{0xc0 | byte(c.tid&15), 0x01, 0x3c, 0x02, 0x06})
		app := []byte{0xc0 | byte(c.tid&15), 0x81, 0, 0, 0x1e, 0x05, 0x00, 0x00, 0x27}
		for range 40 {
			app = append(app, 0x01, byte(rng.IntN(256)), byte(rng.IntN(256)), 0, 0)
		}
		resp = dnp3(buf[len(req):len(req)], 0x44, app)
	case pENIP:
		// SendRRData carrying a CIP Read Tag request and its reply.
		cip := []byte{0x4c, 0x03, 0x91, 0x04, 'T', 'a', 'g', '1', 0x01, 0x00}
		req = enip(buf[:0], cip)
		r := []byte{0xcc, 0x00, 0x00, 0x00, 0xc4, 0x00}
		for range 100 {
			r = append(r, byte(rng.IntN(256)))
		}
		resp = enip(buf[len(req):len(req)], r)
	case pHTTP:
		req = fmt.Appendf(buf[:0], "GET /status/%d HTTP/1.1\r\nHost: 10.30.0.1\r\nUser-Agent: hmi\r\n\r\n", round%100)
		n := len(req)
		resp = fmt.Appendf(buf[n:n], "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1200\r\n\r\n")
		for range 1200 {
			resp = append(resp, 'a'+byte(rng.IntN(26)))
		}
	case pBACnet:
		req = append(buf[:0], 0x81, 0x0a, 0, 17, 0x01, 0x04, 0x02, 0x75, byte(c.tid), 0x0c, 0x0c, 0x02, 0x00, 0x00, 0x01, 0x19, 0x55)
		resp = append(buf[17:17], 0x81, 0x0a, 0, 0, 0x01, 0x00, 0x30, byte(c.tid), 0x0c, 0x0c, 0x02, 0x00, 0x00, 0x01, 0x19, 0x55, 0x3e, 0x44)
		for range 4 {
			resp = append(resp, byte(rng.IntN(256)))
		}
		resp = append(resp, 0x3f)
		binary.BigEndian.PutUint16(resp[2:], uint16(len(resp)))
	}
	return req, resp
}

func fill(b []byte, rng *rand.Rand) {
	for i := range b {
		b[i] = byte(rng.IntN(256))
	}
}

func s7(b []byte, rosctr byte, ref uint16, param, data []byte) []byte {
	hl := 10
	if rosctr == 3 {
		hl = 12
	}
	total := 4 + 3 + hl + len(param) + len(data)
	b = append(b, 0x03, 0x00, byte(total>>8), byte(total), 0x02, 0xf0, 0x80,
		0x32, rosctr, 0, 0, byte(ref>>8), byte(ref), byte(len(param)>>8), byte(len(param)), byte(len(data)>>8), byte(len(data)))
	if rosctr == 3 {
		b = append(b, 0, 0)
	}
	b = append(b, param...)
	return append(b, data...)
}

// dnp3 frames an application fragment (transport header included) with
// the link header and a CRC after every 16 bytes.
func dnp3(b []byte, ctrl byte, app []byte) []byte {
	user := append([]byte{0xc0}, app...) // transport: FIR|FIN, seq 0
	if len(user) > 249 {
		user = user[:249]
	}
	h := []byte{0x05, 0x64, byte(5 + len(user)), ctrl, 0x0a, 0x00, 0x01, 0x00}
	b = append(b, h...)
	b = binary.LittleEndian.AppendUint16(b, dnpCRC(h))
	for len(user) > 0 {
		n := min(16, len(user))
		b = append(b, user[:n]...)
		b = binary.LittleEndian.AppendUint16(b, dnpCRC(user[:n]))
		user = user[n:]
	}
	return b
}

func dnpCRC(b []byte) uint16 {
	var crc uint16
	for _, c := range b {
		crc ^= uint16(c)
		for range 8 {
			if crc&1 != 0 {
				crc = crc>>1 ^ 0xa6bc
			} else {
				crc >>= 1
			}
		}
	}
	return ^crc
}

func enip(b []byte, cip []byte) []byte {
	cpf := []byte{0, 0, 0, 0, 0x0a, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0xb2, 0x00, byte(len(cip)), byte(len(cip) >> 8)}
	body := append(cpf, cip...)
	b = append(b, 0x6f, 0x00, byte(len(body)), byte(len(body)>>8), 0x01, 0x02, 0x03, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
	return append(b, body...)
}

func goose(w *writer, i, round int) {
	f := w.frame[:14+8+60]
	copy(f[0:], []byte{0x01, 0x0c, 0xcd, 0x01, 0x00, 0x01})
	copy(f[6:], []byte{0x00, 0x0e, 0x8c, 0x61, byte(i >> 8), byte(i)})
	f[12], f[13] = 0x88, 0xb8
	p := f[14:]
	clear(p)
	binary.BigEndian.PutUint16(p[0:], uint16(i))
	binary.BigEndian.PutUint16(p[2:], uint16(len(p)))
	p[8], p[9] = 0x61, byte(len(p)-10)
	p[10], p[11] = 0x80, 0x04
	copy(p[12:], "GCB1")
	p[16], p[17], p[18] = 0x85, 0x01, byte(round)
	w.packet(f)
}
