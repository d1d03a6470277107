package zeek

import (
	"slices"
	"strings"

	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/traffic"
)

// factRec records the facts one file gives one connection id and log
// family, exactly as a dissect.Recorder does (the same operations,
// bounds, attribute joins, events and credentials), but it is reused: a
// worker keeps a few and, at the end of each file, folds each one into
// the facts it holds for the connection id over all its files (fold:
// Facts and traffic.MergeFacts in one step, in place) and resets it,
// where a Recorder per connection id and file, its Facts and the merged
// copies MergeFacts makes were most of what reading a log allocated.
// The facts of a file are bounded as a file's Recorder bounds them, and
// merged as files' facts are merged, so that the result does not depend
// on how the files are split between workers.
type factRec struct {
	key   []byte
	order []recOp
	ops   map[recKey]int // past smallOps
	now   int64
	timed bool
	last  int // index of the operation counted last, -1 for none
	facts traffic.Facts
}

type recKey struct {
	class, name string
	code        int
}

type recOp struct {
	recKey
	count       int
	first, last int64
	timed       bool // of a Timed class
}

// smallOps is how many operations a factRec looks up without a map, as
// dissect.Recorder does.
const smallOps = 16

func newFactRec(key []byte) *factRec { return &factRec{key: key, last: -1} }

// reset readies r for another connection id and file, keeping its
// storage.
func (r *factRec) reset() {
	r.order = r.order[:0]
	if r.ops != nil {
		clear(r.ops)
	}
	r.now, r.timed, r.last = 0, false, -1
	clear(r.facts.Attrs)
	r.facts = traffic.Facts{Attrs: r.facts.Attrs, Events: r.facts.Events[:0], Credentials: r.facts.Credentials[:0]}
}

// SetTime is dissect.Recorder.SetTime.
func (r *factRec) SetTime(ns int64) { r.now, r.timed = ns, true }

// Op is dissect.Recorder.Op.
func (r *factRec) Op(class, name string, code int) {
	if r.last >= 0 {
		if o := &r.order[r.last]; o.code == code && o.name == name && o.class == class {
			r.see(r.last)
			return
		}
	}
	i := -1
	if r.ops != nil && len(r.order) > smallOps {
		if j, ok := r.ops[recKey{class, name, code}]; ok {
			i = j
		}
	} else {
		for j := range r.order {
			if o := &r.order[j]; o.code == code && o.name == name && o.class == class {
				i = j
				break
			}
		}
	}
	if i < 0 {
		if len(r.order) >= traffic.MaxOps {
			r.facts.Dropped++
			return
		}
		i = len(r.order)
		// Copies: a name may be a slice of a log line.
		k := recKey{strings.Clone(class), strings.Clone(name), code}
		r.order = append(r.order, recOp{recKey: k, first: r.now, last: r.now, timed: traffic.Timed(class)})
		if len(r.order) > smallOps {
			if r.ops == nil {
				r.ops = make(map[recKey]int, 2*len(r.order))
			}
			if len(r.ops) == 0 {
				for j, o := range r.order {
					r.ops[o.recKey] = j
				}
			} else {
				r.ops[k] = i
			}
		}
	}
	r.see(i)
	r.last = i
}

func (r *factRec) see(i int) {
	o := &r.order[i]
	o.count++
	if o.timed {
		o.first, o.last = min(o.first, r.now), max(o.last, r.now)
	}
}

// Attr is dissect.Recorder.Attr.
func (r *factRec) Attr(key, value string) {
	if r.facts.Attrs == nil {
		r.facts.Attrs = make(map[string]string, 4)
	}
	old, ok := r.facts.Attrs[key]
	switch {
	case !ok:
		if len(r.facts.Attrs) >= traffic.MaxAttrs {
			r.facts.Dropped++
			return
		}
		r.facts.Attrs[strings.Clone(key)] = strings.Clone(value)
	case old != value && !slices.Contains(strings.Split(old, "|"), value):
		vals := append(strings.Split(old, "|"), value)
		slices.Sort(vals)
		r.facts.Attrs[key] = strings.Join(vals, "|")
	}
}

