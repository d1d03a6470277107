package xlsx

import (
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/slate-ot/slate/engine/scorecard"
)

// The Gaps sheet's rows below its header are written here as the sheet's
// XML, the bytes excelize's stream writer would write for them (inline
// strings, the same style ids, escaping and row heights), without its
// work for every cell: on a large run they are most of the workbook.
// They are made on their own goroutine, a chunk at a time, while the rest
// of the workbook is built and the sheet is deflated; sortedZip puts them
// into the sheet's part before sheetDataEnd. TestStreamedMatchesWhole
// holds them to the rows excelize writes (gapRowsExcelize).

// sheetDataEnd ends the rows of a sheet's XML.
const sheetDataEnd = "</sheetData>"

// Chunks of rows handed from the goroutine that makes them to the one
// that deflates them, and how many may wait: a few MB ahead.
const (
	rowChunk       = 256 << 10
	rowChunksAhead = 16
)

// gapRows are the Gaps sheet's rows being made.
type gapRows struct {
	chunks chan []byte
	free   chan []byte
	stop   chan struct{}
	once   sync.Once
}

// startGapRows starts making the rows of sc's gaps, one a row from row 2,
// styled as b's styles say.
func (b *book) startGapRows() *gapRows {
	r := &gapRows{
		chunks: make(chan []byte, rowChunksAhead),
		free:   make(chan []byte, rowChunksAhead+1),
		stop:   make(chan struct{}),
	}
	w := newGapRowWriter(b)
	go r.make(w, b.sc.Gaps)
	return r
}

func (r *gapRows) make(w *gapRowWriter, gaps []scorecard.Gap) {
	defer close(r.chunks)
	buf := make([]byte, 0, 2*rowChunk)
	for i := range gaps {
		buf = w.appendRow(buf, i+2, &gaps[i])
		if len(buf) < rowChunk {
			continue
		}
		select {
		case r.chunks <- buf:
		case <-r.stop:
			return
		}
		select {
		case buf = <-r.free:
			buf = buf[:0]
		default:
			buf = make([]byte, 0, 2*rowChunk)
		}
	}
	if len(buf) > 0 {
		select {
		case r.chunks <- buf:
		case <-r.stop:
		}
	}
}

// WriteTo writes the rows to w as they are made; it is called once.
func (r *gapRows) WriteTo(w io.Writer) (int64, error) {
	var n int64
	for c := range r.chunks {
		m, err := w.Write(c)
		n += int64(m)
		if err != nil {
			r.close()
			return n, err
		}
		select {
		case r.free <- c:
		default:
		}
	}
	return n, nil
}

// close stops the making of rows no one will write.
func (r *gapRows) close() {
	if r != nil {
		r.once.Do(func() { close(r.stop) })
	}
}

// gapRowWriter writes one gap's row as sheet XML.
type gapRowWriter struct {
	wrap, auditor    int
	status, severity map[string]int
	// cols are the column names, A to R; texts one row's texts, reused.
	cols  []string
	texts []string
}

func newGapRowWriter(b *book) *gapRowWriter {
	w := &gapRowWriter{wrap: b.wrap, auditor: b.auditor, status: b.status, severity: b.severity,
		cols: make([]string, len(GapsHeader)), texts: make([]string, 0, len(GapsHeader))}
	for i := range w.cols {
		w.cols[i], _ = excelize.ColumnNumberToName(i + 1)
	}
	return w
}

// gapTexts are the texts of g's row on the Gaps sheet, appended to texts.
func gapTexts(texts []string, g *scorecard.Gap) []string {
	return append(texts, g.ID, g.Status, g.Owner, g.Severity, scorecard.ZoneLabel(g.Zone), g.Subject, g.Rule, strings.Join(g.Requirements, ", "),
		g.Message, g.Remediation, refs(g.Evidence), strings.Join(g.Waivers, ", "), strings.Join(g.WaivedFor, ", "),
		strings.Join(g.ExpiredWaivers, ", "), strings.Join(g.Countermeasures, ", "), strings.Join(g.CompensatedFor, ", "), "", "")
}

// gapStyles are the style ids of the cells of g's row, written to styles.
func (b *book) gapStyles(styles []int, g *scorecard.Gap) {
	for c := range styles {
		styles[c] = b.wrap
	}
	styles[1], styles[3] = b.status[g.Status], b.severity[g.Severity]
	styles[len(styles)-2], styles[len(styles)-1] = b.auditor, b.auditor
}

