package assets

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/internal/workbook"
)

// xlsx reads one sheet of a workbook, streaming its rows.
func (fr *fileRun) xlsx(ctx context.Context, path string) (err error) {
	defer func() {
		// excelize is a large parser of untrusted input; a panic in it is
		// this file's problem, not the run's.
		if p := recover(); p != nil {
			err = &evidence.InputError{Path: fr.rel, Err: fmt.Errorf("unreadable XLSX workbook: %v", p)}
		}
	}()
	// Checked within the source's limits first: excelize would hold a
	// huge part in memory, read a jump in row numbers row by row, and stop
	// at malformed XML as if the sheet had ended.
	f, err := workbook.Open(path, fr.opts.limits)
	if err != nil {
		return &evidence.InputError{Path: fr.rel, Err: err}
	}
	defer f.Close()
	props, err := f.GetWorkbookProps()
	if err != nil {
		return &evidence.InputError{Path: fr.rel, Err: fmt.Errorf("corrupt XLSX workbook: %w", err)}
	}
	date1904 := props.Date1904 != nil && *props.Date1904

	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return &evidence.InputError{Path: fr.rel, Err: errors.New("workbook has no sheets")}
	}
	if fr.opts.sheet != "" {
		if !slices.Contains(sheets, fr.opts.sheet) {
			return &evidence.InputError{Path: fr.rel, Err: fmt.Errorf("no sheet %q; the sheets are %s", fr.opts.sheet, quoteList(sheets))}
		}
		sheets = []string{fr.opts.sheet}
	}
	for _, name := range sheets {
		found, err := fr.sheetRows(ctx, f, path, name, date1904)
		if err != nil || found {
			return err
		}
	}
	return &evidence.InputError{Path: fr.rel, Err: fmt.Errorf("sheet %s: %w", quoteList(sheets), noHeaderError("rows of any sheet"))}
}

// sheetRows looks for the header in sheet and, when it finds one, reads the
// rows below it.
func (fr *fileRun) sheetRows(ctx context.Context, f *excelize.File, path, sheet string, date1904 bool) (bool, error) {
	it, err := openSheet(f, path, sheet)
	if err != nil {
		return false, &evidence.InputError{Path: fr.rel, Err: fmt.Errorf("sheet %q: %w", sheet, err)}
	}
	defer it.close()
	fail := func(row int, err error) error {
		return &evidence.InputError{Path: fr.rel, Line: row, Err: fmt.Errorf("sheet %q: %w", sheet, err)}
	}

	scan := newHeaderScan(fr.opts)
	var header []string
	headerRow := 0
	for rows := 0; header == nil && rows < maxHeaderSearch; {
		ok, err := it.next()
		if err != nil {
			return false, fail(it.row, err)
		}
		if !ok {
			break
		}
		if isBlank(it.text) {
			continue
		}
		rows++
		if scan.isHeader(it.text) {
			header, headerRow = slices.Clone(it.text), it.row
		}
	}
	if header == nil {
		return false, nil
	}
	l, err := newLayout(header, headerRow, fr.opts, func(i int) string { return "column " + columnLetter(i) })
	if err != nil {
		return false, fail(headerRow, err)
	}
	fr.sheet = sheet
	fr.begin(l, InputFile{Format: "xlsx", Sheet: sheet})
	where := func(i int) string {
		return fmt.Sprintf("cell %s!%s%d", sheet, columnLetter(i), it.row)
	}
	var cells []cell
	for n := 1; ; n++ {
		if n%ctxEvery == 0 {
			if err := ctx.Err(); err != nil {
				return true, err
			}
		}
		ok, err := it.next()
		if err != nil {
			return true, fail(it.row, err)
		}
		if !ok {
			return true, nil
		}
		if len(it.text) == 0 && len(it.raw) == 0 {
			continue // no cell holds a value: like a blank line in CSV
		}
		cells = cells[:0]
		for i := range max(len(it.text), len(it.raw)) {
			var c cell
			if i < len(it.text) {
				c.text = it.text[i]
			}
			if i < len(it.raw) {
				c.raw = it.raw[i]
			}
			cells = append(cells, c)
		}
		fr.row(fmt.Sprintf("%s#%s!%d", fr.rel, sheet, it.row), it.row, cells, date1904, where)
		if err := fr.records(it.row); err != nil {
			return true, err
		}
	}
}

// columnLetter names the column with index i ("A" for 0).
func columnLetter(i int) string {
	name, err := excelize.ColumnNumberToName(i + 1)
	if err != nil {
		return fmt.Sprint(i + 1)
	}
	return name
}

// sheetIter walks a sheet twice in step: once for the values as Excel
// shows them, once for the values as stored, which is how an Excel date
// serial can be read whatever number format displays it. A plain sheet
// (text alone, see plainSheet) is read once, from its XML.
type sheetIter struct {
	shown, stored *excelize.Rows
	plain         *plainSheet
	row           int
	text, raw     []string
}

// openSheet opens sheet of f, the workbook at path.
func openSheet(f *excelize.File, path, sheet string) (*sheetIter, error) {
	if ps, ok := openPlainSheet(path, sheet); ok {
		return &sheetIter{plain: ps}, nil
	}
	return openExcelizeSheet(f, sheet)
}

// openExcelizeSheet opens sheet of f for excelize to read.
func openExcelizeSheet(f *excelize.File, sheet string) (*sheetIter, error) {
	shown, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	stored, err := f.Rows(sheet)
	if err != nil {
		_ = shown.Close()
		return nil, err
	}
	return &sheetIter{shown: shown, stored: stored}, nil
}

// next moves to the next row, numbered as in the sheet: rows the file
// leaves out come back empty.
func (it *sheetIter) next() (bool, error) {
	if ps := it.plain; ps != nil {
		ok := ps.nextRow()
		it.row, it.text, it.raw = ps.row, ps.text, ps.raw
		return ok, nil
	}
	a, b := it.shown.Next(), it.stored.Next()
	if !a || !b {
		return false, errors.Join(it.shown.Error(), it.stored.Error())
	}
	it.row++
	var err error
	if it.text, err = it.shown.Columns(); err != nil {
		return false, err
	}
	if it.raw, err = it.stored.Columns(excelize.Options{RawCellValue: true}); err != nil {
		return false, err
	}
	for i, v := range it.text {
		it.text[i] = strings.ReplaceAll(v, "\r\n", "\n")
	}
	return true, nil
}

func (it *sheetIter) close() {
	if it.plain != nil {
		return
	}
	_ = it.shown.Close()
	_ = it.stored.Close()
}
