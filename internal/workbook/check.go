package workbook

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

const (
	// maxParts bounds the members of one workbook: the zip directory is
	// held in memory.
	maxParts = 65_535
	// maxDepth bounds the nesting of XML elements; a sheet nests six deep.
	maxDepth = 256
	// minRun is the least text allowed between two tags: far more than any
	// tag or attribute a spreadsheet program writes. The XML decoder holds
	// one such run in memory.
	minRun = 4 << 20
)

// Check reads the zip directory of the workbook in r (size bytes) and
// every XML part in it, within lim: each part's decompressed size (as
// declared, and as it really inflates), the workbook's, the nesting and
// well-formedness of the XML, the row and column indexes of each sheet
// (within Excel's, in ascending order), the characters of each cell and
// shared string, and the shared string indexes of string cells. It
// returns an *Error naming the part and place of the first problem.
func Check(r io.ReaderAt, size int64, lim Limits) error {
	lim = lim.withDefaults()
	if size > lim.WorkbookBytes {
		return &Error{Limit: NameWorkbookBytes, Err: fmt.Errorf("the file is %d bytes, more than the limit of %d bytes per workbook (%s)", size, lim.WorkbookBytes, NameWorkbookBytes)}
	}
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return &Error{Err: fmt.Errorf("not an XLSX workbook (a zip file): %w", err)}
	}
	if len(zr.File) > maxParts {
		return &Error{Limit: "parts", Err: fmt.Errorf("the workbook has %d parts, more than %d", len(zr.File), maxParts)}
	}
	var total int64
	for _, f := range zr.File {
		n := f.UncompressedSize64
		if n > uint64(lim.PartBytes) {
			return &Error{Part: f.Name, Limit: NamePartBytes, Err: fmt.Errorf("decompresses to %d bytes, more than the limit of %d bytes per part (%s)", n, lim.PartBytes, NamePartBytes)}
		}
		total += int64(n)
		if total > lim.WorkbookBytes {
			return &Error{Part: f.Name, Limit: NameWorkbookBytes, Err: fmt.Errorf("the parts up to this one decompress to %d bytes, more than the limit of %d bytes per workbook (%s)", total, lim.WorkbookBytes, NameWorkbookBytes)}
		}
	}
	// The shared strings first: string cells index them.
	files := slices.Clone(zr.File)
	slices.SortStableFunc(files, func(a, b *zip.File) int {
		return boolRank(isSharedStrings(b.Name)) - boolRank(isSharedStrings(a.Name))
	})
	c := checker{lim: lim, strings: 0}
	for _, f := range files {
		var err error
		if isXML(f.Name) {
			err = c.part(f)
		} else {
			err = inflate(f)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// inflate reads a part that is not XML (an image, a printer setting)
// through, so that one cut short or corrupt is named here rather than
// failing excelize's opening of the file without a name.
func inflate(f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return &Error{Part: f.Name, Err: fmt.Errorf("unreadable zip member: %w", err)}
	}
	defer rc.Close()
	n, err := io.Copy(io.Discard, rc)
	if err != nil {
		return &Error{Part: f.Name, Offset: n, Err: fmt.Errorf("corrupt zip member (it does not inflate to its declared size and checksum): %w", err)}
	}
	return nil
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// isXML reports whether a part holds XML that excelize may parse.
func isXML(name string) bool {
	n := strings.ToLower(name)
	return strings.HasSuffix(n, ".xml") || strings.HasSuffix(n, ".rels") || strings.HasSuffix(n, ".vml")
}

func isSharedStrings(name string) bool {
	return strings.EqualFold(strings.ReplaceAll(name, `\`, "/"), "xl/sharedStrings.xml")
}

func isSheet(name string) bool {
	n := strings.ToLower(strings.ReplaceAll(name, `\`, "/"))
	return strings.HasPrefix(n, "xl/worksheets/") && strings.HasSuffix(n, ".xml") && !strings.Contains(n, "/_rels/")
}

// checker holds what one part's check needs of the others.
type checker struct {
	lim Limits
	// strings counts the shared strings.
	strings int
}

// part checks one XML part: a sheet's data first by fastSheet, and
// through the decoder when that walk cannot vouch for it.
func (c *checker) part(f *zip.File) error {
	if isSheet(f.Name) && f.UncompressedSize64 <= maxFastPart && fastSheets {
		if data, ok := readWhole(f); ok {
			if rest, ok := c.fastSheet(f.Name, data); ok && c.scan(f.Name, bytes.NewReader(rest), worksheet) == nil {
				return nil
			}
		}
	}
	rc, err := f.Open()
	if err != nil {
		return &Error{Part: f.Name, Err: fmt.Errorf("unreadable zip member: %w", err)}
	}
	defer rc.Close()
	var kind partKind
	switch {
	case isSharedStrings(f.Name):
		kind = sharedStrings
	case isSheet(f.Name):
		kind = worksheet
	}
	return c.scan(f.Name, rc, kind)
}

// fastSheets says whether sheets are walked by fastSheet first; the
// tests turn it off to compare.
var fastSheets = true

// readWhole reads a part whole; false when it does not inflate to its
// declared size and checksum (the decoder's reading names the place).
func readWhole(f *zip.File) ([]byte, bool) {
	rc, err := f.Open()
	if err != nil {
		return nil, false
	}
	defer rc.Close()
	b := make([]byte, 0, f.UncompressedSize64+1)
	b, err = readAllInto(b, rc)
	return b, err == nil && uint64(len(b)) == f.UncompressedSize64
}

// readAllInto reads r to its end into b's free capacity, growing it
// only when r holds more than declared.
func readAllInto(b []byte, r io.Reader) ([]byte, error) {
	for {
		if len(b) == cap(b) {
			if len(b) > maxFastPart {
				return b, errors.New("part larger than declared")
			}
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
}

type partKind int

const (
	other partKind = iota
	worksheet
	sharedStrings
)

// errRun is text between two tags longer than the decoder should hold.
var errRun = errors.New("text run too long")

// runGuard counts the bytes read and fails on a run of bytes without a
// '<' longer than max, so that the XML decoder never holds more.
type runGuard struct {
	r   io.Reader
	off int64
	run int64
	max int64
	// at is the offset where the run passed max.
	at int64
}

func (g *runGuard) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	for i, b := range p[:n] {
		if b == '<' {
			g.run = 0
			continue
		}
		g.run++
		if g.run > g.max {
			g.at = g.off + int64(i)
			g.off += int64(i)
			return i, errRun
		}
	}
	g.off += int64(n)
	return n, err
}

// scan reads one part's XML token by token.
func (c *checker) scan(name string, r io.Reader, kind partKind) error {
	g := &runGuard{r: r, max: max(minRun, int64(c.lim.CellChars)*12+64<<10)}
	d := xml.NewDecoder(bufio.NewReaderSize(g, 64<<10))
	d.CharsetReader = charset.NewReaderLabel
	s := &sheetState{c: c, kind: kind, part: name}
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			if kind == sharedStrings {
				c.strings = s.strings
			}
			return nil
		}
		if err != nil {
			return s.readError(d, g, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > maxDepth {
				return &Error{Part: name, Offset: d.InputOffset(), Err: fmt.Errorf("elements nest more than %d deep", maxDepth)}
			}
			if a, ok := repeatedAttr(t); ok {
				// Not well-formed XML (its "Unique Att Spec"), and readers
				// differ on which of the two counts: the check would read
				// one reference and the spreadsheet library the other.
				return s.place(d, fmt.Errorf("<%s> has the attribute %s twice", t.Name.Local, a))
			}
			if err := s.start(t); err != nil {
				return s.place(d, err)
			}
		case xml.EndElement:
			depth--
			if err := s.end(t); err != nil {
				return s.place(d, err)
			}
		case xml.CharData:
			if err := s.text(t); err != nil {
				return s.place(d, err)
			}
		}
	}
}

// sheetState follows a sheet or the shared strings through its tokens.
type sheetState struct {
	c    *checker
	kind partKind
	part string

	row     int    // the current row, 0 before the first
	inRow   bool   // inside <row>
	col     int    // the last cell's column in the row
	cell    string // the current cell's reference, "" outside <c>
	inCell  bool
	shared  bool // the current cell is a shared string (t="s")
	inValue bool // inside the cell's <v>
	value   strings.Builder
	chars   int // characters of the current cell or shared string

	strings int // shared strings seen
	inSI    bool
}

// limitError is a problem with a limit's name, placed by the caller.
type limitError struct {
	limit string
	err   error
}

func (e *limitError) Error() string { return e.err.Error() }

func (e *limitError) Unwrap() error { return e.err }

// rowNumberError is a problem with a row's number: it is placed by offset,
// not by the row before.
type rowNumberError struct{ err error }

func (e *rowNumberError) Error() string { return e.err.Error() }

func (e *rowNumberError) Unwrap() error { return e.err }

func (s *sheetState) start(t xml.StartElement) error {
	if s.kind == other && t.Name.Local == "sheetData" {
		// A sheet outside xl/worksheets/, where the workbook's relations
		// may place one: checked as a sheet all the same.
		s.kind = worksheet
	}
	switch s.kind {
	case worksheet:
		switch t.Name.Local {
		case "row":
			if err := s.startRow(t); err != nil {
				return &rowNumberError{err}
			}
		case "c":
			if !s.inRow {
				return nil
			}
			return s.startCell(t)
		case "v":
			if s.inCell {
				s.inValue = true
				s.value.Reset()
			}
		}
	case sharedStrings:
		if t.Name.Local == "si" {
			s.strings++
			if s.strings > s.c.lim.Strings {
				return &limitError{NameStrings, fmt.Errorf("more than %d shared strings, the limit (%s)", s.c.lim.Strings, NameStrings)}
			}
			s.inSI, s.chars = true, 0
		}
	}
	return nil
}

func (s *sheetState) startRow(t xml.StartElement) error {
	n := s.row + 1
	if v, ok := attr(t, "r"); ok {
		r, err := strconv.Atoi(v)
		switch {
		case err != nil && isDigits(v):
			return &limitError{"rows", fmt.Errorf("row number %s is beyond Excel's last row, %d", v, MaxRows)}
		case err != nil || r < 1:
			return fmt.Errorf("row number %q is not a row number", v)
		case r > MaxRows:
			return &limitError{"rows", fmt.Errorf("row number %d is beyond Excel's last row, %d", r, MaxRows)}
		case r <= s.row:
			return fmt.Errorf("row %d comes after row %d: rows out of order", r, s.row)
		}
		n = r
	}
	if n > MaxRows {
		return &limitError{"rows", fmt.Errorf("more rows than Excel's %d", MaxRows)}
	}
	s.row, s.inRow, s.col = n, true, 0
	return nil
}

func (s *sheetState) startCell(t xml.StartElement) error {
	col := s.col + 1
	ref, ok := attr(t, "r")
	if ok {
		letters := strings.TrimRight(ref, "0123456789")
		digits := ref[len(letters):]
		n, err := columnNumber(letters)
		if err != nil || digits == "" {
			return fmt.Errorf("cell reference %q is not a cell", ref)
		}
		if n > MaxColumns {
			return &limitError{"columns", fmt.Errorf("cell %s is beyond Excel's last column, XFD (%d)", ref, MaxColumns)}
		}
		if r, err := strconv.Atoi(digits); err != nil || r != s.row {
			return fmt.Errorf("cell reference %s does not match its row, %d", ref, s.row)
		}
		if n <= s.col {
			return fmt.Errorf("cell %s comes after column %d: cells out of order", ref, s.col)
		}
		col = n
	} else {
		ref = fmt.Sprintf("%s%d", columnName(col), s.row)
	}
	if col > MaxColumns {
		return &limitError{"columns", fmt.Errorf("more cells than Excel's %d columns", MaxColumns)}
	}
	typ, _ := attr(t, "t")
	s.col, s.cell, s.inCell, s.shared, s.chars = col, ref, true, typ == "s", 0
	return nil
}

func (s *sheetState) text(t xml.CharData) error {
	counting := s.inCell || s.inSI
	if !counting {
		return nil
	}
	s.chars += utf8.RuneCount(t)
	if s.chars > s.c.lim.CellChars {
		what := "cell " + s.cell
		if s.kind == sharedStrings {
			what = fmt.Sprintf("shared string %d", s.strings-1)
		}
		return &limitError{NameCellChars, fmt.Errorf("%s holds more than %d characters, the limit per cell (%s)", what, s.c.lim.CellChars, NameCellChars)}
	}
	if s.inValue && s.value.Len() < 32 {
		s.value.Write(t)
	}
	return nil
}

func (s *sheetState) end(t xml.EndElement) error {
	switch s.kind {
	case worksheet:
		switch t.Name.Local {
		case "row":
			s.inRow = false
		case "v":
			s.inValue = false
		case "c":
			if !s.inCell {
				return nil
			}
			s.inCell = false
			if s.shared {
				return s.sharedIndex()
			}
		}
	case sharedStrings:
		if t.Name.Local == "si" {
			s.inSI = false
		}
	}
	return nil
}

// sharedIndex checks the value of a shared string cell: excelize reads a
// bad index as an empty cell or as the first string, without a word.
func (s *sheetState) sharedIndex() error {
	v := strings.TrimSpace(s.value.String())
	if v == "" {
		return nil
	}
	i, err := strconv.Atoi(v)
	if err != nil || i < 0 {
		return fmt.Errorf("cell %s: shared string index %q is not an index", s.cell, v)
	}
	if i >= s.c.strings {
		return fmt.Errorf("cell %s: shared string %d does not exist; the workbook has %d", s.cell, i, s.c.strings)
	}
	return nil
}

// place turns a problem met at the decoder's position into an *Error.
func (s *sheetState) place(d *xml.Decoder, err error) error {
	e := &Error{Part: s.part, Err: err}
	var rn *rowNumberError
	if errors.As(err, &rn) {
		e.Err = rn.err
	}
	var le *limitError
	if errors.As(e.Err, &le) {
		e.Limit, e.Err = le.limit, le.err
	}
	if s.kind == worksheet && s.row > 0 && rn == nil {
		e.Row = s.row
	} else {
		e.Offset = d.InputOffset()
	}
	return e
}

// readError turns an error of the decoder or of the reader under it into
// an *Error.
func (s *sheetState) readError(d *xml.Decoder, g *runGuard, err error) error {
	switch {
	case errors.Is(err, errRun):
		if s.inCell || s.inSI {
			return s.place(d, &limitError{NameCellChars, fmt.Errorf("%s holds more than %d characters, the limit per cell (%s)", s.what(), s.c.lim.CellChars, NameCellChars)})
		}
		return &Error{Part: s.part, Offset: g.at, Limit: NameCellChars, Err: fmt.Errorf("more than %d bytes of text between two tags", g.max)}
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrChecksum):
		return &Error{Part: s.part, Offset: g.off, Err: fmt.Errorf("corrupt zip member (it does not inflate to its declared size and checksum): %w", err)}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &Error{Part: s.part, Offset: g.off, Err: errors.New("the XML ends early: the part is cut short")}
	}
	var syn *xml.SyntaxError
	if errors.As(err, &syn) {
		e := &Error{Part: s.part, Offset: d.InputOffset(), Err: fmt.Errorf("malformed XML: %s", syn.Msg)}
		if syn.Msg == "unexpected EOF" {
			e.Err = errors.New("the XML ends early: the part is cut short")
		}
		if s.kind == worksheet && s.row > 0 {
			e.Err = fmt.Errorf("%w (in or after row %d)", e.Err, s.row)
		}
		return e
	}
	return &Error{Part: s.part, Offset: g.off, Err: fmt.Errorf("unreadable: %w", err)}
}

func (s *sheetState) what() string {
	if s.kind == sharedStrings {
		return fmt.Sprintf("shared string %d", s.strings-1)
	}
	return "cell " + s.cell
}

// repeatedAttr returns the name of an attribute t has more than once.
func repeatedAttr(t xml.StartElement) (string, bool) {
	if len(t.Attr) <= 8 {
		for i, a := range t.Attr {
			for _, b := range t.Attr[:i] {
				if a.Name == b.Name {
					return attrName(a.Name), true
				}
			}
		}
		return "", false
	}
	seen := make(map[xml.Name]bool, len(t.Attr))
	for _, a := range t.Attr {
		if seen[a.Name] {
			return attrName(a.Name), true
		}
		seen[a.Name] = true
	}
	return "", false
}

func attrName(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

func attr(t xml.StartElement, name string) (string, bool) {
	for _, a := range t.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value, true
		}
	}
	return "", false
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// columnNumber reads a column name ("A" is 1), stopping early past
// Excel's last column so that a long name cannot overflow.
func columnNumber(letters string) (int, error) {
	if letters == "" {
		return 0, errors.New("no column")
	}
	n := 0
	for _, r := range letters {
		switch {
		case r >= 'A' && r <= 'Z':
			n = n*26 + int(r-'A') + 1
		case r >= 'a' && r <= 'z':
			n = n*26 + int(r-'a') + 1
		default:
			return 0, errors.New("not a column")
		}
		if n > MaxColumns {
			return MaxColumns + 1, nil
		}
	}
	return n, nil
}

// columnName names column n (1 is "A").
func columnName(n int) string {
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('A' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}
