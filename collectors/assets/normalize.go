package assets

import (
	"math"
	"net/netip"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// placeholders are what inventories write for "no value". They leave an
// address or date field empty without a warning; the text stays in extra.
var placeholders = map[string]bool{
	"-": true, "--": true, "n/a": true, "na": true, "none": true, "null": true,
	"tbd": true, "unknown": true, "?": true, "dhcp": true,
}

func isPlaceholder(s string) bool { return placeholders[strings.ToLower(strings.TrimSpace(s))] }

// parseIPs reads every address in a cell. Addresses may be separated by
// commas, semicolons or white space and may carry a prefix length, as
// NetBox writes them ("10.0.0.1/24"). IPv4-mapped IPv6 addresses are
// unmapped. It returns the distinct addresses in the order written and the
// parts that are not addresses.
func parseIPs(cell string) (addrs []netip.Addr, bad []string) {
	parts := strings.FieldsFunc(cell, func(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) })
	for _, p := range parts {
		a, ok := parseIP(p)
		if !ok {
			bad = append(bad, p)
			continue
		}
		if !containsAddr(addrs, a) {
			addrs = append(addrs, a)
		}
	}
	return addrs, bad
}

func parseIP(s string) (netip.Addr, bool) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Addr{}, false
		}
		return p.Addr().Unmap(), true
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Addr{}, false
	}
	return a.Unmap(), true
}

func containsAddr(list []netip.Addr, a netip.Addr) bool {
	for _, b := range list {
		if a == b {
			return true
		}
	}
	return false
}

// parseMAC normalises a 48-bit MAC address to lower-case colon form from
// the forms inventories use: aa:bb:cc:dd:ee:ff, aa-bb-cc-dd-ee-ff,
// aabb.ccdd.eeff (Cisco), aabb-ccdd-eeff (H3C) and aabbccddeeff.
func parseMAC(s string) (string, bool) {
	s = strings.TrimSpace(s)
	var groups []string
	switch len(s) {
	case 17:
		sep := s[2]
		if sep != ':' && sep != '-' && sep != ' ' {
			return "", false
		}
		groups = strings.Split(s, string(sep))
		if len(groups) != 6 {
			return "", false
		}
	case 14:
		sep := s[4]
		if sep != '.' && sep != '-' && sep != ':' {
			return "", false
		}
		groups = strings.Split(s, string(sep))
		if len(groups) != 3 {
			return "", false
		}
	case 12:
		groups = []string{s}
	default:
		return "", false
	}
	var hex []byte
	for _, g := range groups {
		if len(g) != 12/len(groups) {
			return "", false
		}
		for i := 0; i < len(g); i++ {
			c := g[i]
			switch {
			case '0' <= c && c <= '9', 'a' <= c && c <= 'f':
			case 'A' <= c && c <= 'F':
				c += 'a' - 'A'
			default:
				return "", false
			}
			hex = append(hex, c)
		}
	}
	out := make([]byte, 0, 17)
	for i := 0; i < 12; i += 2 {
		if i > 0 {
			out = append(out, ':')
		}
		out = append(out, hex[i], hex[i+1])
	}
	return string(out), true
}

// dateLayouts are the date forms read as dates. Day-month order is only
// accepted where it is unambiguous by convention (01.03.2024 is 1 March in
// every country that writes dots); 03/01/2024 is not accepted at all.
var dateLayouts = []string{
	"2006-1-2",
	"2006/1/2",
	"2006.1.2",
	"2.1.2006",
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2 Jan 2006",
	"2 January 2006",
	"2-Jan-2006",
	"Jan 2, 2006",
	"January 2, 2006",
	"Jan 2 2006",
	"January 2 2006",
}

// parseDate returns s as YYYY-MM-DD.
func parseDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.Format(time.DateOnly), true
		}
	}
	return "", false
}

// maxExcelSerial is 9999-12-31, the last day Excel can show.
const maxExcelSerial = 2958465

// parseExcelDate reads a raw XLSX cell value that is an Excel date serial:
// days since 1899-12-30 (1904-01-01 in a 1904-date workbook), where the
// 1900 system counts a 29 February 1900 that never was (serial 60).
func parseExcelDate(raw string, date1904 bool) (string, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil || math.IsNaN(v) || v < 1 || v > maxExcelSerial {
		return "", false
	}
	days := int(math.Floor(v))
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	switch {
	case date1904:
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	case days == 60:
		return "", false
	case days < 60:
		days++
	}
	return base.AddDate(0, 0, days).Format(time.DateOnly), true
}
