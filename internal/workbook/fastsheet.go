package workbook

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The rows of a sheet are most of a workbook, and encoding/xml reads
// them at some 30 MB/s. A sheet's data is first walked here instead, by
// a scanner that accepts a strict subset of XML (ASCII names without a
// prefix, quoted attribute values without references, no comments,
// processing instructions or CDATA, UTF-8 text of XML characters with
// the predefined entities and character references), handing the same
// elements and text to sheetState as the decoder would; the parts of the
// sheet around its data are then read by the decoder as before, the data
// left out. Whatever the scanner does not accept, and any problem either
// finds, sends the whole part through the decoder, so that an error
// names the same place as it always did (TestFastSheetMatches and
// FuzzFastSheet hold the two to the same verdicts).

// maxFastPart is the largest sheet part read whole for the fast walk;
// maxFastDepth the deepest nesting it follows below the sheet data (a
// sheet's is four: row, c, is, t), far within maxDepth.
const (
	maxFastPart  = 64 << 20
	maxFastDepth = 32
)

// sheetDataStart and sheetDataEnd delimit a sheet's rows.
var (
	sheetDataStart = []byte("<sheetData")
	sheetDataEnd   = []byte("</sheetData>")
)

// fastSheet walks the sheet data of data (a whole sheet part) within
// c's limits. It returns the part with its sheet data left out, for the
// decoder to check the rest, and false when the walk cannot vouch for
// the data.
func (c *checker) fastSheet(name string, data []byte) ([]byte, bool) {
	start := bytes.Index(data, sheetDataStart)
	if start < 0 {
		return nil, false
	}
	head := data[:start]
	if bytes.Contains(head, []byte("row")) || bytes.Contains(head, []byte("<!")) || bytes.Contains(head, []byte("sheetData")) {
		return nil, false
	}
	if enc := bytes.Index(head, []byte("encoding=")); enc >= 0 {
		v := strings.ToLower(string(head[enc+len("encoding=") : min(len(head), enc+len("encoding=")+7)]))
		if v != `"utf-8"` && v != `'utf-8'` {
			return nil, false
		}
	}
	w := fastWalker{data: data, pos: start, lastLT: start, state: sheetState{c: c, kind: worksheet, part: name},
		maxRun: max(minRun, int64(c.lim.CellChars)*12+64<<10)}
	t, ok := w.token()
	if !ok || t.kind != startTag || string(t.name) != "sheetData" || w.repeated() {
		return nil, false
	}
	// The elements open below sheetData.
	var open [][]byte
	for done := t.empty; !done; {
		t, ok := w.token()
		if !ok {
			return nil, false
		}
		switch t.kind {
		case startTag:
			if len(open) >= maxFastDepth || !w.start(t) {
				return nil, false
			}
			if t.empty {
				if !w.end(t.name) {
					return nil, false
				}
			} else {
				open = append(open, t.name)
			}
		case endTag:
			if len(open) == 0 {
				if string(t.name) != "sheetData" {
					return nil, false
				}
				done = true
				continue
			}
			if !bytes.Equal(open[len(open)-1], t.name) || !w.end(t.name) {
				return nil, false
			}
			open = open[:len(open)-1]
		case text:
			if !w.text(t.text) {
				return nil, false
			}
		}
	}
	tail := data[w.pos:]
	if bytes.Contains(tail, []byte("row")) || bytes.Contains(tail, sheetDataStart) {
		return nil, false
	}
	rest := make([]byte, 0, len(head)+len("<sheetData/>")+len(tail))
	rest = append(append(append(rest, head...), "<sheetData/>"...), tail...)
	return rest, true
}

// fastWalker is the scanner of fastSheet.
type fastWalker struct {
	data []byte
	pos  int
	// lastLT is the offset of the last '<': the decoder's reader allows
	// at most maxRun bytes from one to the next.
	lastLT int
	state  sheetState
	maxRun int64
	attrs  []xml.Attr
	buf    []byte
}

type tokenKind int

const (
	startTag tokenKind = iota
	endTag
	text
)

type token struct {
	kind  tokenKind
	name  []byte
	empty bool   // a start tag closed at once
	text  []byte // as written
}

// repeated reports whether the last start tag has two attributes of
// the same local name: the decoder compares names with their namespaces
// resolved, which are left to it.
func (w *fastWalker) repeated() bool {
	for i, a := range w.attrs {
		for _, b := range w.attrs[:i] {
			if a.Name.Local == b.Name.Local {
				return true
			}
		}
	}
	return false
}

// start hands a start tag to the sheet's state.
func (w *fastWalker) start(t token) bool {
	if w.repeated() {
		return false
	}
	return w.state.start(xml.StartElement{Name: xml.Name{Local: string(t.name)}, Attr: w.attrs}) == nil
}

// end hands an end tag to the sheet's state.
func (w *fastWalker) end(name []byte) bool {
	return w.state.end(xml.EndElement{Name: xml.Name{Local: string(name)}}) == nil
}

// text decodes a run of text and hands it to the sheet's state.
func (w *fastWalker) text(raw []byte) bool {
	var ok bool
	if w.buf, ok = appendText(w.buf[:0], raw); !ok {
		return false
	}
	return w.state.text(xml.CharData(w.buf)) == nil
}

