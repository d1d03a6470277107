package assets

import (
	"fmt"
	"github.com/slate-ot/slate/evidence"
	"maps"
	"slices"
	"strings"
	"unicode"
)

// field is an asset attribute a column can supply.
type field int

const (
	fName field = iota
	fIP
	fMAC
	fVendor
	fModel
	fFirmware
	fSerial
	fZone
	fCriticality
	fOwner
	fLocation
	fRole
	fLastPatched
	fEndOfSupport
	fAssetTag
	numFields
)

// fieldNames are the JSON names of the fields, and the keys of the
// `columns` option.
var fieldNames = [numFields]string{
	fName:         "name",
	fIP:           "ip",
	fMAC:          "mac",
	fVendor:       "vendor",
	fModel:        "model",
	fFirmware:     "firmware",
	fSerial:       "serial",
	fZone:         "zone",
	fCriticality:  "criticality",
	fOwner:        "owner",
	fLocation:     "location",
	fRole:         "role",
	fLastPatched:  "last_patched",
	fEndOfSupport: "end_of_support",
	fAssetTag:     "asset_tag",
}

// synonyms are the header texts recognised for each field, most specific
// first: when a file has several columns for one field (NetBox has Site,
// Location and Rack) the earliest synonym wins and the rest go to extra.
//
// Some names are left out on purpose. "Platform" (NetBox: "Cisco IOS") names
// an operating system, not a firmware version, and would make "firmware is
// known" look true when it is not. A bare "Date" or "ID" says too little.
//
// Django-based CMDBs (Ralph) export a related object twice: "model" holds
// its numeric id and "model_str" the name a person reads, so "model str"
// ranks first.
var synonyms = [numFields][]string{
	fName:         {"hostname", "device name", "asset name", "name", "host", "device", "asset"},
	fIP:           {"primary ip", "primary ipv4", "ip address", "ip addresses", "ip", "ipv4", "ipv4 address", "ip addr", "mgmt ip", "management ip", "address"},
	fMAC:          {"mac address", "mac", "mac addr", "hw address", "hardware address"},
	fVendor:       {"vendor", "manufacturer", "make", "brand"},
	fModel:        {"model str", "model", "model name", "device type", "product", "type"},
	fFirmware:     {"firmware version", "firmware", "fw version", "fw", "software version", "os version", "version"},
	fSerial:       {"serial number", "serial", "serial no", "sn", "s/n"},
	fZone:         {"zone", "security zone", "network zone"},
	fCriticality:  {"criticality", "critical", "importance"},
	fOwner:        {"owner", "responsible", "department"},
	fLocation:     {"location", "site", "area", "rack"},
	fRole:         {"device role", "role", "function", "category"},
	fLastPatched:  {"last patched", "patch date", "last patch date", "last update"},
	fEndOfSupport: {"end of support", "end of life", "eos", "eol", "eos date", "eol date"},
	fAssetTag:     {"asset tag", "tag"},
}

// synonymIndex maps a normalised header to its field and rank.
var synonymIndex = func() map[string]synonym {
	m := map[string]synonym{}
	for f, names := range synonyms {
		for rank, n := range names {
			k := normHeader(n)
			if _, dup := m[k]; dup {
				panic("assets: synonym " + n + " listed twice")
			}
			m[k] = synonym{field: field(f), rank: rank}
		}
	}
	return m
}()

type synonym struct {
	field field
	rank  int
}

// parseField returns the field called name in the `columns` option.
func parseField(name string) (field, bool) {
	i := slices.Index(fieldNames[:], name)
	return field(i), i >= 0
}

// normHeader is the form in which header texts are compared: lower case,
// without white space, '_', '-' and '.'.
func normHeader(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), r == '_', r == '-', r == '.':
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// cleanHeader is how a header is shown and used as a key of extra: trimmed,
// with inner runs of white space (line breaks in spreadsheet headers) made
// one space.
func cleanHeader(s string) string { return strings.Join(strings.Fields(s), " ") }

// secretSubstrings and secretWords mark columns whose values must never be
// copied: inventories of network gear often carry credentials.
var (
	secretSubstrings = []string{"password", "passwd", "passphrase", "secret", "community", "psk", "credential", "privatekey", "apikey"}
	secretWords      = []string{"key", "pwd", "pw", "pass", "token"}
)

// isSecretHeader reports whether a column's header says it holds secrets.
func isSecretHeader(h string) bool {
	lower := strings.ToLower(h)
	for _, s := range secretSubstrings {
		if strings.Contains(lower, s) {
			return true
		}
	}
	for _, w := range headerWords(h) {
		if slices.Contains(secretWords, w) {
			return true
		}
	}
	return false
}

// headerWords splits a header into lower-case words at anything that is
// not a letter or digit and at camelCase boundaries ("snmpV3Key").
func headerWords(h string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	var prev rune
	for _, r := range h {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
		case unicode.IsUpper(r) && prev != 0 && (unicode.IsLower(prev) || unicode.IsDigit(prev)):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
		prev = r
	}
	flush()
	return words
}

// headerScan decides whether a row is the header row.
type headerScan struct {
	mapped map[string]bool // normalised headers named in the columns option
}

func newHeaderScan(o *options) headerScan {
	s := headerScan{mapped: map[string]bool{}}
	for _, h := range o.columns {
		s.mapped[normHeader(h)] = true
	}
	return s
}

// score counts the cells of row that name a known column.
func (s headerScan) score(row []string) int {
	n := 0
	for _, c := range row {
		if isSecretHeader(c) {
			continue
		}
		k := normHeader(c)
		if _, ok := synonymIndex[k]; ok || s.mapped[k] {
			n++
		}
	}
	return n
}

