package main

import (
	"encoding/binary"
	"fmt"
)

// exchange is what the client and the server of flow k say: one request
// and its response in the framing of the flow's protocol (a login for
// telnet and FTP), enough for the collector's dissectors to name it.
func exchange(f flow, k int) []message {
	c := func(b []byte) message { return message{toServer: true, payload: b} }
	s := func(b []byte) message { return message{payload: b} }
	tid := uint16(k)
	switch f.svc.protocol {
	case "modbus":
		switch {
		case f.write: // write single register
			req := mbap(tid, []byte{1, 0x06, 0x00, 0x10, byte(k >> 8), byte(k)})
			return []message{c(req), s(req)}
		case f.drift: // read device identification naming an unlisted vendor
			req := mbap(tid, []byte{1, 0x2b, 0x0e, 0x01, 0x00})
			pdu := []byte{1, 0x2b, 0x0e, 0x01, 0x01, 0x00, 0x00, 3}
			for i, v := range []string{"Unlisted Controls", "UC-100", "9.9"} {
				pdu = append(pdu, byte(i), byte(len(v)))
				pdu = append(pdu, v...)
			}
			return []message{c(req), s(mbap(tid, pdu))}
		}
		resp := []byte{1, 0x03, 20}
		resp = append(resp, make([]byte, 20)...)
		return []message{c(mbap(tid, []byte{1, 0x03, 0x00, 0x00, 0x00, 10})), s(mbap(tid, resp))}
	case "s7comm":
		req := s7(1, tid, []byte{0x04, 0x01, 0x12, 0x0a, 0x10, 0x02, 0x00, 0x14, 0x00, 0x01, 0x84, 0x00, 0x00, 0x00}, nil)
		data := append([]byte{0xff, 0x04, 0x00, 20 * 8}, make([]byte, 20)...)
		return []message{c(req), s(s7(3, tid, []byte{0x04, 0x01}, data))}
	case "enip":
		req := enip([]byte{0x4c, 0x03, 0x91, 0x04, 'T', 'a', 'g', '1', 0x01, 0x00})
		return []message{c(req), s(enip([]byte{0xcc, 0x00, 0x00, 0x00, 0xc4, 0x00, 1, 2, 3, 4}))}
	case "opcua":
		url := "opc.tcp://scada:4840"
		hel := []byte("HELF\x00\x00\x00\x00")
		hel = binary.LittleEndian.AppendUint32(hel, 0)
		for range 4 {
			hel = binary.LittleEndian.AppendUint32(hel, 65536)
		}
		hel = binary.LittleEndian.AppendUint32(hel, uint32(len(url)))
		hel = append(hel, url...)
		binary.LittleEndian.PutUint32(hel[4:], uint32(len(hel)))
		ack := []byte("ACKF\x1c\x00\x00\x00")
		ack = binary.LittleEndian.AppendUint32(ack, 0)
		for range 4 {
			ack = binary.LittleEndian.AppendUint32(ack, 65536)
		}
		return []message{c(hel), s(ack)}
	case "ntp":
		req, resp := make([]byte, 48), make([]byte, 48)
		req[0], resp[0], resp[1] = 0x23, 0x24, 2
		return []message{c(req), s(resp)}
	case "tls":
		if f.oldTLS {
			return []message{c(clientHello(0x0301)), s(serverHello(0x0301, 0))}
		}
		return []message{c(clientHello(0x0303)), s(serverHello(0x0303, 0x0304))}
	case "dns":
		q := []byte{byte(k >> 8), byte(k), 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0}
		for _, l := range []string{"historian", "plant", "example"} {
			q = append(q, byte(len(l)))
			q = append(q, l...)
		}
		q = append(q, 0, 0, 1, 0, 1)
		r := append([]byte{}, q...)
		r[2], r[3] = 0x81, 0x80
		return []message{c(q), s(r)}
	case "smb", "smb1":
		magic := "\xfeSMB"
		if f.svc.protocol == "smb1" {
			magic = "\xffSMB"
		}
		hdr := append([]byte(magic), make([]byte, 60)...)
		nb := append([]byte{0, 0, 0, byte(len(hdr))}, hdr...)
		return []message{c(nb), s(nb)}
	case "rdp":
		cookie := "Cookie: mstshash=operator\r\n"
		x224 := append([]byte{byte(6 + len(cookie)), 0xe0, 0, 0, 0, 0, 0}, cookie...)
		req := append([]byte{3, 0, 0, byte(4 + len(x224))}, x224...)
		resp := []byte{3, 0, 0, 11, 6, 0xd0, 0, 0, 0x12, 0x34, 0}
		return []message{c(req), s(resp)}
	case "ssh":
		return []message{s([]byte("SSH-2.0-OpenSSH_9.6\r\n")), c([]byte("SSH-2.0-PuTTY_Release_0.81\r\n"))}
	case "ldap":
		bind := []byte{0x30, 0x0c, 0x02, 0x01, 0x01, 0x60, 0x07, 0x02, 0x01, 0x03, 0x04, 0x00, 0x80, 0x00}
		return []message{c(bind), s([]byte{0x30, 0x0c, 0x02, 0x01, 0x01, 0x61, 0x07, 0x0a, 0x01, 0x00, 0x04, 0x00, 0x04, 0x00})}
	case "telnet":
		return []message{s([]byte{0xff, 0xfd, 0x18, 0xff, 0xfd, 0x20}), c([]byte{0xff, 0xfc, 0x18, 0xff, 0xfc, 0x20}),
			s([]byte("\r\nlogin: ")), c([]byte("admin\r\n")), s([]byte("Password: ")), c([]byte("Sw1tch!\r\n")), s([]byte("\r\ncell-sw>"))}
	case "ftp":
		return []message{s([]byte("220 FTP server ready\r\n")), c([]byte("USER admin\r\n")), s([]byte("331 Password required\r\n")),
			c([]byte("PASS Sw1tch!\r\n")), s([]byte("230 Logged in\r\n"))}
	case "http":
		return []message{c([]byte("GET /status HTTP/1.1\r\nHost: plc\r\nUser-Agent: hmi\r\n\r\n")),
			s([]byte("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok"))}
	case "snmp":
		get := ber(0x30, ber(0x02, []byte{1}), ber(0x04, []byte("public")),
			ber(0xa0, ber(0x02, []byte{byte(k >> 8 & 0x7f), byte(k)}), ber(0x02, []byte{0}), ber(0x02, []byte{0}),
				ber(0x30, ber(0x30, ber(0x06, []byte{0x2b, 6, 1, 2, 1, 1, 5, 0}), []byte{0x05, 0x00}))))
		resp := append([]byte{}, get...)
		return []message{c(get), s(resp)}
	}
	panic(fmt.Sprintf("gensite: no exchange for %q", f.svc.protocol))
}

