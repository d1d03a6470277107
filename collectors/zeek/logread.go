package zeek

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

// MaxLine bounds one log line. Zeek writes one record per line; a longer
// line is not a log line.
const MaxLine = 16 << 20

// Record is one log entry: a line of a TSV log or one JSON object. Its
// values are decoded (escapes undone); a field that is unset or absent
// reads as not present. Its values are mostly slices of the line in the
// reader's buffer, valid only until fn returns: a value kept past the
// record must be copied (strings.Clone). Path is the exception: it may be
// kept.
type Record struct {
	// Path is the log's name ("conn", "modbus_detailed"): the TSV #path,
	// the JSON _path, or failing both the file's name.
	Path string
	// Line is the record's line in the (decompressed) file.
	Line int

	cols map[string]int
	vals []value
	// schema names cols: records of one schema have the same columns
	// (fieldSet resolves names once per schema).
	schema uint64
}

// schemas numbers the column maps made, in every reader.
var schemas atomic.Uint64

func nextSchema() uint64 { return schemas.Add(1) }

// fieldSet resolves a fixed list of field names to a record's columns
// once per schema (a TSV #fields header, a run of JSON lines with the same
// keys) instead of looking each name up in every record. A worker keeps
// its own.
type fieldSet struct {
	names  []string
	schema uint64
	idx    []int // -1: not a column
}

func newFieldSet(names ...string) *fieldSet {
	return &fieldSet{names: names, idx: make([]int, len(names))}
}

// of readies f for rec's columns and returns f.idx.
func (f *fieldSet) of(rec *Record) []int {
	if rec.schema != f.schema || rec.schema == 0 {
		for i, n := range f.names {
			j, ok := rec.cols[n]
			if !ok {
				j = -1
			}
			f.idx[i] = j
		}
		f.schema = rec.schema
	}
	return f.idx
}

// at is Str of the column i (from fieldSet.of; -1 reads as absent).
func (r *Record) at(i int) (string, bool) {
	if i < 0 || !r.vals[i].set {
		return "", false
	}
	v := &r.vals[i]
	if v.isL {
		return strings.Join(v.list, ","), true
	}
	return v.s, true
}

// getAt is at's value, "" when unset.
func (r *Record) getAt(i int) string {
	s, _ := r.at(i)
	return s
}

type value struct {
	set  bool // present and not unset
	s    string
	list []string
	isL  bool
}

// Str returns the value of a scalar field, false when it is unset or
// absent. A container field reads as its elements joined by ",".
func (r *Record) Str(name string) (string, bool) {
	i, ok := r.cols[name]
	if !ok || !r.vals[i].set {
		return "", false
	}
	v := r.vals[i]
	if v.isL {
		return strings.Join(v.list, ","), true
	}
	return v.s, true
}

// Get returns Str's value, "" when unset.
func (r *Record) Get(name string) string {
	s, _ := r.Str(name)
	return s
}

// List returns the elements of a container field (set, vector, table); a
// scalar reads as a list of one.
func (r *Record) List(name string) []string {
	i, ok := r.cols[name]
	if !ok || !r.vals[i].set {
		return nil
	}
	if r.vals[i].isL {
		return r.vals[i].list
	}
	return []string{r.vals[i].s}
}

// Has reports whether the record has the field (set or not).
func (r *Record) Has(name string) bool {
	_, ok := r.cols[name]
	return ok
}

// LogInfo says how one log stream was read.
type LogInfo struct {
	// Format is "tsv" or "json"; "" for an empty file.
	Format string
	// Lines is the number of lines read, headers included.
	Lines int
	// Records is the number of records handed on.
	Records int
	// Closed is set when a TSV log ended with #close: Zeek finished it.
	Closed bool
	// CutShort is set when the last line had no line end and was left
	// out because the file may still be being written (ReadOptions.Open).
	CutShort bool
	// CutLine is that line's number.
	CutLine int
}

