package main

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"
	"unicode/utf8"
)

// val is one column's value of a record; unset when !set.
type val struct {
	set  bool
	n    int64 // time and interval in nanoseconds; counts, ints, ports; bool 0/1
	s    string
	list []string // set and vector elements, as written
}

// rec is one record being built, column by column in the schema's order.
type rec struct {
	s    *schema
	vals []val
}

func newRec(s *schema) *rec { return &rec{s: s, vals: make([]val, 0, len(s.fields))} }

func (r *rec) reset() *rec { r.vals = r.vals[:0]; return r }

func (r *rec) next(k ...kind) *val {
	i := len(r.vals)
	if i >= len(r.s.fields) {
		panic(fmt.Sprintf("zeekgen: %s: more values than columns", r.s.path))
	}
	f := r.s.fields[i]
	ok := false
	for _, kk := range k {
		ok = ok || f.k == kk
	}
	if !ok {
		panic(fmt.Sprintf("zeekgen: %s: column %s is %s", r.s.path, f.name, f.typ))
	}
	r.vals = append(r.vals, val{set: true})
	return &r.vals[i]
}

func (r *rec) time(ns int64) *rec     { r.next(kTime).n = ns; return r }
func (r *rec) interval(ns int64) *rec { r.next(kInterval).n = ns; return r }
func (r *rec) str(s string) *rec      { r.next(kString, kEnum, kAddr).s = s; return r }
func (r *rec) count(n int64) *rec     { r.next(kCount, kInt, kPort).n = n; return r }
func (r *rec) boolean(b bool) *rec {
	v := r.next(kBool)
	if b {
		v.n = 1
	}
	return r
}
func (r *rec) list(l []string) *rec {
	v := r.next(kSet, kVector)
	v.list = l
	if l == nil {
		v.list = []string{}
	}
	return r
}

// id writes the four conn_id columns.
func (r *rec) id(c *connID) *rec {
	return r.str(c.orig).count(int64(c.op)).str(c.resp).count(int64(c.rp))
}

// unset leaves n columns unset.
func (r *rec) unset(n int) *rec {
	for range n {
		if len(r.vals) >= len(r.s.fields) {
			panic(fmt.Sprintf("zeekgen: %s: more values than columns", r.s.path))
		}
		r.vals = append(r.vals, val{})
	}
	return r
}

// opt sets a string column, or leaves it unset when s is "".
func (r *rec) opt(s string) *rec {
	if s == "" {
		return r.unset(1)
	}
	return r.str(s)
}

type connID struct {
	orig, resp string
	op, rp     int
}

// logFile is one open log file of one format.
type logFile struct {
	f    *os.File
	gz   *gzip.Writer
	w    *bufio.Writer
	json bool
	s    *schema
	buf  []byte
	// close is the #close time written when the file ends.
	close time.Time
	n     int64 // bytes written
}

func createLog(name string, s *schema, json, compress bool, open, close time.Time) (*logFile, error) {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return nil, err
	}
	f, err := os.Create(name)
	if err != nil {
		return nil, err
	}
	lf := &logFile{f: f, json: json, s: s, close: close}
	var w io.Writer = f
	if compress {
		lf.gz, _ = gzip.NewWriterLevel(f, gzip.BestSpeed)
		w = lf.gz
	}
	lf.w = bufio.NewWriterSize(w, 1<<20)
	if !json {
		lf.header(open)
	}
	return lf, nil
}

// header writes the ASCII writer's header as Zeek does: "#separator
// \x09" with a space, every other line with the separator.
func (l *logFile) header(open time.Time) {
	b := l.buf[:0]
	b = append(b, "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\t"...)
	b = append(b, l.s.path...)
	b = append(b, "\n#open\t"...)
	b = open.UTC().AppendFormat(b, "2006-01-02-15-04-05")
	b = append(b, "\n#fields"...)
	for _, f := range l.s.fields {
		b = append(b, '\t')
		b = append(b, f.name...)
	}
	b = append(b, "\n#types"...)
	for _, f := range l.s.fields {
		b = append(b, '\t')
		b = append(b, f.typ...)
	}
	b = append(b, '\n')
	l.buf = b
	l.flushBuf()
}

func (l *logFile) flushBuf() {
	n, _ := l.w.Write(l.buf)
	l.n += int64(n)
	l.buf = l.buf[:0]
}

