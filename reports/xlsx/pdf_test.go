package xlsx

import (
	"bytes"
	"cmp"
	"compress/zlib"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/xuri/excelize/v2"
)

// This file reads the PDF LibreOffice prints the workbook to, to show
// that nothing in it is cut. LibreOffice draws a cell's text inside a clip
// of the cell's box when the text does not fit it (and around a cell that
// holds a link); the glyphs outside are hidden on paper but still in the
// PDF, where pdftotext finds them. So the check reads the clips and the
// lines drawn in them from the pages' content, and the words pdftotext
// places on the page.

// needPDFTools returns the paths of libreoffice and pdftotext (Debian's
// poppler-utils). Without them the test skips, except pdftotext under
// CI=true, where .ci/run installs it.
func needPDFTools(t *testing.T) (lo, pdftotext string) {
	t.Helper()
	lo, err := exec.LookPath("libreoffice")
	if err != nil {
		t.Skip("libreoffice not on PATH")
	}
	pdftotext, err = exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is not on PATH; CI=true requires it (apt-get install poppler-utils)")
		}
		t.Skip("pdftotext not on PATH")
	}
	if testing.Short() {
		t.Skip("short")
	}
	return lo, pdftotext
}

// convert has LibreOffice print the workbooks to PDF, in one run, and
// returns the PDFs' paths.
func convert(t *testing.T, lo string, books map[string][]byte) map[string]string {
	t.Helper()
	dir := t.TempDir()
	args := []string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--convert-to", "pdf", "--outdir", dir}
	out := map[string]string{}
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range books {
			if !yield(k) {
				return
			}
		}
	}) {
		in := filepath.Join(dir, name+".xlsx")
		if err := os.WriteFile(in, books[name], 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, in)
		out[name] = filepath.Join(dir, name+".pdf")
	}
	if msg, err := exec.Command(lo, args...).CombinedOutput(); err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, msg)
	}
	return out
}

// printed is a printed workbook: its sheets' cells and the PDF's pages.
type printed struct {
	sheets []string
	cells  map[string][][]string // sheet → rows → cells
	pages  []page
}

// page is one printed page: the sheet it belongs to (named in its page
// header), the words pdftotext finds in content order, and the lines of
// text drawn inside the clip of a cell's box.
type page struct {
	sheet         string
	width, height float64
	words         []word
	clipped       []clippedLine
}

// word is one word pdftotext finds, its box measured from the top left.
type word struct {
	text                   string
	xMin, yMin, xMax, yMax float64
}

// clippedLine is a line of text (its start and font size, in PDF space,
// from the bottom left) drawn inside the clip rectangle box.
type clippedLine struct {
	x, y, size float64
	box        [4]float64 // x, y, width, height
}

