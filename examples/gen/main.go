// Command gen writes the synthetic span-port capture of the example site
// examples/plant-a: real Ethernet/IPv4/TCP/UDP frames with real protocol
// payloads (OPC UA, S7comm, Modbus/TCP, telnet, SNMP, RDP, VNC), addressed into
// the plant's zones, with fixed timestamps so the file is the same on every
// run. Run it from the repository root:
//
//	go run ./examples/gen
//
// The conversations and the problems they show are listed in
// examples/plant-a/README.md.
package main

import (
	"encoding/binary"
	"fmt"
	"net"
	"os"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

const out = "examples/plant-a/evidence/span-control-cell.pcap"

type host struct {
	mac  net.HardwareAddr
	ip   net.IP
	vlan uint16
}

func newHost(mac, ip string, vlan uint16) host {
	m, err := net.ParseMAC(mac)
	if err != nil {
		panic(err)
	}
	return host{mac: m, ip: net.ParseIP(ip).To4(), vlan: vlan}
}

var (
	hist01    = newHost("00:50:56:9a:20:15", "10.20.0.15", 20)
	jump01    = newHost("00:50:56:9a:20:30", "10.20.0.30", 20)
	erpApp01  = newHost("00:50:56:9a:10:21", "10.10.4.21", 10)
	scada01   = newHost("00:0e:8c:aa:01:10", "10.30.0.10", 30)
	hmi01     = newHost("00:0e:8c:aa:01:21", "10.30.0.21", 30)
	engWS01   = newHost("3c:52:82:11:22:50", "10.30.0.50", 30)
	swCtl01   = newHost("00:80:63:c0:30:02", "10.30.0.2", 30)
	rogue     = newHost("f0:de:f1:33:44:99", "10.30.0.99", 30)
	plc01     = newHost("00:1b:1b:4d:01:10", "10.40.1.10", 41)
	plc02     = newHost("00:1b:1b:4d:01:11", "10.40.1.11", 41)
	panel01   = newHost("00:1b:1b:4d:01:20", "10.40.1.20", 41)
	laptop07  = newHost("3c:52:82:11:99:77", "10.10.9.77", 10)
	startTime = time.Date(2026, 10, 28, 8, 0, 0, 0, time.UTC)
)

type capture struct {
	w    *pcapgo.Writer
	now  time.Time
	port uint16
	// vlan tags every frame of the current conversation: the span port
	// sees a conversation on the server's access VLAN, both ways.
	vlan uint16
}

func (c *capture) frame(src, dst host, l ...gopacket.SerializableLayer) {
	buf := gopacket.NewSerializeBuffer()
	opts := gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}
	all := append([]gopacket.SerializableLayer{
		&layers.Ethernet{SrcMAC: src.mac, DstMAC: dst.mac, EthernetType: layers.EthernetTypeDot1Q},
		&layers.Dot1Q{VLANIdentifier: c.vlan, Type: layers.EthernetTypeIPv4},
	}, l...)
	if err := gopacket.SerializeLayers(buf, opts, all...); err != nil {
		panic(err)
	}
	c.now = c.now.Add(1500 * time.Microsecond)
	data := buf.Bytes()
	if err := c.w.WritePacket(gopacket.CaptureInfo{Timestamp: c.now, CaptureLength: len(data), Length: len(data)}, data); err != nil {
		panic(err)
	}
}

func ip4(src, dst host, proto layers.IPProtocol) *layers.IPv4 {
	return &layers.IPv4{Version: 4, TTL: 64, Protocol: proto, SrcIP: src.ip, DstIP: dst.ip, Flags: layers.IPv4DontFragment}
}

// tcpSession plays a TCP conversation: handshake, the given exchanges (true:
// client to server), and a FIN close.
type tcpSession struct {
	c                *capture
	cli, srv         host
	cport, sport     uint16
	cseq, sseq       uint32
	clientToServerOK bool
}

func (c *capture) tcp(cli, srv host, sport uint16) *tcpSession {
	c.port++
	c.vlan = srv.vlan
	s := &tcpSession{c: c, cli: cli, srv: srv, cport: c.port, sport: sport, cseq: 1000, sseq: 5000}
	s.seg(true, layers.TCP{SYN: true}, nil)
	s.seg(false, layers.TCP{SYN: true, ACK: true}, nil)
	s.seg(true, layers.TCP{ACK: true}, nil)
	return s
}

