package traffic

import (
	"bytes"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/slate-ot/slate/evidence"
)

// flowWriter appends evidence.Canonical of flows, written member by
// member in key order rather than through encoding/json and the
// canonicaliser's sort: the flows are most of a large traffic document.
// scratch is for what goes the canonical way (a string that needs
// escaping, a flow with an attribute key that does); keys is reused to
// sort a flow's attribute keys. TestAppendFlow and FuzzAppendFlow hold it
// to evidence.Canonical.
type flowWriter struct {
	dst     []byte
	scratch bytes.Buffer
	keys    []string
	err     error
	comma   bool
}

// appendFlow appends evidence.Canonical(f) to dst.
func (w *flowWriter) appendFlow(dst []byte, f *Flow) ([]byte, error) {
	if f.Facts != nil {
		for k := range f.Facts.Attrs {
			if !plain(k) {
				// The canonical order of keys is that of their decoded
				// bytes, which for a key that needs escaping (or is not
				// valid UTF-8) the canonicaliser knows best.
				return evidence.AppendCanonical(dst, &w.scratch, f)
			}
		}
	}
	w.dst, w.err = dst, nil
	w.open()
	w.int("bytes_to_client", f.BytesToCli)
	w.int("bytes_to_server", f.BytesToSrv)
	w.key("client")
	w.endpoint(&f.Client)
	w.strOmit("ethertype", f.EtherType)
	if f.Facts != nil {
		w.key("facts")
		w.facts(f.Facts)
	}
	w.str("first_seen", f.FirstSeen)
	w.intOmit("gaps", int64(f.Gaps))
	w.bool("handshake", f.Handshake)
	w.str("id", f.ID)
	w.str("identified_by", f.IdentifiedBy)
	w.intOmit("inner_vlan", int64(f.InnerVLAN))
	w.str("last_seen", f.LastSeen)
	w.strOmit("llc_sap", f.LLCSAP)
	w.int("packets_to_client", f.PacketsToCli)
	w.int("packets_to_server", f.PacketsToSrv)
	if f.PriorityTagged {
		w.bool("priority_tagged", true)
	}
	w.str("protocol", f.Protocol)
	w.key("server")
	w.endpoint(&f.Server)
	w.intOmit("skipped", int64(f.Skipped))
	w.str("transport", f.Transport)
	w.intOmit("vlan", int64(f.VLAN))
	w.close()
	return w.dst, w.err
}

func (w *flowWriter) endpoint(e *Endpoint) {
	w.open()
	if e.Group {
		w.bool("group", true)
	}
	w.strOmit("ip", e.IP)
	w.strOmit("mac", e.MAC)
	w.intOmit("port", int64(e.Port))
	w.str("zone", e.Zone)
	w.close()
}

func (w *flowWriter) facts(f *Facts) {
	w.open()
	if len(f.Attrs) > 0 {
		w.key("attrs")
		w.keys = w.keys[:0]
		for k := range f.Attrs {
			w.keys = append(w.keys, k)
		}
		slices.Sort(w.keys)
		w.open()
		for _, k := range w.keys {
			w.str(k, f.Attrs[k])
		}
		w.close()
	}
	objects(w, "credentials", f.Credentials, func(c *FlowCredential) {
		w.bool("default", c.Default)
		w.str("fingerprint", c.Fingerprint)
		w.str("kind", c.Kind)
		w.str("strength", c.Strength)
		w.strOmit("user", c.User)
	})
	w.intOmit("dropped", int64(f.Dropped))
	objects(w, "events", f.Events, func(e *Event) {
		w.str("kind", e.Kind)
		w.str("message", e.Message)
		w.strOmit("time", e.Time)
	})
	w.intOmit("malformed", int64(f.Malformed))
	objects(w, "ops", f.Ops, func(op *Op) {
		w.str("class", op.Class)
		w.int("code", int64(op.Code))
		w.int("count", int64(op.Count))
		w.strOmit("first_seen", op.FirstSeen)
		w.strOmit("last_seen", op.LastSeen)
		w.str("name", op.Name)
	})
	w.close()
}

// objects writes the member k, an array of one object per element of xs
// whose members members writes, or nothing when xs is empty (omitempty).
func objects[T any](w *flowWriter, k string, xs []T, members func(*T)) {
	if len(xs) == 0 {
		return
	}
	w.key(k)
	w.dst = append(w.dst, '[')
	for i := range xs {
		if i > 0 {
			w.dst = append(w.dst, ',')
		}
		w.open()
		members(&xs[i])
		w.close()
	}
	w.dst = append(w.dst, ']')
}

// open starts an object; its first member is written without a comma.
func (w *flowWriter) open() {
	w.dst = append(w.dst, '{')
	w.comma = false
}

// close ends an object; what follows it in its parent needs a comma.
func (w *flowWriter) close() {
	w.dst = append(w.dst, '}')
	w.comma = true
}

// key writes a member's key, which the callers pass as canonical JSON
// has it (the struct's JSON names, or attribute keys that plain says
// need no escaping).
func (w *flowWriter) key(k string) {
	if w.comma {
		w.dst = append(w.dst, ',')
	}
	w.comma = true
	w.dst = append(w.dst, '"')
	w.dst = append(w.dst, k...)
	w.dst = append(w.dst, '"', ':')
}

func (w *flowWriter) str(k, s string) {
	w.key(k)
	if plain(s) {
		w.dst = append(w.dst, '"')
		w.dst = append(w.dst, s...)
		w.dst = append(w.dst, '"')
		return
	}
	if w.err == nil {
		w.dst, w.err = evidence.AppendCanonical(w.dst, &w.scratch, s)
	}
}

func (w *flowWriter) strOmit(k, s string) {
	if s != "" {
		w.str(k, s)
	}
}

func (w *flowWriter) int(k string, n int64) {
	w.key(k)
	w.dst = strconv.AppendInt(w.dst, n, 10)
}

func (w *flowWriter) intOmit(k string, n int64) {
	if n != 0 {
		w.int(k, n)
	}
}

func (w *flowWriter) bool(k string, b bool) {
	w.key(k)
	w.dst = strconv.AppendBool(w.dst, b)
}

// plain reports whether s is written in canonical JSON as it is, between
// quotes: printable ASCII without a quote or a backslash. It looks at
// eight bytes at a time: the strings of a flow are most of the bytes of
// the document.
func plain(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		q, b := x^(ones*'"'), x^(ones*'\\')
		// A byte of 0x80 or more; one below 0x20; one equal to '"' or
		// '\\' (a zero byte of q or b): each test is exact.
		if (x|(x-ones*0x20)&^x|(q-ones)&^q|(b-ones)&^b)&highs != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
