package ot

import (
	"strconv"
	"sync"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// Dissectors returns the TCP/UDP dissectors of this package, sorted by name.
func Dissectors() []dissect.Dissector {
	return []dissect.Dissector{
		ADS{},
		BACnet{},
		C37118{},
		DNP3{},
		ENIP{},
		IEC104{},
		Modbus{},
		OPCUA{},
		PNIOCM{},
		S7comm{},
	}
}

// FrameDissectors returns the layer-2 dissectors, sorted by name.
func FrameDissectors() []dissect.FrameDissector {
	return []dissect.FrameDissector{
		BACnetLLC{},
		GOOSE{},
		PROFINET{},
	}
}

func be16(b []byte) int { return int(b[0])<<8 | int(b[1]) }
func le16(b []byte) int { return int(b[0]) | int(b[1])<<8 }
func le32(b []byte) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}
func be32(b []byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// name returns names[code] or fallback when code is out of the table or
// the entry is empty.
func name(names []string, code int, fallback string) string {
	if code >= 0 && code < len(names) && names[code] != "" {
		return names[code]
	}
	return fallback
}

// printable returns s with anything but printable ASCII replaced by '?',
// cut to at most n bytes, so attribute values stay short and safe.
func printable(b []byte, n int) string {
	if len(b) > n {
		b = b[:n]
	}
	out := make([]byte, len(b))
	for i, c := range b {
		if c < 0x20 || c > 0x7e {
			c = '?'
		}
		out[i] = c
	}
	return string(out)
}

// decimals caches the decimal strings of small numbers (unit ids, AMS
// ports, PMU id codes), so recording a repeated fact does not allocate.
var decimals = sync.OnceValue(func() []string {
	t := make([]string, maxDecimal+1)
	for i := range t {
		t[i] = strconv.Itoa(i)
	}
	return t
})

const maxDecimal = 10000

// decimal formats v in decimal without allocating for 0..maxDecimal.
func decimal(v int) string {
	if v >= 0 && v <= maxDecimal {
		return decimals()[v]
	}
	return strconv.Itoa(v)
}

const hexdigits = "0123456789abcdef"

// hex4 formats v as "0x" and four hex digits.
func hex4(v int) string {
	return string([]byte{'0', 'x', hexdigits[v>>12&15], hexdigits[v>>8&15], hexdigits[v>>4&15], hexdigits[v&15]})
}

// hexBytes formats b in lower-case hex, at most n bytes of it.
func hexBytes(b []byte, n int) string {
	if len(b) > n {
		b = b[:n]
	}
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = append(out, hexdigits[c>>4], hexdigits[c&15])
	}
	return string(out)
}