func (s *tcpSession) seg(toServer bool, flags layers.TCP, payload []byte) {
	src, dst, sp, dp := s.cli, s.srv, s.cport, s.sport
	seq, ack := &s.cseq, s.sseq
	if !toServer {
		src, dst, sp, dp = s.srv, s.cli, s.sport, s.cport
		seq, ack = &s.sseq, s.cseq
	}
	t := flags
	t.SrcPort, t.DstPort, t.Seq, t.Window = layers.TCPPort(sp), layers.TCPPort(dp), *seq, 64240
	if t.ACK || !t.SYN {
		t.ACK, t.Ack = true, ack
	}
	ip := ip4(src, dst, layers.IPProtocolTCP)
	if err := t.SetNetworkLayerForChecksum(ip); err != nil {
		panic(err)
	}
	ls := []gopacket.SerializableLayer{ip, &t}
	if len(payload) > 0 {
		t.PSH = true
		ls = append(ls, gopacket.Payload(payload))
	}
	s.c.frame(src, dst, ls...)
	*seq += uint32(len(payload))
	if t.SYN || t.FIN {
		*seq++
	}
}

func (s *tcpSession) send(toServer bool, payload []byte) { s.seg(toServer, layers.TCP{}, payload) }

func (s *tcpSession) close() {
	s.seg(true, layers.TCP{FIN: true}, nil)
	s.seg(false, layers.TCP{FIN: true}, nil)
	s.seg(true, layers.TCP{}, nil)
}

// udp writes one datagram; the VLAN is the one of the current conversation
// (set by the caller for a new one).
func (c *capture) udp(src, dst host, sport, dport uint16, payload []byte) {
	ip := ip4(src, dst, layers.IPProtocolUDP)
	u := &layers.UDP{SrcPort: layers.UDPPort(sport), DstPort: layers.UDPPort(dport)}
	if err := u.SetNetworkLayerForChecksum(ip); err != nil {
		panic(err)
	}
	c.frame(src, dst, ip, u, gopacket.Payload(payload))
}

// --- payloads ---------------------------------------------------------

func modbus(tid uint16, unit, fc byte, data ...byte) []byte {
	b := make([]byte, 8, 8+len(data))
	binary.BigEndian.PutUint16(b[0:], tid)
	binary.BigEndian.PutUint16(b[4:], uint16(2+len(data)))
	b[6], b[7] = unit, fc
	return append(b, data...)
}

// deviceID builds a Read Device Identification reply (MEI type 14, basic
// objects, conformity level 1) carrying the objects in order from id 0.
func deviceID(objects ...string) []byte {
	b := []byte{0x0e, 0x01, 0x01, 0x00, 0x00, byte(len(objects))}
	for id, o := range objects {
		b = append(b, byte(id), byte(len(o)))
		b = append(b, o...)
	}
	return b
}

func tpkt(cotp []byte, data ...byte) []byte {
	n := 4 + len(cotp) + len(data)
	b := []byte{3, 0, byte(n >> 8), byte(n)}
	return append(append(b, cotp...), data...)
}

var cotpData = []byte{0x02, 0xf0, 0x80}

func s7(rosctr byte, pduRef uint16, params, data []byte) []byte {
	h := []byte{0x32, rosctr, 0, 0, byte(pduRef >> 8), byte(pduRef), byte(len(params) >> 8), byte(len(params)), byte(len(data) >> 8), byte(len(data))}
	if rosctr == 2 || rosctr == 3 {
		h = append(h, 0, 0) // error class and code
	}
	return append(append(h, params...), data...)
}

func opcua(msgType string, body []byte) []byte {
	b := []byte(msgType + "F")
	b = binary.LittleEndian.AppendUint32(b, uint32(8+len(body)))
	return append(b, body...)
}

func uaString(s string) []byte {
	b := binary.LittleEndian.AppendUint32(nil, uint32(len(s)))
	return append(b, s...)
}

func ber(tag byte, content ...[]byte) []byte {
	var body []byte
	for _, c := range content {
		body = append(body, c...)
	}
	if len(body) >= 128 {
		panic("long BER lengths not needed here")
	}
	return append([]byte{tag, byte(len(body))}, body...)
}

// snmp builds a v2c message; pdu is 0xa0 for get-request, 0xa2 for response.
func snmp(community string, pdu, reqID byte) []byte {
	oid := []byte{0x2b, 6, 1, 2, 1, 1, 5, 0} // sysName.0
	varbind := ber(0x30, ber(0x06, oid), []byte{0x05, 0x00})
	body := ber(pdu, ber(0x02, []byte{reqID}), ber(0x02, []byte{0}), ber(0x02, []byte{0}), ber(0x30, varbind))
	return ber(0x30, ber(0x02, []byte{1}), ber(0x04, []byte(community)), body)
}

