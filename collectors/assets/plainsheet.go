package assets

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A plain sheet is one whose cells hold text alone, unformatted: inline
// strings, shared strings and formula results written as text, in cells
// without a style that applies a number format. Such a sheet is read
// here, straight from its XML, rather than by excelize, whose row
// iterator decodes every cell into structures (twice: once as shown, once
// as stored); for a plain sheet both readings are the cell's text. The
// rows come out as excelize's Rows and Columns give them (a row the file
// leaves out comes back empty, a row's cells stop at its last value), and
// TestPlainSheetMatchesExcelize holds the two readings together. Any
// construct outside that subset (a number, a date, a style with a number
// format, rich text, a formula, an escaped "_xHHHH_" character, a
// comment) sends the whole sheet to excelize, as does a sheet part
// larger than maxPlainPart: the reading is decided before the first row
// is handed over. The workbook has passed workbook.Check by then, so its
// XML is well formed, its rows and cells in order and its shared string
// indexes valid.

// maxPlainPart is the largest sheet part read whole into memory.
const maxPlainPart = 64 << 20

// plainSheet is a sheet's rows, read from its XML.
type plainSheet struct {
	data []byte
	sst  []string
	// sc walks data's rows; row is the row number last handed out, next
	// the number of the row element sc stands before (0 at the end).
	sc   sheetScanner
	row  int
	next int
	// text and raw are the current row's cells as shown and as stored.
	text, raw []string
}

// openPlainSheet reads sheet of the workbook at file as a plain sheet,
// or returns false when it is not one.
func openPlainSheet(file, sheet string) (*plainSheet, bool) {
	zr, err := zip.OpenReader(file)
	if err != nil {
		return nil, false
	}
	defer zr.Close()
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[f.Name] = f
	}
	sheetPath, sstPath, ok := workbookPaths(parts, sheet)
	if !ok {
		return nil, false
	}
	// A cell with a style may be shown formatted: when the workbook
	// declares cell styles, only cells without one are plain.
	styles, ok := parts["xl/styles.xml"]
	return openPlain(parts, sheetPath, sstPath, ok && hasCellStyles(styles))
}

func openPlain(parts map[string]*zip.File, sheetPath, sstPath string, styled bool) (*plainSheet, bool) {
	data, ok := readPart(parts[sheetPath])
	if !ok {
		return nil, false
	}
	ps := &plainSheet{data: data}
	if f := parts[sstPath]; f != nil && sstPath != "" {
		b, ok := readPart(f)
		if !ok {
			return nil, false
		}
		if ps.sst, ok = plainSharedStrings(b); !ok {
			return nil, false
		}
	}
	// The whole sheet is walked once before the first row is handed out:
	// a sheet outside the subset goes to excelize whole.
	var check sheetScanner
	if !check.start(data) {
		return nil, false
	}
	for {
		n, ok := check.nextRow()
		if !ok {
			return nil, false
		}
		if n == 0 {
			break
		}
		if !check.cells(ps.sst, styled, nil) {
			return nil, false
		}
	}
	ps.sc.start(data)
	ps.next, _ = ps.sc.nextRow()
	return ps, true
}

// readPart reads a part whole, up to maxPlainPart bytes.
func readPart(f *zip.File) ([]byte, bool) {
	if f == nil || f.UncompressedSize64 > maxPlainPart {
		return nil, false
	}
	rc, err := f.Open()
	if err != nil {
		return nil, false
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxPlainPart+1))
	if err != nil || len(b) > maxPlainPart {
		return nil, false
	}
	return b, true
}

// workbookPaths finds the part of sheet and of the shared strings from
// the workbook and its relationships, as excelize does for the usual
// layout; anything else is left to excelize.
func workbookPaths(parts map[string]*zip.File, sheet string) (sheetPath, sstPath string, ok bool) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if !decodePart(parts["xl/workbook.xml"], &wb) || !decodePart(parts["xl/_rels/workbook.xml.rels"], &rels) {
		return "", "", false
	}
	rid := ""
	for _, s := range wb.Sheets {
		if s.Name == sheet {
			rid = s.RID
			break
		}
	}
	for _, r := range rels.Rels {
		target := r.Target
		if strings.HasPrefix(target, "/") {
			target = strings.TrimPrefix(target, "/")
		} else {
			target = path.Join("xl", target)
		}
		switch {
		case r.ID == rid && rid != "":
			sheetPath = target
		case strings.HasSuffix(r.Type, "/sharedStrings"):
			sstPath = target
		}
	}
	if sstPath != "" && sstPath != "xl/sharedStrings.xml" {
		// excelize reads the shared strings from their usual place.
		return "", "", false
	}
	if sstPath == "" && parts["xl/sharedStrings.xml"] != nil {
		return "", "", false
	}
	return sheetPath, sstPath, sheetPath != ""
}

