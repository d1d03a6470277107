package it

import (
	"bytes"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// Dissectors returns the dissectors of this package, sorted by name.
func Dissectors() []dissect.Dissector {
	return []dissect.Dissector{
		DNS{},
		FTP{},
		HTTP{},
		NTP{},
		RDP{},
		SMB{},
		SNMP{},
		SSH{},
		Telnet{},
		TLS{},
		VNC{},
	}
}

func be16(b []byte) int { return int(b[0])<<8 | int(b[1]) }
func le16(b []byte) int { return int(b[0]) | int(b[1])<<8 }
func be32(b []byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}
func le32(b []byte) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

// printable returns b with anything but printable ASCII replaced by '?',
// cut to at most n bytes, so attribute values stay short and safe.
func printable(b []byte, n int) string {
	return string(printableTo(make([]byte, 0, n), b, n))
}

// printableTo is printable written over dst (from its start), for a value
// compared with what is recorded before it is copied.
func printableTo(dst, b []byte, n int) []byte {
	b = bytes.TrimSpace(b)
	if len(b) > n {
		b = b[:n]
	}
	out := dst[:0]
	for _, c := range b {
		if c < 0x20 || c > 0x7e || c == '|' {
			c = '?'
		}
		out = append(out, c)
	}
	return out
}

// isText reports whether b is printable ASCII (spaces and tabs allowed).
func isText(b []byte) bool {
	for _, c := range b {
		if (c < 0x20 && c != '\t') || c > 0x7e {
			return false
		}
	}
	return true
}

// lowerASCII returns b lower-cased (ASCII only) into a new slice.
func lowerASCII(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}

// defaultLogins are well-known factory credentials (user, password) of IT
// and OT devices; a login using one is flagged Default.
var defaultLogins = map[[2]string]bool{
	{"admin", "admin"}: true, {"admin", ""}: true, {"admin", "password"}: true,
	{"admin", "1234"}: true, {"admin", "12345"}: true, {"admin", "123456"}: true,
	{"admin", "admin123"}: true, {"admin", "default"}: true, {"admin", "private"}: true,
	{"administrator", "administrator"}: true, {"administrator", ""}: true, {"administrator", "password"}: true,
	{"root", "root"}: true, {"root", ""}: true, {"root", "toor"}: true, {"root", "password"}: true,
	{"root", "admin"}: true, {"root", "12345"}: true, {"root", "default"}: true,
	{"user", "user"}: true, {"user", "password"}: true, {"guest", "guest"}: true, {"guest", ""}: true,
	{"test", "test"}: true, {"operator", "operator"}: true, {"service", "service"}: true,
	{"support", "support"}: true, {"manager", "manager"}: true, {"supervisor", "supervisor"}: true,
	{"cisco", "cisco"}: true, {"ubnt", "ubnt"}: true, {"pi", "raspberry"}: true,
	{"USER", "USER"}: true, {"ADMIN", "ADMIN"}: true, {"Administrator", ""}: true,
	{"admin", "0000"}: true, {"admin", "00000000"}: true, {"engineer", "engineer"}: true,
}

// isDefaultLogin reports whether user/secret is a well-known default.
func isDefaultLogin(user string, secret []byte) bool {
	return defaultLogins[[2]string{user, string(secret)}]
}

// stateOf returns the flow's dissector state of type T, made on first use
// and kept on the flow's Recorder (dissect.Recorder.State).
func stateOf[T any](rec *dissect.Recorder) *T {
	return rec.State(func() any { return new(T) }).(*T)
}
