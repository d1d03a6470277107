package assets

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/slate-ot/slate/evidence"
)

// delimiters are the CSV field separators tried, in order of preference.
var delimiters = []rune{',', ';', '\t', '|'}

// csv reads a delimited text file, streaming its rows.
func (fr *fileRun) csv(ctx context.Context, path string) error {
	delim := fr.opts.delimiter
	if delim == 0 {
		delim = fr.sniffDelimiter(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return inputError(fr.rel, 0, err)
	}
	defer f.Close()
	text, encoding := newTextReader(f)
	cr := csv.NewReader(text)
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
	if encoding == "windows-1252" {
		fr.warn(0, "not UTF-8 text: read as Windows-1252 (Latin-1); save the file as UTF-8 if names look wrong")
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
	}
}

// csvError places an error met while reading CSV text.
func (fr *fileRun) csvError(text *textReader, err error) error {
	var te *textError
	if errors.As(text.err, &te) || errors.As(err, &te) {
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

// sniffLimit is how much of a file delimiter sniffing reads.
const sniffLimit = 64 << 10

// sniffDelimiter picks the separator under which the file has a header:
// the one that finds a header row, recognising the most columns, else the
// one that splits the first row into the most fields. It reads the start of
// the file once; reading errors are left for the real pass to report.
func (fr *fileRun) sniffDelimiter(path string) rune {
	f, err := os.Open(path)
	if err != nil {
		return delimiters[0]
	}
	text, _ := newTextReader(f)
	head, _ := io.ReadAll(io.LimitReader(text, sniffLimit))
	f.Close()

	type result struct {
		found        bool
		score, width int
	}
	best, bestRes := delimiters[0], result{}
	scan := newHeaderScan(fr.opts)
	for _, d := range delimiters {
		var res result
		cr := csv.NewReader(bytes.NewReader(head))
		cr.Comma = d
		cr.FieldsPerRecord = -1
		for rows := 0; rows < maxHeaderSearch; {
			rec, err := cr.Read()
			if err != nil {
				break
			}
			if isBlank(rec) {
				continue
			}
			if rows == 0 {
				res.width = len(rec)
			}
			rows++
			if scan.isHeader(rec) {
				res.found, res.score = true, scan.score(rec)
				break
			}
		}
		better := false
		switch {
		case res.found != bestRes.found:
			better = res.found
		case res.found:
			better = res.score > bestRes.score
		default:
			better = res.width > bestRes.width
		}
		if better {
			best, bestRes = d, res
		}
	}
	return best
}

func isBlank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// noHeaderError says what a header row needs.
func noHeaderError(where string) error {
	return fmt.Errorf("no header row in the first %d non-empty %s: a header names at least two known columns, "+
		"or the columns option maps them. Recognised column names (case, spaces, '_', '-' and '.' ignored) are: %s",
		maxHeaderSearch, where, recognisedNames())
}