// decodePart decodes a small XML part into v.
func decodePart(f *zip.File, v any) bool {
	b, ok := readPart(f)
	return ok && len(b) < 1<<20 && xml.Unmarshal(b, v) == nil
}

// hasCellStyles reports whether the styles part declares cell formats
// (cellXfs with an xf): excelize formats a cell whose style is one of them.
func hasCellStyles(f *zip.File) bool {
	var ss struct {
		Xfs []struct{} `xml:"cellXfs>xf"`
	}
	if !decodePart(f, &ss) {
		return true
	}
	return len(ss.Xfs) > 0
}

// plainSharedStrings reads the shared strings when each is a single
// plain text (<si><t>…</t></si>).
func plainSharedStrings(b []byte) ([]string, bool) {
	sc := sheetScanner{data: b}
	i := bytes.Index(b, []byte("<sst"))
	if i < 0 || bytes.Contains(b[:i], []byte("<!")) {
		return nil, false
	}
	sc.pos = i
	t, ok := sc.token()
	if !ok || t.kind != startTag || string(t.name) != "sst" || t.empty {
		return nil, false
	}
	var out []string
	for {
		t, ok := sc.skipSpace()
		switch {
		case !ok:
			return nil, false
		case t.kind == endTag && string(t.name) == "sst":
			return out, true
		case t.kind != startTag || string(t.name) != "si":
			return nil, false
		}
		s := ""
		if !t.empty {
			var ok bool
			if s, ok = sc.onlyText("si", "t"); !ok || strings.Contains(s, "_x") {
				return nil, false
			}
		}
		out = append(out, s)
	}
}

// nextRow moves to the next row, numbered as in the sheet.
func (ps *plainSheet) nextRow() bool {
	if ps.next == 0 {
		return false
	}
	ps.row++
	ps.text, ps.raw = ps.text[:0], ps.raw[:0]
	if ps.row < ps.next {
		return true
	}
	// Walked once already in openPlain: it cannot fail now.
	ps.sc.cells(ps.sst, false, &ps.raw)
	for _, v := range ps.raw {
		ps.text = append(ps.text, strings.ReplaceAll(v, "\r\n", "\n"))
	}
	ps.next, _ = ps.sc.nextRow()
	return true
}

// sheetScanner walks a sheet's XML from <sheetData> on, token by token.
type sheetScanner struct {
	data []byte
	pos  int
	done bool
	// row is the last row element's number; rowEmpty says it was <row/>.
	row      int
	rowEmpty bool
	attrs    []attr
	buf      []byte
}

type attr struct{ name, value []byte }

type tokenKind int

const (
	startTag tokenKind = iota
	endTag
	text
)

type token struct {
	kind  tokenKind
	name  []byte
	empty bool   // a start tag closed at once (<c/>)
	text  []byte // as written, entities undecoded
}

// start places the scanner at the sheet's first row, or says the sheet
// is not plain: a declared encoding other than UTF-8, anything named
// "row" before the sheet data (excelize takes a row wherever it meets
// one), no sheet data.
func (sc *sheetScanner) start(data []byte) bool {
	*sc = sheetScanner{data: data}
	i := bytes.Index(data, []byte("<sheetData"))
	if i < 0 {
		return false
	}
	head := data[:i]
	if bytes.Contains(head, []byte("row")) || bytes.Contains(head, []byte("<!")) {
		return false
	}
	if enc := bytes.Index(head, []byte("encoding=")); enc >= 0 {
		v := strings.ToLower(string(head[enc+len("encoding=") : min(len(head), enc+len("encoding=")+7)]))
		if v != `"utf-8"` && v != `'utf-8'` {
			return false
		}
	}
	sc.pos = i
	t, ok := sc.token()
	if !ok || t.kind != startTag || string(t.name) != "sheetData" {
		return false
	}
	sc.done = t.empty
	return true
}

// nextRow moves past the next <row> start tag and returns its number: 0
// past the sheet data; false when the sheet is not plain.
func (sc *sheetScanner) nextRow() (int, bool) {
	if sc.done {
		return 0, true
	}
	t, ok := sc.skipSpace()
	switch {
	case !ok:
		return 0, false
	case t.kind == endTag && string(t.name) == "sheetData":
		sc.done = true
		return 0, true
	case t.kind != startTag || string(t.name) != "row":
		return 0, false
	}
	n := sc.row + 1
	if v, ok := sc.attr("r"); ok {
		if r, err := strconv.Atoi(v); err == nil && r != 0 {
			n = r
		}
	}
	sc.row, sc.rowEmpty = n, t.empty
	return n, true
}