func readPrinted(t *testing.T, pdftotext, pdf string, book []byte) printed {
	t.Helper()
	p := printed{cells: map[string][][]string{}}
	f := open(t, book)
	p.sheets = f.GetSheetList()
	for _, s := range p.sheets {
		rows, err := f.GetRows(s)
		if err != nil {
			t.Fatal(err)
		}
		p.cells[s] = rows
	}
	out, err := exec.Command(pdftotext, "-raw", "-bbox", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	p.pages, err = pdfWords(out)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	clips, err := pdfClippedLines(raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(clips) != len(p.pages) {
		t.Fatalf("pdftotext read %d pages, the page tree has %d", len(p.pages), len(clips))
	}
	for i := range p.pages {
		p.pages[i].clipped = clips[i]
		p.pages[i].sheet = p.sheetOf(p.pages[i])
	}
	return p
}

// sheetOf names the sheet a page prints: the page header ends with it.
func (p printed) sheetOf(pg page) string {
	var top []string
	for _, w := range pg.words {
		if abs(w.yMin-pg.top()) < 0.5 {
			top = append(top, w.text)
		}
	}
	line := strings.Join(top, " ")
	best := ""
	for _, s := range p.sheets {
		if strings.HasSuffix(line, " "+s) && len(s) > len(best) {
			best = s
		}
	}
	return best
}

// top and bottom are where the page header's and footer's words start.
func (pg page) top() float64 {
	y := pg.height
	for _, w := range pg.words {
		y = min(y, w.yMin)
	}
	return y
}

func (pg page) bottom() float64 {
	y := 0.0
	for _, w := range pg.words {
		y = max(y, w.yMin)
	}
	return y
}

// body returns the words between the page header and footer.
func (pg page) body() []word {
	top, bottom := pg.top(), pg.bottom()
	var out []word
	for _, w := range pg.words {
		if w.yMin > top+0.5 && w.yMin < bottom-0.5 {
			out = append(out, w)
		}
	}
	return out
}

// pdfWords reads pdftotext's -bbox output.
func pdfWords(out []byte) ([]page, error) {
	var doc struct {
		Pages []struct {
			Width  float64 `xml:"width,attr"`
			Height float64 `xml:"height,attr"`
			Words  []struct {
				Text string  `xml:",chardata"`
				XMin float64 `xml:"xMin,attr"`
				YMin float64 `xml:"yMin,attr"`
				XMax float64 `xml:"xMax,attr"`
				YMax float64 `xml:"yMax,attr"`
			} `xml:"word"`
		} `xml:"body>doc>page"`
	}
	d := xml.NewDecoder(bytes.NewReader(out))
	d.Strict = false
	if err := d.Decode(&doc); err != nil {
		return nil, fmt.Errorf("pdftotext -bbox: %w", err)
	}
	pages := make([]page, len(doc.Pages))
	for i, pg := range doc.Pages {
		pages[i] = page{width: pg.Width, height: pg.Height}
		for _, w := range pg.Words {
			pages[i].words = append(pages[i].words, word{w.Text, w.XMin, w.YMin, w.XMax, w.YMax})
		}
	}
	return pages, nil
}

var (
	pdfObject  = regexp.MustCompile(`(?s)(\d+) 0 obj\s*(.*?)endobj`)
	pdfRef     = regexp.MustCompile(`(\d+) 0 R`)
	pdfKids    = regexp.MustCompile(`(?s)/Kids\s*\[(.*?)\]`)
	pdfContent = regexp.MustCompile(`/Contents\s*(\[[^\]]*\]|\d+ 0 R)`)
	pdfMedia   = regexp.MustCompile(`/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)`)
	pdfStream  = regexp.MustCompile(`stream\r?\n`)
)

// pdfClippedLines reads, page by page in the page tree's order, the lines
// of text drawn inside a clip narrower than the printable width: a cell's
// box. (The clips of the page, its header and footer and of the drawing
// layer span the whole width.) It understands the PDF LibreOffice writes:
// objects in the open, content streams plain or deflated.
func pdfClippedLines(pdf []byte) ([][]clippedLine, error) {
	objs := map[int][]byte{}
	for _, m := range pdfObject.FindAllSubmatch(pdf, -1) {
		n, _ := strconv.Atoi(string(m[1]))
		objs[n] = m[2]
	}
	root := -1
	for n, o := range objs {
		if regexp.MustCompile(`/Type\s*/Pages\b`).Match(o) && !bytes.Contains(o, []byte("/Parent")) {
			root = n
		}
	}
	if root < 0 {
		return nil, fmt.Errorf("no page tree")
	}
	var pages []int
	var walk func(n, depth int) error
	walk = func(n, depth int) error {
		o, ok := objs[n]
		if !ok || depth > 32 {
			return fmt.Errorf("page tree: object %d missing", n)
		}
		k := pdfKids.FindSubmatch(o)
		if k == nil {
			pages = append(pages, n)
			return nil
		}
		for _, r := range pdfRef.FindAllSubmatch(k[1], -1) {
			kid, _ := strconv.Atoi(string(r[1]))
			if err := walk(kid, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(root, 0); err != nil {
		return nil, err
	}
	out := make([][]clippedLine, len(pages))
	for i, n := range pages {
		o := objs[n]
		m := pdfMedia.FindSubmatch(o)
		c := pdfContent.FindSubmatch(o)
		if m == nil || c == nil {
			return nil, fmt.Errorf("page %d: no media box or contents", i+1)
		}
		width, _ := strconv.ParseFloat(string(m[3]), 64)
		var content []byte
		for _, r := range pdfRef.FindAllSubmatch(c[1], -1) {
			sn, _ := strconv.Atoi(string(r[1]))
			s, err := pdfStreamData(objs[sn])
			if err != nil {
				return nil, fmt.Errorf("page %d: %w", i+1, err)
			}
			content = append(append(content, s...), '\n')
		}
		out[i] = clippedText(content, width-2*printMarginSide)
	}
	return out, nil
}

func pdfStreamData(o []byte) ([]byte, error) {
	loc := pdfStream.FindIndex(o)
	end := bytes.LastIndex(o, []byte("endstream"))
	if loc == nil || end < loc[1] {
		return nil, fmt.Errorf("no stream")
	}
	data := o[loc[1]:end]
	if !bytes.Contains(o[:loc[0]], []byte("/FlateDecode")) {
		return data, nil
	}
	r, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

// matrix is a PDF transformation [a b c d e f].
type matrix [6]float64

func (m matrix) times(n matrix) matrix { // m then n
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// clippedText runs a content stream's graphics and text state far enough
// to know, for every text line shown, the clip it is drawn in and where
// it starts.
func clippedText(content []byte, printable float64) []clippedLine {
	type state struct {
		ctm  matrix
		clip *[4]float64
	}
	st := state{ctm: matrix{1, 0, 0, 1, 0, 0}}
	var stack []state
	var nums []float64
	var rect *[4]float64
	var pendingClip bool
	var tm, lm matrix
	var size float64
	var out []clippedLine
	for _, tok := range pdfTokens(content) {
		if v, err := strconv.ParseFloat(tok, 64); err == nil {
			nums = append(nums, v)
			continue
		}
		switch tok {
		case "q":
			stack = append(stack, st)
		case "Q":
			if n := len(stack); n > 0 {
				st, stack = stack[n-1], stack[:n-1]
			}
		case "cm":
			if len(nums) >= 6 {
				n := nums[len(nums)-6:]
				st.ctm = matrix{n[0], n[1], n[2], n[3], n[4], n[5]}.times(st.ctm)
			}
		case "re":
			if len(nums) >= 4 {
				n := nums[len(nums)-4:]
				x0, y0 := st.ctm.apply(n[0], n[1])
				x1, y1 := st.ctm.apply(n[0]+n[2], n[1]+n[3])
				rect = &[4]float64{min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0)}
			}
		case "W", "W*":
			pendingClip = true
		case "n", "f", "f*", "S", "B", "b":
			if pendingClip && rect != nil {
				if rect[2] < 0.95*printable {
					r := *rect
					st.clip = &r
				} else {
					st.clip = nil
				}
			}
			pendingClip, rect = false, nil
		case "BT":
			tm, lm = matrix{1, 0, 0, 1, 0, 0}, matrix{1, 0, 0, 1, 0, 0}
		case "Td", "TD":
			if len(nums) >= 2 {
				lm = matrix{1, 0, 0, 1, nums[len(nums)-2], nums[len(nums)-1]}.times(lm)
				tm = lm
			}
		case "Tm":
			if len(nums) >= 6 {
				n := nums[len(nums)-6:]
				lm = matrix{n[0], n[1], n[2], n[3], n[4], n[5]}
				tm = lm
			}
		case "Tf":
			if len(nums) >= 1 {
				size = nums[len(nums)-1]
			}
		case "Tj", "TJ", "'", `"`:
			if st.clip != nil {
				m := tm.times(st.ctm)
				x, y := m.apply(0, 0)
				out = append(out, clippedLine{x: x, y: y, size: size * abs(m[3]), box: *st.clip})
			}
		}
		nums = nums[:0]
	}
	return out
}

func abs(v float64) float64 { return max(v, -v) }

// pdfTokens splits a content stream into operands and operators; strings,
// hex strings and arrays come out as one token each, never a number.
func pdfTokens(b []byte) []string {
	var toks []string
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0:
			i++
		case c == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case c == '(':
			depth, j := 0, i
			for ; j < len(b); j++ {
				if b[j] == '\\' {
					j++
					continue
				}
				if b[j] == '(' {
					depth++
				} else if b[j] == ')' {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			toks, i = append(toks, "(string)"), j+1
		case c == '[':
			depth, j := 0, i
			for ; j < len(b); j++ {
				switch b[j] {
				case '\\':
					j++
				case '[':
					depth++
				case ']':
					depth--
				}
				if depth == 0 {
					break
				}
			}
			toks, i = append(toks, "[array]"), j+1
		case c == '<' && i+1 < len(b) && b[i+1] == '<', c == '>' && i+1 < len(b) && b[i+1] == '>':
			toks, i = append(toks, string(b[i:i+2])), i+2
		case c == '<':
			j := bytes.IndexByte(b[i:], '>')
			if j < 0 {
				return toks
			}
			toks, i = append(toks, "<hex>"), i+j+1
		case c == '/' || c == ']' || c == '>' || c == '{' || c == '}' || c == ')':
			j := i + 1
			for j < len(b) && !strings.ContainsRune(" \n\r\t\f/[]<>(){}%", rune(b[j])) {
				j++
			}
			toks, i = append(toks, string(b[i:j])), j
		default:
			j := i
			for j < len(b) && !strings.ContainsRune(" \n\r\t\f/[]<>(){}%", rune(b[j])) {
				j++
			}
			toks, i = append(toks, string(b[i:j])), j
		}
	}
	return toks
}

// printMarginSide is the left and right page margin printSetup sets, in
// points (0.4 inch).
const printMarginSide = 0.4 * 72

// cutText lists what the printed workbook cuts: a line drawn in a cell's
// clip that does not lie inside it (a wrapped line below a row too low),
// a word that starts in a cell's clip and ends outside it (text too wide
// for a cell that does not wrap), and any cell whose text is not found
// whole among the words of its sheet's pages.
func (p printed) cutText() []string {
	var cut []string
	for i, pg := range p.pages {
		where := fmt.Sprintf("page %d (%s)", i+1, pg.sheet)
		for _, l := range pg.clipped {
			b := l.box
			const tol = 0.5
			if l.y-0.2*l.size < b[1]-tol || l.y+0.7*l.size > b[1]+b[3]+tol || l.x < b[0]-tol || l.x > b[0]+b[2]+tol {
				cut = append(cut, fmt.Sprintf("%s: a line starting %q is drawn outside its cell (box %.1f,%.1f %.1f×%.1f, line at %.1f,%.1f)",
					where, pg.lineAt(l.x, pg.height-l.y), b[0], b[1], b[2], b[3], l.x, l.y))
			}
		}
		for _, w := range pg.words {
			for _, l := range pg.clipped {
				b := l.box
				top, bottom := pg.height-b[1]-b[3], pg.height-b[1]
				cy := (w.yMin + w.yMax) / 2
				if w.xMin >= b[0] && w.xMin < b[0]+b[2] && cy > top && cy < bottom && w.xMax > b[0]+b[2]+0.5 {
					cut = append(cut, fmt.Sprintf("%s: %q runs out of its cell on the right", where, w.text))
					break
				}
			}
		}
	}
	for _, s := range p.sheets {
		var text strings.Builder
		starts := map[int]bool{}
		for _, pg := range p.pages {
			if pg.sheet != s {
				continue
			}
			for _, w := range pg.body() {
				starts[text.Len()] = true
				text.WriteString(squeeze(w.text))
			}
		}
		all := text.String()
		for r, row := range p.cells[s] {
			for c, v := range row {
				want := squeeze(v)
				if want == "" || wholeIn(all, want, starts) {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				cut = append(cut, fmt.Sprintf("%s!%s: %q is not printed whole", s, ref, v))
			}
		}
	}
	return cut
}

// wholeIn says whether want occurs in text starting where a word starts.
func wholeIn(text, want string, starts map[int]bool) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], want)
		if j < 0 {
			return false
		}
		if starts[i+j] {
			return true
		}
		i += j + 1
	}
}

// squeeze drops white space: a cell's text wraps where the printer likes.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// lineAt returns the words of the line that starts at x, y (from the top).
func (pg page) lineAt(x, y float64) string {
	var line []string
	for i, w := range pg.words {
		if abs(w.xMin-x) < 1 && w.yMin < y && w.yMax > y-1 {
			line = append(line, w.text)
			for _, n := range pg.words[i+1:] {
				if abs(n.yMin-w.yMin) > 0.5 {
					break
				}
				line = append(line, n.text)
			}
			break
		}
	}
	return strings.Join(line, " ")
}

// firstColumn checks that every page of a requirement sheet starts with
// the header row and shows, at its left edge, the ids of the rows it
// prints, so that together the pages list every id in order.
func (p printed) firstColumn(sheet string) []string {
	var problems []string
	rows := p.cells[sheet]
	var want []string
	for _, r := range rows[1:] {
		if len(r) > 0 {
			want = append(want, r[0])
		}
	}
	next, n := 0, 0
	for i, pg := range p.pages {
		if pg.sheet != sheet {
			continue
		}
		n++
		body := pg.body()
		left := pg.width
		for _, w := range body {
			left = min(left, w.xMin)
		}
		var starts []word // the words at the left edge, top to bottom
		for _, w := range body {
			if abs(w.xMin-left) < 0.5 {
				starts = append(starts, w)
			}
		}
		slices.SortFunc(starts, func(a, b word) int { return cmp.Compare(a.yMin, b.yMin) })
		var ids []string
		for _, w := range starts {
			id := squeeze(w.text)
			target := rows[0][0]
			if len(ids) > 0 && next < len(want) {
				target = want[next]
			}
			var line []word // the rest of w's line, left to right
			for _, more := range body {
				if abs(more.yMin-w.yMin) < 0.5 && more.xMin > w.xMin {
					line = append(line, more)
				}
			}
			slices.SortFunc(line, func(a, b word) int { return cmp.Compare(a.xMin, b.xMin) })
			for _, more := range line {
				if !strings.HasPrefix(squeeze(target), id+squeeze(more.text)) {
					break
				}
				id += squeeze(more.text)
			}
			if len(ids) > 0 {
				next++
			}
			ids = append(ids, id)
			if id != squeeze(target) {
				problems = append(problems, fmt.Sprintf("page %d (%s): %q at the left edge, want %q", i+1, sheet, id, target))
			}
		}
		if len(ids) < 2 {
			problems = append(problems, fmt.Sprintf("page %d (%s): no ids at the left edge", i+1, sheet))
		}
	}
	if n == 0 {
		problems = append(problems, sheet+": no printed page")
	} else if next != len(want) {
		problems = append(problems, fmt.Sprintf("%s: %d of %d ids printed at the left edge", sheet, next, len(want)))
	}
	return problems
}

// TestPrintedCutDetected: the check of TestLibreOffice finds text cut by
// a row too low for it, on a short sheet and on a requirement sheet
// printed at a third of its size.
func TestPrintedCutDetected(t *testing.T) {
	lo, pdftotext := needPDFTools(t)
	tests := []struct {
		name, sheet string
		row         int
		height      float64
	}{
		{"how to verify in one line", SheetOverview, 16, lineHeight},
		{"SR 1.1 in one line", "FR1", 2, lineHeight},
	}
	books := map[string][]byte{}
	for i, tt := range tests {
		f := open(t, example(t))
		if err := f.SetRowHeight(tt.sheet, tt.row, tt.height); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			t.Fatal(err)
		}
		books[fmt.Sprint(i)] = buf.Bytes()
	}
	pdfs := convert(t, lo, books)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := fmt.Sprint(i)
			p := readPrinted(t, pdftotext, pdfs[name], books[name])
			cut := p.cutText()
			if len(cut) == 0 {
				t.Fatalf("%s row %d at %v pt: no cut text found", tt.sheet, tt.row, tt.height)
			}
			for _, c := range cut {
				if !strings.Contains(c, tt.sheet) {
					t.Errorf("cut text outside %s: %s", tt.sheet, c)
				}
			}
			t.Logf("found %d: %s", len(cut), cut[0])
		})
	}
}