func (l *logFile) write(r *rec) {
	if len(r.vals) != len(l.s.fields) {
		panic(fmt.Sprintf("zeekgen: %s: %d values for %d columns", l.s.path, len(r.vals), len(l.s.fields)))
	}
	if l.json {
		l.buf = appendJSON(l.buf, r)
	} else {
		l.buf = appendTSV(l.buf, r)
	}
	l.flushBuf()
}

func (l *logFile) finish() error {
	if !l.json {
		l.buf = append(l.buf, "#close\t"...)
		l.buf = l.close.UTC().AppendFormat(l.buf, "2006-01-02-15-04-05")
		l.buf = append(l.buf, '\n')
		l.flushBuf()
	}
	err := l.w.Flush()
	if l.gz != nil {
		if e := l.gz.Close(); err == nil {
			err = e
		}
	}
	if e := l.f.Close(); err == nil {
		err = e
	}
	return err
}

// appendSeconds writes nanoseconds as seconds with six decimals, as Zeek
// writes times and intervals.
func appendSeconds(b []byte, ns int64) []byte {
	if ns < 0 {
		b = append(b, '-')
		ns = -ns
	}
	us := (ns + 500) / 1000
	b = strconv.AppendInt(b, us/1e6, 10)
	b = append(b, '.')
	frac := us % 1e6
	for d := int64(100000); d > 0; d /= 10 {
		b = append(b, byte('0'+frac/d%10))
	}
	return b
}

// appendTSVString escapes as the ASCII writer does: the separator, the
// set separator inside containers, a backslash and bytes outside
// printable ASCII as \xNN; a value that reads as unset or empty is
// escaped too.
func appendTSVString(b []byte, s string, inSet bool) []byte {
	if s == "-" || s == "(empty)" {
		b = append(b, `\x`...)
		b = appendHex(b, s[0])
		return append(b, s[1:]...)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || c == '\\' || (inSet && c == ',') {
			b = append(b, `\x`...)
			b = appendHex(b, c)
			continue
		}
		b = append(b, c)
	}
	return b
}

func appendHex(b []byte, c byte) []byte {
	const hx = "0123456789abcdef"
	return append(b, hx[c>>4], hx[c&15])
}

func appendTSV(b []byte, r *rec) []byte {
	for i, v := range r.vals {
		if i > 0 {
			b = append(b, '\t')
		}
		if !v.set {
			b = append(b, '-')
			continue
		}
		switch r.s.fields[i].k {
		case kTime, kInterval:
			b = appendSeconds(b, v.n)
		case kCount, kInt, kPort:
			b = strconv.AppendInt(b, v.n, 10)
		case kBool:
			b = append(b, "FT"[v.n])
		case kSet, kVector:
			if len(v.list) == 0 {
				b = append(b, "(empty)"...)
				continue
			}
			for k, e := range v.list {
				if k > 0 {
					b = append(b, ',')
				}
				b = appendTSVString(b, e, true)
			}
		default:
			b = appendTSVString(b, v.s, false)
		}
	}
	return append(b, '\n')
}

// appendJSONString writes s as a JSON string as Zeek's JSON writer does.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
			i++
		case c < 0x20:
			b = append(b, `\u00`...)
			b = appendHex(b, c)
			i++
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				b = append(b, `\\x`...)
				b = appendHex(b, c)
			} else {
				b = append(b, s[i:i+n]...)
			}
			i += n
		}
	}
	return append(b, '"')
}

func appendJSON(b []byte, r *rec) []byte {
	b = append(b, '{')
	first := true
	for i, v := range r.vals {
		if !v.set {
			continue // Zeek's JSON writer leaves unset fields out
		}
		f := r.s.fields[i]
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, '"')
		b = append(b, f.name...)
		b = append(b, '"', ':')
		switch f.k {
		case kTime, kInterval:
			b = appendSeconds(b, v.n)
		case kCount, kInt, kPort:
			b = strconv.AppendInt(b, v.n, 10)
		case kBool:
			if v.n != 0 {
				b = append(b, "true"...)
			} else {
				b = append(b, "false"...)
			}
		case kSet, kVector:
			b = append(b, '[')
			for k, e := range v.list {
				if k > 0 {
					b = append(b, ',')
				}
				if f.typ == "vector[count]" || f.typ == "vector[interval]" {
					b = append(b, e...)
				} else {
					b = appendJSONString(b, e)
				}
			}
			b = append(b, ']')
		default:
			b = appendJSONString(b, v.s)
		}
	}
	return append(b, '}', '\n')
}