// token reads the next tag or run of text; false for anything outside
// the subset, or a run of bytes without '<' longer than the decoder is
// allowed to hold.
func (w *fastWalker) token() (token, bool) {
	d := w.data
	if w.pos >= len(d) {
		return token{}, false
	}
	if d[w.pos] != '<' {
		end := bytes.IndexByte(d[w.pos:], '<')
		if end < 0 {
			return token{}, false
		}
		t := token{kind: text, text: d[w.pos : w.pos+end]}
		w.pos += end
		return t, true
	}
	if int64(w.pos-w.lastLT-1) >= w.maxRun {
		return token{}, false
	}
	w.lastLT = w.pos
	p := w.pos + 1
	kind := startTag
	if p < len(d) && d[p] == '/' {
		kind = endTag
		p++
	}
	start := p
	if p >= len(d) || !isNameStart(d[p]) {
		return token{}, false
	}
	for p < len(d) && isNameByte(d[p]) {
		p++
	}
	t := token{kind: kind, name: d[start:p]}
	w.attrs = w.attrs[:0]
	for {
		spaced := false
		for p < len(d) && isSpace(d[p]) {
			p, spaced = p+1, true
		}
		if p >= len(d) {
			return token{}, false
		}
		switch {
		case d[p] == '>':
		case d[p] == '/' && kind == startTag && p+1 < len(d) && d[p+1] == '>':
			t.empty = true
			p++
		default:
			if kind == endTag || !spaced {
				return token{}, false
			}
			var a xml.Attr
			var ok bool
			if a, p, ok = w.attr(p); !ok {
				return token{}, false
			}
			w.attrs = append(w.attrs, a)
			continue
		}
		w.pos = p + 1
		return t, true
	}
}

// attr reads an attribute at p: name="value", the name with at most one
// prefix, the value without references or '<'.
func (w *fastWalker) attr(p int) (xml.Attr, int, bool) {
	d := w.data
	start := p
	if !isNameStart(d[p]) {
		return xml.Attr{}, 0, false
	}
	colon := -1
	for p < len(d) && (isNameByte(d[p]) || d[p] == ':') {
		if d[p] == ':' {
			if colon >= 0 || p+1 >= len(d) || !isNameStart(d[p+1]) {
				return xml.Attr{}, 0, false
			}
			colon = p
		}
		p++
	}
	var name xml.Name
	if colon >= 0 {
		name = xml.Name{Space: string(d[start:colon]), Local: string(d[colon+1 : p])}
		if name.Space == "xmlns" {
			// A namespace declared inside the data would change what the
			// decoder reports of the names below.
			return xml.Attr{}, 0, false
		}
	} else {
		name.Local = string(d[start:p])
		if name.Local == "xmlns" {
			return xml.Attr{}, 0, false
		}
	}
	for p < len(d) && isSpace(d[p]) {
		p++
	}
	if p >= len(d) || d[p] != '=' {
		return xml.Attr{}, 0, false
	}
	p++
	for p < len(d) && isSpace(d[p]) {
		p++
	}
	if p >= len(d) || (d[p] != '"' && d[p] != '\'') {
		return xml.Attr{}, 0, false
	}
	end := bytes.IndexByte(d[p+1:], d[p])
	if end < 0 {
		return xml.Attr{}, 0, false
	}
	value := d[p+1 : p+1+end]
	if bytes.IndexByte(value, '&') >= 0 || bytes.IndexByte(value, '<') >= 0 {
		return xml.Attr{}, 0, false
	}
	if _, ok := appendText(nil, value); !ok || bytes.ContainsAny(value, "\t\r\n") {
		// The decoder normalises white space in a value; left to it.
		return xml.Attr{}, 0, false
	}
	return xml.Attr{Name: name, Value: string(value)}, p + 2 + end, true
}

// isNameStart and isNameByte: the ASCII letters, '_', and after the
// first, digits, '-' and '.'.
func isNameStart(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' }

func isNameByte(c byte) bool {
	return isNameStart(c) || '0' <= c && c <= '9' || c == '-' || c == '.'
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// appendText appends raw decoded as encoding/xml decodes character data
// (the predefined entities and character references; a carriage return,
// alone or before a line feed, read as a line feed), or returns false for
// what the decoder refuses or this scanner leaves to it: a byte that is
// not UTF-8, a character XML does not allow, "]]>", another reference.
func appendText(buf, raw []byte) ([]byte, bool) {
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRune(raw[i:])
			if r == utf8.RuneError && n == 1 || !(r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000) {
				return nil, false
			}
			buf = append(buf, raw[i:i+n]...)
			i += n - 1
			continue
		}
		switch {
		case c == '\r':
			if i+1 < len(raw) && raw[i+1] == '\n' {
				continue
			}
			buf = append(buf, '\n')
		case c < 0x20 && c != '\t' && c != '\n':
			return nil, false
		case c == ']' && bytes.HasPrefix(raw[i:], []byte("]]>")):
			return nil, false
		case c == '&':
			end := bytes.IndexByte(raw[i:], ';')
			if end < 0 {
				return nil, false
			}
			var ok bool
			if buf, ok = appendEntity(buf, string(raw[i+1:i+end])); !ok {
				return nil, false
			}
			i += end
		default:
			buf = append(buf, c)
		}
	}
	return buf, true
}

// appendEntity appends the character an entity or character reference
// names: the five XML predefines, or a character XML allows.
func appendEntity(buf []byte, ent string) ([]byte, bool) {
	switch ent {
	case "lt":
		return append(buf, '<'), true
	case "gt":
		return append(buf, '>'), true
	case "amp":
		return append(buf, '&'), true
	case "apos":
		return append(buf, '\''), true
	case "quot":
		return append(buf, '"'), true
	}
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
	if err != nil || v > utf8.MaxRune || r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0xD800 && r <= 0xDFFF || r == 0xFFFE || r == 0xFFFF {
		return nil, false
	}
	return utf8.AppendRune(buf, r), true
}
