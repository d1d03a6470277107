package attestation

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/slate-ot/slate/collectors/internal/textin"
	"github.com/slate-ot/slate/evidence"
)

// columns are the CSV columns, in the order the docs list them.
var columns = []string{
	"requirement", "zones", "scope", "verdict", "evidence", "evidence_type", "attested_by",
	"date", "expires", "note", "severity", "owner", "remediation",
}

// requiredColumns must be in every CSV header.
var requiredColumns = []string{"requirement", "verdict", "evidence", "attested_by", "date", "expires"}

// ctxEvery is how many rows are read between checks for cancellation.
const ctxEvery = 256

// columnName returns the column a header cell names: case, surrounding
// space, and spaces or hyphens for the underscore do not matter
// ("Attested By" is attested_by).
func columnName(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	return strings.Join(strings.FieldsFunc(h, func(r rune) bool { return r == ' ' || r == '-' || r == '_' }), "_")
}

// headerScore counts the known columns a row names: the header is the
// first non-blank row, and names at least one.
func headerScore(rec []string) (int, bool) {
	score := 0
	for _, h := range rec {
		if slices.Contains(columns, columnName(h)) {
			score++
		}
	}
	return score, score > 0
}

// readCSV reads a CSV file of attestations, one per row after the header.
// Problems are collected; the error returned is only cancellation.
func (fr *fileRun) readCSV(ctx context.Context, text string) error {
	if te := textin.CheckLines([]byte(text), textin.MaxCSVLine); te != nil {
		fr.errorf(pos{line: te.Line}, "Line too long", "%s.", sentence(te))
		return nil
	}
	dialect := textin.Sniff([]byte(text[:min(len(text), textin.SniffWindow)]), 1, headerScore)
	delim, score := dialect.Comma, dialect.Score
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = delim
	cr.FieldsPerRecord = -1

	var header []string
	headerLine := 0
	for header == nil {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil // no rows: the caller warns
		}
		if err != nil {
			fr.csvError(err)
			return nil
		}
		if !isBlank(rec) {
			header = rec
			headerLine, _ = cr.FieldPos(0)
		}
	}
	col, ok := fr.header(header, headerLine, score)
	if !ok {
		return nil
	}

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
			fr.csvError(err)
			return nil
		}
		line, _ := cr.FieldPos(0)
		if isBlank(rec) {
			if len(rec) > 1 {
				fr.prov.RecordsRead++
				fr.prov.RecordsSkipped++
			}
			continue
		}
		fr.prov.RecordsRead++
		if len(rec) != len(header) {
			fr.errorf(pos{line: line}, "Wrong number of fields",
				"The row has %d fields but the header on line %d has %d; quote fields that contain %s.",
				len(rec), headerLine, len(header), textin.DelimiterName(delim))
			continue
		}
		fr.row(rec, line, col, cr)
	}
}

// header maps each known column to its index in the header row, reporting
// unknown, repeated and missing columns.
func (fr *fileRun) header(header []string, line, score int) (map[string]int, bool) {
	at := pos{line: line}
	if score <= 0 {
		fr.errorf(at, "Missing header row",
			"The first row of an attestation CSV file names its columns, separated by commas, semicolons, tabs or pipes; the columns are %s, and %s are required.",
			strings.Join(columns, ", "), strings.Join(requiredColumns, ", "))
		return nil, false
	}
	col := map[string]int{}
	ok := true
	for i, h := range header {
		name := columnName(h)
		switch {
		case name == "":
			fr.errorf(at, "Unnamed column", "Column %d has no name; name it or delete the column.", i+1)
			ok = false
		case !slices.Contains(columns, name):
			fr.errorf(at, "Unknown column", "Column %d, %q, is not an attestation column; the columns are %s.%s",
				i+1, strings.TrimSpace(h), strings.Join(columns, ", "), evidence.Suggestion(name, columns))
			ok = false
		default:
			if prev, dup := col[name]; dup {
				fr.errorf(at, "Repeated column", "Columns %d and %d both name %s; delete one of them.", prev+1, i+1, name)
				ok = false
				continue
			}
			col[name] = i
		}
	}
	for _, name := range requiredColumns {
		if _, found := col[name]; !found {
			fr.errorf(at, "Missing column", "The header has no %s column; add it, with %s in every row.", name, hints[name].what)
			ok = false
		}
	}
	_, zones := col["zones"]
	_, scope := col["scope"]
	if !zones && !scope {
		fr.scopeErrorf(at, "Missing column",
			"The header has neither a zones nor a scope column, so no row can say where it holds; add zones, with the zones where each attestation was examined (like %q), and scope, with site for one that holds for the whole site.",
			strings.Join(fr.exampleZones(), ";"))
		ok = false
	}
	return col, ok
}

// row turns one data row into a record and checks it.
func (fr *fileRun) row(rec []string, line int, col map[string]int, cr *csv.Reader) {
	id := fmt.Sprintf("row %d", line)
	if fr.csvFiles > 1 {
		id = fr.rel + " " + id
	}
	r := &record{id: id, idAt: pos{line: line}, at: pos{line: line}}
	get := func(name string) value {
		i, ok := col[name]
		if !ok {
			return value{}
		}
		fl, _ := cr.FieldPos(i)
		return value{s: strings.TrimSpace(rec[i]), set: true, at: pos{line: fl}}
	}
	r.reqs = []value{get("requirement")}
	if z := get("zones"); z.s != "" {
		for name := range strings.FieldsFuncSeq(z.s, func(c rune) bool { return c == ';' || c == '|' || c == ',' }) {
			if name = strings.TrimSpace(name); name != "" {
				r.zones = append(r.zones, value{s: name, set: true, at: z.at})
			}
		}
	}
	r.zonesSet = len(r.zones) > 0
	if sc := get("scope"); sc.s != "" {
		r.scope = sc
	}
	r.verdict, r.evidence, r.evidenceType = get("verdict"), get("evidence"), get("evidence_type")
	r.attestedBy, r.date, r.expires = get("attested_by"), get("date"), get("expires")
	r.note, r.severity, r.owner, r.remediation = get("note"), get("severity"), get("owner"), get("remediation")
	fr.check(r)
}

// csvError reports a syntax error of the CSV text where it starts.
func (fr *fileRun) csvError(err error) {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		fr.errorf(pos{}, "Cannot read CSV", "%s.", sentence(err))
		return
	}
	detail := fmt.Sprintf("Column %d: %v.", pe.Column, pe.Err)
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		detail += " A field that contains a double quote must itself be in double quotes, with the inner quote doubled: \"Photo \"\"P-0142\"\"\"."
	case pe.Line != pe.StartLine:
		detail += fmt.Sprintf(" The quoted field that starts on line %d is not closed properly (error on line %d); close it with a double quote.", pe.StartLine, pe.Line)
	}
	fr.errorf(pos{line: pe.StartLine}, "Invalid CSV", "%s", detail)
}

func isBlank(rec []string) bool { return textin.IsBlank(rec) }