func main() {
	f, err := os.Create(out)
	if err != nil {
		panic(err)
	}
	w := pcapgo.NewWriterNanos(f)
	if err := w.WriteFileHeader(65535, layers.LinkTypeEthernet); err != nil {
		panic(err)
	}
	c := &capture{w: w, now: startTime, port: 49200}

	// 1. Historian (DMZ) reads the SCADA server over OPC UA with security
	// policy None: allowed by conduit dmz-control, but unprotected.
	s := c.tcp(hist01, scada01, 4840)
	hello := binary.LittleEndian.AppendUint32(nil, 0)      // protocol version
	hello = binary.LittleEndian.AppendUint32(hello, 65536) // receive buffer
	hello = binary.LittleEndian.AppendUint32(hello, 65536) // send buffer
	hello = binary.LittleEndian.AppendUint32(hello, 0)     // max message size
	hello = binary.LittleEndian.AppendUint32(hello, 0)     // max chunk count
	hello = append(hello, uaString("opc.tcp://10.30.0.10:4840")...)
	s.send(true, opcua("HEL", hello))
	s.send(false, opcua("ACK", hello[:20]))
	opn := binary.LittleEndian.AppendUint32(nil, 0) // secure channel id
	opn = append(opn, uaString("http://opcfoundation.org/UA/SecurityPolicy#None")...)
	opn = append(opn, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff) // no certificate, no thumbprint
	opn = binary.LittleEndian.AppendUint32(opn, 1)                    // sequence number
	opn = binary.LittleEndian.AppendUint32(opn, 1)                    // request id
	opn = append(opn, 0x01, 0x00, 0xbe, 0x01)                         // OpenSecureChannelRequest node id
	opn = append(opn, make([]byte, 29)...)                            // request header: null token, zero fields
	opn = binary.LittleEndian.AppendUint32(opn, 0)                    // client protocol version
	opn = binary.LittleEndian.AppendUint32(opn, 0)                    // request type: issue
	opn = binary.LittleEndian.AppendUint32(opn, 1)                    // message security mode: None
	opn = append(opn, 0xff, 0xff, 0xff, 0xff)                         // client nonce: null
	opn = binary.LittleEndian.AppendUint32(opn, 3600000)              // requested lifetime
	s.send(true, opcua("OPN", opn))
	s.close()

	// 2. Engineering workstation writes a variable in PLC-01 over S7comm:
	// a cleartext write crossing the control → cell boundary.
	s = c.tcp(engWS01, plc01, 102)
	cr := []byte{0x11, 0xe0, 0x00, 0x00, 0x00, 0x01, 0x00, 0xc0, 0x01, 0x0a, 0xc1, 0x02, 0x01, 0x00, 0xc2, 0x02, 0x01, 0x02}
	s.send(true, tpkt(cr))
	cc := append([]byte{0x11, 0xd0}, cr[2:]...)
	s.send(false, tpkt(cc))
	setup := []byte{0xf0, 0x00, 0x00, 0x01, 0x00, 0x01, 0x01, 0xe0}
	s.send(true, tpkt(cotpData, s7(1, 1, setup, nil)...))
	s.send(false, tpkt(cotpData, s7(3, 1, setup, nil)...))
	// Write Var: one item, DB1.DBW10 (word), value 0x002a.
	item := []byte{0x12, 0x0a, 0x10, 0x04, 0x00, 0x01, 0x00, 0x01, 0x84, 0x00, 0x00, 0x50}
	write := append([]byte{0x05, 0x01}, item...)
	value := []byte{0x00, 0x04, 0x00, 0x10, 0x00, 0x2a}
	s.send(true, tpkt(cotpData, s7(1, 2, write, value)...))
	s.send(false, tpkt(cotpData, s7(3, 2, []byte{0x05, 0x01}, []byte{0xff})...))
	s.close()

	// 3. An ERP server in the enterprise zone writes registers in PLC-02
	// over Modbus/TCP: no conduit allows enterprise → cell at all.
	s = c.tcp(erpApp01, plc02, 502)
	s.send(true, modbus(1, 1, 3, 0x00, 0x64, 0x00, 0x02))
	s.send(false, modbus(1, 1, 3, 0x04, 0x00, 0x07, 0x00, 0x09))
	s.send(true, modbus(2, 1, 16, 0x00, 0x64, 0x00, 0x02, 0x04, 0x00, 0x01, 0x00, 0x02))
	s.send(false, modbus(2, 1, 16, 0x00, 0x64, 0x00, 0x02))
	s.close()

	// 4. An unknown laptop in the control room polls PLC-01 over Modbus and
	// reads its device identification: PLC-01 reports firmware V2.9.4,
	// while the cell register records V2.9.7.
	s = c.tcp(rogue, plc01, 502)
	s.send(true, modbus(7, 1, 1, 0x00, 0x00, 0x00, 0x10))
	s.send(false, modbus(7, 1, 1, 0x02, 0xff, 0x00))
	s.send(true, modbus(8, 1, 0x2b, 0x0e, 0x01, 0x00)) // MEI 14, basic objects from 0
	s.send(false, modbus(8, 1, 0x2b, deviceID(
		"Siemens AG",          // 0 VendorName
		"6ES7 516-3FN02-0AB0", // 1 ProductCode
		"V2.9.4",              // 2 MajorMinorRevision
	)...))
	s.close()

	// 5. Telnet login to the control switch, password in cleartext.
	s = c.tcp(engWS01, swCtl01, 23)
	s.send(false, []byte{0xff, 0xfb, 0x01, 0xff, 0xfb, 0x03})
	s.send(true, []byte{0xff, 0xfd, 0x01, 0xff, 0xfd, 0x03})
	s.send(false, []byte("\r\nUser Access Verification\r\n\r\nUsername: "))
	for _, ch := range "admin\r\n" {
		s.send(true, []byte{byte(ch)})
	}
	s.send(false, []byte("Password: "))
	s.send(true, []byte("Plant-A-2019!\r\n"))
	s.send(false, []byte("\r\nsw-ctl-01>"))
	s.send(true, []byte("show version\r\n"))
	s.close()

	// 6. SNMP v2c with the default community from the SCADA server.
	c.vlan = swCtl01.vlan
	c.udp(scada01, swCtl01, 50161, 161, snmp("public", 0xa0, 1))
	c.udp(swCtl01, scada01, 161, 50161, snmp("public", 0xa2, 1))

	// 7. Jump host in the DMZ opens RDP to HMI-01, TLS only (no NLA).
	s = c.tcp(jump01, hmi01, 3389)
	cookie := []byte("Cookie: mstshash=opsadmin\r\n")
	negReq := []byte{0x01, 0x00, 0x08, 0x00, 0x01, 0x00, 0x00, 0x00} // request TLS
	crq := append([]byte{byte(6 + len(cookie) + len(negReq)), 0xe0, 0, 0, 0, 0, 0}, cookie...)
	s.send(true, tpkt(append(crq, negReq...)))
	negRsp := []byte{0x02, 0x00, 0x08, 0x00, 0x01, 0x00, 0x00, 0x00} // selected TLS
	s.send(false, tpkt(append([]byte{byte(6 + len(negRsp)), 0xd0, 0, 0, 0x12, 0x34, 0}, negRsp...)))
	s.close()

	// 8. A laptop in the enterprise network opens VNC to the cell's HMI
	// panel: a remote session straight from IT into OT, past the jump host
	// and the VPN's MFA, and one the firewall's enterprise rules deny.
	s = c.tcp(laptop07, panel01, 5900)
	s.send(false, []byte("RFB 003.008\n"))
	s.send(true, []byte("RFB 003.008\n"))
	s.send(false, []byte{0x01, 0x02}) // one security type: VNC authentication
	s.send(true, []byte{0x02})
	challenge := []byte("\x9c\x1f\x52\x07\xe4\x30\x8b\x6d\x11\xa2\x5e\xc3\x74\x0f\xd9\x28")
	s.send(false, challenge)
	s.send(true, []byte("\x4b\xe0\x19\x8c\x62\xf3\x07\xa5\xd1\x3e\x90\x2c\x5b\x76\xe8\x14"))
	s.send(false, []byte{0, 0, 0, 0}) // security result: OK
	s.close()

	// 9. After the maintenance window closed (10:00), the engineering
	// workstation starts PLC-01 again: S7comm PLC control with the PI
	// service P_PROGRAM (a warm start), a change of run state outside
	// any approved window.
	c.now = startTime.Add(2*time.Hour + 15*time.Minute)
	s = c.tcp(engWS01, plc01, 102)
	s.send(true, tpkt(cr))
	s.send(false, tpkt(cc))
	s.send(true, tpkt(cotpData, s7(1, 3, setup, nil)...))
	s.send(false, tpkt(cotpData, s7(3, 3, setup, nil)...))
	// PLC control: function 0x28, seven unused bytes, an empty parameter
	// block, and the PI service name.
	start := append([]byte{0x28, 0, 0, 0, 0, 0, 0, 0xfd, 0x00, 0x00, byte(len("P_PROGRAM"))}, "P_PROGRAM"...)
	s.send(true, tpkt(cotpData, s7(1, 4, start, nil)...))
	s.send(false, tpkt(cotpData, s7(3, 4, []byte{0x28}, nil)...))
	s.close()

	if err := f.Close(); err != nil {
		panic(err)
	}
	fmt.Println("wrote", out)
}