// Event is dissect.Recorder.Event.
func (r *factRec) Event(kind, message string) {
	if len(r.facts.Events) >= traffic.MaxEvents {
		r.facts.Dropped++
		return
	}
	e := traffic.Event{Kind: strings.Clone(kind), Message: strings.Clone(message)}
	if r.timed {
		e.Time = traffic.Stamp(r.now)
	}
	r.facts.Events = append(r.facts.Events, e)
}

// Credential is dissect.Recorder.Credential: the secret is fingerprinted
// and dropped.
func (r *factRec) Credential(kind, user string, secret []byte, isDefault bool) {
	c := traffic.FlowCredential{Kind: strings.Clone(kind), User: strings.Clone(user), Strength: evidence.SecretStrength(secret, isDefault),
		Fingerprint: evidence.Fingerprint(r.key, secret, isDefault), Default: isDefault}
	if slices.Contains(r.facts.Credentials, c) {
		return
	}
	if len(r.facts.Credentials) >= traffic.MaxCredentials {
		r.facts.Dropped++
		return
	}
	r.facts.Credentials = append(r.facts.Credentials, c)
}

// fold merges what r recorded into dst, which the caller owns: the
// result is traffic.MergeFacts(dst, &f) for f the Facts a
// dissect.Recorder would have given, without making f or copying dst.
// dst nil (the connection id's first file) gives a new Facts.
func (r *factRec) fold(dst *traffic.Facts) *traffic.Facts {
	if dst == nil {
		dst = &traffic.Facts{}
	}
	// The operations are held for every conversation until its flow is
	// written: the first file's are allocated at their number, not
	// appended one at a time into a slice grown by doubling.
	if len(dst.Ops) == 0 {
		dst.Ops = slices.Grow(dst.Ops, len(r.order))
	}
	added := false
	for _, o := range r.order {
		op := traffic.Op{Class: o.class, Name: o.name, Code: o.code, Count: o.count}
		if r.timed && o.timed {
			op.FirstSeen, op.LastSeen = traffic.Stamp(o.first), traffic.Stamp(o.last)
		}
		i := slices.IndexFunc(dst.Ops, func(x traffic.Op) bool { return x.Class == op.Class && x.Name == op.Name && x.Code == op.Code })
		if i >= 0 {
			d := &dst.Ops[i]
			d.Count += op.Count
			d.FirstSeen = traffic.Earlier(d.FirstSeen, op.FirstSeen)
			d.LastSeen = max(d.LastSeen, op.LastSeen)
			continue
		}
		dst.Ops = append(dst.Ops, op)
		added = true
	}
	if added {
		traffic.SortOps(dst.Ops)
	}
	for k, v := range r.facts.Attrs {
		if dst.Attrs == nil {
			dst.Attrs = make(map[string]string, len(r.facts.Attrs))
		}
		if old, ok := dst.Attrs[k]; ok && old != v {
			vals := append(strings.Split(old, "|"), strings.Split(v, "|")...)
			slices.Sort(vals)
			dst.Attrs[k] = strings.Join(slices.Compact(vals), "|")
		} else {
			dst.Attrs[k] = v
		}
	}
	if len(r.facts.Events) > 0 {
		dst.Events = append(dst.Events, r.facts.Events...)
		if len(dst.Events) > traffic.MaxEvents {
			dst.Dropped += len(dst.Events) - traffic.MaxEvents
			dst.Events = slices.Clip(dst.Events[:traffic.MaxEvents])
		}
	}
	if len(r.facts.Credentials) > 0 {
		for _, c := range r.facts.Credentials {
			if !slices.Contains(dst.Credentials, c) {
				dst.Credentials = append(dst.Credentials, c)
			}
		}
		traffic.SortCredentials(dst.Credentials)
	}
	dst.Dropped += r.facts.Dropped
	dst.Malformed += r.facts.Malformed
	return dst
}