// appendRow appends g's row, numbered row, to buf.
func (w *gapRowWriter) appendRow(buf []byte, row int, g *scorecard.Gap) []byte {
	w.texts = gapTexts(w.texts[:0], g)
	buf = append(buf, `<row r="`...)
	buf = strconv.AppendInt(buf, int64(row), 10)
	buf = append(buf, `" ht="`...)
	buf = strconv.AppendFloat(buf, rowHeight(w.texts, gapsWidths), 'f', -1, 64)
	buf = append(buf, `" customHeight="1">`...)
	last := len(w.texts) - 2
	for c, t := range w.texts {
		style := w.wrap
		switch {
		case c == 1:
			style = w.status[g.Status]
		case c == 3:
			style = w.severity[g.Severity]
		case c >= last:
			style = w.auditor
		}
		buf = append(buf, `<c r="`...)
		buf = append(buf, w.cols[c]...)
		buf = strconv.AppendInt(buf, int64(row), 10)
		buf = append(buf, '"')
		if style != 0 {
			buf = append(buf, ` s="`...)
			buf = strconv.AppendInt(buf, int64(style), 10)
			buf = append(buf, '"')
		}
		buf = appendInlineStr(buf, t)
		buf = append(buf, `</c>`...)
	}
	return append(buf, `</row>`...)
}

// appendInlineStr appends the type and value of a cell holding the text
// s as excelize writes them: cut at excelize.TotalCellChars UTF-16 units,
// space kept when the text starts or ends with one, escaped as
// encoding/xml escapes (a line feed left as it is), and a run of
// "_xHHHH_" marked so that it is not read as an escaped character.
func appendInlineStr(buf []byte, s string) []byte {
	if len(s) > excelize.TotalCellChars && utf16Len(s) > excelize.TotalCellChars {
		s = cutUTF16(s, excelize.TotalCellChars)
	}
	buf = append(buf, ` t="inlineStr"><is><t`...)
	if s != "" && (isXMLSpace(s[0]) || isXMLSpace(s[len(s)-1])) {
		buf = append(buf, ` xml:space="preserve"`...)
	}
	buf = append(buf, '>')
	if strings.Contains(s, "_x") {
		var esc []byte
		esc = appendEscaped(esc, s)
		buf = append(buf, markEscapes(string(esc))...)
	} else {
		buf = appendEscaped(buf, s)
	}
	return append(buf, `</t></is>`...)
}

// isXMLSpace says whether c is one of the characters excelize keeps a
// cell's leading or trailing space for.
func isXMLSpace(c byte) bool { return c == '\t' || c == '\n' || c == '\r' || c == ' ' }

// cutUTF16 returns the longest prefix of s of at most n UTF-16 units.
func cutUTF16(s string, n int) string {
	units := 0
	for i, r := range s {
		units++
		if r >= 0x10000 {
			units++
		}
		if units > n {
			return s[:i]
		}
	}
	return s
}

// asciiEscapes are the escapes of the ASCII characters encoding/xml's
// EscapeText replaces; a line feed stays, as excelize puts it back.
var asciiEscapes = func() (t [utf8.RuneSelf]string) {
	for c := range t {
		switch {
		case c == '"':
			t[c] = "&#34;"
		case c == '\'':
			t[c] = "&#39;"
		case c == '&':
			t[c] = "&amp;"
		case c == '<':
			t[c] = "&lt;"
		case c == '>':
			t[c] = "&gt;"
		case c == '\t':
			t[c] = "&#x9;"
		case c == '\r':
			t[c] = "&#xD;"
		case c < 0x20 && c != '\n':
			t[c] = "\uFFFD"
		}
	}
	return t
}()

// appendEscaped appends s escaped as encoding/xml.EscapeText escapes it,
// but for line feeds.
func appendEscaped(buf []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if e := asciiEscapes[c]; e != "" {
				buf = append(buf, s[last:i-1]...)
				buf = append(buf, e...)
				last = i
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if (r == utf8.RuneError && n == 1) || !(r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF) {
			buf = append(buf, s[last:i-n]...)
			buf = append(buf, "\uFFFD"...)
			last = i
		}
	}
	return append(buf, s[last:]...)
}

// escapedChar is a character written as "_xHHHH_" in a cell; a literal
// one is marked by excelize with "_x005F" in front.
var escapedChar = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)

// markEscapes marks the runs of s that read as escaped characters as
// excelize does, including its quirks: a "_x005F_" before another such
// run doubles the mark, and a run naming no character (a surrogate) is
// left out.
func markEscapes(s string) string {
	var out strings.Builder
	cursor := 0
	for _, m := range escapedChar.FindAllStringIndex(s, -1) {
		out.WriteString(s[cursor:m[0]])
		run := s[m[0]:m[1]]
		cursor = m[1]
		if run == "_x005F_" {
			if next := s[m[1]:min(m[1]+6, len(s))]; len(next) == 6 && next[0] == 'x' && next[5] == '_' && isHex4(next[1:5]) && namesChar(next[1:5]) {
				out.WriteString(run + "x005F" + run)
				continue
			}
			out.WriteString(run + "x005F_")
			continue
		}
		if namesChar(run[2:6]) {
			out.WriteString("_x005F" + run)
		}
	}
	out.WriteString(s[cursor:])
	return out.String()
}

// isHex4 says whether s is four hexadecimal digits.
func isHex4(s string) bool {
	for i := range len(s) {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return len(s) == 4
}

// namesChar says whether the four hexadecimal digits h name a character
// (not a surrogate half).
func namesChar(h string) bool {
	v, err := strconv.ParseUint(h, 16, 32)
	return err == nil && utf8.ValidRune(rune(v))
}
