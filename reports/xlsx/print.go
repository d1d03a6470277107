package xlsx

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The workbook's one font, named in every style that sets a font: the
// rows are sized for it.
const (
	fontFamily = "Calibri"
	fontSize   = 11
)

// lineHeight is the height in points of one line of the workbook's
// 11 pt font, with the room Excel and LibreOffice leave between lines.
const lineHeight = 15

// chartRowPixels is the height in pixels excelize gives a row of
// lineHeight points when it anchors a chart to the cells below it
// (its conversion, 4/3.4 pixels a point, rounded up), not the 4/3 of a
// screen: a chart meant to fill n rows is n·chartRowPixels high.
var chartRowPixels = uint(math.Ceil(lineHeight * 4 / 3.4))

// maxRowHeight is the tallest row a spreadsheet program accepts.
const maxRowHeight = 409

// rowHeight is the height that shows every line of the cells texts in
// columns of widths (in characters, as SetColWidth takes them) once
// wrapped at word boundaries: spreadsheet programs do not grow a row to
// its wrapped text on their own, in print least of all.
func rowHeight(texts []string, widths []float64) float64 {
	return linesHeight(texts, widths, 1)
}

// headerHeight is rowHeight for a header row, whose bold letters are
// wider.
func headerHeight(texts []string, widths []float64) float64 {
	return linesHeight(texts, widths, boldWidth)
}

// boldWidth is how much wider a bold letter is than a regular one.
const boldWidth = 1.1

func linesHeight(texts []string, widths []float64, scale float64) float64 {
	n := 1
	for i, t := range texts {
		w := 10.0
		if i < len(widths) {
			w = widths[i]
		}
		n = max(n, wrappedLines(t, w/scale))
	}
	return min(float64(n*lineHeight), maxRowHeight)
}

// cellPadding is the room, in digit widths, a cell keeps free on its
// sides: about a point each side in LibreOffice.
const cellPadding = 0.3

// wrappedLines counts the lines text takes in a column width characters
// (digit widths) wide. It measures a letter by the fallback font it may
// be printed in when the workbook's font is missing (DejaVu Sans, wider
// than Calibri) and a space as a digit. Like the spreadsheet program it
// breaks a line at a space, after a hyphen, and inside a
// piece longer than the line. It walks the text once, without slices:
// a large Gaps sheet measures every cell (TestWrappedLinesMatch holds it
// to the plain reading in its test).
func wrappedLines(text string, width float64) int {
	per := max(width-cellPadding, 1)
	n := 1
	used := 0.0
	for i := 0; i < len(text); {
		c := text[i]
		if c == '\n' {
			n++
			used = 0
			i++
			continue
		}
		if c < utf8.RuneSelf && asciiSpace[c] {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			if r, size := utf8.DecodeRuneInString(text[i:]); unicode.IsSpace(r) {
				i += size
				continue
			}
		}
		// A word: to the next space or line end.
		end, hyphen, whole := i, false, false
		for end < len(text) {
			c := text[end]
			if c < utf8.RuneSelf {
				if asciiSpace[c] {
					break
				}
				switch c {
				case '-':
					hyphen = true
				case '/', '#', ':':
					whole = true
				}
				end++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[end:])
			if unicode.IsSpace(r) {
				break
			}
			end += size
		}
		word := text[i:end]
		i = end
		// Its pieces: a line may break after a hyphen followed by a
		// letter (Unicode's line breaking rules: not before a digit); a
		// path or reference (with a slash, # or colon) is taken whole:
		// LibreOffice does not always break it at its hyphens.
		for start := 0; start < len(word); {
			cut := len(word)
			if hyphen && !whole {
				cut = pieceEnd(word, start)
			}
			l, gap := textWidth(word[start:cut]), 1.0
			if start > 0 {
				gap = 0
			}
			start = cut
			switch {
			case used == 0:
			case used+gap+l <= per:
				used += gap + l
				continue
			default:
				n++
			}
			for l > per {
				n++
				l -= per
			}
			used = l
		}
	}
	return n
}

// pieceEnd is where the piece of word from start ends: after its first
// hyphen followed by a letter, or at the word's end.
func pieceEnd(word string, start int) int {
	for j := start; j+1 < len(word); j++ {
		if word[j] == '-' && unicode.IsLetter(rune(word[j+1])) {
			return j + 1
		}
	}
	return len(word)
}

// asciiSpace are the ASCII characters unicode.IsSpace takes for space.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// textWidth is the width of s in digit widths.
func textWidth(s string) float64 {
	w := 0.0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < utf8.RuneSelf {
			w += asciiWidths[c]
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		w += runeWidth(r)
		i += n - 1
	}
	return w
}

// asciiWidths are runeWidth's widths of the ASCII characters, made once:
// a large Gaps sheet measures every character of its cells.
var asciiWidths = func() (t [utf8.RuneSelf]float64) {
	for c := range t {
		t[c] = runeWidth(rune(c))
	}
	return t
}()

// runeWidth is the width of r in digit widths, rounded up from DejaVu
// Sans's.
func runeWidth(r rune) float64 {
	switch {
	case strings.ContainsRune("iljI.,:;|!'`", r):
		return 0.5
	case strings.ContainsRune("frt()[]{}/-\\\"", r):
		return 0.7
	case strings.ContainsRune("mwMW@%#&≤≥—…", r):
		return 1.6
	case r >= 'A' && r <= 'Z':
		return 1.25
	case r < 0x80:
		return 1
	default:
		return 1.3
	}
}

// printSetup makes a sheet print legibly: landscape A4, one page wide,
// the header row (at top) and the first column on every page, and a page
// header naming the site, the date and the scorecard's digest with a
// "page x of y" footer.
func (b *book) printSetup(sheet string, top int) error {
	f := b.f
	size, orientation, one, any := 9, "landscape", 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orientation, FitToWidth: &one, FitToHeight: &any}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: ptr(0.4), Right: ptr(0.4), Top: ptr(0.7), Bottom: ptr(0.6), Header: ptr(0.3), Footer: ptr(0.3),
	}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L&8" + hfText(b.pageHeader) + "&R&8&A",
		OddFooter: "&L&8" + hfText(b.pageFooter) + "&R&8Page &P of &N",
	}); err != nil {
		return err
	}
	q := "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
	return f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: fmt.Sprintf("%s!$A:$A,%s!$%d:$%d", q, q, top, top),
	})
}

func ptr[T any](v T) *T { return &v }

// hfText escapes text for a page header or footer, where & starts a code.
func hfText(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// pageTexts sets what every printed page says at its top and bottom: the
// site and the date, and the digest of the scorecard the workbook shows.
func (b *book) pageTexts() error {
	// Hashed as it is written: the scorecard's JSON of a large run is
	// never held.
	h := sha256.New()
	if _, err := b.sc.WriteTo(h); err != nil {
		return err
	}
	b.digest = "sha256:" + hex.EncodeToString(h.Sum(nil))
	b.pageHeader = fmt.Sprintf("%s — %s, as of %s", b.sc.Assessment.Site, b.sc.Assessment.Name, b.sc.Assessment.AsOf)
	b.pageFooter = "scorecard.json " + b.digest[:len("sha256:")+16] + "…"
	return nil
}

// protect locks a sheet's generated cells against slips; the auditor's
// cells (the auditor style) stay editable. No password: the protection
// guards against slips, not against the auditor; sorting, filtering and
// resizing still work.
func (b *book) protect(sheet string) error {
	return b.f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
		AutoFilter: true, Sort: true, FormatColumns: true, FormatRows: true,
		SelectLockedCells: true, SelectUnlockedCells: true,
	})
}
