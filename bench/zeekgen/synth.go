package main

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"
)

// synthConv is one conversation of the synthetic plant.
type synthConv struct {
	c         connID
	proto     string // slate protocol
	transport string
	vlan      int64
	macs      [2]string
}

// synthProtocols is the traffic mix of the synthetic plant: mostly
// polling of PLCs and RTUs, some engineering traffic, and the IT
// services every plant network carries.
var synthProtocols = []struct {
	proto, transport string
	port             int
	weight           int
}{
	{"modbus", "tcp", 502, 30}, {"s7comm", "tcp", 102, 12}, {"dnp3", "tcp", 20000, 8}, {"enip", "tcp", 44818, 10},
	{"dns", "udp", 53, 4}, {"tls", "tcp", 443, 3}, {"ntp", "udp", 123, 3}, {"http", "tcp", 80, 2}, {"snmp", "udp", 161, 3},
}

func mac(r *rand.Rand) string {
	return fmt.Sprintf("00:1b:1b:%02x:%02x:%02x", r.IntN(256), r.IntN(256), r.IntN(256))
}

// synthPlant makes the conversations one sensor sees: n of them between
// a few hundred hosts in four VLANs.
func synthPlant(r *rand.Rand, sensor, n int) []synthConv {
	total := 0
	for _, p := range synthProtocols {
		total += p.weight
	}
	out := make([]synthConv, n)
	for i := range out {
		w := r.IntN(total)
		k := 0
		for w >= synthProtocols[k].weight {
			w -= synthProtocols[k].weight
			k++
		}
		p := synthProtocols[k]
		vlan := int64(10 + 10*r.IntN(4))
		out[i] = synthConv{
			c: connID{orig: fmt.Sprintf("10.%d.%d.%d", 10+sensor, vlan, 1+r.IntN(250)), op: 1024 + r.IntN(64000),
				resp: fmt.Sprintf("10.%d.%d.%d", 10+sensor, vlan+1, 1+r.IntN(250)), rp: p.port},
			proto: p.proto, transport: p.transport, vlan: vlan, macs: [2]string{mac(r), mac(r)},
		}
	}
	return out
}

var synthModbus = []string{"READ_HOLDING_REGISTERS", "READ_HOLDING_REGISTERS", "READ_HOLDING_REGISTERS", "READ_INPUT_REGISTERS",
	"READ_COILS", "WRITE_SINGLE_REGISTER", "WRITE_MULTIPLE_REGISTERS"}

// synthSensor writes one sensor's logs until limit bytes of records are
// written: conn records of the plant's conversations, with the protocol
// records (ICSNPP and Zeek's own) a fifth of the OT connections and every
// IT connection carry. It returns the conn records written.
func synthSensor(a *archive, seed uint64, sensor, convs int, start time.Time, span time.Duration, limit int64) (int64, error) {
	r := rand.New(rand.NewPCG(seed, uint64(sensor)))
	plant := synthPlant(r, sensor, convs)
	// About 550 bytes of JSON per connection with its protocol records
	// (1.94 M connections per GB): the pace that spreads them over span.
	expected := max(limit/550, 1)
	gap := int64(span) / expected
	ts := start.UnixNano()
	var n int64
	conn := newRec(connLog)
	mk := newRec
	uidBuf := make([]byte, 0, 18)
	const cs = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	for a.written < limit {
		ts += 1 + r.Int64N(2*gap+1)
		c := &plant[r.IntN(len(plant))]
		uidBuf = append(uidBuf[:0], 'C')
		for range 17 {
			uidBuf = append(uidBuf, cs[r.IntN(len(cs))])
		}
		uid := string(uidBuf)
		pk0, pk1 := 2+r.Int64N(40), 2+r.Int64N(40)
		b0, b1 := pk0*(12+r.Int64N(40)), pk1*(12+r.Int64N(200))
		hdr, ipp := int64(40), int64(6)
		state, hist := "SF", "ShADadFf"
		if c.transport == "udp" {
			hdr, ipp, hist = 28, 17, "Dd"
		}
		service := c.proto
		switch c.proto {
		case "s7comm":
			service = "cotp,s7comm"
		case "dnp3":
			service = "dnp3_tcp"
		case "enip":
			service = "enip,cip"
		case "tls":
			service = "ssl"
		}
		dur := r.Int64N(int64(30 * time.Second))
		conn.reset().time(ts).str(uid).id(&c.c).str(c.transport).str(service).interval(dur).count(b0).count(b1).
			str(state).boolean(true).boolean(true).count(0).str(hist).count(pk0).count(b0 + pk0*hdr).count(pk1).
			count(b1 + pk1*hdr).unset(1).count(ipp).str(c.macs[0]).str(c.macs[1]).count(c.vlan).unset(1)
		if err := a.emit(conn, ts); err != nil {
			return n, err
		}
		n++
		pts := ts + r.Int64N(int64(time.Millisecond))
		var pr *rec
		switch c.proto {
		case "modbus":
			if r.IntN(5) == 0 {
				pr = mk(modbusDetailedLog).time(pts).str(uid).id(&c.c).count(r.Int64N(65536)).count(1).
					str(synthModbus[r.IntN(len(synthModbus))]).count(r.Int64N(1000)).count(1 + r.Int64N(20)).unset(3).
					boolean(true).unset(6)
			}
		case "s7comm":
			if r.IntN(5) == 0 {
				pr = mk(s7commLog).time(pts).str(uid).id(&c.c).boolean(true).str(c.c.orig).count(int64(c.c.op)).
					str(c.c.resp).count(int64(c.c.rp)).count(1).str("Job-Request").count(r.Int64N(65536)).str("0x04").
					str("Read Variable").unset(4)
			}
		case "dnp3":
			if r.IntN(5) == 0 {
				pr = mk(dnp3Log).time(pts).str(uid).id(&c.c).str("READ").str("RESPONSE").count(0)
			}
		case "tls":
			pr = mk(sslLog).time(pts).str(uid).id(&c.c).str("TLSv12").str("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").
				str("x25519").str("historian.plant.example").boolean(false).unset(2).boolean(true).str("CsxknGIi").unset(5)
		case "dns":
			pr = mk(dnsLog).time(pts).str(uid).id(&c.c).str("udp").count(r.Int64N(65536)).interval(r.Int64N(2e6)).
				str("host" + strconv.Itoa(r.IntN(500)) + ".plant.example").count(1).str("C_INTERNET").count(1).str("A").
				count(0).str("NOERROR").boolean(false).boolean(false).boolean(true).boolean(true).count(0).
				list([]string{"10.1.2.3"}).list([]string{"3600.000000"}).boolean(false)
		}
		if pr != nil {
			if err := a.emit(pr, pts); err != nil {
				return n, err
			}
		}
	}
	return n, a.close()
}