// cells reads the cells of the row nextRow moved into, appending its
// values as excelize's Columns gives them to *out (when out is not nil):
// a blank for each column before a value, nothing after the last. styled
// says the workbook has cell styles: a cell with one is not plain.
func (sc *sheetScanner) cells(sst []string, styled bool, out *[]string) bool {
	if sc.rowEmpty {
		return true
	}
	col, n := 0, 0 // the cell's column; the values appended
	for {
		t, ok := sc.skipSpace()
		switch {
		case !ok:
			return false
		case t.kind == endTag && string(t.name) == "row":
			return true
		case t.kind != startTag || string(t.name) != "c":
			return false
		}
		col++
		typ, hasType := "", false
		for _, a := range sc.attrs {
			switch string(a.name) {
			case "r":
				c, ok := refColumn(a.value)
				if !ok {
					return false
				}
				col = c
			case "s":
				s, ok := smallInt(a.value)
				if !ok || (s != 0 && styled) {
					return false
				}
			case "t":
				typ, hasType = string(a.value), true
			}
		}
		v, ok := sc.cellValue(t.empty, typ, hasType, sst)
		if !ok {
			return false
		}
		if v == "" {
			continue
		}
		if out != nil {
			for ; n < col-1; n++ {
				*out = append(*out, "")
			}
			*out = append(*out, v)
		}
		n = max(n+1, col)
	}
}

// cellValue reads a cell's content up to its end tag and returns its
// value: an inline string, a shared string, a formula's text result, or
// nothing; false for anything else.
func (sc *sheetScanner) cellValue(empty bool, typ string, hasType bool, sst []string) (string, bool) {
	var v, is string
	hasV, hasIS := false, false
	for !empty {
		t, ok := sc.skipSpace()
		switch {
		case !ok:
			return "", false
		case t.kind == endTag && string(t.name) == "c":
			empty = true
			continue
		case t.kind != startTag:
			return "", false
		}
		switch string(t.name) {
		case "v":
			if hasV {
				return "", false
			}
			hasV = true
			if !t.empty {
				if v, ok = sc.textOf("v"); !ok {
					return "", false
				}
			}
		case "is":
			if hasIS {
				return "", false
			}
			hasIS = true
			if !t.empty {
				if is, ok = sc.onlyText("is", "t"); !ok || strings.Contains(is, "_x") {
					return "", false
				}
			}
		default: // a formula, rich text, an extension
			return "", false
		}
	}
	switch {
	case typ == "inlineStr" && hasIS:
		return is, true
	case typ == "inlineStr" || typ == "str":
		return v, !hasIS
	case typ == "s" && !hasIS:
		if v == "" {
			return "", true
		}
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(sst) {
			return "", false
		}
		return sst[i], true
	case (!hasType || typ == "n") && !hasV && !hasIS:
		return "", true
	}
	return "", false
}

// onlyText reads the content of element outer, which must hold one
// element inner holding text alone, up to outer's end tag.
func (sc *sheetScanner) onlyText(outer, inner string) (string, bool) {
	s, seen := "", false
	for {
		t, ok := sc.skipSpace()
		switch {
		case !ok:
			return "", false
		case t.kind == endTag && string(t.name) == outer:
			return s, true
		case t.kind != startTag || string(t.name) != inner || seen:
			return "", false
		}
		seen = true
		if !t.empty {
			if s, ok = sc.textOf(inner); !ok {
				return "", false
			}
		}
	}
}

// textOf reads the text of element name, up to its end tag, decoded as
// encoding/xml decodes it.
func (sc *sheetScanner) textOf(name string) (string, bool) {
	sc.buf = sc.buf[:0]
	for {
		t, ok := sc.token()
		switch {
		case !ok:
			return "", false
		case t.kind == endTag && string(t.name) == name:
			return string(sc.buf), true
		case t.kind != text:
			return "", false
		}
		if sc.buf, ok = appendUnescaped(sc.buf, t.text); !ok {
			return "", false
		}
	}
}

// skipSpace returns the next token that is not white space between
// tags; text that is not white space is not plain.
func (sc *sheetScanner) skipSpace() (token, bool) {
	for {
		t, ok := sc.token()
		if !ok {
			return t, false
		}
		if t.kind != text {
			return t, true
		}
		if len(bytes.Trim(t.text, " \t\r\n")) > 0 {
			return t, false
		}
	}
}

