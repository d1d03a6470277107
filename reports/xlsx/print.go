package xlsx

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// lineHeight is the height in points of one line of the workbook's
// 11 pt font, with the room Excel and LibreOffice leave between lines.
const lineHeight = 15

// maxRowHeight is the tallest row a spreadsheet program accepts.
const maxRowHeight = 409

// rowHeight is the height that shows every line of the cells texts in
// columns of widths (in characters, as SetColWidth takes them) once
// wrapped at word boundaries: spreadsheet programs do not grow a row to
// its wrapped text on their own, in print least of all.
func rowHeight(texts []string, widths []float64) float64 {
	n := 1
	for i, t := range texts {
		w := 10.0
		if i < len(widths) {
			w = widths[i]
		}
		n = max(n, wrappedLines(t, w))
	}
	return min(float64(n*lineHeight), maxRowHeight)
}

// wrappedLines counts the lines text takes in a column width characters
// wide. It counts conservatively, a character a digit wide, and breaks a
// word longer than the line as the spreadsheet program does.
func wrappedLines(text string, width float64) int {
	per := max(int(width), 1)
	n := 0
	for line := range strings.SplitSeq(text, "\n") {
		n++
		used := 0
		for word := range strings.FieldsSeq(line) {
			l := utf8.RuneCountInString(word)
			switch {
			case used == 0:
			case used+1+l <= per:
				used += 1 + l
				continue
			default:
				n++
			}
			n += (l - 1) / per
			used = (l-1)%per + 1
		}
	}
	return max(n, 1)
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
