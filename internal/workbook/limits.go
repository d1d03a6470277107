package workbook

import (
	"errors"
	"fmt"
	"strings"
)

// Excel's own bounds on a sheet. A row or column index beyond them is an
// error, whatever the limits.
const (
	MaxRows    = 1_048_576
	MaxColumns = 16_384
)

// Limits bound what reading one workbook may cost. A zero field takes
// its value from Default.
type Limits struct {
	// PartBytes bounds the decompressed size of one part (zip member):
	// a sheet, the shared strings, an image.
	PartBytes int64
	// WorkbookBytes bounds the decompressed size of all parts together,
	// and the size of the file itself.
	WorkbookBytes int64
	// CellChars bounds the characters of one cell or shared string.
	// Excel's own bound is 32,767.
	CellChars int
	// Strings bounds the number of shared strings.
	Strings int
}

// Default are limits a real workbook does not reach: a plant's largest
// inventory is a few megabytes.
var Default = Limits{
	PartBytes:     256 << 20,
	WorkbookBytes: 1 << 30,
	CellChars:     32_767,
	Strings:       4 << 20,
}

// The names of the limits, as the asset source options and the
// import-workbook flags (with dashes) spell them.
const (
	NamePartBytes     = "max_part_bytes"
	NameWorkbookBytes = "max_workbook_bytes"
	NameCellChars     = "max_cell_chars"
	NameStrings       = "max_strings"
)

// withDefaults returns l with zero fields from Default.
func (l Limits) withDefaults() Limits {
	if l.PartBytes <= 0 {
		l.PartBytes = Default.PartBytes
	}
	if l.WorkbookBytes <= 0 {
		l.WorkbookBytes = Default.WorkbookBytes
	}
	if l.CellChars <= 0 {
		l.CellChars = Default.CellChars
	}
	if l.Strings <= 0 {
		l.Strings = Default.Strings
	}
	return l
}

// Set sets the limit of the given name (NamePartBytes, …) to n, which
// must be at least 1.
func (l *Limits) Set(name string, n int64) error {
	if n < 1 {
		return fmt.Errorf("%s must be at least 1, not %d", name, n)
	}
	switch name {
	case NamePartBytes:
		l.PartBytes = n
	case NameWorkbookBytes:
		l.WorkbookBytes = n
	case NameCellChars:
		l.CellChars = int(min(n, 1<<31-1))
	case NameStrings:
		l.Strings = int(min(n, 1<<31-1))
	default:
		return fmt.Errorf("no workbook limit %s; the limits are %s", name, strings.Join(Names, ", "))
	}
	return nil
}

// Names are the names of the limits, sorted.
var Names = []string{NameCellChars, NamePartBytes, NameStrings, NameWorkbookBytes}

// Error is a workbook refused: past a limit, or corrupt. It names the
// part and, where known, the row of a sheet or the byte offset in the
// decompressed part.
type Error struct {
	// Part is the zip member, "xl/worksheets/sheet1.xml"; empty for the
	// file as a whole.
	Part string
	// Row is the sheet row, when known.
	Row int
	// Offset is the byte offset in the decompressed part, when known
	// (Row is not).
	Offset int64
	// Limit names the limit passed (NamePartBytes, …, or "rows" and
	// "columns" for Excel's own); empty when the workbook is corrupt.
	Limit string
	Err   error
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Part != "" {
		b.WriteString(e.Part + ": ")
	}
	switch {
	case e.Row > 0:
		fmt.Fprintf(&b, "row %d: ", e.Row)
	case e.Offset > 0:
		fmt.Fprintf(&b, "byte %d: ", e.Offset)
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// IsLimit reports whether err is a workbook past one of its limits.
func IsLimit(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Limit != ""
}