// ReadOptions tune ReadLog.
type ReadOptions struct {
	// Name is the log name to use when the content names none (the file's
	// base name up to its first dot).
	Name string
	// Open is set when the file may still be being written: a last line
	// without its line end is then left out (LogInfo.CutShort) instead of
	// read.
	Open bool
}

// LineError is a malformed log line.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// ReadLog reads one Zeek log, TSV or JSON (told apart by the first byte of
// the first line: '#' or '{'), calling fn for every record in order. The
// record passed and its values (but for Path) are reused after fn returns:
// fn copies what it keeps. A malformed line stops the
// read with a *LineError; an error of fn stops it and is returned as is.
func ReadLog(r io.Reader, opts ReadOptions, fn func(*Record) error) (LogInfo, error) {
	br := readerPool.Get().(*bufio.Reader)
	br.Reset(r)
	defer func() { br.Reset(nil); readerPool.Put(br) }()
	lr := &lineReader{r: br, open: opts.Open}
	var info LogInfo
	first, err := lr.next()
	if err != nil {
		info.Lines, info.CutShort, info.CutLine = lr.n, lr.cut, lr.cutLine
		if err == io.EOF {
			return info, nil
		}
		return info, err
	}
	switch {
	case len(first) > 0 && first[0] == '#':
		info.Format = "tsv"
		t := &tsvReader{lr: lr, name: opts.Name, fn: fn, info: &info}
		err = t.run(first)
	case len(first) > 0 && first[0] == '{':
		info.Format = "json"
		j := &jsonReader{lr: lr, name: opts.Name, fn: fn, info: &info}
		err = j.run(first)
	default:
		err = &LineError{Line: 1, Err: errors.New("neither a Zeek TSV header (#separator, #fields) nor a JSON object")}
	}
	info.Lines, info.CutShort, info.CutLine = lr.n, lr.cut, lr.cutLine
	return info, err
}

// lineString is line as a string without copying it: the string is valid
// only while the line is, until the reader's next line. Reading a log is
// mostly looking at values and dropping them, so copying every line (a
// gigabyte for a gigabyte of logs) would be most of the allocation; the
// few values kept are copied where they are kept (the uid and MACs of a
// citation, and the names, values, events and credentials a
// dissect.Recorder stores). Tests overwrite every line once it is read
// (scribble), so a value kept without its copy shows in their results.
func lineString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// scribble is set by tests: every line is overwritten once its record has
// been handed on.
var scribble bool

func scribbleLine(b []byte) {
	for i := range b {
		b[i] = '~'
	}
}

// readerPool keeps the line buffers of finished logs for the next: an
// archive holds thousands of files.
var readerPool = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 256<<10) }}

// lineReader hands out lines without their line end.
type lineReader struct {
	r       *bufio.Reader
	n       int
	open    bool
	cut     bool
	cutLine int
	long    []byte
}

// next returns the next line (valid until the following call), io.EOF at
// the end. A last line without line end is returned unless the file may
// still be being written.
func (l *lineReader) next() ([]byte, error) {
	for {
		line, err := l.r.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			l.long = append(l.long[:0], line...)
			for errors.Is(err, bufio.ErrBufferFull) {
				line, err = l.r.ReadSlice('\n')
				l.long = append(l.long, line...)
				if len(l.long) > MaxLine {
					return nil, &LineError{Line: l.n + 1, Err: fmt.Errorf("line longer than %d bytes", MaxLine)}
				}
			}
			line = l.long
		}
		if err != nil && err != io.EOF {
			return nil, err
		}
		if len(line) == 0 && err == io.EOF {
			return nil, io.EOF
		}
		l.n++
		if line[len(line)-1] != '\n' {
			if l.open {
				l.cut, l.cutLine = true, l.n
				return nil, io.EOF
			}
		} else {
			line = line[:len(line)-1]
		}
		if len(line) > 0 && line[len(line)-1] == '\r' {
			line = line[:len(line)-1]
		}
		if len(line) == 0 {
			continue // blank lines carry nothing
		}
		return line, nil
	}
}