// token reads the next tag or run of text. A comment, processing
// instruction or CDATA section, a prefixed element name, or an attribute
// value with a reference is not plain.
func (sc *sheetScanner) token() (token, bool) {
	d := sc.data
	if sc.pos >= len(d) {
		return token{}, false
	}
	if d[sc.pos] != '<' {
		end := bytes.IndexByte(d[sc.pos:], '<')
		if end < 0 {
			return token{}, false
		}
		t := token{kind: text, text: d[sc.pos : sc.pos+end]}
		sc.pos += end
		return t, true
	}
	p := sc.pos + 1
	if p >= len(d) {
		return token{}, false
	}
	kind := startTag
	switch d[p] {
	case '/':
		kind = endTag
		p++
	case '!', '?':
		return token{}, false
	}
	start := p
	for p < len(d) && isNameByte(d[p]) {
		p++
	}
	if p == start || p >= len(d) {
		return token{}, false
	}
	t := token{kind: kind, name: d[start:p]}
	sc.attrs = sc.attrs[:0]
	for {
		for p < len(d) && isSpace(d[p]) {
			p++
		}
		if p >= len(d) {
			return token{}, false
		}
		switch {
		case d[p] == '>':
			sc.pos = p + 1
			return t, true
		case d[p] == '/' && kind == startTag && p+1 < len(d) && d[p+1] == '>':
			t.empty = true
			sc.pos = p + 2
			return t, true
		case kind == endTag:
			return token{}, false
		}
		// An attribute: name = "value".
		a := p
		for p < len(d) && (isNameByte(d[p]) || d[p] == ':') {
			p++
		}
		name := d[a:p]
		for p < len(d) && isSpace(d[p]) {
			p++
		}
		if len(name) == 0 || p >= len(d) || d[p] != '=' {
			return token{}, false
		}
		p++
		for p < len(d) && isSpace(d[p]) {
			p++
		}
		if p >= len(d) || (d[p] != '"' && d[p] != '\'') {
			return token{}, false
		}
		q := d[p]
		end := bytes.IndexByte(d[p+1:], q)
		if end < 0 {
			return token{}, false
		}
		value := d[p+1 : p+1+end]
		p += end + 2
		if bytes.IndexByte(value, '&') >= 0 || bytes.IndexByte(value, '<') >= 0 {
			return token{}, false
		}
		if i := bytes.IndexByte(name, ':'); i >= 0 {
			// excelize reads an attribute by its local name: a prefixed
			// r, s or t would count.
			if local := string(name[i+1:]); local == "r" || local == "s" || local == "t" {
				return token{}, false
			}
			continue
		}
		sc.attrs = append(sc.attrs, attr{name, value})
	}
}

// attr returns the value of the last start tag's attribute name.
func (sc *sheetScanner) attr(name string) (string, bool) {
	for _, a := range sc.attrs {
		if string(a.name) == name {
			return string(a.value), true
		}
	}
	return "", false
}

// isNameByte reports whether c may be part of an unprefixed element or
// attribute name here (ASCII letters, digits, '_', '-', '.').
func isNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == '.'
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// smallInt reads a style index as strconv.Atoi would, within six
// digits; false for anything else.
func smallInt(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 6 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// refColumn reads the column of a cell reference ("B7" is 2).
func refColumn(ref []byte) (int, bool) {
	n, i := 0, 0
	for ; i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z'; i++ {
		n = n*26 + int(ref[i]-'A') + 1
		if n > 16384 {
			return 0, false
		}
	}
	if i == 0 || i == len(ref) {
		return 0, false
	}
	for _, c := range ref[i:] {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	return n, true
}

// appendUnescaped appends text decoded as encoding/xml decodes character
// data: the five predefined entities and character references, and a
// carriage return (alone or before a line feed) read as a line feed.
func appendUnescaped(buf, text []byte) ([]byte, bool) {
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch c {
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				continue
			}
			buf = append(buf, '\n')
			continue
		case '&':
		default:
			buf = append(buf, c)
			continue
		}
		end := bytes.IndexByte(text[i:], ';')
		if end < 0 {
			return nil, false
		}
		ent := string(text[i+1 : i+end])
		i += end
		switch ent {
		case "lt":
			buf = append(buf, '<')
		case "gt":
			buf = append(buf, '>')
		case "amp":
			buf = append(buf, '&')
		case "apos":
			buf = append(buf, '\'')
		case "quot":
			buf = append(buf, '"')
		default:
			if len(ent) < 2 || ent[0] != '#' {
				return nil, false
			}
			var v uint64
			var err error
			if ent[1] == 'x' {
				v, err = strconv.ParseUint(ent[2:], 16, 32)
			} else {
				v, err = strconv.ParseUint(ent[1:], 10, 32)
			}
			r := rune(v)
			if err != nil || !utf8.ValidRune(r) || r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
				return nil, false
			}
			buf = utf8.AppendRune(buf, r)
		}
	}
	return buf, true
}