func mbap(tid uint16, pdu []byte) []byte {
	b := binary.BigEndian.AppendUint16(nil, tid)
	b = append(b, 0, 0)
	b = binary.BigEndian.AppendUint16(b, uint16(len(pdu)))
	return append(b, pdu...)
}

// s7 frames an S7 PDU in TPKT and COTP DT.
func s7(rosctr byte, ref uint16, param, data []byte) []byte {
	hl := 10
	if rosctr == 3 {
		hl = 12
	}
	total := 4 + 3 + hl + len(param) + len(data)
	b := []byte{0x03, 0x00, byte(total >> 8), byte(total), 0x02, 0xf0, 0x80,
		0x32, rosctr, 0, 0, byte(ref >> 8), byte(ref), byte(len(param) >> 8), byte(len(param)), byte(len(data) >> 8), byte(len(data))}
	if rosctr == 3 {
		b = append(b, 0, 0)
	}
	b = append(b, param...)
	return append(b, data...)
}

// enip frames a CIP message in EtherNet/IP SendRRData.
func enip(cip []byte) []byte {
	body := []byte{0, 0, 0, 0, 0x0a, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0xb2, 0x00, byte(len(cip)), byte(len(cip) >> 8)}
	body = append(body, cip...)
	b := []byte{0x6f, 0x00, byte(len(body)), byte(len(body) >> 8), 0x01, 0x02, 0x03, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	return append(b, body...)
}

// tlsRecord frames a handshake message of type typ in a TLS record.
func tlsRecord(typ byte, ver uint16, body []byte) []byte {
	hs := append([]byte{typ, 0, byte(len(body) >> 8), byte(len(body))}, body...)
	rec := []byte{0x16, 0x03, 0x01, byte(len(hs) >> 8), byte(len(hs))}
	return append(rec, hs...)
}

func clientHello(ver uint16) []byte {
	body := binary.BigEndian.AppendUint16(nil, ver)
	body = append(body, make([]byte, 32)...)          // random
	body = append(body, 0)                            // session id
	body = append(body, 0, 4, 0x13, 0x01, 0xc0, 0x2f) // cipher suites
	body = append(body, 1, 0)                         // compression
	body = append(body, 0, 0)                         // no extensions
	return tlsRecord(1, ver, body)
}

// serverHello says version ver, or supported (TLS 1.3's
// supported_versions) when not 0.
func serverHello(ver, supported uint16) []byte {
	body := binary.BigEndian.AppendUint16(nil, ver)
	body = append(body, make([]byte, 32)...)
	body = append(body, 0, 0x13, 0x01, 0)
	if supported != 0 {
		body = append(body, 0, 6, 0, 43, 0, 2, byte(supported>>8), byte(supported))
	} else {
		body = append(body, 0, 0)
	}
	return tlsRecord(2, ver, body)
}

// ber is a BER element of a tag and its contents (short lengths only).
func ber(tag byte, parts ...[]byte) []byte {
	var body []byte
	for _, p := range parts {
		body = append(body, p...)
	}
	return append([]byte{tag, byte(len(body))}, body...)
}