// isHeader reports whether row is the header: it names two known columns,
// or one the columns option names (a missing mapped column is then
// reported as such rather than as a missing header).
func (s headerScan) isHeader(row []string) bool {
	if s.score(row) >= 2 {
		return true
	}
	for _, c := range row {
		if s.mapped[normHeader(c)] {
			return true
		}
	}
	return false
}

// maxHeaderSearch is how many non-empty rows may come before the header:
// spreadsheets often start with a title and a date.
const maxHeaderSearch = 10

// layout is what the header row says about the columns of a table.
type layout struct {
	line    int            // header line (CSV) or row (XLSX)
	col     [numFields]int // column of each field, -1 when absent
	keys    []string       // key in extra for each column, "" for fields and secrets
	labels  []string       // column header as written, for messages
	secrets []string       // headers of secret columns
	colName func(int) string
	notes   []string // what the header row needed fixing, for warnings
}

// newLayout maps the header row to fields. colName names a column without
// a header text ("column 5", "column E").
func newLayout(header []string, line int, o *options, colName func(int) string) (*layout, error) {
	l := &layout{line: line, keys: make([]string, len(header)), labels: make([]string, len(header)), colName: colName}
	for f := range l.col {
		l.col[f] = -1
	}
	secret := make([]bool, len(header))
	norm := make([]string, len(header))
	for i, h := range header {
		l.labels[i] = cleanHeader(h)
		norm[i] = normHeader(h)
		if isSecretHeader(h) {
			secret[i] = true
			l.secrets = append(l.secrets, l.labels[i])
		}
	}
	used := make([]bool, len(header))
	for _, f := range slices.Sorted(maps.Keys(o.columns)) {
		want := o.columns[f]
		i := slices.Index(norm, normHeader(want))
		if i < 0 {
			return nil, fmt.Errorf("column %q (mapped to %s by the columns option) is not in the header on line %d", want, fieldNames[f], line)
		}
		if secret[i] {
			return nil, fmt.Errorf("column %q looks like it holds secrets and is never read; rename it or map %s to another column", want, fieldNames[f])
		}
		l.col[f], used[i] = i, true
	}
	bestRank := [numFields]int{}
	for i := range header {
		syn, ok := synonymIndex[norm[i]]
		if !ok || used[i] || secret[i] {
			continue
		}
		if _, explicit := o.columns[syn.field]; explicit {
			continue
		}
		if cur := l.col[syn.field]; cur < 0 || syn.rank < bestRank[syn.field] {
			l.col[syn.field], bestRank[syn.field] = i, syn.rank
		}
	}
	for f := range numFields {
		if i := l.col[f]; i >= 0 {
			used[i] = true
		}
	}
	if l.col[fName] < 0 && l.col[fIP] < 0 && l.col[fMAC] < 0 {
		return nil, fmt.Errorf("the header on line %d has no name, IP or MAC column (found %s); "+
			"name one with the columns option, for example columns = { name = \"Tag Name\" }",
			line, quoteList(l.labels))
	}
	// Repeated headers: the first column of a name is read as the field
	// (or kept under the name), later ones are kept as "name (2)" and so
	// on, and a warning names both columns.
	// Headers compare as normHeader does (case, spaces and punctuation
	// ignored); keys of extra must differ exactly.
	seenKey, first := map[string]int{}, map[string]int{}
	for i := range header {
		if secret[i] {
			continue
		}
		key := l.labels[i]
		if key == "" {
			key = colName(i)
		}
		seenKey[key]++
		if c := seenKey[key]; c > 1 {
			key = fmt.Sprintf("%s (%d)", key, c)
		}
		if !used[i] {
			l.keys[i] = key
		}
		if norm[i] == "" {
			continue
		}
		j, dup := first[norm[i]]
		if !dup {
			first[norm[i]] = i
			continue
		}
		what := fmt.Sprintf("its values are kept as %q", key)
		if used[i] {
			what = "it is read as the " + l.fieldOf(i)
		} else if used[j] {
			what = fmt.Sprintf("%s is read as the %s and this column is kept as %q", colName(j), l.fieldOf(j), key)
		}
		l.notes = append(l.notes, fmt.Sprintf("%s repeats the header %q of %s: %s",
			colName(i), evidence.Excerpt(l.labels[j]), colName(j), what))
	}
	return l, nil
}

// fieldOf names the field column i supplies.
func (l *layout) fieldOf(i int) string {
	for f, c := range l.col {
		if c == i {
			return fieldNames[f]
		}
	}
	return ""
}

// columns returns the field → header map recorded for the file.
func (l *layout) columns() map[string]string {
	m := map[string]string{}
	for f, i := range l.col {
		if i >= 0 {
			m[fieldNames[f]] = l.labels[i]
		}
	}
	return m
}

// recognisedNames lists the header names detection knows, for the error
// that says none was found.
func recognisedNames() string {
	var parts []string
	for f, names := range synonyms {
		parts = append(parts, fmt.Sprintf("%s (%s)", fieldNames[f], strings.Join(names, ", ")))
	}
	return strings.Join(parts, "; ")
}

func quoteList(ss []string) string {
	q := make([]string, 0, len(ss))
	for _, s := range ss {
		if s != "" {
			q = append(q, fmt.Sprintf("%q", s))
		}
	}
	if len(q) == 0 {
		return "no column names"
	}
	return strings.Join(q, ", ")
}
