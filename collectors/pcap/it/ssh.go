package it

import (
	"bytes"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// SSH dissects the SSH identification string (RFC 4253 §4.2):
// "SSH-protoversion-softwareversion comments". Nothing after it is looked
// at: the rest of the stream is key exchange and encrypted packets.
type SSH struct{}

func (SSH) Name() string { return "ssh" }

func (SSH) Ports() []dissect.Port { return []dissect.Port{{Transport: dissect.TCP, Number: 22}} }

const sshMaxBanner = 255

// sshBanner parses an identification line (without CR LF).
func sshBanner(line []byte) (proto, software []byte, ok bool) {
	if !bytes.HasPrefix(line, []byte("SSH-")) || !isText(line) {
		return nil, nil, false
	}
	rest := line[4:]
	dash := bytes.IndexByte(rest, '-')
	if dash <= 0 {
		return nil, nil, false
	}
	proto = rest[:dash]
	switch string(proto) {
	case "2.0", "1.99", "1.5", "1.3":
	default:
		return nil, nil, false
	}
	sw := rest[dash+1:]
	if sp := bytes.IndexByte(sw, ' '); sp >= 0 {
		sw = sw[:sp]
	}
	if len(sw) == 0 {
		return nil, nil, false
	}
	return proto, sw, true
}

// Match: the stream starts with "SSH-x.y-" and a valid protocol version.
func (SSH) Match(t dissect.Transport, _ dissect.Direction, p []byte) bool {
	if t != dissect.TCP {
		return false
	}
	line := p
	if nl := bytes.IndexByte(p, '\n'); nl >= 0 {
		line = bytes.TrimRight(p[:nl], "\r")
	} else if len(p) > sshMaxBanner {
		return false
	}
	_, _, ok := sshBanner(line)
	return ok
}

// Dissect records the banner of each side and drops everything after.
// Servers may send other lines before the banner (RFC 4253); they are
// skipped.
func (SSH) Dissect(t dissect.Transport, dir dissect.Direction, buf []byte, rec *dissect.Recorder) int {
	if t != dissect.TCP {
		return len(buf)
	}
	off := 0
	for lines := 0; lines < 8 && off < len(buf); lines++ {
		nl := bytes.IndexByte(buf[off:], '\n')
		if nl < 0 {
			if len(buf)-off <= sshMaxBanner && bytes.HasPrefix(buf[off:], []byte("SSH-"[:min(4, len(buf)-off)])) && off == 0 {
				return 0 // banner not complete yet
			}
			return len(buf)
		}
		line := bytes.TrimRight(buf[off:off+nl], "\r")
		if proto, sw, ok := sshBanner(line); ok {
			rec.Attr("version", string(proto))
			if dir == dissect.ToClient {
				rec.Attr("server_software", printable(sw, 64))
			} else {
				rec.Attr("client_software", printable(sw, 64))
			}
			if string(proto) != "2.0" {
				rec.Attr("ssh1", "true")
			}
			rec.Op(dissect.ClassSession, "banner", -1)
			return len(buf)
		}
		if !isText(line) {
			return len(buf)
		}
		off += nl + 1
	}
	return len(buf)
}
