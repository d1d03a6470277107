package assets

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/slate-ot/slate/collectors/internal/textin"
	"github.com/slate-ot/slate/evidence"
)

// csv reads a delimited text file, streaming its rows. The text, its
// encoding and line ends, and the delimiter (unless the source sets one)
// come from textin, as for the other collectors that read CSV.
func (fr *fileRun) csv(ctx context.Context, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return inputError(fr.rel, 0, err)
	}
	defer f.Close()
	text := textin.NewReader(f, textin.Options{Legacy: true, MaxLine: textin.MaxCSVLine})
	encoding := text.Encoding()
	br := bufio.NewReaderSize(text, textin.SniffWindow)
	delim := fr.opts.delimiter
	if delim == 0 {
		// Reading errors in the sniffed start are left for the real pass
		// to report, in order.
		head, _ := br.Peek(textin.SniffWindow)
		scan := newHeaderScan(fr.opts)
		delim = textin.Sniff(head, maxHeaderSearch, func(rec []string) (int, bool) {
			return scan.score(rec), scan.isHeader(rec)
		}).Comma
	}
	cr := csv.NewReader(br)
	cr.Comma = delim
	cr.FieldsPerRecord = -1

	scan := newHeaderScan(fr.opts)
	var header []string
	headerLine, rows := 0, 0
	for header == nil && rows < maxHeaderSearch {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fr.csvError(text, err)
		}
		if isBlank(rec) {
			continue
		}
		rows++
		if scan.isHeader(rec) {
			header = rec
			headerLine, _ = cr.FieldPos(0)
		}
	}
	if header == nil {
		if rows == 0 {
			return &evidence.InputError{Path: fr.rel, Err: errors.New("file has no rows")}
		}
		return &evidence.InputError{Path: fr.rel, Err: noHeaderError("rows")}
	}
	l, err := newLayout(header, headerLine, fr.opts, func(i int) string { return fmt.Sprintf("column %d", i+1) })
	if err != nil {
		return &evidence.InputError{Path: fr.rel, Line: headerLine, Err: err}
	}
	fr.begin(l, InputFile{Format: "csv", Delimiter: string(delim), Encoding: encoding})
	if encoding == textin.Windows1252 {
		fr.warn(0, textin.LegacyWarning)
	}
	where := func(i int) string {
		if i < len(l.labels) && l.labels[i] != "" {
			return fmt.Sprintf("column %q", l.labels[i])
		}
		return fmt.Sprintf("column %d", i+1)
	}

	cr.ReuseRecord = true
	var cells []cell
	for n := 1; ; n++ {
		if n%ctxEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fr.csvError(text, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && len(header) != 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a line of white space
		}
		if len(rec) != len(header) {
			return &evidence.InputError{Path: fr.rel, Line: line, Err: fmt.Errorf(
				"row has %d fields but the header on line %d has %d; quote fields that contain %q",
				len(rec), headerLine, len(header), string(delim))}
		}
		cells = cells[:0]
		for _, v := range rec {
			cells = append(cells, cell{text: v})
		}
		fr.row(fmt.Sprintf("%s:%d", fr.rel, line), line, cells, false, where)
		if err := fr.records(line); err != nil {
			return err
		}
	}
}

// csvError places an error met while reading CSV text.
func (fr *fileRun) csvError(text *textin.Reader, err error) error {
	te := text.Err()
	if te == nil {
		te, _ = errors.AsType[*textin.Error](err)
	}
	if te != nil {
		return &evidence.InputError{Path: fr.rel, Line: te.Line, Offset: te.Offset, Err: te.Err}
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := fmt.Errorf("column %d: %w", pe.Column, pe.Err)
		if pe.Line != pe.StartLine {
			msg = fmt.Errorf("line %d, column %d: %w (a quoted field starts on line %d and is not closed properly)",
				pe.Line, pe.Column, pe.Err, pe.StartLine)
		}
		return &evidence.InputError{Path: fr.rel, Line: pe.StartLine, Err: msg}
	}
	return &evidence.InputError{Path: fr.rel, Err: err}
}

func isBlank(rec []string) bool { return textin.IsBlank(rec) }

// noHeaderError says what a header row needs.
func noHeaderError(where string) error {
	return fmt.Errorf("no header row in the first %d non-empty %s: a header names at least two known columns, "+
		"or the columns option maps them. Recognised column names (case, spaces, '_', '-' and '.' ignored) are: %s",
		maxHeaderSearch, where, recognisedNames())
}