// tsvReader reads Zeek's ASCII writer format.
type tsvReader struct {
	lr   *lineReader
	name string
	fn   func(*Record) error
	info *LogInfo

	sep, setSep   string
	empty, unset  string
	path          string
	fields, types []string
	lists         []bool
	cols          map[string]int
	schema        uint64
	closed        bool
	rec           Record
	parts         []string
}

func (t *tsvReader) reset() {
	t.sep, t.setSep, t.empty, t.unset = "\t", ",", "(empty)", "-"
	t.path, t.fields, t.types, t.lists, t.cols, t.closed = "", nil, nil, nil, nil, false
}

func (t *tsvReader) run(first []byte) error {
	t.reset()
	line := first
	for {
		if err := t.line(line); err != nil {
			return err
		}
		if scribble {
			scribbleLine(line)
		}
		var err error
		line, err = t.lr.next()
		if err == io.EOF {
			t.info.Closed = t.closed
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func (t *tsvReader) fail(format string, args ...any) error {
	return &LineError{Line: t.lr.n, Err: fmt.Errorf(format, args...)}
}

func (t *tsvReader) line(b []byte) error {
	if b[0] == '#' {
		return t.header(string(b))
	}
	if t.closed {
		return t.fail("data after #close")
	}
	if t.fields == nil {
		return t.fail("data before the #fields header: not a Zeek log, or its header is missing")
	}
	t.parts = splitInto(t.parts[:0], lineString(b), t.sep)
	if len(t.parts) != len(t.fields) {
		return t.fail("%d fields where #fields names %d", len(t.parts), len(t.fields))
	}
	if cap(t.rec.vals) < len(t.parts) {
		t.rec.vals = make([]value, len(t.parts))
	}
	t.rec.vals = t.rec.vals[:len(t.parts)]
	for i, p := range t.parts {
		v := &t.rec.vals[i]
		*v = value{}
		if p == t.unset {
			continue
		}
		v.set = true
		if t.lists[i] {
			v.isL = true
			if p == t.empty {
				v.list = []string{}
				continue
			}
			v.list = strings.Split(p, t.setSep)
			for k, e := range v.list {
				v.list[k] = unescape(e)
			}
			continue
		}
		v.s = unescape(p)
	}
	t.rec.Path, t.rec.Line, t.rec.cols, t.rec.schema = t.path, t.lr.n, t.cols, t.schema
	t.info.Records++
	return t.fn(&t.rec)
}

// header reads one # line. Zeek writes "#separator \x09" with a space,
// every other header with the separator after its keyword.
func (t *tsvReader) header(s string) error {
	if rest, ok := strings.CutPrefix(s, "#separator "); ok {
		if t.fields != nil || t.path != "" {
			// A second log's header: cat of several logs.
			t.reset()
		}
		sep := unescape(rest)
		if sep == "" {
			return t.fail("#separator has no value")
		}
		t.sep = sep
		return nil
	}
	key, val, hasVal := strings.Cut(s, t.sep)
	switch key {
	case "#set_separator", "#empty_field", "#unset_field", "#path", "#open", "#close", "#fields", "#types":
	default:
		return t.fail("unknown header line %q (Zeek headers are #separator, #set_separator, #empty_field, #unset_field, #path, #open, #fields, #types, #close)", excerpt(s))
	}
	if !hasVal || val == "" {
		return t.fail("header %s has no value", key)
	}
	if t.closed && key != "#close" {
		// cat of several logs without #separator repeated.
		t.reset()
	}
	switch key {
	case "#set_separator":
		t.setSep = unescape(val)
	case "#empty_field":
		t.empty = unescape(val)
	case "#unset_field":
		t.unset = unescape(val)
	case "#path":
		t.path = unescape(val)
	case "#open":
		if _, err := time.Parse("2006-01-02-15-04-05", val); err != nil {
			return t.fail("#open %q is not a time (YYYY-MM-DD-hh-mm-ss)", excerpt(val))
		}
	case "#close":
		if _, err := time.Parse("2006-01-02-15-04-05", val); err != nil {
			return t.fail("#close %q is not a time (YYYY-MM-DD-hh-mm-ss)", excerpt(val))
		}
		t.closed = true
	case "#fields":
		t.fields = strings.Split(val, t.sep)
		t.cols, t.schema = make(map[string]int, len(t.fields)), nextSchema()
		for i, f := range t.fields {
			if _, dup := t.cols[f]; dup {
				return t.fail("field %q named twice in #fields", excerpt(f))
			}
			t.cols[f] = i
		}
		t.lists = make([]bool, len(t.fields))
		t.types = nil
		if t.path == "" {
			t.path = t.name
		}
	case "#types":
		if t.fields == nil {
			return t.fail("#types before #fields")
		}
		t.types = strings.Split(val, t.sep)
		if len(t.types) != len(t.fields) {
			return t.fail("#types has %d entries where #fields has %d", len(t.types), len(t.fields))
		}
		for i, ty := range t.types {
			t.lists[i] = strings.HasPrefix(ty, "set[") || strings.HasPrefix(ty, "vector[") || strings.HasPrefix(ty, "table[")
		}
	}
	return nil
}

// splitInto splits s at sep into dst.
func splitInto(dst []string, s, sep string) []string {
	for {
		i := strings.Index(s, sep)
		if i < 0 {
			return append(dst, s)
		}
		dst = append(dst, s[:i])
		s = s[i+len(sep):]
	}
}

// unescape undoes the ASCII writer's escapes: \xNN for a byte it would
// not write as is, \\ for a backslash. Anything else stays as written.
func unescape(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		switch {
		case s[i+1] == '\\':
			b.WriteByte('\\')
			i++
		case s[i+1] == 'x' && i+3 < len(s) && isHex(s[i+2]) && isHex(s[i+3]):
			n, _ := strconv.ParseUint(s[i+2:i+4], 16, 8)
			b.WriteByte(byte(n))
			i += 3
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// jsonReader reads Zeek's JSON writer format: one object per line, keys
// flat ("id.orig_h") or nested ({"id": {"orig_h": ...}}).
type jsonReader struct {
	lr   *lineReader
	name string
	fn   func(*Record) error
	info *LogInfo
	rec  Record

	// The fast scanner's state: the keys of the last line, in order, and
	// the column map made of them, reused while lines repeat them (Zeek
	// writes every line of a log with its set fields in the same order).
	keys  []string
	ncols map[string]int
	// toks are the keys of the last line as it wrote them, quoted and
	// with their colon ("\"ts\":"), "" for keys of nested objects.
	toks   []string
	schema uint64 // of ncols
	scan   jsonScan
	// paths are the _path values seen, copied once, so that Record.Path
	// may be kept (the logs a file holds are counted by it).
	paths map[string]string
}

// path returns a copy of the log name s that outlives the line.
func (j *jsonReader) path(s string) string {
	if s == j.name {
		return j.name
	}
	if p, ok := j.paths[s]; ok {
		return p
	}
	if j.paths == nil {
		j.paths = map[string]string{}
	}
	p := strings.Clone(s)
	j.paths[p] = p
	return p
}

func (j *jsonReader) run(first []byte) error {
	line := first
	for {
		if err := j.line(line); err != nil {
			return err
		}
		if scribble {
			scribbleLine(line)
		}
		var err error
		line, err = j.lr.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func (j *jsonReader) line(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '{' {
		return &LineError{Line: j.lr.n, Err: errors.New("not a JSON object")}
	}
	if j.fast(b) {
		j.info.Records++
		return j.fn(&j.rec)
	}
	return j.slow(b)
}

// slow decodes a line with encoding/json: the lines the fast scanner
// leaves to it (escapes in keys, objects inside arrays, anything it does
// not accept), and the error of a line that is not JSON.
func (j *jsonReader) slow(b []byte) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var obj map[string]any
	if err := d.Decode(&obj); err != nil {
		return &LineError{Line: j.lr.n, Err: fmt.Errorf("not a JSON object: %v", err)}
	}
	if d.More() {
		return &LineError{Line: j.lr.n, Err: errors.New("more than one JSON value on the line")}
	}
	cols := make(map[string]int, len(obj))
	vals := j.rec.vals[:0]
	var add func(prefix string, m map[string]any)
	add = func(prefix string, m map[string]any) {
		for k, v := range m {
			if sub, ok := v.(map[string]any); ok {
				add(prefix+k+".", sub)
				continue
			}
			cols[prefix+k] = len(vals)
			vals = append(vals, jsonValue(v))
		}
	}
	add("", obj)
	j.rec.vals, j.rec.cols, j.rec.Line, j.rec.schema = vals, cols, j.lr.n, nextSchema()
	j.rec.Path = j.name
	if i, ok := cols["_path"]; ok && vals[i].set && !vals[i].isL {
		j.rec.Path = j.path(vals[i].s)
	}
	j.info.Records++
	return j.fn(&j.rec)
}

func jsonValue(v any) value {
	switch x := v.(type) {
	case nil:
		return value{}
	case string:
		return value{set: true, s: x}
	case json.Number:
		return value{set: true, s: x.String()}
	case bool:
		if x {
			return value{set: true, s: "T"}
		}
		return value{set: true, s: "F"}
	case []any:
		l := make([]string, 0, len(x))
		for _, e := range x {
			if e == nil {
				continue
			}
			ev := jsonValue(e)
			if ev.isL {
				l = append(l, ev.list...)
			} else {
				l = append(l, ev.s)
			}
		}
		return value{set: true, isL: true, list: l}
	}
	return value{set: true, s: fmt.Sprint(v)}
}

// ParseTime reads a Zeek time: epoch seconds with a fraction (TSV and
// the JSON writer's default) or an ISO 8601 / RFC 3339 string (JSON with
// JSON::TS_ISO8601). It returns nanoseconds since the epoch.
func ParseTime(s string) (int64, error) {
	if s == "" {
		return 0, errors.New("empty time")
	}
	if !strings.ContainsAny(s, "T:") {
		secs, frac, _ := strings.Cut(s, ".")
		n, err := strconv.ParseInt(secs, 10, 64)
		if err != nil || n > math.MaxInt64/1_000_000_000-1 || n < math.MinInt64/1_000_000_000+1 {
			return 0, fmt.Errorf("time %q is neither epoch seconds nor ISO 8601", excerpt(s))
		}
		if len(frac) > 9 {
			frac = frac[:9]
		}
		var ns int64
		if frac != "" {
			f, err := strconv.ParseUint(frac, 10, 32)
			if err != nil {
				return 0, fmt.Errorf("time %q is neither epoch seconds nor ISO 8601", excerpt(s))
			}
			ns = int64(f)
			for range 9 - len(frac) {
				ns *= 10
			}
		}
		if strings.HasPrefix(secs, "-") {
			return n*1e9 - ns, nil
		}
		return n*1e9 + ns, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return 0, fmt.Errorf("time %q is neither epoch seconds nor ISO 8601", excerpt(s))
	}
	return t.UnixNano(), nil
}

// ParseDuration reads a Zeek interval (seconds with a fraction) in
// nanoseconds.
func ParseDuration(s string) (int64, error) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f > 1e9 || math.IsNaN(f) {
		return 0, fmt.Errorf("interval %q is not seconds", excerpt(s))
	}
	return int64(math.Round(f * 1e9)), nil
}

func excerpt(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}
