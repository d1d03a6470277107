package scorecard

import (
	"bytes"
	"strconv"
	"unicode/utf8"

	"github.com/slate-ot/slate/evidence"
)

// appendGap appends evidence.Canonical(g) to dst, written member by
// member in key order rather than through encoding/json and the
// canonicaliser: a run of a million gaps writes them in the scorecard's
// JSON and hashes them for the workbook. scratch is for the rare string
// that needs escaping, which goes the canonical way.
func appendGap(dst []byte, scratch *bytes.Buffer, g *Gap) ([]byte, error) {
	var err error
	dst = append(dst, '{')
	comma := false
	key := func(k string) {
		if comma {
			dst = append(dst, ',')
		}
		comma = true
		dst = append(dst, '"')
		dst = append(dst, k...)
		dst = append(dst, '"', ':')
	}
	str := func(s string) {
		if err == nil {
			dst, err = appendString(dst, scratch, s)
		}
	}
	strs := func(l []string) {
		if l == nil {
			dst = append(dst, "null"...)
			return
		}
		dst = append(dst, '[')
		for i, s := range l {
			if i > 0 {
				dst = append(dst, ',')
			}
			str(s)
		}
		dst = append(dst, ']')
	}
	if g.Cause != "" {
		key("cause")
		str(g.Cause)
	}
	if len(g.CompensatedFor) > 0 {
		key("compensated_for")
		strs(g.CompensatedFor)
	}
	if len(g.Countermeasures) > 0 {
		key("countermeasures")
		strs(g.Countermeasures)
	}
	key("evidence")
	if g.Evidence == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i, r := range g.Evidence {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"document":`...)
			str(r.Document)
			if r.File != "" {
				dst = append(dst, `,"file":`...)
				str(r.File)
			}
			if r.Line != 0 {
				dst = append(dst, `,"line":`...)
				dst = strconv.AppendInt(dst, int64(r.Line), 10)
			}
			if r.Record != "" {
				dst = append(dst, `,"record":`...)
				str(r.Record)
			}
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	if len(g.ExpiredWaivers) > 0 {
		key("expired_waivers")
		strs(g.ExpiredWaivers)
	}
	if e := g.Exposure; e != nil {
		key("exposure")
		dst = append(dst, '{')
		if e.Conduit != "" {
			dst = append(dst, `"conduit":`...)
			str(e.Conduit)
			dst = append(dst, ',')
		}
		dst = append(dst, `"crosses_boundary":`...)
		dst = strconv.AppendBool(dst, e.CrossesBoundary)
		if e.From != "" {
			dst = append(dst, `,"from":`...)
			str(e.From)
		}
		dst = append(dst, '}')
	}
	for _, m := range [...]struct {
		k, v string
	}{{"id", g.ID}, {"message", g.Message}, {"owner", g.Owner}, {"remediation", g.Remediation}} {
		key(m.k)
		str(m.v)
	}
	key("requirements")
	strs(g.Requirements)
	for _, m := range [...]struct {
		k, v string
	}{{"rule", g.Rule}, {"severity", g.Severity}, {"status", g.Status}, {"subject", g.Subject}, {"title", g.Title}} {
		key(m.k)
		str(m.v)
	}
	if len(g.WaivedFor) > 0 {
		key("waived_for")
		strs(g.WaivedFor)
	}
	if len(g.Waivers) > 0 {
		key("waivers")
		strs(g.Waivers)
	}
	key("zone")
	str(g.Zone)
	dst = append(dst, '}')
	return dst, err
}

// appendString appends s as canonical JSON has it: as it is when nothing
// in it needs escaping, else through evidence.AppendCanonical.
func appendString(dst []byte, scratch *bytes.Buffer, s string) ([]byte, error) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf {
			return evidence.AppendCanonical(dst, scratch, s)
		}
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"'), nil
}
