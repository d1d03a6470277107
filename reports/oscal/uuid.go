package oscal

import (
	"crypto/sha1"
	"fmt"
	"strings"
)

// namespace is the fixed UUID namespace of slate's OSCAL documents. It
// must never change: every uuid slate has published depends on it.
var namespace = [16]byte{0x6b, 0x1f, 0x3a, 0x52, 0x8c, 0x44, 0x5d, 0x0e, 0x9a, 0x21, 0x4f, 0x70, 0x1c, 0x3e, 0x88, 0xd5}

// UUID returns the version 5 UUID of the key parts joined by "\x00".
func UUID(parts ...string) string {
	h := sha1.New()
	h.Write(namespace[:])
	h.Write([]byte(strings.Join(parts, "\x00")))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}
