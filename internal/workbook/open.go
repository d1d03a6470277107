package workbook

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/xuri/excelize/v2"
)

// streamAbove is the part size above which excelize reads a sheet or the
// shared strings from a temporary file rather than from memory.
const streamAbove = 16 << 20

// Open checks the workbook file at path within lim (see Check) and opens
// it with excelize. Every error is an *Error.
func Open(path string, lim Limits) (*excelize.File, error) {
	lim = lim.withDefaults()
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{Err: err}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, &Error{Err: err}
	}
	if err := Check(f, fi.Size(), lim); err != nil {
		return nil, err
	}
	x, err := excelize.OpenFile(path, options(lim))
	if err != nil {
		return nil, &Error{Err: fmt.Errorf("unreadable XLSX workbook: %w", err)}
	}
	return x, nil
}

// OpenReader reads a workbook from r, at most lim's WorkbookBytes, checks
// it within lim (see Check) and opens it with excelize. Every error is an
// *Error.
func OpenReader(r io.Reader, lim Limits) (*excelize.File, error) {
	lim = lim.withDefaults()
	b, err := io.ReadAll(io.LimitReader(r, lim.WorkbookBytes+1))
	if err != nil {
		return nil, &Error{Err: err}
	}
	if err := Check(bytes.NewReader(b), int64(len(b)), lim); err != nil {
		return nil, err
	}
	x, err := excelize.OpenReader(bytes.NewReader(b), options(lim))
	if err != nil {
		return nil, &Error{Err: fmt.Errorf("unreadable XLSX workbook: %w", err)}
	}
	return x, nil
}

func options(lim Limits) excelize.Options {
	return excelize.Options{UnzipSizeLimit: lim.WorkbookBytes, UnzipXMLSizeLimit: min(streamAbove, lim.WorkbookBytes)}
}
