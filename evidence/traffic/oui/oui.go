// Package oui maps the first three bytes of a MAC address (the IEEE MA-L
// assignment) to a short vendor name, from a table embedded at build time.
//
// The table is generated from the IEEE registry as Debian's ieee-data
// package ships it (/usr/share/ieee-data/oui.csv); to regenerate:
//
//	apt-get install -y ieee-data && go generate ./evidence/traffic/oui
package oui

//go:generate go run gen.go

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"sort"
	"sync"
)

//go:embed table.txt.gz
var tableGz []byte

var (
	once     sync.Once
	prefixes []uint32
	names    []string
)

func load() {
	zr, err := gzip.NewReader(bytes.NewReader(tableGz))
	if err != nil {
		return
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return
	}
	n := bytes.Count(raw, []byte{'\n'})
	prefixes = make([]uint32, 0, n)
	names = make([]string, 0, n)
	for len(raw) > 0 {
		line := raw
		if i := bytes.IndexByte(raw, '\n'); i >= 0 {
			line, raw = raw[:i], raw[i+1:]
		} else {
			raw = nil
		}
		if len(line) < 8 || line[6] != '\t' {
			continue
		}
		var p uint32
		ok := true
		for _, c := range line[:6] {
			v, good := hexval(c)
			ok = ok && good
			p = p<<4 | uint32(v)
		}
		if ok {
			prefixes = append(prefixes, p)
			names = append(names, string(line[7:]))
		}
	}
}

func hexval(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// Vendor returns the registrant of mac's OUI, or "" when it is unknown or
// the address is locally administered or multicast.
func Vendor(mac [6]byte) string {
	if mac[0]&0x03 != 0 || mac == [6]byte{} {
		return ""
	}
	once.Do(load)
	p := uint32(mac[0])<<16 | uint32(mac[1])<<8 | uint32(mac[2])
	i := sort.Search(len(prefixes), func(i int) bool { return prefixes[i] >= p })
	if i < len(prefixes) && prefixes[i] == p {
		return names[i]
	}
	return ""
}

// Len is the number of prefixes in the table.
func Len() int {
	once.Do(load)
	return len(prefixes)
}
